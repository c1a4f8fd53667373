#include <medcheck/util/error.hpp>

#include "support/layout_run.hpp"

#include <doctest/doctest.h>

using namespace medcheck;

TEST_SUITE("layouts::claims") {
    TEST_CASE("claims: daily dose = quantity x strength / days supply, window = fill date + days supply") {
        for (const char* map : {"ndc_map.csv", "concept_ndc.csv"}) {
            CAPTURE(map);
            layouts::LayoutOptions options;
            options.ndc_map = test::layout_data("claims") + "/" + map;
            const auto run = test::run_layout(layouts::Layout::claims,
                                              test::layout_data("claims") + "/claims.csv", options);
            const std::string& f = run.findings;
            CHECK(run.counts.medication_orders == 5);
            CHECK(run.counts.skipped == 0);
            // C1: 240 x 500 / 30 = 4000 mg/day. C2 (March, 1500 mg/day) does not overlap C1 (January).
            CHECK(test::lines_with(f, {"claims.csv:2", "max_daily_dose", "\"actual\":4000"}).size() == 1);
            CHECK(test::lines_with(f, {"cumulative_ingredient"}).empty());
            CHECK(test::lines_with(f, {"\"actual\":5500"}).empty());
            // An NDC the map does not name is an unknown drug, never out of scope.
            CHECK(test::lines_with(f, {"claims.csv:5", "unknown_drug", "NDC 99999999999"}).size() == 1);
            CHECK(run.counts.out_of_scope_by_drug.empty());
            // Age from the NCPDP date of birth (63 on 2024-01-01): no missing-age finding for M1.
            CHECK(test::lines_with(f, {"\"patient_id\":\"M1\"", "patient.age not given"}).empty());
            CHECK(test::lines_with(f, {"\"patient_id\":\"M2\"", "patient.age not given"}).size() == 1);
            // An unreadable fill date: a finding, and the claim stays concurrent.
            CHECK(test::lines_with(f, {"claims.csv:6", "fill_date", "unverifiable"}).size() == 1);
        }
    }

    TEST_CASE("claims need --ndc-map") {
        CHECK_THROWS_AS(
            test::run_layout(layouts::Layout::claims, test::layout_data("claims") + "/claims.csv"),
            util::Error);
    }
}
