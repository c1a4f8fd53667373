// Golden files: the Markdown and JSON reports of tests/data/report/cases/ must match
// tests/data/report/golden/ byte for byte. After a deliberate change (wording, or a seed edit that
// changes findings), regenerate with MEDCHECK_UPDATE_GOLDEN=1 and review the diff.
#include "support/fixture.hpp"

#include <medcheck/report/case_inputs.hpp>
#include <medcheck/report/report_format.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace medcheck;

namespace {

const std::filesystem::path k_data = std::filesystem::path(MEDCHECK_SOURCE_DIR) / "tests" / "data" / "report";

report::ReportData sample_report() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(k_data / "cases")) {
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    report::ReportInputs inputs;
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        report::add_case(inputs, in, file.filename().string(), test::seeded_rules());
    }
    // Fixed identity, so that the goldens do not change with the version or the database image.
    rules::DatabaseInfo db{"embedded", "golden-db", "1", std::string(64, '0')};
    report::ReportHeader header{"Ward 4 medication review", "2026-01-15", "golden", db,
                                std::move(inputs.inputs)};
    return report::build_report(std::move(header), std::move(inputs.patients), std::move(inputs.records));
}

void check_golden(report::ReportFormat format, const std::string& name) {
    std::ostringstream out;
    report::write_report(out, sample_report(), format);
    const std::filesystem::path path = k_data / "golden" / name;
    if (std::getenv("MEDCHECK_UPDATE_GOLDEN") != nullptr) {
        std::ofstream(path, std::ios::binary) << out.str();
    }
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in, "missing golden file " << path.string() << " (run with MEDCHECK_UPDATE_GOLDEN=1)");
    std::ostringstream expected;
    expected << in.rdbuf();
    CHECK_MESSAGE(out.str() == expected.str(),
                  "report differs from " << path.string()
                                         << "; if intended, regenerate with MEDCHECK_UPDATE_GOLDEN=1");
}

} // namespace

TEST_SUITE("report::golden") {
    TEST_CASE("Markdown of the sample cases") {
        check_golden(report::ReportFormat::markdown, "report.md");
    }

    TEST_CASE("JSON of the sample cases") {
        check_golden(report::ReportFormat::json, "report.json");
    }

    TEST_CASE("HTML of the sample cases is deterministic and escapes the hostile sample") {
        std::ostringstream a;
        std::ostringstream b;
        report::write_report(a, sample_report(), report::ReportFormat::html);
        report::write_report(b, sample_report(), report::ReportFormat::html);
        CHECK(a.str() == b.str());
        CHECK(a.str().find("<script") == std::string::npos);
        CHECK(a.str().find("f-malformed.json") != std::string::npos); // rejected, still listed
    }
}
