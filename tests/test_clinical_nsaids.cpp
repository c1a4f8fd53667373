// NSAIDs: dose limits per ingredient, renal bands, hepatic bands, contraindications, cautions,
// Beers (age >= 65) and pregnancy (seed 20, 30, 40, 50). Ketorolac orders carry a 5-day duration
// so that the "duration not stated" reminder does not colour the verdict.
#include "support/clinical_table.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using namespace medcheck;
using S = model::Severity;
using V = model::Verdict;
using test::C;
using test::check_table;
using test::silent;

TEST_SUITE("clinical::nsaids") {
    TEST_CASE("ibuprofen: 800 mg per dose, 3200 mg/day, 6 doses/day; 2400 mg/day from 65") {
        check_table({
            {"800 mg tid (at)", C().med("ibuprofen", 800, "mg", "tid"), "ibuprofen.single_max", silent,
             V::ok},
            {"799 mg tid (below)", C().med("ibuprofen", 799, "mg", "tid"), "ibuprofen.single_max", silent,
             V::ok},
            {"801 mg tid (above)", C().med("ibuprofen", 801, "mg", "tid"), "ibuprofen.single_max",
             S::violation, V::violation},
            {"800 mg q6h = 3200 (at)", C().med("ibuprofen", 800, "mg", "q6h"), "ibuprofen.daily_max", silent,
             V::ok},
            {"533 mg q4h = 3198 (below)", C().med("ibuprofen", 533, "mg", "q4h"), "ibuprofen.daily_max",
             silent, V::ok},
            {"534 mg q4h = 3204 (above)", C().med("ibuprofen", 534, "mg", "q4h"), "ibuprofen.daily_max",
             S::violation, V::violation},
            {"200 mg q4h = 6 doses (at)", C().med("ibuprofen", 200, "mg", "q4h"), "ibuprofen.doses_per_day",
             silent, V::ok},
            {"200 mg q5h = 4.8 doses (below)", C().med("ibuprofen", 200, "mg", "q5h"),
             "ibuprofen.doses_per_day", silent, V::ok},
            {"200 mg q3h = 8 doses (above)", C().med("ibuprofen", 200, "mg", "q3h"),
             "ibuprofen.doses_per_day", S::violation, V::violation},
            // age >= 65: the NSAID Beers warning is always there, so the verdict is at least a warning
            {"65 y, 600 mg q6h = 2400 (at)", C().age(65).med("ibuprofen", 600, "mg", "q6h"),
             "ibuprofen.age65.daily_max", silent, V::warning},
            {"65 y, 599 mg q6h (below)", C().age(65).med("ibuprofen", 599, "mg", "q6h"),
             "ibuprofen.age65.daily_max", silent, V::warning},
            {"65 y, 601 mg q6h = 2404 (above)", C().age(65).med("ibuprofen", 601, "mg", "q6h"),
             "ibuprofen.age65.daily_max", S::warning, V::warning},
            {"64 y, 601 mg q6h", C().age(64).med("ibuprofen", 601, "mg", "q6h"), "ibuprofen.age65.daily_max",
             silent, V::ok},
        });
    }

    TEST_CASE("naproxen (as base; naproxen sodium x 200/220): 500 mg per dose, 1000 mg/day, 4 doses/day") {
        check_table({
            {"naproxen 500 mg bid (at)", C().med("naproxen", 500, "mg", "bid"), "naproxen.single_max", silent,
             V::ok},
            {"naproxen 499 mg bid (below)", C().med("naproxen", 499, "mg", "bid"), "naproxen.single_max",
             silent, V::ok},
            {"naproxen 501 mg daily (above)", C().med("naproxen", 501, "mg", "daily"), "naproxen.single_max",
             S::violation, V::violation},
            {"naproxen sodium 550 mg bid = 500 mg base (at)", C().med("naproxen sodium", 550, "mg", "bid"),
             "naproxen.single_max", silent, V::ok},
            {"naproxen sodium 551 mg daily = 500.9 base (above)",
             C().med("naproxen sodium", 551, "mg", "daily"), "naproxen.single_max", S::violation,
             V::violation},
            {"naproxen 500 mg bid = 1000 (at)", C().med("naproxen", 500, "mg", "bid"), "naproxen.daily_max",
             silent, V::ok},
            {"naproxen 333 mg tid = 999 (below)", C().med("naproxen", 333, "mg", "tid"), "naproxen.daily_max",
             silent, V::ok},
            {"naproxen 334 mg tid = 1002 (above)", C().med("naproxen", 334, "mg", "tid"),
             "naproxen.daily_max", S::violation, V::violation},
            {"Aleve 220 mg q8h = 600 base", C().med("aleve", 220, "mg", "q8h"), "naproxen.daily_max", silent,
             V::ok},
            {"naproxen sodium 367 mg tid = 1000.9 base (above)", C().med("naproxen_sodium", 367, "mg", "tid"),
             "naproxen.daily_max", S::violation, V::violation},
            {"naproxen 100 mg q6h = 4 doses (at)", C().med("naproxen", 100, "mg", "q6h"),
             "naproxen.doses_per_day", silent, V::ok},
            {"naproxen 100 mg q7h (below)", C().med("naproxen", 100, "mg", "q7h"), "naproxen.doses_per_day",
             silent, V::ok},
            {"naproxen 100 mg q5h = 4.8 doses (above)", C().med("naproxen", 100, "mg", "q5h"),
             "naproxen.doses_per_day", S::violation, V::violation},
        });
    }

    TEST_CASE("naproxen after a loading dose: the first 24 hours hold it and the doses that follow it") {
        // The label's regimen: 500 mg, then 250 mg every 6-8 hours, 1250 mg on the first day (above the
        // 1000 mg/day policy limit). By an interval the doses follow the loading dose by it; by a count a
        // day, a whole day of them may follow it at once.
        check_table({
            {"250 mg now, then 250 mg q6h = 250 + 3 x 250 = 1000 (at)",
             C().sig("naproxen 250 mg now, then 250 mg q6h"), "naproxen.daily_max", silent, V::ok},
            {"249 mg now, then 250 mg q6h = 999 (below)", C().sig("naproxen 249 mg now, then 250 mg q6h"),
             "naproxen.daily_max", silent, V::ok},
            {"251 mg now, then 250 mg q6h = 1001 (above)", C().sig("naproxen 251 mg now, then 250 mg q6h"),
             "naproxen.daily_max", S::violation, V::violation},
            {"the label's 500 mg, then 250 mg q6-8h = 1250 (above)",
             C().sig("naproxen 500 mg po now, then 250 mg po q6-8h prn pain"), "naproxen.daily_max",
             S::violation, V::violation},
            {"500 mg now, then 250 mg bid = 500 + 2 x 250 = 1000 (at)",
             C().sig("naproxen 500 mg now, then 250 mg bid"), "naproxen.daily_max", silent, V::ok},
            {"501 mg now, then 250 mg bid = 1001 (above)", C().sig("naproxen 501 mg now, then 250 mg bid"),
             "naproxen.daily_max", S::violation, V::violation},
            {"the loading dose is a single dose: 501 mg (above)",
             C().sig("naproxen 501 mg stat, then 100 mg q8h"), "naproxen.single_max", S::violation,
             V::violation},
            {"250 mg now, then 100 mg tid = 4 administrations (at)",
             C().sig("naproxen 250 mg now, then 100 mg tid"), "naproxen.doses_per_day", silent, V::ok},
            {"250 mg now, then 100 mg qid = 5 administrations (above)",
             C().sig("naproxen 250 mg now, then 100 mg qid"), "naproxen.doses_per_day", S::violation,
             V::violation},
        });
    }

    TEST_CASE("naproxen + naproxen sodium: one naproxen-base total of 1000 mg/day") {
        check_table({
            {"naproxen 250 bid + naproxen sodium 550 daily = 1000 (at)",
             C().med("naproxen", 250, "mg", "bid").med("naproxen sodium", 550, "mg", "daily"),
             "naproxen.cumulative.daily_max", silent, V::ok},
            {"naproxen 249 bid + naproxen sodium 550 daily = 998 (below)",
             C().med("naproxen", 249, "mg", "bid").med("naproxen sodium", 550, "mg", "daily"),
             "naproxen.cumulative.daily_max", silent, V::ok},
            {"naproxen 251 bid + naproxen sodium 550 daily = 1002 (above)",
             C().med("naproxen", 251, "mg", "bid").med("naproxen sodium", 550, "mg", "daily"),
             "naproxen.cumulative.daily_max", S::violation, V::violation},
        });
    }

    TEST_CASE("diclofenac: 100 mg per dose, 150 mg/day, 4 doses/day") {
        check_table({
            {"100 mg daily (at)", C().med("diclofenac", 100, "mg", "daily"), "diclofenac.single_max", silent,
             V::ok},
            {"99 mg daily (below)", C().med("diclofenac", 99, "mg", "daily"), "diclofenac.single_max", silent,
             V::ok},
            {"101 mg daily (above)", C().med("diclofenac", 101, "mg", "daily"), "diclofenac.single_max",
             S::violation, V::violation},
            {"50 mg tid = 150 (at)", C().med("diclofenac", 50, "mg", "tid"), "diclofenac.daily_max", silent,
             V::ok},
            {"49 mg tid = 147 (below)", C().med("diclofenac", 49, "mg", "tid"), "diclofenac.daily_max",
             silent, V::ok},
            {"51 mg tid = 153 (above)", C().med("diclofenac potassium", 51, "mg", "tid"),
             "diclofenac.daily_max", S::violation, V::violation},
            {"25 mg q6h = 4 doses (at)", C().med("diclofenac", 25, "mg", "q6h"), "diclofenac.doses_per_day",
             silent, V::ok},
            {"25 mg q7h (below)", C().med("diclofenac", 25, "mg", "q7h"), "diclofenac.doses_per_day", silent,
             V::ok},
            {"25 mg q5h = 4.8 doses (above)", C().med("diclofenac", 25, "mg", "q5h"),
             "diclofenac.doses_per_day", S::violation, V::violation},
        });
    }

    TEST_CASE("meloxicam: 15 mg per dose and per day, once daily; new start 7.5 mg/day (info)") {
        check_table({
            {"15 mg daily (at)", C().med("meloxicam", 15, "mg", "daily"), "meloxicam.single_max", silent,
             V::ok},
            {"14.9 mg daily (below)", C().med("meloxicam", 14.9, "mg", "daily"), "meloxicam.single_max",
             silent, V::ok},
            {"15.1 mg weekly (above, single dose only)", C().med("meloxicam", 15.1, "mg", "weekly"),
             "meloxicam.single_max", S::violation, V::violation},
            {"15 mg daily = 15 (at)", C().med("meloxicam", 15, "mg", "daily"), "meloxicam.daily_max", silent,
             V::ok},
            {"14.9 mg daily (below)", C().med("meloxicam", 14.9, "mg", "daily"), "meloxicam.daily_max",
             silent, V::ok},
            {"15.1 mg daily (above)", C().med("meloxicam", 15.1, "mg", "daily"), "meloxicam.daily_max",
             S::violation, V::violation},
            {"7.5 mg q24h = 1 dose (at)", C().med("meloxicam", 7.5, "mg", "q24h"), "meloxicam.doses_per_day",
             silent, V::ok},
            {"7.5 mg q25h (below)", C().med("meloxicam", 7.5, "mg", "q25h"), "meloxicam.doses_per_day",
             silent, V::ok},
            {"7.5 mg q23h = 1.04 doses (above)", C().med("meloxicam", 7.5, "mg", "q23h"),
             "meloxicam.doses_per_day", S::violation, V::violation},
            {"7.5 mg bid", C().med("meloxicam", 7.5, "mg", "bid"), "meloxicam.doses_per_day", S::violation,
             V::violation},
            {"new 7.5 mg daily (at)", C().med("meloxicam", 7.5, "mg", "daily"), "meloxicam.start.daily",
             silent, V::ok},
            {"new 7.4 mg daily (below)", C().med("meloxicam", 7.4, "mg", "daily"), "meloxicam.start.daily",
             silent, V::ok},
            {"new 7.6 mg daily (above)", C().med("meloxicam", 7.6, "mg", "daily"), "meloxicam.start.daily",
             S::info, V::ok},
            {"continuing 15 mg daily", C().med("meloxicam", 15, "mg", "daily").continuing(),
             "meloxicam.start.daily", silent, V::ok},
        });
    }

    TEST_CASE("celecoxib: 400 mg per dose and per day, 2 doses/day") {
        check_table({
            {"400 mg daily (at)", C().med("celecoxib", 400, "mg", "daily"), "celecoxib.single_max", silent,
             V::ok},
            {"399 mg daily (below)", C().med("celecoxib", 399, "mg", "daily"), "celecoxib.single_max", silent,
             V::ok},
            {"401 mg daily (above)", C().med("celecoxib", 401, "mg", "daily"), "celecoxib.single_max",
             S::violation, V::violation},
            {"200 mg bid = 400 (at)", C().med("celecoxib", 200, "mg", "bid"), "celecoxib.daily_max", silent,
             V::ok},
            {"199 mg bid (below)", C().med("celecoxib", 199, "mg", "bid"), "celecoxib.daily_max", silent,
             V::ok},
            {"201 mg bid = 402 (above)", C().med("celebrex", 201, "mg", "bid"), "celecoxib.daily_max",
             S::violation, V::violation},
            {"100 mg q12h = 2 doses (at)", C().med("celecoxib", 100, "mg", "q12h"), "celecoxib.doses_per_day",
             silent, V::ok},
            {"100 mg q13h (below)", C().med("celecoxib", 100, "mg", "q13h"), "celecoxib.doses_per_day",
             silent, V::ok},
            {"100 mg q11h = 2.18 doses (above)", C().med("celecoxib", 100, "mg", "q11h"),
             "celecoxib.doses_per_day", S::violation, V::violation},
        });
    }

    TEST_CASE("oral ketorolac: 20 mg per dose, 40 mg/day, 6 doses/day, 5 days") {
        check_table({
            {"20 mg bid x5 (at)", C().med("ketorolac", 20, "mg", "bid", 5), "ketorolac.single_max", silent,
             V::ok},
            {"19 mg bid x5 (below)", C().med("ketorolac", 19, "mg", "bid", 5), "ketorolac.single_max", silent,
             V::ok},
            {"21 mg daily x5 (above)", C().med("ketorolac", 21, "mg", "daily", 5), "ketorolac.single_max",
             S::violation, V::violation},
            {"10 mg q6h = 40 (at)", C().med("ketorolac", 10, "mg", "q6h", 5), "ketorolac.daily_max", silent,
             V::ok},
            {"10 mg q7h (below)", C().med("ketorolac", 10, "mg", "q7h", 5), "ketorolac.daily_max", silent,
             V::ok},
            {"10.1 mg q6h = 40.4 (above)", C().med("ketorolac", 10.1, "mg", "q6h", 5), "ketorolac.daily_max",
             S::violation, V::violation},
            {"5 mg q4h = 6 doses (at)", C().med("ketorolac", 5, "mg", "q4h", 5), "ketorolac.doses_per_day",
             silent, V::ok},
            {"5 mg q5h (below)", C().med("ketorolac", 5, "mg", "q5h", 5), "ketorolac.doses_per_day", silent,
             V::ok},
            {"5 mg q3h = 8 doses (above)", C().med("ketorolac", 5, "mg", "q3h", 5), "ketorolac.doses_per_day",
             S::violation, V::violation},
            {"10 mg q6h x 5 days (at)", C().med("ketorolac", 10, "mg", "q6h", 5), "ketorolac.duration_max",
             silent, V::ok},
            {"10 mg q6h x 4 days (below)", C().med("ketorolac", 10, "mg", "q6h", 4), "ketorolac.duration_max",
             silent, V::ok},
            {"10 mg q6h x 6 days (above)", C().med("ketorolac", 10, "mg", "q6h", 6), "ketorolac.duration_max",
             S::violation, V::violation},
            {"10 mg q6h, duration not stated", C().med("ketorolac", 10, "mg", "q6h"),
             "ketorolac.duration_max", S::warning, V::warning},
            // A count of doses in a sig lasts count / doses a day (it was read as that many days).
            {"sig q6h x 20 doses = 5 days (at)", C().sig("ketorolac 10 mg po q6h x 20 doses"),
             "ketorolac.duration_max", silent, V::ok},
            {"sig q6h x 19 doses = 4.75 days (below)", C().sig("ketorolac 10 mg po q6h x 19 doses"),
             "ketorolac.duration_max", silent, V::ok},
            {"sig q6h x 21 doses = 5.25 days (above)", C().sig("ketorolac 10 mg po q6h x 21 doses"),
             "ketorolac.duration_max", S::violation, V::violation},
            {"sig q6h prn x 20 doses: as needed, the count bounds nothing",
             C().sig("ketorolac 10 mg po q6h prn x 20 doses"), "ketorolac.duration_max", S::warning,
             V::warning},
        });
    }

    TEST_CASE("oral ketorolac 10 mg per dose from 65, under 50 kg, or CrCl < 60") {
        check_table({
            {"65 y, 10 mg q6h (at)", C().age(65).med("ketorolac", 10, "mg", "q6h", 5),
             "ketorolac.age65.single_max", silent, V::warning},
            {"65 y, 9 mg q6h (below)", C().age(65).med("ketorolac", 9, "mg", "q6h", 5),
             "ketorolac.age65.single_max", silent, V::warning},
            {"65 y, 11 mg bid (above)", C().age(65).med("ketorolac", 11, "mg", "bid", 5),
             "ketorolac.age65.single_max", S::violation, V::violation},
            {"64 y, 11 mg bid", C().age(64).med("ketorolac", 11, "mg", "bid", 5),
             "ketorolac.age65.single_max", silent, V::ok},
            {"45 kg, 10 mg bid (at)", C().weight(45).med("ketorolac", 10, "mg", "bid", 5),
             "ketorolac.weight_lt50.single_max", silent, V::ok},
            {"45 kg, 9 mg bid (below)", C().weight(45).med("ketorolac", 9, "mg", "bid", 5),
             "ketorolac.weight_lt50.single_max", silent, V::ok},
            {"45 kg, 11 mg bid (above)", C().weight(45).med("ketorolac", 11, "mg", "bid", 5),
             "ketorolac.weight_lt50.single_max", S::violation, V::violation},
            {"49.9 kg, 11 mg bid", C().weight(49.9).med("ketorolac", 11, "mg", "bid", 5),
             "ketorolac.weight_lt50.single_max", S::violation, V::violation},
            {"50 kg, 11 mg bid", C().weight(50).med("ketorolac", 11, "mg", "bid", 5),
             "ketorolac.weight_lt50.single_max", silent, V::ok},
            // CrCl 30-59 also gives the NSAID renal warning
            {"CrCl 59.9, 10 mg bid (at)", C().crcl(59.9).med("ketorolac", 10, "mg", "bid", 5),
             "ketorolac.renal.crcl_lt60.single_max", silent, V::warning},
            {"CrCl 59.9, 9 mg bid (below)", C().crcl(59.9).med("ketorolac", 9, "mg", "bid", 5),
             "ketorolac.renal.crcl_lt60.single_max", silent, V::warning},
            {"CrCl 59.9, 11 mg bid (above)", C().crcl(59.9).med("ketorolac", 11, "mg", "bid", 5),
             "ketorolac.renal.crcl_lt60.single_max", S::violation, V::violation},
            {"CrCl 60, 11 mg bid", C().crcl(60).med("ketorolac", 11, "mg", "bid", 5),
             "ketorolac.renal.crcl_lt60.single_max", silent, V::ok},
        });
    }

    TEST_CASE("ketorolac: contraindicated with CrCl < 30, GI bleeding or peptic ulcer; Beers from 65; "
              "hepatic bands") {
        check_table({
            {"CrCl 29.9", C().crcl(29.9).med("ketorolac", 10, "mg", "bid", 5), "ketorolac.renal.crcl_lt30",
             S::contraindicated, V::contraindicated},
            {"CrCl 30", C().crcl(30).med("ketorolac", 10, "mg", "bid", 5), "ketorolac.renal.crcl_lt30",
             silent, V::warning},
            {"GI bleed history", C().condition("gi_bleed_history").med("ketorolac", 10, "mg", "bid", 5),
             "ketorolac.contra.gi_bleed_history", S::contraindicated, V::contraindicated},
            {"peptic ulcer", C().condition("peptic_ulcer").med("ketorolac", 10, "mg", "bid", 5),
             "ketorolac.contra.peptic_ulcer", S::contraindicated, V::contraindicated},
            {"no GI history", C().med("ketorolac", 10, "mg", "bid", 5), "ketorolac.contra.gi_bleed_history",
             silent, V::ok},
            {"64 y", C().age(64).med("ketorolac", 10, "mg", "bid", 5), "ketorolac.beers.age65", silent,
             V::ok},
            {"65 y", C().age(65).med("ketorolac", 10, "mg", "bid", 5), "ketorolac.beers.age65", S::warning,
             V::warning},
            {"hepatic mild", C().hepatic(model::Hepatic::mild).med("ketorolac", 10, "mg", "bid", 5),
             "ketorolac.hepatic.mild_moderate", S::warning, V::warning},
            {"hepatic moderate", C().hepatic(model::Hepatic::moderate).med("ketorolac", 10, "mg", "bid", 5),
             "ketorolac.hepatic.mild_moderate", S::warning, V::warning},
            {"hepatic severe", C().hepatic(model::Hepatic::severe).med("ketorolac", 10, "mg", "bid", 5),
             "ketorolac.hepatic.severe", S::violation, V::violation},
            {"hepatic severe: not the mild/moderate row",
             C().hepatic(model::Hepatic::severe).med("ketorolac", 10, "mg", "bid", 5),
             "ketorolac.hepatic.mild_moderate", silent, V::violation},
        });
    }

    TEST_CASE("NSAIDs and renal function: CrCl < 30 avoid, 30-59 caution") {
        check_table({
            {"CrCl 29.9", C().crcl(29.9).med("ibuprofen", 400, "mg", "tid"), "nsaid.renal.crcl_lt30",
             S::violation, V::violation},
            {"CrCl 15", C().crcl(15).med("naproxen", 250, "mg", "bid"), "nsaid.renal.crcl_lt30", S::violation,
             V::violation},
            {"CrCl 29.9, celecoxib", C().crcl(29.9).med("celecoxib", 100, "mg", "bid"),
             "nsaid.renal.crcl_lt30", S::violation, V::violation},
            {"CrCl 30", C().crcl(30).med("ibuprofen", 400, "mg", "tid"), "nsaid.renal.crcl_lt30", silent,
             V::warning},
            {"CrCl 29.9: not the 30-59 band", C().crcl(29.9).med("ibuprofen", 400, "mg", "tid"),
             "nsaid.renal.crcl_30_59", silent, V::violation},
            {"CrCl 30", C().crcl(30).med("ibuprofen", 400, "mg", "tid"), "nsaid.renal.crcl_30_59", S::warning,
             V::warning},
            {"CrCl 59.9", C().crcl(59.9).med("diclofenac", 50, "mg", "bid"), "nsaid.renal.crcl_30_59",
             S::warning, V::warning},
            {"CrCl 60", C().crcl(60).med("ibuprofen", 400, "mg", "tid"), "nsaid.renal.crcl_30_59", silent,
             V::ok},
            // Cockcroft-Gault: (140 - 40) x 70 / (72 x SCr)
            {"SCr 2.0 mg/dL -> CrCl 48.6", C().crcl(std::nullopt).scr(2.0).med("ibuprofen", 400, "mg", "tid"),
             "nsaid.renal.crcl_30_59", S::warning, V::warning},
            {"SCr 4.0 mg/dL -> CrCl 24.3", C().crcl(std::nullopt).scr(4.0).med("ibuprofen", 400, "mg", "tid"),
             "nsaid.renal.crcl_lt30", S::violation, V::violation},
            {"SCr 1.0 mg/dL -> CrCl 97.2", C().crcl(std::nullopt).scr(1.0).med("ibuprofen", 400, "mg", "tid"),
             "nsaid.renal.crcl_30_59", silent, V::ok},
            // policy decision 3: missing CrCl
            {"no CrCl, 64 y, no CKD/HF: info",
             C().age(64).crcl(std::nullopt).med("ibuprofen", 400, "mg", "tid"), "missing.crcl", S::info,
             V::ok},
            {"no CrCl, 65 y: unverifiable", C().age(65).crcl(std::nullopt).med("ibuprofen", 400, "mg", "tid"),
             "missing.crcl", S::unverifiable, V::unverifiable},
            {"no CrCl, heart failure: unverifiable",
             C().condition("heart_failure").crcl(std::nullopt).med("ibuprofen", 400, "mg", "tid"),
             "missing.crcl", S::unverifiable, V::unverifiable},
            {"no CrCl, CKD: unverifiable",
             C().condition("ckd").crcl(std::nullopt).med("ibuprofen", 400, "mg", "tid"), "missing.crcl",
             S::unverifiable, V::unverifiable},
        });
    }

    TEST_CASE("every NSAID is contraindicated after CABG and with NSAID-sensitive asthma") {
        for (const char* drug : {"ibuprofen", "naproxen", "naproxen_sodium", "diclofenac", "meloxicam",
                                 "celecoxib", "ketorolac"}) {
            INFO(drug);
            const double dose = std::string(drug) == "meloxicam" ? 7.5 : 10;
            check_table({
                {"recent CABG", C().condition("recent_cabg").med(drug, dose, "mg", "daily", 5),
                 "nsaid.contra.recent_cabg", S::contraindicated, V::contraindicated},
                {"NSAID-sensitive asthma",
                 C().condition("asthma_nsaid_sensitive").med(drug, dose, "mg", "daily", 5),
                 "nsaid.contra.asthma_nsaid_sensitive", S::contraindicated, V::contraindicated},
                {"neither", C().med(drug, dose, "mg", "daily", 5), "nsaid.contra.recent_cabg", silent, V::ok},
            });
        }
    }

    TEST_CASE("NSAID cautions by condition are warnings") {
        const std::vector<std::pair<std::string, std::string>> cautions{
            {"gi_bleed_history", "nsaid.caution.gi_bleed_history"},
            {"peptic_ulcer", "nsaid.caution.peptic_ulcer"},
            {"heart_failure", "nsaid.caution.heart_failure"},
            {"recent_myocardial_infarction", "nsaid.caution.recent_myocardial_infarction"},
            {"myocardial_infarction", "nsaid.caution.myocardial_infarction"},
            {"stroke", "nsaid.caution.stroke"},
            {"hypertension", "nsaid.caution.hypertension"},
            {"ckd", "nsaid.caution.ckd"},
            {"alcohol_use_disorder", "nsaid.caution.alcohol_use_disorder"},
        };
        for (const auto& [condition, rule] : cautions) {
            check_table({
                {condition + ", ibuprofen 400 mg tid",
                 C().condition(condition).med("ibuprofen", 400, "mg", "tid"), rule, S::warning, V::warning},
                {condition + ", celecoxib 200 mg daily",
                 C().condition(condition).med("celecoxib", 200, "mg", "daily"), rule, S::warning, V::warning},
                {"no " + condition, C().med("ibuprofen", 400, "mg", "tid"), rule, silent, V::ok},
                {condition + ", acetaminophen (not an NSAID)",
                 C().condition(condition).med("acetaminophen", 500, "mg", "q6h"), rule, silent, V::ok},
            });
        }
    }

    TEST_CASE("NSAIDs from age 65: Beers warning") {
        check_table({
            {"64 y", C().age(64).med("ibuprofen", 400, "mg", "tid"), "nsaid.beers.age65", silent, V::ok},
            {"65 y", C().age(65).med("ibuprofen", 400, "mg", "tid"), "nsaid.beers.age65", S::warning,
             V::warning},
            {"80 y, naproxen", C().age(80).med("naproxen", 250, "mg", "bid"), "nsaid.beers.age65", S::warning,
             V::warning},
        });
    }

    TEST_CASE("NSAIDs in pregnancy: < 20 weeks info, 20-29 warning, >= 30 contraindicated") {
        auto pregnant = [](std::optional<double> weeks) {
            return C().sex(model::Sex::female).pregnancy(weeks).med("ibuprofen", 400, "mg", "tid");
        };
        check_table({
            {"not pregnant", pregnant(std::nullopt), "nsaid.pregnancy.lt20", silent, V::ok},
            {"not pregnant", pregnant(std::nullopt), "nsaid.pregnancy.wk20_29", silent, V::ok},
            {"not pregnant", pregnant(std::nullopt), "nsaid.pregnancy.wk30", silent, V::ok},
            {"0 weeks", pregnant(0), "nsaid.pregnancy.lt20", S::info, V::ok},
            {"19 weeks", pregnant(19), "nsaid.pregnancy.lt20", S::info, V::ok},
            {"19.9 weeks", pregnant(19.9), "nsaid.pregnancy.wk20_29", silent, V::ok},
            {"20 weeks", pregnant(20), "nsaid.pregnancy.lt20", silent, V::warning},
            {"20 weeks", pregnant(20), "nsaid.pregnancy.wk20_29", S::warning, V::warning},
            {"29 weeks", pregnant(29), "nsaid.pregnancy.wk20_29", S::warning, V::warning},
            {"29.9 weeks", pregnant(29.9), "nsaid.pregnancy.wk30", silent, V::warning},
            {"30 weeks", pregnant(30), "nsaid.pregnancy.wk20_29", silent, V::contraindicated},
            {"30 weeks", pregnant(30), "nsaid.pregnancy.wk30", S::contraindicated, V::contraindicated},
            {"32 weeks, naproxen",
             C().sex(model::Sex::female).pregnancy(32).med("naproxen", 250, "mg", "bid"),
             "nsaid.pregnancy.wk30", S::contraindicated, V::contraindicated},
        });
    }

    TEST_CASE("NSAIDs and the liver: mild/moderate caution, severe avoid; celecoxib halved when moderate") {
        struct Nsaid {
            const char* drug;
            double dose;
            const char* prefix;
        };
        for (const Nsaid& n : {Nsaid{"ibuprofen", 400, "ibuprofen"}, Nsaid{"naproxen", 250, "naproxen"},
                               Nsaid{"naproxen_sodium", 275, "naproxen"},
                               Nsaid{"diclofenac", 50, "diclofenac"}, Nsaid{"meloxicam", 7.5, "meloxicam"}}) {
            const std::string mild_moderate = std::string(n.prefix) + ".hepatic.mild_moderate";
            const std::string severe = std::string(n.prefix) + ".hepatic.severe";
            auto order = [&](model::Hepatic h) { return C().hepatic(h).med(n.drug, n.dose, "mg", "daily"); };
            check_table({
                {std::string(n.drug) + ", none", order(model::Hepatic::none), mild_moderate, silent, V::ok},
                {std::string(n.drug) + ", mild", order(model::Hepatic::mild), mild_moderate, S::warning,
                 V::warning},
                {std::string(n.drug) + ", moderate", order(model::Hepatic::moderate), mild_moderate,
                 S::warning, V::warning},
                {std::string(n.drug) + ", moderate", order(model::Hepatic::moderate), severe, silent,
                 V::warning},
                {std::string(n.drug) + ", severe", order(model::Hepatic::severe), severe, S::violation,
                 V::violation},
                {std::string(n.drug) + ", severe", order(model::Hepatic::severe), mild_moderate, silent,
                 V::violation},
            });
        }
        check_table({
            {"celecoxib, mild: no change",
             C().hepatic(model::Hepatic::mild).med("celecoxib", 200, "mg", "bid"),
             "celecoxib.hepatic.moderate.daily_max", silent, V::ok},
            {"celecoxib, moderate, 100 mg bid = 200 (at)",
             C().hepatic(model::Hepatic::moderate).med("celecoxib", 100, "mg", "bid"),
             "celecoxib.hepatic.moderate.daily_max", silent, V::ok},
            {"celecoxib, moderate, 99 mg bid (below)",
             C().hepatic(model::Hepatic::moderate).med("celecoxib", 99, "mg", "bid"),
             "celecoxib.hepatic.moderate.daily_max", silent, V::ok},
            {"celecoxib, moderate, 101 mg bid = 202 (above)",
             C().hepatic(model::Hepatic::moderate).med("celecoxib", 101, "mg", "bid"),
             "celecoxib.hepatic.moderate.daily_max", S::violation, V::violation},
            {"celecoxib, severe", C().hepatic(model::Hepatic::severe).med("celecoxib", 100, "mg", "daily"),
             "celecoxib.hepatic.severe", S::violation, V::violation},
            {"celecoxib, moderate: not the severe row",
             C().hepatic(model::Hepatic::moderate).med("celecoxib", 100, "mg", "daily"),
             "celecoxib.hepatic.severe", silent, V::ok},
        });
    }

    // Contract decision 14: every daily limit of an ingredient applies to the sum over its orders.
    TEST_CASE("two orders of one NSAID add up for its daily limits (decision 14)") {
        const auto two = [](const char* drug, double dose, const char* frequency, double days = 5) {
            return C().med(drug, dose, "mg", frequency, days).med(drug, dose, "mg", frequency, days);
        };
        check_table({
            {"ketorolac 10 mg bid x2 = 40 (at)", two("ketorolac", 10, "bid"), "ketorolac.daily_max", silent,
             V::ok},
            {"ketorolac 9.9 mg bid x2 = 39.6 (below)", two("ketorolac", 9.9, "bid"), "ketorolac.daily_max",
             silent, V::ok},
            {"ketorolac 10.1 mg bid x2 = 40.4 (above)", two("ketorolac", 10.1, "bid"), "ketorolac.daily_max",
             S::violation, V::violation},
            {"ketorolac 10 mg q6h x2 = 80", two("ketorolac", 10, "q6h"), "ketorolac.daily_max", S::violation,
             V::violation},
            {"ketorolac 5 mg tid x2 = 6 doses (at)", two("ketorolac", 5, "tid"), "ketorolac.doses_per_day",
             silent, V::ok},
            {"ketorolac 5 mg q6h x2 = 8 doses (above)", two("ketorolac", 5, "q6h"), "ketorolac.doses_per_day",
             S::violation, V::violation},
            // meloxicam is once daily: two daily orders are 2 doses/day, a violation of their own
            {"meloxicam 7.5 mg daily x2 = 15 (at)", two("meloxicam", 7.5, "daily", 7), "meloxicam.daily_max",
             silent, V::violation},
            {"meloxicam 7.4 mg daily x2 = 14.8 (below)", two("meloxicam", 7.4, "daily", 7),
             "meloxicam.daily_max", silent, V::violation},
            {"meloxicam 7.6 mg daily x2 = 15.2 (above)", two("meloxicam", 7.6, "daily", 7),
             "meloxicam.daily_max", S::violation, V::violation},
            {"meloxicam 15 mg daily x2 = 30", two("meloxicam", 15, "daily", 7), "meloxicam.daily_max",
             S::violation, V::violation},
            {"celecoxib 200 mg daily x2 = 400 (at)", two("celecoxib", 200, "daily", 7), "celecoxib.daily_max",
             silent, V::ok},
            {"celecoxib 199 mg daily x2 = 398 (below)", two("celecoxib", 199, "daily", 7),
             "celecoxib.daily_max", silent, V::ok},
            {"celecoxib 201 mg daily x2 = 402 (above)", two("celecoxib", 201, "daily", 7),
             "celecoxib.daily_max", S::violation, V::violation},
            {"celecoxib bid x2 = 4 doses (above)", two("celecoxib", 100, "bid", 7), "celecoxib.doses_per_day",
             S::violation, V::violation},
            {"celecoxib 400 mg daily x2 = 800", two("celecoxib", 400, "daily", 7), "celecoxib.daily_max",
             S::violation, V::violation},
            {"ibuprofen 200 mg tid x2 = 6 doses (at)", two("ibuprofen", 200, "tid", 7),
             "ibuprofen.doses_per_day", silent, V::ok},
            {"ibuprofen 200 mg q6h x2 = 8 doses (above)", two("ibuprofen", 200, "q6h", 7),
             "ibuprofen.doses_per_day", S::violation, V::violation},
            // a population's daily limit adds up too (age >= 65: the NSAID Beers warning is always there)
            {"65 y, ibuprofen 600 mg bid x2 = 2400 (at)", two("ibuprofen", 600, "bid", 7).age(65),
             "ibuprofen.age65.daily_max", silent, V::warning},
            {"65 y, ibuprofen 601 mg bid x2 = 2404 (above)", two("ibuprofen", 601, "bid", 7).age(65),
             "ibuprofen.age65.daily_max", S::warning, V::warning},
            // single-dose limits stay per administration
            {"ketorolac 20 mg daily x2: 20 mg per dose (at)", two("ketorolac", 20, "daily"),
             "ketorolac.single_max", silent, V::ok},
        });
    }

    TEST_CASE("a summed daily finding names every order that adds up") {
        const auto r = C().med("ketorolac", 10, "mg", "q6h", 5)
                           .med("ibuprofen", 200, "mg", "tid", 5)
                           .med("ketorolac", 10, "mg", "q6h", 5)
                           .check();
        const auto f = test::only(r, "ketorolac.daily_max");
        CHECK(f.actual == doctest::Approx(80));
        CHECK(f.order == 0);
        CHECK(f.orders == std::vector<int>{0, 2});
        CHECK(f.message.find(
                  "2 orders add up: medications[0] ketorolac 40 mg/day + medications[2] ketorolac 40 "
                  "mg/day") != std::string::npos);
        const auto one =
            test::only(C().med("ketorolac", 10.1, "mg", "q6h", 5).check(), "ketorolac.daily_max");
        CHECK(one.order == 0);
        CHECK(one.orders.empty());
    }
}
