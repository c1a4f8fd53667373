// Skeletal muscle relaxants of the breadth issue: methocarbamol, tizanidine (incl. the CYP1A2
// contraindication), baclofen (renal and Beers), carisoprodol (21-day course), metaxalone (CrCl < 30
// and hepatic contraindications) and duplicate muscle relaxants (seed 20, 30, 40, 50, 60).
// Carisoprodol orders carry a 7-day course unless the row is about duration; the default patient is a
// 40-year-old with CrCl 100 and no hepatic impairment, so only the rule under test colours the verdict.
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

TEST_SUITE("clinical::muscle_relaxants") {
    TEST_CASE(
        "methocarbamol: 1500 mg per dose, 8000 mg/day, 4500 mg/day maintenance (warning), 6 doses/day") {
        check_table({
            {"1500 mg tid (at)", C().med("methocarbamol", 1500, "mg", "tid"), "methocarbamol.single_max",
             silent, V::ok},
            {"1499.9 mg tid (below)", C().med("methocarbamol", 1499.9, "mg", "tid"),
             "methocarbamol.single_max", silent, V::ok},
            {"1500.1 mg bid (above)", C().med("methocarbamol", 1500.1, "mg", "bid"),
             "methocarbamol.single_max", S::violation, V::violation},
            // 8000 mg/day needs more than 4500: the maintenance warning always comes with it
            {"8000/6 mg q4h = 8000 (at)", C().med("robaxin", 8000.0 / 6.0, "mg", "q4h"),
             "methocarbamol.daily_max", silent, V::warning},
            {"1333 mg q4h = 7998 (below)", C().med("methocarbamol", 1333, "mg", "q4h"),
             "methocarbamol.daily_max", silent, V::warning},
            {"1334 mg q4h = 8004 (above)", C().med("methocarbamol", 1334, "mg", "q4h"),
             "methocarbamol.daily_max", S::violation, V::violation},
            {"1500 mg tid = 4500 (at)", C().med("methocarbamol", 1500, "mg", "tid"),
             "methocarbamol.maintenance.daily_max", silent, V::ok},
            {"1499.9 mg tid = 4499.7 (below)", C().med("methocarbamol", 1499.9, "mg", "tid"),
             "methocarbamol.maintenance.daily_max", silent, V::ok},
            {"1125.1 mg q6h = 4500.4 (above)", C().med("methocarbamol", 1125.1, "mg", "q6h"),
             "methocarbamol.maintenance.daily_max", S::warning, V::warning},
            {"500 mg q4h = 6 doses (at)", C().med("methocarbamol", 500, "mg", "q4h"),
             "methocarbamol.doses_per_day", silent, V::ok},
            {"500 mg q5h (below)", C().med("methocarbamol", 500, "mg", "q5h"), "methocarbamol.doses_per_day",
             silent, V::ok},
            {"500 mg q3h = 8 doses (above)", C().med("methocarbamol", 500, "mg", "q3h"),
             "methocarbamol.doses_per_day", S::violation, V::violation},
        });
    }

    TEST_CASE("methocarbamol new start 6000 mg/day (info); from 65: 500 mg start (info), 4500 mg/day "
              "(violation), Beers") {
        check_table({
            {"new 1500 mg qid = 6000 (at)", C().med("methocarbamol", 1500, "mg", "qid"),
             "methocarbamol.start.daily", silent, V::warning},
            {"new 1000 mg q4h = 6000 (at)", C().med("methocarbamol", 1000, "mg", "q4h"),
             "methocarbamol.start.daily", silent, V::warning},
            {"new 1000.1 mg q4h = 6000.6 (above)", C().med("methocarbamol", 1000.1, "mg", "q4h"),
             "methocarbamol.start.daily", S::info, V::warning},
            {"continuing 1000.1 mg q4h", C().med("methocarbamol", 1000.1, "mg", "q4h").continuing(),
             "methocarbamol.start.daily", silent, V::warning},
            {"65 y, new 500 mg tid (at)", C().age(65).med("methocarbamol", 500, "mg", "tid"),
             "methocarbamol.start.age65", silent, V::warning},
            {"65 y, new 499.9 mg tid (below)", C().age(65).med("methocarbamol", 499.9, "mg", "tid"),
             "methocarbamol.start.age65", silent, V::warning},
            {"65 y, new 500.1 mg tid (above)", C().age(65).med("methocarbamol", 500.1, "mg", "tid"),
             "methocarbamol.start.age65", S::info, V::warning},
            {"65 y, 1500 mg tid = 4500 (at)",
             C().age(65).med("methocarbamol", 1500, "mg", "tid").continuing(),
             "methocarbamol.age65.daily_max", silent, V::warning},
            {"65 y, 1499.9 mg tid (below)",
             C().age(65).med("methocarbamol", 1499.9, "mg", "tid").continuing(),
             "methocarbamol.age65.daily_max", silent, V::warning},
            {"65 y, 1125.1 mg q6h = 4500.4 (above)",
             C().age(65).med("methocarbamol", 1125.1, "mg", "q6h").continuing(),
             "methocarbamol.age65.daily_max", S::violation, V::violation},
            {"64 y, 1125.1 mg q6h: maintenance warning only",
             C().age(64).med("methocarbamol", 1125.1, "mg", "q6h").continuing(),
             "methocarbamol.age65.daily_max", silent, V::warning},
            {"64 y", C().age(64).med("methocarbamol", 500, "mg", "tid"), "methocarbamol.beers.age65", silent,
             V::ok},
            {"65 y", C().age(65).med("methocarbamol", 500, "mg", "tid"), "methocarbamol.beers.age65",
             S::warning, V::warning},
            {"70 y, falls", C().age(70).condition("falls_history").med("methocarbamol", 500, "mg", "tid"),
             "methocarbamol.beers.falls_history", S::warning, V::warning},
            {"70 y, dementia", C().age(70).condition("dementia").med("methocarbamol", 500, "mg", "tid"),
             "methocarbamol.beers.dementia", S::warning, V::warning},
            {"hepatic mild", C().hepatic(model::Hepatic::mild).med("methocarbamol", 500, "mg", "tid"),
             "methocarbamol.hepatic", S::warning, V::warning},
            {"hepatic severe", C().hepatic(model::Hepatic::severe).med("methocarbamol", 500, "mg", "tid"),
             "methocarbamol.hepatic", S::warning, V::warning},
            {"hepatic none", C().med("methocarbamol", 500, "mg", "tid"), "methocarbamol.hepatic", silent,
             V::ok},
        });
    }

    TEST_CASE("tizanidine: 16 mg per dose, 36 mg/day, 3 doses/day; new start 2 mg / 6 mg/day (info)") {
        check_table({
            {"16 mg bid (at)", C().med("tizanidine", 16, "mg", "bid"), "tizanidine.single_max", silent,
             V::ok},
            {"15.9 mg bid (below)", C().med("tizanidine", 15.9, "mg", "bid"), "tizanidine.single_max", silent,
             V::ok},
            {"16.1 mg bid (above)", C().med("tizanidine", 16.1, "mg", "bid"), "tizanidine.single_max",
             S::violation, V::violation},
            {"12 mg tid = 36 (at)", C().med("zanaflex", 12, "mg", "tid"), "tizanidine.daily_max", silent,
             V::ok},
            {"11.9 mg tid (below)", C().med("tizanidine", 11.9, "mg", "tid"), "tizanidine.daily_max", silent,
             V::ok},
            {"12.1 mg tid = 36.3 (above)", C().med("tizanidine", 12.1, "mg", "tid"), "tizanidine.daily_max",
             S::violation, V::violation},
            {"2 mg q8h = 3 doses (at)", C().med("tizanidine", 2, "mg", "q8h"), "tizanidine.doses_per_day",
             silent, V::ok},
            {"2 mg q9h (below)", C().med("tizanidine", 2, "mg", "q9h"), "tizanidine.doses_per_day", silent,
             V::ok},
            {"2 mg q7h = 3.4 doses (above)", C().med("tizanidine", 2, "mg", "q7h"),
             "tizanidine.doses_per_day", S::violation, V::violation},
            {"new 2 mg tid (at)", C().med("tizanidine", 2, "mg", "tid"), "tizanidine.start.single", silent,
             V::ok},
            {"new 1.9 mg tid (below)", C().med("tizanidine", 1.9, "mg", "tid"), "tizanidine.start.single",
             silent, V::ok},
            {"new 2.1 mg bid (above)", C().med("tizanidine", 2.1, "mg", "bid"), "tizanidine.start.single",
             S::info, V::ok},
            {"continuing 4 mg tid", C().med("tizanidine", 4, "mg", "tid").continuing(),
             "tizanidine.start.single", silent, V::ok},
            {"new 2 mg tid = 6 (at)", C().med("tizanidine", 2, "mg", "tid"), "tizanidine.start.daily", silent,
             V::ok},
            {"new 1.9 mg tid (below)", C().med("tizanidine", 1.9, "mg", "tid"), "tizanidine.start.daily",
             silent, V::ok},
            {"new 2.1 mg tid = 6.3 (above)", C().med("tizanidine", 2.1, "mg", "tid"),
             "tizanidine.start.daily", S::info, V::ok},
        });
    }

    TEST_CASE("tizanidine with fluvoxamine or ciprofloxacin: contraindicated, either order") {
        const std::string rule = "tizanidine.strong_cyp1a2_inhibitor";
        check_table({
            {"tizanidine + fluvoxamine",
             C().med("tizanidine", 2, "mg", "tid").med("fluvoxamine", 50, "mg", "daily"), rule,
             S::contraindicated, V::contraindicated},
            {"fluvoxamine + tizanidine",
             C().med("fluvoxamine", 50, "mg", "daily").med("tizanidine", 2, "mg", "tid"), rule,
             S::contraindicated, V::contraindicated},
            {"tizanidine + ciprofloxacin",
             C().med("tizanidine", 2, "mg", "tid").med("ciprofloxacin", 500, "mg", "bid"), rule,
             S::contraindicated, V::contraindicated},
            {"ciprofloxacin + tizanidine", C().med("cipro", 500, "mg", "bid").med("zanaflex", 2, "mg", "tid"),
             rule, S::contraindicated, V::contraindicated},
            {"tizanidine + sertraline (not a CYP1A2 inhibitor)",
             C().med("tizanidine", 2, "mg", "tid").med("sertraline", 50, "mg", "daily"), rule, silent, V::ok},
        });
    }

    TEST_CASE("tizanidine: CrCl < 25 caution; hepatic warning, severe violation; hypertension info") {
        check_table({
            {"CrCl 25", C().crcl(25).med("tizanidine", 2, "mg", "tid"), "tizanidine.renal.crcl_lt25", silent,
             V::ok},
            {"CrCl 24.9", C().crcl(24.9).med("tizanidine", 2, "mg", "tid"), "tizanidine.renal.crcl_lt25",
             S::warning, V::warning},
            {"hepatic mild", C().hepatic(model::Hepatic::mild).med("tizanidine", 2, "mg", "tid"),
             "tizanidine.hepatic.mild_moderate", S::warning, V::warning},
            {"hepatic moderate", C().hepatic(model::Hepatic::moderate).med("tizanidine", 2, "mg", "tid"),
             "tizanidine.hepatic.mild_moderate", S::warning, V::warning},
            {"hepatic severe: not the mild/moderate rule",
             C().hepatic(model::Hepatic::severe).med("tizanidine", 2, "mg", "tid"),
             "tizanidine.hepatic.mild_moderate", silent, V::violation},
            {"hepatic severe", C().hepatic(model::Hepatic::severe).med("tizanidine", 2, "mg", "tid"),
             "tizanidine.hepatic.severe", S::violation, V::violation},
            {"hepatic none", C().med("tizanidine", 2, "mg", "tid"), "tizanidine.hepatic.severe", silent,
             V::ok},
            {"hypertension", C().condition("hypertension").med("tizanidine", 2, "mg", "tid"),
             "tizanidine.caution.hypertension", S::info, V::ok},
            {"65 y: no Beers muscle-relaxant rule for tizanidine",
             C().age(65).med("tizanidine", 2, "mg", "tid"), "tizanidine.caution.hypertension", silent, V::ok},
        });
    }

    TEST_CASE("baclofen: 20 mg per dose, 80 mg/day, 4 doses/day; new start 5 mg / 15 mg/day (info)") {
        check_table({
            {"20 mg qid (at)", C().med("baclofen", 20, "mg", "qid"), "baclofen.single_max", silent, V::ok},
            {"19.9 mg qid (below)", C().med("baclofen", 19.9, "mg", "qid"), "baclofen.single_max", silent,
             V::ok},
            {"20.1 mg tid (above)", C().med("baclofen", 20.1, "mg", "tid"), "baclofen.single_max",
             S::violation, V::violation},
            {"20 mg qid = 80 (at)", C().med("lioresal", 20, "mg", "qid"), "baclofen.daily_max", silent,
             V::ok},
            {"19.9 mg qid = 79.6 (below)", C().med("baclofen", 19.9, "mg", "qid"), "baclofen.daily_max",
             silent, V::ok},
            {"20.1 mg qid = 80.4 (above)", C().med("baclofen", 20.1, "mg", "qid"), "baclofen.daily_max",
             S::violation, V::violation},
            {"5 mg q6h = 4 doses (at)", C().med("baclofen", 5, "mg", "q6h"), "baclofen.doses_per_day", silent,
             V::ok},
            {"5 mg q7h (below)", C().med("baclofen", 5, "mg", "q7h"), "baclofen.doses_per_day", silent,
             V::ok},
            {"5 mg q5h = 4.8 doses (above)", C().med("baclofen", 5, "mg", "q5h"), "baclofen.doses_per_day",
             S::violation, V::violation},
            {"new 5 mg tid (at)", C().med("baclofen", 5, "mg", "tid"), "baclofen.start.single", silent,
             V::ok},
            {"new 5.1 mg bid (above)", C().med("baclofen", 5.1, "mg", "bid"), "baclofen.start.single",
             S::info, V::ok},
            {"new 5 mg tid = 15 (at)", C().med("baclofen", 5, "mg", "tid"), "baclofen.start.daily", silent,
             V::ok},
            {"new 4.9 mg tid (below)", C().med("baclofen", 4.9, "mg", "tid"), "baclofen.start.daily", silent,
             V::ok},
            {"new 5 mg qid = 20 (above)", C().med("baclofen", 5, "mg", "qid"), "baclofen.start.daily",
             S::info, V::ok},
        });
    }

    TEST_CASE("baclofen and the kidney: CrCl < 60 warning at any age; Beers from 65") {
        check_table({
            {"CrCl 60", C().crcl(60).med("baclofen", 5, "mg", "tid"), "baclofen.renal.crcl_lt60", silent,
             V::ok},
            {"CrCl 59.9", C().crcl(59.9).med("baclofen", 5, "mg", "tid"), "baclofen.renal.crcl_lt60",
             S::warning, V::warning},
            {"CrCl 20", C().crcl(20).med("baclofen", 5, "mg", "tid"), "baclofen.renal.crcl_lt60", S::warning,
             V::warning},
            {"65 y, CrCl 60", C().age(65).crcl(60).med("baclofen", 5, "mg", "tid"),
             "baclofen.beers.crcl_lt60", silent, V::ok},
            {"65 y, CrCl 59.9", C().age(65).crcl(59.9).med("baclofen", 5, "mg", "tid"),
             "baclofen.beers.crcl_lt60", S::warning, V::warning},
            {"64 y, CrCl 59.9 (renal warning only)", C().age(64).crcl(59.9).med("baclofen", 5, "mg", "tid"),
             "baclofen.beers.crcl_lt60", silent, V::warning},
            {"65 y, CrCl 100: no Beers muscle-relaxant rule for baclofen",
             C().age(65).med("baclofen", 5, "mg", "tid"), "baclofen.beers.crcl_lt60", silent, V::ok},
        });
    }

    TEST_CASE("baclofen: seizure disorder and stroke cautions; back pain is not its indication (info)") {
        check_table({
            {"seizure disorder", C().condition("seizure_disorder").med("baclofen", 5, "mg", "tid"),
             "baclofen.caution.seizure_disorder", S::warning, V::warning},
            {"stroke", C().condition("stroke").med("baclofen", 5, "mg", "tid"), "baclofen.caution.stroke",
             S::warning, V::warning},
            {"acute low back pain", C().med("baclofen", 5, "mg", "tid"),
             "baclofen.caution.acute_low_back_pain", S::info, V::ok},
            {"chronic low back pain", C().indication("chronic_low_back_pain").med("baclofen", 5, "mg", "tid"),
             "baclofen.caution.chronic_low_back_pain", S::info, V::ok},
            {"other indication", C().indication("other").med("baclofen", 5, "mg", "tid"),
             "baclofen.caution.acute_low_back_pain", silent, V::ok},
        });
    }

    TEST_CASE("carisoprodol: 350 mg per dose, 1400 mg/day, 4 doses/day, 21 days") {
        check_table({
            {"350 mg qid (at)", C().med("carisoprodol", 350, "mg", "qid", 7), "carisoprodol.single_max",
             silent, V::ok},
            {"349.9 mg qid (below)", C().med("carisoprodol", 349.9, "mg", "qid", 7),
             "carisoprodol.single_max", silent, V::ok},
            {"350.1 mg tid (above)", C().med("carisoprodol", 350.1, "mg", "tid", 7),
             "carisoprodol.single_max", S::violation, V::violation},
            {"350 mg qid = 1400 (at)", C().med("soma", 350, "mg", "qid", 7), "carisoprodol.daily_max", silent,
             V::ok},
            {"349.9 mg qid (below)", C().med("carisoprodol", 349.9, "mg", "qid", 7), "carisoprodol.daily_max",
             silent, V::ok},
            {"350.1 mg qid = 1400.4 (above)", C().med("carisoprodol", 350.1, "mg", "qid", 7),
             "carisoprodol.daily_max", S::violation, V::violation},
            {"250 mg q6h = 4 doses (at)", C().med("carisoprodol", 250, "mg", "q6h", 7),
             "carisoprodol.doses_per_day", silent, V::ok},
            {"250 mg q7h (below)", C().med("carisoprodol", 250, "mg", "q7h", 7), "carisoprodol.doses_per_day",
             silent, V::ok},
            {"250 mg q5h = 4.8 doses (above)", C().med("carisoprodol", 250, "mg", "q5h", 7),
             "carisoprodol.doses_per_day", S::violation, V::violation},
            {"350 mg tid x 21 days (at)", C().med("carisoprodol", 350, "mg", "tid", 21),
             "carisoprodol.duration_max", silent, V::ok},
            {"350 mg tid x 20 days (below)", C().med("carisoprodol", 350, "mg", "tid", 20),
             "carisoprodol.duration_max", silent, V::ok},
            {"350 mg tid x 22 days (above)", C().med("carisoprodol", 350, "mg", "tid", 22),
             "carisoprodol.duration_max", S::violation, V::violation},
            {"350 mg tid, duration not stated", C().med("carisoprodol", 350, "mg", "tid"),
             "carisoprodol.duration_max", S::warning, V::warning},
        });
    }

    TEST_CASE("carisoprodol: misuse and seizure cautions; hepatic caution; Beers from 65") {
        for (const char* condition :
             {"substance_use_disorder", "opioid_use_disorder", "alcohol_use_disorder", "seizure_disorder"}) {
            const std::string rule = std::string("carisoprodol.caution.") + condition;
            check_table({
                {condition, C().condition(condition).med("carisoprodol", 350, "mg", "tid", 7), rule,
                 S::warning, V::warning},
                {std::string("no ") + condition, C().med("carisoprodol", 350, "mg", "tid", 7), rule, silent,
                 V::ok},
            });
        }
        check_table({
            {"hepatic moderate",
             C().hepatic(model::Hepatic::moderate).med("carisoprodol", 350, "mg", "tid", 7),
             "carisoprodol.hepatic", S::warning, V::warning},
            {"64 y", C().age(64).med("carisoprodol", 350, "mg", "tid", 7), "carisoprodol.beers.age65", silent,
             V::ok},
            {"65 y", C().age(65).med("carisoprodol", 350, "mg", "tid", 7), "carisoprodol.beers.age65",
             S::warning, V::warning},
            {"70 y, falls", C().age(70).condition("falls_history").med("carisoprodol", 350, "mg", "tid", 7),
             "carisoprodol.beers.falls_history", S::warning, V::warning},
            {"70 y, dementia", C().age(70).condition("dementia").med("carisoprodol", 350, "mg", "tid", 7),
             "carisoprodol.beers.dementia", S::warning, V::warning},
        });
    }

    TEST_CASE("metaxalone: 800 mg per dose, 3200 mg/day, 4 doses/day") {
        check_table({
            {"800 mg qid (at)", C().med("metaxalone", 800, "mg", "qid"), "metaxalone.single_max", silent,
             V::ok},
            {"799.9 mg qid (below)", C().med("metaxalone", 799.9, "mg", "qid"), "metaxalone.single_max",
             silent, V::ok},
            {"800.1 mg tid (above)", C().med("metaxalone", 800.1, "mg", "tid"), "metaxalone.single_max",
             S::violation, V::violation},
            {"800 mg qid = 3200 (at)", C().med("skelaxin", 800, "mg", "qid"), "metaxalone.daily_max", silent,
             V::ok},
            {"799.9 mg qid (below)", C().med("metaxalone", 799.9, "mg", "qid"), "metaxalone.daily_max",
             silent, V::ok},
            {"800.1 mg qid = 3200.4 (above)", C().med("metaxalone", 800.1, "mg", "qid"),
             "metaxalone.daily_max", S::violation, V::violation},
            {"400 mg q6h = 4 doses (at)", C().med("metaxalone", 400, "mg", "q6h"), "metaxalone.doses_per_day",
             silent, V::ok},
            {"400 mg q7h (below)", C().med("metaxalone", 400, "mg", "q7h"), "metaxalone.doses_per_day",
             silent, V::ok},
            {"400 mg q5h = 4.8 doses (above)", C().med("metaxalone", 400, "mg", "q5h"),
             "metaxalone.doses_per_day", S::violation, V::violation},
        });
    }

    TEST_CASE("metaxalone: contraindicated with CrCl < 30 or moderate/severe hepatic impairment; mild "
              "hepatic caution; Beers") {
        check_table({
            {"CrCl 30", C().crcl(30).med("metaxalone", 800, "mg", "tid"), "metaxalone.contra.crcl_lt30",
             silent, V::ok},
            {"CrCl 29.9", C().crcl(29.9).med("metaxalone", 800, "mg", "tid"), "metaxalone.contra.crcl_lt30",
             S::contraindicated, V::contraindicated},
            {"CrCl 10", C().crcl(10).med("metaxalone", 800, "mg", "tid"), "metaxalone.contra.crcl_lt30",
             S::contraindicated, V::contraindicated},
            {"hepatic mild", C().hepatic(model::Hepatic::mild).med("metaxalone", 800, "mg", "tid"),
             "metaxalone.hepatic.mild", S::warning, V::warning},
            {"hepatic mild: not contraindicated",
             C().hepatic(model::Hepatic::mild).med("metaxalone", 800, "mg", "tid"),
             "metaxalone.contra.hepatic_moderate_severe", silent, V::warning},
            {"hepatic moderate", C().hepatic(model::Hepatic::moderate).med("metaxalone", 800, "mg", "tid"),
             "metaxalone.contra.hepatic_moderate_severe", S::contraindicated, V::contraindicated},
            {"hepatic severe", C().hepatic(model::Hepatic::severe).med("metaxalone", 800, "mg", "tid"),
             "metaxalone.contra.hepatic_moderate_severe", S::contraindicated, V::contraindicated},
            {"64 y", C().age(64).med("metaxalone", 800, "mg", "tid"), "metaxalone.beers.age65", silent,
             V::ok},
            {"65 y", C().age(65).med("metaxalone", 800, "mg", "tid"), "metaxalone.beers.age65", S::warning,
             V::warning},
            {"70 y, falls", C().age(70).condition("falls_history").med("metaxalone", 800, "mg", "tid"),
             "metaxalone.beers.falls_history", S::warning, V::warning},
            {"70 y, dementia", C().age(70).condition("dementia").med("metaxalone", 800, "mg", "tid"),
             "metaxalone.beers.dementia", S::warning, V::warning},
        });
    }

    TEST_CASE("two different muscle relaxants: duplicate therapy warning, either order") {
        const std::string rule = "muscle_relaxant.duplicate";
        check_table({
            {"methocarbamol + tizanidine",
             C().med("methocarbamol", 1000, "mg", "qid").med("tizanidine", 2, "mg", "tid"), rule, S::warning,
             V::warning},
            {"tizanidine + methocarbamol",
             C().med("tizanidine", 2, "mg", "tid").med("methocarbamol", 1000, "mg", "qid"), rule, S::warning,
             V::warning},
            {"cyclobenzaprine + carisoprodol",
             C().med("cyclobenzaprine", 5, "mg", "tid", 7).med("carisoprodol", 350, "mg", "tid", 7), rule,
             S::warning, V::warning},
            {"metaxalone + baclofen", C().med("metaxalone", 800, "mg", "tid").med("baclofen", 5, "mg", "tid"),
             rule, S::warning, V::warning},
            {"cyclobenzaprine IR + ER: one ingredient, not a duplicate",
             C().med("cyclobenzaprine", 5, "mg", "tid", 7).med("cyclobenzaprine_er", 15, "mg", "daily", 7),
             rule, silent, V::ok},
            {"methocarbamol alone", C().med("methocarbamol", 1000, "mg", "qid"), rule, silent, V::ok},
        });
    }

    TEST_CASE("two orders of tizanidine or baclofen add up for their daily limits (decision 14)") {
        check_table({
            {"tizanidine 12 bid + 12 daily = 36 (at)",
             C().med("tizanidine", 12, "mg", "bid").med("tizanidine", 12, "mg", "daily"),
             "tizanidine.daily_max", silent, V::ok},
            {"tizanidine 12 bid + 11.9 daily = 35.9 (below)",
             C().med("tizanidine", 12, "mg", "bid").med("tizanidine", 11.9, "mg", "daily"),
             "tizanidine.daily_max", silent, V::ok},
            {"tizanidine 12 bid + 12.1 daily = 36.1 (above)",
             C().med("tizanidine", 12, "mg", "bid").med("tizanidine", 12.1, "mg", "daily"),
             "tizanidine.daily_max", S::violation, V::violation},
            {"tizanidine 12 tid x2 = 72",
             C().med("tizanidine", 12, "mg", "tid").med("tizanidine", 12, "mg", "tid"),
             "tizanidine.daily_max", S::violation, V::violation},
            {"baclofen 20 bid x2 = 80 (at)",
             C().med("baclofen", 20, "mg", "bid").med("baclofen", 20, "mg", "bid"), "baclofen.daily_max",
             silent, V::ok},
            {"baclofen 19.9 bid x2 = 79.6 (below)",
             C().med("baclofen", 19.9, "mg", "bid").med("baclofen", 19.9, "mg", "bid"), "baclofen.daily_max",
             silent, V::ok},
            {"baclofen 20 bid + 20 tid = 100 (above)",
             C().med("baclofen", 20, "mg", "bid").med("baclofen", 20, "mg", "tid"), "baclofen.daily_max",
             S::violation, V::violation},
            {"baclofen 20 qid x2 = 160",
             C().med("baclofen", 20, "mg", "qid").med("baclofen", 20, "mg", "qid"), "baclofen.daily_max",
             S::violation, V::violation},
        });
    }
}
