#include <medcheck/check/product_name.hpp>

#include <medcheck/util/text.hpp>

#include <algorithm>
#include <array>

namespace medcheck::check {

namespace {

// Dose-form and release words that follow the strengths; they carry no ingredient.
constexpr std::array<std::string_view, 32> k_form_words{
    "oral",       "tablet",     "tablets",     "capsule", "capsules", "extended",
    "release",    "delayed",    "film",        "coated",  "chewable", "disintegrating",
    "solution",   "suspension", "transdermal", "system",  "patch",    "injection",
    "injectable", "buccal",     "sublingual",  "topical", "gel",      "cream",
    "enteric",    "er",         "xr",          "sr",      "cr",       "dr",
    "ec",         "pack"};

bool is_form_word(std::string_view word) {
    return std::find(k_form_words.begin(), k_form_words.end(), word) != k_form_words.end();
}

bool is_number(std::string_view word) {
    return util::parse_number(word).has_value();
}

std::optional<std::string> strength_unit(std::string_view word) {
    static constexpr std::array<std::string_view, 8> k_units{"mg",    "mcg",    "ug",    "g",
                                                             "mg/hr", "mcg/hr", "mg/ml", "mg/h"};
    for (const auto unit : k_units) {
        if (word == unit) {
            return std::string(unit);
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<ProductName> parse_product_name(std::string_view text) {
    ProductName product;
    std::string name = util::to_lower(util::trim(text));
    // "[Ibu]": the brand, kept aside.
    if (const auto open = name.find('['); open != std::string::npos) {
        const auto close = name.find(']', open);
        product.brand = util::normalize_name(
            name.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1));
        name.erase(open, close == std::string::npos ? std::string::npos : close - open + 1);
    }
    std::vector<std::string> words = util::split_words(name);
    // "12 HR" / "24 HR" prefixes mark extended release.
    if (words.size() >= 2 && is_number(words[0]) && (words[1] == "hr" || words[1] == "hour")) {
        product.extended_release = true;
        words.erase(words.begin(), words.begin() + 2);
    }
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        if ((words[i] == "extended" || words[i] == "delayed") && words[i + 1] == "release") {
            product.extended_release = product.extended_release || words[i] == "extended";
        }
    }
    for (const auto& word : words) {
        if (word == "er" || word == "xr" || word == "sr" || word == "cr") {
            product.extended_release = true;
        }
        if (word == "oral" || word == "transdermal" || word == "buccal" || word == "topical") {
            product.route = word;
        } else if ((word == "injection" || word == "injectable") && product.route.empty()) {
            product.route = "iv";
        }
    }
    // Ingredient parts are separated by "/" standing alone: "A 325 MG / B 10 MG ...".
    std::vector<std::vector<std::string>> parts(1);
    for (const auto& word : words) {
        if (word == "/") {
            parts.emplace_back();
        } else {
            parts.back().push_back(word);
        }
    }
    for (auto& part : parts) {
        // The last "amount unit" pair ends the ingredient; what precedes it is the name.
        std::size_t at = part.size();
        for (std::size_t i = 0; i + 1 < part.size(); ++i) {
            if (is_number(part[i]) && strength_unit(part[i + 1])) {
                at = i;
                break;
            }
        }
        if (at == part.size() || at == 0) {
            return std::nullopt;
        }
        NamedStrength strength;
        for (std::size_t i = 0; i < at; ++i) {
            if (is_form_word(part[i]) && i == 0) {
                continue;
            }
            strength.name += (strength.name.empty() ? "" : " ") + part[i];
        }
        strength.amount = *util::parse_number(part[at]);
        strength.unit = *strength_unit(part[at + 1]);
        if (strength.name.empty() || strength.amount <= 0) {
            return std::nullopt;
        }
        product.ingredients.push_back(std::move(strength));
    }
    return product;
}

} // namespace medcheck::check
