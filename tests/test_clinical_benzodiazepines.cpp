// Benzodiazepines: single / daily / doses-per-day maxima, start doses (adult, age >= 65, hepatic),
// elderly maxima, hepatic bands, cautions, Beers and pregnancy (seed 20, 30, 40, 50). Maxima are
// tested on continuing regimens so that start-dose warnings stay out of the way; diazepam orders
// carry a 7-day course (its 14-day policy limit is tested on its own).
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

TEST_SUITE("clinical::benzodiazepines") {
    TEST_CASE("diazepam: 10 mg per dose, 40 mg/day, 4 doses/day, 14 days (warning)") {
        check_table({
            {"10 mg bid (at)", C().med("diazepam", 10, "mg", "bid", 7).continuing(), "diazepam.single_max",
             silent, V::ok},
            {"9.9 mg bid (below)", C().med("diazepam", 9.9, "mg", "bid", 7).continuing(),
             "diazepam.single_max", silent, V::ok},
            {"10.1 mg bid (above)", C().med("diazepam", 10.1, "mg", "bid", 7).continuing(),
             "diazepam.single_max", S::violation, V::violation},
            {"10 mg q6h = 40 (at)", C().med("valium", 10, "mg", "q6h", 7).continuing(), "diazepam.daily_max",
             silent, V::ok},
            {"9.9 mg q6h (below)", C().med("diazepam", 9.9, "mg", "q6h", 7).continuing(),
             "diazepam.daily_max", silent, V::ok},
            {"10.1 mg q6h = 40.4 (above)", C().med("diazepam", 10.1, "mg", "q6h", 7).continuing(),
             "diazepam.daily_max", S::violation, V::violation},
            {"2 mg q6h = 4 doses (at)", C().med("diazepam", 2, "mg", "q6h", 7).continuing(),
             "diazepam.doses_per_day", silent, V::ok},
            {"2 mg q7h (below)", C().med("diazepam", 2, "mg", "q7h", 7).continuing(),
             "diazepam.doses_per_day", silent, V::ok},
            {"2 mg q5h = 4.8 doses (above)", C().med("diazepam", 2, "mg", "q5h", 7).continuing(),
             "diazepam.doses_per_day", S::violation, V::violation},
            {"2 mg bid x 14 days (at)", C().med("diazepam", 2, "mg", "bid", 14).continuing(),
             "diazepam.duration_max", silent, V::ok},
            {"2 mg bid x 13 days (below)", C().med("diazepam", 2, "mg", "bid", 13).continuing(),
             "diazepam.duration_max", silent, V::ok},
            {"2 mg bid x 15 days (above)", C().med("diazepam", 2, "mg", "bid", 15).continuing(),
             "diazepam.duration_max", S::warning, V::warning},
            {"2 mg bid, duration not stated", C().med("diazepam", 2, "mg", "bid").continuing(),
             "diazepam.duration_max", S::warning, V::warning},
        });
    }

    TEST_CASE("diazepam new start: 2 mg per dose, 10 mg/day (warning); from 65: 5 mg/day start, 10 mg/day "
              "maximum") {
        check_table({
            {"new 2 mg bid (at)", C().med("diazepam", 2, "mg", "bid", 7), "diazepam.start.single", silent,
             V::ok},
            {"new 1.9 mg bid (below)", C().med("diazepam", 1.9, "mg", "bid", 7), "diazepam.start.single",
             silent, V::ok},
            {"new 2.1 mg bid (above)", C().med("diazepam", 2.1, "mg", "bid", 7), "diazepam.start.single",
             S::warning, V::warning},
            // a daily start above 10 mg needs a single dose above the 2 mg start: both warnings
            {"new 5 mg bid = 10 (at)", C().med("diazepam", 5, "mg", "bid", 7), "diazepam.start.daily", silent,
             V::warning},
            {"new 4.9 mg bid (below)", C().med("diazepam", 4.9, "mg", "bid", 7), "diazepam.start.daily",
             silent, V::warning},
            {"new 5.1 mg bid = 10.2 (above)", C().med("diazepam", 5.1, "mg", "bid", 7),
             "diazepam.start.daily", S::warning, V::warning},
            // 65+: Beers warning always; 2.5 mg is also above the adult 2 mg start (warning)
            {"65 y, new 2.5 mg bid = 5 (at)", C().age(65).med("diazepam", 2.5, "mg", "bid", 7),
             "diazepam.start.age65.daily", silent, V::warning},
            {"65 y, new 2 mg bid = 4 (below)", C().age(65).med("diazepam", 2, "mg", "bid", 7),
             "diazepam.start.age65.daily", silent, V::warning},
            {"64 y, new 3 mg bid = 6", C().age(64).med("diazepam", 3, "mg", "bid", 7),
             "diazepam.start.age65.daily", silent, V::warning},
            {"65 y, 5 mg bid = 10 (at)", C().age(65).med("diazepam", 5, "mg", "bid", 7).continuing(),
             "diazepam.age65.daily_max", silent, V::warning},
            {"65 y, 4.9 mg bid (below)", C().age(65).med("diazepam", 4.9, "mg", "bid", 7).continuing(),
             "diazepam.age65.daily_max", silent, V::warning},
            {"65 y, 5.1 mg bid = 10.2 (above)", C().age(65).med("diazepam", 5.1, "mg", "bid", 7).continuing(),
             "diazepam.age65.daily_max", S::violation, V::violation},
            {"64 y, 5.1 mg bid", C().age(64).med("diazepam", 5.1, "mg", "bid", 7).continuing(),
             "diazepam.age65.daily_max", silent, V::ok},
        });
    }

    TEST_CASE("diazepam: hepatic mild/moderate reduce, severe contraindicated; sleep apnea contraindicated") {
        auto dzp = [](model::Hepatic h) { return C().hepatic(h).med("diazepam", 2, "mg", "bid", 7); };
        check_table({
            {"none", dzp(model::Hepatic::none), "diazepam.hepatic.mild_moderate", silent, V::ok},
            {"mild", dzp(model::Hepatic::mild), "diazepam.hepatic.mild_moderate", S::warning, V::warning},
            {"moderate", dzp(model::Hepatic::moderate), "diazepam.hepatic.mild_moderate", S::warning,
             V::warning},
            {"moderate", dzp(model::Hepatic::moderate), "diazepam.hepatic.severe", silent, V::warning},
            {"severe", dzp(model::Hepatic::severe), "diazepam.hepatic.severe", S::contraindicated,
             V::contraindicated},
            {"severe", dzp(model::Hepatic::severe), "diazepam.hepatic.mild_moderate", silent,
             V::contraindicated},
            {"sleep apnea", C().condition("sleep_apnea").med("diazepam", 2, "mg", "bid", 7),
             "diazepam.contra.sleep_apnea", S::contraindicated, V::contraindicated},
            {"no sleep apnea", C().med("diazepam", 2, "mg", "bid", 7), "diazepam.contra.sleep_apnea", silent,
             V::ok},
        });
    }

    TEST_CASE("lorazepam: 2 mg per dose, 10 mg/day, 3 doses/day; start 0.5 mg / 2 mg/day") {
        check_table({
            {"2 mg bid (at)", C().med("lorazepam", 2, "mg", "bid").continuing(), "lorazepam.single_max",
             silent, V::ok},
            {"1.9 mg bid (below)", C().med("lorazepam", 1.9, "mg", "bid").continuing(),
             "lorazepam.single_max", silent, V::ok},
            {"2.1 mg bid (above)", C().med("ativan", 2.1, "mg", "bid").continuing(), "lorazepam.single_max",
             S::violation, V::violation},
            // 10 mg/day needs a single dose above 2 mg: the single maximum fires on every row
            {"5 mg bid = 10 (at)", C().med("lorazepam", 5, "mg", "bid").continuing(), "lorazepam.daily_max",
             silent, V::violation},
            {"4.9 mg bid (below)", C().med("lorazepam", 4.9, "mg", "bid").continuing(), "lorazepam.daily_max",
             silent, V::violation},
            {"5.1 mg bid = 10.2 (above)", C().med("lorazepam", 5.1, "mg", "bid").continuing(),
             "lorazepam.daily_max", S::violation, V::violation},
            {"0.5 mg q8h (at)", C().med("lorazepam", 0.5, "mg", "q8h").continuing(),
             "lorazepam.doses_per_day", silent, V::ok},
            {"0.5 mg q9h (below)", C().med("lorazepam", 0.5, "mg", "q9h").continuing(),
             "lorazepam.doses_per_day", silent, V::ok},
            {"0.5 mg q7h (above)", C().med("lorazepam", 0.5, "mg", "q7h").continuing(),
             "lorazepam.doses_per_day", S::violation, V::violation},
            {"new 0.5 mg bid (at)", C().med("lorazepam", 0.5, "mg", "bid"), "lorazepam.start.single", silent,
             V::ok},
            {"new 0.4 mg bid (below)", C().med("lorazepam", 0.4, "mg", "bid"), "lorazepam.start.single",
             silent, V::ok},
            {"new 0.6 mg bid (above)", C().med("lorazepam", 0.6, "mg", "bid"), "lorazepam.start.single",
             S::warning, V::warning},
            {"new 1 mg bid = 2 (at)", C().med("lorazepam", 1, "mg", "bid"), "lorazepam.start.daily", silent,
             V::warning},
            {"new 0.9 mg bid (below)", C().med("lorazepam", 0.9, "mg", "bid"), "lorazepam.start.daily",
             silent, V::warning},
            {"new 1.1 mg bid = 2.2 (above)", C().med("lorazepam", 1.1, "mg", "bid"), "lorazepam.start.daily",
             S::warning, V::warning},
        });
    }

    TEST_CASE("lorazepam: hepatic caution; sleep apnea caution") {
        check_table({
            {"none", C().med("lorazepam", 0.5, "mg", "bid"), "lorazepam.hepatic", silent, V::ok},
            {"mild", C().hepatic(model::Hepatic::mild).med("lorazepam", 0.5, "mg", "bid"),
             "lorazepam.hepatic", S::warning, V::warning},
            {"moderate", C().hepatic(model::Hepatic::moderate).med("lorazepam", 0.5, "mg", "bid"),
             "lorazepam.hepatic", S::warning, V::warning},
            {"severe", C().hepatic(model::Hepatic::severe).med("lorazepam", 0.5, "mg", "bid"),
             "lorazepam.hepatic", S::warning, V::warning},
            {"sleep apnea", C().condition("sleep_apnea").med("lorazepam", 0.5, "mg", "bid"),
             "lorazepam.caution.sleep_apnea", S::warning, V::warning},
        });
    }

    TEST_CASE("alprazolam: 1 mg per dose, 4 mg/day, 4 doses/day; start 0.25 mg / 0.75 mg/day") {
        check_table({
            {"1 mg bid (at)", C().med("alprazolam", 1, "mg", "bid").continuing(), "alprazolam.single_max",
             silent, V::ok},
            {"0.9 mg bid (below)", C().med("alprazolam", 0.9, "mg", "bid").continuing(),
             "alprazolam.single_max", silent, V::ok},
            {"1.1 mg bid (above)", C().med("xanax", 1.1, "mg", "bid").continuing(), "alprazolam.single_max",
             S::violation, V::violation},
            {"1 mg q6h = 4 (at)", C().med("alprazolam", 1, "mg", "q6h").continuing(), "alprazolam.daily_max",
             silent, V::ok},
            {"0.9 mg q6h (below)", C().med("alprazolam", 0.9, "mg", "q6h").continuing(),
             "alprazolam.daily_max", silent, V::ok},
            {"1.1 mg q6h = 4.4 (above)", C().med("alprazolam", 1.1, "mg", "q6h").continuing(),
             "alprazolam.daily_max", S::violation, V::violation},
            {"0.25 mg q6h (at)", C().med("alprazolam", 0.25, "mg", "q6h").continuing(),
             "alprazolam.doses_per_day", silent, V::ok},
            {"0.25 mg q7h (below)", C().med("alprazolam", 0.25, "mg", "q7h").continuing(),
             "alprazolam.doses_per_day", silent, V::ok},
            {"0.25 mg q5h (above)", C().med("alprazolam", 0.25, "mg", "q5h").continuing(),
             "alprazolam.doses_per_day", S::violation, V::violation},
            {"new 0.25 mg tid (at)", C().med("alprazolam", 0.25, "mg", "tid"), "alprazolam.start.single",
             silent, V::ok},
            {"new 0.2 mg tid (below)", C().med("alprazolam", 0.2, "mg", "tid"), "alprazolam.start.single",
             silent, V::ok},
            {"new 0.3 mg bid (above)", C().med("alprazolam", 0.3, "mg", "bid"), "alprazolam.start.single",
             S::warning, V::warning},
            {"new 0.25 mg tid = 0.75 (at)", C().med("alprazolam", 0.25, "mg", "tid"),
             "alprazolam.start.daily", silent, V::ok},
            {"new 0.25 mg q9h = 0.67 (below)", C().med("alprazolam", 0.25, "mg", "q9h"),
             "alprazolam.start.daily", silent, V::ok},
            {"new 0.25 mg q6h = 1.0 (above)", C().med("alprazolam", 0.25, "mg", "q6h"),
             "alprazolam.start.daily", S::warning, V::warning},
        });
    }

    TEST_CASE("alprazolam with hepatic impairment: new start 0.25 mg per dose and 0.75 mg/day (violation)") {
        check_table({
            {"mild, new 0.25 mg tid (at)",
             C().hepatic(model::Hepatic::mild).med("alprazolam", 0.25, "mg", "tid"),
             "alprazolam.start.hepatic", silent, V::ok},
            {"mild, new 0.2 mg tid (below)",
             C().hepatic(model::Hepatic::mild).med("alprazolam", 0.2, "mg", "tid"),
             "alprazolam.start.hepatic", silent, V::ok},
            {"mild, new 0.3 mg bid (above)",
             C().hepatic(model::Hepatic::mild).med("alprazolam", 0.3, "mg", "bid"),
             "alprazolam.start.hepatic", S::violation, V::violation},
            {"severe, new 0.3 mg bid",
             C().hepatic(model::Hepatic::severe).med("alprazolam", 0.3, "mg", "bid"),
             "alprazolam.start.hepatic", S::violation, V::violation},
            {"none, new 0.3 mg bid", C().med("alprazolam", 0.3, "mg", "bid"), "alprazolam.start.hepatic",
             silent, V::warning},
            {"mild, continuing 0.5 mg bid",
             C().hepatic(model::Hepatic::mild).med("alprazolam", 0.5, "mg", "bid").continuing(),
             "alprazolam.start.hepatic", silent, V::ok},
            {"mild, new 0.25 mg tid = 0.75 (at)",
             C().hepatic(model::Hepatic::mild).med("alprazolam", 0.25, "mg", "tid"),
             "alprazolam.start.hepatic.daily", silent, V::ok},
            {"mild, new 0.25 mg q9h (below)",
             C().hepatic(model::Hepatic::mild).med("alprazolam", 0.25, "mg", "q9h"),
             "alprazolam.start.hepatic.daily", silent, V::ok},
            {"moderate, new 0.25 mg q6h = 1.0 (above)",
             C().hepatic(model::Hepatic::moderate).med("alprazolam", 0.25, "mg", "q6h"),
             "alprazolam.start.hepatic.daily", S::violation, V::violation},
        });
    }

    TEST_CASE("alprazolam and clonazepam from 65: 0.75 and 2 mg/day") {
        check_table({
            {"65 y, alprazolam 0.25 mg tid (at)",
             C().age(65).med("alprazolam", 0.25, "mg", "tid").continuing(), "alprazolam.age65.daily_max",
             silent, V::warning},
            {"65 y, alprazolam 0.25 mg q9h (below)",
             C().age(65).med("alprazolam", 0.25, "mg", "q9h").continuing(), "alprazolam.age65.daily_max",
             silent, V::warning},
            {"65 y, alprazolam 0.25 mg q6h = 1.0 (above)",
             C().age(65).med("alprazolam", 0.25, "mg", "q6h").continuing(), "alprazolam.age65.daily_max",
             S::violation, V::violation},
            {"64 y, alprazolam 0.25 mg q6h", C().age(64).med("alprazolam", 0.25, "mg", "q6h").continuing(),
             "alprazolam.age65.daily_max", silent, V::ok},
            {"65 y, clonazepam 1 mg bid = 2 (at)", C().age(65).med("clonazepam", 1, "mg", "bid").continuing(),
             "clonazepam.age65.daily_max", silent, V::warning},
            {"65 y, clonazepam 0.9 mg bid (below)",
             C().age(65).med("clonazepam", 0.9, "mg", "bid").continuing(), "clonazepam.age65.daily_max",
             silent, V::warning},
            {"65 y, clonazepam 1.1 mg bid = 2.2 (above)",
             C().age(65).med("clonazepam", 1.1, "mg", "bid").continuing(), "clonazepam.age65.daily_max",
             S::violation, V::violation},
            {"64 y, clonazepam 1.1 mg bid", C().age(64).med("clonazepam", 1.1, "mg", "bid").continuing(),
             "clonazepam.age65.daily_max", silent, V::ok},
        });
    }

    TEST_CASE("clonazepam: 2 mg per dose, 4 mg/day, 3 doses/day; start 0.25 mg / 0.5 mg/day") {
        check_table({
            {"2 mg bid (at)", C().med("clonazepam", 2, "mg", "bid").continuing(), "clonazepam.single_max",
             silent, V::ok},
            {"1.9 mg bid (below)", C().med("clonazepam", 1.9, "mg", "bid").continuing(),
             "clonazepam.single_max", silent, V::ok},
            {"2.1 mg daily (above)", C().med("klonopin", 2.1, "mg", "daily").continuing(),
             "clonazepam.single_max", S::violation, V::violation},
            {"2 mg bid = 4 (at)", C().med("clonazepam", 2, "mg", "bid").continuing(), "clonazepam.daily_max",
             silent, V::ok},
            {"1.3 mg tid = 3.9 (below)", C().med("clonazepam", 1.3, "mg", "tid").continuing(),
             "clonazepam.daily_max", silent, V::ok},
            {"1.4 mg tid = 4.2 (above)", C().med("clonazepam", 1.4, "mg", "tid").continuing(),
             "clonazepam.daily_max", S::violation, V::violation},
            {"0.5 mg q8h (at)", C().med("clonazepam", 0.5, "mg", "q8h").continuing(),
             "clonazepam.doses_per_day", silent, V::ok},
            {"0.5 mg q9h (below)", C().med("clonazepam", 0.5, "mg", "q9h").continuing(),
             "clonazepam.doses_per_day", silent, V::ok},
            {"0.5 mg q7h (above)", C().med("clonazepam", 0.5, "mg", "q7h").continuing(),
             "clonazepam.doses_per_day", S::violation, V::violation},
            {"new 0.25 mg bid (at)", C().med("clonazepam", 0.25, "mg", "bid"), "clonazepam.start.single",
             silent, V::ok},
            {"new 0.2 mg bid (below)", C().med("clonazepam", 0.2, "mg", "bid"), "clonazepam.start.single",
             silent, V::ok},
            {"new 0.3 mg daily (above)", C().med("clonazepam", 0.3, "mg", "daily"), "clonazepam.start.single",
             S::warning, V::warning},
            {"new 0.25 mg bid = 0.5 (at)", C().med("clonazepam", 0.25, "mg", "bid"), "clonazepam.start.daily",
             silent, V::ok},
            {"new 0.25 mg q13h (below)", C().med("clonazepam", 0.25, "mg", "q13h"), "clonazepam.start.daily",
             silent, V::ok},
            {"new 0.25 mg tid = 0.75 (above)", C().med("clonazepam", 0.25, "mg", "tid"),
             "clonazepam.start.daily", S::warning, V::warning},
        });
    }

    TEST_CASE("clonazepam and the liver: mild caution, moderate/severe contraindicated") {
        auto clz = [](model::Hepatic h) { return C().hepatic(h).med("clonazepam", 0.25, "mg", "bid"); };
        check_table({
            {"none", clz(model::Hepatic::none), "clonazepam.hepatic.mild", silent, V::ok},
            {"mild", clz(model::Hepatic::mild), "clonazepam.hepatic.mild", S::warning, V::warning},
            {"mild", clz(model::Hepatic::mild), "clonazepam.hepatic.moderate_severe", silent, V::warning},
            {"moderate", clz(model::Hepatic::moderate), "clonazepam.hepatic.moderate_severe",
             S::contraindicated, V::contraindicated},
            {"severe", clz(model::Hepatic::severe), "clonazepam.hepatic.moderate_severe", S::contraindicated,
             V::contraindicated},
            {"moderate", clz(model::Hepatic::moderate), "clonazepam.hepatic.mild", silent,
             V::contraindicated},
        });
    }

    TEST_CASE("benzodiazepine sleep apnea: diazepam contraindicated, the others a caution") {
        check_table({
            {"alprazolam", C().condition("sleep_apnea").med("alprazolam", 0.25, "mg", "tid"),
             "alprazolam.caution.sleep_apnea", S::warning, V::warning},
            {"clonazepam", C().condition("sleep_apnea").med("clonazepam", 0.25, "mg", "bid"),
             "clonazepam.caution.sleep_apnea", S::warning, V::warning},
            {"lorazepam", C().condition("sleep_apnea").med("lorazepam", 0.5, "mg", "bid"),
             "lorazepam.caution.sleep_apnea", S::warning, V::warning},
            {"diazepam", C().condition("sleep_apnea").med("diazepam", 2, "mg", "bid", 7),
             "diazepam.contra.sleep_apnea", S::contraindicated, V::contraindicated},
        });
    }

    TEST_CASE("benzodiazepine class cautions, Beers and pregnancy") {
        const std::vector<std::pair<std::string, std::string>> cautions{
            {"copd", "benzodiazepine.caution.copd"},
            {"glaucoma", "benzodiazepine.caution.glaucoma"},
            {"substance_use_disorder", "benzodiazepine.caution.substance_use_disorder"},
            {"opioid_use_disorder", "benzodiazepine.caution.opioid_use_disorder"},
            {"alcohol_use_disorder", "benzodiazepine.caution.alcohol_use_disorder"},
        };
        for (const auto& [condition, rule] : cautions) {
            check_table({
                {condition + ", lorazepam", C().condition(condition).med("lorazepam", 0.5, "mg", "bid"), rule,
                 S::warning, V::warning},
                {condition + ", clonazepam", C().condition(condition).med("clonazepam", 0.25, "mg", "bid"),
                 rule, S::warning, V::warning},
                {"no " + condition, C().med("lorazepam", 0.5, "mg", "bid"), rule, silent, V::ok},
            });
        }
        check_table({
            {"depression: info", C().condition("depression").med("lorazepam", 0.5, "mg", "bid"),
             "benzodiazepine.caution.depression", S::info, V::ok},
            {"70 y, dementia", C().age(70).condition("dementia").med("lorazepam", 0.5, "mg", "bid"),
             "benzodiazepine.beers.dementia", S::warning, V::warning},
            {"70 y, falls", C().age(70).condition("falls_history").med("lorazepam", 0.5, "mg", "bid"),
             "benzodiazepine.beers.falls_history", S::warning, V::warning},
            {"70 y, no dementia", C().age(70).med("lorazepam", 0.5, "mg", "bid"),
             "benzodiazepine.beers.dementia", silent, V::warning},
            {"64 y", C().age(64).med("lorazepam", 0.5, "mg", "bid"), "benzodiazepine.beers.age65", silent,
             V::ok},
            {"65 y", C().age(65).med("lorazepam", 0.5, "mg", "bid"), "benzodiazepine.beers.age65", S::warning,
             V::warning},
            {"not pregnant", C().sex(model::Sex::female).med("lorazepam", 0.5, "mg", "bid"),
             "benzodiazepine.pregnancy", silent, V::ok},
            {"8 weeks pregnant", C().sex(model::Sex::female).pregnancy(8).med("lorazepam", 0.5, "mg", "bid"),
             "benzodiazepine.pregnancy", S::warning, V::warning},
            {"34 weeks pregnant",
             C().sex(model::Sex::female).pregnancy(34).med("clonazepam", 0.25, "mg", "bid"),
             "benzodiazepine.pregnancy", S::warning, V::warning},
        });
    }
}
