#include <medcheck/model/hepatic.hpp>

#include <doctest/doctest.h>

using namespace medcheck::model;

TEST_SUITE("model::hepatic") {
    TEST_CASE("to_string and parse_hepatic are inverses, absent included") {
        for (const Hepatic grade :
             {Hepatic::absent, Hepatic::none, Hepatic::mild, Hepatic::moderate, Hepatic::severe}) {
            CHECK(parse_hepatic(to_string(grade)) == grade);
            CHECK(parse_hepatic(to_string(grade), Spelling::lenient) == grade);
        }
        CHECK(to_string(Hepatic::absent).empty());
        CHECK(to_string(Hepatic::none) == "none");
        CHECK(to_string(Hepatic::mild) == "mild");
        CHECK(to_string(Hepatic::moderate) == "moderate");
        CHECK(to_string(Hepatic::severe) == "severe");
    }

    TEST_CASE("grades are ordered none < mild < moderate < severe (rule bounds compare them)") {
        CHECK(Hepatic::none < Hepatic::mild);
        CHECK(Hepatic::mild < Hepatic::moderate);
        CHECK(Hepatic::moderate < Hepatic::severe);
    }

    TEST_CASE("exact: the contract's words only; lenient: any case") {
        CHECK(parse_hepatic("") == Hepatic::absent);
        CHECK_FALSE(parse_hepatic("Moderate"));
        CHECK(parse_hepatic("Moderate", Spelling::lenient) == Hepatic::moderate);
        CHECK(parse_hepatic("SEVERE", Spelling::lenient) == Hepatic::severe);
        CHECK(parse_hepatic("None", Spelling::lenient) == Hepatic::none);
    }

    TEST_CASE("an unknown spelling is nullopt, never a grade") {
        for (const Spelling spelling : {Spelling::exact, Spelling::lenient}) {
            CHECK_FALSE(parse_hepatic("bad", spelling));
            CHECK_FALSE(parse_hepatic("child-pugh b", spelling));
            CHECK_FALSE(parse_hepatic("B", spelling));
            CHECK_FALSE(parse_hepatic("mild ", spelling));
            CHECK_FALSE(parse_hepatic("absent", spelling));
        }
    }
}
