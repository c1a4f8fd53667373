#include "support/fixture.hpp"

#include <medcheck/report/report_data.hpp>

#include <doctest/doctest.h>

using namespace medcheck;
using test::CaseBuilder;

namespace {

report::CheckedPatient patient(const std::string& id, const CaseBuilder& builder) {
    model::Case input = builder.build();
    input.patient.id = id;
    check::CheckResult result = check::check_case(input, test::seeded_rules());
    return {input, result, id + ".json"};
}

model::Finding finding(model::Severity severity, std::string kind, std::string rule_id) {
    model::Finding f;
    f.severity = severity;
    f.kind = std::move(kind);
    f.rule_id = std::move(rule_id);
    f.message = "m";
    return f;
}

// A patient with given findings and order count, without running the checker.
report::CheckedPatient synthetic(const std::string& id, std::size_t orders,
                                 std::vector<model::Finding> findings) {
    report::CheckedPatient p;
    p.input.patient.id = id;
    p.result.patient.id = id;
    p.result.orders.resize(orders);
    p.result.findings = std::move(findings);
    check::finalize(p.result);
    p.source = id;
    return p;
}

} // namespace

TEST_SUITE("report::build_report") {
    TEST_CASE("summary arithmetic: counts, alert rate per 100 orders, rules that fire most") {
        using model::Severity;
        std::vector<report::CheckedPatient> patients;
        patients.push_back(synthetic("A", 4,
                                     {finding(Severity::violation, "max_daily_dose", "r.max"),
                                      finding(Severity::warning, "beers", "r.beers"),
                                      finding(Severity::info, "renal", "r.note")}));
        patients.push_back(synthetic("B", 3, {finding(Severity::warning, "beers", "r.beers")}));
        patients.push_back(synthetic("C", 1, {}));
        report::RecordAccounting records;
        records.rejected.push_back({"x.json", "", "malformed"});
        records.rejected_total = 3;
        records.skipped.push_back({"status stopped", 5});
        records.skipped.push_back({"status completed", 2});
        const auto data = report::build_report({}, std::move(patients), std::move(records));
        const auto& s = data.summary;
        CHECK(s.patients == 3);
        CHECK(s.orders == 8);
        CHECK(s.findings == 4);
        CHECK(s.alerts == 3); // info notes are not alerts
        CHECK(s.alerts_per_100_orders == doctest::Approx(37.5));
        CHECK(s.findings_by_severity[static_cast<std::size_t>(Severity::violation)] == 1);
        CHECK(s.findings_by_severity[static_cast<std::size_t>(Severity::warning)] == 2);
        CHECK(s.findings_by_severity[static_cast<std::size_t>(Severity::info)] == 1);
        CHECK(s.patients_by_verdict[static_cast<std::size_t>(model::Verdict::violation)] == 1);
        CHECK(s.patients_by_verdict[static_cast<std::size_t>(model::Verdict::warning)] == 1);
        CHECK(s.patients_by_verdict[static_cast<std::size_t>(model::Verdict::ok)] == 1);
        REQUIRE(s.findings_by_kind.size() == 3);
        CHECK(s.findings_by_kind[0].name == "beers");
        CHECK(s.findings_by_kind[0].count == 2);
        REQUIRE(s.top_rules.size() == 3);
        CHECK(s.rules_that_fired == 3);
        CHECK(s.top_rules[0].rule_id == "r.beers");
        CHECK(s.top_rules[0].findings == 2);
        CHECK(s.top_rules[0].patients == 2);
        CHECK(s.top_rules[0].per_100_orders == doctest::Approx(25.0));
        CHECK(s.top_rules[1].rule_id == "r.max"); // ties: worse severity first
        CHECK(s.top_rules[2].rule_id == "r.note");
        CHECK(s.rejected == 3);
        CHECK(s.skipped == 7);
    }

    TEST_CASE("a rule firing twice for one patient counts one patient") {
        using model::Severity;
        std::vector<report::CheckedPatient> patients;
        patients.push_back(synthetic("A", 2,
                                     {finding(Severity::warning, "start_dose", "r.start"),
                                      finding(Severity::warning, "start_dose", "r.start")}));
        const auto data = report::build_report({}, std::move(patients), {});
        REQUIRE(data.summary.top_rules.size() == 1);
        CHECK(data.summary.top_rules[0].findings == 2);
        CHECK(data.summary.top_rules[0].patients == 1);
    }

    TEST_CASE("only the rules that fire most are listed") {
        std::vector<model::Finding> findings;
        for (int i = 0; i < 15; ++i) {
            findings.push_back(
                finding(model::Severity::warning, "caution", "rule." + std::to_string(100 + i)));
        }
        std::vector<report::CheckedPatient> patients;
        patients.push_back(synthetic("A", 1, findings));
        const auto data = report::build_report({}, std::move(patients), {});
        CHECK(data.summary.top_rules.size() == report::k_top_rules);
        CHECK(data.summary.rules_that_fired == 15);
        CHECK(data.summary.top_rules[0].rule_id == "rule.100");
    }

    TEST_CASE("no orders: rates are zero, not NaN") {
        std::vector<report::CheckedPatient> patients;
        patients.push_back(synthetic("A", 0, {}));
        const auto data = report::build_report({}, std::move(patients), {});
        CHECK(data.summary.alerts_per_100_orders == 0.0);
    }

    TEST_CASE("patients worst first, then by id; patients without findings kept") {
        std::vector<report::CheckedPatient> patients;
        patients.push_back(patient("ok-1", CaseBuilder().med("naproxen", 500, "mg", "bid", 10)));
        patients.push_back(patient("z-bad", CaseBuilder().med("acetaminophen", 1000, "mg", "q4h", 2)));
        patients.push_back(patient("a-bad", CaseBuilder().med("acetaminophen", 1000, "mg", "q4h", 2)));
        patients.push_back(
            patient("cabg", CaseBuilder().condition("recent_cabg").med("ibuprofen", 400, "mg", "q6h", 3)));
        const auto data = report::build_report({}, std::move(patients), {});
        REQUIRE(data.patients.size() == 4);
        CHECK(data.patients[0].factors.id == "cabg");
        CHECK(data.patients[0].verdict == model::Verdict::contraindicated);
        CHECK(data.patients[1].factors.id == "a-bad");
        CHECK(data.patients[2].factors.id == "z-bad");
        CHECK(data.patients[3].factors.id == "ok-1");
        CHECK(data.patients[3].verdict == model::Verdict::ok);
        CHECK(data.patients[1].orders.at(0).sig.find("acetaminophen 1000 mg") != std::string::npos);
    }

    TEST_CASE("suggested alternative: the rule's text first") {
        const auto result = CaseBuilder().med("acetaminophen", 1000, "mg", "q6h", 3).age(72).check();
        const auto f = test::only(result, "acetaminophen.daily_max");
        const auto line = report::suggest_alternative(f);
        CHECK_FALSE(line.alternative.empty());
        CHECK(line.alternative == f.alternative);
        CHECK_FALSE(line.alternative_from_limit);
    }

    TEST_CASE("suggested alternative: computed only from the rule's own limit, only for dose maxima") {
        model::Finding daily = finding(model::Severity::violation, "max_daily_dose", "x.daily");
        daily.actual = 4000;
        daily.limit = 3200;
        daily.unit = "mg/day";
        auto line = report::suggest_alternative(daily);
        CHECK(line.alternative == "reduce to at most 3200 mg/day");
        CHECK(line.alternative_from_limit);

        model::Finding single = finding(model::Severity::violation, "max_single_dose", "x.single");
        single.limit = 800;
        single.unit = "mg";
        CHECK(report::suggest_alternative(single).alternative == "reduce to at most 800 mg per dose");

        model::Finding no_limit = finding(model::Severity::violation, "max_daily_dose", "x.nolimit");
        CHECK(report::suggest_alternative(no_limit).alternative.empty());

        model::Finding other = finding(model::Severity::violation, "renal", "x.renal");
        other.limit = 30;
        other.unit = "mL/min";
        CHECK(report::suggest_alternative(other).alternative.empty());
    }
}
