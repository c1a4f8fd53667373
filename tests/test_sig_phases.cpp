// Sigs written as consecutive phases (sig/phases): where they are split, and when they read as one
// regimen that allows what every phase allows. Readings of whole sigs are in the sig table too.
#include <medcheck/sig/phases.hpp>
#include <medcheck/sig/reader.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using namespace medcheck;

TEST_SUITE("sig::phases") {
    TEST_CASE("phase texts: split at 'then' and 'followed by' as whole words, joining words dropped") {
        const auto three = sig::phase_texts("300 mg qhs x 3 days, then bid x 3 days and then TID.");
        REQUIRE(three.parts.size() == 3);
        CHECK(three.parts[0] == "300 mg qhs x 3 days");
        CHECK(three.parts[1] == "bid x 3 days");
        CHECK(three.parts[2] == "TID");
        CHECK_FALSE(three.stopped);
        const auto followed = sig::phase_texts("1 tab tid x 7 days followed by 1 tab bid");
        REQUIRE(followed.parts.size() == 2);
        CHECK(followed.parts[1] == "1 tab bid");
        // Not inside another word; no split: the text itself.
        const auto none = sig::phase_texts("1 tab q6h (athenol)");
        REQUIRE(none.parts.size() == 1);
        CHECK(none.parts[0] == "1 tab q6h (athenol)");
        const auto stop = sig::phase_texts("1 tab bid x 3 days, then stop");
        REQUIRE(stop.parts.size() == 1);
        CHECK(stop.parts[0] == "1 tab bid x 3 days");
        CHECK(stop.stopped);
    }

    TEST_CASE("a taper reads the most of every phase and the days added up") {
        const auto r = sig::read_regimen("2 tabs bid x 2 days then 1 tab q4h");
        REQUIRE(r.dose_max);
        CHECK(*r.dose_max == 2); // the first phase's dose
        CHECK(r.dose_min == 1);
        REQUIRE(r.frequency);
        CHECK(r.frequency->doses_per_day == 6); // the second phase's administrations
        CHECK(r.daily_dose_max == 6);           // the highest day (2 x 2 = 4, 1 x 6 = 6), not 2 x 6
        CHECK_FALSE(r.duration_days);           // the last phase runs open-ended
        CHECK(r.phases == 2);
        CHECK(r.first_dose_max == 2); // where a new therapy starts: 2 tablets, 4 a day
        CHECK(r.first_day == 4);
        CHECK(r.ambiguities.empty());
    }

    TEST_CASE("a phase without a dose takes the one before; a route written once holds for all") {
        const auto r =
            sig::read_regimen("300 mg qhs x 3 days, then bid x 3 days, then 300 mg po tid x 7 days");
        CHECK(r.dose_max == 300);
        REQUIRE(r.frequency);
        CHECK(r.frequency->canonical == "tid");
        CHECK(r.duration_days == 13);
        CHECK(r.route == "oral");
        CHECK_FALSE(r.daily_dose_max); // 300 mg at 3 a day is the highest day
        CHECK(r.phases == 3);
    }

    TEST_CASE("as needed only when every phase is") {
        CHECK(sig::read_regimen("1 tab q6h prn x 2 days then 1 tab q4h prn").prn);
        CHECK_FALSE(sig::read_regimen("1 tab q6h x 2 days then 1 tab q4h prn").prn);
    }

    TEST_CASE("a loading dose shares its day with the doses that follow it") {
        // By an interval: the doses one interval apart after it (500 + 3 x 250 by q6h, the shortest of
        // q6-8h).
        const auto label = sig::read_regimen("500 mg now, then 250 mg q6-8h");
        REQUIRE(label.dose_max);
        CHECK(*label.dose_max == 500);
        CHECK(label.dose_min == 250);
        CHECK(label.frequency->canonical == "q6-8h");
        CHECK(label.daily_dose_max == 1250);
        CHECK_FALSE(label.duration_days); // the last phase runs on
        CHECK(label.phases == 2);
        CHECK(label.first_dose_max == 500);
        CHECK(label.first_day == 1250);
        // By an interval that does not divide the day: every dose the 24 hours hold (0, 5, 10, 15, 20 h).
        const auto q5h = sig::read_regimen("500 mg now then 250 mg q5h");
        CHECK(q5h.frequency->doses_per_day == 5);
        CHECK(q5h.daily_dose_max == 1500);
        // By a count a day: a whole day of them may follow it (the day's three, then the loading dose).
        const auto tid = sig::read_regimen("500 mg stat then 250 mg tid");
        CHECK(tid.frequency->canonical == "qid");
        CHECK(tid.daily_dose_max == 1250);
        // The loading dose counts a whole day of the regimen's duration.
        CHECK(sig::read_regimen("20 mg once then 10 mg q6h x 5 days").duration_days == 6);
    }

    TEST_CASE("phases that cannot be read as one stay one ambiguous regimen") {
        const std::vector<std::string_view> sigs{
            "2 tabs now then 1 tab now",                        // two single doses: no day between them
            "1 tab q4h x 1 day then 2 tabs now then 1 tab q6h", // a single dose after the first phase
            "1 tab bid x 1.5 days then 1 tab tid",              // not whole days
            "1 tab q4h then 2 tabs q6h",                        // no duration before the next phase
            "500 mg bid x 2 days then 1 tab bid",               // different units
            "1 tab po bid x 2 days then 1 tab pr bid",          // different routes
            "1 tab bid x 2 days then 1 tab tid max 3 tabs/day", // a stated maximum
            "1 tab bid x 2 days then as directed",
            "1 tab bid x 2 days then 1 tab",                // a phase without a frequency
            "1 tab q6h prn pain, if no relief then 2 tabs", // words not read
        };
        for (const std::string_view text : sigs) {
            CAPTURE(text);
            const auto r = sig::read_regimen(text);
            CHECK(r.phases == 0);
            CHECK_FALSE(r.ambiguities.empty());
        }
    }
}
