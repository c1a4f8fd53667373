// Cyclobenzaprine IR and ER: dose limits, duration, start doses (adult, age >= 65, mild hepatic),
// hepatic bands, the IR + ER daily total, contraindications, cautions and Beers (seed 20, 30, 40, 50).
// Orders carry a 7-day course unless the row is about duration.
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

TEST_SUITE("clinical::cyclobenzaprine") {
    TEST_CASE("cyclobenzaprine IR: 10 mg per dose, 30 mg/day, 3 doses/day, 21 days") {
        check_table({
            {"10 mg tid (at)", C().med("cyclobenzaprine", 10, "mg", "tid", 7), "cyclobenzaprine.single_max",
             silent, V::ok},
            {"9.9 mg tid (below)", C().med("cyclobenzaprine", 9.9, "mg", "tid", 7),
             "cyclobenzaprine.single_max", silent, V::ok},
            {"10.1 mg bid (above)", C().med("cyclobenzaprine", 10.1, "mg", "bid", 7),
             "cyclobenzaprine.single_max", S::violation, V::violation},
            {"10 mg tid = 30 (at)", C().med("flexeril", 10, "mg", "tid", 7), "cyclobenzaprine.daily_max",
             silent, V::ok},
            {"9.9 mg tid = 29.7 (below)", C().med("cyclobenzaprine", 9.9, "mg", "tid", 7),
             "cyclobenzaprine.daily_max", silent, V::ok},
            {"10.1 mg tid = 30.3 (above)", C().med("cyclobenzaprine", 10.1, "mg", "tid", 7),
             "cyclobenzaprine.daily_max", S::violation, V::violation},
            {"5 mg q8h = 3 doses (at)", C().med("cyclobenzaprine", 5, "mg", "q8h", 7),
             "cyclobenzaprine.doses_per_day", silent, V::ok},
            {"5 mg q9h (below)", C().med("cyclobenzaprine", 5, "mg", "q9h", 7),
             "cyclobenzaprine.doses_per_day", silent, V::ok},
            {"5 mg q7h = 3.4 doses (above)", C().med("cyclobenzaprine", 5, "mg", "q7h", 7),
             "cyclobenzaprine.doses_per_day", S::violation, V::violation},
            {"5 mg tid x 21 days (at)", C().med("cyclobenzaprine", 5, "mg", "tid", 21),
             "cyclobenzaprine.duration_max", silent, V::ok},
            {"5 mg tid x 20 days (below)", C().med("cyclobenzaprine", 5, "mg", "tid", 20),
             "cyclobenzaprine.duration_max", silent, V::ok},
            {"5 mg tid x 22 days (above)", C().med("cyclobenzaprine", 5, "mg", "tid", 22),
             "cyclobenzaprine.duration_max", S::violation, V::violation},
            {"5 mg tid, duration not stated", C().med("cyclobenzaprine", 5, "mg", "tid"),
             "cyclobenzaprine.duration_max", S::warning, V::warning},
            // A sig's quantity dispensed ("#63") lasts 21 days at 1 tablet 3 times a day.
            {"sig 1 tab tid #63 = 21 days (at)", C().sig("cyclobenzaprine 5 mg tablet 1 tab po tid #63"),
             "cyclobenzaprine.duration_max", silent, V::ok},
            {"sig 1 tab tid #60 = 20 days (below)", C().sig("cyclobenzaprine 5 mg tablet 1 tab po tid #60"),
             "cyclobenzaprine.duration_max", silent, V::ok},
            {"sig 1 tab tid disp 66 = 22 days (above)",
             C().sig("cyclobenzaprine 5 mg tablet 1 tab po tid disp 66"), "cyclobenzaprine.duration_max",
             S::violation, V::violation},
            {"sig 1 tab tid prn #90: as needed, the quantity bounds nothing",
             C().sig("cyclobenzaprine 5 mg tablet 1 tab po tid prn #90"), "cyclobenzaprine.duration_max",
             S::warning, V::warning},
        });
    }

    TEST_CASE("cyclobenzaprine IR new start: 10 mg adult (info); 5 mg from 65 (violation)") {
        check_table({
            {"new 10 mg tid (at)", C().med("cyclobenzaprine", 10, "mg", "tid", 7),
             "cyclobenzaprine.start.single", silent, V::ok},
            {"new 9.9 mg tid (below)", C().med("cyclobenzaprine", 9.9, "mg", "tid", 7),
             "cyclobenzaprine.start.single", silent, V::ok},
            {"new 10.1 mg bid (above; also the single maximum)",
             C().med("cyclobenzaprine", 10.1, "mg", "bid", 7), "cyclobenzaprine.start.single", S::info,
             V::violation},
            {"continuing 10.1 mg bid", C().med("cyclobenzaprine", 10.1, "mg", "bid", 7).continuing(),
             "cyclobenzaprine.start.single", silent, V::violation},
            // age >= 65 always carries the Beers warning
            {"65 y, new 5 mg tid (at)", C().age(65).med("cyclobenzaprine", 5, "mg", "tid", 7),
             "cyclobenzaprine.start.age65", silent, V::warning},
            {"65 y, new 4.9 mg tid (below)", C().age(65).med("cyclobenzaprine", 4.9, "mg", "tid", 7),
             "cyclobenzaprine.start.age65", silent, V::warning},
            {"65 y, new 5.1 mg tid (above)", C().age(65).med("cyclobenzaprine", 5.1, "mg", "tid", 7),
             "cyclobenzaprine.start.age65", S::violation, V::violation},
            {"72 y, new 10 mg tid", C().age(72).med("cyclobenzaprine", 10, "mg", "tid", 7),
             "cyclobenzaprine.start.age65", S::violation, V::violation},
            {"64 y, new 10 mg tid", C().age(64).med("cyclobenzaprine", 10, "mg", "tid", 7),
             "cyclobenzaprine.start.age65", silent, V::ok},
            {"70 y, continuing 10 mg tid",
             C().age(70).med("cyclobenzaprine", 10, "mg", "tid", 7).continuing(),
             "cyclobenzaprine.start.age65", silent, V::warning},
        });
    }

    TEST_CASE("cyclobenzaprine IR from 65: Beers warning, allowed with a 5 mg start") {
        check_table({
            {"64 y", C().age(64).med("cyclobenzaprine", 5, "mg", "tid", 7), "cyclobenzaprine.beers.age65",
             silent, V::ok},
            {"65 y", C().age(65).med("cyclobenzaprine", 5, "mg", "tid", 7), "cyclobenzaprine.beers.age65",
             S::warning, V::warning},
            {"85 y", C().age(85).med("cyclobenzaprine", 5, "mg", "tid", 7), "cyclobenzaprine.beers.age65",
             S::warning, V::warning},
            {"65 y, ER: the ER rule, not this one",
             C().age(65).med("cyclobenzaprine_er", 15, "mg", "daily", 7), "cyclobenzaprine.beers.age65",
             silent, V::violation},
        });
    }

    TEST_CASE(
        "cyclobenzaprine ER: 30 mg per dose and per day, once daily, 21 days; new start 15 mg/day (info)") {
        check_table({
            {"30 mg daily (at)", C().med("cyclobenzaprine_er", 30, "mg", "daily", 7),
             "cyclobenzaprine_er.single_max", silent, V::ok},
            {"29.9 mg daily (below)", C().med("cyclobenzaprine_er", 29.9, "mg", "daily", 7),
             "cyclobenzaprine_er.single_max", silent, V::ok},
            {"30.1 mg daily (above)", C().med("cyclobenzaprine_er", 30.1, "mg", "daily", 7),
             "cyclobenzaprine_er.single_max", S::violation, V::violation},
            {"30 mg daily = 30 (at)", C().med("amrix", 30, "mg", "daily", 7), "cyclobenzaprine_er.daily_max",
             silent, V::ok},
            {"29.9 mg daily (below)", C().med("cyclobenzaprine_er", 29.9, "mg", "daily", 7),
             "cyclobenzaprine_er.daily_max", silent, V::ok},
            {"30.1 mg daily (above)", C().med("cyclobenzaprine_er", 30.1, "mg", "daily", 7),
             "cyclobenzaprine_er.daily_max", S::violation, V::violation},
            {"15 mg q24h = 1 dose (at)", C().med("cyclobenzaprine_er", 15, "mg", "q24h", 7),
             "cyclobenzaprine_er.doses_per_day", silent, V::ok},
            {"15 mg q25h (below)", C().med("cyclobenzaprine_er", 15, "mg", "q25h", 7),
             "cyclobenzaprine_er.doses_per_day", silent, V::ok},
            {"15 mg q23h = 1.04 doses (above)", C().med("cyclobenzaprine_er", 15, "mg", "q23h", 7),
             "cyclobenzaprine_er.doses_per_day", S::violation, V::violation},
            {"15 mg daily x 21 days (at)", C().med("cyclobenzaprine_er", 15, "mg", "daily", 21),
             "cyclobenzaprine_er.duration_max", silent, V::ok},
            {"15 mg daily x 20 days (below)", C().med("cyclobenzaprine_er", 15, "mg", "daily", 20),
             "cyclobenzaprine_er.duration_max", silent, V::ok},
            {"15 mg daily x 22 days (above)", C().med("cyclobenzaprine_er", 15, "mg", "daily", 22),
             "cyclobenzaprine_er.duration_max", S::violation, V::violation},
            {"15 mg daily, duration not stated", C().med("cyclobenzaprine_er", 15, "mg", "daily"),
             "cyclobenzaprine_er.duration_max", S::warning, V::warning},
            {"new 15 mg daily (at)", C().med("cyclobenzaprine_er", 15, "mg", "daily", 7),
             "cyclobenzaprine_er.start.daily", silent, V::ok},
            {"new 14.9 mg daily (below)", C().med("cyclobenzaprine_er", 14.9, "mg", "daily", 7),
             "cyclobenzaprine_er.start.daily", silent, V::ok},
            {"new 15.1 mg daily (above)", C().med("cyclobenzaprine_er", 15.1, "mg", "daily", 7),
             "cyclobenzaprine_er.start.daily", S::info, V::ok},
            {"continuing 30 mg daily", C().med("cyclobenzaprine_er", 30, "mg", "daily", 7).continuing(),
             "cyclobenzaprine_er.start.daily", silent, V::ok},
        });
    }

    TEST_CASE("cyclobenzaprine ER from 65 and with any hepatic impairment: not recommended") {
        check_table({
            {"64 y", C().age(64).med("cyclobenzaprine_er", 15, "mg", "daily", 7), "cyclobenzaprine_er.age65",
             silent, V::ok},
            {"65 y", C().age(65).med("cyclobenzaprine_er", 15, "mg", "daily", 7), "cyclobenzaprine_er.age65",
             S::violation, V::violation},
            {"hepatic none",
             C().hepatic(model::Hepatic::none).med("cyclobenzaprine_er", 15, "mg", "daily", 7),
             "cyclobenzaprine_er.hepatic", silent, V::ok},
            {"hepatic mild",
             C().hepatic(model::Hepatic::mild).med("cyclobenzaprine_er", 15, "mg", "daily", 7),
             "cyclobenzaprine_er.hepatic", S::violation, V::violation},
            {"hepatic moderate",
             C().hepatic(model::Hepatic::moderate).med("cyclobenzaprine_er", 15, "mg", "daily", 7),
             "cyclobenzaprine_er.hepatic", S::violation, V::violation},
            {"hepatic severe",
             C().hepatic(model::Hepatic::severe).med("cyclobenzaprine_er", 15, "mg", "daily", 7),
             "cyclobenzaprine_er.hepatic", S::violation, V::violation},
        });
    }

    TEST_CASE("cyclobenzaprine IR and the liver: mild start 5 mg; moderate or severe not recommended") {
        check_table({
            {"mild, new 5 mg tid (at)",
             C().hepatic(model::Hepatic::mild).med("cyclobenzaprine", 5, "mg", "tid", 7),
             "cyclobenzaprine.start.hepatic_mild", silent, V::ok},
            {"mild, new 4.9 mg tid (below)",
             C().hepatic(model::Hepatic::mild).med("cyclobenzaprine", 4.9, "mg", "tid", 7),
             "cyclobenzaprine.start.hepatic_mild", silent, V::ok},
            {"mild, new 5.1 mg tid (above)",
             C().hepatic(model::Hepatic::mild).med("cyclobenzaprine", 5.1, "mg", "tid", 7),
             "cyclobenzaprine.start.hepatic_mild", S::violation, V::violation},
            {"mild, continuing 7.5 mg tid",
             C().hepatic(model::Hepatic::mild).med("cyclobenzaprine", 7.5, "mg", "tid", 7).continuing(),
             "cyclobenzaprine.start.hepatic_mild", silent, V::ok},
            {"none, new 7.5 mg tid", C().med("cyclobenzaprine", 7.5, "mg", "tid", 7),
             "cyclobenzaprine.start.hepatic_mild", silent, V::ok},
            {"moderate, new 5.1 mg tid: the moderate/severe rule instead",
             C().hepatic(model::Hepatic::moderate).med("cyclobenzaprine", 5.1, "mg", "tid", 7),
             "cyclobenzaprine.start.hepatic_mild", silent, V::violation},
            {"mild", C().hepatic(model::Hepatic::mild).med("cyclobenzaprine", 5, "mg", "tid", 7),
             "cyclobenzaprine.hepatic.moderate_severe", silent, V::ok},
            {"moderate", C().hepatic(model::Hepatic::moderate).med("cyclobenzaprine", 5, "mg", "tid", 7),
             "cyclobenzaprine.hepatic.moderate_severe", S::violation, V::violation},
            {"severe", C().hepatic(model::Hepatic::severe).med("cyclobenzaprine", 5, "mg", "tid", 7),
             "cyclobenzaprine.hepatic.moderate_severe", S::violation, V::violation},
        });
    }

    TEST_CASE("cyclobenzaprine IR + ER: one daily total of 30 mg") {
        check_table({
            {"IR 5 mg tid + ER 15 mg daily = 30 (at)",
             C().med("cyclobenzaprine", 5, "mg", "tid", 7).med("cyclobenzaprine_er", 15, "mg", "daily", 7),
             "cyclobenzaprine.cumulative.daily_max", silent, V::ok},
            {"IR 4.9 mg tid + ER 15 mg daily = 29.7 (below)",
             C().med("cyclobenzaprine", 4.9, "mg", "tid", 7).med("cyclobenzaprine_er", 15, "mg", "daily", 7),
             "cyclobenzaprine.cumulative.daily_max", silent, V::ok},
            {"IR 5.1 mg tid + ER 15 mg daily = 30.3 (above)",
             C().med("cyclobenzaprine", 5.1, "mg", "tid", 7).med("cyclobenzaprine_er", 15, "mg", "daily", 7),
             "cyclobenzaprine.cumulative.daily_max", S::violation, V::violation},
        });
    }

    TEST_CASE("cyclobenzaprine (IR and ER) contraindications: hyperthyroidism, recent MI, arrhythmia, heart "
              "block, heart failure") {
        for (const char* condition : {"hyperthyroidism", "recent_myocardial_infarction", "arrhythmia",
                                      "heart_block", "heart_failure"}) {
            const std::string rule = std::string("cyclobenzaprine.contra.") + condition;
            check_table({
                {std::string(condition) + ", IR 5 mg tid",
                 C().condition(condition).med("cyclobenzaprine", 5, "mg", "tid", 7), rule, S::contraindicated,
                 V::contraindicated},
                {std::string(condition) + ", ER 15 mg daily",
                 C().condition(condition).med("cyclobenzaprine_er", 15, "mg", "daily", 7), rule,
                 S::contraindicated, V::contraindicated},
                {std::string("no ") + condition, C().med("cyclobenzaprine", 5, "mg", "tid", 7), rule, silent,
                 V::ok},
            });
        }
    }

    TEST_CASE("cyclobenzaprine cautions: past MI, glaucoma, urinary retention, seizure disorder") {
        for (const char* condition :
             {"myocardial_infarction", "glaucoma", "urinary_retention", "seizure_disorder"}) {
            const std::string rule = std::string("cyclobenzaprine.caution.") + condition;
            check_table({
                {std::string(condition) + ", IR",
                 C().condition(condition).med("cyclobenzaprine", 5, "mg", "tid", 7), rule, S::warning,
                 V::warning},
                {std::string(condition) + ", ER",
                 C().condition(condition).med("cyclobenzaprine_er", 15, "mg", "daily", 7), rule, S::warning,
                 V::warning},
                {std::string("no ") + condition, C().med("cyclobenzaprine", 5, "mg", "tid", 7), rule, silent,
                 V::ok},
            });
        }
    }

    TEST_CASE("cyclobenzaprine in an older adult with dementia or falls: Beers warning") {
        for (const char* condition : {"dementia", "falls_history"}) {
            const std::string rule = std::string("cyclobenzaprine.beers.") + condition;
            check_table({
                {std::string(condition) + ", 70 y",
                 C().age(70).condition(condition).med("cyclobenzaprine", 5, "mg", "tid", 7), rule, S::warning,
                 V::warning},
                {std::string("no ") + condition + ", 70 y",
                 C().age(70).med("cyclobenzaprine", 5, "mg", "tid", 7), rule, silent, V::warning},
            });
        }
    }
}
