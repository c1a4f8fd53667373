#pragma once

#include <medcheck/model/case.hpp>
#include <medcheck/model/finding.hpp>
#include <medcheck/rules/rule_set.hpp>

#include <absl/container/flat_hash_map.h>

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
    std::string problem; // why a name did not resolve, when it did not
    // Strength per tablet/capsule/patch read from a product name ("Ibuprofen 400 MG Oral Tablet") or
    // seeded for a single-strength brand ("Anaprox DS"): in the drug's written terms (mg for mass
    // drugs, mcg/h for patches). Lets "2 tablet" be checked.
    std::optional<double> unit_strength;
    // A liquid's concentration read from its name ("Acetaminophen 32 MG/ML Oral Solution", "160 mg/5 mL"),
    // in mg of the drug per mL: lets a dose in mL be checked.
    std::optional<double> mg_per_ml;
    // A brand or combination sold in several strengths and written without one ("Percocet",
    // "hydrocodone/APAP", "Tylenol" in tablets): the strengths medcheck knows, as names. Unresolved.
    std::vector<std::string> strengths;
    std::string route; // a route the name states ("Acetaminophen IV" -> "iv"); empty when none
    // The answer read the order's unit or route (an ingredient of several forms, a brand whose
    // strength a tablet count needs, a route the name states): it holds only for orders that give the
    // same unit and route. False: it holds for every order of the name.
    bool depends_on_order = false;
};

// What the order says besides the name, for names that need it (the drug key `buprenorphine` is a
// patch in mcg/h or a buccal film; "Tylenol" in tablets needs its strength).
struct OrderHints {
    std::string_view unit;  // as written: "mcg/h", "tablet", "mg"; empty when none
    std::string_view route; // as written: "transdermal", "buccal", "PO"; empty when none
};

// Resolves a name, never guessing:
// 1. Unicode clean-up (NFKC, zero-width and format characters removed); a name that still holds
//    non-ASCII letters (mixed scripts, Cyrillic/Greek look-alikes, accents) never resolves;
// 2. a catalogue name (generic, brand, salt, abbreviation, rxcui:N), case and spacing ignored;
// 3. an RxNorm-style clinical or branded drug name ("Acetaminophen 325 MG / HYDROcodone Bitartrate
//    10 MG Oral Tablet", "12 HR ... Extended Release Oral Capsule", "... [Ibu]"), in any ingredient
//    order, matched on ingredients and strengths;
// 4. a name as people write it: salt, dose-form, release and route words ("oxycodone hcl ER",
//    "Acetaminophen IV"), a parenthesised brand or release note ("HYDROmorphone (Dilaudid)",
//    "OxyCODONE (Immediate Release)"), ingredients joined by / w/ with and - ("hydrocodone/apap
//    10/325"); a brand or combination with several strengths written without one is unresolved
//    and lists them (`strengths`);
// 5. an ingredient with several forms (buprenorphine) by the order's unit and route.
// Near misses are returned as suggestions, not matches.
Resolution resolve_drug(std::string_view name, const rules::RuleSet& rules, const OrderHints& hints = {});

// Answers resolve_drug gave for names alone (no unit or route), kept by whoever resolved them first:
// a batch reader resolves each distinct name once, to decide its scope, and the checking threads use
// its answers rather than resolving the name again. Read-only, and shared, while checking.
class KnownNames {
  public:
    virtual ~KnownNames() = default;
    // The answer for a name alone against the same RuleSet; null when the name was not resolved.
    virtual const Resolution* known(std::string_view name) const = 0;

  protected:
    KnownNames() = default;
    KnownNames(const KnownNames&) = default;
    KnownNames(KnownNames&&) = default;
    KnownNames& operator=(const KnownNames&) = default;
    KnownNames& operator=(KnownNames&&) = default;
};

// Remembers resolve_drug's answers for one RuleSet: a batch names few distinct drugs many times.
// Not thread-safe: each checking thread owns one. Bounded: cleared when full.
class ResolveCache {
  public:
    // `known`: answers already resolved for names alone (see KnownNames), asked first; each must
    // outlive the cache.
    explicit ResolveCache(const rules::RuleSet& rules, std::vector<const KnownNames*> known = {})
        : m_rules(rules), m_known(std::move(known)) {}
    // resolve_drug(name, rules, hints); the reference stays valid until the next call. A known answer
    // that did not depend on the order is used as it is.
    const Resolution& resolve(std::string_view name, const OrderHints& hints = {});
    const rules::RuleSet& rules() const { return m_rules; }

  private:
    const rules::RuleSet& m_rules;
    std::vector<const KnownNames*> m_known;
    std::string m_key;
    absl::flat_hash_map<std::string, Resolution> m_answers;
};

// Distinct (name, unit, route) answers a ResolveCache keeps.
inline constexpr std::size_t k_max_cached_resolutions = 4096;

// The finding for an order whose drug did not resolve (unverifiable): `invalid_input` naming the
// strengths of a multi-strength brand, otherwise `unknown_drug` with the reason and suggestions.
model::Finding unresolved_finding(const model::MedicationOrder& order, int index,
                                  const Resolution& resolution);

} // namespace medcheck::check
