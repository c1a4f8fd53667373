#pragma once

#include <medcheck/model/case.hpp>
#include <medcheck/model/finding.hpp>
#include <medcheck/rules/rule_set.hpp>
#include <medcheck/sig/reading.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace medcheck::check {

// Plausibility bounds for a single administration; beyond them the dose is an invalid_input finding.
inline constexpr double k_max_single_mg = 100000; // 100 g
inline constexpr double k_max_rate_mcg_h = 1000;
inline constexpr double k_max_units = 100;
inline constexpr double k_max_doses_per_day = 48;
inline constexpr double k_max_duration_days = 3650;

struct IngredientAmount {
    std::string ingredient;
    double single_mg = 0;                         // per administration
    double daily_mg = 0;                          // per day at the most the frequency allows
    std::uint32_t ingredient_id = rules::k_no_id; // the drug component's (rules::RuleSet::ingredient_ids)
};

// How an order was read, for the `orders` output and the reading line under each order.
struct OrderReading {
    bool read = false;              // dose, unit and frequency all read, nothing ambiguous
    std::optional<double> dose_min; // per administration, in `unit`
    std::optional<double> dose_max;
    std::string unit; // canonical: mg, tablet, patch, mcg/h, mL
    std::optional<double> doses_per_day_max;
    bool prn = false;
    std::optional<sig::StatedMax> max_stated;
    std::optional<double> duration_days;
    std::string text; // "2 tablets every 4 h as needed = up to 12 tablets/day: acetaminophen 3900 mg/day"
};

// An order as the rules see it: resolved drug, route and, when readable, its amounts.
struct OrderFacts {
    int index = 0;
    const rules::Drug* drug = nullptr; // null when the name did not resolve
    std::string route;
    bool route_checked = false; // the drug has rules for this route
    bool dose_ok = false;       // dose, unit and frequency were all usable
    double doses_per_day = 0;
    std::string frequency;                // canonical spelling
    std::optional<double> units_per_dose; // unit-basis products
    std::optional<double> units_per_day;  // unit-basis products, when the order was read
    std::optional<double> rate_mcg_h;     // rate-basis (patch) drugs
    std::vector<IngredientAmount> amounts;
    std::optional<double> duration_days;
    bool continuing = false;
    // A regimen read as phases: the first phase's single dose and day as shares of the regimen's (at
    // most 1), which start-dose rules measure; 1 otherwise.
    double start_single_share = 1;
    double start_daily_share = 1;
    OrderReading reading;

    // The order's first amount of an ingredient, by its id (rules::RuleSet::ingredient_ids); null if none.
    // Inline: the MME, cumulative and interaction evaluators ask it for every order.
    const IngredientAmount* amount_of(std::uint32_t ingredient_id) const {
        for (const auto& amount : amounts) {
            if (amount.ingredient_id == ingredient_id) {
                return &amount;
            }
        }
        return nullptr;
    }
};

// Interprets an order whose drug resolved, appending invalid_input findings for unusable values.
// What the product name says of its strength, so doses in its units can be converted.
struct NameStrength {
    std::optional<double> per_unit; // per tablet/patch, in the drug's terms (mg, mcg/h)
    std::optional<double> per_ml;   // a liquid's mg per mL
};

// strength: from the product name, so count and volume doses can be converted.
// `describe` false: reading.text is left empty (a batch never prints it, and it costs a few formats).
OrderFacts interpret_order(const model::MedicationOrder& order, int index, const rules::Drug& drug,
                           NameStrength strength, std::vector<model::Finding>& findings,
                           bool describe = true);

// "cyclobenzaprine 10 mg oral tid x 14d": the order as a readable sig.
std::string describe_order(const model::MedicationOrder& order);

} // namespace medcheck::check
