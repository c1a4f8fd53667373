// Duloxetine (SNRI) and amitriptyline (TCA): dose limits, start doses, renal and hepatic rules, MAOI
// and CYP1A2 interactions, NSAID + SNRI bleeding, contraindications, cautions and Beers (seed 20, 30,
// 40, 50, 60). The default patient is 40 years old, CrCl 100, no hepatic impairment.
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

TEST_SUITE("clinical::antidepressants") {
    TEST_CASE("duloxetine: 60 mg per dose and per day (chronic musculoskeletal pain), 2 doses/day") {
        check_table({
            {"60 mg daily (at)", C().med("duloxetine", 60, "mg", "daily"), "duloxetine.single_max", silent,
             V::ok},
            {"59.9 mg daily (below)", C().med("duloxetine", 59.9, "mg", "daily"), "duloxetine.single_max",
             silent, V::ok},
            {"60.1 mg daily (above)", C().med("duloxetine", 60.1, "mg", "daily"), "duloxetine.single_max",
             S::violation, V::violation},
            {"30 mg bid = 60 (at)", C().med("cymbalta", 30, "mg", "bid"), "duloxetine.daily_max", silent,
             V::ok},
            {"29.9 mg bid (below)", C().med("duloxetine", 29.9, "mg", "bid"), "duloxetine.daily_max", silent,
             V::ok},
            {"30.1 mg bid = 60.2 (above)", C().med("duloxetine", 30.1, "mg", "bid"), "duloxetine.daily_max",
             S::violation, V::violation},
            {"120 mg daily (the depression dose) is above the pain limit",
             C().med("duloxetine", 120, "mg", "daily"), "duloxetine.daily_max", S::violation, V::violation},
            {"20 mg q12h = 2 doses (at)", C().med("duloxetine", 20, "mg", "q12h"), "duloxetine.doses_per_day",
             silent, V::ok},
            {"20 mg q13h (below)", C().med("duloxetine", 20, "mg", "q13h"), "duloxetine.doses_per_day",
             silent, V::ok},
            {"20 mg q11h = 2.2 doses (above)", C().med("duloxetine", 20, "mg", "q11h"),
             "duloxetine.doses_per_day", S::violation, V::violation},
            {"new 30 mg daily (at)", C().med("duloxetine", 30, "mg", "daily"), "duloxetine.start.daily",
             silent, V::ok},
            {"new 29.9 mg daily (below)", C().med("duloxetine", 29.9, "mg", "daily"),
             "duloxetine.start.daily", silent, V::ok},
            {"new 30.1 mg daily (above)", C().med("duloxetine", 30.1, "mg", "daily"),
             "duloxetine.start.daily", S::info, V::ok},
            {"continuing 60 mg daily", C().med("duloxetine", 60, "mg", "daily").continuing(),
             "duloxetine.start.daily", silent, V::ok},
        });
    }

    TEST_CASE("duloxetine titration written as phases: the start is its first phase") {
        // The label's titration starts at 30 mg for a week: no start finding, while the regimen's 60 mg
        // still meets the daily limit; a first phase above 30 is a start above it.
        check_table({
            {"30 mg x 7 days, then 60 mg (at)", C().sig("duloxetine 30 mg daily x 7 days, then 60 mg daily"),
             "duloxetine.start.daily", silent, V::ok},
            {"29.9 mg x 7 days, then 60 mg (below)",
             C().sig("duloxetine 29.9 mg daily x 7 days, then 60 mg daily"), "duloxetine.start.daily", silent,
             V::ok},
            {"30.1 mg x 7 days, then 60 mg (above)",
             C().sig("duloxetine 30.1 mg daily x 7 days, then 60 mg daily"), "duloxetine.start.daily",
             S::info, V::ok},
            {"60 mg x 7 days, then 30 mg: starts at 60",
             C().sig("duloxetine 60 mg daily x 7 days, then 30 mg daily"), "duloxetine.start.daily", S::info,
             V::ok},
            {"30 mg x 7 days, then 90 mg: the phase above the daily limit",
             C().sig("duloxetine 30 mg daily x 7 days, then 90 mg daily"), "duloxetine.daily_max",
             S::violation, V::violation},
        });
    }

    TEST_CASE("duloxetine: avoid with CrCl < 30 and with any hepatic impairment (violation)") {
        check_table({
            {"CrCl 30", C().crcl(30).med("duloxetine", 30, "mg", "daily"), "duloxetine.renal.crcl_lt30",
             silent, V::ok},
            {"CrCl 29.9", C().crcl(29.9).med("duloxetine", 30, "mg", "daily"), "duloxetine.renal.crcl_lt30",
             S::violation, V::violation},
            {"hepatic none", C().med("duloxetine", 30, "mg", "daily"), "duloxetine.hepatic", silent, V::ok},
            {"hepatic mild", C().hepatic(model::Hepatic::mild).med("duloxetine", 30, "mg", "daily"),
             "duloxetine.hepatic", S::violation, V::violation},
            {"hepatic moderate", C().hepatic(model::Hepatic::moderate).med("duloxetine", 30, "mg", "daily"),
             "duloxetine.hepatic", S::violation, V::violation},
            {"hepatic severe", C().hepatic(model::Hepatic::severe).med("duloxetine", 30, "mg", "daily"),
             "duloxetine.hepatic", S::violation, V::violation},
        });
    }

    TEST_CASE("duloxetine with an MAOI: contraindicated, either order") {
        const std::string rule = "duloxetine.maoi";
        for (const char* maoi : {"phenelzine", "selegiline", "linezolid"}) {
            const double dose = std::string(maoi) == "linezolid"    ? 600
                                : std::string(maoi) == "phenelzine" ? 15
                                                                    : 5;
            check_table({
                {std::string("duloxetine + ") + maoi,
                 C().med("duloxetine", 30, "mg", "daily").med(maoi, dose, "mg", "bid"), rule,
                 S::contraindicated, V::contraindicated},
                {std::string(maoi) + " + duloxetine",
                 C().med(maoi, dose, "mg", "bid").med("duloxetine", 30, "mg", "daily"), rule,
                 S::contraindicated, V::contraindicated},
            });
        }
    }

    TEST_CASE(
        "duloxetine with fluvoxamine or ciprofloxacin (strong CYP1A2 inhibitors): violation, either order") {
        const std::string rule = "duloxetine.strong_cyp1a2_inhibitor";
        check_table({
            {"duloxetine + ciprofloxacin",
             C().med("duloxetine", 30, "mg", "daily").med("ciprofloxacin", 500, "mg", "bid"), rule,
             S::violation, V::violation},
            {"ciprofloxacin + duloxetine",
             C().med("ciprofloxacin", 500, "mg", "bid").med("duloxetine", 30, "mg", "daily"), rule,
             S::violation, V::violation},
            {"duloxetine + fluvoxamine",
             C().med("duloxetine", 30, "mg", "daily").med("fluvoxamine", 50, "mg", "daily"), rule,
             S::violation, V::violation},
            {"fluvoxamine + duloxetine",
             C().med("fluvoxamine", 50, "mg", "daily").med("duloxetine", 30, "mg", "daily"), rule,
             S::violation, V::violation},
            {"duloxetine + sertraline: not a CYP1A2 inhibitor",
             C().med("duloxetine", 30, "mg", "daily").med("sertraline", 50, "mg", "daily"), rule, silent,
             V::warning},
        });
    }

    TEST_CASE("NSAID + SNRI: bleeding warning, either order") {
        const std::string rule = "nsaid.snri";
        check_table({
            {"ibuprofen + duloxetine",
             C().med("ibuprofen", 400, "mg", "tid").med("duloxetine", 30, "mg", "daily"), rule, S::warning,
             V::warning},
            {"duloxetine + ibuprofen",
             C().med("duloxetine", 30, "mg", "daily").med("ibuprofen", 400, "mg", "tid"), rule, S::warning,
             V::warning},
            {"celecoxib + duloxetine",
             C().med("celecoxib", 200, "mg", "daily").med("duloxetine", 30, "mg", "daily"), rule, S::warning,
             V::warning},
            {"duloxetine + naproxen",
             C().med("duloxetine", 30, "mg", "daily").med("naproxen", 250, "mg", "bid"), rule, S::warning,
             V::warning},
            {"duloxetine + acetaminophen: no NSAID",
             C().med("duloxetine", 30, "mg", "daily").med("acetaminophen", 500, "mg", "q6h"), rule, silent,
             V::ok},
        });
    }

    TEST_CASE("duloxetine cautions and Beers") {
        for (const char* condition :
             {"alcohol_use_disorder", "glaucoma", "hypertension", "urinary_retention", "seizure_disorder"}) {
            const std::string rule = std::string("duloxetine.caution.") + condition;
            check_table({
                {condition, C().condition(condition).med("duloxetine", 30, "mg", "daily"), rule, S::warning,
                 V::warning},
                {std::string("no ") + condition, C().med("duloxetine", 30, "mg", "daily"), rule, silent,
                 V::ok},
            });
        }
        check_table({
            {"depression (info)", C().condition("depression").med("duloxetine", 30, "mg", "daily"),
             "duloxetine.caution.depression", S::info, V::ok},
            {"70 y, falls", C().age(70).condition("falls_history").med("duloxetine", 30, "mg", "daily"),
             "duloxetine.beers.falls_history", S::warning, V::warning},
            {"65 y (info: hyponatraemia)", C().age(65).med("duloxetine", 30, "mg", "daily"),
             "duloxetine.beers.age65", S::info, V::ok},
            {"64 y", C().age(64).med("duloxetine", 30, "mg", "daily"), "duloxetine.beers.age65", silent,
             V::ok},
        });
    }

    TEST_CASE("amitriptyline: 100 mg per dose, 150 mg/day, 3 doses/day; new start 25 mg (info)") {
        check_table({
            {"100 mg qhs (at)", C().med("amitriptyline", 100, "mg", "qhs").continuing(),
             "amitriptyline.single_max", silent, V::ok},
            {"99.9 mg qhs (below)", C().med("amitriptyline", 99.9, "mg", "qhs").continuing(),
             "amitriptyline.single_max", silent, V::ok},
            {"100.1 mg qhs (above)", C().med("amitriptyline", 100.1, "mg", "qhs").continuing(),
             "amitriptyline.single_max", S::violation, V::violation},
            {"50 mg tid = 150 (at)", C().med("elavil", 50, "mg", "tid").continuing(),
             "amitriptyline.daily_max", silent, V::ok},
            {"49.9 mg tid (below)", C().med("amitriptyline", 49.9, "mg", "tid").continuing(),
             "amitriptyline.daily_max", silent, V::ok},
            {"50.1 mg tid = 150.3 (above)", C().med("amitriptyline", 50.1, "mg", "tid").continuing(),
             "amitriptyline.daily_max", S::violation, V::violation},
            {"10 mg q8h = 3 doses (at)", C().med("amitriptyline", 10, "mg", "q8h"),
             "amitriptyline.doses_per_day", silent, V::ok},
            {"10 mg q9h (below)", C().med("amitriptyline", 10, "mg", "q9h"), "amitriptyline.doses_per_day",
             silent, V::ok},
            {"10 mg q7h = 3.4 doses (above)", C().med("amitriptyline", 10, "mg", "q7h"),
             "amitriptyline.doses_per_day", S::violation, V::violation},
            {"new 25 mg qhs (at)", C().med("amitriptyline", 25, "mg", "qhs"), "amitriptyline.start.single",
             silent, V::ok},
            {"new 24.9 mg qhs (below)", C().med("amitriptyline", 24.9, "mg", "qhs"),
             "amitriptyline.start.single", silent, V::ok},
            {"new 25.1 mg qhs (above)", C().med("amitriptyline", 25.1, "mg", "qhs"),
             "amitriptyline.start.single", S::info, V::ok},
            {"new 12.5 mg bid = 25 (at)", C().med("amitriptyline", 12.5, "mg", "bid"),
             "amitriptyline.start.daily", silent, V::ok},
            {"new 12.6 mg bid = 25.2 (above)", C().med("amitriptyline", 12.6, "mg", "bid"),
             "amitriptyline.start.daily", S::info, V::ok},
        });
    }

    TEST_CASE("amitriptyline from 65: Beers warning, 10 mg start and 50 mg/day (warnings)") {
        check_table({
            {"64 y", C().age(64).med("amitriptyline", 10, "mg", "qhs"), "amitriptyline.beers.age65", silent,
             V::ok},
            {"65 y", C().age(65).med("amitriptyline", 10, "mg", "qhs"), "amitriptyline.beers.age65",
             S::warning, V::warning},
            {"65 y, new 10 mg qhs (at)", C().age(65).med("amitriptyline", 10, "mg", "qhs"),
             "amitriptyline.start.age65", silent, V::warning},
            {"65 y, new 9.9 mg qhs (below)", C().age(65).med("amitriptyline", 9.9, "mg", "qhs"),
             "amitriptyline.start.age65", silent, V::warning},
            {"65 y, new 10.1 mg qhs (above)", C().age(65).med("amitriptyline", 10.1, "mg", "qhs"),
             "amitriptyline.start.age65", S::warning, V::warning},
            {"65 y, continuing 25 mg bid = 50 (at)",
             C().age(65).med("amitriptyline", 25, "mg", "bid").continuing(), "amitriptyline.age65.daily_max",
             silent, V::warning},
            {"65 y, continuing 24.9 mg bid (below)",
             C().age(65).med("amitriptyline", 24.9, "mg", "bid").continuing(),
             "amitriptyline.age65.daily_max", silent, V::warning},
            {"65 y, continuing 25.1 mg bid = 50.2 (above)",
             C().age(65).med("amitriptyline", 25.1, "mg", "bid").continuing(),
             "amitriptyline.age65.daily_max", S::warning, V::warning},
            {"70 y, dementia", C().age(70).condition("dementia").med("amitriptyline", 10, "mg", "qhs"),
             "amitriptyline.beers.dementia", S::warning, V::warning},
            {"70 y, falls", C().age(70).condition("falls_history").med("amitriptyline", 10, "mg", "qhs"),
             "amitriptyline.beers.falls_history", S::warning, V::warning},
        });
    }

    TEST_CASE("amitriptyline: recent MI contraindicated; cardiac and other cautions; MAOI contraindicated") {
        check_table({
            {"recent MI", C().condition("recent_myocardial_infarction").med("amitriptyline", 10, "mg", "qhs"),
             "amitriptyline.contra.recent_myocardial_infarction", S::contraindicated, V::contraindicated},
            {"past MI: caution, not contraindicated",
             C().condition("myocardial_infarction").med("amitriptyline", 10, "mg", "qhs"),
             "amitriptyline.contra.recent_myocardial_infarction", silent, V::warning},
            {"no MI", C().med("amitriptyline", 10, "mg", "qhs"),
             "amitriptyline.contra.recent_myocardial_infarction", silent, V::ok},
            {"amitriptyline + phenelzine",
             C().med("amitriptyline", 10, "mg", "qhs").med("phenelzine", 15, "mg", "tid"),
             "amitriptyline.maoi", S::contraindicated, V::contraindicated},
            {"linezolid + amitriptyline",
             C().med("linezolid", 600, "mg", "bid").med("amitriptyline", 10, "mg", "qhs"),
             "amitriptyline.maoi", S::contraindicated, V::contraindicated},
            {"hepatic moderate", C().hepatic(model::Hepatic::moderate).med("amitriptyline", 10, "mg", "qhs"),
             "amitriptyline.hepatic", S::warning, V::warning},
        });
        for (const char* condition :
             {"arrhythmia", "heart_block", "heart_failure", "myocardial_infarction", "hyperthyroidism",
              "seizure_disorder", "glaucoma", "urinary_retention", "depression"}) {
            const std::string rule = std::string("amitriptyline.caution.") + condition;
            check_table({
                {condition, C().condition(condition).med("amitriptyline", 10, "mg", "qhs"), rule, S::warning,
                 V::warning},
                {std::string("no ") + condition, C().med("amitriptyline", 10, "mg", "qhs"), rule, silent,
                 V::ok},
            });
        }
    }
}
