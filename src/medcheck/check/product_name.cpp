#include <medcheck/check/product_name.hpp>

#include <medcheck/model/route.hpp>
#include <medcheck/util/text.hpp>

#include <algorithm>
#include <array>
#include <cctype>

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

// "[Ibu]": the brand, kept aside and taken out of `name`.
void take_product_brand(std::string& name, ProductName& product) {
    if (const auto open = name.find('['); open != std::string::npos) {
        const auto close = name.find(']', open);
        product.brand = util::normalize_name(
            name.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1));
        name.erase(open, close == std::string::npos ? std::string::npos : close - open + 1);
    }
}

// Release and route words; a "12 HR" / "24 HR" prefix (extended release) is taken out of `words`.
void read_product_release_and_route(std::vector<std::string>& words, ProductName& product) {
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
            product.route = std::string(model::to_string(model::Route::iv));
        }
    }
}

// A liquid's concentration in mg per mL from "mg/5" "ml" ("160 mg/5 mL") or "10mg/5ml" (with its
// amount); nullopt for anything else.
std::optional<double> per_volume(std::string_view unit, std::string_view next) {
    if (!unit.starts_with("mg/") || next != "ml") {
        return std::nullopt;
    }
    const auto volume = util::parse_number(unit.substr(3));
    return volume && *volume > 0 ? std::optional<double>(*volume) : std::nullopt;
}
std::optional<NamedStrength> concentration_token(std::string_view word) {
    const auto mg = word.find("mg/");
    if (mg == std::string_view::npos || mg == 0 || !word.ends_with("ml")) {
        return std::nullopt;
    }
    const auto amount = util::parse_number(word.substr(0, mg));
    const auto volume = util::parse_number(word.substr(mg + 3, word.size() - mg - 5));
    if (!amount || !volume || *volume <= 0) {
        return std::nullopt;
    }
    return NamedStrength{{}, *amount / *volume, "mg/ml"};
}

// "(Oral Solution)": a parenthesised group of route and dose-form words says nothing of the drug.
bool form_group(const std::vector<std::string>& part, std::size_t open, std::size_t& close) {
    if (!part[open].starts_with("(")) {
        return false;
    }
    for (close = open; close < part.size(); ++close) {
        std::string_view word = part[close];
        const bool last = word.ends_with(")");
        word = word.substr(word.starts_with("(") ? 1 : 0);
        word = word.substr(0, word.size() - (last ? 1 : 0));
        if (!is_form_word(word) && word != "oral" && word != "soln" && word != "soln.") {
            return false;
        }
        if (last) {
            return true;
        }
    }
    return false;
}

// One ingredient part "name amount unit [form words]": the last "amount unit" pair ends the ingredient
// and what precedes it is the name; nullopt when the part has no such pair or no name. A liquid's
// concentration ("2 mg/mL", "160 mg/5 mL", "10mg/5mL") is an amount in mg/ml.
std::optional<NamedStrength> product_ingredient(const std::vector<std::string>& part) {
    std::size_t at = part.size();
    NamedStrength strength;
    for (std::size_t i = 0; i < part.size(); ++i) {
        if (i + 1 < part.size() && is_number(part[i]) && strength_unit(part[i + 1])) {
            strength.amount = *util::parse_number(part[i]);
            strength.unit = *strength_unit(part[i + 1]);
            at = i;
            break;
        }
        if (i + 2 < part.size() && is_number(part[i])) {
            if (const auto volume = per_volume(part[i + 1], part[i + 2])) {
                strength.amount = *util::parse_number(part[i]) / *volume;
                strength.unit = "mg/ml";
                at = i;
                break;
            }
        }
        if (auto liquid = concentration_token(part[i])) {
            strength = std::move(*liquid);
            at = i;
            break;
        }
    }
    if (at == part.size() || at == 0) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < at; ++i) {
        std::size_t close = 0;
        if (i > 0 && form_group(part, i, close) && close < at) {
            i = close;
            continue;
        }
        if (is_form_word(part[i]) && i == 0) {
            continue;
        }
        strength.name += (strength.name.empty() ? "" : " ") + part[i];
    }
    if (strength.name.empty() || strength.amount <= 0) {
        return std::nullopt;
    }
    return strength;
}

} // namespace

std::optional<ProductName> parse_product_name(std::string_view text) {
    ProductName product;
    std::string name = util::to_lower(util::trim(text));
    take_product_brand(name, product);
    std::vector<std::string> words = util::split_words(name);
    read_product_release_and_route(words, product);
    // Ingredient parts are separated by "/" standing alone: "A 325 MG / B 10 MG ...".
    std::vector<std::vector<std::string>> parts(1);
    for (const auto& word : words) {
        if (word == "/") {
            parts.emplace_back();
        } else {
            parts.back().push_back(word);
        }
    }
    for (const auto& part : parts) {
        auto strength = product_ingredient(part);
        if (!strength) {
            return std::nullopt;
        }
        product.ingredients.push_back(std::move(*strength));
    }
    return product;
}

} // namespace medcheck::check

namespace medcheck::check {

namespace {

// Words of written names (clinical reference 2.5): what they mean for resolution. One table so a
// pharmacist can review it.
// injection: iv or im, the name does not say which (WrittenName::route "injection").
enum class WordRole { salt, form, release_er, release_ir, separator, route, injection };
struct NameWord {
    std::string_view word;
    WordRole role;
    model::Route route; // for WordRole::route
};
constexpr std::array<NameWord, 87> k_name_words{{
    // Salt words: do not change the ingredient (2.5).
    {"hcl", WordRole::salt, model::Route::absent},
    {"hydrochloride", WordRole::salt, model::Route::absent},
    {"bitartrate", WordRole::salt, model::Route::absent},
    {"sodium", WordRole::salt, model::Route::absent},
    {"potassium", WordRole::salt, model::Route::absent},
    {"phosphate", WordRole::salt, model::Route::absent},
    {"sulfate", WordRole::salt, model::Route::absent},
    {"sulphate", WordRole::salt, model::Route::absent},
    {"tartrate", WordRole::salt, model::Route::absent},
    {"citrate", WordRole::salt, model::Route::absent},
    {"maleate", WordRole::salt, model::Route::absent},
    {"besylate", WordRole::salt, model::Route::absent},
    {"mesylate", WordRole::salt, model::Route::absent},
    {"succinate", WordRole::salt, model::Route::absent},
    {"tromethamine", WordRole::salt, model::Route::absent},
    {"bisulfate", WordRole::salt, model::Route::absent},
    {"hydrobromide", WordRole::salt, model::Route::absent},
    {"hbr", WordRole::salt, model::Route::absent},
    {"fumarate", WordRole::salt, model::Route::absent},
    {"calcium", WordRole::salt, model::Route::absent},
    {"magnesium", WordRole::salt, model::Route::absent},
    // Dose forms and their adjectives: carry no ingredient.
    {"tablet", WordRole::form, model::Route::absent},
    {"tablets", WordRole::form, model::Route::absent},
    {"tab", WordRole::form, model::Route::absent},
    {"tabs", WordRole::form, model::Route::absent},
    {"capsule", WordRole::form, model::Route::absent},
    {"capsules", WordRole::form, model::Route::absent},
    {"cap", WordRole::form, model::Route::absent},
    {"caps", WordRole::form, model::Route::absent},
    {"caplet", WordRole::form, model::Route::absent},
    {"caplets", WordRole::form, model::Route::absent},
    {"gelcap", WordRole::form, model::Route::absent},
    {"gelcaps", WordRole::form, model::Route::absent},
    {"softgel", WordRole::form, model::Route::absent},
    {"softgels", WordRole::form, model::Route::absent},
    {"liquigel", WordRole::form, model::Route::absent},
    {"liquigels", WordRole::form, model::Route::absent},
    {"pill", WordRole::form, model::Route::absent},
    {"pills", WordRole::form, model::Route::absent},
    {"film", WordRole::form, model::Route::absent},
    {"coated", WordRole::form, model::Route::absent},
    {"chewable", WordRole::form, model::Route::absent},
    {"disintegrating", WordRole::form, model::Route::absent},
    {"odt", WordRole::form, model::Route::absent},
    {"solution", WordRole::form, model::Route::absent},
    {"suspension", WordRole::form, model::Route::absent},
    {"liquid", WordRole::form, model::Route::absent},
    {"system", WordRole::form, model::Route::absent},
    {"delayed", WordRole::form, model::Route::absent}, // delayed release is not extended release
    {"dr", WordRole::form, model::Route::absent},
    {"ec", WordRole::form, model::Route::absent},
    {"enteric", WordRole::form, model::Route::absent},
    {"release", WordRole::form, model::Route::absent},
    {"rel", WordRole::form, model::Route::absent},
    {"acting", WordRole::form, model::Route::absent},
    {"pack", WordRole::form, model::Route::absent},
    // Release: extended-release words select the ER key where one exists (2.5).
    {"er", WordRole::release_er, model::Route::absent},
    {"xr", WordRole::release_er, model::Route::absent},
    {"sr", WordRole::release_er, model::Route::absent},
    {"cr", WordRole::release_er, model::Route::absent},
    {"xl", WordRole::release_er, model::Route::absent},
    {"la", WordRole::release_er, model::Route::absent},
    {"extended", WordRole::release_er, model::Route::absent},
    {"ext", WordRole::release_er, model::Route::absent},
    {"sustained", WordRole::release_er, model::Route::absent},
    {"controlled", WordRole::release_er, model::Route::absent},
    {"long", WordRole::release_er, model::Route::absent},
    {"ir", WordRole::release_ir, model::Route::absent},
    {"immediate", WordRole::release_ir, model::Route::absent},
    {"short", WordRole::release_ir, model::Route::absent},
    // Between ingredients.
    {"/", WordRole::separator, model::Route::absent},
    {"+", WordRole::separator, model::Route::absent},
    {"&", WordRole::separator, model::Route::absent},
    {"with", WordRole::separator, model::Route::absent},
    {"and", WordRole::separator, model::Route::absent},
    // Routes.
    {"iv", WordRole::route, model::Route::iv},
    {"intravenous", WordRole::route, model::Route::iv},
    {"po", WordRole::route, model::Route::oral},
    {"oral", WordRole::route, model::Route::oral},
    {"transdermal", WordRole::route, model::Route::transdermal},
    {"patch", WordRole::route, model::Route::transdermal},
    {"buccal", WordRole::route, model::Route::buccal},
    {"im", WordRole::route, model::Route::im},
    {"topical", WordRole::route, model::Route::topical},
    {"injection", WordRole::injection, model::Route::absent},
    {"inj", WordRole::injection, model::Route::absent},
    {"sublingual", WordRole::route, model::Route::sublingual},
}};

const NameWord* name_word(std::string_view word) {
    for (const auto& entry : k_name_words) {
        if (entry.word == word) {
            return &entry;
        }
    }
    return nullptr;
}

// "5", "7.5", "5mg", "150mcg", "5/325", "5mg-325mg", "5-325": strengths in mg; nullopt otherwise.
std::optional<std::vector<double>> strength_token(std::string_view token) {
    std::vector<double> out;
    std::size_t i = 0;
    while (i < token.size()) {
        std::size_t j = i;
        while (j < token.size() && ((token[j] >= '0' && token[j] <= '9') || token[j] == '.')) {
            ++j;
        }
        if (j == i) {
            return std::nullopt;
        }
        const auto number = util::parse_number(token.substr(i, j - i));
        if (!number || *number <= 0) {
            return std::nullopt;
        }
        double factor = 1;
        std::size_t k = j;
        while (k < token.size() && token[k] >= 'a' && token[k] <= 'z') {
            ++k;
        }
        const std::string_view unit = token.substr(j, k - j);
        if (unit == "mcg" || unit == "ug") {
            factor = 0.001;
        } else if (unit == "g") {
            factor = 1000;
        } else if (!unit.empty() && unit != "mg") {
            return std::nullopt;
        }
        out.push_back(*number * factor);
        if (k == token.size()) {
            break;
        }
        if (token[k] != '/' && token[k] != '-') {
            return std::nullopt;
        }
        i = k + 1;
        if (i == token.size()) {
            return std::nullopt;
        }
    }
    if (out.empty()) {
        return std::nullopt;
    }
    return out;
}

std::vector<std::string> tokenize(std::string_view text) {
    std::string spaced;
    for (char c : text) {
        if (c == '+' || c == '&') {
            spaced += ' ';
            spaced += c;
            spaced += ' ';
        } else {
            spaced += c;
        }
    }
    std::vector<std::string> out;
    for (auto word : util::split_words(spaced)) {
        if (word.rfind("w/", 0) == 0) {
            out.emplace_back("with");
            word = word.substr(2);
            if (word.empty()) {
                continue;
            }
        }
        if (word.find('/') != std::string::npos && !strength_token(word)) {
            std::size_t start = 0;
            while (true) {
                const std::size_t slash = word.find('/', start);
                const std::string piece =
                    word.substr(start, slash == std::string::npos ? slash : slash - start);
                if (!piece.empty()) {
                    out.push_back(piece);
                }
                if (slash == std::string::npos) {
                    break;
                }
                out.emplace_back("/");
                start = slash + 1;
            }
            continue;
        }
        out.push_back(std::move(word));
    }
    return out;
}

// Reads words into `name`; returns false when a word is neither a known name word nor a strength
// (the caller then keeps a parenthesised text as a note).
// Epic writes "10-325 MG per tablet": "per" before a dose form says nothing more.
bool per_before_form(const std::vector<std::string>& words, std::size_t i) {
    if (words[i] != "per" || i + 1 >= words.size()) {
        return false;
    }
    const NameWord* next = name_word(words[i + 1]);
    return next != nullptr && next->role == WordRole::form;
}

bool read_words(const std::vector<std::string>& words, WrittenName& name, bool phrases_allowed) {
    bool only_known = true;
    bool open_phrase = false;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        if (const auto strengths = strength_token(word)) {
            if (i + 1 < words.size() && (words[i + 1] == "hr" || words[i + 1] == "hour")) {
                name.release = WrittenRelease::extended; // "12 hr": an extended-release product
                ++i;
                continue;
            }
            double factor = 1;
            if (i + 1 < words.size() &&
                (words[i + 1] == "mg" || words[i + 1] == "mcg" || words[i + 1] == "g")) {
                factor = words[i + 1] == "mcg" ? 0.001 : words[i + 1] == "g" ? 1000 : 1;
                ++i;
            }
            for (const double s : *strengths) {
                name.strengths_mg.push_back(s * factor);
            }
            continue;
        }
        if (per_before_form(words, i)) {
            continue;
        }
        const NameWord* known = name_word(word);
        if (known != nullptr && known->role != WordRole::salt) {
            switch (known->role) {
            case WordRole::separator:
                open_phrase = false;
                break;
            case WordRole::release_er:
                name.release = WrittenRelease::extended;
                break;
            case WordRole::release_ir:
                name.release = WrittenRelease::immediate;
                break;
            case WordRole::route:
                name.route = std::string(model::to_string(known->route));
                break;
            case WordRole::injection:
                name.route = std::string(k_injection);
                break;
            default:
                break;
            }
            continue;
        }
        only_known = false;
        if (!phrases_allowed) {
            continue;
        }
        if (!open_phrase) {
            name.phrases.emplace_back();
            open_phrase = true;
        }
        name.phrases.back() += (name.phrases.back().empty() ? "" : " ") + word;
    }
    return only_known;
}

} // namespace

WrittenName parse_written_name(std::string_view normalized) {
    WrittenName name;
    std::string main;
    std::vector<std::string> parens;
    std::size_t i = 0;
    while (i < normalized.size()) {
        if (normalized[i] == '(') {
            const std::size_t close = normalized.find(')', i + 1);
            parens.emplace_back(
                normalized.substr(i + 1, close == std::string_view::npos ? close : close - i - 1));
            main += ' ';
            i = close == std::string_view::npos ? normalized.size() : close + 1;
            continue;
        }
        main += normalized[i] == ')' ? ' ' : normalized[i];
        ++i;
    }
    read_words(tokenize(main), name, true);
    for (const auto& paren : parens) {
        WrittenName inner;
        if (read_words(tokenize(paren), inner, false)) {
            // Only release, route, form words and strengths: apply them to the name.
            if (inner.release != WrittenRelease::unspecified) {
                name.release = inner.release;
            }
            if (!inner.route.empty()) {
                name.route = inner.route;
            }
            if (name.strengths_mg.empty()) {
                name.strengths_mg = inner.strengths_mg;
            }
        } else {
            const std::string note = util::normalize_name(paren);
            if (!note.empty()) {
                name.notes.push_back(note);
            }
        }
    }
    return name;
}

std::string without_salt_words(std::string_view phrase) {
    std::string out;
    for (const auto& word : util::split_words(phrase)) {
        const NameWord* known = name_word(word);
        if (known != nullptr && known->role == WordRole::salt) {
            continue;
        }
        out += (out.empty() ? "" : " ") + word;
    }
    return out;
}

std::vector<std::string> hyphen_parts(std::string_view phrase) {
    std::vector<std::string> parts;
    std::string current;
    bool split = false;
    for (std::size_t i = 0; i < phrase.size(); ++i) {
        const char c = phrase[i];
        const bool between_letters = c == '-' && i > 0 && i + 1 < phrase.size() &&
                                     std::isalpha(static_cast<unsigned char>(phrase[i - 1])) != 0 &&
                                     std::isalpha(static_cast<unsigned char>(phrase[i + 1])) != 0;
        if (between_letters) {
            parts.push_back(util::normalize_name(current));
            current.clear();
            split = true;
        } else {
            current += c;
        }
    }
    if (!split) {
        return {};
    }
    parts.push_back(util::normalize_name(current));
    return parts;
}

} // namespace medcheck::check
