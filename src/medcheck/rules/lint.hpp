#pragma once

#include <medcheck/rules/rule_set.hpp>

#include <string>
#include <vector>

namespace medcheck::rules {

// One thing wrong with a rule database's content.
struct LintProblem {
    std::string where; // "rule naproxen.daily_max", "drug_name 'x'"
    std::string what;
};

// Lists validate()'s problems (what opening a database refuses), then checks what the schema's
// constraints cannot: every row sourced and every cited [TAG] known, no rule
// for an unknown drug/ingredient/group, single-dose limits not above daily limits for the same
// population, renal and hepatic bands of a rule family non-overlapping and contiguous, every name
// resolving to exactly one drug, every drug with components and one default route, unverified
// evidence never above a warning. Empty when the rules are clean.
std::vector<LintProblem> lint(const RuleSet& rules);

} // namespace medcheck::rules
