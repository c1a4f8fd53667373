#pragma once

#include <medcheck/report/report_data.hpp>

#include <ostream>

namespace medcheck::report {

// Writes the report as one self-contained HTML file: inline CSS and SVG only (no scripts, fonts or
// other outside resources, so it opens offline from disk), print CSS for A4 and Letter, severity
// shown by label and shape, and every input-derived string HTML-escaped.
void write_html(std::ostream& out, const ReportData& report);

} // namespace medcheck::report
