#include <medcheck/check/product_name.hpp>

#include <doctest/doctest.h>

using namespace medcheck::check;

TEST_SUITE("check::product_name") {
    TEST_CASE("a combination in RxNorm clinical drug form") {
        const auto p = parse_product_name("Acetaminophen 325 MG / HYDROcodone Bitartrate 10 MG Oral Tablet");
        REQUIRE(p);
        REQUIRE(p->ingredients.size() == 2);
        CHECK(p->ingredients[0].name == "acetaminophen");
        CHECK(p->ingredients[0].amount == 325);
        CHECK(p->ingredients[0].unit == "mg");
        CHECK(p->ingredients[1].name == "hydrocodone bitartrate");
        CHECK(p->ingredients[1].amount == 10);
        CHECK(p->route == "oral");
        CHECK_FALSE(p->extended_release);
    }
    TEST_CASE("a branded drug keeps its brand aside") {
        const auto p = parse_product_name("Ibuprofen 400 MG Oral Tablet [Ibu]");
        REQUIRE(p);
        REQUIRE(p->ingredients.size() == 1);
        CHECK(p->ingredients[0].name == "ibuprofen");
        CHECK(p->brand == "ibu");
    }
    TEST_CASE("release prefixes and dose forms mark extended release") {
        const auto p = parse_product_name("12 HR Hydrocodone Bitartrate 10 MG Extended Release Oral Capsule");
        REQUIRE(p);
        CHECK(p->extended_release);
        CHECK(p->ingredients[0].name == "hydrocodone bitartrate");
        CHECK(parse_product_name("oxycodone hydrochloride 10 MG Extended Release Oral Tablet")
                  ->extended_release);
    }
    TEST_CASE("patch rates") {
        const auto p = parse_product_name("fentanyl 0.025 MG/HR Transdermal System");
        REQUIRE(p);
        CHECK(p->ingredients[0].unit == "mg/hr");
        CHECK(p->route == "transdermal");
    }
    TEST_CASE("names without strengths are not product names") {
        CHECK_FALSE(parse_product_name("ibuprofen"));
        CHECK_FALSE(parse_product_name("ibuprofen oral tablet"));
        CHECK_FALSE(parse_product_name("400 MG Oral Tablet"));
        CHECK_FALSE(parse_product_name(""));
    }
}
