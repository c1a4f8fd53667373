#include <medcheck/check/resolve.hpp>

#include <medcheck/check/product_name.hpp>
#include <medcheck/util/text.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace medcheck::check {

namespace {

const std::vector<std::string>* lookup(const std::string& normalized, const rules::RuleSet& rules) {
    const auto it = rules.names.find(normalized);
    return it == rules.names.end() ? nullptr : &it->second;
}

// The drug with the same single ingredient as `drug` and the given release, if the catalogue has one.
const rules::Drug* with_release(const rules::Drug& drug, rules::Release release,
                                const rules::RuleSet& rules) {
    if (drug.release == release) {
        return &drug;
    }
    if (drug.components.size() != 1) {
        return nullptr;
    }
    const rules::Drug* found = nullptr;
    for (const auto& [key, other] : rules.drugs) {
        if (other.release == release && other.basis == drug.basis && other.components.size() == 1 &&
            other.components[0].ingredient == drug.components[0].ingredient) {
            if (found != nullptr) {
                return nullptr; // two candidates: do not guess
            }
            found = &other;
        }
    }
    return found;
}

// An ingredient key that is not itself a drug name ("buprenorphine": a patch and a buccal film) picks
// the one single-ingredient drug of that ingredient whose form fits the strength: a rate (mcg/h) means
// the patch, a mass the other form, extended release the ER key. Several fits: no match.
const rules::Drug* by_ingredient(const std::string& name, bool is_rate, bool extended_release,
                                 const rules::RuleSet& rules) {
    std::string key = name;
    std::replace(key.begin(), key.end(), ' ', '_');
    if (rules.ingredients.count(key) == 0) {
        return nullptr;
    }
    const rules::Drug* found = nullptr;
    for (const auto& entry : rules.drugs) {
        const rules::Drug& drug = entry.second;
        if (drug.components.size() != 1 || drug.components[0].ingredient != key) {
            continue;
        }
        const bool fits = is_rate ? drug.basis == rules::DoseBasis::rate
                                  : drug.basis == rules::DoseBasis::mass &&
                                        (drug.release == rules::Release::er) == extended_release;
        if (fits) {
            if (found != nullptr) {
                return nullptr;
            }
            found = &drug;
        }
    }
    return found;
}

// Strength in mg (mass) or mcg/h (rate); nullopt for units a product name cannot give us here.
std::optional<double> strength_in_base(const NamedStrength& s, bool& is_rate) {
    is_rate = false;
    if (s.unit == "mg") {
        return s.amount;
    }
    if (s.unit == "g") {
        return s.amount * 1000;
    }
    if (s.unit == "mcg" || s.unit == "ug") {
        return s.amount / 1000;
    }
    if (s.unit == "mcg/hr") {
        is_rate = true;
        return s.amount;
    }
    if (s.unit == "mg/hr" || s.unit == "mg/h") {
        is_rate = true;
        return s.amount * 1000;
    }
    return std::nullopt; // mg/ml: a concentration, not a unit strength
}

bool close(double a, double b) {
    return std::fabs(a - b) <= 0.01 * std::max(std::fabs(a), std::fabs(b)) + 1e-9;
}

Resolution resolve_product(const ProductName& product, const rules::RuleSet& rules) {
    Resolution out;
    struct Part {
        const rules::Drug* drug;
        std::string ingredient;
        double ingredient_mg; // per unit, as the ingredient (after salt conversion)
        double written;       // per unit, in the single drug's written terms
        bool is_rate;
    };
    std::vector<Part> parts;
    for (const auto& s : product.ingredients) {
        bool is_rate = false;
        const auto written = strength_in_base(s, is_rate);
        if (!written) {
            out.problem = "strength unit '" + s.unit + "' of '" + s.name + "' cannot be used";
            return out;
        }
        const auto* keys = lookup(s.name, rules);
        const rules::Drug* drug = keys != nullptr && keys->size() == 1 ? rules.find_drug(keys->front())
                                  : keys == nullptr
                                      ? by_ingredient(s.name, is_rate, product.extended_release, rules)
                                      : nullptr;
        if (drug == nullptr) {
            out.problem = keys == nullptr ? "ingredient '" + s.name + "' is not in the catalogue"
                                          : "ingredient '" + s.name + "' is ambiguous";
            return out;
        }
        if (drug->components.size() != 1) {
            out.problem = "'" + s.name + "' names a product, not an ingredient";
            return out;
        }
        parts.push_back(
            {drug, drug->components[0].ingredient, *written * drug->components[0].amount, *written, is_rate});
    }
    if (parts.size() == 1) {
        const rules::Release release = parts[0].is_rate           ? rules::Release::patch
                                       : product.extended_release ? rules::Release::er
                                                                  : parts[0].drug->release;
        const rules::Drug* drug = with_release(*parts[0].drug, release, rules);
        if (drug == nullptr) {
            out.problem = std::string(product.extended_release ? "an extended-release " : "this ") +
                          "form of " + parts[0].ingredient + " is not in the catalogue";
            return out;
        }
        out.drug = drug;
        out.unit_strength = parts[0].written;
        return out;
    }
    // A combination: the unit-dosed product whose ingredients and strengths all match.
    std::vector<const rules::Drug*> matches;
    for (const auto& entry : rules.drugs) {
        const rules::Drug& drug =
            entry.second; // named, not a structured binding: clang 14 lambdas cannot capture those
        if (drug.basis != rules::DoseBasis::unit || drug.components.size() != parts.size()) {
            continue;
        }
        const bool all = std::all_of(parts.begin(), parts.end(), [&](const Part& part) {
            return std::any_of(
                drug.components.begin(), drug.components.end(), [&](const rules::DrugComponent& c) {
                    return c.ingredient == part.ingredient &&
                           (close(c.amount, part.ingredient_mg) || close(c.amount, part.written));
                });
        });
        if (all) {
            matches.push_back(&drug);
        }
    }
    if (matches.size() == 1) {
        out.drug = matches.front();
        return out;
    }
    if (matches.empty()) {
        std::string list;
        for (const auto& part : parts) {
            list += (list.empty() ? "" : " + ") + part.ingredient + " " +
                    util::format_number(part.ingredient_mg) + " mg";
        }
        out.problem = "no combination product " + list + " in the catalogue";
        return out;
    }
    out.ambiguous = true;
    for (const auto* drug : matches) {
        out.candidates.push_back(drug->key);
    }
    return out;
}

// "ibuprofen oral tablet" -> "ibuprofen"; nullopt if nothing but a name would remain unchanged.
std::optional<std::string> without_form_words(const std::string& normalized, bool& extended_release) {
    static const std::vector<std::string> k_words{
        "oral",    "tablet", "tablets", "capsule",     "capsules", "extended", "release",
        "delayed", "film",   "coated",  "transdermal", "system",   "patch",    "er",
        "xr",      "sr",     "cr",      "dr",          "ec",       "tab",      "cap"};
    std::string kept;
    bool removed = false;
    for (const auto& word : util::split_words(normalized)) {
        if (std::find(k_words.begin(), k_words.end(), word) != k_words.end()) {
            removed = true;
            extended_release = extended_release || word == "extended" || word == "er" || word == "xr" ||
                               word == "sr" || word == "cr";
            continue;
        }
        kept += (kept.empty() ? "" : " ") + word;
    }
    if (!removed || kept.empty()) {
        return std::nullopt;
    }
    return kept;
}

} // namespace

Resolution resolve_drug(std::string_view name, const rules::RuleSet& rules) {
    Resolution resolution;
    const std::string normalized = util::normalize_name(name);
    if (const auto* keys = lookup(normalized, rules)) {
        if (keys->size() == 1) {
            resolution.drug = rules.find_drug(keys->front());
            return resolution;
        }
        resolution.ambiguous = true;
        resolution.candidates = *keys;
        return resolution;
    }
    if (const auto product = parse_product_name(name)) {
        return resolve_product(*product, rules);
    }
    std::string bare = normalized;
    if (const auto open = bare.find('['); open != std::string::npos) {
        bare = util::normalize_name(bare.substr(0, open));
    }
    bool extended_release = false;
    if (const auto stripped = without_form_words(bare, extended_release)) {
        if (const auto* keys = lookup(*stripped, rules); keys != nullptr && keys->size() == 1) {
            const rules::Drug* drug = rules.find_drug(keys->front());
            if (drug != nullptr && extended_release) {
                drug = with_release(*drug, rules::Release::er, rules);
            }
            if (drug != nullptr) {
                resolution.drug = drug;
                return resolution;
            }
        }
    }
    // Near misses (typos) as suggestions only: at most 2 edits, and never for very short names.
    if (normalized.size() >= 5) {
        std::vector<std::pair<std::size_t, std::string>> near;
        for (const auto& [known, drugs] : rules.names) {
            const std::size_t distance = util::edit_distance(normalized, known, 2);
            if (distance <= 2) {
                near.emplace_back(distance, known);
            }
        }
        std::sort(near.begin(), near.end());
        for (std::size_t i = 0; i < near.size() && i < 3; ++i) {
            resolution.candidates.push_back(near[i].second);
        }
    }
    return resolution;
}

} // namespace medcheck::check
