#include "support/fixture.hpp"

#include <medcheck/check/resolve.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

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

    TEST_CASE("a liquid's name gives its concentration, never a strength per unit") {
        const auto r = check::resolve_drug("Acetaminophen 32 MG/ML Oral Solution", test::seeded_rules());
        REQUIRE(r.drug != nullptr);
        CHECK(r.drug->key == "acetaminophen");
        CHECK(r.mg_per_ml == doctest::Approx(32));
        CHECK_FALSE(r.unit_strength);
        const auto mimic =
            check::resolve_drug("Morphine Sulfate (Oral Solution) 2 mg/mL", test::seeded_rules());
        REQUIRE(mimic.drug != nullptr);
        CHECK(mimic.drug->key == "morphine");
        CHECK(mimic.mg_per_ml == doctest::Approx(2));
        // A combination liquid and a concentration of a drug not dosed by mass are not guessed.
        CHECK(check::resolve_drug("hydrocodone bitartrate 7.5 MG/ML / acetaminophen 21.7 MG/ML Oral Solution",
                                  test::seeded_rules())
                  .drug == nullptr);
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

    TEST_CASE("Epic's 'MG per tablet' names resolve like the same name without 'per'") {
        for (const char* name : {"HYDROcodone-acetaminophen (NORCO) 10-325 MG per tablet",
                                 "oxycodone-acetaminophen (PERCOCET) 5-325 MG per tablet"}) {
            INFO(name);
            const auto r = check::resolve_drug(name, test::seeded_rules());
            REQUIRE(r.drug != nullptr);
            CHECK(r.drug->key.find("_325") != std::string::npos);
        }
    }

    TEST_CASE("a strength written with a dot before three digits is one or a thousand: not resolved") {
        // "Paracetamol 1.000 mg" (European writing) was read as 1 mg a tablet: 4 mg/day for 4000.
        for (const char* name : {"Paracetamol 1.000 mg tablet", "acetaminophen 1.000mg tab",
                                 "Ibuprofen 1.200 MG Oral Tablet", "hydrocodone/apap 7.500/325"}) {
            INFO(name);
            const auto r = check::resolve_drug(name, test::seeded_rules());
            CHECK(r.drug == nullptr);
            CHECK(r.problem.find("may be a decimal point or a thousands separator") != std::string::npos);
        }
        const auto small = check::resolve_drug("Acetaminophen 0.500 G Oral Tablet", test::seeded_rules());
        REQUIRE(small.drug != nullptr);
        CHECK(small.unit_strength == 500);
        const auto decimal = check::resolve_drug(
            "Hydrocodone Bitartrate 7.5 MG / Acetaminophen 325 MG Oral Tablet", test::seeded_rules());
        CHECK(decimal.drug != nullptr);
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

namespace {

check::Resolution resolve(const std::string& name, std::string_view unit = {}, std::string_view route = {}) {
    return check::resolve_drug(name, test::seeded_rules(), {unit, route});
}

} // namespace

TEST_SUITE("check::resolve names as people write them") {
    TEST_CASE("salt words do not change the ingredient") {
        CHECK(key_of("oxycodone hcl") == "oxycodone");
        CHECK(key_of("Oxycodone HCl") == "oxycodone");
        CHECK(key_of("hydromorphone hcl") == "hydromorphone");
        CHECK(key_of("tramadol HCl") == "tramadol");
        CHECK(key_of("morphine sulphate") == "morphine");
        CHECK(key_of("codeine phosphate") == "codeine");
        CHECK(key_of("fluvoxamine maleate") == "fluvoxamine");
        CHECK(key_of("ketorolac tromethamine") == "ketorolac");
        // naproxen sodium converts (2.3): the salt is part of the name, not dropped
        CHECK(key_of("naproxen sodium") == "naproxen_sodium");
        CHECK(key_of("naproxen") == "naproxen");
    }

    TEST_CASE("release words select the ER key; an ER form not in the catalogue is not guessed") {
        CHECK(key_of("oxycodone hcl ER") == "oxycodone_er");
        CHECK(key_of("morphine sulfate ER") == "morphine_er");
        CHECK(key_of("tramadol XR") == "tramadol_er");
        CHECK(key_of("tramadol ext rel") == "tramadol_er");
        CHECK(key_of("Morphine Sulfate IR") == "morphine");
        const auto tylenol_8hr = resolve("Tylenol 8 HR");
        CHECK(tylenol_8hr.drug == nullptr);
        CHECK(tylenol_8hr.problem.find("extended-release form of Acetaminophen") != std::string::npos);
        CHECK(resolve("oxycontin ir").drug == nullptr);
    }

    TEST_CASE("MIMIC-style names: tall-man letters, a parenthesised brand or release note, a route") {
        CHECK(key_of("HYDROmorphone (Dilaudid)") == "hydromorphone");
        CHECK(key_of("OxyCODONE (Immediate Release)") == "oxycodone");
        CHECK(key_of("OxyCODONE (Immediate Release) ") == "oxycodone");
        CHECK(key_of("Oxycodone SR (OxyconTIN)") == "oxycodone_er");
        CHECK(key_of("Morphine SR (MS Contin)") == "morphine_er");
        CHECK(key_of("TraMADol (Ultram)") == "tramadol");
        CHECK(key_of("traMADol") == "tramadol");
        const auto iv = resolve("Acetaminophen IV");
        REQUIRE(iv.drug != nullptr);
        CHECK(iv.drug->key == "acetaminophen");
        CHECK(iv.route == "iv");
        // a note naming another drug, or words medcheck does not know, do not resolve
        CHECK(resolve("Oxycodone (OxyContin)").drug == nullptr); // IR name, ER brand: which?
        CHECK(resolve("HYDROmorphone (Dilaudid) PCA").drug == nullptr);
        CHECK(resolve("Morphine Sulfate (Concentrate) Oral Solution").drug == nullptr);
        CHECK(resolve("Acetaminophen IV", "mg", "PO").drug == nullptr); // the name and the route disagree
        CHECK(resolve("Acetaminophen IV", "mg", "IV").drug != nullptr);
    }

    TEST_CASE("a name that says injection needs the route") {
        CHECK(resolve("ketorolac injection").drug == nullptr);
        CHECK(resolve("ketorolac injection").problem.find("iv or im") != std::string::npos);
    }

    TEST_CASE("abbreviations and international names") {
        CHECK(key_of("paracetamol") == "acetaminophen");
        CHECK(key_of("Paracetamol") == "acetaminophen");
        CHECK(key_of("APAP") == "acetaminophen");
        const auto cocodamol = resolve("co-codamol");
        CHECK(cocodamol.drug == nullptr); // not seeded (2.5: UNVERIFIED, no such product in the catalogue)
    }

    TEST_CASE("ingredients joined by / w/ with and - resolve with a strength") {
        CHECK(key_of("hydrocodone/apap 10/325") == "hydrocodone_apap_10_325");
        CHECK(key_of("hydrocodone/apap 10/325 mg") == "hydrocodone_apap_10_325");
        CHECK(key_of("oxycodone w/ acetaminophen 5/325") == "oxycodone_apap_5_325");
        CHECK(key_of("oxycodone w/acetaminophen 7.5/325") == "oxycodone_apap_7.5_325");
        CHECK(key_of("Oxycodone-Acetaminophen (5mg-325mg)") == "oxycodone_apap_5_325");
        CHECK(key_of("oxycodone hcl and acetaminophen 10/325 mg") == "oxycodone_apap_10_325");
        CHECK(key_of("acetaminophen/hydrocodone bitartrate 325/5") == "hydrocodone_apap_5_325");
        CHECK(key_of("codeine/paracetamol 30/300") == "codeine_apap_30_300");
        CHECK(key_of("tramadol + acetaminophen 37.5/325") == "tramadol_apap_37.5_325");
        CHECK(key_of("Percocet 5/325 mg") == "oxycodone_apap_5_325");
        CHECK(key_of("percocet 5-325") == "oxycodone_apap_5_325");
        const auto wrong = resolve("hydrocodone/apap 10/500");
        CHECK(wrong.drug == nullptr);
        CHECK(wrong.strengths.empty());
        CHECK(wrong.problem.find("no hydrocodone/acetaminophen 10/500 mg product") != std::string::npos);
    }

    TEST_CASE("a combination written without its strength lists the strengths") {
        const auto r = resolve("hydrocodone/apap");
        CHECK(r.drug == nullptr);
        CHECK(r.strengths.size() == 7);
        CHECK(std::find(r.strengths.begin(), r.strengths.end(), "hydrocodone/acetaminophen 10/325 mg") !=
              r.strengths.end());
        CHECK(resolve("oxycodone w/ acetaminophen").strengths.size() == 4);
        CHECK(resolve("Oxycodone-Acetaminophen").strengths.size() == 4);
        CHECK(resolve("Acetaminophen w/Codeine").strengths.size() == 3);
        // one product in the catalogue is still not a guess: the strength must be written
        CHECK(resolve("hydrocodone/ibuprofen").strengths ==
              std::vector<std::string>{"hydrocodone/ibuprofen 7.5/200 mg"});
        CHECK(resolve("oxycodone/ibuprofen").problem.find("no combination product") != std::string::npos);
    }

    TEST_CASE("a multi-strength brand without a strength lists its strengths") {
        const auto percocet = resolve("Percocet");
        CHECK(percocet.drug == nullptr);
        CHECK(percocet.strengths == std::vector<std::string>{"percocet 2.5/325", "percocet 5/325",
                                                             "percocet 7.5/325", "percocet 10/325"});
        CHECK(resolve("Norco").strengths.size() == 3);
        CHECK(resolve("Vicodin").strengths.size() == 3);
        CHECK(resolve("Tylenol with Codeine").strengths.size() == 3);
        CHECK(resolve("Fioricet").strengths.size() == 2);
        CHECK(resolve("Arthrotec").strengths.size() == 2);
        CHECK(resolve("percocet 20/325").strengths.empty()); // a strength that does not exist: a problem
        CHECK_FALSE(resolve("percocet 20/325").problem.empty());
    }

    TEST_CASE("every single-strength brand of the reference carries its strength") {
        struct Row {
            const char* name;
            const char* key;
            double strength;
        };
        for (const Row& row :
             {Row{"Anaprox DS", "naproxen_sodium", 550}, Row{"Anaprox", "naproxen_sodium", 275},
              Row{"Aleve", "naproxen_sodium", 220}, Row{"Advil", "ibuprofen", 200},
              Row{"Motrin IB", "ibuprofen", 200}, Row{"Tylenol Regular", "acetaminophen", 325},
              Row{"Tylenol Regular Strength", "acetaminophen", 325},
              Row{"Tylenol Extra Strength", "acetaminophen", 500},
              Row{"Tylenol\u00AE Extra Strength Caplets", "acetaminophen", 500}}) {
            INFO(row.name);
            const auto r = resolve(row.name, "tablet");
            REQUIRE(r.drug != nullptr);
            CHECK(r.drug->key == row.key);
            REQUIRE(r.unit_strength);
            CHECK(*r.unit_strength == row.strength);
        }
        CHECK(key_of("Tylenol Extra Strength 500 mg") == "acetaminophen");
        const auto contradicts = resolve("Anaprox DS 275 mg");
        CHECK(contradicts.drug == nullptr);
        CHECK(contradicts.problem.find("sold as 550 mg") != std::string::npos);
    }

    TEST_CASE("a brand with several strengths in tablets needs the strength; in mg it does not") {
        const auto tabs = resolve("Tylenol", "tablet");
        CHECK(tabs.drug == nullptr);
        CHECK(tabs.strengths == std::vector<std::string>{"tylenol regular (325 mg)",
                                                         "tylenol regular strength (325 mg)",
                                                         "tylenol extra strength (500 mg)"});
        CHECK(key_of("Tylenol") == "acetaminophen");
        REQUIRE(resolve("Tylenol", "mg").drug != nullptr);
        CHECK(resolve("Motrin", "tablets").strengths == std::vector<std::string>{"motrin ib (200 mg)"});
    }

    TEST_CASE("the drug key buprenorphine is chosen by unit and route") {
        CHECK(resolve("buprenorphine", "mcg/h").drug->key == "buprenorphine_patch");
        CHECK(resolve("buprenorphine", "mcg/hr", "transdermal").drug->key == "buprenorphine_patch");
        CHECK(resolve("buprenorphine", "patch").drug->key == "buprenorphine_patch");
        CHECK(resolve("buprenorphine", "mcg", "buccal").drug->key == "buprenorphine_buccal");
        CHECK(resolve("buprenorphine hcl", "mcg", "buccal").drug->key == "buprenorphine_buccal");
        CHECK(resolve("buprenorphine buccal", "mcg").drug->key == "buprenorphine_buccal");
        // undecidable: a mass alone could be sublingual (not in the catalogue); or unit and route disagree
        for (const auto& r :
             {resolve("buprenorphine", "mcg"), resolve("buprenorphine"),
              resolve("buprenorphine", "mcg/h", "buccal"), resolve("buprenorphine", "mg", "SL")}) {
            CHECK(r.drug == nullptr);
            CHECK(r.problem.find("buprenorphine") != std::string::npos);
        }
    }

    TEST_CASE("Unicode clean-up: invisible characters removed, look-alike letters never resolved") {
        CHECK(key_of("oxy\u200Bcodone") == "oxycodone");
        CHECK(key_of("\uFEFFTylenol") == "acetaminophen");
        CHECK(key_of("\uFF4F\uFF58\uFF59\uFF43\uFF4F\uFF44\uFF4F\uFF4E\uFF45") == "oxycodone");
        CHECK(key_of("oxycodone\u00A0hcl") == "oxycodone");
        const auto cyrillic = resolve("\u043Exycodone");
        CHECK(cyrillic.drug == nullptr);
        CHECK(cyrillic.problem.find("Cyrillic") != std::string::npos);
        CHECK(cyrillic.candidates == std::vector<std::string>{"oxycodone"});
        CHECK(resolve("\u03BFxycodone").drug == nullptr);
        CHECK(resolve("parac\u00E9tamol").drug == nullptr);
        CHECK(resolve("\u200B").problem.find("invisible") != std::string::npos);
    }
}

TEST_SUITE("check::resolve in a check") {
    TEST_CASE("single-strength brands in tablets are checked in mg (issue 10 item 3)") {
        // Anaprox DS 1 tablet bid = naproxen sodium 1100 mg = naproxen 1000 mg/day: at the limit
        const auto at = test::CaseBuilder().med("Anaprox DS", 1, "tablet", "bid").check();
        INFO(test::list_findings(at));
        CHECK_FALSE(test::has_rule(at, "naproxen.daily_max"));
        CHECK_FALSE(test::has_rule(at, "catalogue.unknown_drug"));
        CHECK(at.verdict == model::Verdict::ok);
        const auto above = test::CaseBuilder().med("Anaprox DS", 1, "tablet", "tid").check();
        CHECK(test::only(above, "naproxen.daily_max").actual == doctest::Approx(1500));
        // Anaprox 275 mg: 2 tablets bid = 1000 mg naproxen (at), 2 tablets tid = 1500 (above)
        CHECK_FALSE(test::has_rule(test::CaseBuilder().med("Anaprox", 2, "tablet", "bid").check(),
                                   "naproxen.daily_max"));
        CHECK(test::only(test::CaseBuilder().med("Anaprox", 2, "tablet", "tid").check(), "naproxen.daily_max")
                  .actual == doctest::Approx(1500));
        // Aleve 220 mg: 2 tablets tid = 1320 mg sodium = 1200 mg naproxen
        CHECK(test::only(test::CaseBuilder().med("Aleve", 2, "tablet", "tid").check(), "naproxen.daily_max")
                  .actual == doctest::Approx(1200));
        // Tylenol Extra Strength 2 tabs q6h = 4000 mg/day; Tylenol Regular 2 tabs q6h = 2600 mg/day
        CHECK(test::only(test::CaseBuilder().med("Tylenol Extra Strength", 2, "tablet", "q6h").check(),
                         "acetaminophen.daily_max")
                  .actual == 4000);
        const auto regular = test::CaseBuilder().med("Tylenol Regular", 2, "tablet", "q6h").check();
        INFO(test::list_findings(regular));
        CHECK(regular.verdict == model::Verdict::ok);
        // Advil / Motrin IB 200 mg: 4 tablets q6h = 3200 mg/day (ibuprofen max 3200: at), 5 tablets above
        CHECK_FALSE(test::has_rule(test::CaseBuilder().med("Advil", 4, "tablet", "q6h").check(),
                                   "ibuprofen.daily_max"));
        CHECK(test::only(test::CaseBuilder().med("Motrin IB", 5, "tablet", "q6h").check(),
                         "ibuprofen.daily_max")
                  .actual == 4000);
    }

    TEST_CASE("a multi-strength brand without a strength is unverifiable and lists the strengths") {
        const auto r = test::CaseBuilder().med("Percocet", 1, "tablet", "q6h").check();
        const auto f = test::only(r, "catalogue.strength_missing");
        CHECK(f.kind == "invalid_input");
        CHECK(f.severity == model::Severity::unverifiable);
        CHECK(f.message.find("percocet 5/325") != std::string::npos);
        CHECK_FALSE(test::has_rule(r, "catalogue.unknown_drug"));
        CHECK(r.verdict == model::Verdict::unverifiable);
    }

    TEST_CASE("a name's route is used when the order has none") {
        // IV acetaminophen < 50 kg is weight-based (LBL-APAP-IV): the IV rules apply to "Acetaminophen IV"
        const auto r = test::CaseBuilder().weight(45).med("Acetaminophen IV", 1000, "mg", "q6h").check();
        INFO(test::list_findings(r));
        CHECK(r.verdict != model::Verdict::ok);
    }

    TEST_CASE("look-alike letters are an unknown drug naming the look-alike") {
        const auto r = test::CaseBuilder().med("\u043Exycodone", 80, "mg", "q4h").check();
        const auto f = test::only(r, "catalogue.unknown_drug");
        CHECK(f.message.find("did you mean: oxycodone") != std::string::npos);
        CHECK(r.verdict == model::Verdict::unverifiable);
    }
}

namespace {

// The parts of an answer a check reads.
std::string answer_text(const check::Resolution& r) {
    std::string out = r.drug == nullptr ? "-" : r.drug->key;
    out += "|" + r.problem + "|" + r.route + "|" + (r.ambiguous ? "ambiguous" : "");
    out += "|" + (r.unit_strength ? std::to_string(*r.unit_strength) : std::string("-"));
    for (const auto& candidate : r.candidates) {
        out += "|c:" + candidate;
    }
    for (const auto& strength : r.strengths) {
        out += "|s:" + strength;
    }
    return out;
}

// Answers a batch reader keeps for names alone, from a fixed table (the check::KnownNames contract).
class FixedNames final : public check::KnownNames {
  public:
    std::map<std::string, check::Resolution, std::less<>> answers;
    const check::Resolution* known(std::string_view name) const override {
        const auto it = answers.find(name);
        return it == answers.end() ? nullptr : &it->second;
    }
};

} // namespace

TEST_SUITE("check::resolve answers that hold for any order") {
    TEST_CASE("an answer that did not read the unit or route is the answer for every unit and route") {
        // Every catalogue name, plus names whose answer the order can change.
        std::vector<std::string> names = {"Tylenol",          "buprenorphine",
                                          "Acetaminophen IV", "ketorolac injection",
                                          "Percocet",         "hydrocodone/apap 10/325",
                                          "oxycodone hcl ER", "Ibuprofen 400 MG Oral Tablet",
                                          "cyclobenzaprin",   "zorblaxin",
                                          "Τylenol"}; // a Greek capital tau: a look-alike
        for (const auto& [name, keys] : test::seeded_rules().names) {
            names.push_back(name);
        }
        const std::vector<std::string> units = {"", "mg", "tablet", "capsule", "mcg/h", "patch", "mL", "mcg"};
        const std::vector<std::string> routes = {"", "po", "iv", "im", "transdermal", "buccal", "topical"};
        std::size_t independent = 0;
        for (const auto& name : names) {
            const check::Resolution alone = check::resolve_drug(name, test::seeded_rules());
            if (alone.depends_on_order) {
                continue;
            }
            ++independent;
            for (const auto& unit : units) {
                for (const auto& route : routes) {
                    const check::Resolution given = resolve(name, unit, route);
                    INFO(name << " / " << unit << " / " << route);
                    CHECK(answer_text(given) == answer_text(alone));
                    CHECK_FALSE(given.depends_on_order);
                }
            }
        }
        CHECK(independent > names.size() / 2); // most names do not depend on the order
    }

    TEST_CASE("the answers that read the order say so") {
        CHECK(check::resolve_drug("buprenorphine", test::seeded_rules()).depends_on_order);
        CHECK(
            check::resolve_drug("Tylenol", test::seeded_rules()).depends_on_order); // tablets need a strength
        CHECK(check::resolve_drug("Acetaminophen IV", test::seeded_rules()).depends_on_order);
        CHECK_FALSE(check::resolve_drug("acetaminophen", test::seeded_rules()).depends_on_order);
        CHECK_FALSE(
            check::resolve_drug("Ibuprofen 400 MG Oral Tablet", test::seeded_rules()).depends_on_order);
        CHECK_FALSE(check::resolve_drug("zorblaxin", test::seeded_rules()).depends_on_order);
    }

    TEST_CASE("a cache uses a known answer for the name alone, unless it depended on the order") {
        FixedNames names;
        check::Resolution marked = check::resolve_drug("acetaminophen", test::seeded_rules());
        marked.problem = "from the reader";
        names.answers.emplace("acetaminophen", marked);
        check::Resolution by_form = check::resolve_drug("buprenorphine", test::seeded_rules());
        REQUIRE(by_form.depends_on_order);
        by_form.problem = "from the reader";
        names.answers.emplace("buprenorphine", by_form);

        check::ResolveCache cache(test::seeded_rules(), {&names});
        CHECK(cache.resolve("acetaminophen", {"mg", "po"}).problem == "from the reader");
        // Resolved again with the order's unit: the reader's answer is not used.
        const check::Resolution& patch = cache.resolve("buprenorphine", {"mcg/h", ""});
        CHECK(patch.problem.empty());
        REQUIRE(patch.drug != nullptr);
        CHECK(patch.drug->key == "buprenorphine_patch");
        // A name the reader did not see is resolved here.
        CHECK(cache.resolve("ibuprofen", {"mg", ""}).drug->key == "ibuprofen");
    }
}
