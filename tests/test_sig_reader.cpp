#include <medcheck/sig/reader.hpp>
#include <medcheck/sig/tokenizer.hpp>
#include <medcheck/sig/vocabulary.hpp>

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace medcheck;

TEST_SUITE("sig::tokenize") {
    TEST_CASE("letters and digits split, dots between letters go, decimals stay") {
        const auto t = sig::tokenize("1.5 Tabs P.O. q4-6h x5d 800mg dailyx90");
        std::string joined;
        for (const auto& token : t.items) {
            joined += std::string(token.text) + "|";
        }
        CHECK(joined == "1.5|tabs|po|q|4|-|6|h|x|5|d|800|mg|daily|x|90|");
        CHECK(t.items[0].is_number);
        CHECK(t.items[0].number == 1.5);
    }
    TEST_CASE("unicode fractions and micro signs") {
        const auto t = sig::tokenize("\xc2\xbd tab 25 \xc2\xb5g");
        REQUIRE(t.items.size() == 6);
        CHECK(t.items[0].text == "1");
        CHECK(t.items[5].text == "mcg");
    }
    TEST_CASE("the token count is bounded") {
        CHECK(sig::tokenize(std::string(10000, 'a') + std::string(5000, ' ') + std::string(3000, '1'))
                  .items.size() <= 3);
        std::string many;
        for (int i = 0; i < 2000; ++i) {
            many += "1 ";
        }
        CHECK(sig::tokenize(many).items.size() == sig::k_max_tokens);
    }
}

TEST_SUITE("sig::vocabulary") {
    TEST_CASE("every phrase is lowercase, single-spaced and listed once") {
        std::set<std::string_view> seen;
        for (const auto& term : sig::vocabulary()) {
            CHECK_MESSAGE(seen.insert(term.phrase).second, term.phrase);
            for (char c : term.phrase) {
                CHECK_FALSE((c >= 'A' && c <= 'Z'));
            }
            CHECK(term.phrase.find("  ") == std::string_view::npos);
        }
    }
}

TEST_SUITE("sig::read_frequency") {
    TEST_CASE("the v1 core vocabulary") {
        CHECK(sig::read_frequency("daily")->doses_per_day == 1);
        CHECK(sig::read_frequency("qd")->doses_per_day == 1);
        CHECK(sig::read_frequency("qhs")->doses_per_day == 1);
        CHECK(sig::read_frequency("bid")->doses_per_day == 2);
        CHECK(sig::read_frequency("q12h")->doses_per_day == 2);
        CHECK(sig::read_frequency("tid")->doses_per_day == 3);
        CHECK(sig::read_frequency("q8h")->doses_per_day == 3);
        CHECK(sig::read_frequency("qid")->doses_per_day == 4);
        CHECK(sig::read_frequency("q6h")->doses_per_day == 4);
        CHECK(sig::read_frequency("q4h")->doses_per_day == 6);
        CHECK(sig::read_frequency("q24h")->doses_per_day == 1);
        CHECK(sig::read_frequency("weekly")->doses_per_day == doctest::Approx(1.0 / 7.0));
        CHECK(sig::read_frequency("q72h")->doses_per_day == doctest::Approx(1.0 / 3.0));
    }
    TEST_CASE("an interval range counts at its shortest interval") {
        const auto f = sig::read_frequency("q4-6h");
        REQUIRE(f);
        CHECK(f->doses_per_day == 6);
        CHECK(f->canonical == "q4-6h");
        CHECK(sig::read_frequency("every 6 to 8 hours")->doses_per_day == 4);
        CHECK(sig::read_frequency("every 6-8 hours")->doses_per_day == 4);
    }
    TEST_CASE("once is a single administration") {
        const auto f = sig::read_frequency("once");
        REQUIRE(f);
        CHECK(f->single_administration);
    }
    TEST_CASE("spellings") {
        CHECK(sig::read_frequency("Q.I.D.")->doses_per_day == 4);
        CHECK(sig::read_frequency("BID")->canonical == "bid");
        CHECK(sig::read_frequency("3 (three) times a day")->doses_per_day == 3);
        CHECK(sig::read_frequency("every 4 (four) hours")->doses_per_day == 6);
        CHECK(sig::read_frequency("4 hourly")->doses_per_day == 6);
        CHECK(sig::read_frequency("6hrly")->doses_per_day == 4);
        CHECK(sig::read_frequency("5x/day")->doses_per_day == 5);
        CHECK(sig::read_frequency("q 4 h")->doses_per_day == 6);
        CHECK(sig::read_frequency("q4 hrs")->doses_per_day == 6);
        CHECK(sig::read_frequency("qod")->doses_per_day == 0.5);
        CHECK(sig::read_frequency("every other day")->doses_per_day == 0.5);
        CHECK(sig::read_frequency("every 3 days")->doses_per_day == doctest::Approx(1.0 / 3.0));
        CHECK(sig::read_frequency("before meals and at bedtime")->doses_per_day == 4);
        CHECK(sig::read_frequency("morning and evening")->doses_per_day == 2);
        CHECK(sig::read_frequency("with meals")->doses_per_day == 3);
        CHECK(sig::read_frequency("nocte")->doses_per_day == 1);
        CHECK(sig::read_frequency("mane")->doses_per_day == 1);
        CHECK(sig::read_frequency("tds")->doses_per_day == 3);
        CHECK(sig::read_frequency("qds")->doses_per_day == 4);
    }
    TEST_CASE("what is not a frequency") {
        CHECK_FALSE(sig::read_frequency("sometimes"));
        CHECK_FALSE(sig::read_frequency("q0h"));
        CHECK_FALSE(sig::read_frequency("qxh"));
        CHECK_FALSE(sig::read_frequency(""));
        CHECK_FALSE(sig::read_frequency("as directed"));
        CHECK_FALSE(sig::read_frequency("2 tabs bid"));
    }
}

TEST_SUITE("sig::read_dose") {
    TEST_CASE("numbers, fractions, words and ranges") {
        CHECK(sig::read_dose("2")->max == 2);
        CHECK(sig::read_dose("1-2")->min == 1);
        CHECK(sig::read_dose("1-2")->max == 2);
        CHECK(sig::read_dose("1/2")->max == 0.5);
        CHECK(sig::read_dose("one-half")->max == 0.5);
        CHECK(sig::read_dose("1 1/2")->max == 1.5);
        CHECK(sig::read_dose("325-650")->max == 650);
        CHECK(sig::read_dose("1 or 2")->max == 2);
        CHECK(sig::read_dose("two")->max == 2);
        CHECK_FALSE(sig::read_dose("2 tabs"));
        CHECK_FALSE(sig::read_dose("many"));
        CHECK_FALSE(sig::read_dose(std::string_view("10\0", 3)));
        CHECK_FALSE(sig::read_dose("1\t-2"));
    }
}

TEST_SUITE("sig::split_drug") {
    TEST_CASE("the name runs to the first dose; strengths stay in it") {
        struct Split {
            const char* sig;
            const char* drug;
            const char* regimen; // nullptr: not checked
        };
        const Split rows[] = {
            {"Norco 10/325 1-2 tabs po q4-6h prn pain", "Norco 10/325", "1-2 tabs po q4-6h prn pain"},
            {"acetaminophen 500 mg 2 tablets every 6 hours as needed", "acetaminophen 500 mg",
             "2 tablets every 6 hours as needed"},
            {"oxycodone 5 mg tablet: 1 tab po Q6H:PRN, dailyx5 days", "oxycodone 5 mg tablet",
             "1 tab po Q6H:PRN, dailyx5 days"},
            {"naproxen 500 mg twice daily for 2 weeks", "naproxen", nullptr},
            {"tylenol #3 1 tablet q4h", "tylenol #3", nullptr},
            {"cyclobenzaprine Take 1 tablet (10 mg total) by mouth", "cyclobenzaprine",
             "Take 1 tablet (10 mg total) by mouth"},
            // Release and form abbreviations after the strength are part of the name (the resolver reads
            // them).
            {"diclofenac 75mg EC 1 tab bid", "diclofenac 75mg EC", "1 tab bid"},
            {"oxycodone 10 mg CR 1 tab q12h", "oxycodone 10 mg CR", nullptr},
            // A liquid's concentration before a dose in a volume is part of the name.
            {"acetaminophen 160 mg/5 mL oral suspension 15 mL po q6h",
             "acetaminophen 160 mg/5 mL oral suspension", "15 mL po q6h"},
            {"morphine 10mg/5mL: give 2.5 mL q4h prn", "morphine 10mg/5mL", nullptr},
            {"acetaminophen 160 mg/5 mL 1 tsp q6h", "acetaminophen 160 mg/5 mL", nullptr},
            // Not before a volume dose: the concentration stays in the regimen (and makes it ambiguous).
            {"acetaminophen 160 mg/5 mL 500 mg q6h", "acetaminophen", nullptr},
        };
        for (const Split& row : rows) {
            INFO(row.sig);
            const auto s = sig::split_drug(row.sig);
            CHECK(s.drug == row.drug);
            if (row.regimen != nullptr) {
                CHECK(s.regimen == row.regimen);
            }
        }
    }

    TEST_CASE("Epic's product names keep their strengths: hyphen-joined, 'per tablet', release words") {
        // These split at the strength before, so the name lost it and a combination was unverifiable
        // ("comes in several strengths"), or release words were unrecognised.
        struct Split {
            const char* sig;
            const char* drug;
            const char* regimen;
        };
        for (const Split& split :
             {Split{"hydrocodone-acetaminophen 10-325 mg 1 tab q4h prn",
                    "hydrocodone-acetaminophen 10-325 mg", "1 tab q4h prn"},
              Split{"HYDROcodone-acetaminophen (NORCO) 10-325 MG per tablet 1 tablet every 6 hours",
                    "HYDROcodone-acetaminophen (NORCO) 10-325 MG per tablet", "1 tablet every 6 hours"},
              Split{"oxyCODONE (ROXICODONE) 5 MG immediate release tablet Take 1-2 tablets by mouth",
                    "oxyCODONE (ROXICODONE) 5 MG immediate release tablet", "Take 1-2 tablets by mouth"}}) {
            INFO(split.sig);
            const auto s = sig::split_drug(split.sig);
            CHECK(s.drug == split.drug);
            CHECK(s.regimen == split.regimen);
        }
        // A range of one strength with spaces, or a hyphenated range without a count dose after it,
        // is still the regimen's.
        CHECK(sig::split_drug("acetaminophen 500-1000 mg q6h").drug == "acetaminophen");
        CHECK(sig::split_drug("ibuprofen 200 - 400 mg 1 tab q6h").drug == "ibuprofen");
    }

    TEST_CASE("a regimen alone has no drug name") {
        for (const char* text : {"1-2 tabs po q4-6h prn pain", "Take 1 tablet by mouth daily",
                                 "one tablet twice daily", "½ tab qhs"}) {
            const auto s = sig::split_drug(text);
            CHECK_MESSAGE(s.drug.empty(), text);
            CHECK(s.regimen == text);
        }
        CHECK(sig::split_drug("Aleve 1 tab bid").drug == "Aleve");
    }
}

TEST_SUITE("sig::remembered_reading") {
    TEST_CASE("the same reading as read_regimen, remembered for short fields, afresh for long ones") {
        const std::string long_field = "q4-6h prn" + std::string(70, ' ');
        for (const std::string& text : {std::string("q4-6h prn max 4/day"), std::string("sometimes"),
                                        std::string("400 mg tid"), long_field}) {
            INFO("'" << text << "'");
            const sig::Reading fresh = sig::read_regimen(text);
            const sig::Reading& first = sig::remembered_reading(text);
            REQUIRE(first.frequency.has_value() == fresh.frequency.has_value());
            if (fresh.frequency) {
                CHECK(first.frequency->doses_per_day == fresh.frequency->doses_per_day);
            }
            CHECK(first.prn == fresh.prn);
            CHECK(first.dose_max == fresh.dose_max);
            CHECK(first.unrecognised == fresh.unrecognised);
            CHECK(sig::usable_as_frequency(first) == sig::usable_as_frequency(fresh));
        }
        // Worst case kept: q4-6h is 6 doses a day, remembered or not.
        CHECK(sig::remembered_reading("q4-6h prn max 4/day").frequency->doses_per_day == 6);
        CHECK(sig::remembered_reading(long_field).frequency->doses_per_day == 6);
        // A short field is the same remembered object the second time.
        CHECK(&sig::remembered_reading("tid") == &sig::remembered_reading("tid"));
        CHECK_FALSE(sig::usable_as_frequency(sig::remembered_reading("sometimes")));
        CHECK_FALSE(sig::usable_as_frequency(sig::remembered_reading("400 mg tid")));
    }
}
