#pragma once

#include <medcheck/check/result.hpp>
#include <medcheck/model/case.hpp>
#include <medcheck/rules/rule_set.hpp>

namespace medcheck::check {

// Checks one case against the rules. Pure: no I/O, no database access; safe to call from several
// threads on one RuleSet. Never throws for bad input: unusable values become findings.
CheckResult check_case(const model::Case& input, const rules::RuleSet& rules);

// Sorts findings into the deterministic output order and computes the verdict.
void finalize(CheckResult& result);

} // namespace medcheck::check
