// Opioids of the breadth issue: tapentadol IR/ER, oxymorphone, methadone, fentanyl patch (opioid-tolerant
// only, contract decision 8; 100 mcg/h; MME 2.4 per mcg/h), buprenorphine patch and buccal film (excluded
// from MME with an info finding), the > 7-day course for acute low back pain only, and the hydromorphone
// 4 mg ceiling that does not apply to opioid-tolerant patients (seed 20, 30, 40, 50, 60, 80).
// Regimens are continuing (no opioid-naive start warnings) with a 7-day course unless the row is about
// starts or duration; 'nonpharmacologic' is tried, so no first-line finding. Where a limit can only be
// reached at >= 50 or >= 90 MME/day, the verdict row says so.
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

namespace {

CaseBuilder cont(const char* drug, double dose, const char* frequency) {
    return C().med(drug, dose, "mg", frequency, 7).continuing();
}

CaseBuilder patch(const char* drug, double mcg_h, const char* frequency, bool continuing = false) {
    CaseBuilder c = C();
    c.med(drug, mcg_h, "mcg/h", frequency, 7);
    if (continuing) {
        c.continuing();
    }
    return c;
}

} // namespace

TEST_SUITE("clinical::opioids_breadth") {
    TEST_CASE("tapentadol IR: 100 mg per dose, 600 mg/day, 6 doses/day") {
        check_table({
            {"100 mg daily (at; 40 MME)", cont("tapentadol", 100, "daily"), "tapentadol.single_max", silent,
             V::ok},
            {"99.9 mg daily (below)", cont("tapentadol", 99.9, "daily"), "tapentadol.single_max", silent,
             V::ok},
            {"100.1 mg daily (above)", cont("nucynta", 100.1, "daily"), "tapentadol.single_max", S::violation,
             V::violation},
            // 600 mg/day is 240 MME: mme.ge90 makes every such case a violation
            {"100 mg q4h = 600 (at; 240 MME)", cont("tapentadol", 100, "q4h"), "tapentadol.daily_max", silent,
             V::violation},
            {"99.9 mg q4h (below)", cont("tapentadol", 99.9, "q4h"), "tapentadol.daily_max", silent,
             V::violation},
            {"100.1 mg q4h = 600.6 (above)", cont("tapentadol", 100.1, "q4h"), "tapentadol.daily_max",
             S::violation, V::violation},
            {"10 mg q4h = 6 doses (at)", cont("tapentadol", 10, "q4h"), "tapentadol.doses_per_day", silent,
             V::ok},
            {"10 mg q5h (below)", cont("tapentadol", 10, "q5h"), "tapentadol.doses_per_day", silent, V::ok},
            {"10 mg q3h = 8 doses (above)", cont("tapentadol", 10, "q3h"), "tapentadol.doses_per_day",
             S::violation, V::violation},
        });
    }

    TEST_CASE("tapentadol IR new start: 50 mg per dose, 300 mg/day (warnings)") {
        check_table({
            {"new 50 mg bid (at)", C().med("tapentadol", 50, "mg", "bid", 7), "tapentadol.start.single",
             silent, V::ok},
            {"new 49.9 mg bid (below)", C().med("tapentadol", 49.9, "mg", "bid", 7),
             "tapentadol.start.single", silent, V::ok},
            {"new 50.1 mg bid (above)", C().med("tapentadol", 50.1, "mg", "bid", 7),
             "tapentadol.start.single", S::warning, V::warning},
            // 300 mg/day = 120 MME
            {"new 50 mg q4h = 300 (at)", C().med("tapentadol", 50, "mg", "q4h", 7), "tapentadol.start.daily",
             silent, V::violation},
            {"new 50.1 mg q4h = 300.6 (above)", C().med("tapentadol", 50.1, "mg", "q4h", 7),
             "tapentadol.start.daily", S::warning, V::violation},
        });
    }

    TEST_CASE("tapentadol: CrCl < 30, severe hepatic impairment; moderate: 50 mg start, every 8 hours at "
              "most; MAOI") {
        check_table({
            {"CrCl 30", cont("tapentadol", 50, "bid").crcl(30), "tapentadol.renal.crcl_lt30", silent, V::ok},
            {"CrCl 29.9", cont("tapentadol", 50, "bid").crcl(29.9), "tapentadol.renal.crcl_lt30",
             S::violation, V::violation},
            {"CrCl 29.9, ER", cont("tapentadol_er", 50, "bid").crcl(29.9), "tapentadol.renal.crcl_lt30",
             S::violation, V::violation},
            {"hepatic severe", cont("tapentadol", 50, "bid").hepatic(model::Hepatic::severe),
             "tapentadol.hepatic.severe", S::violation, V::violation},
            {"hepatic moderate", cont("tapentadol", 50, "bid").hepatic(model::Hepatic::moderate),
             "tapentadol.hepatic.severe", silent, V::ok},
            {"moderate, 25 mg q8h = 3 doses (at)",
             cont("tapentadol", 25, "q8h").hepatic(model::Hepatic::moderate),
             "tapentadol.hepatic.moderate.doses_per_day", silent, V::ok},
            {"moderate, 25 mg q9h (below)", cont("tapentadol", 25, "q9h").hepatic(model::Hepatic::moderate),
             "tapentadol.hepatic.moderate.doses_per_day", silent, V::ok},
            {"moderate, 25 mg q7h (above)", cont("tapentadol", 25, "q7h").hepatic(model::Hepatic::moderate),
             "tapentadol.hepatic.moderate.doses_per_day", S::violation, V::violation},
            {"moderate, new 50 mg bid (at)",
             C().hepatic(model::Hepatic::moderate).med("tapentadol", 50, "mg", "bid", 7),
             "tapentadol.start.hepatic_moderate", silent, V::ok},
            {"moderate, new 49.9 mg bid (below)",
             C().hepatic(model::Hepatic::moderate).med("tapentadol", 49.9, "mg", "bid", 7),
             "tapentadol.start.hepatic_moderate", silent, V::ok},
            {"moderate, new 50.1 mg bid (above)",
             C().hepatic(model::Hepatic::moderate).med("tapentadol", 50.1, "mg", "bid", 7),
             "tapentadol.start.hepatic_moderate", S::violation, V::violation},
            {"tapentadol + phenelzine", cont("tapentadol", 50, "bid").med("phenelzine", 15, "mg", "tid"),
             "tapentadol.maoi", S::contraindicated, V::contraindicated},
            {"selegiline + tapentadol",
             C().med("selegiline", 5, "mg", "bid").med("tapentadol", 50, "mg", "bid", 7).continuing(),
             "tapentadol.maoi", S::contraindicated, V::contraindicated},
            {"seizure disorder", cont("tapentadol", 50, "bid").condition("seizure_disorder"),
             "tapentadol.caution.seizure_disorder", S::warning, V::warning},
        });
    }

    TEST_CASE("tapentadol ER: 250 mg per dose, 500 mg/day, 2 doses/day; new start 50 mg / 100 mg/day; IR + "
              "ER 600 mg/day") {
        check_table({
            // 250 mg/day = 100 MME
            {"250 mg daily (at; 100 MME)", cont("tapentadol_er", 250, "daily"), "tapentadol_er.single_max",
             silent, V::violation},
            {"249.9 mg daily (below)", cont("tapentadol_er", 249.9, "daily"), "tapentadol_er.single_max",
             silent, V::violation},
            {"250.1 mg daily (above)", cont("nucynta er", 250.1, "daily"), "tapentadol_er.single_max",
             S::violation, V::violation},
            {"250 mg q12h = 500 (at)", cont("tapentadol_er", 250, "q12h"), "tapentadol_er.daily_max", silent,
             V::violation},
            {"249.9 mg q12h (below)", cont("tapentadol_er", 249.9, "q12h"), "tapentadol_er.daily_max", silent,
             V::violation},
            {"250.1 mg q12h = 500.2 (above)", cont("tapentadol_er", 250.1, "q12h"), "tapentadol_er.daily_max",
             S::violation, V::violation},
            {"50 mg q12h = 2 doses (at; 40 MME)", cont("tapentadol_er", 50, "q12h"),
             "tapentadol_er.doses_per_day", silent, V::ok},
            {"50 mg q13h (below)", cont("tapentadol_er", 50, "q13h"), "tapentadol_er.doses_per_day", silent,
             V::ok},
            {"50 mg q11h = 2.2 doses (above)", cont("tapentadol_er", 50, "q11h"),
             "tapentadol_er.doses_per_day", S::violation, V::violation},
            {"new 50 mg q12h (at)", C().med("tapentadol_er", 50, "mg", "q12h", 7),
             "tapentadol_er.start.single", silent, V::ok},
            {"new 49.9 mg q12h (below)", C().med("tapentadol_er", 49.9, "mg", "q12h", 7),
             "tapentadol_er.start.single", silent, V::ok},
            {"new 50.1 mg q12h (above)", C().med("tapentadol_er", 50.1, "mg", "q12h", 7),
             "tapentadol_er.start.single", S::warning, V::warning},
            {"new 50 mg q12h = 100 (at)", C().med("tapentadol_er", 50, "mg", "q12h", 7),
             "tapentadol_er.start.daily", silent, V::ok},
            {"new 50.1 mg q12h = 100.2 (above)", C().med("tapentadol_er", 50.1, "mg", "q12h", 7),
             "tapentadol_er.start.daily", S::warning, V::warning},
            // IR + ER: one ingredient total (the case is >= 90 MME in any case)
            {"IR 100 mg q6h + ER 100 mg q12h = 600 (at)",
             cont("tapentadol", 100, "q6h").med("tapentadol_er", 100, "mg", "q12h", 7).continuing(),
             "tapentadol.cumulative.daily_max", silent, V::violation},
            {"IR 100 mg q6h + ER 100.1 mg q12h = 600.2 (above)",
             cont("tapentadol", 100, "q6h").med("tapentadol_er", 100.1, "mg", "q12h", 7).continuing(),
             "tapentadol.cumulative.daily_max", S::violation, V::violation},
        });
    }

    TEST_CASE("oxymorphone IR (UNVERIFIED limits: warnings): 20 mg per dose, 6 doses/day; starts 5 mg / 30 "
              "mg/day") {
        check_table({
            // 20 mg/day = 60 MME: mme.ge50 warning in every row
            {"20 mg daily (at; 60 MME)", cont("oxymorphone", 20, "daily"), "oxymorphone.single_max", silent,
             V::warning},
            {"19.9 mg daily (below)", cont("oxymorphone", 19.9, "daily"), "oxymorphone.single_max", silent,
             V::warning},
            {"20.1 mg daily (above)", cont("opana", 20.1, "daily"), "oxymorphone.single_max", S::warning,
             V::warning},
            {"1 mg q4h = 6 doses (at; 18 MME)", cont("oxymorphone", 1, "q4h"), "oxymorphone.doses_per_day",
             silent, V::ok},
            {"1 mg q5h (below)", cont("oxymorphone", 1, "q5h"), "oxymorphone.doses_per_day", silent, V::ok},
            {"1 mg q3h = 8 doses (above)", cont("oxymorphone", 1, "q3h"), "oxymorphone.doses_per_day",
             S::warning, V::warning},
            {"new 5 mg bid (at)", C().med("oxymorphone", 5, "mg", "bid", 7), "oxymorphone.start.single",
             silent, V::ok},
            {"new 4.9 mg bid (below)", C().med("oxymorphone", 4.9, "mg", "bid", 7),
             "oxymorphone.start.single", silent, V::ok},
            {"new 5.1 mg bid (above)", C().med("oxymorphone", 5.1, "mg", "bid", 7),
             "oxymorphone.start.single", S::warning, V::warning},
            {"CrCl 49.9, new 5.1 mg bid", C().crcl(49.9).med("oxymorphone", 5.1, "mg", "bid", 7),
             "oxymorphone.start.crcl_lt50", S::warning, V::warning},
            {"CrCl 50, new 5.1 mg bid", C().crcl(50).med("oxymorphone", 5.1, "mg", "bid", 7),
             "oxymorphone.start.crcl_lt50", silent, V::warning},
            {"CrCl 49.9, new 5 mg bid (at)", C().crcl(49.9).med("oxymorphone", 5, "mg", "bid", 7),
             "oxymorphone.start.crcl_lt50", silent, V::ok},
            {"hepatic mild, new 5.1 mg bid",
             C().hepatic(model::Hepatic::mild).med("oxymorphone", 5.1, "mg", "bid", 7),
             "oxymorphone.start.hepatic_mild", S::warning, V::warning},
            {"hepatic moderate (UNVERIFIED contraindication: warning)",
             cont("oxymorphone", 5, "bid").hepatic(model::Hepatic::moderate),
             "oxymorphone.hepatic.moderate_severe", S::warning, V::warning},
            {"hepatic mild", cont("oxymorphone", 5, "bid").hepatic(model::Hepatic::mild),
             "oxymorphone.hepatic.moderate_severe", silent, V::ok},
            {"oxymorphone + linezolid", cont("oxymorphone", 5, "bid").med("linezolid", 600, "mg", "bid"),
             "oxymorphone.maoi", S::violation, V::violation},
        });
    }

    TEST_CASE("methadone for pain: 10 mg per dose, 3 doses/day; new start 2.5 mg / 7.5 mg/day (warnings)") {
        check_table({
            {"10 mg daily (at; 47 MME)", cont("methadone", 10, "daily"), "methadone.single_max", silent,
             V::ok},
            {"9.9 mg daily (below)", cont("methadone", 9.9, "daily"), "methadone.single_max", silent, V::ok},
            {"10.1 mg daily (above)", cont("dolophine", 10.1, "daily"), "methadone.single_max", S::violation,
             V::violation},
            {"2.5 mg q8h = 3 doses (at)", cont("methadone", 2.5, "q8h"), "methadone.doses_per_day", silent,
             V::ok},
            {"2.5 mg q9h (below)", cont("methadone", 2.5, "q9h"), "methadone.doses_per_day", silent, V::ok},
            {"2.5 mg q7h = 3.4 doses (above)", cont("methadone", 2.5, "q7h"), "methadone.doses_per_day",
             S::violation, V::violation},
            {"new 2.5 mg q8h (at)", C().med("methadone", 2.5, "mg", "q8h", 7), "methadone.start.single",
             silent, V::ok},
            {"new 2.4 mg q8h (below)", C().med("methadone", 2.4, "mg", "q8h", 7), "methadone.start.single",
             silent, V::ok},
            {"new 2.6 mg bid (above)", C().med("methadone", 2.6, "mg", "bid", 7), "methadone.start.single",
             S::warning, V::warning},
            {"new 2.5 mg q8h = 7.5 (at)", C().med("methadone", 2.5, "mg", "q8h", 7), "methadone.start.daily",
             silent, V::ok},
            {"new 2.6 mg q8h = 7.8 (above)", C().med("methadone", 2.6, "mg", "q8h", 7),
             "methadone.start.daily", S::warning, V::warning},
            {"arrhythmia", cont("methadone", 2.5, "q8h").condition("arrhythmia"),
             "methadone.caution.arrhythmia", S::warning, V::warning},
            {"heart block", cont("methadone", 2.5, "q8h").condition("heart_block"),
             "methadone.caution.heart_block", S::warning, V::warning},
            {"hepatic mild", cont("methadone", 2.5, "q8h").hepatic(model::Hepatic::mild), "methadone.hepatic",
             S::warning, V::warning},
            {"methadone + ciprofloxacin",
             cont("methadone", 2.5, "q8h").med("ciprofloxacin", 500, "mg", "bid"),
             "methadone.strong_cyp1a2_inhibitor", S::warning, V::warning},
            {"methadone + phenelzine", cont("methadone", 2.5, "q8h").med("phenelzine", 15, "mg", "tid"),
             "methadone.maoi", S::violation, V::violation},
        });
    }

    TEST_CASE("fentanyl patch: contraindicated unless opioid-tolerant: the condition, or continuing opioids "
              ">= 60 MME/day (contract decisions 8 and 13)") {
        const std::string rule = "fentanyl.contra.not_opioid_tolerant";
        // 12 mcg/h = 28.8 MME; oxycodone x 1.5: 10 mg q6h = 60 MME, 9.9 mg q6h = 59.4; tramadol x 0.2
        check_table({
            {"new 12 mcg/h, no tolerance", patch("fentanyl", 12, "q72h"), rule, S::contraindicated,
             V::contraindicated},
            {"new Duragesic 12 mcg/h, no tolerance", patch("duragesic", 12, "q72h"), rule, S::contraindicated,
             V::contraindicated},
            {"new 12 mcg/h, opioid_tolerant", patch("fentanyl", 12, "q72h").condition("opioid_tolerant"),
             rule, silent, V::ok},
            {"new 12 mcg/h + continuing tramadol 50 mg bid (20 MME)",
             patch("fentanyl", 12, "q72h").med("tramadol", 50, "mg", "bid", 7).continuing(), rule,
             S::contraindicated, V::contraindicated},
            {"new 12 mcg/h + continuing oxycodone 10 mg q6h (60 MME, at)",
             patch("fentanyl", 12, "q72h").med("oxycodone", 10, "mg", "q6h", 7).continuing(), rule, silent,
             V::warning}, // 88.8 MME and two opioids: warnings
            {"new 12 mcg/h + continuing oxycodone 9.9 mg q6h (59.4 MME, below)",
             patch("fentanyl", 12, "q72h").med("oxycodone", 9.9, "mg", "q6h", 7).continuing(), rule,
             S::contraindicated, V::contraindicated},
            {"continuing oxycodone 10.1 mg q6h (60.6 MME, above) + new 12 mcg/h",
             C().med("oxycodone", 10.1, "mg", "q6h", 7).continuing().med("fentanyl", 12, "mcg/h", "q72h", 7),
             rule, silent, V::warning},
            {"continuing oxycodone 5 mg q6h (30 MME) + new 12 mcg/h",
             C().med("oxycodone", 5, "mg", "q6h", 7).continuing().med("fentanyl", 12, "mcg/h", "q72h", 7),
             rule, S::contraindicated, V::contraindicated},
            {"new 12 mcg/h + new oxycodone 10 mg q6h: not tolerant",
             patch("fentanyl", 12, "q72h").med("oxycodone", 10, "mg", "q6h", 7), rule, S::contraindicated,
             V::contraindicated},
            {"new 12 mcg/h + continuing ibuprofen: not an opioid",
             patch("fentanyl", 12, "q72h").med("ibuprofen", 400, "mg", "tid").continuing(), rule,
             S::contraindicated, V::contraindicated},
            {"continuing 12 mcg/h patch alone (28.8 MME)", patch("fentanyl", 12, "q72h", true), rule,
             S::contraindicated, V::contraindicated},
            {"continuing 25 mcg/h patch alone (60 MME, at)", patch("fentanyl", 25, "q72h", true), rule,
             silent, V::warning},
        });
    }

    TEST_CASE(
        "hydromorphone ER: tolerant-only warning unless continuing opioids >= 60 MME/day (decision 13)") {
        const std::string rule = "hydromorphone_er.opioid_tolerant_only";
        check_table({
            {"new 8 mg daily, no tolerance", C().med("hydromorphone_er", 8, "mg", "daily", 7), rule,
             S::warning, V::warning},
            {"+ continuing tramadol 50 mg bid (20 MME)",
             C().med("hydromorphone_er", 8, "mg", "daily", 7)
                 .med("tramadol", 50, "mg", "bid", 7)
                 .continuing(),
             rule, S::warning, V::warning},
            {"+ continuing morphine 60 mg/day (60 MME, at)",
             C().med("hydromorphone_er", 8, "mg", "daily", 7)
                 .med("morphine", 15, "mg", "q6h", 7)
                 .continuing(),
             rule, silent, V::violation},
        });
    }

    TEST_CASE("fentanyl patch: 100 mcg/h (warning above), new start 12 mcg/h (warning)") {
        // >= 37.5 mcg/h is >= 90 MME: a violation by MME whatever the patch rule says
        check_table({
            {"100 mcg/h (at; 240 MME)", patch("fentanyl", 100, "q72h", true), "fentanyl.rate_max", silent,
             V::violation},
            {"99.9 mcg/h (below)", patch("fentanyl", 99.9, "q72h", true), "fentanyl.rate_max", silent,
             V::violation},
            {"100.1 mcg/h (above)", patch("fentanyl", 100.1, "q72h", true), "fentanyl.rate_max", S::warning,
             V::violation},
            {"tolerant, new 12 mcg/h (at)", patch("fentanyl", 12, "q72h").condition("opioid_tolerant"),
             "fentanyl.start.rate", silent, V::ok},
            {"tolerant, new 11.9 mcg/h (below)", patch("fentanyl", 11.9, "q72h").condition("opioid_tolerant"),
             "fentanyl.start.rate", silent, V::ok},
            {"tolerant, new 12.1 mcg/h (above)", patch("fentanyl", 12.1, "q72h").condition("opioid_tolerant"),
             "fentanyl.start.rate", S::warning, V::warning},
            {"continuing 25 mcg/h", patch("fentanyl", 25, "q72h", true), "fentanyl.start.rate", silent,
             V::warning},
        });
    }

    TEST_CASE("fentanyl patch MME: 2.4 per mcg/h; q72h does not multiply the rate") {
        for (const double rate : {12.0, 25.0, 37.5, 50.0}) {
            const auto r = patch("fentanyl", rate, "q72h", true).check();
            INFO("fentanyl ", rate, " mcg/h | findings: ", test::list_findings(r));
            REQUIRE(r.total_mme.has_value());
            CHECK(*r.total_mme == doctest::Approx(rate * 2.4));
        }
    }

    TEST_CASE("buprenorphine patch: 20 mcg/h (violation), start 5 mcg/h (warning); buccal 900 mcg / 1800 mcg "
              "per day") {
        check_table({
            {"20 mcg/h weekly (at)", patch("buprenorphine_patch", 20, "weekly", true),
             "buprenorphine_patch.rate_max", silent, V::ok},
            {"19.9 mcg/h (below)", patch("buprenorphine_patch", 19.9, "weekly", true),
             "buprenorphine_patch.rate_max", silent, V::ok},
            {"20.1 mcg/h (above)", patch("butrans", 20.1, "weekly", true), "buprenorphine_patch.rate_max",
             S::violation, V::violation},
            {"new 5 mcg/h (at)", patch("buprenorphine_patch", 5, "weekly"), "buprenorphine_patch.start.rate",
             silent, V::ok},
            {"new 4.9 mcg/h (below)", patch("buprenorphine_patch", 4.9, "weekly"),
             "buprenorphine_patch.start.rate", silent, V::ok},
            {"new 5.1 mcg/h (above)", patch("buprenorphine_patch", 5.1, "weekly"),
             "buprenorphine_patch.start.rate", S::warning, V::warning},
            {"patch, arrhythmia", patch("buprenorphine_patch", 10, "weekly", true).condition("arrhythmia"),
             "buprenorphine_patch.caution.arrhythmia", S::warning, V::warning},
            {"patch, severe hepatic",
             patch("buprenorphine_patch", 10, "weekly", true).hepatic(model::Hepatic::severe),
             "buprenorphine_patch.hepatic.severe", S::warning, V::warning},
        });
        const auto buccal = [](double mcg, const char* frequency) {
            return C().med("buprenorphine_buccal", mcg, "mcg", frequency, 7).continuing();
        };
        check_table({
            {"buccal 900 mcg q12h (at)", buccal(900, "q12h"), "buprenorphine_buccal.single_max", silent,
             V::ok},
            {"buccal 899 mcg q12h (below)", buccal(899, "q12h"), "buprenorphine_buccal.single_max", silent,
             V::ok},
            {"buccal 901 mcg daily (above)", buccal(901, "daily"), "buprenorphine_buccal.single_max",
             S::violation, V::violation},
            {"buccal 900 mcg q12h = 1800 (at)", buccal(900, "q12h"), "buprenorphine_buccal.daily_max", silent,
             V::ok},
            {"buccal 899 mcg q12h (below)", buccal(899, "q12h"), "buprenorphine_buccal.daily_max", silent,
             V::ok},
            {"buccal 901 mcg q12h = 1802 (above)", buccal(901, "q12h"), "buprenorphine_buccal.daily_max",
             S::violation, V::violation},
            {"buccal 75 mcg q12h = 2 doses (at)", buccal(75, "q12h"), "buprenorphine_buccal.doses_per_day",
             silent, V::ok},
            {"buccal 75 mcg q13h (below)", buccal(75, "q13h"), "buprenorphine_buccal.doses_per_day", silent,
             V::ok},
            {"buccal 75 mcg q8h (above)", buccal(75, "q8h"), "buprenorphine_buccal.doses_per_day",
             S::violation, V::violation},
            {"buccal new 75 mcg q12h (at)", C().med("belbuca", 75, "mcg", "q12h", 7),
             "buprenorphine_buccal.start.single", silent, V::ok},
            {"buccal new 76 mcg q12h (above)", C().med("buprenorphine_buccal", 76, "mcg", "q12h", 7),
             "buprenorphine_buccal.start.single", S::warning, V::warning},
            {"buccal new 75 mcg q12h = 150 (at)", C().med("buprenorphine_buccal", 75, "mcg", "q12h", 7),
             "buprenorphine_buccal.start.daily", silent, V::ok},
            {"buccal new 75 mcg q8h = 225 (above)", C().med("buprenorphine_buccal", 75, "mcg", "q8h", 7),
             "buprenorphine_buccal.start.daily", S::warning, V::violation},
        });
    }

    TEST_CASE("buprenorphine is excluded from the MME sum, with an info finding") {
        const auto alone = patch("buprenorphine_patch", 20, "weekly", true).check();
        INFO(test::list_findings(alone));
        CHECK(test::only(alone, "mme.buprenorphine.excluded").severity == S::info);
        CHECK_FALSE(alone.total_mme.has_value());
        CHECK(alone.verdict == V::ok);

        const auto buccal = C().med("buprenorphine_buccal", 900, "mcg", "q12h", 7).continuing().check();
        CHECK(test::only(buccal, "mme.buprenorphine.excluded").severity == S::info);
        CHECK_FALSE(buccal.total_mme.has_value());

        // with oxycodone 5 mg q6h (30 MME): the total is oxycodone's alone
        const auto mixed = patch("buprenorphine_patch", 10, "weekly", true)
                               .med("oxycodone", 5, "mg", "q6h", 7)
                               .continuing()
                               .check();
        INFO(test::list_findings(mixed));
        REQUIRE(mixed.total_mme.has_value());
        CHECK(*mixed.total_mme == doctest::Approx(30));
        CHECK(test::has_rule(mixed, "mme.buprenorphine.excluded"));
        CHECK(test::only(mixed, "mme.total").message.find("buprenorphine") == std::string::npos);
    }

    TEST_CASE("opioid course longer than 7 days: warning for acute low back pain only") {
        const std::string rule = "opioid.duration_max.acute_low_back_pain";
        const auto tap = [](std::optional<double> days) {
            return C().med("tapentadol", 50, "mg", "bid", days).continuing();
        };
        check_table({
            {"7 days (at)", tap(7), rule, silent, V::ok},
            {"6 days (below)", tap(6), rule, silent, V::ok},
            {"8 days (above)", tap(8), rule, S::warning, V::warning},
            {"duration not stated", tap(std::nullopt), rule, S::warning, V::warning},
            {"methadone 8 days", C().med("methadone", 2.5, "mg", "q8h", 8).continuing(), rule, S::warning,
             V::warning},
            {"fentanyl 25 mcg/h 9 days", C().med("fentanyl", 25, "mcg/h", "q72h", 9).continuing(), rule,
             S::warning, V::warning},
            {"chronic low back pain, 30 days", tap(30).indication("chronic_low_back_pain"), rule, silent,
             V::ok},
            {"radicular pain, 30 days", tap(30).indication("radicular_pain"), rule, silent, V::ok},
            {"no indication, 30 days", tap(30).indication(std::nullopt), rule, silent, V::ok},
            {"cancer pain, 30 days", tap(30).indication("cancer_pain"), rule, silent, V::ok},
        });
    }

    TEST_CASE("hydromorphone 4 mg per dose: not for opioid-tolerant patients") {
        const std::string rule = "hydromorphone.single_max";
        // daily dosing: 4 mg = 20 MME
        check_table({
            {"4 mg daily (at)", cont("hydromorphone", 4, "daily"), rule, silent, V::ok},
            {"3.9 mg daily (below)", cont("hydromorphone", 3.9, "daily"), rule, silent, V::ok},
            {"4.1 mg daily (above)", cont("dilaudid", 4.1, "daily"), rule, S::violation, V::violation},
            {"4.1 mg daily, opioid_tolerant",
             cont("hydromorphone", 4.1, "daily").condition("opioid_tolerant"), rule, silent, V::ok},
            {"8 mg daily, opioid_tolerant (40 MME)",
             cont("hydromorphone", 8, "daily").condition("opioid_tolerant"), rule, silent, V::ok},
        });
    }

    TEST_CASE("two fentanyl patches add up for the 100 mcg/h rate (decision 14)") {
        const auto two = [](double first, double second) {
            return patch("fentanyl", first, "q72h", true)
                .med("fentanyl", second, "mcg/h", "q72h", 7)
                .continuing();
        };
        // every row is >= 90 MME: a violation by MME whatever the patch rule says
        check_table({
            {"50 + 50 = 100 mcg/h (at)", two(50, 50), "fentanyl.rate_max", silent, V::violation},
            {"50 + 49.9 = 99.9 mcg/h (below)", two(50, 49.9), "fentanyl.rate_max", silent, V::violation},
            {"50 + 50.1 = 100.1 mcg/h (above)", two(50, 50.1), "fentanyl.rate_max", S::warning, V::violation},
        });
    }
}
