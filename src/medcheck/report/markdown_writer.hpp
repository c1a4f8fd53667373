#pragma once

#include <medcheck/report/report_data.hpp>

#include <ostream>

namespace medcheck::report {

// Writes the report as Markdown for pasting into tickets: the same content as the HTML, with every
// input-derived string Markdown-escaped.
void write_markdown(std::ostream& out, const ReportData& report);

} // namespace medcheck::report
