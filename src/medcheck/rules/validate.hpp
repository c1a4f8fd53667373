#pragma once

#include <medcheck/rules/lint.hpp>
#include <medcheck/rules/rule_set.hpp>

#include <string>
#include <vector>

namespace medcheck::rules {

// Checks every loaded row against what schema.sql's CHECK constraints promise (a database opened
// read-only is never re-checked by SQLite, so a file given with --db could break them): finite,
// positive and plausible limits, amounts, factors and thresholds; a limit and unit wherever a measure
// is set and none where it is not; known finding kinds and evidence; non-empty messages and sources;
// unverified numbers at most warnings; a non-empty rule table holding the required core rules
// (k_required_rules) at their design-card limit and severity or stricter. Each problem names the
// table, the row, the column and the value. Empty when every row holds.
std::vector<LintProblem> validate(const RuleSet& rules);

// A rule every usable database must hold (the design card's core): measured rules at or below
// `limit` with at least `severity`, filter-only rules at least at `severity`.
struct RequiredRule {
    const char* id;
    const char* measure; // empty for filter-only rules
    double limit;        // 0 for filter-only rules
    model::Severity severity;
};
extern const std::vector<RequiredRule> k_required_rules;

} // namespace medcheck::rules
