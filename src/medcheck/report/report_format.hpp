#pragma once

#include <medcheck/report/report_data.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace medcheck::report {

// The report writers.
enum class ReportFormat { html, markdown, json };

// "html", "md" (or "markdown"), "json"; nullopt otherwise.
std::optional<ReportFormat> parse_report_format(std::string_view text);

// The format an output path's extension asks for (.md, .json, otherwise HTML).
ReportFormat format_for_path(std::string_view path);

// Writes the report in the given format.
void write_report(std::ostream& out, const ReportData& report, ReportFormat format);

// True for a real calendar date written YYYY-MM-DD.
bool is_report_date(std::string_view text);

// The date a report carries when none is given: SOURCE_DATE_EPOCH (seconds, for reproducible
// output) when set and valid, else today's UTC date; YYYY-MM-DD.
std::string default_report_date();

} // namespace medcheck::report
