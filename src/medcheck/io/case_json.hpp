#pragma once

#include <medcheck/model/case.hpp>

#include <istream>
#include <string>

namespace medcheck::io {

// Largest case file read (bytes); bigger inputs are bad data, not a memory problem.
inline constexpr std::size_t k_max_case_bytes = 64U << 20U;
// Deepest JSON nesting accepted; a case needs 4 levels.
inline constexpr int k_max_json_depth = 32;
// Most medications in one case.
inline constexpr std::size_t k_max_medications = 10000;

// Reads one case (check contract v1). Structural problems -- malformed JSON (with line and column),
// unknown or duplicate keys, wrong container types, size limits -- throw util::Error(bad_data) naming
// `origin`. Unusable leaf values (a dose of "abc", sex "x") become Case::issues so the checker reports
// them as invalid_input findings instead of dropping them.
model::Case read_case_json(std::istream& in, const std::string& origin);

} // namespace medcheck::io
