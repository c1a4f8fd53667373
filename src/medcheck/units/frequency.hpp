#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace medcheck::units {

// How often a dose is given, for daily-dose arithmetic.
struct Frequency {
    std::string canonical;              // normalised spelling, e.g. "q6h", "tid"
    double doses_per_day = 1;           // administrations per day at the maximum the frequency allows
    bool single_administration = false; // "once": the daily total is the dose, no repetition
};

// Parses the contract vocabulary (once, daily, qd, bid, tid, qid, q4h, q6h, q8h, q12h, q24h, q4-6h,
// qhs, weekly) and the general forms qNh and qN-Mh (the shortest interval counts), case-insensitive,
// with optional dots ("q.i.d."). nullopt for anything else.
std::optional<Frequency> parse_frequency(std::string_view text);

} // namespace medcheck::units
