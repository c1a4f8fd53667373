#include <medcheck/io/fhir_parts.hpp>
#include <medcheck/io/fhir_reader.hpp>
#include <medcheck/util/text.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <bit>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace medcheck;

namespace {

// Collects what the reader hands over.
struct Collect : io::FhirSink {
    std::vector<io::FhirPatient> patients;
    std::vector<io::FhirMedicationRequest> requests;
    std::vector<io::FhirCondition> conditions;
    std::vector<io::FhirObservation> observations;
    std::vector<std::string> skips;
    std::vector<std::pair<std::uint64_t, std::string>> rejections;

    void patient(std::uint64_t, io::FhirPatient&& p) override { patients.push_back(std::move(p)); }
    void medication_request(std::uint64_t, io::FhirMedicationRequest&& r) override {
        requests.push_back(std::move(r));
    }
    void condition(std::uint64_t, io::FhirCondition&& c) override { conditions.push_back(std::move(c)); }
    void observation(std::uint64_t, io::FhirObservation&& o) override {
        observations.push_back(std::move(o));
    }
    void skipped(std::uint64_t, const std::string& reason) override { skips.push_back(reason); }
    void rejected(std::uint64_t record, const std::string& field, const std::string&) override {
        rejections.emplace_back(record, field);
    }
};

io::FhirMedicationRequest request(const std::string& dosage, const std::string& extra = "") {
    Collect sink;
    io::read_fhir_resource(R"({"resourceType":"MedicationRequest","id":"m1","status":"active",)"
                           R"("subject":{"reference":"Patient/p1"},"authoredOn":"2024-03-01T10:00:00Z",)"
                           R"("medicationCodeableConcept":{"text":"Ibuprofen 400 MG Oral Tablet"},)"
                           R"("dosageInstruction":[)" +
                               dosage + "]" + extra + "}",
                           1, sink);
    REQUIRE(sink.requests.size() == 1);
    return sink.requests.front();
}

// A request with every field set, to write a reading over (a reader reuses its request).
io::FhirMedicationRequest test_request_with_every_field() {
    io::FhirMedicationRequest r;
    r.id = "old-id";
    r.patient = "old-patient";
    r.status = "stopped";
    r.authored_on = "2020-01-01";
    r.medication_text = "a long medication text that is not short";
    r.medication_codings = {{"rxnorm", "123", "display"}};
    r.dose = 1;
    r.dose_min = 0.5;
    r.daily_dose = 2;
    r.unit = "mg";
    r.route = "oral";
    r.frequency = "bid";
    r.prn = true;
    r.max_doses_per_day = 4;
    r.duration_days = 7;
    r.count_total = 10;
    r.times_of_day = {"t:08:00:00"};
    r.continuing = true;
    r.dosage_text = "take one tablet twice a day with food";
    r.issues = {{"field", "message"}};
    r.medication_reference = "Medication/1";
    r.concurrent.push_back(r);
    r.rejection.emplace("field", "reason");
    return r;
}

} // namespace

TEST_SUITE("io::fhir_reader") {
    TEST_CASE("doseQuantity with UCUM units") {
        SUBCASE("mg") {
            const auto r =
                request(R"({"doseAndRate":[{"doseQuantity":{"value":400,"unit":"mg","code":"mg"}}]})");
            CHECK(r.dose == 400);
            CHECK(r.unit == "mg");
        }
        SUBCASE("ug") {
            const auto r = request(
                R"({"doseAndRate":[{"doseQuantity":{"value":50,"system":"http://unitsofmeasure.org","code":"ug"}}]})");
            CHECK(r.unit == "ug");
        }
        SUBCASE("tablets as a UCUM annotation") {
            const auto r =
                request(R"({"doseAndRate":[{"doseQuantity":{"value":2,"unit":"tablet","code":"{tbl}"}}]})");
            CHECK(r.dose == 2);
            CHECK(r.unit == "tablet");
        }
        SUBCASE("a doseRange counts its upper end") {
            const auto r = request(
                R"({"doseAndRate":[{"doseRange":{"low":{"value":1,"unit":"tab"},"high":{"value":2,"unit":"tab"}}}]})");
            CHECK(r.dose == 2);
            CHECK(r.unit == "tablet");
        }
        SUBCASE("a dose that is not a number is an issue, not a rejection") {
            const auto r = request(R"({"doseAndRate":[{"doseQuantity":{"value":"abc","unit":"mg"}}]})");
            CHECK_FALSE(r.dose);
            REQUIRE(r.issues.size() == 1);
            CHECK(r.issues[0].first == "dosageInstruction.doseQuantity.value");
        }
    }
    TEST_CASE("a unit and a code that disagree: the larger is read, with an issue") {
        // "unit": "g" with "code": "mg" was read as 1 mg (the code preferred): a thousandfold under-read
        // if the unit was meant.
        const auto r = request(R"({"doseAndRate":[{"doseQuantity":{"value":1,"unit":"g","code":"mg"}}]})");
        CHECK(r.dose == 1);
        CHECK(r.unit == "g");
        REQUIRE(r.issues.size() == 1);
        CHECK(r.issues[0].second.find("the unit 'g' and the code 'mg' disagree") != std::string::npos);
        const auto code_larger =
            request(R"({"doseAndRate":[{"doseQuantity":{"value":1,"unit":"mg","code":"g"}}]})");
        CHECK(code_larger.unit == "g");
        CHECK(code_larger.issues.size() == 1);
        // The same unit spelled two ways, or a unit text that is no unit, is no disagreement.
        for (const char* quantity : {R"({"value":1,"unit":"milligram","code":"mg"})",
                                     R"j({"value":2,"unit":"tablet(s)","code":"{tbl}"})j"}) {
            INFO(quantity);
            const auto same = request(std::string(R"({"doseAndRate":[{"doseQuantity":)") + quantity + "}]}");
            CHECK(same.issues.empty());
        }
    }

    TEST_CASE("several doseAndRate entries: another amount is an issue, the larger read in one unit") {
        const auto two = request(R"({"doseAndRate":[{"doseQuantity":{"value":400,"unit":"mg"}},)"
                                 R"({"doseQuantity":{"value":800,"unit":"mg"}}]})");
        CHECK(two.dose == 800);
        REQUIRE(two.issues.size() == 1);
        CHECK(two.issues[0].second.find("two doses given ('400 mg' and '800 mg')") != std::string::npos);
        const auto units = request(R"({"doseAndRate":[{"doseQuantity":{"value":2,"unit":"tablet"}},)"
                                   R"({"doseQuantity":{"value":800,"unit":"mg"}}]})");
        CHECK(units.dose == 2);
        CHECK(units.unit == "tablet");
        REQUIRE(units.issues.size() == 1);
        CHECK(units.issues[0].second.find("two units") != std::string::npos);
        const auto same = request(R"({"doseAndRate":[{"doseQuantity":{"value":400,"unit":"mg"}},)"
                                  R"({"doseQuantity":{"value":400,"unit":"mg"}}]})");
        CHECK(same.dose == 400);
        CHECK(same.issues.empty());
    }

    TEST_CASE("timing.repeat frequency, period and periodUnit") {
        CHECK(request(R"({"timing":{"repeat":{"frequency":1,"period":6,"periodUnit":"h"}}})").frequency ==
              "q6h");
        CHECK(request(R"({"timing":{"repeat":{"frequency":2,"period":1,"periodUnit":"d"}}})").frequency ==
              "bid");
        CHECK(request(R"({"timing":{"repeat":{"frequency":3,"period":1,"periodUnit":"d"}}})").frequency ==
              "tid");
        CHECK(request(R"({"timing":{"repeat":{"frequency":6,"period":1,"periodUnit":"d"}}})").frequency ==
              "q4h");
        CHECK(request(R"({"timing":{"repeat":{"frequency":1,"period":3,"periodUnit":"d"}}})").frequency ==
              "q72h");
        CHECK(request(R"({"timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"wk"}}})").frequency ==
              "weekly");
        CHECK(request(R"({"timing":{"repeat":{"frequency":1,"period":4,"periodMax":6,"periodUnit":"h"}}})")
                  .frequency == "q4-6h");
        CHECK(request(R"({"timing":{"repeat":{"frequency":2,"frequencyMax":4,"period":1,"periodUnit":"d"}}})")
                  .frequency == "qid");
        // Not expressible in the vocabulary: passed on for the checker to name.
        CHECK(request(R"({"timing":{"repeat":{"frequency":5,"period":1,"periodUnit":"d"}}})").frequency ==
              "5 per 1 d");
        // Minutes are hours to the vocabulary (it named "1 per 360 min" unknown before).
        CHECK(request(R"({"timing":{"repeat":{"frequency":1,"period":360,"periodUnit":"min"}}})").frequency ==
              "q6h");
        CHECK(request(
                  R"({"timing":{"repeat":{"frequency":1,"period":240,"periodMax":360,"periodUnit":"min"}}})")
                  .frequency == "q4-6h");
        CHECK(request(R"({"timing":{"repeat":{"frequency":1,"period":90,"periodUnit":"min"}}})").frequency ==
              "1 per 1.5 h");
        // Bounds written the wrong way round still give the most: frequencyMax below frequency was read
        // as once a day, periodMax below period as every 6 hours.
        CHECK(request(R"({"timing":{"repeat":{"frequency":3,"frequencyMax":1,"period":1,"periodUnit":"d"}}})")
                  .frequency == "tid");
        CHECK(request(R"({"timing":{"repeat":{"frequency":1,"period":6,"periodMax":2,"periodUnit":"h"}}})")
                  .frequency == "q2-6h");
        // So does a doseRange written high to low (it was read at its "high", 500).
        const auto inverted = request(
            R"({"doseAndRate":[{"doseRange":{"low":{"value":1000,"unit":"mg"},"high":{"value":500,"unit":"mg"}}}]})");
        CHECK(inverted.dose == 1000);
        CHECK(inverted.dose_min == 500);
    }
    TEST_CASE("fhir_repeat_frequency: units are UCUM codes, matched whole and case-sensitive") {
        CHECK(io::fhir_repeat_frequency(1, 1, std::nullopt, "d") == "daily");
        CHECK(io::fhir_repeat_frequency(4, 1, std::nullopt, "d") == "qid");
        CHECK(io::fhir_repeat_frequency(2, 1, std::nullopt, "wk") == "q84h");
        CHECK(io::fhir_repeat_frequency(1, 2, std::nullopt, "wk") == "q336h");
        CHECK(io::fhir_repeat_frequency(1, 8, 12, "h") == "q8-12h");
        CHECK(io::fhir_repeat_frequency(1, 8, 400, "h") == "q8h"); // a longest beyond two weeks is not named
        for (const std::string_view unit : {"D", "H", "Wk", "dd", "w", "", "day"}) {
            CAPTURE(unit);
            CHECK(io::fhir_repeat_frequency(1, 1, std::nullopt, unit).empty());
        }
        CHECK(io::fhir_repeat_frequency(0, 1, std::nullopt, "d").empty());
        CHECK(io::fhir_repeat_frequency(1, 0.5, std::nullopt, "h").empty()); // under an hour
    }
    TEST_CASE("timing.repeat times of day are administrations: never fewer than they name") {
        // No frequency stated: the times of day give it (meal events are three).
        CHECK(
            request(
                R"({"timing":{"repeat":{"period":1,"periodUnit":"d","timeOfDay":["08:00","14:00","20:00"]}}})")
                .frequency == "tid");
        CHECK(request(R"({"timing":{"repeat":{"when":["MORN","HS"]}}})").frequency == "bid");
        CHECK(request(R"({"timing":{"repeat":{"when":["C","HS"]}}})").frequency == "qid");
        CHECK(request(R"({"timing":{"repeat":{"when":["HS"]}}})").frequency == "daily");
        CHECK(request(R"({"timing":{"repeat":{"when":["MORN","MORN"]}}})").frequency == "daily");
        // Stated and agreeing: no issue.
        for (const char* timing :
             {R"({"code":{"coding":[{"code":"BID"}]},"repeat":{"when":["MORN","EVE"]}})",
              R"({"repeat":{"frequency":2,"period":1,"periodUnit":"d","when":["MORN","HS"]}})",
              R"({"repeat":{"frequency":1,"period":1,"periodUnit":"d","when":["HS"]}})",
              R"({"repeat":{"frequency":1,"period":6,"periodUnit":"h","when":["HS"]}})"}) {
            const auto r = request(std::string(R"({"timing":)") + timing + "}");
            CHECK_MESSAGE(r.issues.empty(), timing);
        }
        // Stated lower than the times of day name (frequency 1 a day, two times): the higher, with an issue.
        const auto lower = request(
            R"({"timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"d","when":["MORN","HS"]}}})");
        CHECK(lower.frequency == "bid");
        REQUIRE(lower.issues.size() == 1);
        CHECK(lower.issues[0].first == "dosageInstruction.timing.repeat");
        CHECK(lower.issues[0].second ==
              "cannot verify: 2 times of day named but a frequency of 'daily' stated; "
              "the higher, 2 a day, was checked");
        // A weekly schedule at bedtime is once a week; several times of day in it cannot be counted.
        const auto weekly =
            request(R"({"timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"wk","when":["HS"]}}})");
        CHECK(weekly.frequency == "weekly");
        CHECK(weekly.issues.empty());
        const auto weekly_two = request(
            R"({"timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"wk","when":["MORN","HS"]}}})");
        REQUIRE(weekly_two.issues.size() == 1);
        CHECK(weekly_two.issues[0].second == "cannot verify: 2 times of day in a schedule longer than a day");
    }

    TEST_CASE("timing.repeat dayOfWeek over a week: administrations a week, never fewer") {
        // No frequency stated: the days give it (3 a week = every 56 h).
        CHECK(
            request(R"({"timing":{"repeat":{"period":1,"periodUnit":"wk","dayOfWeek":["mon","wed","fri"]}}})")
                .frequency == "q56h");
        CHECK(request(R"({"timing":{"repeat":{"dayOfWeek":["mon","thu"]}}})").frequency == "q84h");
        // Stated as once a week: the higher, with an issue.
        const auto lower = request(
            R"({"timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"wk","dayOfWeek":["mon","wed","fri"]}}})");
        CHECK(lower.frequency == "q56h");
        REQUIRE(lower.issues.size() == 1);
        CHECK(lower.issues[0].second == "cannot verify: 3 days of the week named but a frequency of 'weekly' "
                                        "stated; the higher, 3 a week, was checked");
        // Over a daily schedule the days only choose when: each dosing day is read whole.
        for (const char* timing :
             {R"({"repeat":{"frequency":2,"period":1,"periodUnit":"d","dayOfWeek":["mon"]}})",
              R"({"repeat":{"frequency":3,"period":1,"periodUnit":"wk","dayOfWeek":["mon","wed","fri"]}})",
              R"({"code":{"coding":[{"code":"BID"}]},"repeat":{"dayOfWeek":["sat"]}})"}) {
            const auto r = request(std::string(R"({"timing":)") + timing + "}");
            CHECK_MESSAGE(r.issues.empty(), timing);
        }
        CHECK(request(
                  R"({"timing":{"repeat":{"frequency":2,"period":1,"periodUnit":"d","dayOfWeek":["mon"]}}})")
                  .frequency == "bid");
    }

    TEST_CASE("timing.code abbreviations") {
        CHECK(request(R"({"timing":{"code":{"coding":[{"code":"BID"}]}}})").frequency == "bid");
        CHECK(request(R"({"timing":{"code":{"coding":[{"code":"Q4H"}]}}})").frequency == "q4h");
        CHECK(request(R"({"timing":{"code":{"coding":[{"code":"QID"}]}}})").frequency == "qid");
        CHECK(request(R"({"timing":{"code":{"text":"TID"}}})").frequency == "tid");
    }
    TEST_CASE("timing.code: HL7 abbreviations are passed to the sig vocabulary; MO at the shortest month") {
        CHECK(request(R"({"timing":{"code":{"coding":[{"code":"QOD"}]}}})").frequency == "qod");
        CHECK(request(R"({"timing":{"code":{"coding":[{"code":"BED"}]}}})").frequency == "qhs");
        CHECK(request(R"({"timing":{"code":{"coding":[{"code":"WK"}]}}})").frequency == "weekly");
        CHECK(request(R"({"timing":{"code":{"coding":[{"code":"MO"}]}}})").frequency == "q672h");
        CHECK(request(R"({"timing":{"code":{"coding":[{"code":"AM"}]}}})").frequency == "daily");
    }
    TEST_CASE("dosageInstruction.text without structured dose and timing is read as a sig") {
        const auto r = request(R"({"text":"Take 1-2 tablets by mouth every 4 to 6 hours as needed for pain, )"
                               R"(max 8 tablets per day, for 5 days"})");
        CHECK(r.dose == 2);
        CHECK(r.dose_min == 1);
        CHECK(r.unit == "tablets");
        CHECK(r.frequency == "q4-6h");
        CHECK(r.prn);
        CHECK(r.route == "oral");
        CHECK(r.duration_days == 5);
        CHECK(r.max_doses_per_day == 4); // 8 tablets a day in doses of (at most) 2
        CHECK(r.issues.empty());
        const auto named = request(R"({"text":"ibuprofen 400 mg po q6h prn"})");
        CHECK(named.dose == 400);
        CHECK(named.frequency == "q6h");
        CHECK(named.issues.empty());
        const auto directed = request(R"({"text":"400 mg as directed"})");
        CHECK(directed.frequency.empty());
        REQUIRE(directed.issues.size() == 1);
        CHECK(directed.issues[0].second.find("no frequency") != std::string::npos);
        const auto unknown = request(R"({"text":"400 mg q6h zzz"})");
        CHECK(unknown.frequency == "q6h");
        REQUIRE(unknown.issues.size() == 1);
        CHECK(unknown.issues[0].second == "unrecognised word 'zzz' in '400 mg q6h zzz'");
        // Different doses at different times of day: the largest dose and the day's total.
        const auto divided = request(R"({"text":"Take 1 tablet in the morning and 2 tablets at bedtime"})");
        CHECK(divided.dose == 2);
        CHECK(divided.dose_min == 1);
        CHECK(divided.frequency == "bid");
        CHECK(divided.daily_dose == 3);
        CHECK(divided.issues.empty());
        // With a structured timing the text's total does not apply: the largest dose counts at each time.
        const auto timed = request(R"({"text":"1 tablet in the morning and 2 tablets at bedtime",)"
                                   R"("timing":{"repeat":{"frequency":2,"period":1,"periodUnit":"d"}}})");
        CHECK(timed.dose == 2);
        CHECK_FALSE(timed.daily_dose);
        const auto taper = request(R"({"text":"2 tabs bid then 1 tab daily"})");
        REQUIRE_FALSE(taper.issues.empty());
        CHECK(taper.issues.back().second.find("ambiguous") != std::string::npos);
        CHECK_FALSE(taper.dose); // not read, as an ambiguous sig is not
        CHECK(taper.frequency.empty());
    }
    TEST_CASE("dosageInstruction.text beside structured fields: they win, a higher text is an issue") {
        const std::string dose = R"("doseAndRate":[{"doseQuantity":{"value":400,"unit":"mg"}}])";
        const std::string q6h = R"("timing":{"repeat":{"frequency":1,"period":6,"periodUnit":"h"}})";
        // The text fills the timing the structured fields lack.
        const auto fills = request("{" + dose + R"(,"text":"every 8 hours as needed"})");
        CHECK(fills.dose == 400);
        CHECK(fills.frequency == "q8h");
        CHECK(fills.prn);
        CHECK(fills.issues.empty());
        // Agreeing, lower, or a note: the structured values alone.
        for (const char* text : {"400 mg every 6 hours", "200 mg every 12 hours", "Take with food."}) {
            const auto r = request("{" + dose + "," + q6h + R"(,"text":")" + text + R"("})");
            CHECK(r.frequency == "q6h");
            CHECK(r.dose == 400);
            CHECK_MESSAGE(r.issues.empty(), text);
        }
        // Higher dose or more doses a day: never silently ignored.
        const auto more = request("{" + dose + "," + q6h + R"(,"text":"800 mg every 4 hours"})");
        CHECK(more.dose == 400);
        CHECK(more.frequency == "q6h");
        REQUIRE(more.issues.size() == 1);
        CHECK(more.issues[0].first == "dosageInstruction.text");
        CHECK(more.issues[0].second ==
              "cannot verify: the text '800 mg every 4 hours' reads to more than the structured dose and "
              "timing "
              "(text: 800 mg, 6 a day; structured: 400 mg, 4 a day); the structured values were checked");
        const auto grams = request("{" + dose + "," + q6h + R"(,"text":"1 g q6h"})");
        CHECK(grams.issues.size() == 1);
        const auto tablets = request("{" + dose + "," + q6h + R"(,"text":"2 tablets q6h"})");
        REQUIRE(tablets.issues.size() == 1);
        CHECK(tablets.issues[0].second.find("cannot be compared") != std::string::npos);
    }
    TEST_CASE("PRN, maximum per period, route and duration") {
        const auto r = request(
            R"({"asNeededBoolean":true,"route":{"coding":[{"system":"http://snomed.info/sct","code":"26643006"}]},)"
            R"("doseAndRate":[{"doseQuantity":{"value":400,"unit":"mg"}}],)"
            R"("timing":{"repeat":{"frequency":1,"period":6,"periodUnit":"h","boundsDuration":{"value":2,"code":"wk"}}},)"
            R"("maxDosePerPeriod":{"numerator":{"value":1200,"unit":"mg"},"denominator":{"value":1,"unit":"d"}}})");
        CHECK(r.prn);
        CHECK(r.route == "oral");
        CHECK(r.duration_days == 14);
        CHECK(r.max_doses_per_day == 3);
        CHECK(request(R"({"asNeededCodeableConcept":{"text":"pain"}})").prn);
        CHECK(
            request(R"({"maxDosePerPeriod":{"numerator":{"value":4},"denominator":{"value":1,"unit":"d"}}})")
                .max_doses_per_day == 4);
    }
    TEST_CASE("boundsRange and boundsPeriod give a duration at their longest; a scheduled count does too") {
        // Each was ignored ("duration not stated", a warning where a duration limit is broken).
        auto days = [](const std::string& repeat_extra, bool prn = false) {
            return request(std::string(R"({"asNeededBoolean":)") + (prn ? "true" : "false") +
                           R"(,"doseAndRate":[{"doseQuantity":{"value":5,"unit":"mg"}}],)"
                           R"("timing":{"repeat":{"frequency":3,"period":1,"periodUnit":"d")" +
                           repeat_extra + "}}}")
                .duration_days;
        };
        CHECK(days(R"(,"boundsRange":{"low":{"value":14,"code":"d"},"high":{"value":4,"code":"wk"}})") == 28);
        CHECK_FALSE(days(R"(,"boundsRange":{"low":{"value":14,"code":"d"}})")); // no top: bounds nothing
        CHECK(days(R"(,"boundsRange":{"low":{"value":5,"code":"wk"},"high":{"value":28,"code":"d"}})") == 35);
        // A date runs to the end of its day; a month to the end of the month; times are exact.
        CHECK(days(R"(,"boundsPeriod":{"start":"2024-05-01","end":"2024-05-31"})") == 31);
        CHECK(days(R"(,"boundsPeriod":{"start":"2024-05-01","end":"2024-05-21"})") == 21);
        CHECK(days(R"(,"boundsPeriod":{"start":"2024-02","end":"2024-02"})") == 29);
        CHECK(days(R"(,"boundsPeriod":{"start":"2024-05-01T08:00:00Z","end":"2024-05-22T20:00:00Z"})") ==
              doctest::Approx(21.5));
        CHECK(days(R"(,"boundsPeriod":{"start":"2024-05-01T08:00:00+02:00","end":"2024-05-22T08:00:00Z"})") ==
              doctest::Approx(21 + 2.0 / 24));
        CHECK_FALSE(days(R"(,"boundsPeriod":{"start":"2024-05-01"})"));                    // open-ended
        CHECK_FALSE(days(R"(,"boundsPeriod":{"start":"2024-05-21","end":"2024-05-01"})")); // backwards
        CHECK_FALSE(days(R"(,"boundsPeriod":{"start":"soon","end":"2024-05-01"})"));
        // A boundsDuration is read first, as before.
        CHECK(
            days(
                R"(,"boundsDuration":{"value":10,"code":"d"},"boundsRange":{"high":{"value":40,"code":"d"}})") ==
            10);
        // count (or countMax) administrations at the schedule: 90 at 3 a day is 30 days, 10 is 3.33.
        CHECK(days(R"(,"count":90)") == 30);
        CHECK(days(R"(,"count":10)") == doctest::Approx(10.0 / 3));
        CHECK(days(R"(,"count":30,"countMax":66)") == 22);
        CHECK_FALSE(days(R"(,"count":90)", true)); // as needed: taken less often it lasts longer
        // As needed in the text, or in R5's asNeeded / asNeededFor: the count bounds nothing either.
        const std::string count90 =
            R"("doseAndRate":[{"doseQuantity":{"value":5,"unit":"mg"}}],"timing":{"repeat":{"frequency":3,"period":1,"periodUnit":"d","count":90}})";
        CHECK_FALSE(request(R"({"text":"5 mg tid prn spasm",)" + count90 + "}").duration_days);
        CHECK_FALSE(request(R"({"asNeeded":true,)" + count90 + "}").duration_days);
        CHECK_FALSE(request(R"({"asNeededFor":[{"text":"spasm"}],)" + count90 + "}").duration_days);
        CHECK(request(R"({"asNeededFor":[{"text":"spasm"}],)" + count90 + "}").prn);
        CHECK(request(R"({"asNeeded":false,)" + count90 + "}").duration_days == 30);
        // A text whose duration is counted from a quantity dispensed, beside asNeededBoolean: none.
        CHECK_FALSE(request(R"({"asNeededBoolean":true,"text":"1 tab tid #60"})").duration_days);
        CHECK(request(R"({"asNeededBoolean":false,"text":"1 tab tid #60"})").duration_days == 20);
        CHECK(days(R"(,"count":90,"boundsDuration":{"value":7,"code":"d"})") == 7);
    }
    TEST_CASE("expectedSupplyDuration when the timing has no bounds; priorPrescription means continuing") {
        const auto r =
            request(R"({"text":"Take as needed."})",
                    R"(,"dispenseRequest":{"expectedSupplyDuration":{"value":10,"unit":"days","code":"d"}},)"
                    R"("priorPrescription":{"reference":"MedicationRequest/m0"})");
        CHECK(r.duration_days == 10);
        CHECK(r.continuing);
        CHECK(r.dosage_text == "Take as needed.");
        CHECK_FALSE(r.dose);
        CHECK(r.frequency.empty());
        CHECK(r.patient == "p1");
        CHECK(r.authored_on == "2024-03-01");
    }
    TEST_CASE("records that cannot be read are rejected with the field") {
        Collect sink;
        std::istringstream in(
            "{\"resourceType\":\"MedicationRequest\",\"status\":\"active\"}\n"
            "{not json\n"
            "\n"
            "{\"resourceType\":\"MedicationRequest\",\"subject\":{\"reference\":\"Patient/1\"},"
            "\"medicationCodeableConcept\":{\"text\":\"x\"}}\n"
            "{\"resourceType\":\"Encounter\"}\n");
        io::read_fhir_ndjson(in, sink);
        // A missing subject is left to the sink (an order whose status is not checked is skipped).
        REQUIRE(sink.requests.size() == 1);
        REQUIRE(sink.requests[0].rejection);
        CHECK(sink.requests[0].rejection->first == "MedicationRequest.subject");
        REQUIRE(sink.rejections.size() == 2);
        CHECK(sink.rejections[0] == std::pair<std::uint64_t, std::string>{2, "line"});
        CHECK(sink.rejections[1] == std::pair<std::uint64_t, std::string>{4, "MedicationRequest.status"});
        CHECK(sink.skips == std::vector<std::string>{"resource type Encounter not used"});
    }
    TEST_CASE("a status that is not a FHIR code, and a Bundle where a resource is expected, are rejected") {
        Collect sink;
        std::istringstream in(
            R"({"resourceType":"MedicationRequest","status":"Active","subject":{"reference":"Patient/1"},"medicationCodeableConcept":{"text":"x"}})"
            "\n"
            R"({"resourceType":"Bundle","type":"collection","entry":[]})"
            "\n");
        io::read_fhir_ndjson(in, sink);
        REQUIRE(sink.rejections.size() == 2);
        CHECK(sink.rejections[0] == std::pair<std::uint64_t, std::string>{1, "MedicationRequest.status"});
        CHECK(sink.rejections[1] == std::pair<std::uint64_t, std::string>{2, "Bundle"});
        CHECK(sink.skips.empty());
    }
    TEST_CASE("an absolute subject reference names the patient's id") {
        Collect sink;
        io::read_fhir_resource(
            R"({"resourceType":"MedicationRequest","status":"active","subject":{"reference":"https://host/fhir/Patient/B1/_history/2"},"medicationCodeableConcept":{"text":"x"}})",
            1, sink);
        REQUIRE(sink.requests.size() == 1);
        CHECK(sink.requests[0].patient == "B1");
    }
    TEST_CASE(
        "several dosageInstruction entries: concurrent ones add up, consecutive ones give the highest") {
        const std::string q6h = R"("timing":{"repeat":{"frequency":1,"period":6,"periodUnit":"h"}})";
        auto dose = [&](int mg, const std::string& sequence) {
            return "{" + sequence + R"("doseAndRate":[{"doseQuantity":{"value":)" + std::to_string(mg) +
                   R"(,"code":"mg"}}],)" + q6h + "}";
        };
        SUBCASE("no sequence: concurrent") {
            const auto r = request(dose(400, "") + "," + dose(200, ""));
            CHECK(r.dose == 400);
            REQUIRE(r.concurrent.size() == 1);
            CHECK(r.concurrent[0].dose == 200);
            // Both every 6 hours with no times of day: one administration may hold both.
            REQUIRE(r.issues.size() == 1);
            CHECK(r.issues[0].first == "dosageInstruction");
            CHECK(r.issues[0].second.find(
                      "dosage entries 1 and 2 are given concurrently and no times of day "
                      "keep them apart, so one administration may hold both (400 + 200 mg)") !=
                  std::string::npos);
        }
        SUBCASE("same sequence: concurrent") {
            const auto r = request(dose(400, R"("sequence":1,)") + "," + dose(200, R"("sequence":1,)"));
            CHECK(r.concurrent.size() == 1);
            CHECK(r.issues.size() == 1);
        }
        SUBCASE("concurrent entries kept apart by their times of day, and ones that are not") {
            auto at = [](int mg, const std::string& times) {
                return R"({"doseAndRate":[{"doseQuantity":{"value":)" + std::to_string(mg) +
                       R"(,"code":"mg"}}],"timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"d",)" +
                       times + "}}}";
            };
            const std::string morning = R"("when":["MORN"])";
            const std::string night = R"("when":["NIGHT"])";
            auto together = [](const io::FhirMedicationRequest& r) {
                return std::any_of(r.issues.begin(), r.issues.end(), [](const auto& issue) {
                    return issue.second.find("given concurrently") != std::string::npos;
                });
            };
            CHECK_FALSE(together(request(at(200, morning) + "," + at(400, night))));
            CHECK_FALSE(together(request(at(200, R"("timeOfDay":["08:00:00"])") + "," +
                                         at(400, R"("timeOfDay":["20:00:00"])"))));
            // The same time, a clock time beside an event (08:00 may be the morning), a meal (any time),
            // one entry without a time: may be given together.
            CHECK(together(request(at(200, morning) + "," + at(400, morning))));
            CHECK(together(request(at(200, R"("timeOfDay":["08:00:00"])") + "," + at(400, morning))));
            CHECK(together(request(at(200, R"("when":["CV"])") + "," + at(400, night))));
            CHECK(together(request(at(200, morning) + "," + dose(400, ""))));
        }
        SUBCASE("different sequences: the largest dose, at the same frequency") {
            const auto r = request(dose(200, R"("sequence":1,)") + "," + dose(800, R"("sequence":2,)") + "," +
                                   dose(400, R"("sequence":3,)"));
            CHECK(r.dose == 800);
            CHECK(r.dose_min == 200);
            CHECK(r.frequency == "q6h");
            CHECK_FALSE(r.daily_dose); // 800 mg at 4 a day is the highest phase's day
            CHECK(r.concurrent.empty());
            // Phases without durations: when the next begins is open.
            REQUIRE(r.issues.size() == 1);
            CHECK(r.issues[0].second.find("sequence 1 is followed by sequence 2 but has no duration") !=
                  std::string::npos);
        }
        SUBCASE("phases of different doses at different times are compared by their day's total") {
            // Phase 1 "2 tabs in the morning, 1 at night" is 3 tablets (4 if its largest dose counted
            // twice); phase 2 "1 tab qid" is 4: the day is phase 2's, the single dose phase 1's (2).
            const auto r = request(R"({"sequence":1,"text":"2 tab in the morning and 1 tab at night"},)"
                                   R"({"sequence":2,"text":"1 tab qid"})");
            CHECK(r.dose == 2);
            CHECK(r.frequency == "qid");
            CHECK(r.daily_dose == 4);
        }
        SUBCASE("different sequences that cannot be compared: unverifiable") {
            const auto r = request(dose(200, R"("sequence":1,)") + R"(,{"sequence":2,"text":"as directed"})");
            REQUIRE(r.issues.size() == 1);
            CHECK(r.issues[0].first == "dosageInstruction.sequence");
        }
    }
    TEST_CASE("consecutive phases: the order allows what every phase allows, never only the worst day's") {
        // A phase: `mg` mg `per_day` times a day, for `days` days (0: no duration), by `route`.
        auto phase = [](int sequence, int mg, int per_day, int days, const std::string& route = "oral",
                        const std::string& extra = "") {
            return R"({"sequence":)" + std::to_string(sequence) + R"(,"route":{"text":")" + route +
                   R"("},"doseAndRate":[{"doseQuantity":{"value":)" + std::to_string(mg) +
                   R"(,"code":"mg"}}],"timing":{"repeat":{"frequency":)" + std::to_string(per_day) +
                   R"(,"period":1,"periodUnit":"d")" +
                   (days > 0 ? R"(,"boundsDuration":{"value":)" + std::to_string(days) + R"(,"code":"d"})"
                             : std::string()) +
                   "}}" + extra + "}";
        };
        SUBCASE("a larger dose given less often: the single dose of its phase, the day of the other") {
            // 1300 mg bid for 2 days (2600/day), then 500 mg 6 a day (3000/day).
            const auto r = request(phase(1, 1300, 2, 2) + "," + phase(2, 500, 6, 0));
            CHECK(r.dose == 1300);
            CHECK(r.dose_min == 500);
            CHECK(r.frequency == "q4h");
            CHECK(r.daily_dose == 3000);  // lower than 1300 mg 6 times a day
            CHECK_FALSE(r.duration_days); // the last phase runs open-ended
            CHECK(r.issues.empty());
        }
        SUBCASE("durations add up when every phase has one") {
            const auto r = request(phase(1, 10, 3, 14) + "," + phase(2, 5, 3, 14));
            CHECK(r.duration_days == 28);
            CHECK(r.dose == 10);
            CHECK(r.frequency == "tid");
            CHECK_FALSE(r.daily_dose);
        }
        SUBCASE("the most administrations of any phase (a titration)") {
            const auto r =
                request(phase(1, 300, 1, 3) + "," + phase(2, 300, 2, 3) + "," + phase(3, 300, 3, 0));
            CHECK(r.dose == 300);
            CHECK(r.frequency == "tid");
            CHECK_FALSE(r.duration_days);
            CHECK(r.issues.empty()); // whole days, then the last phase open-ended
        }
        SUBCASE("a phase followed by another without whole days: the day they meet is unverifiable") {
            // A loading dose: 2000 mg once, then 500 mg 6 a day; the first day may hold 2000 + 3000.
            const auto loading = request(phase(1, 2000, 1, 0) + "," + phase(2, 500, 6, 0));
            REQUIRE(loading.issues.size() == 1);
            CHECK(loading.issues[0].second.find("sequence 1 is followed by sequence 2 but has no duration") !=
                  std::string::npos);
            CHECK(loading.dose == 2000); // and each phase still checked on its own
            const std::string half_day =
                R"({"sequence":1,"route":{"text":"oral"},"doseAndRate":[{"doseQuantity":{"value":500,"code":"mg"}}],)"
                R"("timing":{"repeat":{"frequency":1,"period":6,"periodUnit":"h",)"
                R"("boundsDuration":{"value":12,"code":"h"}}}})";
            const auto hours = request(half_day + "," + phase(2, 500, 4, 0));
            REQUIRE(hours.issues.size() == 1);
            CHECK(hours.issues[0].second.find("does not last whole days") != std::string::npos);
        }
        SUBCASE("as needed only when every phase is, with the largest maximum of them") {
            const std::string max2 =
                R"(,"asNeededBoolean":true,"maxDosePerPeriod":{"numerator":{"value":2},"denominator":{"value":1,"code":"d"}})";
            const std::string max3 =
                R"(,"asNeededBoolean":true,"maxDosePerPeriod":{"numerator":{"value":3},"denominator":{"value":1,"code":"d"}})";
            const auto both =
                request(phase(1, 500, 4, 2, "oral", max2) + "," + phase(2, 400, 4, 0, "oral", max3));
            CHECK(both.prn);
            CHECK(both.max_doses_per_day == 3);
            const auto one = request(phase(1, 500, 4, 2, "oral", max2) + "," + phase(2, 400, 4, 0));
            CHECK_FALSE(one.prn);
            CHECK_FALSE(one.max_doses_per_day);
            CHECK(one.daily_dose == 1600); // the scheduled phase's day; 500 mg 4 a day would be 2000
        }
        SUBCASE("phases by different routes are not merged: unverifiable, naming both") {
            const auto r = request(phase(1, 1000, 4, 1, "iv") + "," + phase(2, 650, 4, 0, "oral"));
            REQUIRE(r.issues.size() == 1);
            CHECK(r.issues[0].first == "dosageInstruction.sequence");
            CHECK(r.issues[0].second.find("by different routes ('iv' in sequence 1, 'oral' in sequence 2)") !=
                  std::string::npos);
        }
        SUBCASE("phases of several entries: the highest day's phase read, unverifiable") {
            const std::string night = R"({"doseAndRate":[{"doseQuantity":{"value":100,"code":"mg"}}],)"
                                      R"("timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"d"}}})";
            // Unsequenced "night" runs beside both phases: phase 2 (400 mg qid + 100) has the highest day,
            // phase 1 the larger dose (1000 mg once a day).
            const auto r = request(phase(1, 1000, 1, 3) + "," + phase(2, 400, 4, 0) + "," + night);
            REQUIRE(r.issues.size() == 1);
            CHECK(r.issues[0].second.find("of several entries each; only sequence 2") != std::string::npos);
            CHECK(r.dose == 400);
            REQUIRE(r.concurrent.size() == 1);
            CHECK(r.concurrent[0].dose == 100);
        }
    }
    TEST_CASE("medicationReference: a contained Medication is read; another reference is left to the sink") {
        Collect sink;
        io::read_fhir_resource(
            R"({"resourceType":"MedicationRequest","status":"active","subject":{"reference":"Patient/1"},)"
            R"("contained":[{"resourceType":"Medication","id":"med1","code":{"text":"ibuprofen 400 mg"}}],)"
            R"("medicationReference":{"reference":"#med1"}})",
            1, sink);
        io::read_fhir_resource(
            R"({"resourceType":"MedicationRequest","status":"active","subject":{"reference":"Patient/1"},)"
            R"("medicationReference":{"reference":"Medication/m9"}})",
            2, sink);
        REQUIRE(sink.requests.size() == 2);
        CHECK(sink.requests[0].medication_text == "ibuprofen 400 mg");
        CHECK_FALSE(sink.requests[0].rejection);
        CHECK(sink.requests[1].medication_reference == "Medication/m9");
        CHECK_FALSE(sink.requests[1].rejection);
    }
    TEST_CASE("a request written over the one before it keeps nothing of it, on one thread or several") {
        // Requests with and without each field, in turn; a sink that copies what it is given (not moving
        // it) leaves the reader's request with the previous one's fields to be written over.
        const std::string subject = R"("subject":{"reference":"Patient/p1"},)";
        const std::vector<std::string> resources{
            R"({"resourceType":"MedicationRequest","id":"m1","status":"active",)" + subject +
                R"("authoredOn":"2024-03-01","medicationCodeableConcept":{"text":"Ibuprofen 400 MG Oral Tablet","coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"197806"}]},)"
                R"("dosageInstruction":[{"text":"take 1 tablet twice a day","timing":{"repeat":{"timeOfDay":["08:00:00","20:00:00"]}},"doseAndRate":[{"doseQuantity":{"value":1,"unit":"tablet"}}]},{"timing":{"repeat":{"when":["HS"]}},"doseAndRate":[{"doseQuantity":{"value":2,"unit":"tablet"}}]}],)"
                R"("dispenseRequest":{"expectedSupplyDuration":{"value":10,"code":"d"}},"priorPrescription":{"reference":"MedicationRequest/m0"}})",
            R"({"resourceType":"MedicationRequest","status":"stopped","medicationReference":{"reference":"Medication/x"}})",
            R"({"resourceType":"MedicationRequest","status":"active",)" + subject +
                R"("medicationReference":{"reference":"#c1"},"contained":[{"resourceType":"Medication","id":"c1","code":{"text":"naproxen","coding":[{"code":"1"}]}}],)"
                R"("dosageInstruction":[{"doseAndRate":[{"doseQuantity":{"value":"x","unit":"mg"}}]}]})",
            R"({"resourceType":"MedicationRequest","status":"active",)" + subject +
                R"("medicationCodeableConcept":{"text":"ibuprofen"}})",
            R"({"resourceType":"MedicationRequest","status":"active",)" + subject +
                R"("medicationCodeableConcept":{"text":"ibuprofen"},"dosageInstruction":[{"timing":{"repeat":{"frequency":3,"period":1,"periodUnit":"d"}}}]})",
            // Texts longer than a kept request's room: its place is released, then written anew.
            R"({"resourceType":"MedicationRequest","status":"active",)" + subject +
                R"("medicationCodeableConcept":{"text":")" + std::string(5000, 'n') +
                R"("},"dosageInstruction":[{"text":")" + std::string(3000, 't') + R"("}]})",
        };
        struct Copies : io::FhirSink {
            std::vector<io::FhirMedicationRequest> requests;
            void patient(std::uint64_t, io::FhirPatient&&) override {}
            void medication_request(std::uint64_t, io::FhirMedicationRequest&& r) override {
                const io::FhirMedicationRequest& given = r;
                requests.push_back(given);
            }
            void condition(std::uint64_t, io::FhirCondition&&) override {}
            void observation(std::uint64_t, io::FhirObservation&&) override {}
            void skipped(std::uint64_t, const std::string&) override {}
            void rejected(std::uint64_t, const std::string&, const std::string&) override {}
        };
        std::vector<io::FhirMedicationRequest> alone; // each resource read on its own
        for (const std::string& resource : resources) {
            Collect sink;
            io::read_fhir_resource(resource, 1, sink);
            REQUIRE(sink.requests.size() == 1);
            alone.push_back(sink.requests.front());
        }
        // Each round starts one resource further, so that every one follows every other.
        const std::size_t rounds = 2000;
        auto resource_at = [&](std::size_t i) {
            return (i % resources.size() + i / resources.size()) % resources.size();
        };
        std::string ndjson;
        for (std::size_t i = 0; i < rounds * resources.size(); ++i) {
            ndjson += resources[resource_at(i)] + "\n";
        }
        for (const unsigned threads : {1U, 2U}) {
            CAPTURE(threads);
            Copies sink;
            std::istringstream in(ndjson);
            io::read_fhir_ndjson(in, sink, {}, {}, threads);
            REQUIRE(sink.requests.size() == rounds * resources.size());
            for (std::size_t i = 0; i < sink.requests.size(); ++i) {
                REQUIRE_MESSAGE(sink.requests[i] == alone[resource_at(i)], "request " << i);
            }
        }
        // The first reads every field the test means to leave behind.
        CHECK(alone[0].continuing);
        CHECK_FALSE(alone[0].concurrent.empty());
        CHECK_FALSE(alone[0].times_of_day.empty());
        CHECK_FALSE(alone[0].medication_codings.empty());
        CHECK(alone[1].rejection);
        CHECK_FALSE(alone[2].issues.empty());
    }
    TEST_CASE("patients, conditions and observations") {
        Collect sink;
        std::istringstream in(
            R"({"resourceType":"Patient","id":"p1","birthDate":"1950-06-15","gender":"female"})"
            "\n"
            R"({"resourceType":"Condition","subject":{"reference":"Patient/p1"},"clinicalStatus":{"coding":[{"code":"active"}]},"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"I50.9"}]}})"
            "\n"
            R"({"resourceType":"Condition","subject":{"reference":"Patient/p1"},"clinicalStatus":{"coding":[{"code":"resolved"}]},"code":{"coding":[{"system":"http://snomed.info/sct","code":"1"}]}})"
            "\n"
            R"({"resourceType":"Observation","status":"final","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://loinc.org","code":"2160-0"}]},"valueQuantity":{"value":88.4,"unit":"umol/L"}})"
            "\n"
            R"({"resourceType":"Observation","status":"final","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://loinc.org","code":"29463-7"}]},"valueQuantity":{"value":100,"code":"[lb_av]"}})"
            "\n"
            R"({"resourceType":"Observation","status":"final","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"valueQuantity":{"value":70}})"
            "\n");
        io::read_fhir_ndjson(in, sink);
        REQUIRE(sink.patients.size() == 1);
        CHECK(sink.patients[0].birth_date == "1950-06-15");
        REQUIRE(sink.conditions.size() == 1);
        CHECK(sink.conditions[0].codes[0].system == "icd10cm");
        CHECK(sink.conditions[0].codes[0].code == "I50.9");
        REQUIRE(sink.observations.size() == 2);
        CHECK(sink.observations[0].kind == io::FhirObservationKind::creatinine);
        CHECK(sink.observations[0].value == doctest::Approx(1.0));
        CHECK(sink.observations[1].value == doctest::Approx(45.359237));
        CHECK(sink.skips.size() == 2);
    }
    TEST_CASE("observation units are read in any case; another unit is rejected") {
        auto read = [](const std::string& loinc, const std::string& unit) {
            Collect sink;
            io::read_fhir_resource(
                R"({"resourceType":"Observation","status":"final","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://loinc.org","code":")" +
                    loinc + R"("}]},"valueQuantity":{"value":100,"unit":")" + unit + R"("}})",
                1, sink);
            return sink;
        };
        struct Case {
            std::string loinc;
            std::string unit;
            double value;
        };
        for (const Case& read_as : std::vector<Case>{{"2160-0", "MG/DL", 100},
                                                     {"2160-0", "UMOL/L", 100 / 88.4},
                                                     {"2160-0", "\u00b5mol/L", 100 / 88.4},
                                                     {"2160-0", "\u03bcMOL/l", 100 / 88.4},
                                                     {"29463-7", "KG", 100},
                                                     {"29463-7", "G", 0.1},
                                                     {"29463-7", "LBS", 45.359237},
                                                     {"29463-7", "[LB_AV]", 45.359237}}) {
            CAPTURE(read_as.unit);
            const Collect sink = read(read_as.loinc, read_as.unit);
            REQUIRE(sink.observations.size() == 1);
            CHECK(sink.observations[0].value == doctest::Approx(read_as.value));
        }
        for (const Case& unread : std::vector<Case>{
                 {"2160-0", "mg/d", 0}, {"2160-0", "mmol/L", 0}, {"29463-7", "kgs", 0}, {"29463-7", "", 0}}) {
            CAPTURE(unread.unit);
            const Collect sink = read(unread.loinc, unread.unit);
            CHECK(sink.observations.empty());
            REQUIRE(sink.rejections.size() == 1);
            CHECK(sink.rejections[0].second == "Observation.valueQuantity.unit");
        }
    }
    TEST_CASE("subject references: prefixes are matched whole, else the reference is kept") {
        auto patient = [](const std::string& reference) {
            Collect sink;
            io::read_fhir_resource(
                R"({"resourceType":"MedicationRequest","status":"active","subject":{"reference":")" +
                    reference + R"("},"medicationCodeableConcept":{"text":"x"}})",
                1, sink);
            REQUIRE(sink.requests.size() == 1);
            return sink.requests[0].patient;
        };
        CHECK(patient("Patient/P1") == "P1");
        CHECK(patient("Patient/") == "");
        CHECK(patient("Patient") == "Patient");
        CHECK(patient("patient/P1") == "patient/P1");
        CHECK(patient("Patient/P1/_history/3") == "P1");
        CHECK(patient("http://h/Patient/P2") == "P2");
        CHECK(patient("https://h/fhir/Patient/P3/_history/1") == "P3");
        CHECK(patient("http:/h/Patient/P4") == "http:/h/Patient/P4");
        CHECK(patient("urn:uuid:1234") == "urn:uuid:1234");
    }
    TEST_CASE(
        "an observation given with a comparator is used only where reading its value is the worst case") {
        // "eGFR > 60" and "creatinine < 0.5": the true factor can only be better, so the value stands;
        // "creatinine > 10", "eGFR < 15", "weight < 50 kg": it may be worse than any value read, so the
        // observation is rejected (the factor is then missing: cannot verify).
        auto observation = [](const std::string& loinc, const std::string& quantity) {
            Collect sink;
            std::istringstream in(
                R"({"resourceType":"Observation","status":"final","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://loinc.org","code":")" +
                loinc + R"("}]},"valueQuantity":)" + quantity + "}\n");
            io::read_fhir_ndjson(in, sink);
            return sink;
        };
        CHECK(observation("2160-0", R"({"value":0.5,"comparator":"<","unit":"mg/dL"})").observations.size() ==
              1);
        CHECK(
            observation("33914-3", R"({"value":60,"comparator":">","unit":"mL/min"})").observations.size() ==
            1);
        CHECK(observation("29463-7", R"({"value":120,"comparator":">=","unit":"kg"})").observations.size() ==
              1);
        for (const auto& [loinc, quantity] : std::vector<std::pair<std::string, std::string>>{
                 {"2160-0", R"({"value":10,"comparator":">","unit":"mg/dL"})"},
                 {"33914-3", R"({"value":15,"comparator":"<","unit":"mL/min"})"},
                 {"29463-7", R"({"value":50,"comparator":"<=","unit":"kg"})"},
                 {"2160-0", R"({"value":1,"comparator":"ad","unit":"mg/dL"})"}}) {
            const Collect sink = observation(loinc, quantity);
            CHECK(sink.observations.empty());
            REQUIRE(sink.rejections.size() == 1);
            CHECK(sink.rejections[0].second == "Observation.valueQuantity.comparator");
        }
    }
    TEST_CASE("a dose with a comparator above its value, or a timing number that is not one, is an issue") {
        const std::string q6h = R"("timing":{"repeat":{"frequency":1,"period":6,"periodUnit":"h"}})";
        const auto more = request(
            R"({"doseAndRate":[{"doseQuantity":{"value":500,"comparator":">","unit":"mg"}}],)" + q6h + "}");
        CHECK(more.dose == 500);
        REQUIRE(more.issues.size() == 1);
        CHECK(more.issues[0].first == "dosageInstruction.doseAndRate.dose.comparator");
        const auto range_top = request(
            R"({"doseAndRate":[{"doseRange":{"low":{"value":500,"unit":"mg"},"high":{"value":750,"comparator":">=","unit":"mg"}}}],)" +
            q6h + "}");
        CHECK(range_top.issues.size() == 1);
        CHECK(request(R"({"doseAndRate":[{"doseQuantity":{"value":500,"comparator":"<=","unit":"mg"}}],)" +
                      q6h + "}")
                  .issues.empty());
        const auto text_frequency = request(
            R"({"doseAndRate":[{"doseQuantity":{"value":1000,"unit":"mg"}}],"timing":{"repeat":{"frequency":"4","period":1,"periodUnit":"d"}}})");
        REQUIRE(text_frequency.issues.size() == 1);
        CHECK(text_frequency.issues[0].first == "dosageInstruction.timing.repeat.frequency");
        CHECK(text_frequency.issues[0].second == "cannot verify: not a number");
    }
    TEST_CASE("the countable dose form a medication names: tablet, capsule or patch, one only") {
        CHECK(io::countable_dose_form("Acetaminophen 500 MG Oral Tablet", {}) == "tablet");
        CHECK(io::countable_dose_form("12 HR Tramadol 100 MG Extended Release Oral Tablet [Ultram]", {}) ==
              "tablet");
        CHECK(io::countable_dose_form("Gabapentin 300 MG Oral Capsule", {}) == "capsule");
        CHECK(io::countable_dose_form("fentanyl 0.025 MG/HR 72 HR Transdermal System", {}) == "patch");
        CHECK(io::countable_dose_form("Tylenol caplets,", {}) == "tablet");
        CHECK(io::countable_dose_form("Acetaminophen 32 MG/ML Oral Solution", {}).empty());
        CHECK(io::countable_dose_form("tablet or capsule", {}).empty());
        CHECK(io::countable_dose_form("system", {}).empty());
        // No text: the codings' displays.
        const std::vector<io::FhirCoding> codings{
            {"http://www.nlm.nih.gov/research/umls/rxnorm", "313782", "Acetaminophen 325 MG Oral Tablet"}};
        CHECK(io::countable_dose_form("", codings) == "tablet");
        CHECK(io::countable_dose_form("Acetaminophen", codings).empty()); // the text is what was written
    }

    TEST_CASE("a Bundle: entries are records, fullUrl references find the patient") {
        Collect sink;
        std::istringstream in(
            R"({"resourceType":"Bundle","type":"collection","entry":[)"
            R"({"fullUrl":"urn:uuid:abc","resource":{"resourceType":"Patient","id":"p9"}},)"
            R"({"resource":{"resourceType":"MedicationRequest","status":"active","subject":{"reference":"urn:uuid:abc"},"medicationCodeableConcept":{"text":"ibuprofen"}}},)"
            R"({"request":{}}]})");
        io::read_fhir_bundle(in, sink);
        REQUIRE(sink.requests.size() == 1);
        CHECK(sink.requests[0].patient == "p9");
        CHECK(sink.rejections == std::vector<std::pair<std::uint64_t, std::string>>{{3, "entry.resource"}});
    }
    TEST_CASE("a document that is not a Bundle is one rejected record") {
        Collect sink;
        std::istringstream in("{\"resourceType\":\"Patient\"}");
        io::read_fhir_bundle(in, sink);
        CHECK(sink.rejections.size() == 1);
    }
}

namespace {

// Logs every call with its record and what identifies it, in order, and the thread it came on.
struct CallLog : io::FhirSink {
    std::vector<std::string> calls;
    std::set<std::thread::id> threads;

    void add(std::uint64_t record, const std::string& what) {
        calls.push_back(std::to_string(record) + " " + what);
        threads.insert(std::this_thread::get_id());
    }
    void patient(std::uint64_t record, io::FhirPatient&& p) override { add(record, "patient " + p.id); }
    void medication_request(std::uint64_t record, io::FhirMedicationRequest&& r) override {
        add(record, "request " + r.id + " " + r.medication_text + " " + r.frequency +
                        (r.rejection ? " rejected " + r.rejection->first : ""));
    }
    void condition(std::uint64_t record, io::FhirCondition&& c) override {
        add(record, "condition " + c.patient);
    }
    void observation(std::uint64_t record, io::FhirObservation&& o) override {
        add(record, "observation " + o.patient);
    }
    void medication(std::uint64_t record, io::FhirMedication&& m) override {
        add(record, "medication " + m.id);
    }
    void skipped(std::uint64_t record, const std::string& reason) override {
        add(record, "skipped " + reason);
    }
    void rejected(std::uint64_t record, const std::string& field, const std::string& reason) override {
        add(record, "rejected " + field + ": " + reason);
    }
};

// Logs, in one sequence, the patient hints (FhirSink::upcoming) and the patient each call is about.
struct HintLog : io::FhirSink {
    std::vector<std::pair<bool, std::string>> events; // (hint, patient)

    void upcoming(std::string_view patient) override { events.emplace_back(true, std::string(patient)); }
    void patient(std::uint64_t /*record*/, io::FhirPatient&& p) override { events.emplace_back(false, p.id); }
    void medication_request(std::uint64_t /*record*/, io::FhirMedicationRequest&& r) override {
        events.emplace_back(false, r.patient);
    }
    void condition(std::uint64_t /*record*/, io::FhirCondition&& c) override {
        events.emplace_back(false, c.patient);
    }
    void observation(std::uint64_t /*record*/, io::FhirObservation&& o) override {
        events.emplace_back(false, o.patient);
    }
    void skipped(std::uint64_t /*record*/, const std::string& /*reason*/) override {}
    void rejected(std::uint64_t /*record*/, const std::string& /*field*/,
                  const std::string& /*reason*/) override {}
};

} // namespace

TEST_SUITE("io::fhir_detail::LineParser::read_lines") {
    // Each line of `text` read alone (LineParser::read), as the reader splits them: trimmed, blank
    // lines skipped, lines over the limit rejected.
    CallLog read_alone(const std::string& text, const io::FhirLimits& limits) {
        CallLog alone;
        io::fhir_detail::LineParser parser(limits);
        std::uint64_t number = 0;
        std::istringstream lines(text);
        for (std::string line; std::getline(lines, line);) {
            ++number;
            if (line.size() > limits.max_line_bytes) {
                alone.rejected(number, "line", io::fhir_detail::line_too_long(limits));
                continue;
            }
            std::string padded(util::trim(line));
            if (padded.empty()) {
                continue;
            }
            const std::size_t size = padded.size();
            padded.append(simdjson::SIMDJSON_PADDING, ' ');
            parser.read(number, std::string_view(padded.data(), size), alone);
        }
        return alone;
    }

    TEST_CASE("lines parsed as streams of documents read as each line alone, whatever they hold") {
        const std::string good = R"({"resourceType":"Patient","id":"p","gender":"male","birthDate":"1970"})";
        // Lines a stream of documents could split otherwise than lines, or parse otherwise.
        const std::vector<std::string> tricky{
            R"({"resourceType":"Patient","id":"unclosed)", // an odd quote: strings flip after it
            R"("x)",                                       // and back
            R"({"resourceType":"Patient","id":"a"}{"resourceType":"Patient","id":"b"})", // two in one line
            R"({"resourceType":"Patient","id":"c"} x)",
            R"({"resourceType":"Patient","id":"d"}\)",
            "123",
            R"("text")",
            "true",
            "null",
            "[1,2]",
            R"([{"resourceType":"Patient","id":"e"}])",
            "{}",
            "}{",
            R"({"a":"}{"})",
            R"({"id":"back\\"})",
            R"({"id":"esc\"aped"})",
            "\v",
            "\f{\"resourceType\":\"Patient\",\"id\":\"f\"}\v",
            " \t{ \"resourceType\" : \"Patient\" , \"id\" : \"g\" } \r",
            "{\"resourceType\":\"Patient\",\"id\":\"\xff\"}",  // not UTF-8
            std::string(70, '[') + std::string(70, ']'),       // deeper than the limit
            R"({"resourceType":"Patient","id":"h","id":"i"})", // a duplicate key
            R"({"resourceType":"Patient","id":"j",})",
            R"({"resourceType":"Patient","id":01})",
            R"({"resourceType":"Patient","id":"k","n":1e999})",
            "{\"resourceType\":\"Patient\",\"id\":\"l\n",
            "{\"resourceType\":\"Patient\",\"id\":\"" + std::string(3000, 'm') +
                "\"}", // over the test's limit
        };
        io::FhirLimits limits;
        limits.max_line_bytes = 2048;
        std::string text;
        for (std::size_t round = 0; round < 60; ++round) {
            for (std::size_t i = 0; i < tricky.size(); ++i) {
                // Runs of good lines of several lengths between the tricky ones, so that the streams
                // (of up to 64 KB) begin and end at different lines.
                for (std::size_t k = 0; k < (round * 7 + i) % 5; ++k) {
                    text += good + "\n";
                }
                text += tricky[(i + round) % tricky.size()] + "\n";
            }
        }
        const CallLog alone = read_alone(text, limits);
        REQUIRE(alone.calls.size() > 2000);
        for (const unsigned threads : {1U, 2U}) {
            CAPTURE(threads);
            CallLog together;
            std::istringstream in(text);
            io::read_fhir_ndjson(in, together, limits, {}, threads);
            REQUIRE(together.calls.size() == alone.calls.size());
            for (std::size_t i = 0; i < alone.calls.size(); ++i) {
                REQUIRE(together.calls[i] == alone.calls[i]);
            }
        }
    }
    TEST_CASE("lines changed at random, a byte at a time, read as each line alone") {
        // Good lines of each type, mutated: bytes replaced, inserted or removed, with JSON's structural
        // characters and escapes most often, so that streams meet broken strings, brackets and lines.
        const std::vector<std::string> lines{
            R"({"resourceType":"Patient","id":"p1","gender":"female","birthDate":"1950-02-03"})",
            R"({"resourceType":"Observation","id":"o1","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"2160-0"}]},"subject":{"reference":"Patient/p1"},"effectiveDateTime":"2024-01-15","valueQuantity":{"value":1.5,"unit":"mg/dL"}})",
            R"({"resourceType":"MedicationRequest","id":"m1","status":"active","subject":{"reference":"Patient/p1"},"medicationCodeableConcept":{"text":"Ibuprofen 400 MG Oral Tablet"},"dosageInstruction":[{"timing":{"repeat":{"frequency":1,"period":6,"periodUnit":"h"}},"doseAndRate":[{"doseQuantity":{"value":400,"unit":"mg"}}]}]})",
            R"({"resourceType":"Condition","id":"c1","clinicalStatus":{"coding":[{"code":"active"}]},"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"N18.3"}]},"subject":{"reference":"Patient/p1"}})",
        };
        const std::string alphabet = "{}[]\",:\\ \n\r\tx0-e.u";
        std::mt19937 random(12);
        auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
        io::FhirLimits limits;
        limits.max_line_bytes = 4096;
        for (int round = 0; round < 40; ++round) {
            std::string text;
            for (int n = 0; n < 60; ++n) {
                std::string line = lines[pick(lines.size())];
                for (std::size_t changes = pick(3); changes > 0; --changes) {
                    const std::size_t at = pick(line.size());
                    const char c =
                        pick(4) == 0 ? static_cast<char>(pick(256)) : alphabet[pick(alphabet.size())];
                    switch (pick(3)) {
                    case 0:
                        line[at] = c;
                        break;
                    case 1:
                        line.insert(line.begin() + static_cast<std::ptrdiff_t>(at), c);
                        break;
                    default:
                        line.erase(at, 1);
                    }
                }
                text += line + "\n";
            }
            CAPTURE(text);
            const CallLog alone = read_alone(text, limits);
            for (const unsigned threads : {1U, 2U}) {
                CAPTURE(threads);
                CallLog together;
                std::istringstream in(text);
                io::read_fhir_ndjson(in, together, limits, {}, threads);
                REQUIRE(together.calls == alone.calls);
            }
        }
    }
}

TEST_SUITE("io::read_fhir_ndjson on several threads") {
    TEST_CASE("batches reused many times replay only their own lines") {
        // More batches than the pipeline holds, so that each is refilled several times: a batch's
        // earlier calls must be gone before its new lines are replayed.
        std::string text;
        for (int i = 0; i < 30000; ++i) {
            text += i % 3 == 0 ? R"({"resourceType":"Patient","id":"p)" + std::to_string(i) + "\"}\n"
                               : R"({"resourceType":"Encounter","id":"e)" + std::to_string(i) + "\"}\n";
        }
        auto read = [&](unsigned threads) {
            CallLog sink;
            std::istringstream in(text);
            io::read_fhir_ndjson(in, sink, {}, {}, threads);
            return sink.calls;
        };
        const std::vector<std::string> one = read(1);
        REQUIRE(one.size() == 30000);
        CHECK(read(2) == one);
        CHECK(read(3) == one);
    }
    TEST_CASE("the sink gets the same calls in the same order, on the calling thread") {
        // Enough lines to fill several batches, of every kind: requests, patients, conditions,
        // medications, unused types, bad JSON, blank lines, and over-long lines (a small limit).
        std::string text;
        for (int i = 0; i < 9000; ++i) {
            const std::string n = std::to_string(i);
            switch (i % 9) {
            case 0:
                text +=
                    R"({"resourceType":"MedicationRequest","id":"m)" + n +
                    R"(","status":"active","subject":{"reference":"Patient/p)" + n +
                    R"("},"medicationCodeableConcept":{"text":"ibuprofen"},"dosageInstruction":[{"timing":{"repeat":{"frequency":3,"period":1,"periodUnit":"d"}}}]})";
                break;
            case 1:
                text += R"({"resourceType":"Patient","id":"p)" + n + R"(","gender":"female"})";
                break;
            case 2:
                text += "{not json " + n;
                break;
            case 3:
                text += "   ";
                break;
            case 4:
                text += R"({"resourceType":"Encounter","id":"e)" + n + R"("})";
                break;
            case 5:
                text += R"({"resourceType":"Medication","id":"med)" + n + R"(","code":{"text":"naproxen"}})";
                break;
            case 6:
                text += std::string(300, ' ') + R"({"resourceType":"Patient","id":"long)" + n + R"("})";
                break;
            case 7:
                text += R"({"resourceType":"MedicationRequest","status":"active"})";
                break;
            default:
                text +=
                    R"({"resourceType":"Condition","subject":{"reference":"Patient/p)" + n +
                    R"("},"clinicalStatus":{"coding":[{"code":"active"}]},"code":{"coding":[{"system":"http://snomed.info/sct","code":"69896004"}]}})";
                break;
            }
            text += i % 13 == 0 ? "\r\n" : "\n";
        }
        text += R"({"resourceType":"Patient","id":"last-without-newline"})";
        io::FhirLimits limits;
        limits.max_line_bytes = 256; // the padded Patient lines are over it
        auto read = [&](unsigned threads) {
            CallLog sink;
            std::istringstream in(text);
            std::uint64_t observed = 0;
            io::read_fhir_ndjson(
                in, sink, limits, [&](std::string_view chunk) { observed += chunk.size(); }, threads);
            CHECK(observed == text.size());
            CHECK(sink.threads == std::set<std::thread::id>{std::this_thread::get_id()});
            return sink.calls;
        };
        const std::vector<std::string> one = read(1);
        REQUIRE(one.size() > 7000);
        CHECK(std::count_if(one.begin(), one.end(), [](const std::string& c) {
                  return c.find("line longer than 256 bytes") != std::string::npos;
              }) == 1000);
        CHECK(one.back().find("patient last-without-newline") != std::string::npos);
        CHECK(read(2) == one);
        CHECK(read(3) == one);
    }
    TEST_CASE("the sink is told of patients shortly before the calls about them, and only of those") {
        std::string text;
        for (int i = 0; i < 5000; ++i) {
            const std::string p = "p" + std::to_string(i * 7919 % 1000); // patients recur, scattered
            text +=
                i % 2 == 0
                    ? R"({"resourceType":"Patient","id":")" + p + R"("})" + "\n"
                    : R"({"resourceType":"MedicationRequest","id":"m","status":"active","subject":{"reference":"Patient/)" +
                          p + R"("},"medicationCodeableConcept":{"text":"ibuprofen"}})" + "\n";
        }
        HintLog sink;
        std::istringstream in(text);
        io::read_fhir_ndjson(in, sink, {}, {}, 2);
        std::size_t hints = 0;
        std::size_t calls = 0;
        for (std::size_t i = 0; i < sink.events.size(); ++i) {
            // Not a structured binding: REQUIRE_MESSAGE's lambda captures `patient` (clang rejects that).
            const bool hint = sink.events[i].first;
            const std::string& patient = sink.events[i].second;
            if (!hint) {
                ++calls;
                continue;
            }
            ++hints;
            // The call it announces comes after it, within the hint distance (sixteen calls after the one
            // replayed with it).
            std::size_t later_calls = 0;
            bool announced = false;
            for (std::size_t j = i + 1; j < sink.events.size() && later_calls <= 16 && !announced; ++j) {
                if (!sink.events[j].first) {
                    ++later_calls;
                    announced = sink.events[j].second == patient;
                }
            }
            REQUIRE_MESSAGE(announced, "hint " << patient << " at event " << i);
        }
        CHECK(calls == 5000);
        CHECK(hints > 4000); // every call but the last few of each batch is announced
    }
    TEST_CASE("structure: duplicate keys at any depth, and strings over the limit, reject the line") {
        const std::string subject = R"("subject":{"reference":"Patient/1"},)";
        const std::string head =
            R"({"resourceType":"MedicationRequest","id":"m1","status":"active",)" + subject;
        const std::string big(70000, 'x');
        std::vector<std::string> keys;
        keys.reserve(20);
        for (int i = 0; i < 20; ++i) {
            keys.push_back("\"k" + std::to_string(i) + "\":" + std::to_string(i));
        }
        std::string wide = R"({"resourceType":"Observation",)";
        for (const auto& key : keys) {
            wide += key + ",";
        }
        wide += R"("k3":0})"; // a 21-key object: the repeat is past the pairwise window
        const std::string text =
            // 1: a repeat deep inside a short line (its strings are not walked, its keys are).
            head + R"("dosageInstruction":[{"timing":{"repeat":{"frequency":1,"frequency":2}}}]})" + "\n" +
            // 2: a repeat at the top wins over a problem inside an earlier value.
            head + R"("medicationCodeableConcept":{"text":"a","text":"b"},"id":"m2"})" + "\n" +
            // 3: a string over the limit in a line over the limit.
            head + R"("medicationCodeableConcept":{"text":")" + big + R"("}})" + "\n" +
            // 4: a key over the limit.
            head + "\"" + big + "\":1}\n" +
            // 5: a wide object with a key repeated past the first 16.
            wide + "\n" +
            // 6: a long line whose strings are all short is read.
            head + R"("medicationCodeableConcept":{"text":"Ibuprofen 400 MG Oral Tablet"},"note":[)" +
            std::string(70000, ' ') + "]}\n";
        CallLog sink;
        std::istringstream in(text);
        io::read_fhir_ndjson(in, sink);
        REQUIRE(sink.calls.size() == 6);
        CHECK(sink.calls[0] ==
              "1 rejected MedicationRequest.dosageInstruction.timing.repeat.frequency: duplicate key "
              "'frequency' (which value is meant cannot be told)");
        CHECK(sink.calls[1] ==
              "2 rejected MedicationRequest.id: duplicate key 'id' (which value is meant cannot be "
              "told)");
        CHECK(sink.calls[2] ==
              "3 rejected MedicationRequest.medicationCodeableConcept.text: string longer than 65536 bytes");
        CHECK(sink.calls[3] == "4 rejected MedicationRequest.(key): key longer than 65536 bytes");
        CHECK(sink.calls[4] ==
              "5 rejected Observation.k3: duplicate key 'k3' (which value is meant cannot be told)");
        CHECK(sink.calls[5].starts_with("6 request m1 Ibuprofen 400 MG Oral Tablet"));
    }
    TEST_CASE(
        "a duplicate key in a dosage, in a nested object or at the top is named as before the tape scan") {
        // The tape scan only clears lines; a line it does not clear is named by the DOM walk.
        const std::string head = R"({"resourceType":"MedicationRequest","id":"m1",)";
        const std::string text =
            head +
            R"("status":"active","subject":{"reference":"Patient/1"},"dosageInstruction":[{"doseAndRate":[{"doseQuantity":{"value":1,"unit":"mg","value":2}}]}]})" +
            "\n" + head +
            R"("status":"active","subject":{"reference":"Patient/1","reference":"Patient/2"}})" + "\n" +
            head + R"("status":"active","subject":{"reference":"Patient/1"},"status":"stopped"})" + "\n";
        CallLog sink;
        std::istringstream in(text);
        io::read_fhir_ndjson(in, sink);
        REQUIRE(sink.calls.size() == 3);
        CHECK(sink.calls[0] ==
              "1 rejected MedicationRequest.dosageInstruction.doseAndRate.doseQuantity.value: "
              "duplicate key 'value' (which value is meant cannot be told)");
        CHECK(sink.calls[1] ==
              "2 rejected MedicationRequest.subject.reference: duplicate key 'reference' (which "
              "value is meant cannot be told)");
        CHECK(sink.calls[2] == "3 rejected MedicationRequest.status: duplicate key 'status' (which value is "
                               "meant cannot be told)");
    }
}

TEST_SUITE("io::fhir_reader one pass") {
    TEST_CASE("one dosageInstruction maps as the same entry given as two equal phases") {
        // The single-entry fast path and the general path (phases compared, the first of equal ones
        // kept) must agree field by field.
        const std::vector<std::string> dosages{
            R"({"text":"1-2 tabs po q4-6h prn pain","asNeededBoolean":true,"route":{"coding":[{"system":"http://snomed.info/sct","code":"26643006"}]},"doseAndRate":[{"doseRange":{"low":{"value":1,"unit":"tab"},"high":{"value":2,"unit":"tab"}}}],"timing":{"repeat":{"frequency":1,"period":4,"periodMax":6,"periodUnit":"h","boundsDuration":{"value":5,"code":"d"}}},"maxDosePerPeriod":{"numerator":{"value":6},"denominator":{"value":1,"code":"d"}}})",
            R"({"doseAndRate":[{"doseQuantity":{"value":"400","unit":"mg"}}],"timing":{"code":{"coding":[{"code":"BID"}]}}})",
            R"({"text":"take 800 mg three times a day","doseAndRate":[{"doseQuantity":{"value":400,"code":"mg"}}],"timing":{"repeat":{"frequency":2,"period":1,"periodUnit":"d"}}})",
            R"({"asNeededCodeableConcept":{"text":"pain"},"route":{"text":"By mouth"},"doseAndRate":[{"doseQuantity":{"value":10,"code":"mg"}}],"timing":{"repeat":{"frequency":3,"period":1,"periodUnit":"wk"}}})",
        };
        for (const std::string& dosage : dosages) {
            CAPTURE(dosage);
            const std::string with_sequence = dosage.substr(0, dosage.size() - 1) + R"(,"sequence":)";
            const auto one = request(dosage);
            const auto two = request(with_sequence + "1}," + with_sequence + "2}");
            CHECK(one.dose == two.dose);
            CHECK(one.dose_min == two.dose_min);
            CHECK(one.unit == two.unit);
            CHECK(one.route == two.route);
            CHECK(one.frequency == two.frequency);
            CHECK(one.prn == two.prn);
            CHECK(one.max_doses_per_day == two.max_doses_per_day);
            // Consecutive phases run one after the other: their durations add up.
            CHECK(two.duration_days ==
                  (one.duration_days ? std::optional<double>(*one.duration_days * 2) : std::nullopt));
            CHECK(one.dosage_text == two.dosage_text);
            // Two phases without whole-day durations also say that when the second begins is open.
            auto issues = two.issues;
            std::erase_if(issues,
                          [](const auto& issue) { return issue.first == "dosageInstruction.sequence"; });
            CHECK(one.issues == issues);
            CHECK((two.issues.size() - issues.size()) == (one.duration_days ? 0U : 1U));
            CHECK(one.concurrent.empty());
            CHECK(two.concurrent.empty());
        }
        // And what the first reads to, so that both paths cannot agree on nothing.
        const auto first = request(dosages.front());
        CHECK(first.dose == 2);
        CHECK(first.dose_min == 1);
        CHECK(first.unit == "tablet");
        CHECK(first.route == "oral");
        CHECK(first.frequency == "q4-6h");
        CHECK(first.prn);
        CHECK(first.max_doses_per_day == 6);
        CHECK(first.duration_days == 5);
    }

    TEST_CASE("keys are read wherever they stand in their object") {
        // Fields finds each key in one pass, in any order, among keys it does not read.
        const auto r = request(
            R"({"zz":[1,[2,{"a":3}]],"timing":{"x":{"y":[]},"repeat":{"periodUnit":"h","note":"n","period":6,"frequency":1}},"doseAndRate":[{"type":{"text":"ordered"},"doseQuantity":{"unit":"mg","value":400,"system":"http://unitsofmeasure.org"}}]})",
            R"(,"priorPrescription":null)");
        CHECK(r.dose == 400);
        CHECK(r.unit == "mg");
        CHECK(r.frequency == "q6h");
        CHECK(r.continuing); // a key given, even as null, is there
        CHECK(r.patient == "p1");
        CHECK(r.status == "active");
        CHECK(r.authored_on == "2024-03-01");
    }

    TEST_CASE("a problem deep in arrays of arrays is found and named") {
        Collect sink;
        io::read_fhir_resource(
            R"({"resourceType":"Patient","id":"p1","extension":[[1,{"url":"a","url":"b"}]]})", 1, sink);
        REQUIRE(sink.rejections.size() == 1);
        CHECK(sink.rejections.front().second == "Patient.extension.url");
        CHECK(sink.patients.empty());
        Collect clean;
        io::read_fhir_resource(
            R"({"resourceType":"Patient","id":"p1","extension":[[1,{"url":"a","valueString":"b"}],[]]})", 1,
            clean);
        CHECK(clean.rejections.empty());
        CHECK(clean.patients.size() == 1);
    }
}

TEST_SUITE("io::fhir_detail::Fields") {
    TEST_CASE("finds each asked key in one pass, whatever its value") {
        simdjson::dom::parser parser;
        const simdjson::dom::element object =
            parser.parse(std::string_view(R"({"b":"two","n":null,"x":{"y":1},"a":1.5,"s":"7","b2":[]})"));
        static constexpr io::fhir_detail::KeySet<5> k_keys{{"a", "b", "n", "missing", "s"}};
        const io::fhir_detail::Fields<5> fields(object, k_keys);
        CHECK(fields.number(0) == 1.5);
        CHECK(fields.text(0).empty()); // a number is no text
        CHECK(fields.text(1) == "two");
        CHECK_FALSE(fields.number(1)); // a text is no number
        CHECK(fields.has(2));          // null is there
        CHECK(fields.text(2).empty());
        CHECK_FALSE(fields.has(3));
        CHECK_FALSE(fields.get(3));
        CHECK(fields.text(4) == "7");
        CHECK_FALSE(fields.number(4));
    }
    TEST_CASE("keys of one size, and keys longer than two words, are told apart by every byte") {
        simdjson::dom::parser parser;
        const simdjson::dom::element object = parser.parse(std::string_view(
            R"({"unit":"u","code":"c","medicationCodeableConcepX":1,"medicationCodeableConcept":2,)"
            R"("effectiveDateTimf":3,"fffectiveDateTime":4,"effectiveDateTime":5,"tex":6,"texts":7})"));
        static constexpr io::fhir_detail::KeySet<5> k_keys{
            {"code", "unit", "text", "medicationCodeableConcept", "effectiveDateTime"}};
        const io::fhir_detail::Fields<5> fields(object, k_keys);
        CHECK(fields.text(0) == "c");
        CHECK(fields.text(1) == "u");
        CHECK_FALSE(fields.has(2));
        CHECK(fields.number(3) == 2);
        CHECK(fields.number(4) == 5);
    }
    TEST_CASE("KeySet finds a key of any size by every byte, and only among the keys asked") {
        // Keys of every size from 1 to 63 bytes (two sets: 32 keys at most in one), each told from the
        // same text with any one byte changed.
        std::vector<std::string> texts;
        for (std::size_t size = 1; size <= 63; ++size) {
            std::string key;
            for (std::size_t i = 0; i < size; ++i) {
                key += static_cast<char>('a' + (i * 7 + size) % 26);
            }
            texts.push_back(key);
        }
        auto check = [&](std::size_t first, const auto& keys) {
            for (std::size_t k = 0; k < keys.size(); ++k) {
                const std::string& key = texts[first + k];
                CAPTURE(key);
                CHECK(keys.find(key, ~std::uint32_t{0}) == k);
                CHECK(keys.find(key, ~(std::uint32_t{1} << k)) == keys.size());
                for (std::size_t at = 0; at < key.size(); ++at) {
                    std::string changed = key;
                    changed[at] = '_';
                    CHECK(keys.find(changed, ~std::uint32_t{0}) == keys.size());
                }
                CHECK(keys.find(key + "x", ~std::uint32_t{0}) == keys.size()); // the next size is another key
            }
        };
        std::array<std::string_view, 32> low{};
        std::array<std::string_view, 31> high{};
        for (std::size_t k = 0; k < 32; ++k) {
            low[k] = texts[k];
        }
        for (std::size_t k = 0; k < 31; ++k) {
            high[k] = texts[32 + k];
        }
        check(0, io::fhir_detail::KeySet<32>(low));
        check(32, io::fhir_detail::KeySet<31>(high));
    }
    TEST_CASE("keeps the first of a repeated key, as a lookup by key would") {
        simdjson::dom::parser parser;
        const simdjson::dom::element object = parser.parse(std::string_view(R"({"k":"first","k":"second"})"));
        static constexpr io::fhir_detail::KeySet<1> k_keys{{"k"}};
        CHECK(io::fhir_detail::Fields<1>(object, k_keys).text(0) == "first");
        CHECK(io::fhir_detail::text_of(object, "k") == "first");
    }
    TEST_CASE("a value that is not an object has none of the keys") {
        simdjson::dom::parser parser;
        static constexpr io::fhir_detail::KeySet<1> k_keys{{"k"}};
        for (const std::string_view json : {R"(["k"])", R"("k")", "7", "null"}) {
            CAPTURE(json);
            const simdjson::dom::element value = parser.parse(json);
            CHECK_FALSE(io::fhir_detail::Fields<1>(value, k_keys).has(0));
        }
    }
    TEST_CASE("codings are visited in order until the visitor stops") {
        simdjson::dom::parser parser;
        const simdjson::dom::element concept_element = parser.parse(std::string_view(
            R"({"coding":[{"system":"http://loinc.org","code":"2160-0"},{"code":"x","display":"X"},{"system":"urn:other","code":"y"}]})"));
        std::vector<std::string> seen;
        const bool stopped = io::fhir_detail::for_each_coding(concept_element, [&](const auto& coding) {
            seen.push_back(std::string(coding.system) + "|" + std::string(coding.code) + "|" +
                           std::string(coding.display));
            return coding.code == "x";
        });
        CHECK(stopped);
        CHECK(seen == std::vector<std::string>{"loinc|2160-0|", "|x|X"});
        seen.clear();
        CHECK_FALSE(io::fhir_detail::for_each_coding(concept_element, [&](const auto& coding) {
            seen.emplace_back(coding.system);
            return false;
        }));
        CHECK(seen == std::vector<std::string>{"loinc", "", "urn:other"});
    }
}

TEST_SUITE("io::fhir_detail::TapeValue") {
    // Whether `tape` reads as `element` does, all the way down: type, text, number, members (keys in
    // order) and items.
    void require_same(io::fhir_detail::TapeValue tape, simdjson::dom::element element) {
        using io::fhir_detail::TapeValue;
        CHECK(io::fhir_detail::text_value(tape) == io::fhir_detail::text_value(element));
        CHECK(io::fhir_detail::number_value(tape) == io::fhir_detail::number_value(element));
        double as_double = 0;
        const bool number = element.get_double().get(as_double) == simdjson::SUCCESS;
        REQUIRE(tape.number().has_value() == number);
        if (number) {
            CHECK(std::bit_cast<std::uint64_t>(*tape.number()) == std::bit_cast<std::uint64_t>(as_double));
        }
        std::vector<std::pair<std::string_view, TapeValue>> members;
        tape.for_each_member([&](std::string_view key, TapeValue value) {
            members.emplace_back(key, value);
            return false;
        });
        std::vector<TapeValue> items;
        tape.for_each_item([&](TapeValue item) {
            items.push_back(item);
            return false;
        });
        simdjson::dom::object object;
        simdjson::dom::array array;
        if (element.get_object().get(object) == simdjson::SUCCESS) {
            CHECK(tape.type() == '{');
            REQUIRE(members.size() == object.size());
            std::size_t k = 0;
            for (const simdjson::dom::key_value_pair pair : object) {
                CHECK(members[k].first == pair.key);
                require_same(members[k].second, pair.value);
                ++k;
            }
        } else {
            CHECK(members.empty());
        }
        if (element.get_array().get(array) == simdjson::SUCCESS) {
            CHECK(tape.type() == '[');
            CHECK(tape.empty_array() == (array.size() == 0));
            REQUIRE(items.size() == array.size());
            std::size_t k = 0;
            for (const simdjson::dom::element item : array) {
                require_same(items[k++], item);
            }
        } else {
            CHECK(items.empty());
            CHECK_FALSE(tape.empty_array());
        }
    }

    TEST_CASE("reads every value as dom::element does") {
        simdjson::dom::parser parser;
        for (
            const std::string_view json :
            {R"({"resourceType":"Observation","id":"o1","valueQuantity":{"value":1.5,"unit":"mg/dL"},"n":[]})",
             R"({"a":-7,"b":18446744073709551615,"c":9223372036854775807,"d":-9223372036854775808,"e":1e300})",
             R"({"t":true,"f":false,"z":null,"s":"","u":"\u00e9\n","k":{},"l":[[],[{}],[1,"2",[3]]]})",
             R"({"dup":1,"dup":"two","x":{"dup":[1],"dup":{}}})", R"([1,"a",{"b":[2.25]},null])", R"("text")",
             "-0.0", "12", "true", "null"}) {
            CAPTURE(json);
            const simdjson::dom::element root = parser.parse(json);
            require_same(io::fhir_detail::TapeValue(parser.doc, 1), root);
        }
    }
    TEST_CASE("Fields, text_of and codings read a TapeValue as a dom::element") {
        simdjson::dom::parser parser;
        const simdjson::dom::element root = parser.parse(std::string_view(
            R"({"code":{"coding":[{"system":"http://loinc.org","code":"2160-0"},{"code":"x","display":"X"}],)"
            R"("text":"t"},"id":"a","id":"b","valueQuantity":{"value":3,"unit":"kg"}})"));
        const io::fhir_detail::TapeValue tape(parser.doc, 1);
        static constexpr io::fhir_detail::KeySet<3> k_keys{{"id", "code", "valueQuantity"}};
        const io::fhir_detail::Fields<3, io::fhir_detail::TapeValue> from_tape(tape, k_keys);
        const io::fhir_detail::Fields<3> from_dom(root, k_keys);
        CHECK(from_tape.text(0) == "a");
        CHECK(from_tape.text(0) == from_dom.text(0));
        CHECK(io::fhir_detail::codings_of(*from_tape.get(1)) ==
              io::fhir_detail::codings_of(*from_dom.get(1)));
        CHECK(io::fhir_detail::codings_of(*from_tape.get(1)).size() == 2);
        CHECK(io::fhir_detail::text_of(*from_tape.get(1), "text") == "t");
        CHECK(io::fhir_detail::number_of(*from_tape.get(2), "value") == 3);
        CHECK(io::fhir_detail::number_of(*from_tape.get(2), "value") ==
              io::fhir_detail::number_of(*from_dom.get(2), "value"));
        CHECK_FALSE(io::fhir_detail::member_of(tape, "missing"));
    }
    TEST_CASE("the pass notes where each root key the mappers read stands, as Fields finds it") {
        simdjson::dom::parser parser;
        std::string json = R"({"extra":{"id":"nested"},)";
        for (std::size_t k = 0; k < io::fhir_detail::k_root_keys.size(); k += 2) {
            json += "\"" + std::string(io::fhir_detail::k_root_keys[k]) + "\":[" + std::to_string(k) + "],";
        }
        json += R"("idx":1,"i":2})";
        REQUIRE(parser.parse(json).error() == simdjson::SUCCESS);
        io::fhir_detail::RootNotes notes;
        REQUIRE(io::fhir_detail::structure_clean(parser.doc, false, &notes));
        const io::fhir_detail::TapeValue root(parser.doc, 1);
        const io::fhir_detail::Fields<io::fhir_detail::k_root_keys.size(), io::fhir_detail::TapeValue> walked(
            root, io::fhir_detail::k_root_keys);
        for (std::size_t k = 0; k < io::fhir_detail::k_root_keys.size(); ++k) {
            CAPTURE(io::fhir_detail::k_root_keys[k]);
            const bool noted = ((notes.found >> k) & 1U) != 0;
            CHECK(noted == (k % 2 == 0));
            REQUIRE(noted == walked.has(k));
            if (noted) {
                CHECK(notes.at[k] == walked.get(k)->index());
            }
        }
        // The fields of a mapper's keys, from the notes, are those found by walking the root.
        static constexpr io::fhir_detail::KeySet<4> k_keys{{"id", "status", "subject", "issued"}};
        static constexpr auto k_noted = io::fhir_detail::root_key_indexes(k_keys);
        const auto noted = io::fhir_detail::noted_fields(root, notes, k_noted);
        const io::fhir_detail::Fields<4, io::fhir_detail::TapeValue> found(root, k_keys);
        for (std::size_t k = 0; k < k_keys.size(); ++k) {
            CAPTURE(k_keys[k]);
            REQUIRE(noted.has(k) == found.has(k));
            if (found.has(k)) {
                CHECK(noted.get(k)->index() == found.get(k)->index());
            }
        }
    }
}

TEST_SUITE("io::fhir_detail root members and texts") {
    TEST_CASE("the pass notes the root's resourceType as text_of reads it, once it clears the document") {
        simdjson::dom::parser parser;
        for (
            const std::string_view json :
            {R"({"resourceType":"Patient","id":"p"})",
             R"({"id":"p","meta":{"resourceType":"X"},"resourceType":"Condition"})", R"({"resourceType":7})",
             R"({"resourceType":null,"id":"p"})", R"({"resourceTyp":"Patient","resourceTypes":"Patient"})",
             R"({})", R"({"id":"p","resourceType":{"resourceType":"Patient"}})",
             R"({"a":[1,{"resourceType":"x"}],"n":-1.5,"u":18446744073709551615,"resourceType":"Medication"})"}) {
            CAPTURE(json);
            const simdjson::dom::element root = parser.parse(json);
            io::fhir_detail::RootNotes notes;
            REQUIRE(io::fhir_detail::structure_clean(parser.doc, false, &notes));
            CHECK(notes.resource_type == io::fhir_detail::text_of(root, "resourceType"));
            CHECK(notes.dosages.words.begin == 0); // no memo: nothing looked up
        }
        // A repeated resourceType is not cleared (the notes are then not read).
        io::fhir_detail::RootNotes notes;
        REQUIRE(parser.parse(std::string_view(R"({"resourceType":"Observation","resourceType":"Patient"})"))
                    .error() == simdjson::SUCCESS);
        CHECK_FALSE(io::fhir_detail::structure_clean(parser.doc, false, &notes));
    }
    TEST_CASE("a root that is not an object has no members") {
        simdjson::dom::parser parser;
        for (const std::string_view json : {R"(["resourceType","Patient"])", R"("resourceType")", "7", "null",
                                            R"([{"resourceType":"P"}])"}) {
            CAPTURE(json);
            REQUIRE(parser.parse(json).error() == simdjson::SUCCESS);
            CHECK(io::fhir_detail::root_member(parser.doc, "resourceType") == 0);
            io::fhir_detail::DosageMemo memo;
            io::fhir_detail::RootNotes notes{&memo};
            CHECK(io::fhir_detail::structure_clean(parser.doc, false, &notes));
            CHECK(notes.resource_type.empty());
            CHECK(notes.dosages.words.begin == 0);
        }
    }
    TEST_CASE("text_of finds the first member of the key among keys of the same size") {
        simdjson::dom::parser parser;
        const simdjson::dom::element object = parser.parse(std::string_view(
            R"({"texx":"no","text":"yes","text":"second","coding":[],"t":"","textual":"z"})"));
        CHECK(io::fhir_detail::text_of(object, "text") == "yes");
        CHECK(io::fhir_detail::text_of(object, "coding").empty()); // not a string
        CHECK(io::fhir_detail::text_of(object, "tex").empty());
        CHECK(io::fhir_detail::text_of(object, "textual") == "z");
        const simdjson::dom::element array = parser.parse(std::string_view("[1]"));
        CHECK(io::fhir_detail::text_of(array, "text").empty());
    }
    TEST_CASE("same_text compares every byte, short and long") {
        const std::string a = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (std::size_t size = 0; size <= a.size(); ++size) {
            CAPTURE(size);
            const std::string_view text(a.data(), size);
            std::string other(text);
            CHECK(io::fhir_detail::same_text(text, other));
            for (std::size_t at = 0; at < size; ++at) {
                other[at] = '#';
                CHECK_FALSE(io::fhir_detail::same_text(text, other));
                other[at] = a[at];
            }
            CHECK_FALSE(io::fhir_detail::same_text(text, std::string_view(a.data(), size + 1)));
        }
    }
    TEST_CASE("reference_target is a view of the reference") {
        // Not a structured binding: clang 14 cannot capture one in CAPTURE's lambda.
        for (const auto& example :
             std::vector<std::pair<std::string, std::string>>{{"Patient/123", "123"},
                                                              {"Patient/123/_history/2", "123"},
                                                              {"https://host/fhir/Patient/9", "9"},
                                                              {"http://host/fhir/Patient/9/_history/1", "9"},
                                                              {"urn:uuid:abc", "urn:uuid:abc"},
                                                              {"Group/1", "Group/1"},
                                                              {"", ""}}) {
            const std::string& reference = example.first;
            const std::string& target = example.second;
            CAPTURE(reference);
            const std::string_view found = io::fhir_detail::reference_target(reference);
            CHECK(found == target);
            CHECK((found.empty() || (found.data() >= reference.data() &&
                                     found.data() + found.size() <= reference.data() + reference.size())));
        }
    }
}

TEST_SUITE("io::fhir_detail::DosageMemo") {
    // dosageInstruction values that differ in one way each from the first: a number, a number's type,
    // a string, a key, the order of keys, a literal, nesting, and more entries or a text to read.
    const std::vector<std::string> k_dosages{
        R"([{"timing":{"repeat":{"frequency":1,"period":6,"periodUnit":"h"}},"doseAndRate":[{"doseQuantity":{"value":400,"unit":"mg"}}]}])",
        R"([{"timing":{"repeat":{"frequency":1,"period":4,"periodUnit":"h"}},"doseAndRate":[{"doseQuantity":{"value":400,"unit":"mg"}}]}])",
        R"([{"timing":{"repeat":{"frequency":1,"period":6,"periodUnit":"h"}},"doseAndRate":[{"doseQuantity":{"value":400.5,"unit":"mg"}}]}])",
        R"([{"timing":{"repeat":{"frequency":1,"period":6,"periodUnit":"h"}},"doseAndRate":[{"doseQuantity":{"value":400,"unit":"g"}}]}])",
        R"([{"timing":{"repeat":{"frequency":1,"period":6,"periodUnit":"h"}},"doseAndRate":[{"doseQuantity":{"value":"400","unit":"mg"}}]}])",
        R"([{"timing":{"repeat":{"frequency":1,"period":6,"periodUnit":"h"}},"doseAndRate":[{"doseQuantity":{"unit":"mg","value":400}}]}])",
        R"([{"timing":{"repeat":{"frequency":1,"period":6,"periodUnit":"d"}},"doseAndRate":[{"doseQuantity":{"value":400,"unit":"mg"}}]}])",
        R"([{"timing":{"repeat":{"frequency":1,"period":6,"periodUnit":"h"}},"asNeededBoolean":true,"doseAndRate":[{"doseQuantity":{"value":400,"unit":"mg"}}]}])",
        R"([{"timing":{"repeat":{"frequency":1,"period":6,"periodUnit":"h"}},"asNeededBoolean":false,"doseAndRate":[{"doseQuantity":{"value":400,"unit":"mg"}}]}])",
        R"([{"timing":{"repeat":{"frequency":1,"period":6,"periodUnit":"h"}},"asNeededBoolean":null,"doseAndRate":[{"doseQuantity":{"value":400,"unit":"mg"}}]}])",
        R"([{"timing":{"repeat":{"frequency":1,"period":6,"periodUnit":"h","countMax":[1]}},"doseAndRate":[{"doseQuantity":{"value":400,"unit":"mg"}}]}])",
        R"([{"timing":{"repeat":{"frequency":1,"period":6,"periodUnit":"h"}},"doseAndRate":[{"doseQuantity":{"value":400,"unit":"mg"}},{"doseQuantity":{"value":800,"unit":"mg"}}]}])",
        R"([{"timing":{"repeat":{"frequency":1,"period":6,"periodUnit":"h"}},"doseAndRate":[{"doseQuantity":{"value":400,"unit":"mg"}}]},{"doseAndRate":[{"doseQuantity":{"value":200,"unit":"mg"}}]}])",
        R"([{"sequence":1,"timing":{"repeat":{"frequency":2,"period":1,"periodUnit":"d","boundsDuration":{"value":2,"unit":"d"}}},"doseAndRate":[{"doseQuantity":{"value":2,"unit":"mg"}}]},{"sequence":2,"timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"d"}},"doseAndRate":[{"doseQuantity":{"value":1,"unit":"mg"}}]}])",
        R"([{"text":"2 tablets every 4 hours as needed, max 8 a day"}])",
        R"([{"text":"2 tablets every 4 hours as needed, max 8 a day","doseAndRate":[{"doseQuantity":{"value":1,"unit":"tablet"}}]}])",
        R"([{"text":"take 1 tablet twice a day"}])",
        R"([{"timing":{"repeat":{"when":["MORN","HS"]}},"doseAndRate":[{"doseQuantity":{"value":1,"unit":"tablet"}}]}])",
        R"([{"timing":{"repeat":{"timeOfDay":["08:00:00","20:00:00"]}},"doseAndRate":[{"doseQuantity":{"value":1,"unit":"tablet"}}]}])",
    };

    std::string line(const std::string& dosages, int n) {
        return R"({"resourceType":"MedicationRequest","id":"m)" + std::to_string(n) +
               R"(","status":"active","subject":{"reference":"Patient/p)" + std::to_string(n % 3) +
               R"("},"medicationCodeableConcept":{"text":"Ibuprofen 400 MG Oral Tablet"},"dosageInstruction":)" +
               dosages + "}";
    }

    TEST_CASE("a dosage read from the memo is the dosage mapped afresh, whatever came before") {
        // One reader (one memo) reads every dosage three times, interleaved; each line is compared with
        // the same line read on its own (no memo).
        std::string ndjson;
        std::vector<std::string> lines;
        for (int round = 0; round < 3; ++round) {
            for (std::size_t i = 0; i < k_dosages.size(); ++i) {
                const std::size_t at = round == 1 ? k_dosages.size() - 1 - i : i;
                lines.push_back(line(k_dosages[at], static_cast<int>(lines.size())));
                ndjson += lines.back() + "\n";
            }
        }
        Collect memo;
        std::istringstream in(ndjson);
        io::read_fhir_ndjson(in, memo);
        REQUIRE(memo.requests.size() == lines.size());
        for (std::size_t i = 0; i < lines.size(); ++i) {
            CAPTURE(lines[i]);
            Collect alone;
            io::read_fhir_resource(lines[i], 1, alone);
            REQUIRE(alone.requests.size() == 1);
            CHECK(memo.requests[i] == alone.requests[0]);
        }
        // The dosages differ, and so do their readings where they should.
        CHECK(memo.requests[0].frequency == "q6h");
        CHECK(memo.requests[1].frequency == "q4h");
        CHECK(memo.requests[2].dose == 400.5);
        CHECK(memo.requests[3].unit == "g");
        CHECK(memo.requests[4].dose == 400);
        CHECK(memo.requests[7].prn);
        CHECK_FALSE(memo.requests[8].prn);
    }
    TEST_CASE("one entry per distinct value kept; long values and several entries are not; a full memo "
              "starts again") {
        simdjson::dom::parser parser;
        io::fhir_detail::DosageMemo memo;
        // Maps through the memo and directly: the same; true when the value is one the memo keeps.
        auto mapped = [&](const std::string& dosages) {
            const std::string json = line(dosages, 1);
            REQUIRE(parser.parse(json).error() == simdjson::SUCCESS);
            simdjson::dom::array list;
            REQUIRE(parser.doc.root()["dosageInstruction"].get_array().get(list) == simdjson::SUCCESS);
            io::FhirMedicationRequest fresh;
            io::fhir_detail::map_dosages(list, fresh);
            // Written over a request with every field set: none of it is left.
            io::FhirMedicationRequest remembered = test_request_with_every_field();
            memo.mapped(memo.look_up(parser.doc), list, remembered);
            CHECK(remembered == fresh);
            return fresh.issues.size() <= io::fhir_detail::DosageMemo::k_max_kept_issues &&
                   fresh.concurrent.empty();
        };
        std::size_t kept = 0;
        for (const std::string& dosages : k_dosages) {
            kept += mapped(dosages) ? 1 : 0;
        }
        CHECK(kept > 5);
        CHECK(kept < k_dosages.size()); // concurrent entries are among them
        CHECK(memo.size() == kept);
        for (const std::string& dosages : k_dosages) {
            mapped(dosages);
        }
        CHECK(memo.size() == kept);
        // 1 and 1.0 are one number to JSON but not to the reader (a sequence must be an integer): two
        // entries, though here they read alike.
        const std::string q6h = R"("timing":{"repeat":{"frequency":1,"period":6,"periodUnit":"h"}})";
        CHECK(mapped(R"([{)" + q6h + R"(,"doseAndRate":[{"doseQuantity":{"value":1,"unit":"mg"}}]}])"));
        CHECK(mapped(R"([{)" + q6h + R"(,"doseAndRate":[{"doseQuantity":{"value":1.0,"unit":"mg"}}]}])"));
        CHECK(memo.size() == kept + 2);
        const std::string long_text(io::fhir_detail::DosageMemo::k_max_key_bytes, 'x');
        mapped(R"([{"text":")" + long_text + R"("}])");
        CHECK(memo.size() == kept + 2);
        for (std::size_t i = memo.size(); i < io::fhir_detail::DosageMemo::k_max_entries; ++i) {
            CHECK(mapped(R"([{"doseAndRate":[{"doseQuantity":{"value":)" + std::to_string(i) +
                         R"(,"unit":"mg"}}]}])"));
        }
        CHECK(memo.size() == io::fhir_detail::DosageMemo::k_max_entries);
        mapped(k_dosages.front());
        CHECK(memo.size() == io::fhir_detail::DosageMemo::k_max_entries); // known: no change
        CHECK(mapped(R"([{)" + q6h + R"(,"doseAndRate":[{"doseQuantity":{"value":3,"unit":"mg"}}]}])"));
        CHECK(memo.size() == 1);
    }
    TEST_CASE("a value is known wherever it stands in its document; a value differing in one way is not") {
        simdjson::dom::parser parser;
        io::fhir_detail::DosageMemo memo;
        // Looks up the dosageInstruction of `json`; remembers it when `remember`.
        auto known = [&](const std::string& json, bool remember) {
            REQUIRE(parser.parse(json).error() == simdjson::SUCCESS);
            const io::fhir_detail::DosageMemo::Lookup lookup = memo.look_up(parser.doc);
            REQUIRE(lookup.key_size != 0);
            if (remember) {
                simdjson::dom::array list;
                REQUIRE(parser.doc.root()["dosageInstruction"].get_array().get(list) == simdjson::SUCCESS);
                io::FhirMedicationRequest out;
                memo.mapped(lookup, list, out);
            }
            return lookup.known != nullptr;
        };
        const std::string& dosages = k_dosages.front();
        CHECK_FALSE(known(line(dosages, 1), true));
        CHECK(known(line(dosages, 1), false));
        // Longer strings, more strings and more words before it, and after it.
        CHECK(known(R"({"resourceType":"MedicationRequest","id":"a-much-longer-id-than-before","meta":)"
                    R"({"tag":[{"code":"x","n":[1,2.5,true,null]}]},"dosageInstruction":)" +
                        dosages + R"(,"note":[{"text":"after"}]})",
                    false));
        CHECK(known(R"({"dosageInstruction":)" + dosages + "}", false));
        for (std::size_t i = 1; i < k_dosages.size(); ++i) {
            CAPTURE(k_dosages[i]);
            CHECK_FALSE(known(line(k_dosages[i], 1), false));
        }
        // The same strings at other offsets among themselves: one string longer, the next shorter.
        CHECK_FALSE(known(
            R"({"dosageInstruction":[{"timing":{"repeat":{"frequency":1,"period":6,"periodUnit":"hh"}},"doseAndRate":[{"doseQuantity":{"value":400,"unit":"m"}}]}]})",
            false));
    }
    TEST_CASE("unusual dosageInstruction values and lines read as they do without the memo") {
        const std::string& known = k_dosages.front();
        const std::string big(io::k_max_fhir_string_bytes + 1, 'x');
        const std::vector<std::string> lines{
            line(known, 1),
            line("[]", 2),
            line("{}", 3),
            line(R"("take one")", 4),
            line("[1,[2],null]", 5),
            line(known, 6) + R"(,"note":[{"text":")" + big + R"("}]})", // over-long string elsewhere
            line(known, 7).substr(0, line(known, 7).size() - 1) + R"(,"note":")" + big +
                R"("})", // and at the root
            line(known, 8).substr(0, line(known, 8).size() - 1) +
                R"(,"dosageInstruction":[]})", // given twice
            line(R"([{"text":")" + big + R"("}])", 9),
            line(known, 10),
        };
        std::string ndjson;
        for (const std::string& text : lines) {
            ndjson += text + "\n";
        }
        Collect together;
        std::istringstream in(ndjson);
        io::read_fhir_ndjson(in, together);
        Collect alone;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            io::read_fhir_resource(lines[i], i + 1, alone);
        }
        CHECK(together.requests == alone.requests);
        CHECK(together.rejections == alone.rejections);
        CHECK(together.skips == alone.skips);
        CHECK(together.rejections.size() == 4); // lines 6 to 9
    }
    TEST_CASE("a known dosage in a line with a duplicate key is still rejected as before") {
        const std::string& dosages = k_dosages.front();
        const std::string twice =
            R"([{"timing":{"repeat":{"frequency":1,"period":6,"period":4,"periodUnit":"h"}},"doseAndRate":[{"doseQuantity":{"value":400,"unit":"mg"}}]}])";
        std::istringstream in(
            line(dosages, 1) + "\n" + line(twice, 2) + "\n" + line(dosages, 3) + "\n" +
            R"({"resourceType":"MedicationRequest","id":"m4","id":"m5","status":"active","subject":{"reference":"Patient/p1"},"medicationCodeableConcept":{"text":"x"},"dosageInstruction":)" +
            dosages + "}\n");
        Collect sink;
        io::read_fhir_ndjson(in, sink);
        CHECK(sink.requests.size() == 2);
        REQUIRE(sink.rejections.size() == 2);
        CHECK(sink.rejections[0] == std::pair<std::uint64_t, std::string>{
                                        2, "MedicationRequest.dosageInstruction.timing.repeat.period"});
        CHECK(sink.rejections[1] == std::pair<std::uint64_t, std::string>{4, "MedicationRequest.id"});
    }
}

TEST_SUITE("io::fhir_detail::structure_clean") {
    // Whether one linear pass over the tape clears `json` (check_lengths: strings too).
    // The same with notes, where the root's keys among k_root_keys are told apart by the notes' bits
    // and only the others compared: the answer must not change.
    bool tape_clean(std::string_view json, bool check_lengths = false) {
        static simdjson::dom::parser parser;
        REQUIRE(parser.parse(json).error() == simdjson::SUCCESS);
        io::fhir_detail::RootNotes notes;
        const bool noted = io::fhir_detail::structure_clean(parser.doc, check_lengths, &notes);
        const bool plain = io::fhir_detail::structure_clean(parser.doc, check_lengths);
        CHECK(noted == plain);
        return plain;
    }

    TEST_CASE("clears a resource whose objects each have distinct keys") {
        CHECK(tape_clean(
            R"({"resourceType":"MedicationRequest","id":"m1","subject":{"reference":"Patient/1"},)"
            R"("dosageInstruction":[{"text":"a","timing":{"repeat":{"frequency":1,"period":1.5}}},)"
            R"({"text":"b","timing":{"code":{"text":"BID"}}}],"note":[[1,-2,3e9,true,null],[]]})"));
        // The same key in sibling objects, in a parent and its child, and as a string value.
        CHECK(tape_clean(R"({"a":{"a":1,"b":[{"a":"a"},{"a":"b"}]},"b":{"a":2},"c":"a"})"));
        CHECK(tape_clean(R"([{"k":1},{"k":2}])"));
        CHECK(tape_clean(R"("k")"));
    }
    TEST_CASE("a duplicate key at the top, in a nested object or in a dosage is not cleared") {
        CHECK_FALSE(tape_clean(R"({"id":"a","status":"active","id":"b"})"));
        CHECK_FALSE(tape_clean(R"({"id":"a","subject":{"reference":"x","display":"y","reference":"z"}})"));
        CHECK_FALSE(tape_clean(
            R"({"dosageInstruction":[{"text":"a"},{"timing":{"repeat":{"period":1,"period":2}}}]})"));
        CHECK_FALSE(tape_clean(R"({"x":[[1,{"url":"a","url":"b"}]]})"));
        // After a nested object closes, its parent's keys are compared again.
        CHECK_FALSE(tape_clean(R"({"a":{"b":{"c":1}},"d":[{"e":2}],"a":3})"));
        // Root keys the mappers read, and others, repeated among each other.
        CHECK_FALSE(tape_clean(R"({"resourceType":"a","intent":"x","resourceType":"b"})"));
        CHECK_FALSE(tape_clean(R"({"id":"a","intent":"x","status":"s","intent":"y"})"));
        CHECK_FALSE(tape_clean(R"({"code":{},"meta":{},"code":[]})"));
        CHECK(tape_clean(
            R"({"id":"a","idx":"b","i":"c","intent":"d","status":"e","statux":"f","code":1,"cod":2})"));
    }
    TEST_CASE("what the pass cannot tell is left to the full check") {
        std::string wide = "{";
        for (int i = 0; i < 17; ++i) {
            wide += (i > 0 ? ",\"k" : "\"k") + std::to_string(i) + "\":" + std::to_string(i);
        }
        CHECK_FALSE(tape_clean(wide + "}")); // more keys in one object than the pass compares
        std::string deep;
        for (int i = 0; i < 63; ++i) {
            deep += "[";
        }
        CHECK(tape_clean(deep + std::string(63, ']')));
        CHECK_FALSE(tape_clean("[" + deep + "[]" + std::string(64, ']'))); // 65 levels
    }
    TEST_CASE("a root dosageInstruction the memo knows is skipped; the rest is still scanned") {
        static simdjson::dom::parser parser;
        // The pass over `json` with a memo that knows its dosageInstruction (as a value mapped once).
        auto clean = [](const std::string& json) {
            REQUIRE(parser.parse(json).error() == simdjson::SUCCESS);
            io::fhir_detail::DosageMemo memo;
            const io::fhir_detail::DosageMemo::Lookup lookup = memo.look_up(parser.doc);
            REQUIRE(lookup.words.begin != 0);
            simdjson::dom::array list;
            REQUIRE(parser.doc.root()["dosageInstruction"].get_array().get(list) == simdjson::SUCCESS);
            io::FhirMedicationRequest mapped;
            memo.mapped(lookup, list, mapped);
            REQUIRE(memo.size() == 1);
            io::fhir_detail::RootNotes notes{&memo};
            const bool cleared = io::fhir_detail::structure_clean(parser.doc, false, &notes);
            if (cleared) {
                CHECK(notes.dosages.known != nullptr);
                CHECK(notes.dosages.words.begin == lookup.words.begin);
                CHECK(notes.dosages.words.end == lookup.words.end);
            }
            return cleared;
        };
        // The words skipped are the value's only: its duplicate is not seen (the memo never knows
        // such a value), the root's keys and every other member still are.
        CHECK(clean(R"({"id":"a","dosageInstruction":[{"text":"x","text":"y"}],"note":[{"a":1}]})"));
        CHECK_FALSE(clean(R"({"id":"a","dosageInstruction":[{"text":"x"}],"note":[{"a":1,"a":2}]})"));
        CHECK_FALSE(clean(R"({"id":"a","dosageInstruction":[{"text":"x"}],"id":"b"})"));
        CHECK_FALSE(clean(
            R"({"dosageInstruction":[{"text":"a"}],"x":{"y":[{"z":1,"z":2}]},"dosageInstruction":[{"text":"a"}]})"));
        CHECK(clean(
            R"({"dosageInstruction":[{"x":[1,2.5,-3,"s",true,null,{"a":[{}]}]}],"n":18446744073709551615})"));
        // Not skipped where the memo does not know it: a duplicate inside is then seen.
        REQUIRE(
            parser.parse(std::string_view(R"({"dosageInstruction":[{"text":"x","text":"y"}]})")).error() ==
            simdjson::SUCCESS);
        io::fhir_detail::DosageMemo empty;
        io::fhir_detail::RootNotes notes{&empty};
        CHECK_FALSE(io::fhir_detail::structure_clean(parser.doc, false, &notes));
        // A nested dosageInstruction is not the root's: not looked up.
        REQUIRE(parser.parse(std::string_view(R"({"contained":{"dosageInstruction":[1]}})")).error() ==
                simdjson::SUCCESS);
        io::fhir_detail::RootNotes nested{&empty};
        CHECK(io::fhir_detail::structure_clean(parser.doc, false, &nested));
        CHECK(nested.dosages.words.begin == 0);
    }
    TEST_CASE("over-long keys always, over-long strings when asked") {
        const std::string big(io::k_max_fhir_string_bytes + 1, 'x');
        const std::string at_limit(io::k_max_fhir_string_bytes, 'x');
        CHECK_FALSE(tape_clean("{\"" + big + "\":1}"));
        CHECK_FALSE(tape_clean(R"({"a":[")" + big + R"("]})", true));
        CHECK(tape_clean(R"({"a":[")" + big + R"("]})", false));
        CHECK(tape_clean(R"({"a":")" + at_limit + R"("})", true));
    }
}
