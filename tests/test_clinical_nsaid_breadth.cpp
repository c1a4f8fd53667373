// NSAIDs of the breadth issue: etodolac (IR and ER), nabumetone (UNVERIFIED limits: warnings), aspirin
// (antiplatelet vs analgesic dose with another NSAID, its own limits, pregnancy rules that exempt
// <= 81 mg/day, renal rules at analgesic dose only) and the "triple whammy" NSAID + ACE inhibitor +
// loop diuretic (seed 20, 30, 40, 50, 60). The default patient is 40 years old, 70 kg, CrCl 100.
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

TEST_SUITE("clinical::nsaid_breadth") {
    TEST_CASE("etodolac IR: 400 mg per dose, 1000 mg/day, 4 doses/day; ER: 1000 mg once daily") {
        check_table({
            {"400 mg bid (at)", C().med("etodolac", 400, "mg", "bid"), "etodolac.single_max", silent, V::ok},
            {"399.9 mg bid (below)", C().med("etodolac", 399.9, "mg", "bid"), "etodolac.single_max", silent,
             V::ok},
            {"400.1 mg bid (above)", C().med("lodine", 400.1, "mg", "bid"), "etodolac.single_max",
             S::violation, V::violation},
            {"250 mg q6h = 1000 (at)", C().med("etodolac", 250, "mg", "q6h"), "etodolac.daily_max", silent,
             V::ok},
            {"249.9 mg q6h (below)", C().med("etodolac", 249.9, "mg", "q6h"), "etodolac.daily_max", silent,
             V::ok},
            {"250.1 mg q6h = 1000.4 (above)", C().med("etodolac", 250.1, "mg", "q6h"), "etodolac.daily_max",
             S::violation, V::violation},
            {"200 mg q6h = 4 doses (at)", C().med("etodolac", 200, "mg", "q6h"), "etodolac.doses_per_day",
             silent, V::ok},
            {"200 mg q7h (below)", C().med("etodolac", 200, "mg", "q7h"), "etodolac.doses_per_day", silent,
             V::ok},
            {"200 mg q5h = 4.8 doses (above)", C().med("etodolac", 200, "mg", "q5h"),
             "etodolac.doses_per_day", S::violation, V::violation},
            {"ER 1000 mg daily (at)", C().med("etodolac_er", 1000, "mg", "daily"), "etodolac_er.single_max",
             silent, V::ok},
            {"ER 999.9 mg daily (below)", C().med("etodolac_er", 999.9, "mg", "daily"),
             "etodolac_er.single_max", silent, V::ok},
            {"ER 1000.1 mg daily (above)", C().med("etodolac_er", 1000.1, "mg", "daily"),
             "etodolac_er.single_max", S::violation, V::violation},
            {"ER 1000.1 mg daily: the ingredient daily limit too",
             C().med("etodolac_er", 1000.1, "mg", "daily"), "etodolac.daily_max", S::violation, V::violation},
            {"ER 500 mg q24h = 1 dose (at)", C().med("etodolac_er", 500, "mg", "q24h"),
             "etodolac_er.doses_per_day", silent, V::ok},
            {"ER 500 mg q25h (below)", C().med("etodolac_er", 500, "mg", "q25h"), "etodolac_er.doses_per_day",
             silent, V::ok},
            {"ER 400 mg q12h (above)", C().med("etodolac_er", 400, "mg", "q12h"), "etodolac_er.doses_per_day",
             S::violation, V::violation},
            {"IR 200 mg bid + ER 600 mg daily = 1000 (at)",
             C().med("etodolac", 200, "mg", "bid").med("etodolac_er", 600, "mg", "daily"),
             "etodolac.cumulative.daily_max", silent, V::ok},
            {"IR 200.1 mg bid + ER 600 mg daily = 1000.2 (above)",
             C().med("etodolac", 200.1, "mg", "bid").med("etodolac_er", 600, "mg", "daily"),
             "etodolac.cumulative.daily_max", S::violation, V::violation},
        });
    }

    TEST_CASE("etodolac: NSAID class rules (renal bands, hepatic, duplicate)") {
        check_table({
            {"CrCl 60", C().crcl(60).med("etodolac", 200, "mg", "bid"), "nsaid.renal.crcl_30_59", silent,
             V::ok},
            {"CrCl 59.9", C().crcl(59.9).med("etodolac", 200, "mg", "bid"), "nsaid.renal.crcl_30_59",
             S::warning, V::warning},
            {"CrCl 30", C().crcl(30).med("etodolac", 200, "mg", "bid"), "nsaid.renal.crcl_lt30", silent,
             V::warning},
            {"CrCl 29.9", C().crcl(29.9).med("etodolac", 200, "mg", "bid"), "nsaid.renal.crcl_lt30",
             S::violation, V::violation},
            {"hepatic moderate", C().hepatic(model::Hepatic::moderate).med("etodolac", 200, "mg", "bid"),
             "etodolac.hepatic.mild_moderate", S::warning, V::warning},
            {"hepatic severe", C().hepatic(model::Hepatic::severe).med("etodolac", 200, "mg", "bid"),
             "etodolac.hepatic.severe", S::violation, V::violation},
            {"etodolac + ibuprofen", C().med("etodolac", 200, "mg", "bid").med("ibuprofen", 400, "mg", "tid"),
             "nsaid.duplicate", S::violation, V::violation},
            {"nabumetone + etodolac",
             C().med("nabumetone", 500, "mg", "bid").med("etodolac", 200, "mg", "bid"), "nsaid.duplicate",
             S::violation, V::violation},
        });
    }

    TEST_CASE("nabumetone (UNVERIFIED limits: warnings): 2000 mg per dose and per day, 2 doses/day; start "
              "1000 mg/day (info)") {
        check_table({
            {"2000 mg daily (at)", C().med("nabumetone", 2000, "mg", "daily").continuing(),
             "nabumetone.single_max", silent, V::ok},
            {"1999.9 mg daily (below)", C().med("nabumetone", 1999.9, "mg", "daily").continuing(),
             "nabumetone.single_max", silent, V::ok},
            {"2000.1 mg daily (above)", C().med("relafen", 2000.1, "mg", "daily").continuing(),
             "nabumetone.single_max", S::warning, V::warning},
            {"1000 mg bid = 2000 (at)", C().med("nabumetone", 1000, "mg", "bid").continuing(),
             "nabumetone.daily_max", silent, V::ok},
            {"999.9 mg bid (below)", C().med("nabumetone", 999.9, "mg", "bid").continuing(),
             "nabumetone.daily_max", silent, V::ok},
            {"1000.1 mg bid = 2000.2 (above)", C().med("nabumetone", 1000.1, "mg", "bid").continuing(),
             "nabumetone.daily_max", S::warning, V::warning},
            {"500 mg q12h = 2 doses (at)", C().med("nabumetone", 500, "mg", "q12h"),
             "nabumetone.doses_per_day", silent, V::ok},
            {"500 mg q13h (below)", C().med("nabumetone", 500, "mg", "q13h"), "nabumetone.doses_per_day",
             silent, V::ok},
            {"500 mg q8h = 3 doses (above)", C().med("nabumetone", 500, "mg", "q8h"),
             "nabumetone.doses_per_day", S::warning, V::warning},
            {"new 1000 mg daily (at)", C().med("nabumetone", 1000, "mg", "daily"), "nabumetone.start.daily",
             silent, V::ok},
            {"new 999.9 mg daily (below)", C().med("nabumetone", 999.9, "mg", "daily"),
             "nabumetone.start.daily", silent, V::ok},
            {"new 1000.1 mg daily (above)", C().med("nabumetone", 1000.1, "mg", "daily"),
             "nabumetone.start.daily", S::info, V::ok},
            {"49.9 kg, 1000 mg daily (at)",
             C().weight(49.9).med("nabumetone", 1000, "mg", "daily").continuing(),
             "nabumetone.weight_lt50.daily_max", silent, V::ok},
            {"49.9 kg, 1000.1 mg daily (above)",
             C().weight(49.9).med("nabumetone", 1000.1, "mg", "daily").continuing(),
             "nabumetone.weight_lt50.daily_max", S::warning, V::warning},
            {"50 kg, 1500 mg daily", C().weight(50).med("nabumetone", 1500, "mg", "daily").continuing(),
             "nabumetone.weight_lt50.daily_max", silent, V::ok},
        });
    }

    TEST_CASE("nabumetone renal: CrCl 30-49 max 1500 (start 750), < 30 max 1000 (start 500); NSAID renal "
              "bands on top") {
        check_table({
            {"CrCl 49.9, 750 mg bid = 1500 (at)",
             C().crcl(49.9).med("nabumetone", 750, "mg", "bid").continuing(),
             "nabumetone.renal.crcl_30_49.daily_max", silent, V::warning},
            {"CrCl 49.9, 749.9 mg bid (below)",
             C().crcl(49.9).med("nabumetone", 749.9, "mg", "bid").continuing(),
             "nabumetone.renal.crcl_30_49.daily_max", silent, V::warning},
            {"CrCl 49.9, 750.1 mg bid (above)",
             C().crcl(49.9).med("nabumetone", 750.1, "mg", "bid").continuing(),
             "nabumetone.renal.crcl_30_49.daily_max", S::warning, V::warning},
            {"CrCl 30, 750.1 mg bid (above)", C().crcl(30).med("nabumetone", 750.1, "mg", "bid").continuing(),
             "nabumetone.renal.crcl_30_49.daily_max", S::warning, V::warning},
            {"CrCl 50, 1000 mg bid: not the 30-49 band",
             C().crcl(50).med("nabumetone", 1000, "mg", "bid").continuing(),
             "nabumetone.renal.crcl_30_49.daily_max", silent, V::warning},
            {"CrCl 29.9, 500 mg bid = 1000 (at)",
             C().crcl(29.9).med("nabumetone", 500, "mg", "bid").continuing(),
             "nabumetone.renal.crcl_lt30.daily_max", silent, V::violation},
            {"CrCl 29.9, 500.1 mg bid (above)",
             C().crcl(29.9).med("nabumetone", 500.1, "mg", "bid").continuing(),
             "nabumetone.renal.crcl_lt30.daily_max", S::warning, V::violation},
            {"CrCl 49.9, new 750 mg daily (at)", C().crcl(49.9).med("nabumetone", 750, "mg", "daily"),
             "nabumetone.start.crcl_30_49", silent, V::warning},
            {"CrCl 49.9, new 750.1 mg daily (above)", C().crcl(49.9).med("nabumetone", 750.1, "mg", "daily"),
             "nabumetone.start.crcl_30_49", S::warning, V::warning},
            {"CrCl 29.9, new 500 mg daily (at)", C().crcl(29.9).med("nabumetone", 500, "mg", "daily"),
             "nabumetone.start.crcl_lt30", silent, V::violation},
            {"CrCl 29.9, new 500.1 mg daily (above)", C().crcl(29.9).med("nabumetone", 500.1, "mg", "daily"),
             "nabumetone.start.crcl_lt30", S::warning, V::violation},
        });
    }

    TEST_CASE("aspirin: 1000 mg per dose, 4000 mg/day, 6 doses/day; new start 650 mg / 3900 mg/day (info)") {
        check_table({
            {"1000 mg q6h (at)", C().med("aspirin", 1000, "mg", "q6h").continuing(), "aspirin.single_max",
             silent, V::ok},
            {"999.9 mg q6h (below)", C().med("aspirin", 999.9, "mg", "q6h").continuing(),
             "aspirin.single_max", silent, V::ok},
            {"1000.1 mg tid (above)", C().med("bayer", 1000.1, "mg", "tid").continuing(),
             "aspirin.single_max", S::violation, V::violation},
            {"1000 mg q6h = 4000 (at)", C().med("aspirin", 1000, "mg", "q6h").continuing(),
             "aspirin.daily_max", silent, V::ok},
            {"999.9 mg q6h (below)", C().med("aspirin", 999.9, "mg", "q6h").continuing(), "aspirin.daily_max",
             silent, V::ok},
            {"1000.1 mg q6h = 4000.4 (above)", C().med("aspirin", 1000.1, "mg", "q6h").continuing(),
             "aspirin.daily_max", S::violation, V::violation},
            {"325 mg q4h = 6 doses (at)", C().med("aspirin", 325, "mg", "q4h"), "aspirin.doses_per_day",
             silent, V::ok},
            {"325 mg q5h (below)", C().med("aspirin", 325, "mg", "q5h"), "aspirin.doses_per_day", silent,
             V::ok},
            {"325 mg q3h = 8 doses (above)", C().med("aspirin", 325, "mg", "q3h"), "aspirin.doses_per_day",
             S::violation, V::violation},
            {"new 650 mg q6h (at)", C().med("aspirin", 650, "mg", "q6h"), "aspirin.start.single", silent,
             V::ok},
            {"new 650.1 mg q6h (above)", C().med("aspirin", 650.1, "mg", "q6h"), "aspirin.start.single",
             S::info, V::ok},
            {"new 650 mg q4h = 3900 (at)", C().med("aspirin", 650, "mg", "q4h"), "aspirin.start.daily",
             silent, V::ok},
            {"new 650.1 mg q4h = 3900.6 (above)", C().med("aspirin", 650.1, "mg", "q4h"),
             "aspirin.start.daily", S::info, V::ok},
        });
    }

    TEST_CASE("aspirin with another NSAID: antiplatelet dose (<= 325 mg/day) warning, analgesic dose "
              "duplicate violation") {
        check_table({
            {"ibuprofen + aspirin 81 mg daily",
             C().med("ibuprofen", 400, "mg", "tid").med("aspirin", 81, "mg", "daily"), "nsaid.aspirin",
             S::warning, V::warning},
            {"aspirin 81 mg daily + ibuprofen",
             C().med("aspirin", 81, "mg", "daily").med("ibuprofen", 400, "mg", "tid"), "nsaid.aspirin",
             S::warning, V::warning},
            {"ibuprofen + aspirin 81 mg: not a duplicate",
             C().med("ibuprofen", 400, "mg", "tid").med("aspirin", 81, "mg", "daily"),
             "nsaid.aspirin.analgesic", silent, V::warning},
            {"ibuprofen + aspirin 325 mg daily (at 325 mg/day)",
             C().med("ibuprofen", 400, "mg", "tid").med("aspirin", 325, "mg", "daily"), "nsaid.aspirin",
             S::warning, V::warning},
            {"ibuprofen + aspirin 325 mg daily: not a duplicate",
             C().med("ibuprofen", 400, "mg", "tid").med("aspirin", 325, "mg", "daily"),
             "nsaid.aspirin.analgesic", silent, V::warning},
            {"ibuprofen + aspirin 325.1 mg daily: duplicate",
             C().med("ibuprofen", 400, "mg", "tid").med("aspirin", 325.1, "mg", "daily"),
             "nsaid.aspirin.analgesic", S::violation, V::violation},
            {"ibuprofen + aspirin 325.1 mg daily: not the antiplatelet warning",
             C().med("ibuprofen", 400, "mg", "tid").med("aspirin", 325.1, "mg", "daily"), "nsaid.aspirin",
             silent, V::violation},
            {"ibuprofen + aspirin 650 mg q6h",
             C().med("ibuprofen", 400, "mg", "tid").med("aspirin", 650, "mg", "q6h"),
             "nsaid.aspirin.analgesic", S::violation, V::violation},
            {"aspirin 650 mg q6h + ibuprofen",
             C().med("aspirin", 650, "mg", "q6h").med("ibuprofen", 400, "mg", "tid"),
             "nsaid.aspirin.analgesic", S::violation, V::violation},
            {"aspirin 650 mg q6h + naproxen",
             C().med("aspirin", 650, "mg", "q6h").med("naproxen", 250, "mg", "bid"),
             "nsaid.aspirin.analgesic", S::violation, V::violation},
            {"aspirin 650 mg q6h + ibuprofen: not the antiplatelet warning",
             C().med("aspirin", 650, "mg", "q6h").med("ibuprofen", 400, "mg", "tid"), "nsaid.aspirin", silent,
             V::violation},
            {"aspirin + ibuprofen: not nsaid.duplicate (non-aspirin NSAIDs only)",
             C().med("aspirin", 650, "mg", "q6h").med("ibuprofen", 400, "mg", "tid"), "nsaid.duplicate",
             silent, V::violation},
        });
    }

    TEST_CASE("aspirin in pregnancy: <= 81 mg/day exempt from the 20- and 30-week rules") {
        const auto pregnant = [](double weeks) { return C().sex(model::Sex::female).pregnancy(weeks); };
        check_table({
            {"30 weeks, 81 mg daily (at)", pregnant(30).med("aspirin", 81, "mg", "daily"),
             "aspirin.pregnancy.wk30", silent, V::ok},
            {"30 weeks, 80 mg daily (below)", pregnant(30).med("aspirin", 80, "mg", "daily"),
             "aspirin.pregnancy.wk30", silent, V::ok},
            {"30 weeks, 81.1 mg daily (above)", pregnant(30).med("aspirin", 81.1, "mg", "daily"),
             "aspirin.pregnancy.wk30", S::contraindicated, V::contraindicated},
            {"30 weeks, 650 mg q6h", pregnant(30).med("aspirin", 650, "mg", "q6h"), "aspirin.pregnancy.wk30",
             S::contraindicated, V::contraindicated},
            {"29.9 weeks, 650 mg q6h: the 20-29 rule", pregnant(29.9).med("aspirin", 650, "mg", "q6h"),
             "aspirin.pregnancy.wk30", silent, V::warning},
            {"20 weeks, 81 mg daily (at)", pregnant(20).med("aspirin", 81, "mg", "daily"),
             "aspirin.pregnancy.wk20_29", silent, V::ok},
            {"20 weeks, 81.1 mg daily (above)", pregnant(20).med("aspirin", 81.1, "mg", "daily"),
             "aspirin.pregnancy.wk20_29", S::warning, V::warning},
            {"29.9 weeks, 650 mg q6h", pregnant(29.9).med("aspirin", 650, "mg", "q6h"),
             "aspirin.pregnancy.wk20_29", S::warning, V::warning},
            {"19.9 weeks, 650 mg q6h", pregnant(19.9).med("aspirin", 650, "mg", "q6h"),
             "aspirin.pregnancy.wk20_29", silent, V::ok},
            {"30 weeks, 81 mg: the NSAID class rule does not apply to aspirin",
             pregnant(30).med("aspirin", 81, "mg", "daily"), "nsaid.pregnancy.wk30", silent, V::ok},
            {"30 weeks, ibuprofen: the NSAID class rule", pregnant(30).med("ibuprofen", 400, "mg", "tid"),
             "nsaid.pregnancy.wk30", S::contraindicated, V::contraindicated},
        });
    }

    TEST_CASE("aspirin and the kidney, CKD and Beers: at analgesic dose only (above 325 mg/day)") {
        check_table({
            {"CrCl 29.9, 325 mg daily (at)", C().crcl(29.9).med("aspirin", 325, "mg", "daily"),
             "aspirin.renal.crcl_lt30", silent, V::ok},
            {"CrCl 29.9, 325.1 mg daily (above)", C().crcl(29.9).med("aspirin", 325.1, "mg", "daily"),
             "aspirin.renal.crcl_lt30", S::violation, V::violation},
            {"CrCl 29.9, 81 mg daily: not the NSAID class rule",
             C().crcl(29.9).med("aspirin", 81, "mg", "daily"), "nsaid.renal.crcl_lt30", silent, V::ok},
            {"CrCl 59.9, 325 mg daily (at)", C().crcl(59.9).med("aspirin", 325, "mg", "daily"),
             "aspirin.renal.crcl_30_59", silent, V::ok},
            {"CrCl 59.9, 650 mg q6h", C().crcl(59.9).med("aspirin", 650, "mg", "q6h"),
             "aspirin.renal.crcl_30_59", S::warning, V::warning},
            {"CrCl 60, 650 mg q6h", C().crcl(60).med("aspirin", 650, "mg", "q6h"), "aspirin.renal.crcl_30_59",
             silent, V::ok},
            {"CKD, 81 mg daily", C().condition("ckd").med("aspirin", 81, "mg", "daily"),
             "aspirin.caution.ckd", silent, V::ok},
            {"CKD, 650 mg q6h", C().condition("ckd").med("aspirin", 650, "mg", "q6h"), "aspirin.caution.ckd",
             S::warning, V::warning},
            {"70 y, continuing 81 mg daily", C().age(70).med("aspirin", 81, "mg", "daily").continuing(),
             "aspirin.beers.age65", silent, V::ok},
            {"70 y, continuing 325.1 mg daily", C().age(70).med("aspirin", 325.1, "mg", "daily").continuing(),
             "aspirin.beers.age65", S::warning, V::warning},
        });
    }

    TEST_CASE("triple whammy: NSAID + ACE inhibitor + loop diuretic, in any order") {
        const std::string rule = "nsaid.ace_inhibitor.loop_diuretic";
        check_table({
            {"ibuprofen + lisinopril + furosemide",
             C().med("ibuprofen", 400, "mg", "tid")
                 .med("lisinopril", 10, "mg", "daily")
                 .med("furosemide", 40, "mg", "daily"),
             rule, S::warning, V::warning},
            {"furosemide + ibuprofen + lisinopril",
             C().med("furosemide", 40, "mg", "daily")
                 .med("ibuprofen", 400, "mg", "tid")
                 .med("lisinopril", 10, "mg", "daily"),
             rule, S::warning, V::warning},
            {"lisinopril + furosemide + etodolac",
             C().med("zestril", 10, "mg", "daily")
                 .med("lasix", 40, "mg", "daily")
                 .med("etodolac", 200, "mg", "bid"),
             rule, S::warning, V::warning},
            {"ibuprofen + lisinopril (two only)",
             C().med("ibuprofen", 400, "mg", "tid").med("lisinopril", 10, "mg", "daily"), rule, silent,
             V::warning},
            {"ibuprofen + lisinopril: the pair rule",
             C().med("ibuprofen", 400, "mg", "tid").med("lisinopril", 10, "mg", "daily"),
             "nsaid.ace_inhibitor", S::warning, V::warning},
            {"ibuprofen + furosemide: the pair rule",
             C().med("ibuprofen", 400, "mg", "tid").med("furosemide", 40, "mg", "daily"),
             "nsaid.loop_diuretic", S::warning, V::warning},
            {"lisinopril + furosemide, no NSAID",
             C().med("lisinopril", 10, "mg", "daily").med("furosemide", 40, "mg", "daily"), rule, silent,
             V::ok},
        });
        const auto r = C().med("ibuprofen", 400, "mg", "tid")
                           .med("lisinopril", 10, "mg", "daily")
                           .med("furosemide", 40, "mg", "daily")
                           .check();
        CHECK(test::only(r, rule).kind == "interaction");
    }
}
