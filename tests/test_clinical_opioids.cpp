// Opioids: single / daily / doses-per-day maxima, opioid-naive and population start doses, tramadol
// renal, hepatic and age > 75 limits, cautions, Beers and pregnancy (seed 20, 30, 40, 50).
// Verdicts include the MME finding of every case (>= 50 warning, >= 90 violation); maxima are
// tested on continuing regimens so that opioid-naive start warnings stay out of the way.
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

TEST_SUITE("clinical::opioids") {
    TEST_CASE("tramadol IR: 100 mg per dose, 400 mg/day, 6 doses/day") {
        check_table({
            {"100 mg bid (at; 40 MME)", C().med("tramadol", 100, "mg", "bid", 7).continuing(),
             "tramadol.single_max", silent, V::ok},
            {"99 mg bid (below)", C().med("tramadol", 99, "mg", "bid", 7).continuing(), "tramadol.single_max",
             silent, V::ok},
            {"101 mg bid (above)", C().med("tramadol", 101, "mg", "bid", 7).continuing(),
             "tramadol.single_max", S::violation, V::violation},
            {"100 mg q6h = 400 (at; 80 MME warning)", C().med("tramadol", 100, "mg", "q6h", 7).continuing(),
             "tramadol.daily_max", silent, V::warning},
            {"99 mg q6h = 396 (below)", C().med("tramadol", 99, "mg", "q6h", 7).continuing(),
             "tramadol.daily_max", silent, V::warning},
            {"67 mg q4h = 402 (above)", C().med("tramadol", 67, "mg", "q4h", 7).continuing(),
             "tramadol.daily_max", S::violation, V::violation},
            {"25 mg q4h = 6 doses (at)", C().med("tramadol", 25, "mg", "q4h", 7).continuing(),
             "tramadol.doses_per_day", silent, V::ok},
            {"25 mg q5h (below)", C().med("tramadol", 25, "mg", "q5h", 7).continuing(),
             "tramadol.doses_per_day", silent, V::ok},
            {"25 mg q3h = 8 doses (above)", C().med("tramadol", 25, "mg", "q3h", 7).continuing(),
             "tramadol.doses_per_day", S::violation, V::violation},
        });
    }

    TEST_CASE("tramadol IR new start: 50 mg per dose, 200 mg/day (warning); 25 mg from 65 (warning)") {
        check_table({
            {"new 50 mg q6h (at)", C().med("tramadol", 50, "mg", "q6h", 7), "tramadol.start.single", silent,
             V::ok},
            {"new 49 mg q6h (below)", C().med("tramadol", 49, "mg", "q6h", 7), "tramadol.start.single",
             silent, V::ok},
            {"new 51 mg q8h (above)", C().med("tramadol", 51, "mg", "q8h", 7), "tramadol.start.single",
             S::warning, V::warning},
            {"continuing 100 mg bid", C().med("tramadol", 100, "mg", "bid", 7).continuing(),
             "tramadol.start.single", silent, V::ok},
            {"new 50 mg q6h = 200 (at)", C().med("tramadol", 50, "mg", "q6h", 7), "tramadol.start.daily",
             silent, V::ok},
            {"new 50 mg q7h = 171 (below)", C().med("tramadol", 50, "mg", "q7h", 7), "tramadol.start.daily",
             silent, V::ok},
            {"new 50 mg q5h = 240 (above)", C().med("tramadol", 50, "mg", "q5h", 7), "tramadol.start.daily",
             S::warning, V::warning},
            // from 65 the tramadol Beers (hyponatraemia) warning is always there
            {"65 y, new 25 mg q6h (at)", C().age(65).med("tramadol", 25, "mg", "q6h", 7),
             "tramadol.start.age65", silent, V::warning},
            {"65 y, new 24 mg q6h (below)", C().age(65).med("tramadol", 24, "mg", "q6h", 7),
             "tramadol.start.age65", silent, V::warning},
            {"65 y, new 26 mg q6h (above)", C().age(65).med("tramadol", 26, "mg", "q6h", 7),
             "tramadol.start.age65", S::warning, V::warning},
            {"64 y, new 26 mg q6h", C().age(64).med("tramadol", 26, "mg", "q6h", 7), "tramadol.start.age65",
             silent, V::ok},
            {"70 y, continuing 50 mg q6h", C().age(70).med("tramadol", 50, "mg", "q6h", 7).continuing(),
             "tramadol.start.age65", silent, V::warning},
        });
    }

    TEST_CASE("tramadol IR older than 75: 300 mg/day") {
        check_table({
            {"76 y, 75 mg q6h = 300 (at; 60 MME)",
             C().age(76).med("tramadol", 75, "mg", "q6h", 7).continuing(), "tramadol.age_gt75.daily_max",
             silent, V::warning},
            {"76 y, 74 mg q6h = 296 (below)", C().age(76).med("tramadol", 74, "mg", "q6h", 7).continuing(),
             "tramadol.age_gt75.daily_max", silent, V::warning},
            {"76 y, 76 mg q6h = 304 (above)", C().age(76).med("tramadol", 76, "mg", "q6h", 7).continuing(),
             "tramadol.age_gt75.daily_max", S::violation, V::violation},
            {"75 y, 76 mg q6h", C().age(75).med("tramadol", 76, "mg", "q6h", 7).continuing(),
             "tramadol.age_gt75.daily_max", silent, V::warning},
        });
    }

    TEST_CASE("tramadol with CrCl < 30: IR q12h and 200 mg/day; ER not at all") {
        check_table({
            {"CrCl 29.9, 100 mg q12h = 200 (at)",
             C().crcl(29.9).med("tramadol", 100, "mg", "q12h", 7).continuing(),
             "tramadol.renal.crcl_lt30.daily_max", silent, V::ok},
            {"CrCl 29.9, 99 mg q12h (below)",
             C().crcl(29.9).med("tramadol", 99, "mg", "q12h", 7).continuing(),
             "tramadol.renal.crcl_lt30.daily_max", silent, V::ok},
            {"CrCl 29.9, 101 mg q12h = 202 (above)",
             C().crcl(29.9).med("tramadol", 101, "mg", "q12h", 7).continuing(),
             "tramadol.renal.crcl_lt30.daily_max", S::violation, V::violation},
            {"CrCl 30, 101 mg q12h (the adult 100 mg single maximum still applies)",
             C().crcl(30).med("tramadol", 101, "mg", "q12h", 7).continuing(),
             "tramadol.renal.crcl_lt30.daily_max", silent, V::violation},
            {"CrCl 20, 50 mg q12h = 2 doses (at)",
             C().crcl(20).med("tramadol", 50, "mg", "q12h", 7).continuing(),
             "tramadol.renal.crcl_lt30.doses_per_day", silent, V::ok},
            {"CrCl 20, 50 mg q13h (below)", C().crcl(20).med("tramadol", 50, "mg", "q13h", 7).continuing(),
             "tramadol.renal.crcl_lt30.doses_per_day", silent, V::ok},
            {"CrCl 20, 50 mg q8h = 3 doses (above)",
             C().crcl(20).med("tramadol", 50, "mg", "q8h", 7).continuing(),
             "tramadol.renal.crcl_lt30.doses_per_day", S::violation, V::violation},
            {"CrCl 30, 50 mg q8h", C().crcl(30).med("tramadol", 50, "mg", "q8h", 7).continuing(),
             "tramadol.renal.crcl_lt30.doses_per_day", silent, V::ok},
            {"CrCl 29.9, ER 100 mg daily",
             C().crcl(29.9).med("tramadol_er", 100, "mg", "daily", 7).continuing(),
             "tramadol_er.renal.crcl_lt30", S::violation, V::violation},
            {"CrCl 30, ER 100 mg daily", C().crcl(30).med("tramadol_er", 100, "mg", "daily", 7).continuing(),
             "tramadol_er.renal.crcl_lt30", silent, V::ok},
        });
    }

    TEST_CASE("tramadol and the liver: moderate caution; severe IR 50 mg q12h; severe ER not at all") {
        auto tram = [](model::Hepatic h, double dose, const char* frequency) {
            return C().hepatic(h).med("tramadol", dose, "mg", frequency, 7).continuing();
        };
        check_table({
            {"mild", tram(model::Hepatic::mild, 50, "q12h"), "tramadol.hepatic.moderate", silent, V::ok},
            {"moderate", tram(model::Hepatic::moderate, 50, "q12h"), "tramadol.hepatic.moderate", S::warning,
             V::warning},
            {"severe", tram(model::Hepatic::severe, 50, "q12h"), "tramadol.hepatic.moderate", silent, V::ok},
            {"severe, 50 mg q12h (at)", tram(model::Hepatic::severe, 50, "q12h"),
             "tramadol.hepatic.severe.single_max", silent, V::ok},
            {"severe, 49 mg q12h (below)", tram(model::Hepatic::severe, 49, "q12h"),
             "tramadol.hepatic.severe.single_max", silent, V::ok},
            {"severe, 51 mg q12h (above)", tram(model::Hepatic::severe, 51, "q12h"),
             "tramadol.hepatic.severe.single_max", S::violation, V::violation},
            {"moderate, 51 mg q12h", tram(model::Hepatic::moderate, 51, "q12h"),
             "tramadol.hepatic.severe.single_max", silent, V::warning},
            {"severe, 50 mg q12h = 100 (at)", tram(model::Hepatic::severe, 50, "q12h"),
             "tramadol.hepatic.severe.daily_max", silent, V::ok},
            {"severe, 49 mg q12h = 98 (below)", tram(model::Hepatic::severe, 49, "q12h"),
             "tramadol.hepatic.severe.daily_max", silent, V::ok},
            {"severe, 51 mg q12h = 102 (above)", tram(model::Hepatic::severe, 51, "q12h"),
             "tramadol.hepatic.severe.daily_max", S::violation, V::violation},
            {"severe, 25 mg q12h = 2 doses (at)", tram(model::Hepatic::severe, 25, "q12h"),
             "tramadol.hepatic.severe.doses_per_day", silent, V::ok},
            {"severe, 25 mg q13h (below)", tram(model::Hepatic::severe, 25, "q13h"),
             "tramadol.hepatic.severe.doses_per_day", silent, V::ok},
            {"severe, 25 mg q8h = 3 doses (above)", tram(model::Hepatic::severe, 25, "q8h"),
             "tramadol.hepatic.severe.doses_per_day", S::violation, V::violation},
            {"severe, ER 100 mg daily",
             C().hepatic(model::Hepatic::severe).med("tramadol_er", 100, "mg", "daily", 7).continuing(),
             "tramadol_er.hepatic.severe", S::violation, V::violation},
            {"moderate, ER 100 mg daily",
             C().hepatic(model::Hepatic::moderate).med("tramadol_er", 100, "mg", "daily", 7).continuing(),
             "tramadol_er.hepatic.severe", silent, V::ok},
        });
    }

    TEST_CASE("tramadol ER: 300 mg per dose and per day, once daily; new start 100 mg/day (warning)") {
        check_table({
            {"300 mg daily (at; 60 MME)", C().med("tramadol_er", 300, "mg", "daily", 7).continuing(),
             "tramadol_er.single_max", silent, V::warning},
            {"299 mg daily (below)", C().med("tramadol_er", 299, "mg", "daily", 7).continuing(),
             "tramadol_er.single_max", silent, V::warning},
            {"301 mg daily (above)", C().med("tramadol_er", 301, "mg", "daily", 7).continuing(),
             "tramadol_er.single_max", S::violation, V::violation},
            {"300 mg daily = 300 (at)", C().med("tramadol er", 300, "mg", "daily", 7).continuing(),
             "tramadol_er.daily_max", silent, V::warning},
            {"299 mg daily (below)", C().med("tramadol_er", 299, "mg", "daily", 7).continuing(),
             "tramadol_er.daily_max", silent, V::warning},
            {"301 mg daily (above)", C().med("tramadol_er", 301, "mg", "daily", 7).continuing(),
             "tramadol_er.daily_max", S::violation, V::violation},
            {"100 mg q24h (at)", C().med("tramadol_er", 100, "mg", "q24h", 7).continuing(),
             "tramadol_er.doses_per_day", silent, V::ok},
            {"100 mg q25h (below)", C().med("tramadol_er", 100, "mg", "q25h", 7).continuing(),
             "tramadol_er.doses_per_day", silent, V::ok},
            {"100 mg q23h (above)", C().med("tramadol_er", 100, "mg", "q23h", 7).continuing(),
             "tramadol_er.doses_per_day", S::violation, V::violation},
            {"new 100 mg daily (at)", C().med("tramadol_er", 100, "mg", "daily", 7),
             "tramadol_er.start.daily", silent, V::ok},
            {"new 99 mg daily (below)", C().med("tramadol_er", 99, "mg", "daily", 7),
             "tramadol_er.start.daily", silent, V::ok},
            {"new 101 mg daily (above)", C().med("tramadol_er", 101, "mg", "daily", 7),
             "tramadol_er.start.daily", S::warning, V::warning},
        });
    }

    TEST_CASE("tramadol + tramadol ER: one daily total of 400 mg") {
        check_table({
            {"IR 50 q6h + ER 200 daily = 400 (at; 80 MME)",
             C().med("tramadol", 50, "mg", "q6h", 7)
                 .continuing()
                 .med("tramadol_er", 200, "mg", "daily", 7)
                 .continuing(),
             "tramadol.cumulative.daily_max", silent, V::warning},
            {"IR 49 q6h + ER 200 daily = 396 (below)",
             C().med("tramadol", 49, "mg", "q6h", 7)
                 .continuing()
                 .med("tramadol_er", 200, "mg", "daily", 7)
                 .continuing(),
             "tramadol.cumulative.daily_max", silent, V::warning},
            {"IR 51 q6h + ER 200 daily = 404 (above)",
             C().med("tramadol", 51, "mg", "q6h", 7)
                 .continuing()
                 .med("tramadol_er", 200, "mg", "daily", 7)
                 .continuing(),
             "tramadol.cumulative.daily_max", S::violation, V::violation},
        });
    }

    TEST_CASE("codeine: 60 mg per dose, 360 mg/day, 6 doses/day; start 30 mg / 180 mg/day; 15 mg from 65") {
        check_table({
            {"60 mg q6h (at)", C().med("codeine", 60, "mg", "q6h", 7).continuing(), "codeine.single_max",
             silent, V::ok},
            {"59 mg q6h (below)", C().med("codeine", 59, "mg", "q6h", 7).continuing(), "codeine.single_max",
             silent, V::ok},
            {"61 mg q6h (above)", C().med("codeine", 61, "mg", "q6h", 7).continuing(), "codeine.single_max",
             S::violation, V::violation},
            {"60 mg q4h = 360 (at; 54 MME)", C().med("codeine", 60, "mg", "q4h", 7).continuing(),
             "codeine.daily_max", silent, V::warning},
            {"59 mg q4h = 354 (below)", C().med("codeine", 59, "mg", "q4h", 7).continuing(),
             "codeine.daily_max", silent, V::warning},
            {"61 mg q4h = 366 (above)", C().med("codeine", 61, "mg", "q4h", 7).continuing(),
             "codeine.daily_max", S::violation, V::violation},
            {"15 mg q4h (at)", C().med("codeine", 15, "mg", "q4h", 7).continuing(), "codeine.doses_per_day",
             silent, V::ok},
            {"15 mg q5h (below)", C().med("codeine", 15, "mg", "q5h", 7).continuing(),
             "codeine.doses_per_day", silent, V::ok},
            {"15 mg q3h (above)", C().med("codeine", 15, "mg", "q3h", 7).continuing(),
             "codeine.doses_per_day", S::violation, V::violation},
            {"new 30 mg q6h (at)", C().med("codeine", 30, "mg", "q6h", 7), "codeine.start.single", silent,
             V::ok},
            {"new 29 mg q6h (below)", C().med("codeine", 29, "mg", "q6h", 7), "codeine.start.single", silent,
             V::ok},
            {"new 31 mg q6h (above)", C().med("codeine", 31, "mg", "q6h", 7), "codeine.start.single",
             S::warning, V::warning},
            {"new 30 mg q4h = 180 (at)", C().med("codeine", 30, "mg", "q4h", 7), "codeine.start.daily",
             silent, V::ok},
            {"new 29 mg q4h = 174 (below)", C().med("codeine", 29, "mg", "q4h", 7), "codeine.start.daily",
             silent, V::ok},
            {"new 31 mg q4h = 186 (above)", C().med("codeine", 31, "mg", "q4h", 7), "codeine.start.daily",
             S::warning, V::warning},
            {"65 y, new 15 mg q6h (at)", C().age(65).med("codeine", 15, "mg", "q6h", 7),
             "codeine.start.age65", silent, V::ok},
            {"65 y, new 14 mg q6h (below)", C().age(65).med("codeine", 14, "mg", "q6h", 7),
             "codeine.start.age65", silent, V::ok},
            {"65 y, new 16 mg q6h (above)", C().age(65).med("codeine", 16, "mg", "q6h", 7),
             "codeine.start.age65", S::warning, V::warning},
            {"64 y, new 16 mg q6h", C().age(64).med("codeine", 16, "mg", "q6h", 7), "codeine.start.age65",
             silent, V::ok},
        });
    }

    TEST_CASE("hydrocodone (IR): 10 mg per dose, 60 mg/day, 6 doses/day; start 5 mg / 30 mg/day") {
        check_table({
            {"10 mg q6h (at)", C().med("hydrocodone", 10, "mg", "q6h", 7).continuing(),
             "hydrocodone.single_max", silent, V::ok},
            {"9.9 mg q6h (below)", C().med("hydrocodone", 9.9, "mg", "q6h", 7).continuing(),
             "hydrocodone.single_max", silent, V::ok},
            {"11 mg q6h (above)", C().med("hydrocodone", 11, "mg", "q6h", 7).continuing(),
             "hydrocodone.single_max", S::violation, V::violation},
            {"10 mg q4h = 60 (at; 60 MME)", C().med("hydrocodone", 10, "mg", "q4h", 7).continuing(),
             "hydrocodone.daily_max", silent, V::warning},
            {"9.9 mg q4h (below)", C().med("hydrocodone", 9.9, "mg", "q4h", 7).continuing(),
             "hydrocodone.daily_max", silent, V::warning},
            {"10.1 mg q4h = 60.6 (above)", C().med("hydrocodone", 10.1, "mg", "q4h", 7).continuing(),
             "hydrocodone.daily_max", S::violation, V::violation},
            {"2.5 mg q4h (at)", C().med("hydrocodone", 2.5, "mg", "q4h", 7).continuing(),
             "hydrocodone.doses_per_day", silent, V::ok},
            {"2.5 mg q5h (below)", C().med("hydrocodone", 2.5, "mg", "q5h", 7).continuing(),
             "hydrocodone.doses_per_day", silent, V::ok},
            {"2.5 mg q3h (above)", C().med("hydrocodone", 2.5, "mg", "q3h", 7).continuing(),
             "hydrocodone.doses_per_day", S::violation, V::violation},
            {"new 5 mg q6h (at)", C().med("hydrocodone", 5, "mg", "q6h", 7), "hydrocodone.start.single",
             silent, V::ok},
            {"new 4.9 mg q6h (below)", C().med("hydrocodone", 4.9, "mg", "q6h", 7),
             "hydrocodone.start.single", silent, V::ok},
            {"new 5.1 mg q6h (above)", C().med("hydrocodone", 5.1, "mg", "q6h", 7),
             "hydrocodone.start.single", S::warning, V::warning},
            {"new 5 mg q4h = 30 (at)", C().med("hydrocodone", 5, "mg", "q4h", 7), "hydrocodone.start.daily",
             silent, V::ok},
            {"new 4.9 mg q4h (below)", C().med("hydrocodone", 4.9, "mg", "q4h", 7), "hydrocodone.start.daily",
             silent, V::ok},
            {"new 5.1 mg q4h = 30.6 (above)", C().med("hydrocodone", 5.1, "mg", "q4h", 7),
             "hydrocodone.start.daily", S::warning, V::warning},
        });
    }

    TEST_CASE("oxycodone IR: 6 doses/day; start 5 mg / 30 mg/day") {
        check_table({
            {"5 mg q4h (at; 45 MME)", C().med("oxycodone", 5, "mg", "q4h", 7).continuing(),
             "oxycodone.doses_per_day", silent, V::ok},
            {"5 mg q5h (below)", C().med("oxycodone", 5, "mg", "q5h", 7).continuing(),
             "oxycodone.doses_per_day", silent, V::ok},
            {"5 mg q3h (above; 60 MME)", C().med("oxycodone", 5, "mg", "q3h", 7).continuing(),
             "oxycodone.doses_per_day", S::violation, V::violation},
            {"new 5 mg q6h (at)", C().med("oxycodone", 5, "mg", "q6h", 7), "oxycodone.start.single", silent,
             V::ok},
            {"new 4.9 mg q6h (below)", C().med("oxycodone", 4.9, "mg", "q6h", 7), "oxycodone.start.single",
             silent, V::ok},
            {"new 5.1 mg q6h (above)", C().med("oxycodone", 5.1, "mg", "q6h", 7), "oxycodone.start.single",
             S::warning, V::warning},
            {"new 5 mg q4h = 30 (at)", C().med("oxycodone", 5, "mg", "q4h", 7), "oxycodone.start.daily",
             silent, V::ok},
            {"new 4.9 mg q4h (below)", C().med("oxycodone", 4.9, "mg", "q4h", 7), "oxycodone.start.daily",
             silent, V::ok},
            {"new 5.1 mg q4h = 30.6 (above)", C().med("oxycodone", 5.1, "mg", "q4h", 7),
             "oxycodone.start.daily", S::warning, V::warning},
        });
    }

    TEST_CASE("oxycodone ER: 40 mg per dose below the opioid-tolerant strengths; q12h; start 10 mg q12h") {
        // Above 40 mg: see the report (seed severity warning vs contract "above a maximum" = violation).
        check_table({
            {"40 mg daily (at; 60 MME)", C().med("oxycodone_er", 40, "mg", "daily", 7).continuing(),
             "oxycodone_er.single_max", silent, V::warning},
            {"39 mg daily (below)", C().med("oxycodone_er", 39, "mg", "daily", 7).continuing(),
             "oxycodone_er.single_max", silent, V::warning},
            {"10 mg q12h (at)", C().med("oxycontin", 10, "mg", "q12h", 7).continuing(),
             "oxycodone_er.doses_per_day", silent, V::ok},
            {"10 mg q13h (below)", C().med("oxycodone_er", 10, "mg", "q13h", 7).continuing(),
             "oxycodone_er.doses_per_day", silent, V::ok},
            {"10 mg q8h (above)", C().med("oxycodone_er", 10, "mg", "q8h", 7).continuing(),
             "oxycodone_er.doses_per_day", S::violation, V::violation},
            {"new 10 mg q12h (at)", C().med("oxycodone_er", 10, "mg", "q12h", 7), "oxycodone_er.start.single",
             silent, V::ok},
            {"new 9 mg q12h (below)", C().med("oxycodone_er", 9, "mg", "q12h", 7),
             "oxycodone_er.start.single", silent, V::ok},
            {"new 11 mg daily (above)", C().med("oxycodone_er", 11, "mg", "daily", 7),
             "oxycodone_er.start.single", S::warning, V::warning},
            {"new 10 mg q12h = 20 (at)", C().med("oxycodone_er", 10, "mg", "q12h", 7),
             "oxycodone_er.start.daily", silent, V::ok},
            {"new 9.9 mg q12h (below)", C().med("oxycodone_er", 9.9, "mg", "q12h", 7),
             "oxycodone_er.start.daily", silent, V::ok},
            {"new 10.1 mg q12h = 20.2 (above)", C().med("oxycodone_er", 10.1, "mg", "q12h", 7),
             "oxycodone_er.start.daily", S::warning, V::warning},
        });
    }

    TEST_CASE("morphine IR: 6 doses/day; start 15 mg / 60 mg/day; 7.5 mg from 65") {
        check_table({
            {"5 mg q4h (at)", C().med("morphine", 5, "mg", "q4h", 7).continuing(), "morphine.doses_per_day",
             silent, V::ok},
            {"5 mg q5h (below)", C().med("morphine", 5, "mg", "q5h", 7).continuing(),
             "morphine.doses_per_day", silent, V::ok},
            {"5 mg q3h (above)", C().med("morphine", 5, "mg", "q3h", 7).continuing(),
             "morphine.doses_per_day", S::violation, V::violation},
            {"new 15 mg q8h (at)", C().med("morphine", 15, "mg", "q8h", 7), "morphine.start.single", silent,
             V::ok},
            {"new 14.9 mg q8h (below)", C().med("morphine", 14.9, "mg", "q8h", 7), "morphine.start.single",
             silent, V::ok},
            {"new 15.1 mg q8h (above)", C().med("morphine", 15.1, "mg", "q8h", 7), "morphine.start.single",
             S::warning, V::warning},
            {"new 10 mg q4h = 60 (at; 60 MME)", C().med("morphine", 10, "mg", "q4h", 7),
             "morphine.start.daily", silent, V::warning},
            {"new 9.9 mg q4h (below)", C().med("morphine", 9.9, "mg", "q4h", 7), "morphine.start.daily",
             silent, V::warning},
            {"new 10.1 mg q4h = 60.6 (above)", C().med("morphine", 10.1, "mg", "q4h", 7),
             "morphine.start.daily", S::warning, V::warning},
            {"65 y, new 7.5 mg q6h (at)", C().age(65).med("morphine", 7.5, "mg", "q6h", 7),
             "morphine.start.age65", silent, V::ok},
            {"65 y, new 7.4 mg q6h (below)", C().age(65).med("morphine", 7.4, "mg", "q6h", 7),
             "morphine.start.age65", silent, V::ok},
            {"65 y, new 7.6 mg q6h (above)", C().age(65).med("morphine", 7.6, "mg", "q6h", 7),
             "morphine.start.age65", S::warning, V::warning},
            {"64 y, new 7.6 mg q6h", C().age(64).med("morphine", 7.6, "mg", "q6h", 7), "morphine.start.age65",
             silent, V::ok},
        });
    }

    TEST_CASE("morphine ER: 3 doses/day; start 15 mg / 30 mg/day") {
        check_table({
            {"15 mg q8h (at)", C().med("morphine_er", 15, "mg", "q8h", 7).continuing(),
             "morphine_er.doses_per_day", silent, V::ok},
            {"15 mg q9h (below)", C().med("morphine_er", 15, "mg", "q9h", 7).continuing(),
             "morphine_er.doses_per_day", silent, V::ok},
            {"15 mg q7h (above; 51 MME)", C().med("ms contin", 15, "mg", "q7h", 7).continuing(),
             "morphine_er.doses_per_day", S::violation, V::violation},
            {"new 15 mg q12h (at)", C().med("morphine_er", 15, "mg", "q12h", 7), "morphine_er.start.single",
             silent, V::ok},
            {"new 14.9 mg q12h (below)", C().med("morphine_er", 14.9, "mg", "q12h", 7),
             "morphine_er.start.single", silent, V::ok},
            {"new 15.1 mg daily (above)", C().med("morphine_er", 15.1, "mg", "daily", 7),
             "morphine_er.start.single", S::warning, V::warning},
            {"new 10 mg q8h = 30 (at)", C().med("morphine_er", 10, "mg", "q8h", 7), "morphine_er.start.daily",
             silent, V::ok},
            {"new 9.9 mg q8h (below)", C().med("morphine_er", 9.9, "mg", "q8h", 7), "morphine_er.start.daily",
             silent, V::ok},
            {"new 10.1 mg q8h = 30.3 (above)", C().med("morphine_er", 10.1, "mg", "q8h", 7),
             "morphine_er.start.daily", S::warning, V::warning},
        });
    }

    TEST_CASE("hydromorphone: 4 mg per dose, 6 doses/day; start 2 mg / 12 mg/day; 1 mg from 65") {
        check_table({
            {"4 mg bid (at; 40 MME)", C().med("hydromorphone", 4, "mg", "bid", 7).continuing(),
             "hydromorphone.single_max", silent, V::ok},
            {"3.9 mg bid (below)", C().med("hydromorphone", 3.9, "mg", "bid", 7).continuing(),
             "hydromorphone.single_max", silent, V::ok},
            {"4.1 mg bid (above)", C().med("dilaudid", 4.1, "mg", "bid", 7).continuing(),
             "hydromorphone.single_max", S::violation, V::violation},
            {"1 mg q4h (at)", C().med("hydromorphone", 1, "mg", "q4h", 7).continuing(),
             "hydromorphone.doses_per_day", silent, V::ok},
            {"1 mg q5h (below)", C().med("hydromorphone", 1, "mg", "q5h", 7).continuing(),
             "hydromorphone.doses_per_day", silent, V::ok},
            {"1 mg q3h (above)", C().med("hydromorphone", 1, "mg", "q3h", 7).continuing(),
             "hydromorphone.doses_per_day", S::violation, V::violation},
            {"new 2 mg q6h (at)", C().med("hydromorphone", 2, "mg", "q6h", 7), "hydromorphone.start.single",
             silent, V::ok},
            {"new 1.9 mg q6h (below)", C().med("hydromorphone", 1.9, "mg", "q6h", 7),
             "hydromorphone.start.single", silent, V::ok},
            {"new 2.1 mg q6h (above)", C().med("hydromorphone", 2.1, "mg", "q6h", 7),
             "hydromorphone.start.single", S::warning, V::warning},
            {"new 2 mg q4h = 12 (at; 60 MME)", C().med("hydromorphone", 2, "mg", "q4h", 7),
             "hydromorphone.start.daily", silent, V::warning},
            {"new 1.9 mg q4h (below)", C().med("hydromorphone", 1.9, "mg", "q4h", 7),
             "hydromorphone.start.daily", silent, V::warning},
            {"new 2.1 mg q4h = 12.6 (above)", C().med("hydromorphone", 2.1, "mg", "q4h", 7),
             "hydromorphone.start.daily", S::warning, V::warning},
            {"65 y, new 1 mg q6h (at)", C().age(65).med("hydromorphone", 1, "mg", "q6h", 7),
             "hydromorphone.start.age65", silent, V::ok},
            {"65 y, new 0.9 mg q6h (below)", C().age(65).med("hydromorphone", 0.9, "mg", "q6h", 7),
             "hydromorphone.start.age65", silent, V::ok},
            {"65 y, new 1.1 mg q6h (above)", C().age(65).med("hydromorphone", 1.1, "mg", "q6h", 7),
             "hydromorphone.start.age65", S::warning, V::warning},
            {"64 y, new 1.1 mg q6h", C().age(64).med("hydromorphone", 1.1, "mg", "q6h", 7),
             "hydromorphone.start.age65", silent, V::ok},
        });
    }

    TEST_CASE("new opioids with hepatic impairment: start low (warning)") {
        struct Start {
            const char* drug;
            double dose;
            const char* frequency;
            const char* rule;
        };
        for (const Start& s : {Start{"oxycodone", 5, "q6h", "oxycodone.hepatic.start"},
                               Start{"oxycodone_er", 10, "q12h", "oxycodone.hepatic.start"},
                               Start{"hydromorphone", 1, "q6h", "hydromorphone.hepatic.start"},
                               Start{"morphine", 5, "q6h", "morphine.hepatic.start"},
                               Start{"morphine_er", 15, "q12h", "morphine.hepatic.start"},
                               Start{"codeine", 15, "q6h", "codeine.hepatic.start"},
                               Start{"hydrocodone", 5, "q6h", "hydrocodone.hepatic.start"}}) {
            check_table({
                {std::string(s.drug) + ", none", C().med(s.drug, s.dose, "mg", s.frequency, 7), s.rule,
                 silent, V::ok},
                {std::string(s.drug) + ", mild",
                 C().hepatic(model::Hepatic::mild).med(s.drug, s.dose, "mg", s.frequency, 7), s.rule,
                 S::warning, V::warning},
                {std::string(s.drug) + ", moderate",
                 C().hepatic(model::Hepatic::moderate).med(s.drug, s.dose, "mg", s.frequency, 7), s.rule,
                 S::warning, V::warning},
                {std::string(s.drug) + ", severe",
                 C().hepatic(model::Hepatic::severe).med(s.drug, s.dose, "mg", s.frequency, 7), s.rule,
                 S::warning, V::warning},
                {std::string(s.drug) + ", severe, continuing",
                 C().hepatic(model::Hepatic::severe).med(s.drug, s.dose, "mg", s.frequency, 7).continuing(),
                 s.rule, silent, V::ok},
            });
        }
    }

    TEST_CASE("opioid cautions by condition") {
        const std::vector<std::pair<std::string, std::string>> cautions{
            {"sleep_apnea", "opioid.caution.sleep_apnea"},
            {"copd", "opioid.caution.copd"},
            {"opioid_use_disorder", "opioid.caution.opioid_use_disorder"},
            {"substance_use_disorder", "opioid.caution.substance_use_disorder"},
            {"alcohol_use_disorder", "opioid.caution.alcohol_use_disorder"},
        };
        for (const auto& [condition, rule] : cautions) {
            check_table({
                {condition + ", new oxycodone 5 mg q6h",
                 C().condition(condition).med("oxycodone", 5, "mg", "q6h", 7), rule, S::warning, V::warning},
                {condition + ", new tramadol 50 mg q6h",
                 C().condition(condition).med("tramadol", 50, "mg", "q6h", 7), rule, S::warning, V::warning},
                {"no " + condition, C().med("oxycodone", 5, "mg", "q6h", 7), rule, silent, V::ok},
            });
        }
        check_table({
            {"OUD, continuing oxycodone: the new-opioid rule does not apply",
             C().condition("opioid_use_disorder").med("oxycodone", 5, "mg", "q6h", 7).continuing(),
             "opioid.caution.opioid_use_disorder", silent, V::ok},
            {"COPD, continuing oxycodone",
             C().condition("copd").med("oxycodone", 5, "mg", "q6h", 7).continuing(), "opioid.caution.copd",
             S::warning, V::warning},
            {"seizure disorder, tramadol",
             C().condition("seizure_disorder").med("tramadol", 50, "mg", "q6h", 7),
             "tramadol.caution.seizure_disorder", S::warning, V::warning},
            {"seizure disorder, oxycodone",
             C().condition("seizure_disorder").med("oxycodone", 5, "mg", "q6h", 7),
             "tramadol.caution.seizure_disorder", silent, V::ok},
            {"depression, tramadol", C().condition("depression").med("tramadol", 50, "mg", "q6h", 7),
             "tramadol.caution.depression", S::warning, V::warning},
            {"depression, tramadol ER", C().condition("depression").med("tramadol_er", 100, "mg", "daily", 7),
             "tramadol.caution.depression", S::warning, V::warning},
            {"depression, oxycodone", C().condition("depression").med("oxycodone", 5, "mg", "q6h", 7),
             "tramadol.caution.depression", silent, V::ok},
        });
    }

    TEST_CASE("opioids from 65: Beers falls history; tramadol hyponatraemia") {
        check_table({
            {"65 y, falls, oxycodone",
             C().age(65).condition("falls_history").med("oxycodone", 5, "mg", "q6h", 7),
             "opioid.beers.falls_history", S::warning, V::warning},
            {"64 y, falls, oxycodone",
             C().age(64).condition("falls_history").med("oxycodone", 5, "mg", "q6h", 7),
             "opioid.beers.falls_history", silent, V::ok},
            {"80 y, no falls, oxycodone", C().age(80).med("oxycodone", 5, "mg", "q6h", 7),
             "opioid.beers.falls_history", silent, V::ok},
            {"64 y, tramadol", C().age(64).med("tramadol", 25, "mg", "q6h", 7), "tramadol.beers.age65",
             silent, V::ok},
            {"65 y, tramadol", C().age(65).med("tramadol", 25, "mg", "q6h", 7), "tramadol.beers.age65",
             S::warning, V::warning},
            {"65 y, tramadol ER", C().age(65).med("tramadol_er", 100, "mg", "daily", 7),
             "tramadol.beers.age65", S::warning, V::warning},
            {"65 y, oxycodone", C().age(65).med("oxycodone", 5, "mg", "q6h", 7), "tramadol.beers.age65",
             silent, V::ok},
        });
    }

    TEST_CASE("opioids in pregnancy: neonatal opioid withdrawal warning at any week") {
        check_table({
            {"not pregnant", C().sex(model::Sex::female).med("oxycodone", 5, "mg", "q6h", 7),
             "opioid.pregnancy", silent, V::ok},
            {"0 weeks", C().sex(model::Sex::female).pregnancy(0).med("oxycodone", 5, "mg", "q6h", 7),
             "opioid.pregnancy", S::warning, V::warning},
            {"12 weeks", C().sex(model::Sex::female).pregnancy(12).med("tramadol", 50, "mg", "q6h", 7),
             "opioid.pregnancy", S::warning, V::warning},
            {"36 weeks", C().sex(model::Sex::female).pregnancy(36).med("hydrocodone", 5, "mg", "q6h", 7),
             "opioid.pregnancy", S::warning, V::warning},
        });
    }

    TEST_CASE("opioids for acute low back pain: 7 days at most (warning)") {
        check_table({
            {"oxycodone 5 mg q6h x 7 days (at)", C().med("oxycodone", 5, "mg", "q6h", 7),
             "opioid.duration_max.acute_low_back_pain", silent, V::ok},
            {"oxycodone 5 mg q6h x 6 days (below)", C().med("oxycodone", 5, "mg", "q6h", 6),
             "opioid.duration_max.acute_low_back_pain", silent, V::ok},
            {"oxycodone 5 mg q6h x 8 days (above)", C().med("oxycodone", 5, "mg", "q6h", 8),
             "opioid.duration_max.acute_low_back_pain", S::warning, V::warning},
            {"tramadol 50 mg q6h, duration not stated", C().med("tramadol", 50, "mg", "q6h"),
             "opioid.duration_max.acute_low_back_pain", S::warning, V::warning},
            {"chronic low back pain, oxycodone x 30 days",
             C().indication("chronic_low_back_pain").med("oxycodone", 5, "mg", "q6h", 30),
             "opioid.duration_max.acute_low_back_pain", silent, V::ok},
            {"acetaminophen x 30 days (not an opioid)", C().med("acetaminophen", 500, "mg", "q6h", 30),
             "opioid.duration_max.acute_low_back_pain", silent, V::ok},
        });
    }
}
