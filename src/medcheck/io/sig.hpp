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
// instead of guessing. `duration_if_scheduled`, when given, tells whether the duration was counted
// from doses or a quantity dispensed (sig::Reading::duration_if_scheduled).
model::MedicationOrder parse_sig(std::string_view text, int index, const std::string& field_prefix,
                                 std::vector<model::InputIssue>& issues,
                                 bool* duration_if_scheduled = nullptr);

// Which structured fields an input gave beside a sig (a case's medication, a CSV row).
struct FieldsBesideSig {
    bool drug = false;
    bool dose = false;
    bool unit = false;
    bool route = false;
    bool frequency = false;
    bool duration = false;
    std::string dose_text; // the dose as written, for the message: `250`, `"1-2"`
};

// Reads an order from a sig given instead of, or beside, the structured fields of `given`. The sig
// reads the whole order; a sig without a drug name ("1-2 tabs po q6h") takes the given drug; the
// given route and duration fill what the sig does not state, prn and continuing add to it, and the
// reference, source id and window are kept. A drug, dose, unit, route, frequency or duration given
// beside the sig that disagrees with it makes the order ambiguous naming both: never one silently
// preferred over the other.
model::MedicationOrder order_from_sig(std::string_view sig, const model::MedicationOrder& given,
                                      const FieldsBesideSig& beside, int index,
                                      const std::string& field_prefix,
                                      std::vector<model::InputIssue>& issues);

// Copies a regimen reading into an order's fields (dose range, unit, frequency, prn, maxima ...).
void apply_reading(const sig::Reading& reading, model::MedicationOrder& order);

} // namespace medcheck::io
