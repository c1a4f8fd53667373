#pragma once

#include <medcheck/model/finding.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace medcheck::batch {

// How findings are written: one JSON object per line, or CSV with a header.
enum class FindingsFormat { jsonl, csv };

std::optional<FindingsFormat> parse_findings_format(std::string_view text);

// Writes what comes before the first finding (the CSV header; nothing for JSONL).
void write_findings_header(std::ostream& out, FindingsFormat format);

// Appends one finding as a line: patient_id, record reference, then the contract's finding fields
// (severity, kind, drug, message, actual, limit, unit, source).
void append_finding(std::string& out, FindingsFormat format, std::string_view patient_id,
                    std::string_view record, const model::Finding& finding);

// Appends a JSON string literal exactly as nlohmann::json writes it (invalid UTF-8 replaced).
void append_json_string(std::string& out, std::string_view text);

// Appends one CSV field, quoted when it holds a comma, quote, or line break (RFC 4180). A field that
// starts with = + - @ tab or CR gets a leading ' (and quotes), so a spreadsheet shows it as text
// instead of running it as a formula (OWASP CSV injection).
void append_csv_field(std::string& out, std::string_view text);

} // namespace medcheck::batch
