#pragma once

#include <medcheck/batch/patient_store.hpp>
#include <medcheck/check/engine.hpp>
#include <medcheck/check/result.hpp>
#include <medcheck/model/case.hpp>
#include <medcheck/rules/rule_set.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace medcheck::batch {

// Reads an ISO 8601 date ("2024-03-01", midnight UTC) or date-time ("2024-03-01T08:00:00Z",
// "2024-03-01 08:00", with an optional offset) as seconds since 1970-01-01 UTC.
std::optional<std::int64_t> parse_timestamp(std::string_view text);

// YYYYMMDD of a time in seconds since 1970 (UTC).
std::uint32_t date_of(std::int64_t seconds);

// The orders of a case that are active together at one time.
struct ConcurrentSet {
    std::int64_t at_s = 0;   // the start that opens the set
    std::vector<int> orders; // indexes into Case::medications, ascending
};

// The maximal sets of concurrent orders: the orders active at some order's start (start <= t < end;
// an order without a window belongs to every set). A set that is contained in another is dropped.
// A change of the patient's factors while an order is active (`factor_times`, ascending) is a point
// too, and the set before it is kept: its orders are checked with the factors before and after the
// change. Empty when no order has a window.
std::vector<ConcurrentSet> concurrent_sets(const std::vector<model::MedicationOrder>& orders,
                                           std::span<const std::int64_t> factor_times = {});

// Checks a patient's case. Without any order window this is exactly check::check_case. With windows,
// each maximal concurrent set is checked with the patient factors as of its time (the latest timed
// creatinine and weight at or before it, age on that date when a birth date is known), and the
// findings are merged: identical findings (same rule, same orders) once, indexes mapped back to the
// case's orders.
check::CheckResult check_patient(const model::Case& input, const StoredPatient& patient,
                                 const rules::RuleSet& rules, const check::CheckOptions& options = {});

} // namespace medcheck::batch
