#include "support/fixture.hpp"

#include <medcheck/check/resolve.hpp>

#include <doctest/doctest.h>

using namespace medcheck;

namespace {

std::string key_of(const std::string& name) {
    const auto r = check::resolve_drug(name, test::seeded_rules());
    return r.drug == nullptr ? "" : r.drug->key;
}

} // namespace

TEST_SUITE("check::resolve") {
    TEST_CASE("generic, brand and salt names") {
        CHECK(key_of("acetaminophen") == "acetaminophen");
        CHECK(key_of("Tylenol") == "acetaminophen");
        CHECK(key_of("ADVIL") == "ibuprofen");
        CHECK(key_of("Motrin") == "ibuprofen");
        CHECK(key_of("Aleve") == "naproxen_sodium");
        CHECK(key_of("naproxen sodium") == "naproxen_sodium");
        CHECK(key_of("Flexeril") == "cyclobenzaprine");
        CHECK(key_of("Amrix") == "cyclobenzaprine_er");
        CHECK(key_of("oxycodone hydrochloride") == "oxycodone");
        CHECK(key_of("hydrocodone  bitartrate") == "hydrocodone");
    }

    TEST_CASE("RxNorm-style single-ingredient names carry their strength") {
        const auto r = check::resolve_drug("Ibuprofen 400 MG Oral Tablet [Ibu]", test::seeded_rules());
        REQUIRE(r.drug != nullptr);
        CHECK(r.drug->key == "ibuprofen");
        CHECK(r.unit_strength == 400);
        const auto sodium = check::resolve_drug("Naproxen sodium 220 MG Oral Tablet", test::seeded_rules());
        REQUIRE(sodium.drug != nullptr);
        CHECK(sodium.drug->key == "naproxen_sodium");
        CHECK(sodium.unit_strength == 220);
    }

    TEST_CASE("tablet counts of a named strength become mg (salt converted to base)") {
        const auto r = test::CaseBuilder().med("Naproxen sodium 220 MG Oral Tablet", 2, "tablet", "bid").check();
        INFO(test::list_findings(r));
        CHECK(r.verdict == model::Verdict::ok); // 880 mg sodium/day = 800 mg naproxen
        const auto over = test::CaseBuilder().med("Naproxen sodium 220 MG Oral Tablet", 3, "tablet", "bid").check();
        CHECK(test::only(over, "naproxen.daily_max").actual == doctest::Approx(1200));
    }

    TEST_CASE("extended release resolves to the ER key") {
        CHECK(key_of("cyclobenzaprine hydrochloride 15 MG Extended Release Oral Capsule") == "cyclobenzaprine_er");
        CHECK(key_of("tramadol hydrochloride 100 MG Extended Release Oral Tablet") == "tramadol_er");
        CHECK(key_of("tramadol er") == "tramadol_er");
    }

    TEST_CASE("dose-form words after a known name") { CHECK(key_of("ibuprofen oral tablet") == "ibuprofen"); }

    TEST_CASE("never guesses") {
        const auto typo = check::resolve_drug("cyclobenzaprin", test::seeded_rules());
        CHECK(typo.drug == nullptr);
        REQUIRE_FALSE(typo.candidates.empty());
        CHECK(typo.candidates.front() == "cyclobenzaprine");
        CHECK(check::resolve_drug("zorblaxin", test::seeded_rules()).candidates.empty());
        const auto combo = check::resolve_drug("Ibuprofen 400 MG / Zorblaxin 5 MG Oral Tablet", test::seeded_rules());
        CHECK(combo.drug == nullptr);
        CHECK_FALSE(combo.problem.empty());
    }
}
