#include <medcheck/util/words.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace medcheck::util;

TEST_SUITE("util::words") {
    TEST_CASE("same_words: equal texts of every size up to past three words, and a byte changed anywhere") {
        // Compared in words, the last overlapping the one before: a difference in any byte, and in
        // the size alone, must tell the texts apart.
        for (std::size_t size = 0; size <= 40; ++size) {
            CAPTURE(size);
            std::string a;
            for (std::size_t i = 0; i < size; ++i) {
                a += static_cast<char>('a' + i % 26);
            }
            const std::string b = a; // another copy: compared by bytes, not by address
            CHECK(same_words(a, b));
            CHECK_FALSE(same_words(a, a + "x"));
            CHECK_FALSE(same_words(a + "x", a));
            for (std::size_t at = 0; at < size; ++at) {
                std::string changed = a;
                changed[at] = static_cast<char>(changed[at] ^ 0x20);
                CAPTURE(at);
                CHECK_FALSE(same_words(a, changed));
            }
        }
    }
}
