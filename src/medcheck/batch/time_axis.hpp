#pragma once

#include <medcheck/batch/patient_store.hpp>
#include <medcheck/check/engine.hpp>
#include <medcheck/check/result.hpp>
#include <medcheck/model/case.hpp>
#include <medcheck/rules/rule_set.hpp>
#include <medcheck/util/date_time.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace medcheck::batch {

// Dates and times as the readers take them (util/date_time.hpp).
using util::date_of;
using util::parse_timestamp;

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

// Consecutive orders of one drug are one course: orders with windows and the same drug name as
// written (case aside) whose windows overlap or follow each other within a day. Each order of a course
// of two or more gets at least the course's days as its duration, so a duration limit sees the whole
// course (ketorolac for 3 days, then again for 3: 6 days). Orders with other names (another spelling,
// a brand) are not joined.
void join_courses(std::vector<model::MedicationOrder>& orders);

// Checks a patient's case. Without any order window this is exactly check::check_case. With windows,
// each maximal concurrent set is checked with the patient factors as of its time (the latest timed
// creatinine and weight at or before it, age on that date when a birth date is known), and the
// findings are merged: identical findings (same rule, same orders) once, indexes mapped back to the
// case's orders.
check::CheckResult check_patient(const model::Case& input, const StoredPatient& patient,
                                 const rules::RuleSet& rules, const check::CheckOptions& options = {});
// The same into `result` and `orders`, reused from patient to patient (check::check_case).
void check_patient(const model::Case& input, const StoredPatient& patient, const rules::RuleSet& rules,
                   const check::CheckOptions& options, check::CheckResult& result,
                   std::vector<check::OrderFacts>& orders);

} // namespace medcheck::batch
