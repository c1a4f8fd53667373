#pragma once

// Internal to the check layer: the rule-kind evaluators that check_case runs in turn.

#include <medcheck/check/order_facts.hpp>
#include <medcheck/check/patient_context.hpp>
#include <medcheck/model/finding.hpp>
#include <medcheck/rules/rule_set.hpp>

#include <optional>
#include <vector>

namespace medcheck::check::detail {

// Per-order rules (dose limits, populations, contraindications, cautions) and the missing-factor policy.
void evaluate_order_rules(const OrderFacts& order, const PatientContext& patient, const rules::RuleSet& rules,
                          std::vector<model::Finding>& findings, std::size_t& evaluated);

// Cumulative ingredient totals across orders.
void evaluate_cumulative(const std::vector<OrderFacts>& orders, const PatientContext& patient,
                         const rules::RuleSet& rules, std::vector<model::Finding>& findings);

// Interactions, duplicate therapy and group counts across orders.
void evaluate_interactions(const std::vector<OrderFacts>& orders, const PatientContext& patient,
                           const rules::RuleSet& rules, std::vector<model::Finding>& findings);

// First-line policy for opioid / benzodiazepine orders.
void evaluate_first_line(const std::vector<OrderFacts>& orders, const PatientContext& patient,
                         const rules::RuleSet& rules, std::vector<model::Finding>& findings);

// Morphine milligram equivalents: returns the total when any opioid had a factor.
std::optional<double> evaluate_mme(const std::vector<OrderFacts>& orders, const rules::RuleSet& rules,
                                   std::vector<model::Finding>& findings);

} // namespace medcheck::check::detail
