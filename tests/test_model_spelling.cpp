#include <medcheck/model/spelling.hpp>

#include <doctest/doctest.h>

using namespace medcheck::model;

TEST_SUITE("model::spelling") {
    TEST_CASE("exact spelling is the lower-case word and nothing else") {
        CHECK(spells("mild", "mild", Spelling::exact));
        CHECK(spells("", "", Spelling::exact));
        CHECK_FALSE(spells("Mild", "mild", Spelling::exact));
        CHECK_FALSE(spells("mild ", "mild", Spelling::exact));
    }

    TEST_CASE("lenient spelling folds ASCII case only") {
        CHECK(spells("MILD", "mild", Spelling::lenient));
        CHECK(spells("mIlD", "mild", Spelling::lenient));
        CHECK(spells("", "", Spelling::lenient));
        CHECK_FALSE(spells("mil", "mild", Spelling::lenient));
        CHECK_FALSE(spells(" mild", "mild", Spelling::lenient));
        CHECK_FALSE(spells("m\xc4\xb1ld", "mild", Spelling::lenient)); // dotless i is not an i
    }
}
