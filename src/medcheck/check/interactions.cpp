// Rules across orders: interactions (pairs and triples), duplicate therapy and group counts. Which
// ingredient of which drug matches which rule side is indexed at load time (Drug::interaction_sides),
// so a case only visits the rules its own drugs can touch.
#include <medcheck/check/evaluators.hpp>
#include <medcheck/util/text.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <set>

namespace medcheck::check::detail {

namespace {

// One order's ingredient that matches one side of a rule.
struct Hit {
    const OrderFacts* order;
    const std::string* ingredient;
};

using Sides = std::array<std::vector<Hit>, 3>;

// Dose limits on a side: an unreadable dose matches either way (fail closed).
bool dose_fits(const rules::InteractionSide& side, const OrderFacts& order, const std::string& ingredient) {
    if ((!side.max_daily_mg && !side.above_daily_mg) || !order.dose_ok) {
        return true;
    }
    const IngredientAmount* amount = order.amount_of(ingredient);
    if (amount == nullptr) {
        return true;
    }
    if (side.max_daily_mg && util::exceeds(amount->daily_mg, *side.max_daily_mg)) {
        return false;
    }
    return !(side.above_daily_mg && !util::exceeds(amount->daily_mg, *side.above_daily_mg));
}

std::string joined_drugs(const std::vector<const OrderFacts*>& involved) {
    std::string drugs;
    for (const OrderFacts* order : involved) {
        drugs += (drugs.empty() ? "" : " + ") + order->drug->key;
    }
    return drugs;
}

// Every order index a combining finding involves, ascending and once each.
std::vector<int> indexes_of(const std::vector<const OrderFacts*>& involved) {
    std::vector<int> out;
    for (const OrderFacts* order : involved) {
        out.push_back(order->index);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

model::Finding from_rule(const rules::InteractionRule& rule, const std::vector<const OrderFacts*>& involved) {
    model::Finding f;
    f.severity = rule.severity;
    f.kind = rule.kind;
    f.drug = joined_drugs(involved);
    f.message = rule.message;
    f.source = rule.source;
    f.rule_id = rule.id;
    f.order = involved.front()->index;
    f.orders = indexes_of(involved);
    return f;
}

bool age_allows(const std::optional<double>& age_min, const PatientContext& patient) {
    return !age_min || (patient.age_years && *patient.age_years >= *age_min);
}

void evaluate_rule(const rules::InteractionRule& rule, const Sides& sides,
                   std::vector<model::Finding>& findings) {
    const std::vector<Hit>& a = sides[0];
    if (rule.a.type == rule.b.type && rule.a.key == rule.b.key) {
        // Two or more different ingredients of one group: one finding naming them all.
        std::set<std::string> ingredients;
        std::vector<const OrderFacts*> involved;
        for (const Hit& hit : a) {
            if (ingredients.insert(*hit.ingredient).second) {
                involved.push_back(hit.order);
            }
        }
        if (ingredients.size() >= 2) {
            findings.push_back(from_rule(rule, involved));
        }
        return;
    }
    std::set<std::vector<std::string>> reported; // one finding per set of ingredients
    for (const Hit& x : a) {
        for (const Hit& y : sides[1]) {
            if (x.order == y.order || *x.ingredient == *y.ingredient) {
                continue;
            }
            if (!rule.c) {
                std::vector<std::string> key{*x.ingredient, *y.ingredient};
                std::sort(key.begin(), key.end());
                if (reported.insert(key).second) {
                    findings.push_back(from_rule(rule, {x.order, y.order}));
                }
                continue;
            }
            for (const Hit& z : sides[2]) {
                if (z.order == x.order || z.order == y.order || *z.ingredient == *x.ingredient ||
                    *z.ingredient == *y.ingredient) {
                    continue;
                }
                std::vector<std::string> key{*x.ingredient, *y.ingredient, *z.ingredient};
                std::sort(key.begin(), key.end());
                if (reported.insert(key).second) {
                    findings.push_back(from_rule(rule, {x.order, y.order, z.order}));
                }
            }
        }
    }
}

} // namespace

void evaluate_interactions(const std::vector<OrderFacts>& orders, const PatientContext& patient,
                           const rules::RuleSet& rules, std::vector<model::Finding>& findings) {
    // Rules touched by this case, in rule order (deterministic), with the hits of each side.
    std::map<std::size_t, Sides> touched;
    std::map<std::size_t, std::vector<Hit>> counted;
    for (const auto& order : orders) {
        if (order.drug == nullptr) {
            continue;
        }
        for (const rules::SideMatch& match : order.drug->interaction_sides) {
            const rules::InteractionRule& rule = rules.interactions[match.rule];
            const rules::InteractionSide& side = match.side == 0   ? rule.a
                                                 : match.side == 1 ? rule.b
                                                                   : *rule.c;
            if (dose_fits(side, order, match.ingredient)) {
                touched[match.rule][static_cast<std::size_t>(match.side)].push_back(
                    {&order, &match.ingredient});
            }
        }
        for (const auto& [rule, ingredient] : order.drug->group_count_hits) {
            counted[rule].push_back({&order, &ingredient});
        }
    }
    for (const auto& [index, sides] : touched) {
        const rules::InteractionRule& rule = rules.interactions[index];
        if (age_allows(rule.age_min, patient) && !sides[0].empty()) {
            evaluate_rule(rule, sides, findings);
        }
    }
    for (const auto& [index, hits] : counted) {
        const rules::GroupCountRule& rule = rules.group_counts[index];
        if (!age_allows(rule.age_min, patient)) {
            continue;
        }
        std::set<std::string> ingredients;
        std::vector<const OrderFacts*> involved;
        for (const Hit& hit : hits) {
            if (ingredients.insert(*hit.ingredient).second) {
                involved.push_back(hit.order);
            }
        }
        if (static_cast<int>(ingredients.size()) < rule.min_count) {
            continue;
        }
        model::Finding f;
        f.severity = rule.severity;
        f.kind = rule.kind;
        f.drug = joined_drugs(involved);
        f.message = rule.message;
        f.actual = static_cast<double>(ingredients.size());
        f.limit = rule.min_count;
        f.unit = "drugs";
        f.source = rule.source;
        f.rule_id = rule.id;
        f.order = involved.front()->index;
        f.orders = indexes_of(involved);
        findings.push_back(std::move(f));
    }
}

} // namespace medcheck::check::detail
