#include <medcheck/io/strict_json.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace medcheck;

TEST_SUITE("io::parse_strict_json") {
    TEST_CASE("a well-formed document parses") {
        const auto doc = io::parse_strict_json(R"({"a": {"b": [1, 2]}, "c": "x"})", 4);
        CHECK(doc["a"]["b"][1] == 2);
        CHECK(doc["c"] == "x");
    }

    TEST_CASE("a key repeated in one object is refused, naming the key") {
        try {
            (void)io::parse_strict_json(R"({"dose": 1, "dose": 2})", 4);
            FAIL("a duplicate key was accepted");
        } catch (const io::StrictJsonError& e) {
            CHECK(e.duplicate_key == "dose");
            CHECK(e.reason == "duplicate key 'dose'");
        }
        // The same key in two different objects is not a duplicate.
        CHECK_NOTHROW((void)io::parse_strict_json(R"({"a": {"k": 1}, "b": {"k": 2}})", 4));
    }

    TEST_CASE("nesting deeper than the limit is refused; at the limit it parses") {
        CHECK_NOTHROW((void)io::parse_strict_json("[[[1]]]", 3));
        try {
            (void)io::parse_strict_json("[[[[1]]]]", 3);
            FAIL("nesting beyond the limit was accepted");
        } catch (const io::StrictJsonError& e) {
            CHECK(e.duplicate_key.empty());
            CHECK(e.reason == "JSON nested deeper than 3 levels");
        }
    }

    TEST_CASE("malformed JSON is nlohmann's parse_error, left to the caller to locate") {
        CHECK_THROWS_AS((void)io::parse_strict_json(R"({"a": )", 4), nlohmann::json::parse_error);
    }
}
