#include <medcheck/util/text.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

using namespace medcheck::util;

TEST_SUITE("util::text") {
    TEST_CASE("ASCII whitespace is exactly space, tab, LF, VT, FF and CR; trim removes only it") {
        for (int byte = 0; byte < 256; ++byte) {
            CAPTURE(byte);
            const bool space =
                byte == ' ' || byte == '\t' || byte == '\n' || byte == '\v' || byte == '\f' || byte == '\r';
            CHECK(is_ascii_space(static_cast<char>(byte)) == space);
            const std::string text =
                std::string(1, static_cast<char>(byte)) + "x" + std::string(1, static_cast<char>(byte));
            CHECK(trim(text) == (space ? std::string_view("x") : std::string_view(text)));
        }
        CHECK(trim("") == "");
        CHECK(trim(" \t\r\n\v\f ") == "");
        CHECK(trim("  a b  ") == "a b");
        CHECK(trim("\xC2\xA0"
                   "a"
                   "\xC2\xA0") == "\xC2\xA0"
                                  "a"
                                  "\xC2\xA0"); // no-break space is not ASCII whitespace
        CHECK(trim(std::string_view("\0a\0", 3)) == std::string_view("\0a\0", 3));
    }

    TEST_CASE("normalize_name folds case, spaces and underscores") {
        CHECK(normalize_name("  Naproxen_Sodium ") == "naproxen sodium");
        CHECK(normalize_name("HYDROcodone\tBitartrate") == "hydrocodone bitartrate");
        CHECK(normalize_name("") == "");
    }

    TEST_CASE("parse_number accepts plain decimals only") {
        CHECK(parse_number("12") == 12.0);
        CHECK(parse_number(" 0.5 ") == 0.5);
        CHECK(parse_number("-3") == -3.0);
        CHECK(parse_number("1e3") == 1000.0);
        SUBCASE("rejects hex") {
            CHECK_FALSE(parse_number("0x10"));
        }
        SUBCASE("rejects nan and inf") {
            CHECK_FALSE(parse_number("nan"));
            CHECK_FALSE(parse_number("inf"));
        }
        SUBCASE("rejects overflow") {
            CHECK_FALSE(parse_number("1e309"));
        }
        SUBCASE("rejects trailing text") {
            CHECK_FALSE(parse_number("500mg"));
        }
        SUBCASE("rejects empty") {
            CHECK_FALSE(parse_number("  "));
        }
    }

    TEST_CASE("a dot between one to three digits and exactly three is dot-grouped: 1 or 1000") {
        for (const char* grouped : {"1.000", "2.500", "12.125", "999.999", "500.000"}) {
            INFO(grouped);
            CHECK(dot_grouped_number(grouped));
        }
        for (const char* plain : {"0.500", "0.125", "1.5", "1.25", "1.0000", "1000.000", "1000", "1.", ".500",
                                  "1.00a", "a.000", "1,000", ""}) {
            INFO(plain);
            CHECK_FALSE(dot_grouped_number(plain));
        }
    }

    TEST_CASE("parse_number's inline reading of short texts gives what the general reading gives") {
        // Every text of up to six characters from digits, a point and a few others.
        const std::string alphabet = "0159.-e ";
        std::string text;
        int compared = 0;
        const auto visit = [&](const auto& self, std::size_t length) -> void {
            if (text.size() == length) {
                const auto inline_read = parse_number(text);
                const auto general_read = parse_number_text(text);
                if (inline_read.has_value() != general_read.has_value() ||
                    (inline_read && *inline_read != *general_read)) {
                    FAIL("'" << text << "' read differently");
                }
                ++compared;
                return;
            }
            for (const char c : alphabet) {
                text.push_back(c);
                self(self, length);
                text.pop_back();
            }
        };
        for (std::size_t length = 0; length <= 6; ++length) {
            visit(visit, length);
        }
        CHECK(compared > 299000);
        CHECK(parse_number("123.45") == 123.45);
        CHECK(parse_number("0.1") == 0.1);
    }
    TEST_CASE("format_number is deterministic and integer-friendly") {
        CHECK(format_number(3000) == "3000");
        CHECK(format_number(550.0 * 200.0 / 220.0) == "500");
        CHECK(format_number(909.090909) == "909.0909");
        CHECK(format_number(0.25) == "0.25");
        CHECK(format_number(-0.0) == "0");
    }

    TEST_CASE("exceeds ignores floating-point noise but not real excess") {
        CHECK_FALSE(exceeds(500.00000000000006, 500));
        CHECK_FALSE(exceeds(500, 500));
        CHECK(exceeds(500.01, 500));
        CHECK(exceeds(3001, 3000));
    }

    TEST_CASE("utf8_bom_length finds only a whole mark at the start") {
        CHECK(utf8_bom_length("\xEF\xBB\xBFpatient_id") == 3);
        CHECK(utf8_bom_length("\xEF\xBB\xBF") == 3);
        CHECK(utf8_bom_length("\xEF\xBB") == 0);
        CHECK(utf8_bom_length("patient_id\xEF\xBB\xBF") == 0);
        CHECK(utf8_bom_length("") == 0);
    }

    TEST_CASE("edit_distance is capped") {
        CHECK(edit_distance("cyclobenzaprin", "cyclobenzaprine", 2) == 1);
        CHECK(edit_distance("ibuprofen", "ibuprofen", 2) == 0);
        CHECK(edit_distance("aspirin", "oxycodone", 2) == 3);
    }

    TEST_CASE("split keeps empty fields, split_words drops them") {
        CHECK(split("a;;b", ';') == std::vector<std::string>{"a", "", "b"});
        CHECK(split_words("  a  b\tc ") == std::vector<std::string>{"a", "b", "c"});
    }

    TEST_CASE("equals_ignore_case compares with ASCII case folded, as to_lower would") {
        CHECK(equals_ignore_case("NONE", "none"));
        CHECK(equals_ignore_case("None", "none"));
        CHECK(equals_ignore_case("none", "none"));
        CHECK_FALSE(equals_ignore_case("non", "none"));
        CHECK_FALSE(equals_ignore_case("nones", "none"));
        CHECK_FALSE(equals_ignore_case("n0ne", "none"));
        CHECK(equals_ignore_case("", ""));
    }

    TEST_CASE("append_number writes what format_number writes, the usual values without a string made") {
        std::vector<double> values = {0,
                                      -0.0,
                                      1,
                                      1.5,
                                      0.2,
                                      2.4,
                                      28.8,
                                      0.0001,
                                      0.00005,
                                      0.000049,
                                      0.00015,
                                      1.23456,
                                      9.99995,
                                      99999.99995,
                                      1e10,
                                      1e11,
                                      1e11 - 1,
                                      99999999999.9999,
                                      123456789.0123,
                                      1e15,
                                      1e16,
                                      -1,
                                      -2.5,
                                      0.1 + 0.2,
                                      2.675,
                                      1.0 / 3};
        values.push_back(std::numeric_limits<double>::quiet_NaN());
        values.push_back(std::numeric_limits<double>::infinity());
        values.push_back(std::nextafter(1e11, 0.0));
        std::mt19937_64 random(12);
        std::uniform_real_distribution<double> exponent(-6, 12);
        std::uniform_int_distribution<int> hundredths(0, 100000000);
        for (int i = 0; i < 20000; ++i) {
            values.push_back(std::pow(10.0, exponent(random)));
            values.push_back(hundredths(random) / 100.0);
            values.push_back(hundredths(random) * 0.2);
        }
        for (const double value : values) {
            std::string out = "x ";
            append_number(out, value);
            INFO(value);
            CHECK(out == "x " + format_number(value));
        }
    }

    TEST_CASE("put_decimal writes what std::to_string writes, at every count of digits") {
        std::vector<std::uint64_t> values = {0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10000};
        for (std::uint64_t power = 10; power <= 10000000000000000000U; power *= 10) {
            values.push_back(power - 1);
            values.push_back(power);
            values.push_back(power + 7);
            if (power > std::numeric_limits<std::uint64_t>::max() / 10) {
                break;
            }
        }
        values.push_back(std::numeric_limits<std::uint64_t>::max());
        for (const std::uint64_t value : values) {
            std::array<char, 24> text{};
            char* const end = put_decimal(text.data(), value);
            INFO(value);
            CHECK(std::string(text.data(), end) == std::to_string(value));
            CHECK(decimal_digits(value) == std::to_string(value).size());
        }
    }
}
