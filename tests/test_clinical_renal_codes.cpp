// Renal function and coded conditions: Cockcroft-Gault CrCl from serum creatinine (worked by hand:
// ((140 - age) x weight) / (72 x SCr), x 0.85 if female) driving the gabapentin renal bands, conditions
// given as ICD-10-CM codes, and the missing-renal-function policy (contract decision 3) for gabapentin
// and pregabalin (seed 05, 40). Gabapentin orders are continuing (no start-dose findings).
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

// A patient without a given CrCl: Cockcroft-Gault from these inputs.
CaseBuilder cg(double age, double weight, model::Sex sex, double scr) {
    return C().crcl(std::nullopt).age(age).weight(weight).sex(sex).scr(scr);
}

CaseBuilder gaba(CaseBuilder c, double dose, const char* frequency) {
    c.med("gabapentin", dose, "mg", frequency).continuing();
    return c;
}

const model::Sex F = model::Sex::female;
const model::Sex M = model::Sex::male;

} // namespace

TEST_SUITE("clinical::renal_codes") {
    TEST_CASE("Cockcroft-Gault worked values") {
        struct Worked {
            double age;
            double weight;
            model::Sex sex;
            double scr;
            double expected;
        };
        for (const Worked& w : {
                 Worked{70, 60, F, 1.2, (70.0 * 60.0) / (72.0 * 1.2) * 0.85}, // 41.32
                 Worked{40, 70, M, 1.0, 7000.0 / 72.0},                       // 97.22
                 Worked{80, 72, M, 2.0, 30},                                  // 60 x 72 / 144
                 Worked{80, 72, F, 2.0, 25.5},                                // 30 x 0.85
                 Worked{80, 72, M, 1.0, 60}, Worked{80, 36, M, 2.0, 15},
                 Worked{85, 45, F, 2.5, 55.0 * 45.0 / 180.0 * 0.85}, // 11.69
             }) {
            const auto r = gaba(cg(w.age, w.weight, w.sex, w.scr), 100, "tid").check();
            INFO(w.age, " y, ", w.weight, " kg, SCr ", w.scr, " | findings: ", test::list_findings(r));
            REQUIRE(r.patient.crcl_ml_min.has_value());
            CHECK(*r.patient.crcl_ml_min == doctest::Approx(w.expected));
        }
        // a given CrCl is used as-is, whatever the creatinine says
        const auto given = gaba(C().crcl(100).scr(5.0), 100, "tid").check();
        REQUIRE(given.patient.crcl_ml_min.has_value());
        CHECK(*given.patient.crcl_ml_min == doctest::Approx(100));
    }

    TEST_CASE("Cockcroft-Gault CrCl drives the gabapentin renal bands") {
        check_table({
            // 70 y, 60 kg, female, SCr 1.2 -> 41.3 mL/min: band [30, 60), 1400 mg/day
            {"41.3 mL/min, 700 mg bid (at)", gaba(cg(70, 60, F, 1.2), 700, "bid"),
             "gabapentin.renal.crcl_30_59", silent, V::ok},
            {"41.3 mL/min, 699.9 mg bid (below)", gaba(cg(70, 60, F, 1.2), 699.9, "bid"),
             "gabapentin.renal.crcl_30_59", silent, V::ok},
            {"41.3 mL/min, 700.1 mg bid (above)", gaba(cg(70, 60, F, 1.2), 700.1, "bid"),
             "gabapentin.renal.crcl_30_59", S::violation, V::violation},
            {"same patient as a man: 48.6 mL/min, 700.1 mg bid", gaba(cg(70, 60, M, 1.2), 700.1, "bid"),
             "gabapentin.renal.crcl_30_59", S::violation, V::violation},
            // 80 y, 72 kg, male, SCr 2.0 -> exactly 30: the [30, 60) band
            {"30 mL/min, 700.1 mg bid", gaba(cg(80, 72, M, 2.0), 700.1, "bid"), "gabapentin.renal.crcl_30_59",
             S::violation, V::violation},
            {"30 mL/min, 700.1 mg bid: not the 15-29 band", gaba(cg(80, 72, M, 2.0), 700.1, "bid"),
             "gabapentin.renal.crcl_15_29", silent, V::violation},
            // the same man as a woman: 25.5 -> [15, 30), 700 mg/day
            {"25.5 mL/min, 700 mg daily (at)", gaba(cg(80, 72, F, 2.0), 700, "daily"),
             "gabapentin.renal.crcl_15_29", silent, V::ok},
            {"25.5 mL/min, 700.1 mg daily (above)", gaba(cg(80, 72, F, 2.0), 700.1, "daily"),
             "gabapentin.renal.crcl_15_29", S::violation, V::violation},
            // 80 y, 72 kg, male, SCr 1.0 -> exactly 60: no renal band
            {"60 mL/min, 1200 mg tid", gaba(cg(80, 72, M, 1.0), 1200, "tid"), "gabapentin.renal.crcl_30_59",
             silent, V::ok},
            // 80 y, 36 kg, male, SCr 2.0 -> exactly 15: [15, 30)
            {"15 mL/min, 700.1 mg daily", gaba(cg(80, 36, M, 2.0), 700.1, "daily"),
             "gabapentin.renal.crcl_15_29", S::violation, V::violation},
            {"15 mL/min, 300.1 mg daily: not the < 15 band", gaba(cg(80, 36, M, 2.0), 300.1, "daily"),
             "gabapentin.renal.crcl_lt15", silent, V::ok},
            // 85 y, 45 kg, female, SCr 2.5 -> 11.7: < 15, 300 mg/day
            {"11.7 mL/min, 300 mg daily (at)", gaba(cg(85, 45, F, 2.5), 300, "daily"),
             "gabapentin.renal.crcl_lt15", silent, V::ok},
            {"11.7 mL/min, 299.9 mg daily (below)", gaba(cg(85, 45, F, 2.5), 299.9, "daily"),
             "gabapentin.renal.crcl_lt15", silent, V::ok},
            {"11.7 mL/min, 300.1 mg daily (above)", gaba(cg(85, 45, F, 2.5), 300.1, "daily"),
             "gabapentin.renal.crcl_lt15", S::violation, V::violation},
        });
    }

    TEST_CASE("conditions as ICD-10-CM codes map to the condition vocabulary") {
        check_table({
            {"I50.9 -> heart_failure", C().condition("I50.9").med("cyclobenzaprine", 5, "mg", "tid", 7),
             "cyclobenzaprine.contra.heart_failure", S::contraindicated, V::contraindicated},
            {"icd10cm:I50.22 -> heart_failure",
             C().condition("icd10cm:I50.22").med("cyclobenzaprine", 5, "mg", "tid", 7),
             "cyclobenzaprine.contra.heart_failure", S::contraindicated, V::contraindicated},
            {"I50 -> heart_failure (category)",
             C().condition("I50").med("pregabalin", 75, "mg", "bid").continuing(),
             "pregabalin.caution.heart_failure", S::warning, V::warning},
            {"i50.9 (lower case) -> heart_failure",
             C().condition("i50.9").med("pregabalin", 75, "mg", "bid").continuing(),
             "pregabalin.caution.heart_failure", S::warning, V::warning},
            {"N18.4 -> ckd", C().condition("N18.4").med("ibuprofen", 400, "mg", "tid"), "nsaid.caution.ckd",
             S::warning, V::warning},
            {"icd10:N18.30 -> ckd", C().condition("icd10:N18.30").med("ibuprofen", 400, "mg", "tid"),
             "nsaid.caution.ckd", S::warning, V::warning},
            {"I21.4 -> recent MI", C().condition("I21.4").med("amitriptyline", 10, "mg", "qhs"),
             "amitriptyline.contra.recent_myocardial_infarction", S::contraindicated, V::contraindicated},
            {"I25.2 -> past MI, not recent", C().condition("I25.2").med("amitriptyline", 10, "mg", "qhs"),
             "amitriptyline.contra.recent_myocardial_infarction", silent, V::warning},
            {"G40.909 -> seizure_disorder", C().condition("G40.909").med("baclofen", 5, "mg", "tid"),
             "baclofen.caution.seizure_disorder", S::warning, V::warning},
            {"J44.9 -> copd", C().condition("J44.9").med("gabapentin", 300, "mg", "tid").continuing(),
             "gabapentinoid.caution.copd", S::warning, V::warning},
            {"E05.90 -> hyperthyroidism", C().condition("E05.90").med("cyclobenzaprine", 5, "mg", "tid", 7),
             "cyclobenzaprine.contra.hyperthyroidism", S::contraindicated, V::contraindicated},
            {"F11.20 -> opioid_use_disorder",
             C().condition("F11.20").med("carisoprodol", 350, "mg", "tid", 7),
             "carisoprodol.caution.opioid_use_disorder", S::warning, V::warning},
        });
        // the vocabulary key and its code give one condition, one finding
        const auto both = C().condition("heart_failure")
                              .condition("I50.9")
                              .med("pregabalin", 75, "mg", "bid")
                              .continuing()
                              .check();
        CHECK(test::fired(both, "pregabalin.caution.heart_failure").size() == 1);
    }

    TEST_CASE("an unknown code is invalid_input (unverifiable), and no rule guesses") {
        for (const char* code : {"X99.9", "icd10cm:Q99.9", "loinc:1234-5", "heart failure"}) {
            const auto r = C().condition(code).med("cyclobenzaprine", 5, "mg", "tid", 7).check();
            INFO(code, " | findings: ", test::list_findings(r));
            const auto f = test::only(r, "input.patient.conditions");
            CHECK(f.kind == "invalid_input");
            CHECK(f.severity == S::unverifiable);
            CHECK_FALSE(test::has_rule(r, "cyclobenzaprine.contra.heart_failure"));
            CHECK(r.verdict == V::unverifiable);
        }
    }

    TEST_CASE("missing renal function (contract decision 3): gabapentin and pregabalin") {
        const std::string rule = "missing.crcl";
        const auto none = [] { return C().crcl(std::nullopt); };
        check_table({
            {"40 y, 100 mg tid: info (assumed adequate)", gaba(none(), 100, "tid"), rule, S::info, V::ok},
            {"64 y, 100 mg tid: info", gaba(none().age(64), 100, "tid"), rule, S::info, V::ok},
            {"65 y, 100 mg tid: unverifiable", gaba(none().age(65), 100, "tid"), rule, S::unverifiable,
             V::unverifiable},
            {"70 y, 100 mg tid: unverifiable", gaba(none().age(70), 100, "tid"), rule, S::unverifiable,
             V::unverifiable},
            {"40 y with ckd: unverifiable", gaba(none().condition("ckd"), 100, "tid"), rule, S::unverifiable,
             V::unverifiable},
            {"40 y with N18.4 (ckd): unverifiable", gaba(none().condition("N18.4"), 100, "tid"), rule,
             S::unverifiable, V::unverifiable},
            {"40 y with heart failure: unverifiable", gaba(none().condition("heart_failure"), 100, "tid"),
             rule, S::unverifiable, V::unverifiable},
            // the lowest band (< 15) allows 300 mg/day: the usual 900-3600 mg/day is unverifiable at any age
            {"40 y, 300 mg tid = 900: unverifiable (above the lowest band)", gaba(none(), 300, "tid"), rule,
             S::unverifiable, V::unverifiable},
            {"40 y, 100 mg tid = 300 (at the lowest band's limit): info", gaba(none(), 100, "tid"), rule,
             S::info, V::ok},
            {"40 y, 99.9 mg tid (below): info", gaba(none(), 99.9, "tid"), rule, S::info, V::ok},
            {"40 y, 100.1 mg tid = 300.3 (above): unverifiable", gaba(none(), 100.1, "tid"), rule,
             S::unverifiable, V::unverifiable},
            {"40 y, SCr but no weight: no Cockcroft-Gault",
             gaba(none().scr(1.0).weight(std::nullopt), 100, "tid"), rule, S::info, V::ok},
            {"70 y, SCr but no sex: unverifiable",
             gaba(none().age(70).scr(1.0).sex(model::Sex::absent), 100, "tid"), rule, S::unverifiable,
             V::unverifiable},
            {"70 y with SCr, weight and sex: Cockcroft-Gault, nothing missing",
             gaba(none().age(70).scr(1.0), 100, "tid"), rule, silent, V::ok},
            // pregabalin: the lowest band allows 75 mg/day
            {"pregabalin 40 y, 25 mg tid = 75 (at): info",
             none().med("pregabalin", 25, "mg", "tid").continuing(), rule, S::info, V::ok},
            {"pregabalin 40 y, 25.1 mg tid (above): unverifiable",
             none().med("pregabalin", 25.1, "mg", "tid").continuing(), rule, S::unverifiable,
             V::unverifiable},
            {"pregabalin 70 y, 25 mg tid: unverifiable",
             none().age(70).med("pregabalin", 25, "mg", "tid").continuing(), rule, S::unverifiable,
             V::unverifiable},
            {"CrCl given: nothing missing", gaba(C().crcl(100), 300, "tid"), rule, silent, V::ok},
        });
    }
}
