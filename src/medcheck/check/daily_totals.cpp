// Daily limits summed over orders (contract decision 14): every order a daily rule reaches adds its
// share of the same ingredient, so two orders of ketorolac 10 mg q6h are 80 mg/day against 40.
#include <medcheck/check/evaluators.hpp>
#include <medcheck/check/population.hpp>
#include <medcheck/util/text.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

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
    switch (*rule.measure) {
    case Measure::daily_mg:
    case Measure::daily_mg_per_kg:
        for (const auto& amount : order.amounts) {
            if (matches(amount.ingredient)) {
                out.emplace_back(&amount.ingredient, per_kg(*rule.measure)
                                                         ? amount.daily_mg / *patient.weight_kg
                                                         : amount.daily_mg);
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
        if (order.units_per_dose) {
            out.emplace_back(&order.drug->key, *order.units_per_dose * order.doses_per_day);
        }
        break;
    default:
        break;
    }
}

} // namespace

bool adds_up(Measure measure) {
    return measure == Measure::daily_mg || measure == Measure::daily_mg_per_kg ||
           measure == Measure::doses_per_day || measure == Measure::units_per_day ||
           measure == Measure::rate_mcg_h;
}

DailyTotal total_over_orders(std::size_t rule_index, const std::vector<OrderFacts>& orders,
                             const PatientContext& patient, const rules::RuleSet& rules,
                             bool check_population) {
    const rules::Rule& rule = rules.rules[rule_index];
    DailyTotal best;
    if (per_kg(*rule.measure) && !patient.weight_kg) {
        return best; // reported per order as a missing weight
    }
    // A patient has few orders and fewer keys: a short list, not a map. Among equal totals the
    // smallest key wins, as in key order.
    absl::InlinedVector<DailyTotal, 2> by_key;
    Shares order_shares;
    for (const auto& order : orders) {
        if (order.drug == nullptr || !order.dose_ok || !reaches(rule, order) ||
            !std::binary_search(order.drug->rule_indexes.begin(), order.drug->rule_indexes.end(),
                                rule_index)) {
            continue;
        }
        if (check_population && !match_population(rule.population, patient, order.continuing).applies) {
            continue;
        }
        shares(rule, order, patient, rules, order_shares);
        for (const Share& share : order_shares) {
            const std::string& key = *share.first;
            auto total =
                std::find_if(by_key.begin(), by_key.end(), [&](const DailyTotal& t) { return t.key == key; });
            if (total == by_key.end()) {
                total = by_key.insert(by_key.end(), DailyTotal{std::nullopt, key, {}});
            }
            total->value = total->value.value_or(0) + share.second;
            total->parts.emplace_back(&order, share.second);
        }
    }
    for (auto& total : by_key) {
        if (!best.value || *total.value > *best.value ||
            (*total.value == *best.value && total.key < best.key)) {
            best = std::move(total);
        }
    }
    return best;
}

void evaluate_daily_totals(const std::vector<OrderFacts>& orders, const PatientContext& patient,
                           const rules::RuleSet& rules, std::vector<model::Finding>& findings) {
    absl::InlinedVector<std::size_t, 16> touched;
    for (const auto& order : orders) {
        if (order.drug == nullptr || !order.dose_ok) {
            continue;
        }
        for (const std::size_t i : order.drug->rule_indexes) {
            const rules::Rule& rule = rules.rules[i];
            if (rule.measure && adds_up(*rule.measure) && reaches(rule, order)) {
                touched.push_back(i);
            }
        }
    }
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    const std::size_t cumulative_end = findings.size();
    for (const std::size_t index : touched) {
        const rules::Rule& rule = rules.rules[index];
        const DailyTotal total = total_over_orders(index, orders, patient, rules, true);
        if (!total.value || !util::exceeds(*total.value, *rule.limit)) {
            continue;
        }
        std::vector<int> indexes;
        indexes.reserve(total.parts.size());
        for (const auto& part : total.parts) {
            indexes.push_back(part.first->index);
        }
        // A cumulative-ingredient rule over the same orders at or below this limit already says it.
        const bool said =
            std::any_of(findings.begin(), findings.begin() + static_cast<std::ptrdiff_t>(cumulative_end),
                        [&](const model::Finding& f) {
                            return f.kind == "cumulative_ingredient" && f.drug == total.key &&
                                   f.orders == indexes && f.limit && *f.limit <= *rule.limit;
                        });
        if (said) {
            continue;
        }
        const OrderFacts& primary = *total.parts.front().first;
        model::Finding& f = add_rule_finding(findings, rule, primary);
        f.actual = total.value;
        f.limit = rule.limit;
        if (total.key != primary.drug->key && rule.measure != Measure::units_per_day) {
            fmt::format_to(std::back_inserter(f.message.edit()), " (measured as {})", total.key);
        }
        if (total.parts.size() >= 2) {
            std::vector<std::string> parts;
            parts.reserve(total.parts.size());
            for (const auto& [order, value] : total.parts) {
                parts.push_back(fmt::format("medications[{}] {} {} {}", order->index, order->drug->key,
                                            util::format_number(value), rule.unit));
            }
            fmt::format_to(std::back_inserter(f.message.edit()), " ({} orders add up: {})",
                           total.parts.size(), fmt::join(parts, " + "));
            f.orders = std::move(indexes);
        }
    }
}

} // namespace medcheck::check::detail
