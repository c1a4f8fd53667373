#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace medcheck::units {
struct DoseUnit;
}

namespace medcheck::sig {

// What a word or phrase of a sig means. Numbers, dose units (units::parse_dose_unit) and the
// patterns built from them ("q 4 h", "3 times a day") are read by the reader; everything else a
// sig may say is in the one table of vocabulary.cpp, so that a pharmacist can review it.
enum class Kind {
    per_day,     // a frequency as doses a day: "bid" = 2
    interval,    // a frequency as hours between doses: "qod" = 48
    time_of_day, // a time of day: "qhs", "every morning"; value: administrations ("am and pm": 2)
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
    amount_word, // "may", "repeat", "extra", "double": more may be given than the regimen says (ambiguous)
    reason_word, // "pain", "spasms", "severe": what an as-needed reason may hold (nothing else joins one)
    dispense,    // "#", "disp", "qty": the quantity dispensed follows ("#90")
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

// Longest phrase matched; longer vocabulary phrases are never matched.
inline constexpr std::size_t k_max_phrase_words = 8;

// What the vocabulary knows of one word, looked up once per token (the reader then matches phrases
// by word number, without comparing text again).
struct WordInfo {
    std::int16_t id = -1;                  // the word's number among the vocabulary's words, -1: none
    const units::DoseUnit* unit = nullptr; // the dose unit it spells, if any
};
WordInfo look_up_word(std::string_view word);

// A phrase as word numbers.
struct PhraseIds {
    const Term* term = nullptr;
    std::size_t size = 0;
    std::array<std::int16_t, k_max_phrase_words> ids{};
};
// The phrases whose first word has number `id`, longest first (the vocabulary's order among equals).
std::span<const PhraseIds> phrases_starting_with(std::int16_t id);

// Whether the single word is a vocabulary word or dose unit (the tokenizer splits "dailyx90").
bool is_known_word(std::string_view word);

} // namespace medcheck::sig
