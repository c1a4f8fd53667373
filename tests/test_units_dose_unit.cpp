#include <medcheck/units/dose_unit.hpp>

#include <doctest/doctest.h>

using namespace medcheck::units;

TEST_SUITE("units::dose_unit") {
    TEST_CASE("mass units convert to mg") {
        CHECK(parse_dose_unit("mg")->to_base == 1.0);
        CHECK(parse_dose_unit("G")->to_base == 1000.0);
        CHECK(parse_dose_unit("mcg")->to_base == doctest::Approx(0.001));
        CHECK(parse_dose_unit("ug")->to_base == doctest::Approx(0.001));
        CHECK(parse_dose_unit("\xc2\xb5g")->kind == UnitKind::mass);
    }
    TEST_CASE("rate, count and volume units are told apart") {
        CHECK(parse_dose_unit("mcg/h")->kind == UnitKind::rate);
        CHECK(parse_dose_unit("tablets")->kind == UnitKind::count);
        CHECK(parse_dose_unit("cap")->kind == UnitKind::count);
        CHECK(parse_dose_unit("mL")->kind == UnitKind::volume);
    }
    TEST_CASE("unknown units are rejected") {
        CHECK_FALSE(parse_dose_unit("grains"));
        CHECK_FALSE(parse_dose_unit(""));
        CHECK_FALSE(parse_dose_unit("mg/kg"));
    }
}
