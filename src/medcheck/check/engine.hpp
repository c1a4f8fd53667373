#pragma once

#include <medcheck/check/order_facts.hpp>
#include <medcheck/check/result.hpp>
#include <medcheck/model/case.hpp>
#include <medcheck/rules/rule_set.hpp>

#include <cstdint>
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
    // For a caller that keys orders itself (a batch, by the fields it stores), by order index:
    // whether the `orders` given to check_case already hold the order's reading (the caller found it
    // in order_cache; its model::MedicationOrder is then not read, and may be empty), and the key to
    // keep a reading made here under (empty: the engine keys the order by its fields and looks it up
    // itself). Not with describe_orders, which reads every order. Empty: every order is looked up
    // here.
    std::span<const std::uint8_t> orders_known{};
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

// The same into `result` and `orders` (the case's orders as read), which keep their room from the
// case checked before: a batch thread checks millions of cases with the same two, allocating nothing
// for most of them. What they held before is replaced.
void check_case(const model::Case& input, const rules::RuleSet& rules, const CheckOptions& options,
                CheckResult& result, std::vector<OrderFacts>& orders);

// Sorts findings into the deterministic output order and computes the verdict.
void finalize(CheckResult& result);

// The same order given as the findings' positions in CheckResult::finding_order, the findings left
// where they are; and the verdict.
void finalize_order(CheckResult& result);

} // namespace medcheck::check
