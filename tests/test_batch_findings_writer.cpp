#include <medcheck/batch/findings_writer.hpp>

#include "support/finding_line.hpp"

#include <doctest/doctest.h>
#include <medcheck/io/result_json.hpp>
#include <medcheck/rules/rule_set.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

using namespace medcheck;

namespace {

std::string csv_field(std::string_view text) {
    std::string out;
    batch::append_csv_field(out, text);
    return out;
}

using test::expected_finding_line;

// A finding's line appended to a std::string and to a TextBuffer after earlier text: the same bytes.
std::string both_outputs(batch::FindingsFormat format, std::string_view patient, std::string_view record,
                         const batch::FindingSource& source, const model::Finding& f,
                         const batch::PlainRuleTexts* plain = nullptr) {
    std::string line = "earlier\n";
    batch::append_finding(line, format, patient, record, source, f, plain);
    batch::TextBuffer buffer;
    buffer.append("earlier\n");
    batch::append_finding(buffer, format, patient, record, source, f, plain);
    REQUIRE(buffer.view() == line);
    return line.substr(8);
}

model::Finding full_finding() {
    model::Finding f;
    f.severity = model::Severity::violation;
    f.kind = "max_daily_dose";
    f.drug = "acetaminophen";
    f.message = "Acetaminophen above 3000 mg/day (policy ceiling)";
    f.actual = 4000;
    f.limit = 3000;
    f.unit = "mg/day";
    f.source = "Design card [POLICY]";
    return f;
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

    TEST_CASE("numbers: every decimal of up to four places below 200 either way, as nlohmann writes it") {
        // The writer's own digits for these (short decimals), all of them compared with nlohmann's
        // Grisu2 text, which io::number_json's dump() writes for a non-whole double.
        std::string out;
        std::array<char, 64> reference{};
        int mismatches = 0;
        for (std::int64_t n = -1999999; n <= 1999999; ++n) {
            if (n % 10000 == 0) {
                continue; // whole: written as integers
            }
            const double value = static_cast<double>(n) / 10000.0;
            out.clear();
            batch::append_json_number(out, value);
            const char* end =
                nlohmann::detail::to_chars(reference.data(), reference.data() + reference.size(), value);
            if (out != std::string_view(reference.data(), static_cast<std::size_t>(end - reference.data()))) {
                ++mismatches;
                INFO("value " << n << " / 10000 written " << out);
                CHECK(false);
            }
        }
        CHECK(mismatches == 0);
        for (const double value : {0.0001, -0.0001, 0.5, -0.5, 7.5, 56.6667, 199.9999, -199.9999, 200.0001}) {
            out.clear();
            batch::append_json_number(out, value);
            CHECK(out == io::number_json(value).dump());
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

    TEST_CASE("json_plain: every byte value, at every place of texts of 1-40 bytes, as the byte rule says") {
        // The short texts are read as overlapping blocks of their first and last bytes; longer ones 16
        // bytes at a time, the last block overlapping.
        auto plain_byte = [](unsigned char byte) {
            return byte >= 0x20 && byte < 0x7f && byte != '"' && byte != '\\';
        };
        for (std::size_t length = 1; length <= 40; ++length) {
            for (std::size_t at = 0; at < length; ++at) {
                for (int byte = 0; byte < 256; ++byte) {
                    std::string text(length, 'a');
                    text[at] = static_cast<char>(byte);
                    REQUIRE_MESSAGE(batch::json_plain(text) == plain_byte(static_cast<unsigned char>(byte)),
                                    "length " << length << ", byte " << at << ", value " << byte);
                }
            }
        }
        CHECK(batch::json_plain(""));
    }

    TEST_CASE("JSONL: a hostile byte in any text at any place takes the escaping path, in both outputs") {
        // The plain path copies each text while it checks it; a text that needs escaping anywhere must
        // leave nothing of that copy behind. Each field in turn, texts of 0-34 bytes.
        const std::string specials("\"\\\x01\x1f\x7f\x80\xc3\xff\n", 9);
        for (std::size_t length = 0; length <= 34; ++length) {
            for (std::size_t at = 0; at <= length; ++at) {
                for (const char special : specials) {
                    std::string text(length, 'x');
                    if (at < length) {
                        text[at] = special; // at == length: the plain text itself
                    }
                    for (int field = 0; field < 7; ++field) {
                        model::Finding f = full_finding();
                        std::string patient = "P1";
                        std::string id = "RX1";
                        switch (field) {
                        case 0:
                            f.kind = text;
                            break;
                        case 1:
                            f.drug = text;
                            break;
                        case 2:
                            f.message = text;
                            break;
                        case 3:
                            f.unit = text;
                            break;
                        case 4:
                            f.source = text;
                            break;
                        case 5:
                            patient = text;
                            break;
                        default:
                            id = text;
                            break;
                        }
                        const batch::FindingSource source{id, {"RX0", id}};
                        const std::string line =
                            both_outputs(batch::FindingsFormat::jsonl, patient, "x.csv:2", source, f);
                        REQUIRE_MESSAGE(line == expected_finding_line(patient, "x.csv:2", source, f),
                                        "field " << field << ", length " << length << ", byte " << at);
                    }
                }
            }
        }
    }

    TEST_CASE("JSONL: ids the caller found plain, rule texts, small and odd numbers, in both outputs") {
        rules::RuleSet rules;
        for (int i = 0; i < 300; ++i) { // enough texts that the look-up table probes past collisions
            rules::Rule rule;
            rule.kind = "kind_" + std::to_string(i);
            rule.message = "message " + std::to_string(i) + (i % 7 == 0 ? " \"quoted\"" : "");
            rule.unit = i % 2 == 0 ? "mg" : "";
            rule.source = "source [" + std::to_string(i) + "]" + (i % 11 == 0 ? "\n" : "");
            rule.target = "target_" + std::to_string(i) + (i % 5 == 0 ? "\\" : "");
            rules.rules.push_back(rule);
            rules::Drug& drug = rules.drugs["drug_" + std::to_string(i)];
            drug.key = "drug_" + std::to_string(i) + (i % 13 == 0 ? "\"" : "");
        }
        const batch::PlainRuleTexts plain(rules);
        for (const auto& [key, drug] : rules.drugs) {
            CHECK(plain.contains(model::Text::borrow(drug.key)) == batch::json_plain(drug.key));
        }
        for (const rules::Rule& rule : rules.rules) {
            CHECK(plain.contains(model::Text::borrow(rule.target)) == batch::json_plain(rule.target));
            CHECK(plain.contains(model::Text::borrow(rule.kind)));
            CHECK(plain.contains(model::Text::borrow(rule.message)) == batch::json_plain(rule.message));
            CHECK(plain.contains(model::Text::borrow(rule.source)) == batch::json_plain(rule.source));
            CHECK_FALSE(plain.contains(model::Text(rule.kind)));
        }
        CHECK_FALSE(batch::PlainRuleTexts().contains(model::Text::borrow(rules.rules[0].kind)));
        const std::vector<double> numbers{0,
                                          -0.0,
                                          7,
                                          42,
                                          999,
                                          1000,
                                          9999,
                                          10000,
                                          -1,
                                          -40,
                                          123456,
                                          1e10,
                                          2.5,
                                          0.1,
                                          66.6667,
                                          1e11 + 0.5,
                                          std::numeric_limits<double>::quiet_NaN(),
                                          std::numeric_limits<double>::infinity()};
        std::size_t n = 0;
        for (const rules::Rule& rule : rules.rules) {
            model::Finding f;
            f.severity = static_cast<model::Severity>(n % 5);
            f.kind = model::Text::borrow(rule.kind);
            f.message = model::Text::borrow(rule.message);
            f.unit = model::Text::borrow(rule.unit);
            f.source = model::Text::borrow(rule.source);
            if (n % 3 == 1) {
                f.drug = "drug" + std::string(n % 20, 'x');
            } else if (n % 3 == 2) { // a drug name borrowed from the rules, escaped where it needs it
                f.drug = model::Text::borrow(n % 2 == 0 ? rule.target
                                                        : rules.drugs.at("drug_" + std::to_string(n)).key);
            }
            if (n % 4 != 0) {
                f.actual = numbers[n % numbers.size()];
            }
            f.limit = numbers[(n * 7) % numbers.size()];
            const batch::FindingSource source{n % 2 == 0 ? "RX1" : "", {"RX1", "RX22"}, true};
            const std::string line =
                both_outputs(batch::FindingsFormat::jsonl, "P1", "x.csv:2", source, f, &plain);
            REQUIRE_MESSAGE(line == expected_finding_line("P1", "x.csv:2", source, f), "rule " << n);
            CHECK(line == both_outputs(batch::FindingsFormat::jsonl, "P1", "x.csv:2", source, f));
            CHECK(both_outputs(batch::FindingsFormat::csv, "P1", "x.csv:2", source, f, &plain) ==
                  both_outputs(batch::FindingsFormat::csv, "P1", "x.csv:2", source, f));
            ++n;
        }
    }

    TEST_CASE("TextBuffer: appends, grows keeping its text, and moves") {
        batch::TextBuffer buffer;
        CHECK(buffer.view().empty());
        buffer.append("");
        std::string expected;
        for (int i = 0; i < 2000; ++i) {
            const std::string piece = std::to_string(i) + ",";
            buffer.append(piece);
            buffer.push_back(';');
            expected += piece + ";";
        }
        char* room = buffer.room(5000); // more than doubling: grows to what is asked
        std::copy_n("abc", 3, room);
        buffer.commit(room + 3);
        expected += "abc";
        CHECK(buffer.view() == expected);
        batch::TextBuffer moved(std::move(buffer));
        CHECK(moved.view() == expected);
        CHECK(buffer.size() == 0); // NOLINT(bugprone-use-after-move): moved-from is empty, and usable
        buffer += "again";         // NOLINT(bugprone-use-after-move): see above
        CHECK(buffer.view() == "again");
        buffer = std::move(moved);
        CHECK(buffer.view() == expected);
        const std::size_t capacity = buffer.capacity();
        buffer.clear(); // emptied for the next block, its room kept
        CHECK(buffer.view().empty());
        CHECK(buffer.capacity() == capacity);
        buffer.append("next");
        CHECK(buffer.view() == "next");
    }
}
