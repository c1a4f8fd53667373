#pragma once

#include <medcheck/check/resolve.hpp>
#include <medcheck/rules/rule_set.hpp>

#include <absl/container/node_hash_map.h>
#include <absl/hash/hash.h>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace medcheck::batch {

// Whether the checker can say anything about a written drug name (contract v2 decision 15: out of
// scope is positive).
enum class Scope {
    in_scope,     // resolves to a catalogue drug
    near_miss,    // does not resolve and is not recognised as outside the rules (a typo, a blank, a
                  // code or name medcheck does not know, a brand without its strength, mixed
                  // scripts): checked, and reported as unknown_drug or a missing strength
    out_of_scope, // recognised as a specific drug outside the rules (the seeded out_of_scope_drug
                  // list: metformin, atorvastatin ...): counted, not checked
};

// True when a written name is recognised as a drug outside the rules: after Unicode clean-up, the
// name, or every ingredient of it (salt and dose-form words aside; "Metformin HCl 500 MG Oral
// Tablet", "amoxicillin/clavulanate"), is in the out-of-scope list. A name with non-ASCII letters
// left, an unknown word or any catalogue ingredient is never out of scope.
bool recognised_out_of_scope(std::string_view written, const rules::RuleSet& rules);

// The classification of one written name.
struct ScopedDrug {
    Scope scope = Scope::out_of_scope;
    // What the order gives the checker: the name as written, or, for a code no name was found for
    // (claims NDC, FHIR coding), "NDC 123..." or the code as text, so that it is reported by it.
    std::string engine_name;
    std::string summary_name; // normalised name for out-of-scope counts
    // What resolve_drug said of the name alone; absent when it was not asked (a name too long to be
    // one). The checking threads use it (DrugScope is their KnownNames) instead of resolving again.
    std::optional<check::Resolution> resolution;
};

// Classifies written drug names (free text, RxNorm product names, RxNorm codes) against the
// catalogue, remembering each answer: a batch asks about few distinct names many times.
// Not thread-safe while reading (one reading thread fills it); read-only and shareable afterwards,
// when the checking threads ask it for the answers it keeps.
class DrugScope final : public check::KnownNames {
  public:
    explicit DrugScope(const rules::RuleSet& rules);
    // m_recent points into m_cache: a copy would point into the original's nodes; a move takes the
    // nodes themselves, and the pointers with them.
    DrugScope(const DrugScope&) = delete;
    DrugScope& operator=(const DrugScope&) = delete;
    DrugScope(DrugScope&&) = default;
    DrugScope& operator=(DrugScope&&) = delete;

    // A written name: "Tylenol", "acetaminophen 325 MG Oral Tablet", "cyclobenzaprin".
    const ScopedDrug& classify(std::string_view written);
    // An RxNorm code: a catalogue name, or an ingredient's RxCUI for the drug of the same key.
    std::optional<std::string> drug_for_rxcui(std::string_view code) const;
    // Whether an answer of classify() stays as it is (false: the one reused once the cache is full).
    bool kept(const ScopedDrug& answer) const { return &answer != &m_uncached; }
    // The answer kept for a name classified earlier (check::KnownNames).
    const check::Resolution* known(std::string_view name) const override;

  private:
    ScopedDrug compute(std::string_view written) const;

    const rules::RuleSet& m_rules;
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return absl::Hash<std::string_view>{}(text); }
    };
    struct Equal {
        using is_transparent = void;
        bool operator()(std::string_view a, std::string_view b) const { return a == b; }
    };
    // Node-based: callers hold references to answers while asking about further names.
    absl::node_hash_map<std::string, ScopedDrug, Hash, Equal> m_cache;
    // Answers given lately, by a cheap slot of the name (its size and three of its bytes): a batch's
    // rows name the same few drugs, found here without hashing the name. Entries of m_cache never move
    // and are never erased.
    std::array<const std::pair<const std::string, ScopedDrug>*, 64> m_recent{};
    std::unordered_map<std::string, std::string> m_rxcui;
    ScopedDrug m_uncached;
};

// Longest name classified; longer names are not catalogue names and are checked as unknown drugs.
inline constexpr std::size_t k_max_drug_name = 256;
// Distinct names remembered; beyond this, names are classified each time.
inline constexpr std::size_t k_max_cached_names = 100000;

} // namespace medcheck::batch
