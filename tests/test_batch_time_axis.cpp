#include <medcheck/batch/time_axis.hpp>
#include <medcheck/check/engine.hpp>

#include "support/fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace medcheck;

namespace {

constexpr std::int64_t k_day = 86400;
// 2150-01-01T00:00:00Z (MIMIC-style shifted dates are ordinary dates).
const std::int64_t k_t0 = *batch::parse_timestamp("2150-01-01");

model::MedicationOrder order(const std::string& drug, double dose, const std::string& frequency,
                             std::optional<std::int64_t> start = std::nullopt,
                             std::optional<std::int64_t> end = std::nullopt) {
    model::MedicationOrder m;
    m.drug = drug;
    m.dose = dose;
    m.unit = "mg";
    m.frequency = frequency;
    m.start_s = start;
    m.end_s = end;
    return m;
}

model::Case adult(std::vector<model::MedicationOrder> orders) {
    model::Case c;
    c.patient.id = "p";
    c.patient.age_years = 50;
    c.patient.weight_kg = 70;
    c.patient.sex = model::Sex::male;
    c.patient.crcl_ml_min = 90;
    c.medications = std::move(orders);
    return c;
}

const model::Finding* find_rule(const check::CheckResult& result, const std::string& rule) {
    const auto it = std::find_if(result.findings.begin(), result.findings.end(),
                                 [&](const model::Finding& f) { return f.rule_id == rule; });
    return it == result.findings.end() ? nullptr : &*it;
}

// A finding that adds up to `mg_day` (whichever rule, daily or cumulative, reports the sum).
bool sums_to(const check::CheckResult& result, double mg_day) {
    return std::any_of(result.findings.begin(), result.findings.end(), [&](const model::Finding& f) {
        return f.unit == "mg/day" && f.actual && *f.actual == doctest::Approx(mg_day);
    });
}

// A woman born 2080-01-01 (70 on k_t0), 68 kg, creatinine 1.0 from the day before k_t0 and 3.0 from
// day 9: the factors change while orders run.
batch::StoredPatient measured_patient() {
    batch::StoredPatient stored;
    stored.indirect().birth_date = 20800101;
    stored.factors.age_years = batch::k_absent;
    stored.indirect().creatinine_series = {{k_t0 - k_day, 1.0}, {k_t0 + 9 * k_day, 3.0}};
    stored.indirect().weight_series = {{k_t0 - 30 * k_day, 68.0}};
    return stored;
}
model::Case measured_case() {
    model::Case c;
    c.patient.id = "p";
    c.patient.sex = model::Sex::female;
    return c;
}

} // namespace

TEST_SUITE("batch::time_axis") {
    TEST_CASE("parse_timestamp reads ISO 8601 dates and date-times") {
        CHECK(batch::parse_timestamp("1970-01-01") == 0);
        CHECK(batch::parse_timestamp("1970-01-02") == k_day);
        CHECK(batch::parse_timestamp("1970-01-01T01:00:00Z") == 3600);
        CHECK(batch::parse_timestamp("1970-01-01 01:00") == 3600);
        CHECK(batch::parse_timestamp("1970-01-01T01:00:00.250") == 3600);
        CHECK(batch::parse_timestamp("1970-01-01T02:00:00+01:00") == 3600);
        CHECK(batch::parse_timestamp("2024-03-01") == 1709251200);
        SUBCASE("rejections") {
            CHECK_FALSE(batch::parse_timestamp(""));
            CHECK_FALSE(batch::parse_timestamp("2024-13-01"));
            CHECK_FALSE(batch::parse_timestamp("2024/03/01"));
            CHECK_FALSE(batch::parse_timestamp("2024-03-01T08"));
            CHECK_FALSE(batch::parse_timestamp("2024-03-01T08:00:00 junk"));
            CHECK_FALSE(batch::parse_timestamp("yesterday"));
        }
        CHECK(batch::date_of(k_t0) == 21500101);
        CHECK(batch::date_of(k_t0 + 40 * k_day - 1) == 21500209);
    }

    TEST_CASE("concurrent_sets: maximal sets at order starts; untimed orders in every set") {
        const std::vector<model::MedicationOrder> orders{
            order("a", 1, "daily", k_t0, k_t0 + 2 * k_day),             // 0: days 0-2
            order("b", 1, "daily", k_t0 + k_day, k_t0 + 3 * k_day),     // 1: days 1-3
            order("c", 1, "daily"),                                     // 2: untimed
            order("d", 1, "daily", k_t0 + 5 * k_day, std::nullopt),     // 3: from day 5, open
            order("e", 1, "daily", k_t0 + 6 * k_day, k_t0 + 6 * k_day), // 4: a one-time order
        };
        const auto sets = batch::concurrent_sets(orders);
        REQUIRE(sets.size() == 2);
        // {0,2} at day 0 is contained in {0,1,2} at day 1 and is dropped.
        CHECK(sets[0].at_s == k_t0 + k_day);
        CHECK(sets[0].orders == std::vector<int>{0, 1, 2});
        // {2,3} at day 5 is contained in {2,3,4} at day 6 (the one-time order is active at its start).
        CHECK(sets[1].at_s == k_t0 + 6 * k_day);
        CHECK(sets[1].orders == std::vector<int>{2, 3, 4});
        CHECK(batch::concurrent_sets({order("a", 1, "daily"), order("b", 1, "daily")}).empty());
    }

    TEST_CASE("orders that do not overlap are never summed") {
        batch::StoredPatient stored;
        // 500 mg q6h = 2000 mg/day each; together 4000 > 3000 mg/day.
        const auto untimed = adult({order("acetaminophen", 500, "q6h"), order("acetaminophen", 500, "q6h")});
        CHECK(sums_to(batch::check_patient(untimed, stored, test::seeded_rules()), 4000));

        auto apart = untimed;
        apart.medications[0].start_s = k_t0;
        apart.medications[0].end_s = k_t0 + 2 * k_day;
        apart.medications[1].start_s = k_t0 + 2 * k_day; // starts when the first ends (end exclusive)
        apart.medications[1].end_s = k_t0 + 4 * k_day;
        const auto separate = batch::check_patient(apart, stored, test::seeded_rules());
        CHECK_FALSE(sums_to(separate, 4000));
        CHECK(separate.verdict == model::Verdict::ok);
        CHECK(separate.orders.size() == 2);

        auto overlapping = apart;
        overlapping.medications[1].start_s = k_t0 + 2 * k_day - 3600; // one hour of overlap
        const auto together = batch::check_patient(overlapping, stored, test::seeded_rules());
        CHECK(sums_to(together, 4000));
        CHECK(together.verdict == model::Verdict::violation);
    }

    TEST_CASE("consecutive orders of one drug are one course for duration limits") {
        batch::StoredPatient stored;
        // Ketorolac: 5 days at most (oral and IV/IM together). 3 days, then 3 more days: 6.
        auto ketorolac = [](std::int64_t start_day, std::int64_t end_day,
                            const std::string& name = "ketorolac") {
            auto m = order(name, 10, "q6h", k_t0 + start_day * k_day, k_t0 + end_day * k_day);
            m.route = "oral";
            m.duration_days = static_cast<double>(end_day - start_day); // as build_case gives it
            return m;
        };
        const auto course =
            batch::check_patient(adult({ketorolac(0, 3), ketorolac(3, 6)}), stored, test::seeded_rules());
        const model::Finding* f = find_rule(course, "ketorolac.duration_max");
        REQUIRE(f != nullptr);
        CHECK(f->severity == model::Severity::violation);
        CHECK(*f->actual == 6);
        // A day between them still continues the course (4 + 3 days with a gap of one: 8 days).
        CHECK(find_rule(batch::check_patient(adult({ketorolac(0, 4), ketorolac(5, 8)}), stored,
                                             test::seeded_rules()),
                        "ketorolac.duration_max") != nullptr);
        // Just at the limit (2 + 3 days back to back: 5), two days apart, or under another name: no course.
        CHECK(find_rule(batch::check_patient(adult({ketorolac(0, 2), ketorolac(2, 5)}), stored,
                                             test::seeded_rules()),
                        "ketorolac.duration_max") == nullptr);
        CHECK(find_rule(batch::check_patient(adult({ketorolac(0, 3), ketorolac(5, 8)}), stored,
                                             test::seeded_rules()),
                        "ketorolac.duration_max") == nullptr);
        CHECK(find_rule(batch::check_patient(adult({ketorolac(0, 3), ketorolac(3, 6, "Toradol")}), stored,
                                             test::seeded_rules()),
                        "ketorolac.duration_max") == nullptr);
    }

    TEST_CASE("join_courses: a course's days reach each of its orders; names compared case aside") {
        std::vector<model::MedicationOrder> orders{
            order("Cyclobenzaprine", 5, "tid", k_t0, k_t0 + 10 * k_day),
            order("cyclobenzaprine ", 5, "tid", k_t0 + 9 * k_day, k_t0 + 15 * k_day), // overlaps
            order("cyclobenzaprine", 5, "tid", k_t0 + 16 * k_day, k_t0 + 23 * k_day), // a day later
            order("cyclobenzaprine", 5, "tid"),                                       // no window
            order("ibuprofen", 400, "tid", k_t0, k_t0 + 30 * k_day)};
        orders[0].duration_days = 30; // a stated duration longer than the course stays
        batch::join_courses(orders);
        CHECK(orders[0].duration_days == 30);
        CHECK(orders[1].duration_days == 23);
        CHECK(orders[2].duration_days == 23);
        CHECK_FALSE(orders[3].duration_days);
        CHECK_FALSE(orders[4].duration_days); // alone: its own window is read by build_case
    }

    TEST_CASE("identical findings from several sets are reported once, with case indexes") {
        batch::StoredPatient stored;
        // The 6000 mg/day order overlaps two others that do not overlap each other: two sets.
        auto c = adult({order("acetaminophen", 1500, "q6h", k_t0, k_t0 + 10 * k_day),
                        order("ibuprofen", 200, "q8h", k_t0 + k_day, k_t0 + 2 * k_day),
                        order("ibuprofen", 200, "q8h", k_t0 + 5 * k_day, k_t0 + 6 * k_day)});
        const auto result = batch::check_patient(c, stored, test::seeded_rules());
        const auto count =
            std::count_if(result.findings.begin(), result.findings.end(), [](const model::Finding& f) {
                return f.rule_id == "acetaminophen.daily_max" && f.order == 0;
            });
        CHECK(count == 1);
        for (const auto& f : result.findings) {
            if (f.order) {
                CHECK(*f.order >= 0);
                CHECK(*f.order < 3);
            }
        }
    }

    TEST_CASE("a batch's unsorted checks give a windowed patient the sorted findings, each once") {
        // A batch asks for findings unsorted (read through CheckResult::finding_order); the sets of a
        // patient with windows are still merged in output order (of a finding found twice in one set
        // the first is kept), and the merged findings come sorted. The case's ibuprofen orders tie in
        // all but their order.
        batch::StoredPatient stored;
        const auto c = adult({order("acetaminophen", 1500, "q6h", k_t0, k_t0 + 10 * k_day),
                              order("ibuprofen", 800, "q6h", k_t0 + k_day, k_t0 + 2 * k_day),
                              order("ibuprofen", 800, "q6h", k_t0 + k_day, k_t0 + 2 * k_day),
                              order("ibuprofen", 800, "q6h", k_t0 + 5 * k_day, k_t0 + 6 * k_day)});
        const auto expected = batch::check_patient(c, stored, test::seeded_rules());
        check::CheckResult result;
        result.finding_order = {7, 7, 7}; // left from the patient before
        std::vector<check::OrderFacts> orders;
        batch::check_patient(c, stored, test::seeded_rules(),
                             {.describe_orders = false, .sort_findings = false}, result, orders);
        CHECK(result.finding_order.empty());
        CHECK(result.verdict == expected.verdict);
        REQUIRE(result.findings.size() == expected.findings.size());
        for (std::size_t i = 0; i < expected.findings.size(); ++i) {
            CAPTURE(i);
            CHECK(result.findings[i].rule_id == expected.findings[i].rule_id);
            CHECK(result.findings[i].order == expected.findings[i].order);
            CHECK(result.findings[i].message == expected.findings[i].message);
        }
        const auto count =
            std::count_if(result.findings.begin(), result.findings.end(), [](const model::Finding& f) {
                return f.rule_id == "acetaminophen.daily_max" && f.order == 0;
            });
        CHECK(count == 1);
    }

    TEST_CASE("texts name the patient's orders, not a set's; an input issue is reported once") {
        batch::StoredPatient stored;
        // Order 2 (unknown frequency) is the first order of its set; order 1 carries an input issue
        // (as a layout reports an unreadable cell) and falls in two sets with orders 0 and 2.
        auto c = adult({order("ibuprofen", 200, "q8h", k_t0, k_t0 + 2 * k_day),
                        order("acetaminophen", 500, "q6h", k_t0, k_t0 + 10 * k_day),
                        order("naproxen", 250, "zzz", k_t0 + 5 * k_day, k_t0 + 6 * k_day)});
        c.medications[1].frequency_unreadable = true;
        c.issues.push_back({"medications[1].frequency", "cannot verify: 'ASDIR' (as directed)", 1});
        const auto result = batch::check_patient(c, stored, test::seeded_rules());
        int issues = 0;
        bool unknown_frequency = false;
        for (const auto& f : result.findings) {
            INFO(f.message.str());
            if (f.message.find("ASDIR") != std::string::npos) {
                ++issues;
                CHECK(f.message.starts_with("medications[1].frequency: "));
                CHECK(f.order == 1);
            }
            if (f.message.find("unknown frequency 'zzz'") != std::string::npos) {
                unknown_frequency = true;
                CHECK(f.message.starts_with("medications[2].frequency: ")); // [1] of its set's case
                CHECK(f.order == 2);
            }
        }
        CHECK(issues == 1);
        CHECK(unknown_frequency);
    }

    TEST_CASE("patient factors are taken as of each set's time") {
        const batch::StoredPatient stored = measured_patient();
        model::Case c = measured_case();
        // Gabapentin 300 mg tid = 900 mg/day: within the 30-59 band (<= 1400), above the 15-29 band (700).
        c.medications = {order("gabapentin", 300, "tid", k_t0, k_t0 + 2 * k_day)};
        // SCr 1.0 -> CrCl (140-70)*68/72*0.85 = 56 mL/min.
        const auto early = batch::check_patient(c, stored, test::seeded_rules());
        CHECK(find_rule(early, "gabapentin.renal.crcl_15_29") == nullptr);
        CHECK(early.patient.age_years == doctest::Approx(70));
        // SCr 3.0 (measured on day 9) -> CrCl 18.7 mL/min for an order from day 10.
        c.medications[0].start_s = k_t0 + 10 * k_day;
        c.medications[0].end_s = k_t0 + 12 * k_day;
        const auto late = batch::check_patient(c, stored, test::seeded_rules());
        const auto* renal = find_rule(late, "gabapentin.renal.crcl_15_29");
        REQUIRE(renal != nullptr);
        CHECK(renal->severity == model::Severity::violation);
        // Before any creatinine: renal function is missing, never assumed.
        c.medications[0].start_s = k_t0 - 10 * k_day;
        c.medications[0].end_s = k_t0 - 8 * k_day;
        const auto before = batch::check_patient(c, stored, test::seeded_rules());
        CHECK(std::any_of(before.findings.begin(), before.findings.end(), [](const model::Finding& f) {
            return f.kind == "missing_patient_factor" && f.drug == "gabapentin";
        }));
    }

    TEST_CASE("an order running while a factor changes is checked with the factors before and after") {
        const batch::StoredPatient stored = measured_patient();
        model::Case c = measured_case();
        // One order from day 0 to day 12, alone: the creatinine of day 9 (CrCl 18.7) falls inside it.
        // Taken only at its start (CrCl 56) the 15-29 band was never checked.
        c.medications = {order("gabapentin", 300, "tid", k_t0, k_t0 + 12 * k_day)};
        const auto result = batch::check_patient(c, stored, test::seeded_rules());
        const auto* renal = find_rule(result, "gabapentin.renal.crcl_15_29");
        REQUIRE(renal != nullptr);
        CHECK(renal->severity == model::Severity::violation);
        // A change inside an order's window adds a set; one outside every window adds none.
        CHECK(batch::concurrent_sets(c.medications, std::vector<std::int64_t>{k_t0 + 5 * k_day}).size() == 2);
        CHECK(batch::concurrent_sets(c.medications, std::vector<std::int64_t>{k_t0 + 20 * k_day}).size() ==
              1);
    }

    TEST_CASE("a case without windows takes check_case's path unchanged") {
        batch::StoredPatient stored;
        const auto c = adult({order("acetaminophen", 1000, "q6h"), order("ibuprofen", 800, "q6h")});
        const auto a = batch::check_patient(c, stored, test::seeded_rules());
        const auto b = check::check_case(c, test::seeded_rules());
        REQUIRE(a.findings.size() == b.findings.size());
        for (std::size_t i = 0; i < a.findings.size(); ++i) {
            CHECK(a.findings[i].rule_id == b.findings[i].rule_id);
            CHECK(a.findings[i].message == b.findings[i].message);
        }
        CHECK(a.verdict == b.verdict);
    }

    TEST_CASE("a timed order keeps everything the sig reader found (ambiguity, stated maximum)") {
        batch::StoredPatient stored;
        auto ambiguous = order("ibuprofen", 400, "q6h", k_t0, k_t0 + k_day);
        ambiguous.ambiguities = {"two frequencies"};
        const auto timed = batch::check_patient(adult({ambiguous}), stored, test::seeded_rules());
        const auto untimed_order = [&] {
            auto m = ambiguous;
            m.start_s.reset();
            m.end_s.reset();
            return m;
        }();
        const auto untimed = check::check_case(adult({untimed_order}), test::seeded_rules());
        // The same verdict with and without a window: the ambiguity is never lost on the time axis.
        CHECK(untimed.verdict == model::Verdict::unverifiable);
        CHECK(timed.verdict == untimed.verdict);
    }
}
