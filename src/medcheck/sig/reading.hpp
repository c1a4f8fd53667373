#pragma once

#include <optional>
#include <string>
#include <vector>

namespace medcheck::sig {

// How often, at the most the words allow: an interval range counts at its shortest interval.
struct Frequency {
    std::string canonical;              // "q4-6h", "tid", "5x/day", "qhs", "q48h", "weekly", "once"
    double doses_per_day = 0;           // the most administrations a day the frequency allows
    bool single_administration = false; // "once": no repetition
};

// What a stated maximum counts.
enum class MaxBasis {
    doses, // "max 6/day", "mdd 6": administrations
    units, // "max 8 tabs/day": dose-form units (tablets, capsules, patches)
    mass,  // "not to exceed 4 g in 24 hours": mg
};

struct StatedMax {
    double amount = 0; // as written, in mg for a mass basis
    MaxBasis basis = MaxBasis::doses;
    double period_hours = 0; // 0: no period written ("max 4"), so it cannot cap a daily total
    std::string text;        // as read, e.g. "max 3/12h"
    // The maximum per 24 hours; nullopt when the period is not known.
    std::optional<double> per_day() const {
        return period_hours > 0 ? std::optional<double>(amount * 24.0 / period_hours) : std::nullopt;
    }
};

// A sig's regimen as read: every number at the most the words allow, and what could not be read.
struct Reading {
    std::optional<double> dose_min;     // "1-2 tablets": 1
    std::optional<double> dose_max;     // "1-2 tablets": 2
    std::string unit;                   // as written, lowercase ("tabs", "mg"); empty when none
    std::optional<double> total_mg_max; // Epic "1 tablet (10 mg total)": mg per administration
    std::optional<double> strength_mg;  // "500 mg 2 tablets": the mass before a count is a strength
    // Different doses at different times of day ("1 in the morning, 2 at night"): the day's total in
    // `unit`, each dose at its top (3 here); absent when every administration is dose_max.
    std::optional<double> daily_dose_max;
    std::optional<Frequency> frequency;
    // Consecutive phases the regimen was read from ("... x 3 days, then ..."): each number above is the
    // most of any phase, the duration their sum; 0 when the sig is one regimen.
    int phases = 0;
    // With phases: the first phase's largest dose and its day, in `unit` (a new therapy starts there).
    std::optional<double> first_dose_max;
    std::optional<double> first_day;
    bool prn = false;
    std::string prn_reason; // "pain", "muscle spasms": indication words, kept as text
    std::optional<StatedMax> max_stated;
    std::optional<double> duration_days;
    // The duration was counted from doses ("x 20 doses") or a quantity dispensed ("#90"): it holds only
    // when taken as scheduled, so an order found to be as needed elsewhere (a PRN column, FHIR
    // asNeeded) has none.
    bool duration_if_scheduled = false;
    std::string route; // canonical, empty when not written
    bool continuing = false;
    bool as_directed = false;
    std::vector<std::string> unrecognised; // words that are not in the vocabulary
    std::vector<std::string> ambiguities;  // why the regimen cannot be read safely
};

} // namespace medcheck::sig
