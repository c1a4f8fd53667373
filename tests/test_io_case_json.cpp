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

    TEST_CASE("a sig reads the whole order; a string dose range is read at its maximum") {
        const auto c = read(R"({"patient": {}, "medications": [
            {"sig": "Norco 10/325 1-2 tabs po q4-6h prn pain"},
            {"drug": "acetaminophen", "dose": "1-2", "unit": "tablet", "frequency": "q6h"},
            {"drug": "acetaminophen", "dose": "lots", "unit": "mg", "frequency": "q6h"}]})");
        REQUIRE(c.medications.size() == 3);
        const auto& norco = c.medications[0];
        CHECK(norco.drug == "Norco 10/325");
        CHECK(norco.input == "Norco 10/325 1-2 tabs po q4-6h prn pain");
        CHECK(norco.dose == doctest::Approx(2));
        CHECK(norco.dose_min == doctest::Approx(1));
        CHECK(norco.frequency == "q4-6h");
        CHECK(norco.prn);
        CHECK(norco.ambiguities.empty());
        CHECK(c.medications[1].dose == doctest::Approx(2));
        CHECK(c.medications[1].dose_min == doctest::Approx(1));
        CHECK_FALSE(c.medications[2].dose);
        REQUIRE(c.issues.size() == 1);
        CHECK(c.issues[0].field == "medications[2].dose");
    }

    TEST_CASE("a sig and structured fields: agreeing is fine, disagreeing names both") {
        const auto agree = read(R"({"patient": {}, "medications": [{"sig": "naproxen 500 mg bid",
            "drug": "Naproxen", "dose": 500, "unit": "mg", "frequency": "twice daily"}]})");
        REQUIRE(agree.medications.size() == 1);
        CHECK(agree.medications[0].ambiguities.empty());
        const auto clash = read(R"({"patient": {}, "medications": [{"sig": "naproxen 500 mg bid",
            "dose": 250, "frequency": "tid"}]})");
        REQUIRE(clash.medications.size() == 1);
        REQUIRE(clash.medications[0].ambiguities.size() == 1);
        const std::string& why = clash.medications[0].ambiguities[0];
        CHECK(why.find("naproxen 500 mg bid") != std::string::npos);
        CHECK(why.find("dose 250") != std::string::npos);
        CHECK(why.find("frequency \"tid\"") != std::string::npos);
        CHECK(clash.medications[0].dose == doctest::Approx(500));
    }

    TEST_CASE("a sig without a drug name takes the drug field; fields the sig leaves out fill it") {
        const auto c = read(R"({"patient": {}, "medications": [
            {"sig": "500 mg bid", "drug": "naproxen", "duration_days": 30, "route": "oral"},
            {"sig": "naproxen 500 mg po bid x 5 days", "duration_days": 30, "route": "IV"},
            {"sig": "2 tabs q6h", "drug": "Tylenol Extra Strength", "unit": "tablet", "prn": true}]})");
        REQUIRE(c.medications.size() == 3);
        const auto& named = c.medications[0];
        CHECK(named.drug == "naproxen");
        CHECK(named.duration_days == doctest::Approx(30));
        CHECK(named.route == "oral");
        CHECK(named.ambiguities.empty());
        REQUIRE(c.medications[1].ambiguities.size() == 1);
        CHECK(c.medications[1].ambiguities[0] == "the sig \"naproxen 500 mg po bid x 5 days\" and the fields "
                                                 "disagree: route \"iv\", duration_days 30");
        CHECK(c.medications[2].ambiguities.empty()); // "tabs" and "tablet" are one unit
        CHECK(c.medications[2].prn);
    }
}
