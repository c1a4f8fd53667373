#pragma once

#include <medcheck/sig/reading.hpp>

#include <cstddef>
#include <optional>
#include <span>
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

// Administrations a day a frequency gives (a single administration: 1).
double administrations(const Frequency& frequency);

// One of consecutive phases (a sig's, or FHIR dosage entries by sequence), as far as what they allow
// together depends on it; doses and days in one unit.
struct PhaseAmounts {
    double dose_max = 0;
    double dose_min = 0;
    double administrations = 0; // a day
    double day = 0;             // the phase's own day: at most dose_max x administrations
    bool prn = false;
    std::optional<double> duration_days;
};

// What consecutive phases allow together: the largest dose, the most administrations a day, the
// highest day, the durations added up. Every number the most of any phase, never one phase's alone.
struct MergedPhases {
    double dose_max = 0;
    double dose_min = 0;
    std::size_t most_administrations = 0; // the phase whose frequency gives the most a day
    double administrations = 0;
    // The highest day where it is lower than dose_max at the most administrations (a larger dose given
    // less often), else none: the day is then dose_max x administrations.
    std::optional<double> daily;
    bool prn = false;                    // only when every phase is as needed
    std::optional<double> duration_days; // none when a phase has none: the regimen runs open-ended
};
// `prefer`: the phase kept among those of equally many administrations (earlier ones lose to it).
MergedPhases merge_phase_amounts(std::span<const PhaseAmounts> phases, std::size_t prefer = 0);

// A taper or titration written as phases that follow one another by whole days: one reading that
// allows what every phase allows (the largest dose, the most administrations a day, the highest day,
// the durations added up). A first phase given once ("2 tabs now, then 1 tab q4h") is a loading dose:
// its day holds it and the next phase's doses that can follow it within 24 hours. nullopt when the
// phases cannot be read so: a phase not read whole, without a frequency, with a stated maximum, or not
// the last, not a loading dose and without a duration of whole days (a 12-hour phase: the day it ends
// may hold both); units or routes that differ. A phase without a dose takes the dose of the one before
// ("then bid x 3 days").
std::optional<Reading> read_phases(const std::vector<std::string_view>& parts);

} // namespace medcheck::sig
