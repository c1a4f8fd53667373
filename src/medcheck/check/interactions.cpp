// Rules across orders: interactions (pairs and triples), duplicate therapy and group counts.
#include <medcheck/check/evaluators.hpp>
#include <medcheck/util/text.hpp>

#include <algorithm>
#include <set>

namespace medcheck::check::detail {

namespace {

// One order's ingredient that matches one side of a rule.
struct Hit {
    const OrderFacts* order;
    std::string ingredient;
};

std::vector<Hit> hits(const rules::InteractionSide& side, const std::vector<OrderFacts>& orders,
                      const rules::RuleSet& rules) {
    std::vector<Hit> out;
    for (const auto& order : orders) {
        if (order.drug == nullptr) {
            continue;
        }
        for (const auto& component : order.drug->components) {
            if (!rules.ingredient_in(component.ingredient, side.type, side.key)) {
                continue;
            }
            if ((side.max_daily_mg || side.above_daily_mg) && order.dose_ok) {
                // An unreadable dose matches either way (fail closed); a readable one must be in range.
                const IngredientAmount* amount = order.amount_of(component.ingredient);
                if (amount != nullptr && side.max_daily_mg && util::exceeds(amount->daily_mg, *side.max_daily_mg)) {
                    continue;
                }
                if (amount != nullptr && side.above_daily_mg && !util::exceeds(amount->daily_mg, *side.above_daily_mg)) {
                    continue;
                }
            }
            out.push_back({&order, component.ingredient});
        }
    }
    return out;
}

model::Finding from_rule(const rules::InteractionRule& rule, const std::vector<const OrderFacts*>& involved) {
    model::Finding f;
    f.severity = rule.severity;
    f.kind = rule.kind;
    std::string drugs;
    for (const OrderFacts* order : involved) {
        drugs += (drugs.empty() ? "" : " + ") + order->drug->key;
    }
    f.drug = drugs;
    f.message = rule.message;
    f.source = rule.source;
    f.rule_id = rule.id;
    f.order = involved.front()->index;
    return f;
}

bool age_allows(const std::optional<double>& age_min, const PatientContext& patient) {
    return !age_min || (patient.age_years && *patient.age_years >= *age_min);
}

} // namespace

void evaluate_interactions(const std::vector<OrderFacts>& orders, const PatientContext& patient,
                           const rules::RuleSet& rules, std::vector<model::Finding>& findings) {
    for (const auto& rule : rules.interactions) {
        if (!age_allows(rule.age_min, patient)) {
            continue;
        }
        const std::vector<Hit> a = hits(rule.a, orders, rules);
        if (a.empty()) {
            continue;
        }
        const bool same_group = rule.a.type == rule.b.type && rule.a.key == rule.b.key;
        if (same_group) {
            // Two or more different ingredients of one group: one finding naming them all.
            std::set<std::string> ingredients;
            std::vector<const OrderFacts*> involved;
            for (const Hit& hit : a) {
                if (ingredients.insert(hit.ingredient).second) {
                    involved.push_back(hit.order);
                }
            }
            if (ingredients.size() >= 2) {
                findings.push_back(from_rule(rule, involved));
            }
            continue;
        }
        const std::vector<Hit> b = hits(rule.b, orders, rules);
        const std::vector<Hit> c = rule.c ? hits(*rule.c, orders, rules) : std::vector<Hit>{};
        std::set<std::vector<std::string>> reported; // one finding per set of ingredients
        for (const Hit& x : a) {
            for (const Hit& y : b) {
                if (x.order == y.order || x.ingredient == y.ingredient) {
                    continue;
                }
                if (!rule.c) {
                    std::vector<std::string> key{x.ingredient, y.ingredient};
                    std::sort(key.begin(), key.end());
                    if (reported.insert(key).second) {
                        findings.push_back(from_rule(rule, {x.order, y.order}));
                    }
                    continue;
                }
                for (const Hit& z : c) {
                    if (z.order == x.order || z.order == y.order || z.ingredient == x.ingredient ||
                        z.ingredient == y.ingredient) {
                        continue;
                    }
                    std::vector<std::string> key{x.ingredient, y.ingredient, z.ingredient};
                    std::sort(key.begin(), key.end());
                    if (reported.insert(key).second) {
                        findings.push_back(from_rule(rule, {x.order, y.order, z.order}));
                    }
                }
            }
        }
    }
    for (const auto& rule : rules.group_counts) {
        if (!age_allows(rule.age_min, patient)) {
            continue;
        }
        std::set<std::string> ingredients;
        std::vector<const OrderFacts*> involved;
        for (const Hit& hit : hits({rules::TargetType::group, rule.group, std::nullopt, std::nullopt}, orders, rules)) {
            if (ingredients.insert(hit.ingredient).second) {
                involved.push_back(hit.order);
            }
        }
        if (static_cast<int>(ingredients.size()) < rule.min_count) {
            continue;
        }
        model::Finding f;
        f.severity = rule.severity;
        f.kind = rule.kind;
        std::string drugs;
        for (const OrderFacts* order : involved) {
            drugs += (drugs.empty() ? "" : " + ") + order->drug->key;
        }
        f.drug = drugs;
        f.message = rule.message;
        f.actual = static_cast<double>(ingredients.size());
        f.limit = rule.min_count;
        f.unit = "drugs";
        f.source = rule.source;
        f.rule_id = rule.id;
        f.order = involved.front()->index;
        findings.push_back(std::move(f));
    }
}

} // namespace medcheck::check::detail
