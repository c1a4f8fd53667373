#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace medcheck::check {

// One ingredient of a product name with its labelled strength per unit.
struct NamedStrength {
    std::string name; // as written, normalised: "hydrocodone bitartrate"
    double amount = 0;
    std::string unit; // "mg", "mcg", "mcg/h", "mg/ml"
};

// A clinical or branded drug name as EHRs export it (RxNorm style), taken apart.
struct ProductName {
    std::vector<NamedStrength> ingredients; // in the order written
    bool extended_release = false;
    std::string route; // "oral", "transdermal", ... when the dose form says so
    std::string brand; // text in [brackets], normalised
};

// Parses names like "Acetaminophen 325 MG / HYDROcodone Bitartrate 10 MG Oral Tablet",
// "Ibuprofen 400 MG Oral Tablet [Ibu]", "12 HR Hydrocodone Bitartrate 10 MG Extended Release Oral
// Capsule", "fentanyl 0.025 MG/HR Transdermal System". nullopt when it has no "name amount unit" part.
std::optional<ProductName> parse_product_name(std::string_view text);

// The release a name's words ask for ("ER", "SR", "12 hr", "(Immediate Release)").
enum class WrittenRelease { unspecified, immediate, extended };

// A drug name as people write it, taken apart: "oxycodone w/ acetaminophen", "HYDROmorphone
// (Dilaudid)", "Oxycodone-Acetaminophen (5mg-325mg)", "morphine sulfate ER", "Acetaminophen IV".
// Dose-form words (tablet, cap, oral solution ...) are dropped; release and route words are noted.
struct WrittenName {
    std::vector<std::string> phrases; // ingredient or brand phrases between separators (/ + & w/ with
                                      // and), in order, salt words kept; hyphens are not split here
    std::vector<std::string> notes;   // parenthesised text that is not a release, route or strength
    std::vector<double> strengths_mg; // written strengths ("5/325", "5mg-325mg", "150 mcg"), in mg
    WrittenRelease release = WrittenRelease::unspecified;
    std::string route; // a route key the name gives (model::Route: "iv", "oral", "transdermal", ...),
                       // k_injection (iv or im?); empty when none
};

// WrittenName::route for "injection" / "inj": iv or im, the name does not say which.
inline constexpr std::string_view k_injection = "injection";

// Takes a normalised (lower-case, single-spaced) name apart. Never fails: unknown words stay in
// the phrases, so a name with words medcheck does not know does not resolve.
WrittenName parse_written_name(std::string_view normalized);

// The phrase without salt words (hcl, hydrochloride, bitartrate, sulfate, sodium ...), which do not
// change the ingredient (clinical reference 2.5): "oxycodone hcl" -> "oxycodone". Callers try the
// phrase as written first, so "naproxen sodium" (which converts, 2.3) keeps its salt.
std::string without_salt_words(std::string_view phrase);

// A phrase split at hyphens between words ("oxycodone-acetaminophen" -> {oxycodone,
// acetaminophen}); empty when the phrase has no such hyphen.
std::vector<std::string> hyphen_parts(std::string_view phrase);

} // namespace medcheck::check
