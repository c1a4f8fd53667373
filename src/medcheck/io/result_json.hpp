#pragma once

#include <medcheck/check/result.hpp>
#include <medcheck/rules/rule_set.hpp>

#include <nlohmann/json.hpp>

#include <ostream>

namespace medcheck::io {

// One finding as the contract's JSON object (severity, kind, drug, message, actual, limit, unit, source).
nlohmann::ordered_json finding_json(const model::Finding& finding);

// A JSON number for a measured value: integers stay integers, others are rounded to 4 decimals so
// the same input always gives the same bytes.
nlohmann::ordered_json number_json(double value);

// The contract v2 `orders` array: per order its index, input, drug, whether it was read, dose range,
// doses per day, prn, stated maximum, duration, ingredient mg per dose and per day, and the reading line.
nlohmann::ordered_json orders_json(const check::CheckResult& result);

// Writes the check result exactly as the contract's output object, followed by a newline.
void write_result_json(std::ostream& out, const check::CheckResult& result,
                       const rules::DatabaseInfo& database);

} // namespace medcheck::io
