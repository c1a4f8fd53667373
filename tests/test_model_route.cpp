#include <medcheck/model/route.hpp>

#include <doctest/doctest.h>

using namespace medcheck::model;

TEST_SUITE("model::route") {
    TEST_CASE("to_string and parse_route are inverses, absent included") {
        for (std::uint8_t i = 0; i <= static_cast<std::uint8_t>(Route::nasal); ++i) {
            const auto route = static_cast<Route>(i);
            CHECK(parse_route(to_string(route)) == route);
            CHECK(parse_route(to_string(route), Spelling::lenient) == route);
        }
        CHECK(to_string(Route::absent).empty());
        CHECK(to_string(Route::oral) == "oral");
        CHECK(to_string(Route::iv) == "iv");
        CHECK(to_string(Route::im) == "im");
        CHECK(to_string(Route::transdermal) == "transdermal");
        CHECK(to_string(Route::topical) == "topical");
        CHECK(to_string(Route::buccal) == "buccal");
        CHECK(to_string(Route::subcutaneous) == "subcutaneous");
        CHECK(to_string(Route::sublingual) == "sublingual");
        CHECK(to_string(Route::rectal) == "rectal");
        CHECK(to_string(Route::epidural) == "epidural");
        CHECK(to_string(Route::intradermal) == "intradermal");
        CHECK(to_string(Route::nasal) == "nasal");
    }

    TEST_CASE("to_string is usable in constant tables") {
        static_assert(to_string(Route::oral) == "oral");
        constexpr std::string_view iv = to_string(Route::iv);
        CHECK(iv == "iv");
    }

    TEST_CASE("exact: the keys only; lenient: any case") {
        CHECK(parse_route("") == Route::absent);
        CHECK_FALSE(parse_route("Oral"));
        CHECK(parse_route("Oral", Spelling::lenient) == Route::oral);
        CHECK(parse_route("IV", Spelling::lenient) == Route::iv);
    }

    TEST_CASE("an abbreviation or unknown route is nullopt: the readers' tables map abbreviations") {
        for (const Spelling spelling : {Spelling::exact, Spelling::lenient}) {
            CHECK_FALSE(parse_route("po", spelling));
            CHECK_FALSE(parse_route("intravenous", spelling));
            CHECK_FALSE(parse_route("injection", spelling));
            CHECK_FALSE(parse_route("intrathecal", spelling));
            CHECK_FALSE(parse_route(" oral", spelling));
        }
    }
}
