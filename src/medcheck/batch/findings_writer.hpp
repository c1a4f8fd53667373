#pragma once

#include <medcheck/model/finding.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace medcheck::batch {

// How findings are written: one JSON object per line, or CSV with a header.
enum class FindingsFormat { jsonl, csv };

std::optional<FindingsFormat> parse_findings_format(std::string_view text);

// Writes what comes before the first finding (the CSV header; nothing for JSONL).
void write_findings_header(std::ostream& out, FindingsFormat format);

// The source system's ids of the orders a finding is about, so that a pharmacist can join findings
// back: CSV prescription_id, FHIR MedicationRequest id.
struct FindingSource {
    std::string_view prescription_id;               // the finding's own order; empty when none
    std::vector<std::string_view> prescription_ids; // every order it involves (sums, pairs), in order
};

// Appends one finding as a line: patient_id, record reference, prescription_id (null when none),
// prescription_ids (CSV: ;-separated), then the contract's finding fields (severity, kind, drug,
// message, actual, limit, unit, source).
void append_finding(std::string& out, FindingsFormat format, std::string_view patient_id,
                    std::string_view record, const FindingSource& source, const model::Finding& finding);

// Appends a JSON string literal exactly as nlohmann::json writes it (invalid UTF-8 replaced).
void append_json_string(std::string& out, std::string_view text);

// Appends one CSV field, quoted when it holds a comma, quote, or line break (RFC 4180). A field that
// starts with = + - @ tab or CR gets a leading ' (and quotes), so a spreadsheet shows it as text
// instead of running it as a formula (OWASP CSV injection).
void append_csv_field(std::string& out, std::string_view text);

} // namespace medcheck::batch
