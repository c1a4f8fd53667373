#pragma once

#include <medcheck/sig/reading.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace medcheck::sig {

// Reads a regimen without the drug name: "1-2 tabs po q4-6h prn pain max 8 tabs/day x 5 days".
// Case-insensitive, with or without dots and spaces. Never guesses: a number it cannot place is
// an unrecognised word, two conflicting regimens are an ambiguity.
Reading read_regimen(std::string_view text);

// True when a reading of an order's frequency field is a schedule the checker can use: a frequency,
// no dose and no unknown word (the field may also carry prn, a stated maximum or a duration).
bool usable_as_frequency(const Reading& reading);

// read_regimen of a short field (an order's frequency), remembered per thread: a batch writes few
// distinct frequencies on many orders. Bounded: forgotten when full; a text longer than any frequency
// people write is read each time, so hostile cells cannot fill memory. The reference stays valid
// until the thread's next call.
const Reading& remembered_reading(std::string_view text);

// Reads a frequency alone ("q4-6h", "3 times a day", "every 4 to 6 hours", "Q6H"); nullopt when the
// text holds anything else.
std::optional<Frequency> read_frequency(std::string_view text);

// A count a day as the reader writes it: "daily", "bid", "tid", "qid", else "5x/day".
Frequency per_day_frequency(double count);

// Reads a dose alone: "2", "1-2", "1/2", "one-half", "325-650". nullopt when it is not one.
struct DoseRange {
    double min = 0;
    double max = 0;
};
std::optional<DoseRange> read_dose(std::string_view text);

// Splits "Norco 10/325 1-2 tabs po q4-6h prn pain" into the drug name and the regimen. The name
// runs up to the first dose number or leading verb; a product strength stays in the name
// ("Norco 10/325", "oxycodone 5 mg tablet:" when a count dose follows).
struct DrugAndRegimen {
    std::string_view drug;
    std::string_view regimen;
};
DrugAndRegimen split_drug(std::string_view sig);

// "every 4 h", "3 times a day", "at bedtime": the frequency for a reading line.
std::string describe_frequency(const Frequency& frequency);

} // namespace medcheck::sig
