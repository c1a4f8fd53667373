#include "support/fixture.hpp"

#include <medcheck/check/patient_context.hpp>

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

using namespace medcheck;
using test::CaseBuilder;

TEST_SUITE("check::patient_context") {
    TEST_CASE("Cockcroft-Gault against worked values") {
        // ((140 - 40) x 70) / (72 x 1.0) = 97.22
        CHECK(check::cockcroft_gault(40, 70, model::Sex::male, 1.0) ==
              doctest::Approx(97.2222).epsilon(1e-4));
        // ((140 - 72) x 60) / (72 x 1.2) x 0.85 = 40.14
        CHECK(check::cockcroft_gault(72, 60, model::Sex::female, 1.2) ==
              doctest::Approx(40.1389).epsilon(1e-4));
        // ((140 - 85) x 50) / (72 x 2.0) = 19.10
        CHECK(check::cockcroft_gault(85, 50, model::Sex::male, 2.0) ==
              doctest::Approx(19.0972).epsilon(1e-4));
    }

    TEST_CASE("CrCl given is used as-is; otherwise computed from serum creatinine") {
        std::vector<model::Finding> findings;
        const auto given =
            check::derive_patient(CaseBuilder().crcl(55).scr(1.2).build(), test::seeded_rules(), findings);
        CHECK(given.crcl_ml_min == 55);
        CHECK(given.crcl_origin == "given");
        const auto computed = check::derive_patient(
            CaseBuilder().crcl(std::nullopt).scr(1.2).age(72).weight(60).sex(model::Sex::female).build(),
            test::seeded_rules(), findings);
        REQUIRE(computed.crcl_ml_min);
        CHECK(*computed.crcl_ml_min == doctest::Approx(40.1389).epsilon(1e-4));
        CHECK(computed.crcl_origin == "Cockcroft-Gault");
        CHECK(findings.empty());
    }

    TEST_CASE("Cockcroft-Gault needs age, weight and sex") {
        std::vector<model::Finding> findings;
        const auto p =
            check::derive_patient(CaseBuilder().crcl(std::nullopt).scr(1.0).sex(model::Sex::absent).build(),
                                  test::seeded_rules(), findings);
        CHECK_FALSE(p.crcl_ml_min);
    }

    TEST_CASE("implausible values are invalid_input and not used") {
        std::vector<model::Finding> findings;
        SUBCASE("age 150") {
            const auto p =
                check::derive_patient(CaseBuilder().age(150).build(), test::seeded_rules(), findings);
            CHECK_FALSE(p.age_years);
        }
        SUBCASE("weight 0.2 kg") {
            const auto p =
                check::derive_patient(CaseBuilder().weight(0.2).build(), test::seeded_rules(), findings);
            CHECK_FALSE(p.weight_kg);
        }
        SUBCASE("weight 700 kg") {
            const auto p =
                check::derive_patient(CaseBuilder().weight(700).build(), test::seeded_rules(), findings);
            CHECK_FALSE(p.weight_kg);
        }
        SUBCASE("CrCl 400") {
            const auto p =
                check::derive_patient(CaseBuilder().crcl(400).build(), test::seeded_rules(), findings);
            CHECK_FALSE(p.crcl_ml_min);
        }
        SUBCASE("negative CrCl") {
            const auto p =
                check::derive_patient(CaseBuilder().crcl(-5).build(), test::seeded_rules(), findings);
            CHECK_FALSE(p.crcl_ml_min);
        }
        SUBCASE("a child is out of scope") {
            const auto p =
                check::derive_patient(CaseBuilder().age(12).build(), test::seeded_rules(), findings);
            CHECK_FALSE(p.age_years);
        }
        SUBCASE("unknown condition") {
            const auto p = check::derive_patient(CaseBuilder().condition("heart_faliure").build(),
                                                 test::seeded_rules(), findings);
            CHECK(p.conditions.empty());
        }
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].kind == "invalid_input");
        CHECK(findings[0].severity == model::Severity::unverifiable);
    }

    TEST_CASE("CrCl 0 is plausible (anuric) and used") {
        std::vector<model::Finding> findings;
        const auto p = check::derive_patient(CaseBuilder().crcl(0).build(), test::seeded_rules(), findings);
        CHECK(p.crcl_ml_min == 0);
        CHECK(findings.empty());
    }

    TEST_CASE("missing age is always unverifiable") {
        std::vector<model::Finding> findings;
        check::derive_patient(CaseBuilder().age(std::nullopt).build(), test::seeded_rules(), findings);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].kind == "missing_patient_factor");
        CHECK(findings[0].severity == model::Severity::unverifiable);
    }

    TEST_CASE("deriving into a context used before replaces all the previous patient left") {
        std::vector<model::Finding> findings;
        check::PatientContext reused;
        check::derive_patient(CaseBuilder()
                                  .crcl(55)
                                  .sex(model::Sex::female)
                                  .pregnancy(12)
                                  .hepatic(model::Hepatic::mild)
                                  .condition("heart_failure")
                                  .tried(std::vector<std::string>{"acetaminophen"})
                                  .build(),
                              test::seeded_rules(), findings, reused);
        reused.continuing_groups.insert("opioid");
        reused.derived_conditions.insert("opioid_tolerant");
        reused.condition_bits = 1;
        reused.group_bits = 1;
        reused.terms_indexed = true;
        REQUIRE(reused.crcl_origin == "given");
        REQUIRE(reused.conditions.size() == 1);
        const model::Case bare = CaseBuilder().crcl(std::nullopt).hepatic(model::Hepatic::absent).build();
        check::derive_patient(bare, test::seeded_rules(), findings, reused);
        std::vector<model::Finding> fresh_findings;
        const check::PatientContext fresh = check::derive_patient(bare, test::seeded_rules(), fresh_findings);
        CHECK(reused.id == fresh.id);
        CHECK(reused.age_years == fresh.age_years);
        CHECK(reused.weight_kg == fresh.weight_kg);
        CHECK(reused.sex == fresh.sex);
        CHECK_FALSE(reused.crcl_ml_min);
        CHECK(reused.crcl_origin.empty());
        CHECK(reused.hepatic == model::Hepatic::none);
        CHECK_FALSE(reused.hepatic_given);
        CHECK_FALSE(reused.pregnancy_weeks);
        CHECK(reused.conditions == fresh.conditions);
        CHECK(reused.tried == fresh.tried);
        CHECK(reused.indication == fresh.indication);
        CHECK(reused.continuing_groups.empty());
        CHECK(reused.derived_conditions.empty());
        CHECK(reused.condition_bits == 0);
        CHECK(reused.group_bits == 0);
        CHECK_FALSE(reused.terms_indexed);
    }

    TEST_CASE("a run of patients derived into one context reads as each derived afresh") {
        // Kept, rebuilt and dropped condition and tried sets and CrCl origins, duplicates and codes
        // included: the reused context must hold what a fresh one does after every patient.
        using Tried = std::optional<std::vector<std::string>>;
        const auto with = [](const std::vector<std::string>& conditions, Tried tried) {
            CaseBuilder builder;
            for (const std::string& condition : conditions) {
                builder.condition(condition);
            }
            builder.tried(std::move(tried));
            return builder;
        };
        const std::vector<model::Case> cases{
            with({"heart_failure"}, std::vector<std::string>{"acetaminophen"}).build(),
            with({"heart_failure"}, std::vector<std::string>{"acetaminophen"}).build(),
            with({}, std::nullopt).crcl(std::nullopt).scr(1.1).build(),
            with({"ckd", "heart_failure"}, std::vector<std::string>{"ibuprofen", "acetaminophen"}).build(),
            with({"ckd", "ckd"}, std::vector<std::string>{"ibuprofen", "ibuprofen"})
                .crcl(std::nullopt)
                .scr(1.0)
                .build(),
            with({"heart_faliure", "ckd"}, std::vector<std::string>{}).build(),
            with({"icd10cm:I50.9"}, std::vector<std::string>{"acetaminophen", "ibuprofen"}).build(),
            with({"hypertension"}, std::nullopt).build(),
            with({"hypertension"}, std::vector<std::string>{"nonpharmacologic"}).build(),
        };
        check::PatientContext reused;
        for (std::size_t i = 0; i < cases.size(); ++i) {
            CAPTURE(i);
            std::vector<model::Finding> findings;
            std::vector<model::Finding> fresh_findings;
            check::derive_patient(cases[i], test::seeded_rules(), findings, reused);
            const check::PatientContext fresh =
                check::derive_patient(cases[i], test::seeded_rules(), fresh_findings);
            CHECK(reused.conditions == fresh.conditions);
            CHECK(reused.tried == fresh.tried);
            CHECK(reused.crcl_ml_min == fresh.crcl_ml_min);
            CHECK(reused.crcl_origin == fresh.crcl_origin);
            CHECK(findings.size() == fresh_findings.size());
        }
        // Spot checks that the run above passed through each kind of change.
        CHECK(reused.conditions == std::set<std::string>{"hypertension"});
        REQUIRE(reused.tried);
        CHECK(*reused.tried == std::set<std::string>{"nonpharmacologic"});
        std::vector<model::Finding> findings;
        check::derive_patient(cases[4], test::seeded_rules(), findings, reused);
        CHECK(reused.conditions == std::set<std::string>{"ckd"});
        CHECK(reused.tried == std::set<std::string>{"ibuprofen"});
        CHECK(reused.crcl_origin == "Cockcroft-Gault");
        check::derive_patient(cases[2], test::seeded_rules(), findings, reused);
        CHECK(reused.conditions.empty());
        CHECK_FALSE(reused.tried);
        CHECK(reused.crcl_origin == "Cockcroft-Gault");
        check::derive_patient(cases[5], test::seeded_rules(), findings, reused);
        CHECK(reused.conditions == std::set<std::string>{"ckd"});
        REQUIRE(reused.tried);
        CHECK(reused.tried->empty());
        CHECK(reused.crcl_origin == "given");
        check::derive_patient(cases[6], test::seeded_rules(), findings, reused);
        CHECK(reused.conditions == std::set<std::string>{"heart_failure"});
        CHECK(reused.tried == std::set<std::string>{"acetaminophen", "ibuprofen"});
    }

    TEST_CASE("absent hepatic reads as none") {
        std::vector<model::Finding> findings;
        const auto p = check::derive_patient(CaseBuilder().hepatic(model::Hepatic::absent).build(),
                                             test::seeded_rules(), findings);
        CHECK(p.hepatic == model::Hepatic::none);
        CHECK_FALSE(p.hepatic_given);
    }
}
