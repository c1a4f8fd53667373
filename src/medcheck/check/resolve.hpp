#pragma once

#include <medcheck/rules/rule_set.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace medcheck::check {

// The outcome of looking a written drug name up in the catalogue.
struct Resolution {
    const rules::Drug* drug = nullptr;   // set when exactly one drug matched
    std::vector<std::string> candidates; // several matches (ambiguous), or near misses when none matched
    bool ambiguous = false;
};

// Resolves a name by its normalised spelling (case, spaces, underscores); never guesses: a near miss
// is returned as a suggestion, not a match.
Resolution resolve_drug(std::string_view name, const rules::RuleSet& rules);

} // namespace medcheck::check
