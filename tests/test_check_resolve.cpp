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
        const auto r =
            test::CaseBuilder().med("Naproxen sodium 220 MG Oral Tablet", 2, "tablet", "bid").check();
        INFO(test::list_findings(r));
        CHECK(r.verdict == model::Verdict::ok); // 880 mg sodium/day = 800 mg naproxen
        const auto over =
            test::CaseBuilder().med("Naproxen sodium 220 MG Oral Tablet", 3, "tablet", "bid").check();
        CHECK(test::only(over, "naproxen.daily_max").actual == doctest::Approx(1200));
    }

    TEST_CASE("extended release resolves to the ER key") {
        CHECK(key_of("cyclobenzaprine hydrochloride 15 MG Extended Release Oral Capsule") ==
              "cyclobenzaprine_er");
        CHECK(key_of("tramadol hydrochloride 100 MG Extended Release Oral Tablet") == "tramadol_er");
        CHECK(key_of("tramadol er") == "tramadol_er");
    }

    TEST_CASE("dose-form words after a known name") {
        CHECK(key_of("ibuprofen oral tablet") == "ibuprofen");
    }

    TEST_CASE("never guesses") {
        const auto typo = check::resolve_drug("cyclobenzaprin", test::seeded_rules());
        CHECK(typo.drug == nullptr);
        REQUIRE_FALSE(typo.candidates.empty());
        CHECK(typo.candidates.front() == "cyclobenzaprine");
        CHECK(check::resolve_drug("zorblaxin", test::seeded_rules()).candidates.empty());
        const auto combo =
            check::resolve_drug("Ibuprofen 400 MG / Zorblaxin 5 MG Oral Tablet", test::seeded_rules());
        CHECK(combo.drug == nullptr);
        CHECK_FALSE(combo.problem.empty());
    }
}

TEST_SUITE("check::resolve products") {
    TEST_CASE("combination products resolve in any ingredient order") {
        CHECK(key_of("Acetaminophen 325 MG / HYDROcodone Bitartrate 10 MG Oral Tablet") ==
              "hydrocodone_apap_10_325");
        CHECK(key_of("HYDROcodone Bitartrate 10 MG / Acetaminophen 325 MG Oral Tablet") ==
              "hydrocodone_apap_10_325");
        CHECK(key_of("Acetaminophen 325 MG / Oxycodone Hydrochloride 5 MG Oral Tablet [Percocet]") ==
              "oxycodone_apap_5_325");
        CHECK(key_of("Norco 10/325") == "hydrocodone_apap_10_325");
    }

    TEST_CASE("a combination not in the catalogue is not guessed") {
        const auto r = check::resolve_drug("Acetaminophen 500 MG / HYDROcodone Bitartrate 10 MG Oral Tablet",
                                           test::seeded_rules());
        CHECK(r.drug == nullptr);
        CHECK(r.problem.find("no combination product") != std::string::npos);
    }

    TEST_CASE("an ingredient with several forms is chosen by the strength's unit") {
        CHECK(key_of("buprenorphine 0.005 MG/HR Transdermal System") == "buprenorphine_patch");
        CHECK(key_of("fentanyl 0.025 MG/HR Transdermal System") == "fentanyl");
    }

    TEST_CASE("tablets of a combination count every ingredient") {
        // 2 tablets q6h = 8 tablets/day of 10/325: above the 6-tablet label limit; APAP 2600 mg/day is within
        // 3000.
        const auto r =
            test::CaseBuilder()
                .tried(std::vector<std::string>{"nsaid"})
                .med("Acetaminophen 325 MG / HYDROcodone Bitartrate 10 MG Oral Tablet", 2, "tablet", "q6h", 3)
                .check();
        INFO(test::list_findings(r));
        CHECK(test::only(r, "hydrocodone_apap_10_325.units_per_day").actual == 8);
        CHECK_FALSE(test::has_rule(r, "acetaminophen.daily_max"));
        // With plain acetaminophen 1 g q8h the acetaminophen total is 5600 mg/day.
        const auto both = test::CaseBuilder()
                              .tried(std::vector<std::string>{"nsaid"})
                              .med("Norco 10/325", 2, "tablet", "q6h", 3)
                              .med("Tylenol", 1000, "mg", "q8h")
                              .check();
        CHECK(test::only(both, "acetaminophen.cumulative.daily_max").actual == 5600);
    }
}
