#include <medcheck/model/severity.hpp>

#include <doctest/doctest.h>

using namespace medcheck::model;

TEST_SUITE("model::severity") {
    TEST_CASE("to_string and parse_severity are inverses") {
        for (const Severity severity : k_severities_worst_first) {
            CHECK(parse_severity(to_string(severity)) == severity);
        }
        CHECK(to_string(Severity::info) == "info");
        CHECK(to_string(Severity::warning) == "warning");
        CHECK(to_string(Severity::unverifiable) == "unverifiable");
        CHECK(to_string(Severity::violation) == "violation");
        CHECK(to_string(Severity::contraindicated) == "contraindicated");
    }

    TEST_CASE("an unknown or empty spelling is nullopt") {
        CHECK_FALSE(parse_severity(""));
        CHECK_FALSE(parse_severity("Warning"));
        CHECK_FALSE(parse_severity("ok")); // a verdict, not a severity
        CHECK_FALSE(parse_severity("error"));
    }

    TEST_CASE("the verdict is the worst severity above info") {
        CHECK(verdict_for(std::nullopt) == Verdict::ok);
        CHECK(verdict_for(Severity::info) == Verdict::ok);
        CHECK(verdict_for(Severity::unverifiable) == Verdict::unverifiable);
        CHECK(to_string(verdict_for(Severity::contraindicated)) == "contraindicated");
    }
}
