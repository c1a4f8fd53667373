#pragma once

#include <medcheck/rules/rule_set.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace medcheck::check {

// The outcome of looking a written drug name up in the catalogue.
struct Resolution {
    const rules::Drug* drug = nullptr;   // set when exactly one drug matched
    std::vector<std::string> candidates; // several matches (ambiguous), or near misses when none matched
    bool ambiguous = false;
    std::string problem; // why a product name did not resolve, when it did not
    // Strength per tablet/capsule/patch read from a product name ("Ibuprofen 400 MG Oral Tablet"):
    // in the drug's written terms (mg for mass drugs, mcg/h for patches). Lets "2 tablet" be checked.
    std::optional<double> unit_strength;
};

// Resolves a name, never guessing:
// 1. a catalogue name (generic, brand, salt, rxcui:N), after normalising case, spaces, underscores;
// 2. an RxNorm-style clinical or branded drug name ("Acetaminophen 325 MG / HYDROcodone Bitartrate
//    10 MG Oral Tablet", "12 HR ... Extended Release Oral Capsule", "... [Ibu]"), in any ingredient
//    order, matched on ingredients and strengths;
// 3. a catalogue name followed by dose-form words only ("ibuprofen oral tablet").
// Near misses are returned as suggestions, not matches.
Resolution resolve_drug(std::string_view name, const rules::RuleSet& rules);

} // namespace medcheck::check
