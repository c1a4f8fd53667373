// Per-order rules: dose limits by measure, population rules without a measure (contraindications,
// cautions, renal and hepatic bands, pregnancy, Beers), and the missing-factor policy.
#include <medcheck/check/evaluators.hpp>
#include <medcheck/check/population.hpp>
#include <medcheck/util/text.hpp>

#include <absl/container/inlined_vector.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace medcheck::check::detail {

namespace {

using rules::Measure;

const char* const k_missing_source =
    "medcheck check contract, policy decision 3 (missing renal function / weight for a rule that needs it)";

struct Measured {
    std::optional<double> value;
    const std::string* ingredient = nullptr; // for mg measures: the ingredient measured
    bool missing_weight = false;
    bool missing_duration = false;
};

Measured measure(const rules::Rule& rule, const OrderFacts& order, const PatientContext& patient,
                 const rules::RuleSet& rules) {
    Measured m;
    switch (*rule.measure) {
    case Measure::single_mg:
    case Measure::daily_mg:
    case Measure::single_mg_per_kg:
    case Measure::daily_mg_per_kg: {
        const bool single = rule.measure == Measure::single_mg || rule.measure == Measure::single_mg_per_kg;
        const bool per_kg =
            rule.measure == Measure::single_mg_per_kg || rule.measure == Measure::daily_mg_per_kg;
        if (per_kg && !patient.weight_kg) {
            m.missing_weight = true;
            return m;
        }
        for (const auto& amount : order.amounts) {
            if (rule.target_type != rules::TargetType::drug &&
                !rules.ingredient_in(amount.ingredient_id, rule.target_type, rule.target_id)) {
                continue;
            }
            double value = single ? amount.single_mg : amount.daily_mg;
            if (rule.start_dose) { // a titration is measured where it starts
                value *= single ? order.start_single_share : order.start_daily_share;
            }
            if (per_kg) {
                value /= *patient.weight_kg;
            }
            if (!m.value || value > *m.value) {
                m.value = value;
                m.ingredient = &amount.ingredient;
            }
        }
        return m;
    }
    case Measure::doses_per_day:
        m.value = order.doses_per_day;
        return m;
    case Measure::duration_days:
        m.value = order.duration_days;
        m.missing_duration = !order.duration_days;
        return m;
    case Measure::rate_mcg_h:
        m.value = order.rate_mcg_h;
        return m;
    case Measure::units_per_day:
        m.value = order.units_per_day;
        return m;
    case Measure::units_per_dose:
        m.value = order.units_per_dose;
        return m;
    case Measure::cumulative_daily_mg:
        return m; // evaluated across orders
    }
    return m;
}

// "a.b, c.d": the ids of the rules a missing factor kept from being checked.
std::string joined_ids(const std::vector<const rules::Rule*>& list) {
    std::vector<std::string_view> ids;
    ids.reserve(list.size());
    for (const rules::Rule* rule : list) {
        ids.emplace_back(rule->id);
    }
    return fmt::format("{}", fmt::join(ids, ", "));
}

bool is_lowest_band(const rules::Rule& rule) {
    return !rule.population.crcl_min || *rule.population.crcl_min <= 0;
}

// The rules of one order that a missing patient factor kept from being checked.
struct UncheckedRules {
    std::vector<const rules::Rule*> crcl;
    std::vector<const rules::Rule*> weight;
};

} // namespace

model::Finding& add_rule_finding(std::vector<model::Finding>& findings, const rules::Rule& rule,
                                 const OrderFacts& order) {
    // Every text borrowed from the rule and the rule set's drug, set in place in the new finding.
    model::Finding& f = findings.emplace_back();
    f.severity = rule.severity;
    f.kind.assign_borrowed(rule.kind);
    f.drug.emplace().assign_borrowed(order.drug->key);
    f.message.assign_borrowed(rule.message);
    f.unit.assign_borrowed(rule.unit);
    f.source.assign_borrowed(rule.source);
    f.rule_id.assign_borrowed(rule.id);
    f.order = order.index;
    f.alternative.assign_borrowed(rule.alternative);
    return f;
}

namespace {

// One rule that applies to the order's drug and route: a finding when it is broken, or the rule
// noted in `unchecked` when a patient factor it needs is missing.
void evaluate_order_rule(const rules::Rule& rule, const OrderFacts& order, const PatientContext& patient,
                         const rules::RuleSet& rules, std::vector<model::Finding>& findings,
                         UncheckedRules& unchecked) {
    const PopulationMatch match = match_population(rule.population, patient, order.continuing);
    if (match.missing == MissingFactor::crcl) {
        unchecked.crcl.push_back(&rule);
        return;
    }
    if (match.missing == MissingFactor::weight) {
        unchecked.weight.push_back(&rule);
        return;
    }
    if (!match.applies) {
        return; // includes missing age: reported once for the case
    }
    if (!rule.measure) {
        model::Finding& f = add_rule_finding(findings, rule, order);
        const FilterValue shown = describe_filter(rule.population, patient);
        f.actual = shown.actual;
        f.limit = shown.limit;
        f.unit = shown.unit;
        return;
    }
    if (!order.dose_ok && rule.measure != Measure::duration_days) {
        return; // the order is already unverifiable for its dose
    }
    if (adds_up(*rule.measure)) {
        if (*rule.measure == Measure::daily_mg_per_kg && !patient.weight_kg) {
            unchecked.weight.push_back(&rule);
        }
        return; // summed over the orders by evaluate_daily_totals
    }
    const Measured m = measure(rule, order, patient, rules);
    if (m.missing_weight) {
        unchecked.weight.push_back(&rule);
        return;
    }
    if (m.missing_duration) {
        model::Finding& f = add_rule_finding(findings, rule, order);
        f.severity = std::min(rule.severity, model::Severity::warning);
        f.message = "duration not stated; " + rule.message;
        f.limit = rule.limit;
        return;
    }
    if (m.value && util::exceeds(*m.value, *rule.limit)) {
        model::Finding& f = add_rule_finding(findings, rule, order);
        f.actual = *m.value;
        f.limit = rule.limit;
        if (m.ingredient != nullptr && !m.ingredient->empty() && *m.ingredient != order.drug->key) {
            fmt::format_to(std::back_inserter(f.message.edit()), " (measured as {})", *m.ingredient);
        }
    }
}

// Contract policy decision 3: unverifiable for age >= 65 (or unknown), CKD, heart failure, or a
// dose above the limit of the lowest renal band; otherwise an info note.
model::Finding missing_crcl_finding(const OrderFacts& order, const OrderList& orders,
                                    const PatientContext& patient, const rules::RuleSet& rules,
                                    const std::vector<const rules::Rule*>& missing_crcl) {
    bool exceeds_lowest_band = false;
    for (const rules::Rule* rule : missing_crcl) {
        if (rule->measure && is_lowest_band(*rule) && order.dose_ok) {
            // A daily band counts every order of the drug (decision 14), whatever the population.
            const std::optional<double> value =
                adds_up(*rule->measure)
                    ? total_over_orders(static_cast<std::size_t>(rule - rules.rules.data()), orders, patient,
                                        rules, false)
                          .value
                    : measure(*rule, order, patient, rules).value;
            exceeds_lowest_band = exceeds_lowest_band || (value && util::exceeds(*value, *rule->limit));
        }
    }
    const bool at_risk =
        !patient.age_years || *patient.age_years >= 65 || patient.has("ckd") || patient.has("heart_failure");
    model::Finding f;
    f.kind = "missing_patient_factor";
    f.drug = model::Text::borrow(order.drug->key);
    f.source = k_missing_source;
    f.rule_id = "missing.crcl";
    f.order = order.index;
    f.unit = "mL/min";
    const std::string rule_ids = joined_ids(missing_crcl);
    if (at_risk || exceeds_lowest_band) {
        f.severity = model::Severity::unverifiable;
        f.message =
            fmt::format("renal function not given (no CrCl, and Cockcroft-Gault needs serum creatinine, "
                        "age, weight and sex): {} renal rules could not be checked ({}){}",
                        order.drug->key, rule_ids,
                        exceeds_lowest_band ? "; the dose is above the lowest renal band's limit"
                                            : "; patient is 65 or older or has CKD/heart failure");
    } else {
        f.severity = model::Severity::info;
        f.message =
            fmt::format("renal function not given; assumed adequate (age < 65, no CKD or heart failure): "
                        "{} renal rules not checked ({})",
                        order.drug->key, rule_ids);
    }
    return f;
}

model::Finding missing_weight_finding(const OrderFacts& order,
                                      const std::vector<const rules::Rule*>& missing_weight) {
    model::Finding f;
    f.severity = model::Severity::info;
    f.kind = "missing_patient_factor";
    f.drug = model::Text::borrow(order.drug->key);
    f.unit = "kg";
    f.source = k_missing_source;
    f.rule_id = "missing.weight";
    f.order = order.index;
    f.message = fmt::format("weight not given; weight-based limits for {} not checked ({})", order.drug->key,
                            joined_ids(missing_weight));
    return f;
}

} // namespace

void evaluate_order_rules(const OrderFacts& order, const OrderList& orders, const PatientContext& patient,
                          const rules::RuleSet& rules, std::vector<model::Finding>& findings,
                          std::size_t& evaluated, SummedRules& summed) {
    const rules::Drug& drug = *order.drug;
    if (drug.order_rules.empty()) {
        return;
    }
    const rules::OrderRuleRows& rows = drug.order_rule_rows;
    const std::size_t route = order_rule_route(drug, order.route);
    evaluated += rows.route_counts[route];
    OrderRuleBits room;
    const std::span<std::uint64_t> live = room.words(rows.words);
    select_order_rules(rows, route, patient_gate(patient, order.continuing), live);
    if (order.dose_ok) {
        const std::size_t begin = summed.rules.size();
        for (std::size_t w = 0; w < rows.words; ++w) {
            for (std::uint64_t bits = live[w] & rows.adds_up[w]; bits != 0; bits &= bits - 1) {
                summed.rules.push_back(
                    drug.order_rules[w * 64 + static_cast<std::size_t>(std::countr_zero(bits))].rule);
            }
        }
        if (summed.rules.size() != begin) {
            summed.ends.emplace_back(&order, summed.rules.size());
        }
    }
    // A rule summed over the orders (evaluate_daily_totals) has nothing to do here unless the patient
    // lacks the renal function or weight its population needs, the one note it can leave here.
    for (std::size_t w = 0; w < rows.words; ++w) {
        const std::uint64_t acts =
            (patient.crcl_ml_min ? 0 : rows.crcl_band[w]) | (patient.weight_kg ? 0 : rows.weight_band[w]);
        live[w] &= ~(rows.summed[w] & ~acts);
    }
    UncheckedRules unchecked;
    each_bit(live, [&](std::size_t i) {
        evaluate_order_rule(rules.rules[drug.order_rules[i].rule], order, patient, rules, findings,
                            unchecked);
    });
    if (!unchecked.crcl.empty()) {
        findings.push_back(missing_crcl_finding(order, orders, patient, rules, unchecked.crcl));
    }
    if (!unchecked.weight.empty()) {
        findings.push_back(missing_weight_finding(order, unchecked.weight));
    }
}

namespace {

// The cumulative rules a patient's orders touch, ascending and each once. A patient's few orders touch a
// few: kept in place by insertion, nothing allocated, unless there are more than a handful.
class TouchedRules {
  public:
    std::span<const std::size_t> of(const OrderList& orders) {
        for (const auto& order : orders) {
            if (order.drug != nullptr) {
                for (const std::size_t index : order.drug->cumulative_indexes) {
                    add(index);
                }
            }
        }
        if (m_many.empty()) {
            return {m_few.data(), m_count};
        }
        m_many.insert(m_many.end(), m_few.begin(), m_few.end());
        std::sort(m_many.begin(), m_many.end());
        m_many.erase(std::unique(m_many.begin(), m_many.end()), m_many.end());
        return m_many;
    }

  private:
    void add(std::size_t index) {
        std::size_t at = m_count;
        while (at > 0 && m_few[at - 1] > index) {
            --at;
        }
        if (at > 0 && m_few[at - 1] == index) {
            return;
        }
        if (m_count == m_few.size()) {
            m_many.push_back(index);
            return;
        }
        const auto begin = m_few.begin();
        std::copy_backward(begin + static_cast<std::ptrdiff_t>(at),
                           begin + static_cast<std::ptrdiff_t>(m_count),
                           begin + static_cast<std::ptrdiff_t>(m_count + 1));
        m_few[at] = index;
        ++m_count;
    }

    std::array<std::size_t, 8> m_few{};
    std::size_t m_count = 0;
    std::vector<std::size_t> m_many;
};

using Contributions = absl::InlinedVector<std::pair<const OrderFacts*, double>, 4>;

model::Finding cumulative_finding(const rules::Rule& rule, double total, const Contributions& contributing) {
    std::string drugs;
    for (const auto& [order, daily_mg] : contributing) {
        drugs +=
            (drugs.empty() ? "" : " + ") + order->drug->key + " " + util::format_number(daily_mg) + " mg/day";
    }
    model::Finding f;
    f.severity = rule.severity;
    f.kind = model::Text::borrow(rule.kind);
    f.drug = model::Text::borrow(rule.target);
    f.message = rule.message + " (" + drugs + ")";
    f.actual = total;
    f.limit = rule.limit;
    f.unit = model::Text::borrow(rule.unit);
    f.source = model::Text::borrow(rule.source);
    f.rule_id = model::Text::borrow(rule.id);
    f.alternative = model::Text::borrow(rule.alternative);
    for (const auto& part : contributing) {
        f.orders.push_back(part.first->index);
    }
    return f;
}

} // namespace

void evaluate_cumulative(const OrderList& orders, const PatientContext& patient, const rules::RuleSet& rules,
                         std::vector<model::Finding>& findings) {
    // A sum needs two orders with a dose read: most patients of one order, or one read, have none.
    std::size_t read = 0;
    for (const auto& order : orders) {
        read += order.drug != nullptr && order.dose_ok ? 1 : 0;
    }
    if (read < 2) {
        return;
    }
    TouchedRules touched;
    Contributions contributing;
    for (const std::size_t index : touched.of(orders)) {
        const rules::Rule& rule = rules.rules[index];
        if (rule.target_id == rules::k_no_id) {
            continue; // an ingredient without an id is in no order's amounts
        }
        double total = 0;
        contributing.clear();
        for (const auto& order : orders) {
            if (order.drug == nullptr || !order.dose_ok || (rule.route && *rule.route != order.route)) {
                continue;
            }
            if (const IngredientAmount* amount = order.amount_of(rule.target_id)) {
                total += amount->daily_mg;
                contributing.emplace_back(&order, amount->daily_mg);
            }
        }
        if (contributing.size() < 2 || !match_population(rule.population, patient, false).applies ||
            !util::exceeds(total, *rule.limit)) {
            continue;
        }
        findings.push_back(cumulative_finding(rule, total, contributing));
    }
}

} // namespace medcheck::check::detail
