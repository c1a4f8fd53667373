#pragma once

#include <medcheck/check/result.hpp>
#include <medcheck/rules/rule_set.hpp>

#include <ostream>

namespace medcheck::report {

// Terminal output of one check: patient factors used, each order with its reading and findings,
// findings across orders, the verdict with counts, the rule database, and the disclaimer.
void write_result_text(std::ostream& out, const check::CheckResult& result,
                       const rules::DatabaseInfo& database);

} // namespace medcheck::report
