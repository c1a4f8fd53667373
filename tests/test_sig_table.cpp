// The sig table: every row of tests/data/sigs/sigs.tsv holds a regimen and the reading worked out
// by hand from the worst-case rules, so a reader change that under-reads any row fails here.
#include <medcheck/sig/reader.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace medcheck;

namespace {

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> fields;
    std::string field;
    std::istringstream in(line);
    while (std::getline(in, field, '\t')) {
        fields.push_back(field);
    }
    if (!line.empty() && line.back() == '\t') {
        fields.emplace_back();
    }
    return fields;
}

// "-" means absent; otherwise the value must be there and equal.
void check_number(const std::optional<double>& got, const std::string& want, const char* what) {
    if (want == "-") {
        CHECK_MESSAGE(!got, what);
        return;
    }
    REQUIRE_MESSAGE(got, what);
    CHECK_MESSAGE(*got == doctest::Approx(std::stod(want)), what);
}

bool readable(const sig::Reading& r) {
    return r.frequency && r.dose_max && r.ambiguities.empty() && r.unrecognised.empty() && !r.as_directed;
}

std::string why_not(const sig::Reading& r) {
    std::string why = r.as_directed ? "as directed;" : "";
    why += r.frequency ? "" : "no frequency;";
    why += r.dose_max ? "" : "no dose;";
    for (const auto& a : r.ambiguities) {
        why += a + ";";
    }
    for (const auto& u : r.unrecognised) {
        why += u + ";";
    }
    return why;
}

} // namespace

TEST_SUITE("sig table") {
    TEST_CASE("every row reads as worked out by hand") {
        std::ifstream in(std::filesystem::path(MEDCHECK_SOURCE_DIR) / "tests" / "data" / "sigs" / "sigs.tsv");
        REQUIRE(in);
        std::string line;
        int rows = 0;
        int read = 0;
        while (std::getline(in, line)) {
            if (line.rfind("# ", 0) == 0) {
                continue;
            }
            const auto f = split_tabs(line);
            INFO("sig: '" << (f.empty() ? "" : f[0]) << "'");
            ++rows;
            const sig::Reading r = sig::read_regimen(f.at(0));
            if (f.size() == 3 && f[1] == "unverifiable") {
                CHECK_FALSE(readable(r));
                const std::string why = why_not(r);
                INFO("why: " << why);
                CHECK(why.find(f[2]) != std::string::npos);
                continue;
            }
            REQUIRE((f.size() == 7 || f.size() == 8));
            INFO("why: " << why_not(r));
            CHECK(readable(r));
            read += readable(r) ? 1 : 0;
            check_number(r.dose_max, f[1], "dose_max");
            CHECK(r.unit == (f[2] == "-" ? std::string() : f[2]));
            check_number(r.frequency ? std::optional<double>(r.frequency->doses_per_day) : std::nullopt, f[3],
                         "doses_per_day");
            CHECK(r.prn == (f[4] == "1"));
            check_number(r.max_stated ? r.max_stated->per_day() : std::nullopt, f[5], "stated max per day");
            check_number(r.duration_days, f[6], "duration_days");
            check_number(r.daily_dose_max, f.size() == 8 ? f[7] : "-", "daily_dose_max");
        }
        CHECK(rows >= 300);
        std::printf("sig table: %d of %d rows read (%.1f%%)\n", read, rows, 100.0 * read / rows);
    }
}
