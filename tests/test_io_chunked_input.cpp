#include <medcheck/io/chunked_input.hpp>

#include <doctest/doctest.h>

#include <sstream>
#include <string>

using medcheck::io::ChunkedInput;

namespace {

// Reads the whole input through fill(), returning the bytes between pos and end as they come.
std::string drain_chunked(ChunkedInput& input) {
    std::string seen;
    while (input.fill()) {
        seen.append(input.data() + input.pos, input.end - input.pos);
        input.pos = input.end;
    }
    return seen;
}

} // namespace

TEST_CASE("ChunkedInput: every byte once, a byte order mark skipped, the observer sees the raw bytes") {
    std::string text = "\xEF\xBB\xBF";
    for (int i = 0; i < 50000; ++i) {
        text += "line " + std::to_string(i) + "\n";
    }
    std::istringstream in(text);
    std::string observed;
    ChunkedInput input(in, [&](std::string_view chunk) { observed.append(chunk); });
    CHECK(drain_chunked(input) == text.substr(3));
    CHECK(observed == text);
    CHECK(input.bytes_read == text.size());
    CHECK(input.eof);
    CHECK_FALSE(input.fill());
}

TEST_CASE("ChunkedInput: the unread tail moves to the front and padding follows the data") {
    const std::string text(200000, 'x');
    std::istringstream in(text);
    ChunkedInput input(in, {}, 64);
    REQUIRE(input.fill());
    CHECK(input.end == medcheck::io::k_first_chunk_bytes);
    input.pos = input.end - 10; // ten bytes left unread
    REQUIRE(input.fill());
    CHECK(input.pos == 0);
    CHECK(input.end == 10 + 2 * medcheck::io::k_first_chunk_bytes);
    CHECK(input.buffer.size() >= input.end + 64);
}

TEST_CASE("ChunkedInput: short inputs") {
    for (const std::string text : {"", "a", "ab", "\xEF\xBB\xBF", "\xEF\xBB"}) {
        CAPTURE(text);
        std::istringstream in(text);
        ChunkedInput input(in, {});
        const std::string seen = drain_chunked(input);
        CHECK(seen == (text == "\xEF\xBB\xBF" ? std::string() : text));
    }
}
