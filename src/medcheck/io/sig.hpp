#pragma once

#include <medcheck/model/case.hpp>

#include <string_view>
#include <vector>

namespace medcheck::io {

// Parses a prescription sig string:
//   DRUG DOSE UNIT [ROUTE] FREQUENCY [prn [max N/day]] [x Nd|Nw] [continuing]
// e.g. "ibuprofen 400 mg po q6h prn x 7d", "acetaminophen 1g q6h", "fentanyl 25 mcg/h td q72h".
// The drug name is every word before the dose. What cannot be read is recorded in `issues` (field
// names start with `field_prefix`, e.g. "--med 2") and left empty in the order, so the checker
// reports it instead of guessing.
model::MedicationOrder parse_sig(std::string_view sig, int index, const std::string& field_prefix,
                                 std::vector<model::InputIssue>& issues);

} // namespace medcheck::io
