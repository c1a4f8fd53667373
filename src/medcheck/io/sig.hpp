#pragma once

#include <medcheck/model/case.hpp>
#include <medcheck/sig/reading.hpp>

#include <string_view>
#include <vector>

namespace medcheck::io {

// Sigs longer than this are cut: no prescription needs more, and the input is untrusted.
inline constexpr std::size_t k_max_sig_bytes = 4096;

// Parses a prescription sig string, drug first, with the sig reader's whole vocabulary:
//   "Norco 10/325 1-2 tabs po q4-6h prn pain", "ibuprofen 400 mg po q6h prn max 3/day x 7d".
// Unrecognised words are recorded in `issues` (field names start with `field_prefix`, e.g. "--med 2");
// what the sig leaves ambiguous is kept in the order's `ambiguities`, so the checker reports it
// instead of guessing.
model::MedicationOrder parse_sig(std::string_view sig, int index, const std::string& field_prefix,
                                 std::vector<model::InputIssue>& issues);

// Copies a regimen reading into an order's fields (dose range, unit, frequency, prn, maxima ...).
void apply_reading(const sig::Reading& reading, model::MedicationOrder& order);

} // namespace medcheck::io
