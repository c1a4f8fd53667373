#include <medcheck/util/error.hpp>

#include "support/layout_run.hpp"

#include <doctest/doctest.h>

using namespace medcheck;

TEST_SUITE("layouts::mimic") {
    TEST_CASE("MIMIC-IV tables are joined and checked on the time axis") {
        const auto run = test::run_layout(layouts::Layout::mimic_iv, test::layout_data("mimic-iv"));
        const std::string& f = run.findings;
        REQUIRE(run.inputs.size() == 6); // patients, labevents, omr, diagnoses_icd, pharmacy, prescriptions
        CHECK(run.inputs.back().prefix == "prescriptions.csv.gz:");
        CHECK(run.inputs.back().sha256.size() == 64);
        // Records: 2 patients + 3 creatinine (1 unusable) + 2 weights + 4 diagnoses + 8 prescriptions.
        CHECK(run.counts.read == 19);
        CHECK(run.counts.medication_orders == 8);
        CHECK(run.counts.rejected == 0);
        CHECK(run.counts.skipped_by_reason.at("diagnosis code maps to no condition") == 2);
        CHECK(run.counts.out_of_scope_by_drug.at("metformin (glucophage)") == 1);

        SUBCASE("only overlapping orders are summed") {
            // Lines 2 and 4 overlap (2000 + 2000 mg/day); line 3, a week later, is never added to them.
            CHECK(test::lines_with(f, {"acetaminophen 2000 mg/day + acetaminophen 2000 mg/day"}).size() == 1);
            CHECK(test::lines_with(f, {"2000 mg/day + acetaminophen 2000 mg/day + acetaminophen"}).empty());
            CHECK(test::lines_with(f, {"\"actual\":6000"}).empty());
        }
        SUBCASE("patient factors as of the order: creatinine 3.0 from day 9 for gabapentin from day 10") {
            const auto renal = test::lines_with(f, {"\"record\":\"prescriptions.csv.gz:5\"",
                                                    "\"kind\":\"renal\"", "\"severity\":\"violation\""});
            REQUIRE(renal.size() == 1);
            CHECK(renal[0].find("\"actual\":900,\"limit\":700") != std::string::npos);
        }
        SUBCASE("ASDIR is unverifiable with the reason, once") {
            CHECK(test::lines_with(f, {"prescriptions.csv.gz:6", "unverifiable", "(as directed)"}).size() ==
                  1);
            // The checker does not report the same frequency again as "unknown frequency 'ASDIR'".
            CHECK(test::lines_with(f, {"prescriptions.csv.gz:6"}).size() == 1);
        }
        SUBCASE("Q4H:PRN with a dose range 5-10 mg is read at its worst case: 10 mg q4h") {
            CHECK(test::lines_with(f, {"prescriptions.csv.gz:8", "start_dose", "\"actual\":60"}).size() == 1);
            CHECK(
                test::lines_with(f, {"\"patient_id\":\"200\"", "\"kind\":\"mme\"", "\"actual\":90"}).size() ==
                1);
        }
        SUBCASE("an unreadable starttime is a finding and the order stays concurrent") {
            CHECK(test::lines_with(f, {"prescriptions.csv.gz:9", "starttime", "unverifiable"}).size() == 1);
        }
        SUBCASE("a pharmacy frequency lower than doses_per_24_hrs: the higher, unverifiable") {
            // Line 9: pharmacy DAILY, doses_per_24_hrs 3 (ibuprofen 400 mg: 1200 mg/day is checked).
            CHECK(test::lines_with(f, {"prescriptions.csv.gz:9", "unverifiable",
                                       "pharmacy frequency 'daily' is 1 a day but doses_per_24_hrs is 3"})
                      .size() == 1);
            // Agreeing (lines 2-5) or only one of them given: no such finding.
            CHECK(test::lines_with(f, {"doses_per_24_hrs is"}).size() == 1);
        }
        SUBCASE("ICD-9 and ICD-10 diagnoses map to conditions") {
            // 200 has I10 (hypertension): the NSAID caution fires.
            CHECK(test::lines_with(f, {"\"patient_id\":\"200\"", "ibuprofen", "hypertension"}).size() == 1);
        }
    }

    TEST_CASE("the same bytes for any number of jobs") {
        const auto one = test::run_layout(layouts::Layout::mimic_iv, test::layout_data("mimic-iv"), {}, 1);
        const auto four = test::run_layout(layouts::Layout::mimic_iv, test::layout_data("mimic-iv"), {}, 4);
        CHECK(one.findings == four.findings);
    }

    TEST_CASE("a directory without prescriptions cannot be opened") {
        CHECK_THROWS_AS(test::run_layout(layouts::Layout::mimic_iv, test::layout_data("omop")), util::Error);
    }
}
