#include "support/layout_run.hpp"

#include <doctest/doctest.h>

using namespace medcheck;

TEST_SUITE("layouts::omop") {
    TEST_CASE("OMOP CDM: dose from sig, else quantity x strength / days supply, else unverifiable") {
        const auto run = test::run_layout(layouts::Layout::omop, test::layout_data("omop"));
        const std::string& f = run.findings;
        CHECK(run.counts.medication_orders == 6);
        CHECK(run.counts.rejected == 0);
        CHECK(run.counts.skipped_by_reason.at("diagnosis code maps to no condition") == 1); // R51

        // Exposure 11 (line 2): 650 mg q6h from the sig = 2600 mg/day: no daily finding.
        CHECK(test::lines_with(f, {"DRUG_EXPOSURE.csv:2", "max_daily_dose"}).empty());
        // Exposure 12 (line 3): 240 x 500 mg / 30 days = 4000 mg/day; with 13 below, the daily limit is
        // on the sum (decision 14), which the cumulative finding already reports: not said twice.
        CHECK(test::lines_with(f, {"DRUG_EXPOSURE.csv:3", "max_daily_dose"}).empty());
        // Exposure 13 overlaps 12: 6 tablets of 5/325 a day add 1950 mg acetaminophen; 11 (February) does
        // not.
        CHECK(test::lines_with(f, {"cumulative_ingredient", "\"actual\":5950"}).size() == 1);
        CHECK(test::lines_with(f, {"cumulative_ingredient", "2600"}).empty());
        // Exposure 15 (line 6): a sig that is not read whole ("may double": ambiguous) was dropped in
        // silence for the supply's average; now it is named, and the supply still checked.
        CHECK(test::lines_with(f,
                               {"DRUG_EXPOSURE.csv:6", "unverifiable", "was not read whole (ambiguous: 'may'",
                                "the amount dispensed a day was checked"})
                  .size() == 1);
        // Exposure 16 (line 7): different doses at different times of day add up: 2 + 2 + 1 + 2 = 7 tablets
        // of 500 mg = 3500 mg/day (the largest dose at every time would be 4000).
        CHECK(test::lines_with(f, {"DRUG_EXPOSURE.csv:7", "max_daily_dose", "\"actual\":3500"}).size() == 1);
        // Exposure 14 (line 5): neither sig nor quantity.
        CHECK(test::lines_with(f, {"DRUG_EXPOSURE.csv:5", "unverifiable", "no readable sig"}).size() == 1);
        // K25.9 through its source concept: peptic ulcer caution for ibuprofen; creatinine and weight
        // from MEASUREMENT give CrCl (female, 73 in 2024): 55.4 mL/min.
        CHECK(test::lines_with(f, {"DRUG_EXPOSURE.csv:5", "peptic ulcer"}).size() == 1);
        CHECK(
            test::lines_with(f, {"DRUG_EXPOSURE.csv:5", "\"kind\":\"renal\"", "\"actual\":55.3681"}).size() ==
            1);
        CHECK(test::lines_with(f, {"\"kind\":\"beers\"", "\"actual\":73"}).size() == 1);
    }
}
