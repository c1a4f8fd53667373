#include <medcheck/model/sex.hpp>

#include <doctest/doctest.h>

using namespace medcheck::model;

TEST_SUITE("model::sex") {
    TEST_CASE("to_string and parse_sex are inverses, absent included") {
        for (const Sex sex : {Sex::absent, Sex::female, Sex::male}) {
            CHECK(parse_sex(to_string(sex)) == sex);
            CHECK(parse_sex(to_string(sex), Spelling::lenient) == sex);
        }
        CHECK(to_string(Sex::female) == "female");
        CHECK(to_string(Sex::male) == "male");
        CHECK(to_string(Sex::absent).empty());
    }

    TEST_CASE("exact: the contract's words only") {
        CHECK(parse_sex("female") == Sex::female);
        CHECK(parse_sex("male") == Sex::male);
        CHECK(parse_sex("") == Sex::absent);
        CHECK_FALSE(parse_sex("Female"));
        CHECK_FALSE(parse_sex("f"));
        CHECK_FALSE(parse_sex("M"));
    }

    TEST_CASE("lenient: any case, and the initials") {
        CHECK(parse_sex("FEMALE", Spelling::lenient) == Sex::female);
        CHECK(parse_sex("Male", Spelling::lenient) == Sex::male);
        CHECK(parse_sex("F", Spelling::lenient) == Sex::female);
        CHECK(parse_sex("f", Spelling::lenient) == Sex::female);
        CHECK(parse_sex("M", Spelling::lenient) == Sex::male);
        CHECK(parse_sex("m", Spelling::lenient) == Sex::male);
    }

    TEST_CASE("an unknown spelling is nullopt, never a sex") {
        for (const Spelling spelling : {Spelling::exact, Spelling::lenient}) {
            CHECK_FALSE(parse_sex("x", spelling));
            CHECK_FALSE(parse_sex("other", spelling));
            CHECK_FALSE(parse_sex("unknown", spelling));
            CHECK_FALSE(parse_sex(" female", spelling));
            CHECK_FALSE(parse_sex("fe", spelling));
            CHECK_FALSE(parse_sex("1", spelling));
        }
    }
}
