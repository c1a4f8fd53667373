#include <medcheck/layouts/vocabulary.hpp>

#include <medcheck/sig/reader.hpp>

#include <doctest/doctest.h>

#include <utility>

using namespace medcheck;

TEST_SUITE("layouts::vocabulary") {
    TEST_CASE("EHR frequencies: :PRN suffix, spaced intervals, meal times, MIMIC codes") {
        auto f = layouts::read_ehr_frequency("Q4H:PRN");
        CHECK(f.frequency == "q4h");
        CHECK(f.prn);
        CHECK(f.unverifiable.empty());
        f = layouts::read_ehr_frequency("Q6H");
        CHECK(f.frequency == "q6h");
        CHECK_FALSE(f.prn);
        const std::pair<const char*, const char*> read_as[] = {
            {"Q 12H", "q12h"},
            {"BID:PRN", "bid"},
            {"BREAKFAST", "daily"},
            {"NOW X1", "once"},
            {"HS", "qhs"},
            // An interval longer than a day is the whole dose on a dosing day.
            {"Q48H", "daily"},
            {"3X/WEEK", "daily"},
            {"4X/WEEK", "daily"},
            // The sig vocabulary reads "7x/week" as once a day.
            {"7X/WEEK", "7x/week"},
            // A clock time is once a day; after dialysis, once on a dosing day; on call, once.
            {"DAILY16", "daily"},
            {"DAILY8", "daily"},
            {"POST HD", "daily"},
            {"ON CALL", "once"},
            // Unknown text is kept as written for the checker to report.
            {"DAILY99", "DAILY99"},
            {"DAYS", "DAYS"}};
        for (const auto& row :
             read_as) { // not a structured binding: clang 14 lambdas (INFO) cannot capture one
            INFO(row.first);
            CHECK(layouts::read_ehr_frequency(row.first).frequency == row.second);
        }
        CHECK(sig::read_frequency("7x/week")->doses_per_day == 1);
        SUBCASE("codes that give no dose count are unverifiable with the reason") {
            for (const char* code :
                 {"ONCE MR1", "ASDIR", "TITRATE", "TITRATE TO RASS", "INFUSION", "PRN", "MR X1", "MRX1",
                  "ONCE MR2", "Q15MIN", "Q5MIN", "Q30MIN", "2X", "X2", "HD PROTOCOL"}) {
                CAPTURE(code);
                const auto read = layouts::read_ehr_frequency(code);
                CHECK_FALSE(read.unverifiable.empty());
                CHECK(read.frequency == code); // kept as written: the checker never reads it as a count
            }
            CHECK(layouts::read_ehr_frequency("ASDIR").unverifiable.find("as directed") != std::string::npos);
        }
        // Minutes with PRN: the reason, and PRN kept.
        const auto minutes = layouts::read_ehr_frequency("Q15MIN:PRN");
        CHECK(minutes.prn);
        CHECK(minutes.unverifiable.find("every 15 minutes") != std::string::npos);
    }

    TEST_CASE("doses per 24 hours become a frequency that never under-reads") {
        CHECK(layouts::frequency_for_doses_per_day(1) == "daily");
        CHECK(layouts::frequency_for_doses_per_day(4) == "q6h");
        CHECK(layouts::frequency_for_doses_per_day(5) == "q4h"); // 6/day >= 5
        CHECK(layouts::frequency_for_doses_per_day(6) == "q4h");
        CHECK(layouts::frequency_for_doses_per_day(1.5) == "q12h");
        CHECK_FALSE(layouts::frequency_for_doses_per_day(0));
        CHECK_FALSE(layouts::frequency_for_doses_per_day(25));
    }

    TEST_CASE("EHR routes") {
        CHECK(layouts::read_ehr_route("PO") == "oral");
        CHECK(layouts::read_ehr_route("PO/NG") == "oral");
        CHECK(layouts::read_ehr_route("ng") == "oral");
        CHECK(layouts::read_ehr_route("TD") == "transdermal");
        CHECK(layouts::read_ehr_route("IV DRIP") == "iv");
        CHECK(layouts::read_ehr_route("IVPCA") == "iv");
        CHECK(layouts::read_ehr_route("IM") == "im");
        CHECK(layouts::read_ehr_route("SL") == "sublingual");
        CHECK(layouts::read_ehr_route("PR") == "rectal");
        CHECK(layouts::read_ehr_route("Inhalation") == "inhalation");
    }

    TEST_CASE("ICD codes as written become the dotted form") {
        CHECK(layouts::dotted_icd("4280", 9) == "428.0");
        CHECK(layouts::dotted_icd("V1271", 9) == "V12.71");
        CHECK(layouts::dotted_icd("E8497", 9) == "E849.7");
        CHECK(layouts::dotted_icd("I5022", 10) == "I50.22");
        CHECK(layouts::dotted_icd("I50.22", 10) == "I50.22");
        CHECK(layouts::dotted_icd("401", 9) == "401");
        CHECK(layouts::dotted_icd("4;01", 9).empty());
        CHECK(layouts::dotted_icd("40", 9).empty());
    }
}
