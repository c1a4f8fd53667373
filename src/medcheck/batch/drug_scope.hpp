#pragma once

#include <medcheck/rules/rule_set.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace medcheck::batch {

// Whether the checker can say anything about a written drug name.
enum class Scope {
    in_scope,     // resolves to a catalogue drug
    near_miss,    // does not resolve, but is ambiguous, nearly matches a catalogue name or names a
                  // combination with a catalogue ingredient: checked, and reported as unknown_drug
    out_of_scope, // nothing in the catalogue is like it (metformin, lisinopril): counted, not checked
};

// The classification of one written name.
struct ScopedDrug {
    Scope scope = Scope::out_of_scope;
    std::string engine_name;  // what the order gives the checker: the name as written
    std::string summary_name; // normalised name (first ingredient of a product name) for out-of-scope counts
};

// Classifies written drug names (free text, RxNorm product names, RxNorm codes) against the
// catalogue, remembering each answer: a batch asks about few distinct names many times.
// Not thread-safe: used by the single reading thread.
class DrugScope {
  public:
    explicit DrugScope(const rules::RuleSet& rules);

    // A written name: "Tylenol", "acetaminophen 325 MG Oral Tablet", "cyclobenzaprin".
    const ScopedDrug& classify(std::string_view written);
    // An RxNorm code: a catalogue name, or an ingredient's RxCUI for the drug of the same key.
    std::optional<std::string> drug_for_rxcui(std::string_view code) const;

  private:
    ScopedDrug compute(std::string_view written) const;

    const rules::RuleSet& m_rules;
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    std::unordered_map<std::string, ScopedDrug, Hash, std::equal_to<>> m_cache;
    std::unordered_map<std::string, std::string> m_rxcui;
    ScopedDrug m_uncached;
};

// Longest name classified; longer names are not catalogue names and are checked as unknown drugs.
inline constexpr std::size_t k_max_drug_name = 256;
// Distinct names remembered; beyond this, names are classified each time.
inline constexpr std::size_t k_max_cached_names = 100000;

} // namespace medcheck::batch
