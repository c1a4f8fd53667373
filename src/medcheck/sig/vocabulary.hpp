#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace medcheck::sig {

// What a word or phrase of a sig means. Numbers, dose units (units::parse_dose_unit) and the
// patterns built from them ("q 4 h", "3 times a day") are read by the reader; everything else a
// sig may say is in the one table of vocabulary.cpp, so that a pharmacist can review it.
enum class Kind {
    per_day,     // a frequency as doses a day: "bid" = 2
    interval,    // a frequency as hours between doses: "qod" = 48
    time_of_day, // once a day at a time: "qhs", "every morning"
    meals,       // "with meals" = 3 a day, but only when no other frequency is given
    once,        // a single administration: "once", "stat"
    route,       // canonical route in `canonical`
    filler,      // verbs and instructions that change nothing: "take", "by mouth", "with food"
    prn,         // "prn", "as needed", "when required"
    as_directed, // "as directed", "uad": no frequency
    max,         // "max", "not to exceed": a stated maximum follows; value 1 = per day implied
    every,       // "q", "every", "each": an interval follows
    times,       // "times", "x": "3 times a day"; "x" before a count is a duration ("x 5 days")
    per,         // "/", "per", "a", "in": the period of a count follows
    hour_unit,   // "h", "hr", "hours"
    day_unit,    // "d", "day", "days", "nights": value = days
    hourly,      // "hrly": "6 hrly" = every 6 hours (and "4 hourly")
    for_word,    // "for": a duration or an indication follows
    range,       // "-", "to", "or" between two numbers
    number_word, // "one" ... "twelve", "half"; value = the number
    dose_word,   // "dose", "doses", "times": what a stated maximum counts
    total,       // "total" in an Epic-style "(10 mg total)"
    continuing,  // an existing regimen
    sequence,    // "then", "taper": more than one regimen in one sig (ambiguous)
};

struct Term {
    std::string_view phrase; // lowercase words separated by single spaces
    Kind kind;
    double value = 0;
    std::string_view canonical = {};
};

// The whole vocabulary, for review and tests.
std::span<const Term> vocabulary();

// The longest vocabulary phrase starting at words[0]: the term and how many words it took.
struct PhraseMatch {
    const Term* term = nullptr;
    std::size_t words = 0;
};
PhraseMatch match_phrase(std::span<const std::string_view> words);

// Whether the single word is a vocabulary word or dose unit (the tokenizer splits "dailyx90").
bool is_known_word(std::string_view word);

} // namespace medcheck::sig
