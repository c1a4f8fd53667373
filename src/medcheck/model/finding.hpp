#pragma once

#include <medcheck/model/severity.hpp>

#include <optional>
#include <string>
#include <vector>

namespace medcheck::model {

// One thing the checker has to say about a case. The first eight fields are the contract's
// JSON finding; the rest say where it came from (for tests, reports and batch references).
struct Finding {
    Severity severity = Severity::info;
    std::string kind;                // contract finding kind, e.g. "max_daily_dose"
    std::optional<std::string> drug; // drug key (or the name as written when unknown); none for the case
    std::string message;
    std::optional<double> actual;
    std::optional<double> limit;
    std::string unit; // unit of actual and limit, e.g. "mg/day"; empty when there are none
    std::string source;

    std::string rule_id;      // the rule row that fired, or a built-in check id ("input.dose")
    std::optional<int> order; // index into Case::medications when the finding is about orders
    // Every order a combining finding adds up or pairs (daily sums, cumulative ingredients,
    // interactions, duplicates, MME), in ascending order; empty for single-order findings.
    std::vector<int> orders;
    std::string alternative; // a safer option the rule suggests, if any
};

} // namespace medcheck::model
