#pragma once

#include <medcheck/sig/reading.hpp>

#include <optional>
#include <string_view>
#include <vector>

namespace medcheck::sig {

// The parts of a sig between its "then" / "followed by" words: "300 mg qhs x 3 days, then bid x 3
// days, then tid" has three. One part, the text, when there are none. A last part that only ends the
// regimen ("then stop") is left out, and `stopped` says so.
struct PhaseTexts {
    std::vector<std::string_view> parts;
    bool stopped = false;
};
PhaseTexts phase_texts(std::string_view text);

// A taper or titration written as phases that follow one another by whole days: one reading that
// allows what every phase allows (the largest dose, the most administrations a day, the highest day,
// the durations added up). nullopt when the phases cannot be read so: a phase not read whole, without
// a frequency, with a stated maximum, or not the last and without a duration of whole days (a loading
// dose "2 tabs now, then 1 every 4 hours": the day they meet may hold both); units or routes that
// differ. A phase without a dose takes the dose of the one before ("then bid x 3 days").
std::optional<Reading> read_phases(const std::vector<std::string_view>& parts);

} // namespace medcheck::sig
