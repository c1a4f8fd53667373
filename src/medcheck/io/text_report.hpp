#pragma once

#include <medcheck/check/result.hpp>
#include <medcheck/rules/rule_set.hpp>

#include <ostream>
#include <string_view>

namespace medcheck::io {

// The one-line decision-support disclaimer every human-readable output carries.
inline constexpr std::string_view k_disclaimer =
    "medcheck is decision support for professionals: it flags what deserves a second look and never "
    "replaces clinical judgement, the full product labelling or local protocols.";

// Terminal output of one check: patient factors used, findings grouped by drug (worst first) with
// actual vs limit and source, the verdict, and the disclaimer.
void write_result_text(std::ostream& out, const check::CheckResult& result,
                       const rules::DatabaseInfo& database);

} // namespace medcheck::io
