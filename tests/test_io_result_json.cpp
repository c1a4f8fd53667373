#include "support/fixture.hpp"

#include <medcheck/io/result_json.hpp>
#include <medcheck/report/presentation.hpp>
#include <medcheck/report/text_writer.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace medcheck;
using test::CaseBuilder;

TEST_SUITE("io::result_json") {
    TEST_CASE("the contract's output shape, exactly") {
        const auto result = CaseBuilder().med("acetaminophen", 1000, "mg", "q4h").check();
        std::ostringstream out;
        io::write_result_json(out, result, test::seeded_rules().database);
        const auto doc = nlohmann::json::parse(out.str());
        CHECK(doc.size() == 4);
        REQUIRE(doc["orders"].size() == 1);
        const auto& o = doc["orders"][0];
        for (const char* key : {"index", "input", "drug", "read", "dose", "doses_per_day_max", "prn",
                                "max_stated", "duration_days", "ingredients", "reading"}) {
            CHECK_MESSAGE(o.contains(key), key);
        }
        CHECK(o.size() == 11);
        CHECK(o["read"] == true);
        CHECK(o["doses_per_day_max"] == 6);
        CHECK(o["dose"]["max"] == 1000);
        CHECK(o["dose"]["unit"] == "mg");
        CHECK(o["ingredients"]["acetaminophen"]["mg_per_day_max"] == 6000);
        CHECK(o["reading"] == "1000 mg every 4 h = up to 6000 mg/day");
        CHECK(doc["verdict"] == "violation");
        CHECK(doc["database"]["version"] == test::seeded_rules().database.version);
        CHECK(doc["database"].contains("sha256"));
        REQUIRE(doc["findings"].is_array());
        bool found = false;
        for (const auto& f : doc["findings"]) {
            CHECK(f.size() == 8);
            for (const char* key :
                 {"severity", "kind", "drug", "message", "actual", "limit", "unit", "source"}) {
                CHECK(f.contains(key));
            }
            if (f["kind"] == "max_daily_dose") {
                found = true;
                CHECK(f["actual"] == 6000);
                CHECK(f["limit"] == 3000);
                CHECK(f["unit"] == "mg/day");
                CHECK(f["drug"] == "acetaminophen");
            }
        }
        CHECK(found);
    }

    TEST_CASE("numbers: integers stay integers, others rounded to 4 decimals") {
        CHECK(io::number_json(6000).dump() == "6000");
        CHECK(io::number_json(550.0 * 200 / 220).dump() == "500");
        CHECK(io::number_json(1.0 / 3.0).dump() == "0.3333");
    }

    TEST_CASE("invalid UTF-8 in input does not break the output") {
        const auto result = CaseBuilder().med("bad\xff\xfe name", 1, "mg", "daily").check();
        std::ostringstream out;
        io::write_result_json(out, result, test::seeded_rules().database);
        CHECK(nlohmann::json::accept(out.str()));
    }

    TEST_CASE("text output has verdict, actual vs limit, source and the disclaimer") {
        const auto result = CaseBuilder().med("acetaminophen", 1000, "mg", "q4h").check();
        std::ostringstream out;
        report::write_result_text(out, result, test::seeded_rules().database);
        const std::string text = out.str();
        CHECK(text.find("Verdict: VIOLATION") != std::string::npos);
        CHECK(text.find("actual 6000 mg/day, limit 3000 mg/day") != std::string::npos);
        CHECK(text.find("source:") != std::string::npos);
        CHECK(text.find(report::k_disclaimer) != std::string::npos);
    }
}
