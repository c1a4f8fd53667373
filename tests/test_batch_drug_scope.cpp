#include "support/fixture.hpp"

#include <medcheck/batch/drug_scope.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace medcheck;

namespace {

batch::Scope scope_of(const std::string& name) {
    batch::DrugScope scope(test::seeded_rules());
    return scope.classify(name).scope;
}

} // namespace

TEST_SUITE("batch::DrugScope") {
    TEST_CASE("in-scope drugs in any spelling are checked, never out of scope") {
        for (const char* name :
             {"oxycodone hcl", "Percocet", "tylenol extra strength", "hydrocodone/apap", "paracetamol",
              "oxy\u200Bcodone", "OxyCODONE (Immediate Release)", "HYDROmorphone (Dilaudid)",
              "Acetaminophen IV", "Anaprox DS", "Norco", "oxycodone w/ acetaminophen",
              "Oxycodone-Acetaminophen", "buprenorphine", "Tylenol 8 HR", "co-codamol", "Tylenol\u00AE"}) {
            INFO(name);
            CHECK(scope_of(name) != batch::Scope::out_of_scope);
        }
        CHECK(scope_of("oxycodone hcl") == batch::Scope::in_scope);
        CHECK(scope_of("paracetamol") == batch::Scope::in_scope);
        CHECK(scope_of("oxy\u200Bcodone") == batch::Scope::in_scope);
        CHECK(scope_of("Percocet") == batch::Scope::near_miss);
        CHECK(scope_of("hydrocodone/apap") == batch::Scope::near_miss);
    }

    TEST_CASE("unrecognised names, blanks, bare codes and look-alikes are unknown drugs, not out of scope") {
        for (const char* name : {"",
                                 "   ",
                                 "\u200B",
                                 "zorblaxin",
                                 "cyclobenzaprin",
                                 "1049221",
                                 "rxcui:999999",
                                 "\u043Exycodone",
                                 "m\u0435tformin",
                                 "oxycodone/metformin",
                                 "metformin (Zorblax)",
                                 "metformin and ibuprofen",
                                 "lisinopril-zorblax",
                                 "\xFF\xFE",
                                 "% sodium chloride",
                                 "0.9% zorblax",
                                 "50% oxycodone",
                                 "Heparin Flush (10 units/ml)",
                                 "Heparin",
                                 "Sodium Chloride 0.9% (Zorblax)",
                                 "Ondansetron 0.9%"}) {
            INFO(name);
            CHECK(scope_of(name) == batch::Scope::near_miss);
        }
    }

    TEST_CASE("out of scope only when recognised in the seeded list") {
        for (const char* name :
             {"metformin", "Metformin", "metformin hcl", "Metformin ER", "METFORMIN 500 MG Oral Tablet",
              "Metformin Hydrochloride 500 MG Extended Release Oral Tablet",
              "atorvastatin calcium 20 MG Oral Tablet", "levothyroxine sodium", "amlodipine besylate",
              "omeprazole", "Docusate Sodium", "Sodium Chloride", "Potassium Chloride",
              "amoxicillin/clavulanate", "amoxicillin-clavulanate", "sulfamethoxazole-trimethoprim",
              "insulin glargine", "met\u200Bformin", "\uFF4D\uFF45\uFF54\uFF46\uFF4F\uFF52\uFF4D\uFF49\uFF4E",
              "Senna [Senokot]", "MetFORMIN (Glucophage)", "Lipitor",
              // Hospital exports (MIMIC-IV): fluids by their percent, diluents and
              // containers; the concentration is not part of the name.
              "0.9% Sodium Chloride", "Sodium Chloride 0.9%  Flush", "sodium chloride 0.9 % injection",
              "0.9% Sodium Chloride (Mini Bag Plus)", "5% Dextrose (EXCEL BAG)", "Dextrose 50%",
              "Syringe (0.9% Sodium Chloride)", "Iso-Osmotic Dextrose",
              "Potassium Chloride Replacement (Critical Care and Oncology)", "Magnesium Sulfate",
              "Lactated Ringers", "Piperacillin-Tazobactam", "Bag"}) {
            INFO(name);
            CHECK(scope_of(name) == batch::Scope::out_of_scope);
        }
        batch::DrugScope scope(test::seeded_rules());
        CHECK(scope.classify("Metformin HCl").summary_name == "metformin hcl");
    }

    TEST_CASE("drugs the rules care about are not in the out-of-scope list") {
        const auto& rules = test::seeded_rules();
        REQUIRE(rules.out_of_scope_names.size() >= 50);
        for (const char* name :
             {"losartan", "hydrochlorothiazide", "prednisolone", "ondansetron", "trazodone", "zolpidem",
              "quetiapine", "heparin", "enoxaparin", "diltiazem", "fluconazole", "clonidine", "lithium",
              "methotrexate", "venlafaxine", "naproxen", "oxycodone", "amiodarone", "heparin flush"}) {
            INFO(name);
            CHECK(rules.out_of_scope_names.count(name) == 0);
            CHECK(scope_of(name) != batch::Scope::out_of_scope);
        }
        for (const auto& name : rules.out_of_scope_names) {
            INFO(name);
            CHECK(rules.names.count(name) == 0);
        }
    }

    TEST_CASE("answers are cached by the name as written") {
        batch::DrugScope scope(test::seeded_rules());
        const auto& first = scope.classify("Percocet");
        CHECK(&first == &scope.classify("Percocet"));
        CHECK(first.engine_name == "Percocet");
    }

    TEST_CASE("the answers kept are the checker's known names") {
        batch::DrugScope scope(test::seeded_rules());
        CHECK(scope.known("Flexeril") == nullptr); // not classified yet
        scope.classify("Flexeril");
        const check::Resolution* flexeril = scope.known("Flexeril");
        REQUIRE(flexeril != nullptr);
        REQUIRE(flexeril->drug != nullptr);
        CHECK(flexeril->drug->key == "cyclobenzaprine");
        CHECK(scope.known("flexeril") == nullptr); // kept by the name as written

        scope.classify("metformin");
        REQUIRE(scope.known("metformin") != nullptr);
        CHECK(scope.known("metformin")->drug == nullptr);

        const std::string long_name(batch::k_max_drug_name + 1, 'x');
        scope.classify(long_name);
        CHECK(scope.known(long_name) == nullptr); // too long to be a name: never resolved
    }
}
