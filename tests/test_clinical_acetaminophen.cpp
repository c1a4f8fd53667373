// Acetaminophen: single, daily and doses/day maxima, weight < 50 kg, hepatic / alcohol limits,
// IV in severe hepatic impairment, and the cumulative total across products (seed 20, 30, 40).
// Default patient: 40-year-old 70 kg man, CrCl 100, no hepatic impairment.
#include "support/clinical_table.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using namespace medcheck;
using test::CaseBuilder;
using S = model::Severity;
using V = model::Verdict;
using test::C;
using test::check_table;
using test::Row;
using test::silent;

TEST_SUITE("clinical::acetaminophen") {
    TEST_CASE("acetaminophen single dose: 1000 mg per dose") {
        check_table({
            {"1000 mg bid (at the limit)", C().med("acetaminophen", 1000, "mg", "bid"),
             "acetaminophen.single_max", silent, V::ok},
            {"999 mg bid (just below)", C().med("acetaminophen", 999, "mg", "bid"),
             "acetaminophen.single_max", silent, V::ok},
            {"1001 mg bid (just above)", C().med("acetaminophen", 1001, "mg", "bid"),
             "acetaminophen.single_max", S::violation, V::violation},
            {"1 g bid written in grams", C().med("acetaminophen", 1, "g", "bid"), "acetaminophen.single_max",
             silent, V::ok},
        });
    }

    TEST_CASE("acetaminophen daily total: 3000 mg/day (medcheck policy, label 4000)") {
        check_table({
            {"500 mg q4h = 3000 mg/day (at)", C().med("acetaminophen", 500, "mg", "q4h"),
             "acetaminophen.daily_max", silent, V::ok},
            {"499 mg q4h = 2994 mg/day (below)", C().med("acetaminophen", 499, "mg", "q4h"),
             "acetaminophen.daily_max", silent, V::ok},
            {"501 mg q4h = 3006 mg/day (above)", C().med("acetaminophen", 501, "mg", "q4h"),
             "acetaminophen.daily_max", S::violation, V::violation},
            {"1000 mg q8h = 3000 mg/day", C().med("acetaminophen", 1000, "mg", "q8h"),
             "acetaminophen.daily_max", silent, V::ok},
            {"1000 mg q6h = 4000 mg/day (label max, above policy)",
             C().med("acetaminophen", 1000, "mg", "q6h"), "acetaminophen.daily_max", S::violation,
             V::violation},
            {"1000 mg IV q6h: every route counts", C().med("acetaminophen", 1000, "mg", "q6h").route("iv"),
             "acetaminophen.daily_max", S::violation, V::violation},
        });
        const auto r = C().med("acetaminophen", 501, "mg", "q4h").check();
        const auto f = test::only(r, "acetaminophen.daily_max");
        CHECK(f.kind == "max_daily_dose");
        CHECK(f.actual == doctest::Approx(3006));
        CHECK(f.limit == doctest::Approx(3000));
    }

    TEST_CASE(
        "different doses at different times of day add up to the day's total, not the largest x count") {
        // 1000 + 1000 + 500 + 500 = 3000 mg in 4 administrations; the largest dose at each would be 4000.
        check_table({
            {"1000 qam, 1000 noon, 500 evening, 500 bedtime = 3000 (at)",
             C().sig(
                 "acetaminophen 1000 mg qam, 1000 mg at noon, 500 mg in the evening and 500 mg at bedtime"),
             "acetaminophen.daily_max", silent, V::ok},
            {"... 499 mg at bedtime = 2999 (below)",
             C().sig(
                 "acetaminophen 1000 mg qam, 1000 mg at noon, 500 mg in the evening and 499 mg at bedtime"),
             "acetaminophen.daily_max", silent, V::ok},
            {"... 501 mg at bedtime = 3001 (above)",
             C().sig(
                 "acetaminophen 1000 mg qam, 1000 mg at noon, 500 mg in the evening and 501 mg at bedtime"),
             "acetaminophen.daily_max", S::violation, V::violation},
            {"UK: 500mg tablets 2 at breakfast, lunchtime and teatime, 1 at night = 3500 (above)",
             C().sig("paracetamol 500mg tablets 2 at breakfast, lunchtime and teatime and 1 at night"),
             "acetaminophen.daily_max", S::violation, V::violation},
            {"the largest dose is the single dose: 1001 mg qhs",
             C().sig("acetaminophen 500 mg qam and 1001 mg qhs"), "acetaminophen.single_max", S::violation,
             V::violation},
        });
        const auto above =
            C().sig("acetaminophen 1000 mg qam, 1000 mg at noon, 500 mg in the evening and 501 mg at bedtime")
                .check();
        const auto f = test::only(above, "acetaminophen.daily_max");
        CHECK(f.actual == doctest::Approx(3001));
        REQUIRE(above.orders.size() == 1);
        const check::OrderReading& reading = above.orders[0].reading;
        CHECK(reading.read);
        CHECK(reading.dose_min == doctest::Approx(500));
        CHECK(reading.dose_max == doctest::Approx(1000));
        CHECK(reading.doses_per_day_max == doctest::Approx(4));
        CHECK(reading.text == "500 to 1000 mg (by time of day) 4 times a day = up to 3001 mg/day");
        // Which dose goes when is open: unverifiable, never the smaller reading.
        const auto open =
            C().sig("acetaminophen 500 mg tablets 2 in the morning and 1 tab with meals").check();
        CHECK(open.verdict == V::unverifiable);
        CHECK_FALSE(test::has_rule(open, "acetaminophen.daily_max"));
    }

    TEST_CASE("a sig's dose range with its ends in different units counts at its top, converted") {
        // "500mg-1g q6h" was read as 1 to 500 mg (2000 mg/day, verdict ok): the top is 1 g, 4000 mg/day.
        check_table({
            {"500mg-1g q6h = 4000 mg/day (above)", C().sig("acetaminophen 500mg-1g po q6h prn pain"),
             "acetaminophen.daily_max", S::violation, V::violation},
            {"500 mg to 0.75 g q6h = 3000 mg/day (at)", C().sig("acetaminophen 500 mg to 0.75 g q6h"),
             "acetaminophen.daily_max", silent, V::ok},
            {"500 mg or 0.749 g q6h = 2996 mg/day (below)", C().sig("acetaminophen 500 mg or 0.749 g q6h"),
             "acetaminophen.daily_max", silent, V::ok},
            {"500 mg - 0.751 g q6h = 3004 mg/day (above)", C().sig("acetaminophen 500 mg - 0.751 g q6h"),
             "acetaminophen.daily_max", S::violation, V::violation},
            {"1 g - 500 mg q8h, written high to low = 3000 (at)", C().sig("acetaminophen 1 g - 500 mg q8h"),
             "acetaminophen.daily_max", silent, V::ok},
            {"the top against the single maximum: 500 mg to 1.01 g bid (above 1000)",
             C().sig("acetaminophen 500 mg to 1.01 g bid"), "acetaminophen.single_max", S::violation,
             V::violation},
        });
        const auto above = C().sig("acetaminophen 500mg-1g po q6h prn pain").check();
        CHECK(test::only(above, "acetaminophen.daily_max").actual == doctest::Approx(4000));
        // Ends that do not convert (a count and a mass) are unverifiable, never the first end alone.
        const auto mixed = C().sig("acetaminophen 500 mg tablet 1 tab or 500 mg q6h").check();
        CHECK(mixed.verdict == V::unverifiable);
        CHECK_FALSE(test::has_rule(mixed, "acetaminophen.daily_max"));
    }

    TEST_CASE("a count written '1 and 1/2' or '1-1/2' is one and a half, not the half or the one") {
        // "1 and 1/2 tabs q4h" was read as half a tablet (1500 mg/day), "1-1/2 tabs q4h" as the range
        // 1/2 to 1 (3000 mg/day): both verdict ok.
        check_table({
            {"500 mg tablet, 1 and 1/2 tabs q6h = 3000 mg/day (at)",
             C().sig("acetaminophen 500 mg tablet 1 and 1/2 tabs q6h"), "acetaminophen.daily_max", silent,
             V::ok},
            {"500 mg tablet, 1 and 1/2 tabs q4h = 4500 mg/day (above)",
             C().sig("acetaminophen 500 mg tablet 1 and 1/2 tabs q4h"), "acetaminophen.daily_max",
             S::violation, V::violation},
            {"500 mg tablet, 1-1/2 tabs q4h (US label style) = 4500 mg/day (above)",
             C().sig("acetaminophen 500 mg tablet 1-1/2 tabs q4h"), "acetaminophen.daily_max", S::violation,
             V::violation},
            {"325 mg tablet, one & 1/2 tabs q4h = 2925 mg/day (below)",
             C().sig("acetaminophen 325 mg tablet one & 1/2 tabs q4h"), "acetaminophen.daily_max", silent,
             V::ok},
        });
        const auto above = C().sig("acetaminophen 500 mg tablet 1 and 1/2 tabs q4h").check();
        CHECK(test::only(above, "acetaminophen.daily_max").actual == doctest::Approx(4500));
    }

    TEST_CASE("a liquid in mL is checked at the concentration its name gives") {
        // paracetamol 250 mg/5 mL = 50 mg/mL: 15 mL q6h = 750 mg x 4 = 3000 mg/day.
        check_table({
            {"15 mL q6h = 3000 mg/day (at)", C().sig("paracetamol 250 mg/5 mL oral suspension 15 mL q6h"),
             "acetaminophen.daily_max", silent, V::ok},
            {"14.9 mL q6h = 2980 (below)", C().sig("paracetamol 250 mg/5 mL oral suspension 14.9 mL q6h"),
             "acetaminophen.daily_max", silent, V::ok},
            {"15.1 mL q6h = 3020 (above)", C().sig("paracetamol 250 mg/5 mL oral suspension 15.1 mL q6h"),
             "acetaminophen.daily_max", S::violation, V::violation},
            {"RxNorm 32 MG/ML: 20 mL q4h = 3840 (above)",
             C().sig("Acetaminophen 32 MG/ML Oral Solution 20 mL q4h"), "acetaminophen.daily_max",
             S::violation, V::violation},
            {"1 tsp of 160 mg/5 mL = 160 mg", C().sig("acetaminophen 160 mg/5 mL 1 tsp q6h"),
             "acetaminophen.daily_max", silent, V::ok},
            {"a single dose of 21 mL = 1050 mg (above 1000)", C().sig("paracetamol 250 mg/5 mL 21 mL bid"),
             "acetaminophen.single_max", S::violation, V::violation},
        });
        const auto above = C().sig("paracetamol 250 mg/5 mL oral suspension 15.1 mL q6h").check();
        CHECK(test::only(above, "acetaminophen.daily_max").actual == doctest::Approx(3020));
        // Without a concentration a volume cannot be checked: unverifiable, never a guess.
        const auto bare = C().med("acetaminophen", 15, "mL", "q6h").check();
        CHECK(bare.verdict == V::unverifiable);
        CHECK(test::has_rule(bare, "input.unit"));
    }

    TEST_CASE("acetaminophen doses per day: at most 6 (every 4 h)") {
        check_table({
            {"325 mg q4h = 6 doses (at)", C().med("acetaminophen", 325, "mg", "q4h"),
             "acetaminophen.doses_per_day", silent, V::ok},
            {"325 mg q5h = 4.8 doses (below)", C().med("acetaminophen", 325, "mg", "q5h"),
             "acetaminophen.doses_per_day", silent, V::ok},
            {"325 mg q3h = 8 doses (above)", C().med("acetaminophen", 325, "mg", "q3h"),
             "acetaminophen.doses_per_day", S::violation, V::violation},
            {"325 mg q3h PRN, max 6 doses/day", C().med("acetaminophen", 325, "mg", "q3h").prn(6),
             "acetaminophen.doses_per_day", silent, V::ok},
            {"325 mg q3h PRN, max 7 doses/day", C().med("acetaminophen", 325, "mg", "q3h").prn(7),
             "acetaminophen.doses_per_day", S::violation, V::violation},
        });
    }

    TEST_CASE("acetaminophen under 50 kg: 15 mg/kg per dose") {
        check_table({
            {"40 kg, 600 mg q8h = 15 mg/kg (at)", C().weight(40).med("acetaminophen", 600, "mg", "q8h"),
             "acetaminophen.weight_lt50.single_per_kg", silent, V::ok},
            {"40 kg, 599 mg q8h (below)", C().weight(40).med("acetaminophen", 599, "mg", "q8h"),
             "acetaminophen.weight_lt50.single_per_kg", silent, V::ok},
            {"40 kg, 601 mg q8h (above)", C().weight(40).med("acetaminophen", 601, "mg", "q8h"),
             "acetaminophen.weight_lt50.single_per_kg", S::violation, V::violation},
            {"49.9 kg, 800 mg q8h = 16.03 mg/kg", C().weight(49.9).med("acetaminophen", 800, "mg", "q8h"),
             "acetaminophen.weight_lt50.single_per_kg", S::violation, V::violation},
            {"50 kg, 800 mg q8h: not under 50 kg", C().weight(50).med("acetaminophen", 800, "mg", "q8h"),
             "acetaminophen.weight_lt50.single_per_kg", silent, V::ok},
        });
    }

    TEST_CASE("acetaminophen under 50 kg: 75 mg/kg/day") {
        check_table({
            {"30 kg, 375 mg q4h = 75 mg/kg/day (at)", C().weight(30).med("acetaminophen", 375, "mg", "q4h"),
             "acetaminophen.weight_lt50.daily_per_kg", silent, V::ok},
            {"30 kg, 374 mg q4h (below)", C().weight(30).med("acetaminophen", 374, "mg", "q4h"),
             "acetaminophen.weight_lt50.daily_per_kg", silent, V::ok},
            {"30 kg, 376 mg q4h = 75.2 mg/kg/day (above)",
             C().weight(30).med("acetaminophen", 376, "mg", "q4h"), "acetaminophen.weight_lt50.daily_per_kg",
             S::violation, V::violation},
            {"50 kg, 500 mg q4h = 60 mg/kg/day", C().weight(50).med("acetaminophen", 500, "mg", "q4h"),
             "acetaminophen.weight_lt50.daily_per_kg", silent, V::ok},
        });
    }

    TEST_CASE("acetaminophen with no weight: the weight rules are an info note") {
        check_table({
            {"weight absent, 1000 mg q8h", C().weight(std::nullopt).med("acetaminophen", 1000, "mg", "q8h"),
             "missing.weight", S::info, V::ok},
        });
    }

    TEST_CASE("acetaminophen with hepatic impairment: 2000 mg/day") {
        check_table({
            {"mild, 500 mg q6h = 2000 (at)",
             C().hepatic(model::Hepatic::mild).med("acetaminophen", 500, "mg", "q6h"),
             "acetaminophen.hepatic.daily_max", silent, V::ok},
            {"mild, 499 mg q6h (below)",
             C().hepatic(model::Hepatic::mild).med("acetaminophen", 499, "mg", "q6h"),
             "acetaminophen.hepatic.daily_max", silent, V::ok},
            {"mild, 501 mg q6h = 2004 (above)",
             C().hepatic(model::Hepatic::mild).med("acetaminophen", 501, "mg", "q6h"),
             "acetaminophen.hepatic.daily_max", S::violation, V::violation},
            {"moderate, 501 mg q6h",
             C().hepatic(model::Hepatic::moderate).med("acetaminophen", 501, "mg", "q6h"),
             "acetaminophen.hepatic.daily_max", S::violation, V::violation},
            {"severe, 501 mg q6h", C().hepatic(model::Hepatic::severe).med("acetaminophen", 501, "mg", "q6h"),
             "acetaminophen.hepatic.daily_max", S::violation, V::violation},
            {"no impairment, 750 mg q6h = 3000",
             C().hepatic(model::Hepatic::none).med("acetaminophen", 750, "mg", "q6h"),
             "acetaminophen.hepatic.daily_max", silent, V::ok},
            {"hepatic absent reads as none, 750 mg q6h",
             C().hepatic(model::Hepatic::absent).med("acetaminophen", 750, "mg", "q6h"),
             "acetaminophen.hepatic.daily_max", silent, V::ok},
        });
    }

    TEST_CASE("acetaminophen with alcohol use disorder: 2000 mg/day") {
        check_table({
            {"AUD, 500 mg q6h = 2000 (at)",
             C().condition("alcohol_use_disorder").med("acetaminophen", 500, "mg", "q6h"),
             "acetaminophen.alcohol.daily_max", silent, V::ok},
            {"AUD, 499 mg q6h (below)",
             C().condition("alcohol_use_disorder").med("acetaminophen", 499, "mg", "q6h"),
             "acetaminophen.alcohol.daily_max", silent, V::ok},
            {"AUD, 501 mg q6h = 2004 (above)",
             C().condition("alcohol_use_disorder").med("acetaminophen", 501, "mg", "q6h"),
             "acetaminophen.alcohol.daily_max", S::violation, V::violation},
            {"no AUD, 501 mg q6h", C().med("acetaminophen", 501, "mg", "q6h"),
             "acetaminophen.alcohol.daily_max", silent, V::ok},
        });
    }

    TEST_CASE("acetaminophen in severe hepatic impairment: a warning at any dose; IV contraindicated") {
        check_table({
            {"severe, 325 mg q6h oral",
             C().hepatic(model::Hepatic::severe).med("acetaminophen", 325, "mg", "q6h"),
             "acetaminophen.hepatic.severe", S::warning, V::warning},
            {"moderate, 325 mg q6h oral",
             C().hepatic(model::Hepatic::moderate).med("acetaminophen", 325, "mg", "q6h"),
             "acetaminophen.hepatic.severe", silent, V::ok},
            {"mild, 325 mg q6h oral",
             C().hepatic(model::Hepatic::mild).med("acetaminophen", 325, "mg", "q6h"),
             "acetaminophen.hepatic.severe", silent, V::ok},
            {"severe, 500 mg IV q6h",
             C().hepatic(model::Hepatic::severe).med("acetaminophen", 500, "mg", "q6h").route("iv"),
             "acetaminophen.iv.hepatic_severe", S::contraindicated, V::contraindicated},
            {"severe, 500 mg oral q6h",
             C().hepatic(model::Hepatic::severe).med("acetaminophen", 500, "mg", "q6h").route("oral"),
             "acetaminophen.iv.hepatic_severe", silent, V::warning},
            {"moderate, 500 mg IV q6h",
             C().hepatic(model::Hepatic::moderate).med("acetaminophen", 500, "mg", "q6h").route("iv"),
             "acetaminophen.iv.hepatic_severe", silent, V::ok},
        });
    }

    TEST_CASE("acetaminophen from several products: 3000 mg/day combined") {
        check_table({
            {"500 mg q6h + 1000 mg daily = 3000 (at)",
             C().med("acetaminophen", 500, "mg", "q6h").med("tylenol", 1000, "mg", "daily"),
             "acetaminophen.cumulative.daily_max", silent, V::ok},
            {"500 mg q6h + 999 mg daily = 2999 (below)",
             C().med("acetaminophen", 500, "mg", "q6h").med("tylenol", 999, "mg", "daily"),
             "acetaminophen.cumulative.daily_max", silent, V::ok},
            {"501 mg q6h + 1000 mg daily = 3004 (above)",
             C().med("acetaminophen", 501, "mg", "q6h").med("tylenol", 1000, "mg", "daily"),
             "acetaminophen.cumulative.daily_max", S::violation, V::violation},
            {"oral 500 mg q6h + IV 1000 mg q12h = 4000",
             C().med("acetaminophen", 500, "mg", "q6h").med("acetaminophen", 1000, "mg", "q12h").route("iv"),
             "acetaminophen.cumulative.daily_max", S::violation, V::violation},
            {"one product above 3000 is not cumulative", C().med("acetaminophen", 1000, "mg", "q6h"),
             "acetaminophen.cumulative.daily_max", silent, V::violation},
        });
        const auto r = C().med("acetaminophen", 501, "mg", "q6h").med("tylenol", 1000, "mg", "daily").check();
        const auto f = test::only(r, "acetaminophen.cumulative.daily_max");
        CHECK(f.kind == "cumulative_ingredient");
        CHECK(f.actual == doctest::Approx(3004));
        CHECK_FALSE(test::has_rule(r, "acetaminophen.daily_max")); // each product alone is within 3000
    }

    TEST_CASE("acetaminophen from several products with hepatic impairment or AUD: 2000 mg/day combined") {
        check_table({
            {"mild, 500 mg q8h + 500 mg daily = 2000 (at)",
             C().hepatic(model::Hepatic::mild)
                 .med("acetaminophen", 500, "mg", "q8h")
                 .med("acetaminophen", 500, "mg", "daily"),
             "acetaminophen.cumulative.hepatic", silent, V::ok},
            {"mild, 499 mg q8h + 500 mg daily = 1997 (below)",
             C().hepatic(model::Hepatic::mild)
                 .med("acetaminophen", 499, "mg", "q8h")
                 .med("acetaminophen", 500, "mg", "daily"),
             "acetaminophen.cumulative.hepatic", silent, V::ok},
            {"mild, 501 mg q8h + 500 mg daily = 2003 (above)",
             C().hepatic(model::Hepatic::mild)
                 .med("acetaminophen", 501, "mg", "q8h")
                 .med("acetaminophen", 500, "mg", "daily"),
             "acetaminophen.cumulative.hepatic", S::violation, V::violation},
            {"severe, 501 mg q8h + 500 mg daily",
             C().hepatic(model::Hepatic::severe)
                 .med("acetaminophen", 501, "mg", "q8h")
                 .med("acetaminophen", 500, "mg", "daily"),
             "acetaminophen.cumulative.hepatic", S::violation, V::violation},
            {"no impairment, 501 mg q8h + 500 mg daily",
             C().med("acetaminophen", 501, "mg", "q8h").med("acetaminophen", 500, "mg", "daily"),
             "acetaminophen.cumulative.hepatic", silent, V::ok},
            {"AUD, 500 mg q8h + 500 mg daily = 2000 (at)",
             C().condition("alcohol_use_disorder")
                 .med("acetaminophen", 500, "mg", "q8h")
                 .med("acetaminophen", 500, "mg", "daily"),
             "acetaminophen.cumulative.alcohol", silent, V::ok},
            {"AUD, 499 mg q8h + 500 mg daily (below)",
             C().condition("alcohol_use_disorder")
                 .med("acetaminophen", 499, "mg", "q8h")
                 .med("acetaminophen", 500, "mg", "daily"),
             "acetaminophen.cumulative.alcohol", silent, V::ok},
            {"AUD, 501 mg q8h + 500 mg daily = 2003 (above)",
             C().condition("alcohol_use_disorder")
                 .med("acetaminophen", 501, "mg", "q8h")
                 .med("acetaminophen", 500, "mg", "daily"),
             "acetaminophen.cumulative.alcohol", S::violation, V::violation},
            {"no AUD, 501 mg q8h + 500 mg daily",
             C().med("acetaminophen", 501, "mg", "q8h").med("acetaminophen", 500, "mg", "daily"),
             "acetaminophen.cumulative.alcohol", silent, V::ok},
        });
    }

    TEST_CASE("two acetaminophen orders: one cumulative finding, the daily and per-kg limits summed "
              "(decision 14)") {
        // 30 kg: 75 mg/kg/day = 2250 mg/day; two orders of 375 mg q8h = 2250 (at), 6 doses/day
        check_table({
            {"30 kg, 375 mg q8h x2 = 75 mg/kg/day (at)",
             C().weight(30).med("acetaminophen", 375, "mg", "q8h").med("acetaminophen", 375, "mg", "q8h"),
             "acetaminophen.weight_lt50.daily_per_kg", silent, V::ok},
            {"30 kg, 374 mg q8h x2 = 74.8 mg/kg/day (below)",
             C().weight(30).med("acetaminophen", 374, "mg", "q8h").med("acetaminophen", 374, "mg", "q8h"),
             "acetaminophen.weight_lt50.daily_per_kg", silent, V::ok},
            {"30 kg, 376 mg q8h x2 = 75.2 mg/kg/day (above)",
             C().weight(30).med("acetaminophen", 376, "mg", "q8h").med("acetaminophen", 376, "mg", "q8h"),
             "acetaminophen.weight_lt50.daily_per_kg", S::violation, V::violation},
            {"1000 mg q8h x2 = 6000: the cumulative rule says it",
             C().med("acetaminophen", 1000, "mg", "q8h").med("acetaminophen", 1000, "mg", "q8h"),
             "acetaminophen.cumulative.daily_max", S::violation, V::violation},
            {"1000 mg q8h x2 = 6000: not said twice",
             C().med("acetaminophen", 1000, "mg", "q8h").med("acetaminophen", 1000, "mg", "q8h"),
             "acetaminophen.daily_max", silent, V::violation},
            {"500 mg q6h x2 = 8 doses/day (above)",
             C().med("acetaminophen", 500, "mg", "q6h").med("acetaminophen", 500, "mg", "q6h"),
             "acetaminophen.doses_per_day", S::violation, V::violation},
        });
        const auto r =
            C().med("acetaminophen", 1000, "mg", "q8h").med("acetaminophen", 1000, "mg", "q8h").check();
        CHECK(test::only(r, "acetaminophen.cumulative.daily_max").orders == std::vector<int>{0, 1});
    }
}
