#include "support/fixture.hpp"

#include <medcheck/report/case_inputs.hpp>
#include <medcheck/report/presentation.hpp>
#include <medcheck/report/report_format.hpp>
#include <medcheck/report/text_writer.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <regex>
#include <sstream>

using namespace medcheck;
using test::CaseBuilder;

namespace {

constexpr const char* k_hostile = "<script>alert(1)</script>";

report::ReportData hostile_report() {
    model::Case input =
        CaseBuilder().med(k_hostile, 10, "mg", "bid").med("acetaminophen", 1000, "mg", "q4h", 2).build();
    input.patient.id = k_hostile;
    check::CheckResult result = check::check_case(input, test::seeded_rules());
    std::vector<report::CheckedPatient> patients;
    patients.push_back({input, result, std::string(k_hostile) + ".json"});
    report::RecordAccounting records;
    records.rejected.push_back({k_hostile, k_hostile, k_hostile});
    records.rejected_total = 1;
    records.skipped.push_back({k_hostile, 1});
    records.out_of_scope.push_back({k_hostile, 2});
    rules::DatabaseInfo db{"embedded", k_hostile, "1", k_hostile};
    report::ReportHeader header{k_hostile, "2026-01-15", k_hostile, db, {{k_hostile, k_hostile}}};
    return report::build_report(std::move(header), std::move(patients), std::move(records));
}

std::string render(const report::ReportData& data, report::ReportFormat format) {
    std::ostringstream out;
    report::write_report(out, data, format);
    return out.str();
}

std::size_t count(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        ++n;
    }
    return n;
}

} // namespace

TEST_SUITE("report::writers") {
    TEST_CASE("HTML: a script tag as drug name and as patient id is shown as text, never as markup") {
        const std::string html = render(hostile_report(), report::ReportFormat::html);
        CHECK(html.find("<script") == std::string::npos);
        CHECK(html.find("</script") == std::string::npos);
        CHECK(count(html, "&lt;script&gt;alert(1)&lt;/script&gt;") >= 8);
        CHECK(html.find("Patient &lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    }

    TEST_CASE("HTML: self-contained, no scripts or outside resources") {
        const std::string html = render(hostile_report(), report::ReportFormat::html);
        CHECK(html.find("<script") == std::string::npos);
        CHECK(html.find("http://") == std::string::npos);
        CHECK(html.find("https://") == std::string::npos);
        CHECK(html.find("<link") == std::string::npos);
        CHECK(html.find("@import") == std::string::npos);
        CHECK(html.find("url(") == std::string::npos);
        CHECK_FALSE(std::regex_search(html, std::regex("<[a-z][^>]* on[a-z]+=")));
        CHECK(html.find("Content-Security-Policy") != std::string::npos);
    }

    TEST_CASE("HTML: accessible structure, print CSS, sign-off and disclaimer") {
        const std::string html = render(hostile_report(), report::ReportFormat::html);
        CHECK(html.find("<html lang=\"en\">") != std::string::npos);
        CHECK(html.find("<h1>") != std::string::npos);
        CHECK(html.find("<th scope=\"col\">Severity</th>") != std::string::npos);
        CHECK(html.find("<th>") == std::string::npos); // every header cell has a scope
        CHECK(html.find("@media print") != std::string::npos);
        CHECK(html.find("break-before: page") != std::string::npos);
        CHECK(html.find("break-inside: avoid") != std::string::npos);
        CHECK(html.find("Reviewed by:") != std::string::npos);
        CHECK(html.find(std::string(report::k_disclaimer)) != std::string::npos);
        CHECK(html.find("role=\"img\"") != std::string::npos); // the charts
        // Severity by label and shape: every badge carries an icon and its text.
        CHECK(html.find("<use href=\"#i-violation\"/></svg>VIOLATION</span>") != std::string::npos);
    }

    TEST_CASE("Markdown: the script tag is escaped text") {
        const std::string md = render(hostile_report(), report::ReportFormat::markdown);
        // Every '<' that comes from input is backslash-escaped, so no HTML tag can start.
        CHECK_FALSE(std::regex_search(md, std::regex(R"((^|[^\\])<)")));
        CHECK(md.find("\\<script\\>alert(1)\\</script\\>") != std::string::npos);
        CHECK(md.find("Reviewed by:") != std::string::npos);
        CHECK(md.find(std::string(report::k_disclaimer)) != std::string::npos);
    }

    TEST_CASE("JSON: data with a fixed key order; strings kept as data") {
        const std::string text = render(hostile_report(), report::ReportFormat::json);
        const auto doc = nlohmann::ordered_json::parse(text);
        std::vector<std::string> keys;
        for (const auto& item : doc.items()) {
            keys.push_back(item.key());
        }
        CHECK(keys == std::vector<std::string>{"title", "as_of", "medcheck_version", "database", "inputs",
                                               "disclaimer", "summary", "patients", "rejected", "skipped",
                                               "out_of_scope"});
        CHECK(doc["patients"][0]["id"] == k_hostile);
        CHECK(doc["summary"]["patients"] == 1);
        CHECK(doc["summary"]["rejected"] == 1);
        bool alternative = false;
        for (const auto& f : doc["patients"][0]["findings"]) {
            if (f["kind"] == "max_daily_dose") {
                alternative = f["alternative"].is_string();
            }
        }
        CHECK(alternative);
    }

    TEST_CASE("same input, same bytes, in every format") {
        for (const auto format :
             {report::ReportFormat::html, report::ReportFormat::markdown, report::ReportFormat::json}) {
            CHECK(render(hostile_report(), format) == render(hostile_report(), format));
        }
    }

    TEST_CASE("a case document that cannot be read is a rejected record, the others are checked") {
        report::ReportInputs inputs;
        std::istringstream good(R"({"patient": {"id": "P1", "age": 40}, "medications": []})");
        std::istringstream bad(R"({"patient": {"id": "P2", "age": 40}, "medicaton": []})");
        report::add_case(inputs, good, "good.json", test::seeded_rules());
        report::add_case(inputs, bad, "bad.json", test::seeded_rules());
        CHECK(inputs.patients.size() == 1);
        REQUIRE(inputs.records.rejected.size() == 1);
        CHECK(inputs.records.rejected[0].location == "bad.json");
        CHECK(inputs.records.rejected[0].reason.find("medicaton") != std::string::npos);
        REQUIRE(inputs.inputs.size() == 2);
        CHECK(inputs.inputs[1].sha256.size() == 64);
    }

    TEST_CASE("formats and dates") {
        CHECK(report::parse_report_format("md") == report::ReportFormat::markdown);
        CHECK(report::parse_report_format("pdf") == std::nullopt);
        CHECK(report::format_for_path("out/REPORT.MD") == report::ReportFormat::markdown);
        CHECK(report::format_for_path("r.json") == report::ReportFormat::json);
        CHECK(report::format_for_path("r.html") == report::ReportFormat::html);
        CHECK(report::is_report_date("2024-02-29"));
        CHECK_FALSE(report::is_report_date("2023-02-29"));
        CHECK_FALSE(report::is_report_date("2024-13-01"));
        CHECK_FALSE(report::is_report_date("24-01-01"));
        CHECK(report::is_report_date(report::default_report_date()));
    }
}
