#include <medcheck/batch/findings_writer.hpp>

#include <doctest/doctest.h>
#include <medcheck/io/result_json.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <random>
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
    TEST_CASE("numbers: the bytes io::number_json writes, for whole, fractional, tiny, huge and odd values") {
        auto check = [](double value) {
            std::string out;
            batch::append_json_number(out, value);
            REQUIRE_MESSAGE(out == io::number_json(value).dump(), "value " << value);
        };
        // Every 4-decimal value in [-3, 3], and each with a last-digit nudge either way.
        for (int k = -30000; k <= 30000; ++k) {
            const double value = k / 10000.0;
            check(value);
            check(std::nextafter(value, 1e300));
            check(std::nextafter(value, -1e300));
            check(value + 0.00005); // halfway: rounds away from zero, or not, as the reference does
        }
        // Magnitudes from 1e-6 to 1e16 (past the fast path's 1e11 bound), random digits.
        std::mt19937_64 random(12);
        std::uniform_real_distribution<double> mantissa(1.0, 10.0);
        for (int exponent = -6; exponent <= 16; ++exponent) {
            for (int i = 0; i < 3000; ++i) {
                const double value = mantissa(random) * std::pow(10.0, exponent);
                check(value);
                check(-value);
            }
        }
        for (const double value : {0.0,
                                   -0.0,
                                   0.00005,
                                   -0.00005,
                                   0.00004999,
                                   1e11 - 0.5,
                                   1e11 + 0.25,
                                   1e11 - 1, // whole numbers either side of the whole-number path's bound
                                   -(1e11 - 1),
                                   1e11,
                                   -1e11,
                                   1e11 + 1,
                                   9007199254740992.0, // 2^53
                                   3000.0,
                                   -40.0,
                                   99999999999.9999,
                                   1e15,
                                   -1e15,
                                   2.5,
                                   1.0 / 3.0,
                                   2.0 / 3.0,
                                   66.6667,
                                   1234.5678,
                                   std::numeric_limits<double>::max(),
                                   std::numeric_limits<double>::lowest(),
                                   std::numeric_limits<double>::denorm_min(),
                                   std::numeric_limits<double>::infinity(),
                                   -std::numeric_limits<double>::infinity(),
                                   std::numeric_limits<double>::quiet_NaN()}) {
            check(value);
        }
    }

    TEST_CASE("JSON strings: every byte that needs escaping is escaped, at any place in any length") {
        // The plain fast path reads 16 bytes at a time and its last few through a masked block: a
        // special byte in each place of texts of 0-40 bytes, against nlohmann's bytes.
        const std::string specials("\"\\\x01\x1f\x7f\x80\xc3\xff\n\t", 10);
        for (std::size_t length = 0; length <= 40; ++length) {
            const std::string plain(length, 'a');
            std::string out;
            batch::append_json_string(out, plain);
            REQUIRE(out == "\"" + plain + "\"");
            for (std::size_t at = 0; at < length; ++at) {
                for (const char special : specials) {
                    std::string text = plain;
                    text[at] = special;
                    out.clear();
                    batch::append_json_string(out, text);
                    const std::string expected = nlohmann::ordered_json(text).dump(
                        -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
                    REQUIRE_MESSAGE(out == expected, "length " << length << ", byte " << at);
                }
            }
        }
        // Bytes after the text in memory are not read as the text's.
        const std::string longer = "abc\"def";
        std::string out;
        batch::append_json_string(out, std::string_view(longer).substr(0, 3));
        CHECK(out == "\"abc\"");
    }

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
