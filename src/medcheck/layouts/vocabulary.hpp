#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace medcheck::layouts {

// A frequency as an EHR writes it, read into what the checker takes.
struct EhrFrequency {
    std::string frequency; // for the checker: "q6h", "once"; the text as written when not understood
    bool prn = false;
    // Why the order cannot be checked for daily limits (ASDIR, TITRATE, ONCE MR1); empty when it can.
    std::string unverifiable;
};

// Reads EHR frequency strings: a `:PRN` suffix (`Q4H:PRN`), spaced intervals (`Q 12H`), meal and
// clock times (`BREAKFAST`, `QAM`), the MIMIC codes in the vocabulary table, then the checker's own
// frequency vocabulary. Intervals longer than a day count as daily (the dose on a dosing day).
EhrFrequency read_ehr_frequency(std::string_view text);

// The frequency text for a count of doses per 24 hours (MIMIC doses_per_24_hrs): "daily", "q6h";
// the interval is rounded down, so the count is never under-read. None when not usable.
std::optional<std::string> frequency_for_doses_per_day(double doses);

// The checker's route for an EHR route abbreviation (PO, PO/NG, TD, IV DRIP, IVPCA, ...): oral, iv, im,
// transdermal, topical, buccal, or a descriptive word (sublingual, rectal, subcutaneous) that has no
// rules. The text lower-cased when not in the vocabulary.
std::string read_ehr_route(std::string_view text);

// A diagnosis code as written (ICD-9-CM "4139", "V1271"; ICD-10-CM "I5022") in the dotted form of
// the rule database ("413.9", "V12.71", "I50.22"). Empty when it is not a code.
std::string dotted_icd(std::string_view code, int version);

} // namespace medcheck::layouts
