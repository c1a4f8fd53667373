#pragma once

#include <medcheck/model/finding.hpp>
#include <medcheck/rules/rule_set.hpp>

#include <absl/container/flat_hash_set.h>

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
    // The caller found the patient id, the record and every id above plain (json_plain), once for all
    // the findings that repeat them; false: append_finding checks them itself.
    bool ids_plain = false;
};

// True when `text` goes into a JSON string as it is: printable ASCII other than " and \.
bool json_plain(std::string_view text);

// The rule set's texts that need no JSON escaping, found once: a finding's text that borrows one
// (model::Text::borrowed) is then not scanned again for each of the millions of findings of a batch.
// Holds pointers into the rule set, which must outlive it.
class PlainRuleTexts {
  public:
    PlainRuleTexts() = default;
    explicit PlainRuleTexts(const rules::RuleSet& rules);
    bool contains(const model::Text& text) const {
        return text.borrowed() != nullptr && m_texts.contains(text.borrowed());
    }

  private:
    void add(const std::string& text);
    absl::flat_hash_set<const std::string*> m_texts;
};

// Appends one finding as a line: patient_id, record reference, prescription_id (null when none),
// prescription_ids (CSV: ;-separated), then the contract's finding fields (severity, kind, drug,
// message, actual, limit, unit, source). `plain`: the rule texts known plain, if any.
void append_finding(std::string& out, FindingsFormat format, std::string_view patient_id,
                    std::string_view record, const FindingSource& source, const model::Finding& finding,
                    const PlainRuleTexts* plain = nullptr);

// Appends a finding's number exactly as io::number_json(value).dump() writes it (4 decimals, whole
// numbers as integers), without building a JSON value.
void append_json_number(std::string& out, double value);

// Appends a JSON string literal exactly as nlohmann::json writes it (invalid UTF-8 replaced).
void append_json_string(std::string& out, std::string_view text);

// Appends one CSV field, quoted when it holds a comma, quote, or line break (RFC 4180). A field that
// starts with = + - @ tab or CR gets a leading ' (and quotes), so a spreadsheet shows it as text
// instead of running it as a formula (OWASP CSV injection).
void append_csv_field(std::string& out, std::string_view text);

} // namespace medcheck::batch
