// Property: a sig built from known parts never reads lower than its parts allow. Fixed seed, so a
// failure names a sig that fails again on every run.
#include <medcheck/sig/reader.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

using namespace medcheck;

namespace {

struct Built {
    std::string text;
    double dose_low = 0;
    double dose_high = 0;
    double doses_per_day = 0; // 24 / shortest interval, or the named frequency's count
    bool prn = false;
    double max_per_day = 0; // 0: no stated maximum
    double duration_days = 0;
};

std::string num(double v) {
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') {
        s.pop_back();
    }
    return s;
}

// std::mt19937 is specified exactly; the pick is done here so no library distribution varies.
struct Dice {
    std::mt19937 engine{20261201};
    std::size_t below(std::size_t n) { return engine() % n; }
    bool coin() { return below(2) == 0; }
};

// One to five times of day in any order ("qam and qhs", "ac, hs", "in the evening at bedtime"): each
// is an administration, meals three. Appends them; returns the administrations a day.
double times_of_day(Dice& dice, std::string& text) {
    struct Slot {
        std::array<const char*, 3> spellings;
        double per_day;
    };
    static constexpr std::array<Slot, 5> k_slots{{{{"qam", "in the morning", "with breakfast"}, 1},
                                                  {{"at noon", "with lunch", "at lunchtime"}, 1},
                                                  {{"qpm", "at teatime", "with dinner"}, 1},
                                                  {{"qhs", "at bedtime", "nightly"}, 1},
                                                  {{"with meals", "ac", "before meals"}, 3}}};
    static constexpr std::array<const char*, 3> k_joins{" and ", ", ", " "};
    std::array<std::size_t, 5> order{0, 1, 2, 3, 4};
    for (std::size_t i = order.size() - 1; i > 0; --i) {
        std::swap(order[i], order[dice.below(i + 1)]);
    }
    const std::size_t count = 1 + dice.below(order.size());
    double per_day = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const Slot& slot = k_slots[order[i]];
        text += i == 0 ? " " : k_joins[dice.below(k_joins.size())];
        text += slot.spellings[dice.below(slot.spellings.size())];
        per_day += slot.per_day;
    }
    return per_day;
}

// A frequency for a generated sig: named ("tid"), times of day, or an interval (maybe a range).
void add_frequency(Dice& dice, Built& b) {
    static constexpr std::array<double, 8> hours{1, 2, 3, 4, 6, 8, 12, 24};
    struct Named {
        const char* text;
        double per_day;
    };
    static constexpr std::array<Named, 8> named{{{"daily", 1},
                                                 {"bid", 2},
                                                 {"tid", 3},
                                                 {"qid", 4},
                                                 {"twice a day", 2},
                                                 {"3 times a day", 3},
                                                 {"4 (four) times a day", 4},
                                                 {"qhs", 1}}};
    const std::size_t form = dice.below(4);
    if (form == 0) {
        const Named& n = named[dice.below(named.size())];
        b.text += std::string(" ") + n.text;
        b.doses_per_day = n.per_day;
    } else if (form == 1) {
        b.doses_per_day = times_of_day(dice, b.text);
    } else {
        const std::size_t i = dice.below(hours.size());
        const double shortest = hours[i];
        b.doses_per_day = 24.0 / shortest;
        std::string frequency;
        if (i + 1 < hours.size() && dice.coin()) {
            const double longest = hours[i + 1 + dice.below(hours.size() - i - 1)];
            frequency = dice.coin() ? " q" + num(shortest) + "-" + num(longest) + "h"
                                    : " every " + num(shortest) + " to " + num(longest) + " hours";
        } else {
            frequency = dice.coin() ? " q" + num(shortest) + "h" : " every " + num(shortest) + " hours";
        }
        b.text += frequency;
    }
}

Built build(Dice& dice) {
    static constexpr std::array<const char*, 8> units{"tab", "tabs",     "tablet", "tablets",
                                                      "cap", "capsules", "mg",     "ml"};
    Built b;
    b.dose_low = 1 + static_cast<double>(dice.below(4)) + (dice.below(4) == 0 ? 0.5 : 0);
    b.dose_high = b.dose_low;
    std::string dose = num(b.dose_low);
    if (dice.coin()) {
        b.dose_high = b.dose_low + 1 + static_cast<double>(dice.below(3));
        static constexpr std::array<const char*, 3> seps{"-", " to ", " or "};
        dose += seps[dice.below(seps.size())] + num(b.dose_high);
    }
    b.text = (dice.coin() ? "take " : "") + dose + " " + units[dice.below(units.size())];
    if (dice.coin()) {
        b.text += dice.coin() ? " po" : " by mouth";
    }
    add_frequency(dice, b);
    if (dice.coin()) {
        b.prn = true;
        b.text += dice.coin() ? " prn pain" : " as needed";
    }
    if (dice.below(3) == 0) {
        b.max_per_day = 1 + static_cast<double>(dice.below(12));
        b.text += " max " + num(b.max_per_day) + " doses/day";
    }
    if (dice.below(4) == 0) {
        b.duration_days = 1 + static_cast<double>(dice.below(30));
        b.text += " x " + num(b.duration_days) + " days";
    }
    return b;
}

// One phase of a taper: a dose (or range) in `unit`, a named or interval frequency, maybe as needed,
// and a duration of whole days unless it is the last (`last`: maybe none).
Built phase(Dice& dice, const std::string& unit, bool last) {
    static constexpr std::array<const char*, 6> named{"daily", "bid", "tid", "qid", "twice a day", "qhs"};
    static constexpr std::array<double, 6> named_per_day{1, 2, 3, 4, 2, 1};
    static constexpr std::array<double, 5> hours{4, 6, 8, 12, 24};
    Built b;
    b.dose_low = 1 + static_cast<double>(dice.below(3));
    b.dose_high = b.dose_low + (dice.coin() ? 0 : 1);
    b.text = num(b.dose_low) + (b.dose_high > b.dose_low ? "-" + num(b.dose_high) : "") + " " + unit;
    if (dice.coin()) {
        const std::size_t i = dice.below(named.size());
        b.text += std::string(" ") + named[i];
        b.doses_per_day = named_per_day[i];
    } else {
        const double every = hours[dice.below(hours.size())];
        b.text += " q" + num(every) + "h";
        b.doses_per_day = 24.0 / every;
    }
    if (dice.below(3) == 0) {
        b.prn = true;
        b.text += " prn";
    }
    if (!last || dice.coin()) {
        b.duration_days = 1 + static_cast<double>(dice.below(14));
        b.text += " x " + num(b.duration_days) + " days";
    }
    return b;
}

} // namespace

TEST_SUITE("sig property") {
    TEST_CASE("a taper of generated phases never reads lower than any of its phases") {
        Dice dice;
        static constexpr std::array<const char*, 4> units{"tab", "mg", "caps", "tablets"};
        static constexpr std::array<const char*, 3> joins{", then ", " then ", " followed by "};
        for (int i = 0; i < 2000; ++i) {
            const std::string unit = units[dice.below(units.size())];
            const std::size_t count = 2 + dice.below(3);
            std::vector<Built> phases;
            std::string text;
            for (std::size_t k = 0; k < count; ++k) {
                phases.push_back(phase(dice, unit, k + 1 == count));
                text += (k == 0 ? "" : joins[dice.below(joins.size())]) + phases.back().text;
            }
            const sig::Reading r = sig::read_regimen(text);
            INFO("sig: '" << text << "'");
            CHECK(r.ambiguities.empty());
            CHECK(r.unrecognised.empty());
            CHECK(r.phases == static_cast<int>(count));
            REQUIRE(r.dose_max);
            REQUIRE(r.dose_min);
            REQUIRE(r.frequency);
            const double day =
                r.daily_dose_max ? *r.daily_dose_max : *r.dose_max * r.frequency->doses_per_day;
            bool all_prn = true;
            double days = 0;
            for (const Built& b : phases) {
                CHECK(*r.dose_max >= b.dose_high);
                CHECK(*r.dose_min <= b.dose_low);
                CHECK(r.frequency->doses_per_day >= doctest::Approx(b.doses_per_day));
                CHECK(day >= doctest::Approx(b.dose_high * b.doses_per_day));
                all_prn = all_prn && b.prn;
                days += b.duration_days;
            }
            CHECK(r.prn == all_prn);
            if (phases.back().duration_days > 0) {
                REQUIRE(r.duration_days);
                CHECK(*r.duration_days == days);
            } else {
                CHECK_FALSE(r.duration_days);
            }
        }
    }

    TEST_CASE("a generated sig never reads lower than its parts allow") {
        Dice dice;
        for (int i = 0; i < 5000; ++i) {
            const Built b = build(dice);
            const sig::Reading r = sig::read_regimen(b.text);
            INFO("sig: '" << b.text << "'");
            CHECK(r.ambiguities.empty());
            CHECK(r.unrecognised.empty());
            REQUIRE(r.dose_max);
            CHECK(*r.dose_max >= b.dose_high);
            REQUIRE(r.dose_min);
            CHECK(*r.dose_min <= b.dose_low);
            REQUIRE(r.frequency);
            CHECK(r.frequency->doses_per_day >= doctest::Approx(b.doses_per_day));
            CHECK(r.prn == b.prn);
            if (b.max_per_day > 0) {
                // The maximum is kept as written; the schedule is still read in full, so a caller
                // can cap only when the maximum is the lower of the two.
                REQUIRE(r.max_stated);
                REQUIRE(r.max_stated->per_day());
                CHECK(*r.max_stated->per_day() == doctest::Approx(b.max_per_day));
            } else {
                CHECK_FALSE(r.max_stated);
            }
            if (b.duration_days > 0) {
                REQUIRE(r.duration_days);
                CHECK(*r.duration_days == b.duration_days);
            }
        }
    }
}
