#include <medcheck/check/engine.hpp>

#include <medcheck/check/evaluators.hpp>
#include <medcheck/check/input_finding.hpp>
#include <medcheck/check/resolve.hpp>

#include <algorithm>
#include <cstdint>
#include <tuple>

namespace medcheck::check {

namespace {

model::Finding from_issue(const model::InputIssue& issue) {
    model::Finding f = input_finding(issue.field, issue.field + ": " + issue.message);
    f.order = issue.order;
    return f;
}

} // namespace

void finalize(CheckResult& result) {
    static const std::string k_none;
    // Worst first, then drug, kind, rule, order, message. Sorts positions and moves each finding
    // once: this runs for every finding of every patient in a batch, and a finding is large.
    auto& findings = result.findings;
    std::vector<std::uint32_t> position(findings.size());
    for (std::uint32_t i = 0; i < position.size(); ++i) {
        position[i] = i;
    }
    std::stable_sort(position.begin(), position.end(), [&](std::uint32_t ia, std::uint32_t ib) {
        const model::Finding& a = findings[ia];
        const model::Finding& b = findings[ib];
        if (a.severity != b.severity) {
            return a.severity > b.severity;
        }
        const std::string& drug_a = a.drug ? *a.drug : k_none;
        const std::string& drug_b = b.drug ? *b.drug : k_none;
        return std::tie(drug_a, a.kind, a.rule_id, a.order, a.message) <
               std::tie(drug_b, b.kind, b.rule_id, b.order, b.message);
    });
    if (!std::is_sorted(position.begin(), position.end())) {
        std::vector<model::Finding> sorted;
        sorted.reserve(findings.size());
        for (const std::uint32_t i : position) {
            sorted.push_back(std::move(findings[i]));
        }
        findings = std::move(sorted);
    }
    std::optional<model::Severity> worst;
    for (const auto& f : result.findings) {
        if (f.severity != model::Severity::info && (!worst || f.severity > *worst)) {
            worst = f.severity;
        }
    }
    result.verdict = model::verdict_for(worst);
}

CheckResult check_case(const model::Case& input, const rules::RuleSet& rules, const CheckOptions& options) {
    CheckResult result;
    auto& findings = result.findings;
    for (const auto& issue : input.issues) {
        findings.push_back(from_issue(issue));
    }
    result.patient = derive_patient(input, rules, findings);

    std::vector<OrderFacts> orders;
    orders.reserve(input.medications.size());
    const bool describe = options.describe_orders;
    for (std::size_t i = 0; i < input.medications.size(); ++i) {
        const model::MedicationOrder& order = input.medications[i];
        const int index = static_cast<int>(i);
        Resolution resolved_here;
        const Resolution& resolution =
            options.resolve_cache != nullptr
                ? options.resolve_cache->resolve(order.drug, {order.unit, order.route})
                : (resolved_here = resolve_drug(order.drug, rules, {order.unit, order.route}));
        if (describe) {
            result.orders.push_back(
                {order.drug, resolution.drug ? resolution.drug->key : "", describe_order(order), {}, {}, {}});
        }
        if (resolution.drug == nullptr) {
            findings.push_back(unresolved_finding(order, index, resolution));
            OrderFacts unresolved;
            unresolved.index = index;
            if (describe) {
                result.orders.back().reading.text = "not read: the drug did not resolve";
            }
            orders.push_back(std::move(unresolved));
            continue;
        }
        if (order.route.empty() && !resolution.route.empty()) {
            // The name states the route ("Acetaminophen IV"): check the rules of that route.
            model::MedicationOrder routed = order;
            routed.route = resolution.route;
            orders.push_back(
                interpret_order(routed, index, *resolution.drug, resolution.unit_strength, findings));
        } else {
            orders.push_back(
                interpret_order(order, index, *resolution.drug, resolution.unit_strength, findings));
        }
        if (describe) {
            result.orders.back().reading = orders.back().reading;
            result.orders.back().ingredients = orders.back().amounts;
            if (orders.back().dose_ok && !orders.back().amounts.empty()) {
                result.orders.back().daily_mg = orders.back().amounts.front().daily_mg;
            }
        }
    }
    for (const auto& order : orders) {
        if (order.drug != nullptr && order.continuing) {
            for (const auto& component : order.drug->components) {
                const auto it = rules.ingredients.find(component.ingredient);
                if (it != rules.ingredients.end()) {
                    result.patient.continuing_groups.insert(it->second.groups.begin(),
                                                            it->second.groups.end());
                }
            }
        }
    }
    if (detail::continuing_mme(orders, rules) >= detail::k_opioid_tolerant_mme_per_day - 1e-9) {
        result.patient.derived_conditions.insert("opioid_tolerant");
    }
    for (const auto& order : orders) {
        if (order.drug != nullptr) {
            detail::evaluate_order_rules(order, orders, result.patient, rules, findings,
                                         result.rules_evaluated);
        }
    }
    detail::evaluate_cumulative(orders, result.patient, rules, findings);
    detail::evaluate_daily_totals(orders, result.patient, rules, findings);
    detail::evaluate_interactions(orders, result.patient, rules, findings);
    detail::evaluate_first_line(orders, result.patient, rules, findings);
    result.total_mme = detail::evaluate_mme(orders, rules, findings);
    finalize(result);
    return result;
}

} // namespace medcheck::check
