#pragma once

#include <medcheck/report/report_data.hpp>

#include <ostream>

namespace medcheck::report {

// Writes the report as JSON data (the same content as the HTML), keys in a fixed order, numbers
// rounded as in the contract output, invalid UTF-8 from inputs replaced: same input, same bytes.
void write_json(std::ostream& out, const ReportData& report);

} // namespace medcheck::report
