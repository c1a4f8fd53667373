#include <medcheck/units/frequency.hpp>

#include <doctest/doctest.h>

using namespace medcheck::units;

TEST_SUITE("units::frequency") {
    TEST_CASE("contract vocabulary gives doses per day") {
        CHECK(parse_frequency("daily")->doses_per_day == 1);
        CHECK(parse_frequency("qd")->doses_per_day == 1);
        CHECK(parse_frequency("qhs")->doses_per_day == 1);
        CHECK(parse_frequency("bid")->doses_per_day == 2);
        CHECK(parse_frequency("q12h")->doses_per_day == 2);
        CHECK(parse_frequency("tid")->doses_per_day == 3);
        CHECK(parse_frequency("q8h")->doses_per_day == 3);
        CHECK(parse_frequency("qid")->doses_per_day == 4);
        CHECK(parse_frequency("q6h")->doses_per_day == 4);
        CHECK(parse_frequency("q4h")->doses_per_day == 6);
        CHECK(parse_frequency("q24h")->doses_per_day == 1);
        CHECK(parse_frequency("weekly")->doses_per_day == doctest::Approx(1.0 / 7.0));
    }
    TEST_CASE("q4-6h counts the shortest interval") {
        const auto f = parse_frequency("q4-6h");
        REQUIRE(f);
        CHECK(f->doses_per_day == 6);
        CHECK(f->canonical == "q4-6h");
    }
    TEST_CASE("once is a single administration") {
        const auto f = parse_frequency("once");
        REQUIRE(f);
        CHECK(f->single_administration);
        CHECK(f->doses_per_day == 1);
    }
    TEST_CASE("case and dots are ignored") {
        CHECK(parse_frequency("Q.I.D.")->doses_per_day == 4);
        CHECK(parse_frequency("BID")->canonical == "bid");
    }
    TEST_CASE("q72h patch interval") {
        CHECK(parse_frequency("q72h")->doses_per_day == doctest::Approx(1.0 / 3.0));
    }
    TEST_CASE("unknown frequencies are rejected") {
        CHECK_FALSE(parse_frequency("sometimes"));
        CHECK_FALSE(parse_frequency("q0h"));
        CHECK_FALSE(parse_frequency("q6-4h"));
        CHECK_FALSE(parse_frequency("qxh"));
        CHECK_FALSE(parse_frequency(""));
    }
}
