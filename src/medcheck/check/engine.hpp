#pragma once

#include <medcheck/check/order_facts.hpp>
#include <medcheck/check/result.hpp>
#include <medcheck/model/case.hpp>
#include <medcheck/rules/rule_set.hpp>

#include <span>
#include <string_view>
#include <vector>

namespace medcheck::check {

class OrderCache;
class ResolveCache;

// What a caller needs beyond findings and verdict.
struct CheckOptions {
    // Fill CheckResult::orders (how each order was read, for reports and `check`). A batch prints
    // findings only and skips building them.
    bool describe_orders = true;
    // Answers for drug names already resolved against the same RuleSet (a batch's checking thread
    // keeps one); null: every name is resolved afresh.
    ResolveCache* resolve_cache = nullptr;
    // Readings of orders already read (a batch's checking thread keeps one); used only when orders
    // are not described. Null: every order is read afresh.
    OrderCache* order_cache = nullptr;
    // For a caller that keys orders itself (a batch, by the fields it stores), by order index: the
    // reading the caller found for the order in order_cache or kept itself (null: none), with the
    // order's index, and the key to keep a reading made here under (empty: the engine keys the order
    // by its fields and looks it up itself). A reading found is read where it is, not copied: it must
    // stay there, unchanged, until check_case returns; its model::MedicationOrder is not read, and may
    // be empty. Not with describe_orders, which reads every order. Empty: every order is looked up
    // here.
    std::span<const OrderFacts* const> orders_known{};
    std::span<const std::string_view> order_keys{};
    // False (a batch): findings are left in the order found and CheckResult::finding_order lists them in
    // output order, which a writer reads them through instead of each finding (~360 bytes) being moved
    // into place.
    bool sort_findings = true;
};

// Checks one case against the rules. Pure: no I/O, no database access; safe to call from several
// threads on one RuleSet. Never throws for bad input: unusable values become findings.
CheckResult check_case(const model::Case& input, const rules::RuleSet& rules,
                       const CheckOptions& options = {});

// The same into `result` and `orders` (room for the orders as read: the first of them, by order, hold
// those read here; the place of an order whose reading the caller gave, CheckOptions::orders_known, is
// left as it was), which keep their room from the case checked before: a batch thread checks millions
// of cases with the same two, allocating nothing for most of them. What the result held is replaced.
void check_case(const model::Case& input, const rules::RuleSet& rules, const CheckOptions& options,
                CheckResult& result, std::vector<OrderFacts>& orders);

// Sorts findings into the deterministic output order and computes the verdict.
void finalize(CheckResult& result);

// The same order given as the findings' positions in CheckResult::finding_order, the findings left
// where they are; and the verdict.
void finalize_order(CheckResult& result);

} // namespace medcheck::check
