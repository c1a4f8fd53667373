#include <medcheck/io/csv_reader.hpp>

#include <doctest/doctest.h>

#include <optional>
#include <sstream>
#include <string_view>
#include <vector>

using namespace medcheck;

namespace {

struct Read {
    std::uint64_t line;
    std::vector<std::string> fields;
    std::string error;
};

std::vector<Read> read_all(const std::string& text, io::CsvLimits limits = {}) {
    std::istringstream in(text);
    io::CsvReader reader(in, limits);
    io::CsvRecord record;
    std::vector<Read> out;
    while (reader.next(record)) {
        out.push_back({record.line, {record.fields.begin(), record.fields.end()}, record.error});
    }
    return out;
}

// read_all through next_unsplit, each plain line split by split_plain; `plain_lines` counts those.
std::vector<Read> read_all_unsplit(const std::string& text, io::CsvLimits limits, std::size_t& plain_lines) {
    std::istringstream in(text);
    io::CsvReader reader(in, limits);
    io::CsvRecord record;
    std::optional<std::string_view> plain;
    std::vector<std::string_view> fields;
    std::string padded;
    std::vector<Read> out;
    plain_lines = 0;
    while (reader.next_unsplit(record, plain)) {
        if (plain) {
            REQUIRE(record.fields.empty());
            CHECK(record.contiguous);
            // Commas after the line, where split_plain reads but must not split.
            padded = std::string(*plain) + std::string(16, ',');
            io::CsvReader::split_plain(std::string_view(padded).substr(0, plain->size()), fields);
            ++plain_lines;
        } else {
            fields = record.fields;
        }
        out.push_back({record.line, {fields.begin(), fields.end()}, record.error});
    }
    return out;
}

bool operator==(const Read& a, const Read& b) {
    return a.line == b.line && a.fields == b.fields && a.error == b.error;
}

} // namespace

TEST_SUITE("io::CsvReader") {
    TEST_CASE("plain records with LF and CRLF line ends") {
        const auto rows = read_all("a,b,c\r\n1,2,3\n4,,6");
        REQUIRE(rows.size() == 3);
        CHECK(rows[0].fields == std::vector<std::string>{"a", "b", "c"});
        CHECK(rows[1].fields == std::vector<std::string>{"1", "2", "3"});
        CHECK(rows[2].fields == std::vector<std::string>{"4", "", "6"});
        CHECK(rows[2].line == 3);
    }
    TEST_CASE("a UTF-8 byte order mark is not part of the first field") {
        const auto rows = read_all("\xEF\xBB\xBFpatient_id,drug\nP1,x\n");
        REQUIRE(rows.size() == 2);
        CHECK(rows[0].fields[0] == "patient_id");
    }
    TEST_CASE("quoted fields: commas, doubled quotes, newlines") {
        const auto rows = read_all("\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\"\nnext,row,here\n");
        REQUIRE(rows.size() == 2);
        CHECK(rows[0].fields == std::vector<std::string>{"a,b", "say \"hi\"", "two\r\nlines"});
        CHECK(rows[1].line == 3); // the quoted newline counts as a line
    }
    TEST_CASE("blank lines are not records") {
        const auto rows = read_all("a\n\n\r\nb\n");
        REQUIRE(rows.size() == 2);
        CHECK(rows[1].line == 4);
    }
    TEST_CASE("an empty trailing field and a quoted empty field") {
        const auto rows = read_all("a,\n\"\",b\n");
        REQUIRE(rows.size() == 2);
        CHECK(rows[0].fields == std::vector<std::string>{"a", ""});
        CHECK(rows[1].fields == std::vector<std::string>{"", "b"});
    }
    TEST_CASE("rejections resume on the next line") {
        SUBCASE("text after a closing quote") {
            const auto rows = read_all("x,y\n\"bad\"quote,1\nok,2\n");
            REQUIRE(rows.size() == 3);
            CHECK(rows[1].line == 2);
            CHECK(rows[1].error.find("bad quoting") != std::string::npos);
            CHECK(rows[1].fields.empty());
            CHECK(rows[2].fields == std::vector<std::string>{"ok", "2"});
            CHECK(rows[2].line == 3);
        }
        SUBCASE("an unterminated quote at the end of the input") {
            const auto rows = read_all("x,y\n\"open,1\nok,2\n");
            REQUIRE(rows.size() == 3);
            CHECK(rows[1].error.find("unterminated quote") != std::string::npos);
            CHECK(rows[2].fields == std::vector<std::string>{"ok", "2"});
        }
        SUBCASE("a record over the size limit") {
            io::CsvLimits limits;
            limits.max_record_bytes = 16;
            const auto rows = read_all("x\n\"" + std::string(100, 'a') + "\nok\n", limits);
            REQUIRE(rows.size() == 3);
            CHECK_FALSE(rows[1].error.empty());
            CHECK(rows[2].fields == std::vector<std::string>{"ok"});
        }
        SUBCASE("too many fields") {
            io::CsvLimits limits;
            limits.max_fields = 3;
            const auto rows = read_all("a,b,c,d,e\nok\n", limits);
            REQUIRE(rows.size() == 2);
            CHECK(rows[0].error.find("more than 3 fields") != std::string::npos);
            CHECK(rows[1].fields == std::vector<std::string>{"ok"});
        }
    }
    TEST_CASE("records across the reader's chunk boundary") {
        std::string text = "id,value\n";
        for (int i = 0; i < 40000; ++i) {
            text += "P" + std::to_string(i) + ",\"v,\"\"" + std::to_string(i) + "\"\n";
        }
        const auto rows = read_all(text);
        REQUIRE(rows.size() == 40001);
        CHECK(rows[39999].fields == std::vector<std::string>{"P39998", "v,\"39998"});
        CHECK(rows[40000].line == 40001);
    }
    TEST_CASE("unquoted fields of every length up to past two 16-byte blocks, ends at every place") {
        // Fields are scanned sixteen bytes at a time: a comma or line end at any offset in a block, in
        // the bytes after the last whole block, or at the very end of the input must end the field.
        for (std::size_t length = 0; length <= 40; ++length) {
            CAPTURE(length);
            const std::string field(length, 'f');
            const std::string other(length / 2 + 1, 'o'); // a line of its own: never blank
            std::string text =
                field + "," + other + "," + field + "\n" + other + "\r\n" + field + "," + field;
            const auto rows = read_all(text);
            REQUIRE(rows.size() == 3);
            CHECK(rows[0].fields == std::vector<std::string>{field, other, field});
            CHECK(rows[1].fields == std::vector<std::string>{other});
            CHECK(rows[2].fields == std::vector<std::string>{field, field});
            CHECK(rows[2].line == 3);
        }
    }
    TEST_CASE("records without quotes, as the reader's fast path takes them") {
        SUBCASE("across the reader's chunk boundary") {
            std::string text = "id,value\n";
            for (int i = 0; i < 40000; ++i) {
                text += "P" + std::to_string(i) + ",v" + std::to_string(i) + "\r\n";
            }
            const auto rows = read_all(text);
            REQUIRE(rows.size() == 40001);
            CHECK(rows[39999].fields == std::vector<std::string>{"P39998", "v39998"});
            CHECK(rows[40000].line == 40001);
        }
        SUBCASE("a quote inside an unquoted field is text; a carriage return inside a field is kept") {
            const auto rows = read_all("a,b\"c,d\ne\rf,g\n");
            REQUIRE(rows.size() == 2);
            CHECK(rows[0].fields == std::vector<std::string>{"a", "b\"c", "d"});
            CHECK(rows[1].fields == std::vector<std::string>{"e\rf", "g"});
        }
        SUBCASE("the field limit: at it, and one over") {
            io::CsvLimits limits;
            limits.max_fields = 3;
            const auto rows = read_all("a,b,c\na,b,c,d\nok\n", limits);
            REQUIRE(rows.size() == 3);
            CHECK(rows[0].fields == std::vector<std::string>{"a", "b", "c"});
            CHECK(rows[1].error.find("more than 3 fields") != std::string::npos);
            CHECK(rows[2].fields == std::vector<std::string>{"ok"});
        }
        SUBCASE("the size limit") {
            io::CsvLimits limits;
            limits.max_record_bytes = 16;
            const auto rows =
                read_all("x\n" + std::string(15, 'a') + "\n" + std::string(40, 'b') + "\nok\n", limits);
            REQUIRE(rows.size() == 4);
            CHECK(rows[1].fields == std::vector<std::string>{std::string(15, 'a')});
            CHECK_FALSE(rows[2].error.empty());
            CHECK(rows[3].fields == std::vector<std::string>{"ok"});
        }
    }
    TEST_CASE("quotes anywhere among plain lines, across the reader's chunk boundary") {
        // The reader looks for the buffer's next quote once, not in each line: a quoted record (at
        // its start, in its middle, at its end) must be found wherever it lies, and the plain lines
        // around it read as plain.
        for (const int every : {1, 2, 3, 7, 1000}) {
            CAPTURE(every);
            std::string text;
            std::vector<std::vector<std::string>> expected;
            for (int i = 0; i < 30000; ++i) {
                const std::string n = std::to_string(i);
                if (i % every != 0) {
                    text += "P" + n + ",v" + n + ",w\n";
                    expected.push_back({"P" + n, "v" + n, "w"});
                } else if (i % 3 == 0) {
                    text += "\"P," + n + "\",v,w\n";
                    expected.push_back({"P," + n, "v", "w"});
                } else if (i % 3 == 1) {
                    text += "P" + n + ",\"v\"\"" + n + "\",w\r\n";
                    expected.push_back({"P" + n, "v\"" + n, "w"});
                } else {
                    text += "P" + n + ",v,\"w\n" + n + "\"\n";
                    expected.push_back({"P" + n, "v", "w\n" + n});
                }
            }
            const auto rows = read_all(text);
            REQUIRE(rows.size() == expected.size());
            for (std::size_t i = 0; i < rows.size(); ++i) {
                if (rows[i].fields != expected[i]) {
                    CAPTURE(i);
                    CHECK(rows[i].fields == expected[i]);
                    break;
                }
            }
        }
    }
    TEST_CASE("a record's fields are as many as its line has, after longer and shorter lines") {
        const auto rows = read_all("a,b,c\n1\n" + std::string(40, ',') + "\nx,y\n");
        REQUIRE(rows.size() == 4);
        CHECK(rows[0].fields == std::vector<std::string>{"a", "b", "c"});
        CHECK(rows[1].fields == std::vector<std::string>{"1"});
        CHECK(rows[2].fields == std::vector<std::string>(41, ""));
        CHECK(rows[3].fields == std::vector<std::string>{"x", "y"});
    }
    TEST_CASE("list fields") {
        auto items = [](std::string_view text) {
            std::vector<std::string> out;
            io::for_each_list_item(text, [&](std::string_view item) { out.emplace_back(item); });
            return out;
        };
        CHECK(items(" heart_failure; ckd ;;") == std::vector<std::string>{"heart_failure", "ckd"});
        CHECK(items("").empty());
    }
    TEST_CASE("unsplit plain lines read as next() reads them") {
        io::CsvLimits small_fields;
        small_fields.max_fields = 20;
        io::CsvLimits few_fields;
        few_fields.max_fields = 3;
        io::CsvLimits short_records;
        short_records.max_record_bytes = 16;
        std::string long_fields;
        for (std::size_t length = 0; length <= 40; ++length) {
            long_fields += std::string(length, 'f') + "," + std::string(length / 2 + 1, 'o') + "\r\n";
        }
        std::string many = "id,value\n";
        for (int i = 0; i < 40000; ++i) {
            many += "P" + std::to_string(i) + (i % 7 == 0 ? ",\"q,\"\n" : ",v\r\n");
        }
        const std::string texts[] = {"a,b,c\r\n1,2,3\n4,,6",
                                     "\xEF\xBB\xBFpatient_id,drug\nP1,x\n",
                                     "\"a,b\",x\nnext,row\n",
                                     "a\n\n\r\nb\n,\n,\r\n\r\r\n",
                                     "a,b\"c,d\ne\rf,g\n",
                                     "x,y\n\"bad\"quote,1\nok,2\n",
                                     "a,b,c\na,b,c,d\nok\n",
                                     "x\n" + std::string(15, 'a') + "\n" + std::string(40, 'b') + "\nok\n",
                                     std::string(30, ',') + "\n" + std::string(3, ',') + "\n" +
                                         std::string(2, ','),
                                     long_fields,
                                     many};
        for (const std::string& text : texts) {
            for (const io::CsvLimits& limits : {io::CsvLimits{}, small_fields, few_fields, short_records}) {
                CAPTURE(text.substr(0, 40));
                CAPTURE(limits.max_fields);
                CAPTURE(limits.max_record_bytes);
                std::size_t plain_lines = 0;
                CHECK(read_all_unsplit(text, limits, plain_lines) == read_all(text, limits));
                if (limits.max_fields > 100 && text == many) {
                    CHECK(plain_lines > 30000);
                }
            }
        }
    }
    TEST_CASE("split_plain: commas at every place of lines past two 64-byte blocks") {
        // split_plain takes a line sixty-four bytes at a time, sixteen per load: a comma at the first or
        // last byte of a load or a block, a line ending inside or at the end of one, and commas after
        // the line's end (where it reads but must not split) must split as a byte-by-byte scan does.
        const auto naive = [](std::string_view line) {
            std::vector<std::string> out(1);
            for (const char c : line) {
                if (c == ',') {
                    out.emplace_back();
                } else {
                    out.back() += c;
                }
            }
            return out;
        };
        std::vector<std::string_view> fields;
        for (std::size_t length = 0; length <= 140; ++length) {
            for (const std::size_t every : {1, 2, 3, 15, 16, 17, 31, 32, 33, 63, 64, 65, 1000}) {
                CAPTURE(length);
                CAPTURE(every);
                std::string text(length, 'x');
                for (std::size_t at = every - 1; at < length; at += every) {
                    text[at] = ',';
                }
                const std::string padded = text + std::string(80, ',');
                io::CsvReader::split_plain(std::string_view(padded).substr(0, length), fields);
                const std::vector<std::string> got(fields.begin(), fields.end());
                CHECK(got == naive(text));
                // The same line through the reader, at the end of the input and before another one.
                if (length > 0) {
                    const auto rows = read_all(text + "\n" + text);
                    REQUIRE(rows.size() == 2);
                    CHECK(rows[0].fields == naive(text));
                    CHECK(rows[1].fields == naive(text));
                }
            }
        }
    }
    TEST_CASE("split_plain: a line has no byte up to a space, or one at any place") {
        // The least byte is taken sixteen at a time: a byte up to a space at any place (a load's first
        // or last, the line's last) is found; the bytes after the line (its line feed) are not read as
        // its own.
        std::vector<std::string_view> fields;
        for (std::size_t length = 0; length <= 140; ++length) {
            CAPTURE(length);
            std::string line(length, 'a');
            for (std::size_t at = 3; at < length; at += 5) {
                line[at] = at % 2 == 0 ? ',' : '\xC3'; // commas and UTF-8 bytes are above a space
            }
            const std::string after = "\n\t \n" + std::string(80, ' ');
            std::string padded = line + after;
            CHECK(io::CsvReader::split_plain(std::string_view(padded).substr(0, length), fields));
            for (std::size_t at = 0; at < length; ++at) {
                for (const char blank : {' ', '\t', '\r', '\x01', '\0'}) {
                    CAPTURE(at);
                    padded = line + after;
                    padded[at] = blank;
                    CHECK_FALSE(
                        io::CsvReader::split_plain(std::string_view(padded).substr(0, length), fields));
                }
            }
        }
        // next() marks a plain record by it; a quoted record is not marked.
        std::istringstream in("a,b\na, b\n\"a\",b\nx\n");
        io::CsvReader reader(in);
        io::CsvRecord record;
        for (const bool spaceless : {true, false, false, true}) {
            REQUIRE(reader.next(record));
            CHECK(record.spaceless == spaceless);
        }
    }
    TEST_CASE("a plain line's field by number") {
        CHECK(io::CsvReader::plain_field("a,bb,,c", 0) == "a");
        CHECK(io::CsvReader::plain_field("a,bb,,c", 1) == "bb");
        CHECK(io::CsvReader::plain_field("a,bb,,c", 2).empty());
        CHECK(io::CsvReader::plain_field("a,bb,,c", 3) == "c");
        CHECK(io::CsvReader::plain_field("a,bb,,c", 4).empty());
        CHECK(io::CsvReader::plain_field("", 0).empty());
        CHECK(io::CsvReader::plain_field(" P1 ,x", 0) == " P1 ");
    }
}
