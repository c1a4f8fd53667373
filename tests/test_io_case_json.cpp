#include <medcheck/io/case_json.hpp>
#include <medcheck/util/error.hpp>

#include <doctest/doctest.h>

#include <sstream>

using namespace medcheck;

namespace {

model::Case read(const std::string& text) {
    std::istringstream in(text);
    return io::read_case_json(in, "case.json");
}

std::string error_of(const std::string& text) {
    try {
        read(text);
    } catch (const util::Error& e) {
        CHECK(e.kind() == util::ErrorKind::bad_data);
        return e.what();
    }
    FAIL("accepted: " << text);
    return {};
}

const char* const k_full = R"({
  "indication": "acute_low_back_pain",
  "patient": {"id": "P1", "age": 72, "weight_kg": 60, "sex": "female", "serum_creatinine_mg_dl": 1.2,
              "crcl_ml_min": 40, "hepatic": "mild", "pregnancy_weeks": null,
              "conditions": ["heart_failure"], "tried": ["nonpharmacologic", "nsaid"]},
  "medications": [
    {"drug": "acetaminophen", "dose": 1000, "unit": "mg", "route": "oral", "frequency": "q6h",
     "duration_days": 14, "prn": true, "max_doses_per_day": 3, "continuing": true}
  ]
})";

} // namespace

TEST_SUITE("io::case_json") {
    TEST_CASE("reads every contract field") {
        const model::Case c = read(k_full);
        CHECK(c.indication == "acute_low_back_pain");
        CHECK(c.patient.id == "P1");
        CHECK(c.patient.age_years == 72);
        CHECK(c.patient.weight_kg == 60);
        CHECK(c.patient.sex == model::Sex::female);
        CHECK(c.patient.serum_creatinine_mg_dl == 1.2);
        CHECK(c.patient.crcl_ml_min == 40);
        CHECK(c.patient.hepatic == model::Hepatic::mild);
        CHECK_FALSE(c.patient.pregnancy_weeks);
        CHECK(c.patient.conditions == std::vector<std::string>{"heart_failure"});
        REQUIRE(c.patient.tried);
        CHECK(c.patient.tried->size() == 2);
        REQUIRE(c.medications.size() == 1);
        const auto& m = c.medications[0];
        CHECK(m.drug == "acetaminophen");
        CHECK(m.dose == 1000);
        CHECK(m.unit == "mg");
        CHECK(m.route == "oral");
        CHECK(m.frequency == "q6h");
        CHECK(m.duration_days == 14);
        CHECK(m.prn);
        CHECK(m.max_doses_per_day == 3);
        CHECK(m.continuing);
        CHECK(c.issues.empty());
    }

    TEST_CASE("tried absent is unknown; tried [] is none") {
        CHECK_FALSE(read(R"({"patient": {}, "medications": []})").patient.tried);
        const auto c = read(R"({"patient": {"tried": []}, "medications": []})");
        REQUIRE(c.patient.tried);
        CHECK(c.patient.tried->empty());
    }

    TEST_CASE("structural problems are bad data naming the place") {
        SUBCASE("malformed JSON gives line and column") {
            CHECK(error_of("{\"patient\": {\"age\": 40,\n  \"x\": }").find("line 2") != std::string::npos);
        }
        SUBCASE("truncated") {
            CHECK(error_of("{\"patient\": {").find("malformed JSON") != std::string::npos);
        }
        SUBCASE("unknown top-level key") {
            CHECK(error_of(R"({"patient": {}, "medicaton": []})").find("unknown key 'medicaton'") !=
                  std::string::npos);
        }
        SUBCASE("unknown patient key") {
            CHECK(error_of(R"({"patient": {"agee": 3}, "medications": []})").find("'agee' in patient") !=
                  std::string::npos);
        }
        SUBCASE("unknown medication key") {
            CHECK(error_of(R"({"patient": {}, "medications": [{"drugg": "x"}]})").find("medications[0]") !=
                  std::string::npos);
        }
        SUBCASE("duplicate key") {
            CHECK(error_of(R"({"patient": {"age": 1, "age": 2}, "medications": []})")
                      .find("duplicate key 'age'") != std::string::npos);
        }
        SUBCASE("missing medications") {
            CHECK(error_of(R"({"patient": {}})").find("medications") != std::string::npos);
        }
        SUBCASE("not an object") {
            CHECK(error_of("[1, 2]").find("object") != std::string::npos);
        }
        SUBCASE("too deep") {
            std::string deep = "{\"patient\": {}, \"medications\": [";
            for (int i = 0; i < 100; ++i) {
                deep += "[";
            }
            CHECK(error_of(deep).find("nested deeper") != std::string::npos);
        }
        SUBCASE("empty file") {
            CHECK(error_of("").find("malformed JSON") != std::string::npos);
        }
    }

    TEST_CASE("unusable leaf values become issues, not crashes or silent drops") {
        const auto c = read(R"({"patient": {"age": "old", "sex": "x", "hepatic": "bad", "conditions": "ckd"},
                                "medications": [{"drug": 5, "dose": "abc", "prn": "yes"}]})");
        CHECK_FALSE(c.patient.age_years);
        CHECK(c.issues.size() == 7);
        REQUIRE(c.medications.size() == 1);
        CHECK_FALSE(c.medications[0].dose);
    }

    TEST_CASE("a UTF-8 byte order mark is skipped") {
        CHECK(read("\xEF\xBB\xBF{\"patient\": {}, \"medications\": []}").medications.empty());
    }
}
