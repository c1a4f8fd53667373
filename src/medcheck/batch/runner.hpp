#pragma once

#include <medcheck/batch/findings_writer.hpp>
#include <medcheck/batch/patient_store.hpp>
#include <medcheck/check/resolve.hpp>
#include <medcheck/model/severity.hpp>
#include <medcheck/rules/rule_set.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace medcheck::batch {

// What checking the patients of a batch produced.
struct RunStats {
    std::uint64_t findings = 0;
    std::array<std::uint64_t, 5> findings_by_severity{}; // indexed by model::Severity
    std::map<std::string, std::uint64_t> findings_by_kind;
    std::array<std::uint64_t, 5> patients_by_verdict{}; // indexed by model::Verdict
    std::uint64_t patients_checked = 0;
    std::uint64_t patients_without_orders = 0; // no order in scope: nothing to check
    std::optional<model::Verdict> worst;       // none when no patient was checked

    // Adds another block's counts.
    void merge(const RunStats& other);
};

// How the checks run and what they write.
struct RunOptions {
    unsigned jobs = 1;
    FindingsFormat format = FindingsFormat::jsonl;
    CaseOptions case_options;
    std::vector<std::string> record_prefixes; // per input, see build_case
    // What the readers resolved (their DrugScopes): checking starts from these answers.
    std::vector<const check::KnownNames*> known_names;
    std::function<void(std::size_t, std::size_t)> on_progress; // patients done, total (main thread)
};

// Checks every patient with orders, `jobs` at a time, and writes their findings to `out` in patient
// order (first appearance in the input). The bytes written do not depend on `jobs`.
RunStats run_checks(const PatientStore& store, const rules::RuleSet& rules, const RunOptions& options,
                    std::ostream& out);
// The same over patients of several stores (the parallel reader's owners), in the order given.
RunStats run_checks(const std::vector<PatientRef>& patients, const rules::RuleSet& rules,
                    const RunOptions& options, std::ostream& out);

} // namespace medcheck::batch
