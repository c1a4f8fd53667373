#pragma once

#include <medcheck/model/severity.hpp>
#include <medcheck/model/text.hpp>

#include <optional>
#include <string>
#include <vector>

namespace medcheck::model {

// One thing the checker has to say about a case. The first eight fields are the contract's
// JSON finding; the rest say where it came from (for tests, reports and batch references).
// Texts taken from a rule as they stand borrow the rule's (model::Text), and so does a drug key taken
// from the rule set's drug: a finding must not outlive the rule set it was checked against.
struct Finding {
    // Defaulted below, after this declaration: a user-provided constructor, so that making a finding in
    // place (`findings.emplace_back()`, value-initialisation) runs the members' initialisers alone
    // instead of first zeroing the finding's ~360 bytes and then initialising them.
    Finding() noexcept;

    Severity severity = Severity::info;
    Text kind;                // contract finding kind, e.g. "max_daily_dose"
    std::optional<Text> drug; // drug key (or the name as written when unknown); none for the case
    Text message;
    std::optional<double> actual;
    std::optional<double> limit;
    Text unit; // unit of actual and limit, e.g. "mg/day"; empty when there are none
    Text source;

    Text rule_id;             // the rule row that fired, or a built-in check id ("input.dose")
    std::optional<int> order; // index into Case::medications when the finding is about orders
    // Every order a combining finding adds up or pairs (daily sums, cumulative ingredients,
    // interactions, duplicates, MME), in ascending order; empty for single-order findings.
    std::vector<int> orders;
    Text alternative; // a safer option the rule suggests, if any
};

inline Finding::Finding() noexcept = default;

} // namespace medcheck::model
