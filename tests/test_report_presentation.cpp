#include "support/fixture.hpp"

#include <medcheck/report/presentation.hpp>
#include <medcheck/report/report_data.hpp>
#include <medcheck/report/text_writer.hpp>

#include <doctest/doctest.h>

#include <sstream>

using namespace medcheck;
using test::CaseBuilder;

namespace {

model::Finding finding(model::Severity severity) {
    model::Finding f;
    f.severity = severity;
    return f;
}

} // namespace

TEST_SUITE("report::presentation") {
    TEST_CASE("a creatinine clearance prints to one decimal") {
        CHECK(report::crcl_value(47.1154) == "47.1");
        CHECK(report::crcl_value(47.16) == "47.2");
        CHECK(report::crcl_value(60.0) == "60");
    }

    TEST_CASE("a computed CrCl prints the same in the terminal text and in the review report") {
        model::Case input = CaseBuilder()
                                .age(72)
                                .weight(60)
                                .sex(model::Sex::female)
                                .crcl(std::nullopt)
                                .scr(1.1)
                                .med("naproxen", 250, "mg", "bid")
                                .build();
        const check::CheckResult result = check::check_case(input, test::seeded_rules());
        REQUIRE(result.patient.crcl_ml_min);
        const std::string crcl = report::crcl_value(*result.patient.crcl_ml_min);
        CHECK(crcl == "43.8"); // Cockcroft-Gault: (140 - 72) x 60 / (72 x 1.1) x 0.85 = 43.79

        std::ostringstream text;
        report::write_result_text(text, result, test::seeded_rules().database);
        CHECK(text.str().find("CrCl " + crcl + " mL/min") != std::string::npos);

        std::vector<report::CheckedPatient> patients;
        patients.push_back({input, result, "case.json"});
        const report::ReportData data = report::build_report({}, std::move(patients), {});
        REQUIRE(data.patients.size() == 1);
        bool found = false;
        for (const auto& row : report::factor_rows(data.patients.front())) {
            if (row.first == "CrCl") {
                found = true;
                CHECK(row.second.rfind(crcl + " mL/min", 0) == 0);
            }
        }
        CHECK(found);
    }

    TEST_CASE("findings are counted by severity, worst first") {
        CHECK(report::severity_counts({}).empty());
        CHECK(report::severity_counts({finding(model::Severity::warning), finding(model::Severity::violation),
                                       finding(model::Severity::warning), finding(model::Severity::info)}) ==
              "1 violation, 2 warning, 1 info");
    }

    TEST_CASE("severity and verdict labels") {
        CHECK(report::severity_label(model::Severity::contraindicated) == "CONTRAINDICATED");
        CHECK(report::verdict_label(model::Verdict::ok) == "OK");
    }

    TEST_CASE("the summary counts table: labels in order, the alert rate to one decimal") {
        report::Summary s;
        s.patients = 3;
        s.orders = 7;
        s.findings = 4;
        s.alerts = 2;
        s.alerts_per_100_orders = 200.0 / 7.0;
        s.rejected = 1;
        s.skipped = 5;
        const auto rows = report::summary_rows(s);
        REQUIRE(rows.size() == 7);
        CHECK(rows[0] == std::pair<std::string, std::string>{"Patients reviewed", "3"});
        CHECK(rows[4] == std::pair<std::string, std::string>{"Alerts per 100 orders", "28.6"});
        CHECK(rows[6] == std::pair<std::string, std::string>{"Records skipped (not checked)", "5"});
        s.rules_that_fired = 12;
        s.top_rules.resize(3);
        CHECK(report::top_rules_caption(s) ==
              "3 of 12 rules that fired; rate = findings per 100 orders reviewed.");
    }
}
