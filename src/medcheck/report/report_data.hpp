#pragma once

#include <medcheck/check/result.hpp>
#include <medcheck/model/case.hpp>
#include <medcheck/model/finding.hpp>
#include <medcheck/model/severity.hpp>
#include <medcheck/rules/rule_set.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace medcheck::report {

// Most rules listed (and charted) in the summary's "rules that fire most".
inline constexpr std::size_t k_top_rules = 10;

// An input the report was built from, with the SHA-256 of its bytes (empty when there is no file).
struct InputDigest {
    std::string path;
    std::string sha256;
};

// One order as the report shows it: the readable sig and what the drug resolved to.
struct OrderLine {
    std::string sig;
    std::string written_drug;
    std::string drug_key;  // empty when the name did not resolve
    std::string reference; // where the order came from ("file.csv:14", a FHIR id), may be empty
    std::string reading;   // how it was read: "2 tablets every 4 h as needed = up to 12 tablets/day: ..."
};

// A finding with the safer option the report suggests for it.
struct FindingLine {
    model::Finding finding;
    std::string alternative;             // the rule's own alternative, or one computed from its limit
    bool alternative_from_limit = false; // true when computed ("reduce to at most <limit> <unit>")
};

// Everything the report says about one patient.
struct PatientSection {
    std::string source; // the input (and record) the case came from
    model::Verdict verdict = model::Verdict::ok;
    check::PatientContext factors; // the patient factors the rules used
    std::optional<double> total_mme;
    std::vector<OrderLine> orders;
    std::vector<FindingLine> findings; // worst first, as the checker sorted them
};

// A record that could not be read, so it was not checked.
struct RejectedRecord {
    std::string location; // "file.json", "file.csv:14"
    std::string field;    // may be empty
    std::string reason;
};

// Records deliberately not checked (a stopped order), counted by reason.
struct SkippedRecords {
    std::string reason;
    std::uint64_t count = 0;
};

// A name with a count (finding kinds, out-of-scope drugs).
struct NamedCount {
    std::string name;
    std::uint64_t count = 0;
};

// How often one rule fired: the alert-fatigue view.
struct RuleStat {
    std::string rule_id;
    std::string kind;
    model::Severity severity = model::Severity::info; // the worst severity it fired with
    std::uint64_t findings = 0;
    std::uint64_t patients = 0;
    double per_100_orders = 0;
};

// The numbers at the top of the report. Alerts are findings of warning or worse (info notes are
// not alerts).
struct Summary {
    std::uint64_t patients = 0;
    std::uint64_t orders = 0;
    std::uint64_t findings = 0;
    std::uint64_t alerts = 0;
    double alerts_per_100_orders = 0;
    std::array<std::uint64_t, 5> findings_by_severity{}; // indexed by model::Severity
    std::vector<NamedCount> findings_by_kind;            // most first, then by name
    std::array<std::uint64_t, 5> patients_by_verdict{};  // indexed by model::Verdict
    std::vector<RuleStat> top_rules;                     // most findings first, at most k_top_rules
    std::uint64_t rules_that_fired = 0;
    std::uint64_t rejected = 0; // may exceed the rejected records listed
    std::uint64_t skipped = 0;
};

// A whole review report, ready for any writer. Every string from the inputs is untrusted text.
struct ReportData {
    std::string title;
    std::string as_of; // YYYY-MM-DD
    std::string medcheck_version;
    rules::DatabaseInfo database;
    std::vector<InputDigest> inputs;
    Summary summary;
    std::vector<PatientSection> patients; // worst verdict first, then by patient id, then input order
    std::vector<RejectedRecord> rejected;
    std::vector<SkippedRecords> skipped;
    std::vector<NamedCount> out_of_scope; // drugs outside the catalogue, counted, most first
};

// One checked patient, as the report is built from it.
struct CheckedPatient {
    model::Case input;
    check::CheckResult result;
    std::string source;
};

// What the report says about itself.
struct ReportHeader {
    std::string title;
    std::string as_of;
    std::string medcheck_version;
    rules::DatabaseInfo database;
    std::vector<InputDigest> inputs;
};

// Records that were read but not checked.
struct RecordAccounting {
    std::vector<RejectedRecord> rejected;
    std::uint64_t rejected_total = 0; // at least rejected.size()
    std::vector<SkippedRecords> skipped;
    std::vector<NamedCount> out_of_scope;
};

// Builds the report: patients sorted worst first, findings with suggested alternatives, and the
// summary arithmetic. Same input, same data.
ReportData build_report(ReportHeader header, std::vector<CheckedPatient> patients, RecordAccounting records);

// The safer option shown for a finding: the rule's own alternative; for a max_single_dose or
// max_daily_dose finding without one, "reduce to at most <limit> <unit>" from the rule's limit;
// otherwise empty. Never invents a dose.
FindingLine suggest_alternative(const model::Finding& finding);

} // namespace medcheck::report
