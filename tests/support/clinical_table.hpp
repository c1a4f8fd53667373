#pragma once

// The pharmacist's table the clinical tests are written as: one row per case, the rule the row is
// about, whether it fires (and at which severity), and the verdict of the whole case.

#include "fixture.hpp"

#include <optional>
#include <string>
#include <vector>

namespace medcheck::test {

struct Row {
    std::string what;
    CaseBuilder c;
    std::string rule;
    std::optional<model::Severity> fires; // std::nullopt: the rule must not fire
    model::Verdict verdict;
};

// For Row::fires: the rule must not fire.
inline const std::optional<model::Severity> silent = std::nullopt;

// Severities and verdicts as text, so a failed CHECK prints words rather than numbers.
inline std::string name(model::Severity severity) {
    return std::string(model::to_string(severity));
}
inline std::string name(model::Verdict verdict) {
    return std::string(model::to_string(verdict));
}

// A fresh case with the fixture's defaults.
inline CaseBuilder C() {
    return CaseBuilder();
}

// Checks every row: the rule fires exactly once at the given severity (or not at all), and the
// case verdict is the worst of all its findings as expected.
void check_table(const std::vector<Row>& rows);

} // namespace medcheck::test
