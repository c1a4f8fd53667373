#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace medcheck::model {

// Finding severity, in the contract's order: info < warning < unverifiable < violation < contraindicated.
enum class Severity { info = 0, warning = 1, unverifiable = 2, violation = 3, contraindicated = 4 };

std::string_view to_string(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

// The case verdict: the highest severity among findings, ignoring info; ok when none is above info.
enum class Verdict { ok, warning, unverifiable, violation, contraindicated };

std::string_view to_string(Verdict verdict);
Verdict verdict_for(std::optional<Severity> worst_above_info);

// The orders reports list severities and verdicts in: worst first.
constexpr std::array<Severity, 5> k_severities_worst_first{Severity::contraindicated, Severity::violation,
                                                           Severity::unverifiable, Severity::warning,
                                                           Severity::info};
constexpr std::array<Verdict, 5> k_verdicts_worst_first{Verdict::contraindicated, Verdict::violation,
                                                        Verdict::unverifiable, Verdict::warning, Verdict::ok};

} // namespace medcheck::model
