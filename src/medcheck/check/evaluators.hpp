#pragma once

// Internal to the check layer: the rule-kind evaluators that check_case runs in turn.

#include <medcheck/check/order_facts.hpp>
#include <medcheck/check/patient_context.hpp>
#include <medcheck/model/finding.hpp>
#include <medcheck/rules/rule_set.hpp>

#include <absl/container/inlined_vector.h>

#include <cstddef>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace medcheck::check::detail {

// A case's orders as read, in input order, each where its reading lives: made by the engine for this
// case, or found by a batch and read in place (CheckOptions::orders_known), not copied. Seen as
// `const OrderFacts&`, element by element; a view, passed by value.
class OrderList {
  public:
    class iterator {
      public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = OrderFacts;
        using difference_type = std::ptrdiff_t;
        using pointer = const OrderFacts*;
        using reference = const OrderFacts&;

        iterator() = default;
        explicit iterator(const OrderFacts* const* at) : m_at(at) {}
        reference operator*() const { return **m_at; }
        pointer operator->() const { return *m_at; }
        iterator& operator++() {
            ++m_at;
            return *this;
        }
        iterator operator++(int) {
            const iterator was = *this;
            ++m_at;
            return was;
        }
        friend bool operator==(iterator a, iterator b) { return a.m_at == b.m_at; }

      private:
        const OrderFacts* const* m_at = nullptr;
    };

    OrderList() = default;
    explicit OrderList(std::span<const OrderFacts* const> orders) : m_orders(orders) {}
    iterator begin() const { return iterator(m_orders.data()); }
    iterator end() const { return iterator(m_orders.data() + m_orders.size()); }
    std::size_t size() const { return m_orders.size(); }
    bool empty() const { return m_orders.empty(); }
    const OrderFacts& operator[](std::size_t i) const { return *m_orders[i]; }

  private:
    std::span<const OrderFacts* const> m_orders;
};

// Appends a finding of a rule about one order (the primary order of a sum), before actual and limit
// are set, and returns it to be completed in place (a finding is large: built where it stays).
model::Finding& add_rule_finding(std::vector<model::Finding>& findings, const rules::Rule& rule,
                                 const OrderFacts& order);

// The summed rules (a measure that adds up) of a case's orders with a dose read, as evaluate_order_rules
// finds them for evaluate_daily_totals: of each order, those its route reaches and its patient can be
// in (select_order_rules), ascending, one order's after another's. A patient has few.
struct SummedRules {
    absl::InlinedVector<std::size_t, 32> rules;
    absl::InlinedVector<std::pair<const OrderFacts*, std::size_t>, 8> ends; // an order, the end of its rules
};

// Per-order rules (single-dose limits, durations, start doses per administration, populations,
// contraindications, cautions) and the missing-factor policy. Daily measures are left to
// evaluate_daily_totals, which sums them over the orders: the order's are added to `summed`.
void evaluate_order_rules(const OrderFacts& order, const OrderList& orders, const PatientContext& patient,
                          const rules::RuleSet& rules, std::vector<model::Finding>& findings,
                          std::size_t& evaluated, SummedRules& summed);

using rules::adds_up;

// A daily measure summed over the orders a rule reaches: the largest total of one key (ingredient,
// or product for tablet counts), with each order's share in input order. The key views the orders'
// drug or amounts; a patient has few orders, so the parts stay inline (no allocation per rule).
struct DailyTotal {
    std::optional<double> value;
    std::string_view key;
    absl::InlinedVector<std::pair<const OrderFacts*, double>, 4> parts;
};
// check_population false: every order of the rule's drugs counts (used when a missing factor keeps the
// population from being decided and the policy asks whether the dose is above the band anyway).
DailyTotal total_over_orders(std::size_t rule_index, const OrderList& orders, const PatientContext& patient,
                             const rules::RuleSet& rules, bool check_population);

// Daily limits against the sum over every order they reach (contract decision 14): the orders' summed
// rules as evaluate_order_rules found them. Runs after evaluate_cumulative: a sum a
// cumulative-ingredient finding already reports is not repeated.
void evaluate_daily_totals(const SummedRules& summed, const PatientContext& patient,
                           const rules::RuleSet& rules, std::vector<model::Finding>& findings);

// Cumulative ingredient totals across orders.
void evaluate_cumulative(const OrderList& orders, const PatientContext& patient, const rules::RuleSet& rules,
                         std::vector<model::Finding>& findings);

// Interactions, duplicate therapy and group counts across orders.
void evaluate_interactions(const OrderList& orders, const PatientContext& patient,
                           const rules::RuleSet& rules, std::vector<model::Finding>& findings);

// First-line policy for opioid / benzodiazepine orders.
void evaluate_first_line(const OrderList& orders, const PatientContext& patient, const rules::RuleSet& rules,
                         std::vector<model::Finding>& findings);

// Opioid tolerance as the fentanyl label defines it (contract decision 13): >= 60 MME/day of
// continuing opioids, or the condition opioid_tolerant.
inline constexpr double k_opioid_tolerant_mme_per_day = 60;

// MME/day of one order's ingredient with a CDC factor; none when it has no factor or its dose is unread.
std::optional<double> order_mme(const OrderFacts& order, const std::string& ingredient,
                                const rules::RuleSet& rules);

// MME/day summed over the continuing orders (what the patient already takes).
double continuing_mme(const OrderList& orders, const rules::RuleSet& rules);

// Morphine milligram equivalents: returns the total when any opioid had a factor.
std::optional<double> evaluate_mme(const OrderList& orders, const rules::RuleSet& rules,
                                   std::vector<model::Finding>& findings);

} // namespace medcheck::check::detail
