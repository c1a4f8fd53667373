#include <medcheck/check/resolve.hpp>

#include <medcheck/check/product_name.hpp>
#include <medcheck/units/dose_unit.hpp>
#include <medcheck/util/text.hpp>
#include <medcheck/util/unicode.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

namespace medcheck::check {

namespace {

// The order's unit and route as the steps below read them, remembering whether any step did: an answer
// no step read them for is the same for every order of the name (Resolution::depends_on_order).
class HintReader {
  public:
    explicit HintReader(const OrderHints& given) : m_given(given) {}
    std::string_view unit() {
        m_read = true;
        return m_given.unit;
    }
    std::string_view route() {
        m_read = true;
        return m_given.route;
    }
    bool read() const { return m_read; }

  private:
    OrderHints m_given;
    bool m_read = false;
};

Resolution resolve_name(std::string_view name, const rules::RuleSet& rules, HintReader& hints);

const std::vector<std::string>* lookup(const std::string& normalized, const rules::RuleSet& rules) {
    const auto it = rules.names.find(normalized);
    return it == rules.names.end() ? nullptr : &it->second;
}

// A phrase as written, then without its salt words ("oxycodone hcl" -> "oxycodone"); `matched` is
// the name that was found.
const std::vector<std::string>* lookup_phrase(const std::string& phrase, const rules::RuleSet& rules,
                                              std::string* matched = nullptr) {
    if (const auto* keys = lookup(phrase, rules)) {
        if (matched != nullptr) {
            *matched = phrase;
        }
        return keys;
    }
    const std::string bare = without_salt_words(phrase);
    if (bare.empty() || bare == phrase) {
        return nullptr;
    }
    if (matched != nullptr) {
        *matched = bare;
    }
    return lookup(bare, rules);
}

std::optional<double> seeded_strength(const std::string& name, const rules::RuleSet& rules) {
    const auto it = rules.name_strengths.find(name);
    return it == rules.name_strengths.end() ? std::nullopt : std::optional<double>(it->second);
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

// One ingredient of a product name, as the catalogue knows it.
struct ProductPart {
    const rules::Drug* drug;
    std::string ingredient;
    double ingredient_mg; // per unit, as the ingredient (after salt conversion)
    double written;       // per unit, in the single drug's written terms (per mL for a liquid)
    bool is_rate;
    bool per_ml = false; // a liquid's concentration: `written` is mg per mL
};

// The catalogue's single-ingredient drug for one "name amount unit" of a product name; nullopt with
// `problem` set when it has none or the strength contradicts it.
std::optional<ProductPart> product_part(const NamedStrength& s, bool extended_release,
                                        const rules::RuleSet& rules, std::string& problem) {
    bool is_rate = false;
    const bool per_ml = s.unit == "mg/ml";
    const auto written = per_ml ? std::optional<double>(s.amount) : strength_in_base(s, is_rate);
    if (!written) {
        problem = "strength unit '" + s.unit + "' of '" + s.name + "' cannot be used";
        return std::nullopt;
    }
    std::string matched;
    const auto* keys = lookup_phrase(s.name, rules, &matched);
    const rules::Drug* drug =
        keys != nullptr && keys->size() == 1 ? rules.find_drug(keys->front())
        : keys == nullptr ? by_ingredient(without_salt_words(s.name), is_rate, extended_release, rules)
                          : nullptr;
    if (drug == nullptr) {
        problem = keys == nullptr ? "ingredient '" + s.name + "' is not in the catalogue"
                                  : "ingredient '" + s.name + "' is ambiguous";
        return std::nullopt;
    }
    if (drug->components.size() != 1) {
        problem = "'" + s.name + "' names a product, not an ingredient";
        return std::nullopt;
    }
    if (per_ml && drug->basis != rules::DoseBasis::mass) {
        problem = "'" + s.name + "' is not dosed by mass, so its concentration cannot be used";
        return std::nullopt;
    }
    if (const auto seeded = keys != nullptr && !per_ml ? seeded_strength(matched, rules) : std::nullopt;
        seeded && !close(*seeded, *written)) {
        problem = "'" + s.name + "' is sold as " + util::format_number(*seeded) + " mg, not " +
                  util::format_number(s.amount) + " " + s.unit;
        return std::nullopt;
    }
    return ProductPart{
        drug,  drug->components[0].ingredient, *written * drug->components[0].amount, *written, is_rate,
        per_ml};
}

// A product name of one ingredient: the form of it the name's strength and release words select.
Resolution resolve_single_product(const ProductPart& part, bool extended_release,
                                  const rules::RuleSet& rules) {
    Resolution out;
    const rules::Release release = part.is_rate       ? rules::Release::patch
                                   : extended_release ? rules::Release::er
                                                      : part.drug->release;
    const rules::Drug* drug = with_release(*part.drug, release, rules);
    if (drug == nullptr) {
        out.problem = std::string(extended_release ? "an extended-release " : "this ") + "form of " +
                      part.ingredient + " is not in the catalogue";
        return out;
    }
    out.drug = drug;
    (part.per_ml ? out.mg_per_ml : out.unit_strength) = part.written;
    return out;
}

// A combination: the unit-dosed product whose ingredients and strengths all match.
Resolution resolve_combination_product(const std::vector<ProductPart>& parts, const rules::RuleSet& rules) {
    Resolution out;
    if (std::any_of(parts.begin(), parts.end(), [](const ProductPart& p) { return p.per_ml; })) {
        out.problem = "a combination liquid is not in the catalogue (its products are tablets)";
        return out;
    }
    std::vector<const rules::Drug*> matches;
    for (const auto& entry : rules.drugs) {
        const rules::Drug& drug =
            entry.second; // named, not a structured binding: clang 14 lambdas cannot capture those
        if (drug.basis != rules::DoseBasis::unit || drug.components.size() != parts.size()) {
            continue;
        }
        const bool all = std::all_of(parts.begin(), parts.end(), [&](const ProductPart& part) {
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

Resolution resolve_product(const ProductName& product, const rules::RuleSet& rules) {
    std::vector<ProductPart> parts;
    for (const auto& s : product.ingredients) {
        std::string problem;
        auto part = product_part(s, product.extended_release, rules, problem);
        if (!part) {
            Resolution out;
            out.problem = std::move(problem);
            return out;
        }
        parts.push_back(std::move(*part));
    }
    if (parts.size() == 1) {
        return resolve_single_product(parts[0], product.extended_release, rules);
    }
    return resolve_combination_product(parts, rules);
}

// The route key a written route means ("PO" -> oral, "IV" -> iv); the text lower-cased otherwise.
std::string route_key(std::string_view written) {
    std::string lower = util::normalize_name(written);
    const WrittenName parsed = parse_written_name(lower);
    if (!parsed.route.empty() && parsed.phrases.empty()) {
        return parsed.route;
    }
    return lower;
}

// Sorts strength names by the numbers in them, so 2.5/325 comes before 10/325.
void sort_by_strength(std::vector<std::string>& names) {
    auto numbers = [](const std::string& text) {
        std::vector<double> out;
        for (std::size_t i = 0; i < text.size();) {
            if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) {
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < text.size() &&
                   (std::isdigit(static_cast<unsigned char>(text[j])) != 0 || text[j] == '.')) {
                ++j;
            }
            out.push_back(util::parse_number(text.substr(i, j - i)).value_or(0));
            i = j;
        }
        return out;
    };
    std::stable_sort(names.begin(), names.end(), [&](const std::string& a, const std::string& b) {
        return std::make_pair(numbers(a), a) < std::make_pair(numbers(b), b);
    });
}

std::string strengths_text(const std::vector<double>& mg) {
    std::string out;
    for (const double value : mg) {
        out += (out.empty() ? "" : "/") + util::format_number(value);
    }
    return out;
}

// Names "<phrase> <strength>" of one brand ("percocet 5/325", "vicodin es 7.5/300", "tylenol with
// codeine #3"), or, with `same_drug`, the single-strength names of that drug ("tylenol extra
// strength"): what a name written without its strength could mean.
std::vector<std::string> strength_names(const std::string& phrase, const rules::RuleSet& rules,
                                        const rules::Drug* same_drug) {
    std::vector<std::pair<std::string, std::string>> found; // (sort key, shown)
    const std::string prefix = phrase + " ";
    for (const auto& [name, keys] : rules.names) {
        if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0 || keys.size() != 1) {
            continue;
        }
        const rules::Drug* drug = rules.find_drug(keys.front());
        if (drug == nullptr) {
            continue;
        }
        if (same_drug != nullptr) {
            const auto strength = seeded_strength(name, rules);
            if (drug == same_drug && strength) {
                found.emplace_back(util::format_number(*strength) + " " + name,
                                   name + " (" + util::format_number(*strength) + " mg)");
            }
        } else if (drug->basis == rules::DoseBasis::unit &&
                   name.find_first_of("0123456789") != std::string::npos) {
            found.emplace_back(drug->key, name);
        }
    }
    std::vector<std::string> out;
    out.reserve(found.size());
    for (auto& [key, shown] : found) {
        out.push_back(std::move(shown));
    }
    sort_by_strength(out);
    return out;
}

// The unit-dosed combination products whose ingredients are exactly `ingredients`.
std::vector<const rules::Drug*> combinations_of(const std::vector<std::string>& ingredients,
                                                const rules::RuleSet& rules) {
    std::vector<const rules::Drug*> out;
    for (const auto& entry : rules.drugs) {
        const rules::Drug& drug = entry.second;
        if (drug.basis != rules::DoseBasis::unit || drug.components.size() != ingredients.size()) {
            continue;
        }
        const bool all = std::all_of(ingredients.begin(), ingredients.end(), [&](const std::string& key) {
            return std::any_of(drug.components.begin(), drug.components.end(),
                               [&](const rules::DrugComponent& c) { return c.ingredient == key; });
        });
        if (all) {
            out.push_back(&drug);
        }
    }
    return out;
}

// The ingredients of phrases written together, each with its ingredient mg per written mg (naproxen
// sodium -> naproxen).
struct WrittenIngredients {
    std::vector<std::string> keys;
    std::vector<double> ratios;
};

// The single ingredient each phrase names; nullopt when a phrase is unknown (`problem` left empty:
// not a combination medcheck can name, typos are suggested later) or names more than one ingredient.
std::optional<WrittenIngredients> written_ingredients(const std::vector<std::string>& phrases,
                                                      const rules::RuleSet& rules, std::string& problem) {
    WrittenIngredients out;
    for (const auto& phrase : phrases) {
        const auto* keys = lookup_phrase(phrase, rules);
        const rules::Drug* drug =
            keys != nullptr && keys->size() == 1 ? rules.find_drug(keys->front()) : nullptr;
        if (drug == nullptr) {
            return std::nullopt;
        }
        if (drug->components.size() != 1 || drug->basis != rules::DoseBasis::mass) {
            problem = "'" + phrase + "' is not a single ingredient";
            return std::nullopt;
        }
        out.keys.push_back(drug->components[0].ingredient);
        out.ratios.push_back(drug->components[0].amount);
    }
    return out;
}

// A combination product's strengths in mg, in the order of `ingredients`.
std::vector<double> combination_strengths(const rules::Drug& drug,
                                          const std::vector<std::string>& ingredients) {
    std::vector<double> mg;
    for (const auto& ingredient : ingredients) {
        for (const auto& c : drug.components) {
            if (c.ingredient == ingredient) {
                mg.push_back(c.amount);
            }
        }
    }
    return mg;
}

// The products whose strengths are the written ones, as the ingredient or as the salt written.
std::vector<const rules::Drug*> products_of_strengths(const std::vector<const rules::Drug*>& products,
                                                      const WrittenIngredients& ingredients,
                                                      const std::vector<double>& strengths_mg) {
    std::vector<const rules::Drug*> matches;
    for (const auto* drug : products) {
        const auto mg = combination_strengths(*drug, ingredients.keys);
        bool all = true;
        for (std::size_t i = 0; i < mg.size(); ++i) {
            all = all &&
                  (close(mg[i], strengths_mg[i]) || close(mg[i], strengths_mg[i] * ingredients.ratios[i]));
        }
        if (all) {
            matches.push_back(drug);
        }
    }
    return matches;
}

// Several ingredients written together ("hydrocodone/apap", "oxycodone w/ acetaminophen",
// "oxycodone-acetaminophen (5mg-325mg)"): the one product with these ingredients and strengths.
Resolution resolve_combination(const std::vector<std::string>& phrases,
                               const std::vector<double>& strengths_mg, const rules::RuleSet& rules) {
    Resolution out;
    const auto ingredients = written_ingredients(phrases, rules, out.problem);
    if (!ingredients) {
        return out;
    }
    const std::string joined = fmt::format("{}", fmt::join(ingredients->keys, "/"));
    const auto products = combinations_of(ingredients->keys, rules);
    if (products.empty()) {
        out.problem = "no combination product of " + joined + " is in the catalogue";
        return out;
    }
    if (strengths_mg.empty()) {
        for (const auto* drug : products) {
            out.strengths.push_back(joined + " " +
                                    strengths_text(combination_strengths(*drug, ingredients->keys)) + " mg");
        }
        sort_by_strength(out.strengths);
        return out;
    }
    if (strengths_mg.size() != ingredients->keys.size()) {
        out.problem = fmt::format("the strengths {} do not match the {} ingredients {}",
                                  strengths_text(strengths_mg), ingredients->keys.size(), joined);
        return out;
    }
    const auto matches = products_of_strengths(products, *ingredients, strengths_mg);
    if (matches.size() == 1) {
        out.drug = matches.front();
        return out;
    }
    if (matches.empty()) {
        std::vector<std::string> known;
        known.reserve(products.size());
        for (const auto* drug : products) {
            known.push_back(strengths_text(combination_strengths(*drug, ingredients->keys)));
        }
        sort_by_strength(known);
        out.problem = fmt::format("no {} {} mg product is in the catalogue (known: {} mg)", joined,
                                  strengths_text(strengths_mg), fmt::join(known, ", "));
        return out;
    }
    out.ambiguous = true;
    for (const auto* drug : matches) {
        out.candidates.push_back(drug->key);
    }
    return out;
}

// An ingredient with several forms and no name of its own (buprenorphine: patch in mcg/h or buccal
// film in mcg), chosen by the order's unit and route; undecidable -> a problem naming the forms.
Resolution resolve_by_form(const std::string& ingredient, HintReader& hints, const std::string& name_route,
                           const rules::RuleSet& rules) {
    Resolution out;
    std::vector<const rules::Drug*> forms;
    for (const auto& entry : rules.drugs) {
        const rules::Drug& drug = entry.second;
        if (drug.components.size() == 1 && drug.components[0].ingredient == ingredient) {
            forms.push_back(&drug);
        }
    }
    if (forms.size() < 2) {
        return out;
    }
    const auto unit = units::parse_dose_unit(hints.unit());
    const std::string route = !hints.route().empty() ? route_key(hints.route()) : name_route;
    const bool rate = unit && unit->kind == units::UnitKind::rate;
    const bool patch = unit && unit->kind == units::UnitKind::count && unit->canonical == "patch";
    std::vector<const rules::Drug*> fits;
    for (const auto* drug : forms) {
        bool fit = true;
        if (rate || patch) {
            fit = drug->basis == rules::DoseBasis::rate;
        } else if (unit && unit->kind == units::UnitKind::mass) {
            fit = drug->basis == rules::DoseBasis::mass;
        }
        if (!route.empty()) {
            fit = fit && std::binary_search(drug->routes.begin(), drug->routes.end(), route);
        }
        if (fit) {
            fits.push_back(drug);
        }
    }
    std::string listed;
    for (const auto* drug : forms) {
        listed += (listed.empty() ? "" : " or ") + drug->display_name + " (" + drug->key + ")";
    }
    // Decided only by a rate unit, a patch count or a route: a mass alone could be a form outside
    // the catalogue (sublingual buprenorphine).
    if (fits.size() == 1 && (rate || patch || !route.empty())) {
        out.drug = fits.front();
        return out;
    }
    out.problem = "'" + ingredient + "' is " + listed + "; " +
                  (fits.empty() ? "the unit and route given fit neither"
                                : "give the unit (mcg/h for a patch) or the route (transdermal, buccal)");
    return out;
}

// The phrases of a written name; a single phrase that is no name but whose hyphenated parts all are
// ("oxycodone-acetaminophen") as those parts.
std::vector<std::string> written_phrases(const WrittenName& written, const rules::RuleSet& rules) {
    if (written.phrases.size() == 1 && lookup_phrase(written.phrases[0], rules) == nullptr) {
        auto parts = hyphen_parts(written.phrases[0]);
        const bool all_known =
            !parts.empty() && std::all_of(parts.begin(), parts.end(), [&](const std::string& p) {
                return lookup_phrase(p, rules) != nullptr;
            });
        if (all_known) {
            return parts;
        }
    }
    return written.phrases;
}

// The catalogue keys of one written phrase, with its strengths first ("percocet 5/325"); `matched` is
// the name that was found.
const std::vector<std::string>* written_phrase_keys(const std::string& phrase, const WrittenName& written,
                                                    const rules::RuleSet& rules, std::string& matched) {
    if (!written.strengths_mg.empty()) {
        matched = phrase + " " + strengths_text(written.strengths_mg);
        if (const auto* keys = lookup(matched, rules)) {
            return keys;
        }
    }
    return lookup_phrase(phrase, rules, &matched);
}

// A phrase that is no catalogue name: an ingredient of several forms, or a brand whose names all
// carry a strength (then listed in `strengths`).
Resolution resolve_unnamed_phrase(const std::string& phrase, const WrittenName& written, HintReader& hints,
                                  const rules::RuleSet& rules) {
    Resolution out;
    out.route = written.route;
    const std::string bare = without_salt_words(phrase);
    if (rules.ingredients.count(bare) != 0) {
        Resolution by_form = resolve_by_form(bare, hints, written.route, rules);
        if (by_form.drug != nullptr || !by_form.problem.empty()) {
            by_form.route = out.route;
            return by_form;
        }
    }
    out.strengths = strength_names(phrase, rules, nullptr);
    if (!written.strengths_mg.empty() && !out.strengths.empty()) {
        out.problem = "no " + phrase + " " + strengths_text(written.strengths_mg) + " is in the catalogue";
        out.strengths.clear();
    }
    return out;
}

// Sets out.unit_strength from the strength written with the name or the name's seeded strength;
// returns why the written strength does not fit the drug, empty when it does.
std::string apply_written_strength(const rules::Drug& drug, const std::string& phrase,
                                   const std::string& matched, const WrittenName& written,
                                   const rules::RuleSet& rules, Resolution& out) {
    const auto seeded = seeded_strength(matched, rules);
    if (drug.basis != rules::DoseBasis::unit && written.strengths_mg.size() == 1) {
        if (seeded && !close(*seeded, written.strengths_mg[0])) {
            return "'" + phrase + "' is sold as " + util::format_number(*seeded) + " mg, not " +
                   util::format_number(written.strengths_mg[0]) + " mg";
        }
        out.unit_strength = written.strengths_mg[0];
    } else if (!written.strengths_mg.empty() && drug.basis != rules::DoseBasis::unit) {
        return "the strengths " + strengths_text(written.strengths_mg) + " do not fit " + drug.key;
    } else if (seeded) {
        out.unit_strength = seeded;
    }
    return {};
}

// The release the name states: the ER form of `drug` for "ER"; why it cannot be, empty when it can.
std::string apply_written_release(const rules::Drug*& drug, const std::string& phrase,
                                  const WrittenName& written, const rules::RuleSet& rules) {
    if (written.release == WrittenRelease::extended && drug->release != rules::Release::er) {
        const rules::Drug* er = with_release(*drug, rules::Release::er, rules);
        if (er == nullptr) {
            return "an extended-release form of " + drug->display_name + " is not in the catalogue";
        }
        drug = er;
    } else if (written.release == WrittenRelease::immediate && drug->release == rules::Release::er) {
        return "the name says immediate release, but " + phrase + " is " + drug->display_name;
    }
    return {};
}

// Parenthesised notes must name the same drug: "HYDROmorphone (Dilaudid)", "Oxycodone SR (OxyContin)".
std::string written_notes_problem(const rules::Drug& drug, const WrittenName& written,
                                  const rules::RuleSet& rules) {
    for (const auto& note : written.notes) {
        const auto* note_keys = lookup_phrase(note, rules);
        if (note_keys == nullptr || note_keys->size() != 1) {
            return "'(" + note + ")' is not a name medcheck knows";
        }
        if (note_keys->front() != drug.key) {
            return "the name says both " + drug.key + " and " + note + " (" + note_keys->front() + ")";
        }
    }
    return {};
}

// The route the name states against the order's.
std::string written_route_problem(const WrittenName& written, HintReader& hints) {
    if (written.route.empty()) {
        return {}; // the order's route is not read: the answer holds for any
    }
    const std::string_view route = hints.route();
    if (!route.empty() && written.route != k_injection && route_key(route) != written.route) {
        return "the name says route " + written.route + " but the order says " + std::string(route);
    }
    if (written.route == k_injection && route.empty()) {
        return "the name says injection: give the route (iv or im)";
    }
    return {};
}

// Step 4 of resolve_drug: the name as people write it.
Resolution resolve_written(const std::string& normalized, const rules::RuleSet& rules, HintReader& hints) {
    Resolution out;
    const WrittenName written = parse_written_name(normalized);
    out.route = written.route;
    if (written.phrases.empty()) {
        return out;
    }
    const std::vector<std::string> phrases = written_phrases(written, rules);
    if (phrases.size() > 1) {
        // The whole as a seeded name first ("acetaminophen with codeine #3", "tylenol w/ codeine").
        Resolution combination = resolve_combination(phrases, written.strengths_mg, rules);
        combination.route = out.route;
        return combination;
    }
    const std::string& phrase = phrases[0];
    std::string matched;
    const std::vector<std::string>* keys = written_phrase_keys(phrase, written, rules, matched);
    if (keys == nullptr) {
        return resolve_unnamed_phrase(phrase, written, hints, rules);
    }
    if (keys->size() != 1) {
        out.ambiguous = true;
        out.candidates = *keys;
        return out;
    }
    const rules::Drug* drug = rules.find_drug(keys->front());
    if (drug == nullptr) {
        return out;
    }
    if (std::string problem = apply_written_strength(*drug, phrase, matched, written, rules, out);
        !problem.empty()) {
        out.problem = std::move(problem);
        return out;
    }
    std::string problem = apply_written_release(drug, phrase, written, rules);
    if (problem.empty()) {
        problem = written_notes_problem(*drug, written, rules);
    }
    if (problem.empty()) {
        problem = written_route_problem(written, hints);
    }
    if (!problem.empty()) {
        out.problem = std::move(problem);
        out.unit_strength.reset();
        return out;
    }
    out.drug = drug;
    return out;
}

// A mass or rate drug given in tablets whose name has no strength ("Tylenol 2 tabs"): when the
// catalogue knows several single-strength names of it, the order needs one of them.
void require_strength_for_counts(Resolution& resolution, const std::string& name, const rules::RuleSet& rules,
                                 HintReader& hints) {
    if (resolution.drug == nullptr || resolution.unit_strength ||
        resolution.drug->basis == rules::DoseBasis::unit) {
        return;
    }
    // The strengths first: when there are none, the order's unit is not read and the answer holds
    // for any unit.
    auto choices = strength_names(name, rules, resolution.drug);
    if (choices.empty()) {
        return;
    }
    const auto unit = units::parse_dose_unit(hints.unit());
    if (!unit || unit->kind != units::UnitKind::count) {
        return;
    }
    resolution.drug = nullptr;
    resolution.strengths = std::move(choices);
}

// A name that is not clean text (mixed scripts, invalid UTF-8) is never resolved silently: its
// look-alike is a suggestion only.
Resolution unclean_name_resolution(const util::CleanName& clean, const rules::RuleSet& rules,
                                   HintReader& hints) {
    Resolution resolution;
    resolution.problem = clean.problem;
    if (!clean.look_alike.empty()) {
        const std::string look_alike = util::normalize_name(clean.look_alike);
        resolution.problem += "; it looks like '" + look_alike + "'";
        const Resolution plain = resolve_name(look_alike, rules, hints);
        if (plain.drug != nullptr) {
            resolution.candidates.push_back(look_alike);
        } else if (!plain.ambiguous) {
            resolution.candidates = plain.candidates; // near misses of the look-alike
        }
    }
    return resolution;
}

// Step 2 of resolve_drug: a catalogue name.
Resolution catalogue_name_resolution(const std::vector<std::string>& keys, const std::string& normalized,
                                     const rules::RuleSet& rules, HintReader& hints) {
    Resolution resolution;
    if (keys.size() == 1) {
        resolution.drug = rules.find_drug(keys.front());
        resolution.unit_strength = seeded_strength(normalized, rules);
        require_strength_for_counts(resolution, normalized, rules, hints);
        return resolution;
    }
    resolution.ambiguous = true;
    resolution.candidates = keys;
    return resolution;
}

// Step 4 of resolve_drug, after a product name's own reading (`product_problem`) found nothing; nullopt
// when the written name says nothing either.
std::optional<Resolution> written_name_resolution(const std::string& normalized,
                                                  const std::string& product_problem,
                                                  const rules::RuleSet& rules, HintReader& hints) {
    std::string bare = normalized;
    if (const auto open = bare.find('['); open != std::string::npos) {
        bare = util::normalize_name(bare.substr(0, open));
    }
    Resolution written = resolve_written(bare, rules, hints);
    if (written.drug != nullptr) {
        if (!written.unit_strength) {
            const WrittenName parsed = parse_written_name(bare);
            if (parsed.phrases.size() == 1) {
                require_strength_for_counts(written, parsed.phrases[0], rules, hints);
            }
        }
        return written;
    }
    if (written.ambiguous || !written.strengths.empty() || !written.problem.empty()) {
        if (!product_problem.empty() && written.strengths.empty() && !written.ambiguous) {
            written.problem = product_problem; // the product name's own reading says more
        }
        return written;
    }
    return std::nullopt;
}

// Near misses (typos) as suggestions only: at most 2 edits, and never for very short names.
std::vector<std::string> near_miss_names(const std::string& typo, const rules::RuleSet& rules) {
    std::vector<std::string> out;
    if (typo.size() < 5) {
        return out;
    }
    std::vector<std::pair<std::size_t, std::string>> near;
    for (const auto& [known, drugs] : rules.names) {
        const std::size_t distance = util::edit_distance(typo, known, 2);
        if (distance <= 2) {
            near.emplace_back(distance, known);
        }
    }
    std::sort(near.begin(), near.end());
    for (std::size_t i = 0; i < near.size() && i < 3; ++i) {
        out.push_back(near[i].second);
    }
    return out;
}

} // namespace

const Resolution& ResolveCache::resolve(std::string_view name, const OrderHints& hints) {
    for (const KnownNames* names : m_known) {
        if (const Resolution* known = names->known(name); known != nullptr && !known->depends_on_order) {
            return *known;
        }
    }
    // Unit and route change the answer only for some names, but they are short: key on all three.
    m_key.assign(name);
    m_key.push_back('\x1f');
    m_key.append(hints.unit);
    m_key.push_back('\x1f');
    m_key.append(hints.route);
    if (const auto it = m_answers.find(m_key); it != m_answers.end()) {
        return it->second;
    }
    if (m_answers.size() >= k_max_cached_resolutions) {
        m_answers.clear();
    }
    return m_answers.emplace(m_key, resolve_drug(name, m_rules, hints)).first->second;
}

Resolution resolve_drug(std::string_view name, const rules::RuleSet& rules, const OrderHints& hints) {
    HintReader reader(hints);
    Resolution resolution = resolve_name(name, rules, reader);
    resolution.depends_on_order = reader.read();
    return resolution;
}

namespace {

// The first number in a name that is dot-grouped ("Paracetamol 1.000 mg": one or a thousand
// milligrams, util::dot_grouped_number); empty when there is none. Every strength parser would read it
// as the smaller.
std::string_view dot_grouped_strength(std::string_view name) {
    const auto numeric = [](char c) { return (c >= '0' && c <= '9') || c == '.'; };
    for (std::size_t i = 0; i < name.size();) {
        if (!numeric(name[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < name.size() && numeric(name[j])) {
            ++j;
        }
        if (util::dot_grouped_number(name.substr(i, j - i))) {
            return name.substr(i, j - i);
        }
        i = j;
    }
    return {};
}

Resolution resolve_name(std::string_view name, const rules::RuleSet& rules, HintReader& hints) {
    const util::CleanName clean = util::clean_name(name);
    if (!clean.problem.empty()) {
        return unclean_name_resolution(clean, rules, hints);
    }
    Resolution resolution;
    const std::string normalized = util::normalize_name(clean.text);
    if (normalized.empty()) {
        if (!util::trim(name).empty()) {
            resolution.problem = "the name holds only invisible or format characters";
        }
        return resolution;
    }
    if (const auto* keys = lookup(normalized, rules)) {
        return catalogue_name_resolution(*keys, normalized, rules, hints);
    }
    if (const std::string_view grouped = dot_grouped_strength(clean.text); !grouped.empty()) {
        resolution.problem = "the dot in its strength " + util::dot_grouped_reason(grouped);
        return resolution;
    }
    std::string product_problem;
    if (const auto product = parse_product_name(clean.text)) {
        Resolution by_product = resolve_product(*product, rules);
        if (by_product.drug != nullptr || by_product.ambiguous) {
            return by_product;
        }
        product_problem = by_product.problem;
    }
    if (auto written = written_name_resolution(normalized, product_problem, rules, hints)) {
        return std::move(*written);
    }
    resolution.problem = product_problem;
    resolution.candidates = near_miss_names(normalized, rules);
    return resolution;
}

} // namespace

model::Finding unresolved_finding(const model::MedicationOrder& order, int index,
                                  const Resolution& resolution) {
    model::Finding f;
    f.severity = model::Severity::unverifiable;
    f.kind = "unknown_drug";
    f.drug = order.drug;
    f.source = "medcheck rule database catalogue (check contract: an unknown drug is unverifiable)";
    f.rule_id = "catalogue.unknown_drug";
    f.order = index;
    const std::string candidates = fmt::format("{}", fmt::join(resolution.candidates, ", "));
    if (!resolution.strengths.empty()) {
        const std::string listed = fmt::format("{}", fmt::join(resolution.strengths, ", "));
        f.kind = "invalid_input";
        f.rule_id = "catalogue.strength_missing";
        f.source = "medcheck rule database catalogue (clinical reference 2.4, 2.5: a product with several "
                   "strengths is unverifiable without one)";
        f.message = fmt::format("medications[{}].drug: '{}' comes in several strengths ({}); the strength is "
                                "needed to check it: give it with the name",
                                index, order.drug, listed);
    } else if (util::trim(order.drug).empty()) {
        f.message = fmt::format("medications[{}].drug: no drug name given; nothing could be checked", index);
    } else if (!resolution.problem.empty()) {
        f.message = "drug '" + order.drug + "' could not be resolved: " + resolution.problem +
                    "; it could not be checked" +
                    (candidates.empty() ? std::string() : " (did you mean: " + candidates + "?)");
    } else if (resolution.ambiguous) {
        f.message = "drug name '" + order.drug + "' is ambiguous: it matches " + candidates +
                    "; give the exact product so it can be checked";
    } else {
        f.message = "unknown drug '" + order.drug +
                    "': not in the rule database, so it could not be checked" +
                    (candidates.empty() ? std::string() : " (did you mean: " + candidates + "?)");
    }
    return f;
}

} // namespace medcheck::check
