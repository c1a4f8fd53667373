#include <medcheck/check/product_name.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

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
    TEST_CASE("a liquid's concentration is mg per mL, however it is written") {
        const struct {
            const char* name;
            const char* ingredient;
            double mg_per_ml;
        } rows[] = {
            {"Acetaminophen 32 MG/ML Oral Solution", "acetaminophen", 32},       // RxNorm
            {"acetaminophen 160 mg/5 mL oral suspension", "acetaminophen", 32},  // Epic
            {"morphine 10mg/5mL solution", "morphine", 2},                       // one token
            {"Morphine Sulfate (Oral Solution) 2 mg/mL", "morphine sulfate", 2}, // MIMIC-IV
            {"paracetamol 250 mg/5 ml oral suspension", "paracetamol", 50},      // UK
        };
        for (const auto& row : rows) {
            INFO(row.name);
            const auto p = parse_product_name(row.name);
            REQUIRE(p);
            REQUIRE(p->ingredients.size() == 1);
            CHECK(p->ingredients[0].name == row.ingredient);
            CHECK(p->ingredients[0].unit == "mg/ml");
            CHECK(p->ingredients[0].amount == doctest::Approx(row.mg_per_ml));
        }
        // A group of other words in parentheses stays in the name; "mg/0 mL" is no concentration.
        CHECK(parse_product_name("morphine (zorblax) 2 mg/mL")->ingredients[0].name == "morphine (zorblax)");
        CHECK_FALSE(parse_product_name("morphine 10 mg/0 mL"));
    }
    TEST_CASE("names without strengths are not product names") {
        CHECK_FALSE(parse_product_name("ibuprofen"));
        CHECK_FALSE(parse_product_name("ibuprofen oral tablet"));
        CHECK_FALSE(parse_product_name("400 MG Oral Tablet"));
        CHECK_FALSE(parse_product_name(""));
    }
}

TEST_SUITE("check::parse_written_name") {
    TEST_CASE("separators split ingredients; strengths, release and route words are noted") {
        const auto a = parse_written_name("oxycodone w/ acetaminophen 5/325 mg tab");
        CHECK(a.phrases == std::vector<std::string>{"oxycodone", "acetaminophen"});
        CHECK(a.strengths_mg == std::vector<double>{5, 325});
        const auto b = parse_written_name("hydrocodone/apap");
        CHECK(b.phrases == std::vector<std::string>{"hydrocodone", "apap"});
        CHECK(b.strengths_mg.empty());
        CHECK(parse_written_name("oxycodone w/acetaminophen").phrases.size() == 2);
        CHECK(parse_written_name("tramadol + acetaminophen").phrases.size() == 2);
        CHECK(parse_written_name("oxycodone hcl and acetaminophen").phrases ==
              std::vector<std::string>{"oxycodone hcl", "acetaminophen"});
        const auto er = parse_written_name("morphine sulfate er 15 mg");
        CHECK(er.phrases == std::vector<std::string>{"morphine sulfate"});
        CHECK(er.release == WrittenRelease::extended);
        CHECK(er.strengths_mg == std::vector<double>{15});
        CHECK(parse_written_name("tylenol 8 hr").release == WrittenRelease::extended);
        CHECK(parse_written_name("acetaminophen iv").route == "iv");
        CHECK(parse_written_name("belbuca 150 mcg").strengths_mg == std::vector<double>{0.15});
    }

    TEST_CASE("parenthesised text: release, route and strengths apply; anything else is a note") {
        const auto ir = parse_written_name("oxycodone (immediate release)");
        CHECK(ir.phrases == std::vector<std::string>{"oxycodone"});
        CHECK(ir.release == WrittenRelease::immediate);
        CHECK(ir.notes.empty());
        const auto brand = parse_written_name("hydromorphone (dilaudid)");
        CHECK(brand.notes == std::vector<std::string>{"dilaudid"});
        const auto strengths = parse_written_name("oxycodone-acetaminophen (5mg-325mg)");
        CHECK(strengths.phrases == std::vector<std::string>{"oxycodone-acetaminophen"});
        CHECK(strengths.strengths_mg == std::vector<double>{5, 325});
        CHECK(parse_written_name("morphine (unclosed").notes == std::vector<std::string>{"unclosed"});
    }

    TEST_CASE("salt words and hyphens") {
        CHECK(without_salt_words("oxycodone hcl") == "oxycodone");
        CHECK(without_salt_words("hydrocodone bitartrate") == "hydrocodone");
        CHECK(without_salt_words("naproxen sodium") ==
              "naproxen"); // callers try the name with its salt first
        CHECK(without_salt_words("hcl").empty());
        CHECK(hyphen_parts("oxycodone-acetaminophen") ==
              std::vector<std::string>{"oxycodone", "acetaminophen"});
        CHECK(hyphen_parts("ec-naprosyn") == std::vector<std::string>{"ec", "naprosyn"});
        CHECK(hyphen_parts("5-325").empty());
        CHECK(hyphen_parts("oxycodone").empty());
    }
}
