// Daily limits summed over orders (contract decision 14): every order a daily rule reaches adds its
// share of the same ingredient, so two orders of ketorolac 10 mg q6h are 80 mg/day against 40.
#include <medcheck/check/evaluators.hpp>
#include <medcheck/check/population.hpp>
#include <medcheck/util/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <span>
#include <string_view>

namespace medcheck::check::detail {

namespace {

using rules::Measure;

bool per_kg(Measure measure) {
    return measure == Measure::daily_mg_per_kg;
}

// Whether a rule indexed for the order's drug also matches its formulation and route.
bool reaches(const rules::Rule& rule, const OrderFacts& order) {
    return (!rule.release || *rule.release == order.drug->release) &&
           (!rule.route || *rule.route == order.route);
}

// One order's contribution to a summed measure, keyed by what adds up: the ingredient for amounts,
// doses and patch rates, the product for tablet counts (units_per_day rules target a product).
// The keys point into the order's drug and amounts, which outlive the total.
using Share = std::pair<const std::string*, double>;
using Shares = absl::InlinedVector<Share, 4>;
void shares(const rules::Rule& rule, const OrderFacts& order, const PatientContext& patient,
            const rules::RuleSet& rules, Shares& out) {
    out.clear();
    const auto matches = [&](const std::string& ingredient) {
        return rule.target_type == rules::TargetType::drug ||
               rules.ingredient_in(ingredient, rule.target_type, rule.target);
    };
    // A start-dose rule measures a titration where it starts (OrderFacts::start_daily_share).
    const double start_share = rule.start_dose ? order.start_daily_share : 1.0;
    switch (*rule.measure) {
    case Measure::daily_mg:
    case Measure::daily_mg_per_kg:
        for (const auto& amount : order.amounts) {
            if (matches(amount.ingredient)) {
                const double daily = amount.daily_mg * start_share;
                out.emplace_back(&amount.ingredient,
                                 per_kg(*rule.measure) ? daily / *patient.weight_kg : daily);
            }
        }
        break;
    case Measure::doses_per_day:
    case Measure::rate_mcg_h:
        for (const auto& component : order.drug->components) {
            const std::optional<double> value = rule.measure == Measure::doses_per_day
                                                    ? std::optional<double>(order.doses_per_day)
                                                    : order.rate_mcg_h;
            if (value && matches(component.ingredient)) {
                out.emplace_back(&component.ingredient, *value);
            }
        }
        break;
    case Measure::units_per_day:
        if (order.units_per_day) {
            out.emplace_back(&order.drug->key, *order.units_per_day);
        }
        break;
    default:
        break;
    }
}

// The orders a rule reaches, in order: a patient has few.
using Reached = absl::InlinedVector<const OrderFacts*, 8>;

// One key's total (an ingredient, or a product for tablet counts), without the orders that make it.
struct KeyTotal {
    std::string_view key;
    double value = 0;
};

// Calls visit(order, share) for each share of each reached order the rule's population takes in.
template <typename Visit>
void for_each_share(const rules::Rule& rule, std::span<const OrderFacts* const> reached,
                    const PatientContext& patient, const rules::RuleSet& rules, bool check_population,
                    Visit&& visit) {
    Shares order_shares;
    for (const OrderFacts* order : reached) {
        if (check_population && !match_population(rule.population, patient, order->continuing).applies) {
            continue;
        }
        shares(rule, *order, patient, rules, order_shares);
        for (const Share& share : order_shares) {
            visit(order, share);
        }
    }
}

// The largest total of `rule`'s measure by key over the orders it reaches (each with a usable dose),
// without its parts: most totals stay under their limit, and only one above it needs them
// (with_parts). Among equal totals the smallest key wins, as in key order.
std::optional<KeyTotal> best_total(const rules::Rule& rule, std::span<const OrderFacts* const> reached,
                                   const PatientContext& patient, const rules::RuleSet& rules,
                                   bool check_population) {
    if (per_kg(*rule.measure) && !patient.weight_kg) {
        return std::nullopt; // reported per order as a missing weight
    }
    // A patient has few orders and fewer keys: a short list, not a map.
    absl::InlinedVector<KeyTotal, 4> by_key;
    for_each_share(
        rule, reached, patient, rules, check_population, [&](const OrderFacts*, const Share& share) {
            const std::string_view key = *share.first;
            auto total =
                std::find_if(by_key.begin(), by_key.end(), [&](const KeyTotal& t) { return t.key == key; });
            if (total == by_key.end()) {
                total = by_key.insert(by_key.end(), KeyTotal{key, 0});
            }
            total->value += share.second;
        });
    std::optional<KeyTotal> best;
    for (const KeyTotal& total : by_key) {
        if (!best || total.value > best->value || (total.value == best->value && total.key < best->key)) {
            best = total;
        }
    }
    return best;
}

// The orders that add up to `best`, in order, with their shares.
DailyTotal with_parts(const KeyTotal& best, const rules::Rule& rule,
                      std::span<const OrderFacts* const> reached, const PatientContext& patient,
                      const rules::RuleSet& rules, bool check_population) {
    DailyTotal total{best.value, best.key, {}};
    for_each_share(rule, reached, patient, rules, check_population,
                   [&](const OrderFacts* order, const Share& share) {
                       if (*share.first == best.key) {
                           total.parts.emplace_back(order, share.second);
                       }
                   });
    return total;
}

} // namespace

DailyTotal total_over_orders(std::size_t rule_index, const std::vector<OrderFacts>& orders,
                             const PatientContext& patient, const rules::RuleSet& rules,
                             bool check_population) {
    const rules::Rule& rule = rules.rules[rule_index];
    Reached reached;
    for (const auto& order : orders) {
        if (order.drug != nullptr && order.dose_ok && reaches(rule, order) &&
            std::binary_search(order.drug->rule_indexes.begin(), order.drug->rule_indexes.end(),
                               rule_index)) {
            reached.push_back(&order);
        }
    }
    const std::optional<KeyTotal> best = best_total(rule, reached, patient, rules, check_population);
    return best ? with_parts(*best, rule, reached, patient, rules, check_population) : DailyTotal{};
}

namespace {

// A summed rule and one order it reaches.
struct Reach {
    std::size_t rule;
    const OrderFacts* order;
};
using Reaches = absl::InlinedVector<Reach, 16>;

// Every summed rule with each order it reaches and whose population takes the order in, found in one
// pass over the orders' rule lists, by rule and, within a rule, in order of the orders: each rule's
// total then visits only its own orders, and a rule whose population is not the patient's none.
void reached_rules(const std::vector<OrderFacts>& orders, const PatientContext& patient,
                   const rules::RuleSet& rules, Reaches& reach) {
    for (const auto& order : orders) {
        if (order.drug == nullptr || !order.dose_ok) {
            continue;
        }
        for (const std::size_t i : order.drug->summed_indexes) {
            const rules::Rule& rule = rules.rules[i];
            if (reaches(rule, order) &&
                match_population(rule.population, patient, order.continuing).applies) {
                reach.push_back({i, &order});
            }
        }
    }
    // A stable insertion sort: a patient reaches a few dozen rules at most, and nothing is allocated.
    for (std::size_t i = 1; i < reach.size(); ++i) {
        const Reach moving = reach[i];
        std::size_t j = i;
        for (; j > 0 && reach[j - 1].rule > moving.rule; --j) {
            reach[j] = reach[j - 1];
        }
        reach[j] = moving;
    }
}

// The finding of a total above its rule's limit, unless a cumulative-ingredient finding among the
// first `cumulative_end` already reports the same orders at or below this limit.
void report_total(const DailyTotal& total, const rules::Rule& rule, std::size_t cumulative_end,
                  std::vector<model::Finding>& findings) {
    absl::InlinedVector<int, 4> indexes; // a vector only for the finding of several orders
    for (const auto& part : total.parts) {
        indexes.push_back(part.first->index);
    }
    const bool said =
        std::any_of(findings.begin(), findings.begin() + static_cast<std::ptrdiff_t>(cumulative_end),
                    [&](const model::Finding& f) {
                        return f.kind == "cumulative_ingredient" && f.drug == total.key &&
                               std::equal(f.orders.begin(), f.orders.end(), indexes.begin(), indexes.end()) &&
                               f.limit && *f.limit <= *rule.limit;
                    });
    if (said) {
        return;
    }
    const OrderFacts& primary = *total.parts.front().first;
    model::Finding& f = add_rule_finding(findings, rule, primary);
    f.actual = total.value;
    f.limit = rule.limit;
    if (total.key != primary.drug->key && rule.measure != Measure::units_per_day) {
        fmt::format_to(std::back_inserter(f.message.edit()), " (measured as {})", total.key);
    }
    if (total.parts.size() >= 2) {
        // "(2 orders add up: medications[0] ibuprofen 2400 mg/day + medications[1] ...)", appended
        // piece by piece: a batch writes this for every patient whose orders add up past a limit.
        std::string& message = f.message.edit();
        message += " (";
        message += std::to_string(total.parts.size());
        message += " orders add up: ";
        for (std::size_t i = 0; i < total.parts.size(); ++i) {
            const auto& [order, value] = total.parts[i];
            message += i == 0 ? "medications[" : " + medications[";
            message += std::to_string(order->index);
            message += "] ";
            message += order->drug->key;
            message += ' ';
            message += util::format_number(value);
            message += ' ';
            message += rule.unit;
        }
        message += ')';
        f.orders.assign(indexes.begin(), indexes.end());
    }
}

} // namespace

void evaluate_daily_totals(const std::vector<OrderFacts>& orders, const PatientContext& patient,
                           const rules::RuleSet& rules, std::vector<model::Finding>& findings) {
    Reaches reach;
    reached_rules(orders, patient, rules, reach);
    const std::size_t cumulative_end = findings.size();
    Reached reached;
    for (std::size_t begin = 0; begin < reach.size();) {
        const std::size_t index = reach[begin].rule;
        reached.clear();
        for (; begin < reach.size() && reach[begin].rule == index; ++begin) {
            reached.push_back(reach[begin].order);
        }
        const rules::Rule& rule = rules.rules[index];
        // Populations were matched in reached_rules.
        const std::optional<KeyTotal> best = best_total(rule, reached, patient, rules, false);
        if (best && util::exceeds(best->value, *rule.limit)) {
            report_total(with_parts(*best, rule, reached, patient, rules, false), rule, cumulative_end,
                         findings);
        }
    }
}

} // namespace medcheck::check::detail
