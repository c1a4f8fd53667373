#include <medcheck/batch/findings_writer.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace medcheck;

namespace {

std::string csv_field(std::string_view text) {
    std::string out;
    batch::append_csv_field(out, text);
    return out;
}

} // namespace

TEST_SUITE("batch findings writer") {
    TEST_CASE("CSV: fields are quoted only when RFC 4180 needs it") {
        CHECK(csv_field("ibuprofen") == "ibuprofen");
        CHECK(csv_field("a,b") == "\"a,b\"");
        CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
        CHECK(csv_field("") == "");
    }

    TEST_CASE("CSV: a cell a spreadsheet would run as a formula gets a leading quote (OWASP)") {
        CHECK(csv_field("=cmd|' /C calc'!A0") == "\"'=cmd|' /C calc'!A0\"");
        CHECK(csv_field("+1+1") == "\"'+1+1\"");
        CHECK(csv_field("-2+3") == "\"'-2+3\"");
        CHECK(csv_field("@SUM(1+1)") == "\"'@SUM(1+1)\"");
        CHECK(csv_field("\tx") == "\"'\tx\"");
        CHECK(csv_field("\rx") == "\"'\rx\"");
        CHECK(csv_field("=a,\"b\"") == "\"'=a,\"\"b\"\"\"");
        CHECK(csv_field("a=b") == "a=b"); // only the first character matters
    }
}
