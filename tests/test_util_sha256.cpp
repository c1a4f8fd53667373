#include <medcheck/util/sha256.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using namespace medcheck;

namespace {

std::string digest_of(const std::string& text) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data()); // NOLINT
    return util::sha256_hex({bytes, text.size()});
}

} // namespace

TEST_SUITE("util::sha256") {
    TEST_CASE("known digests") {
        CHECK(digest_of("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        CHECK(digest_of("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    TEST_CASE("the threaded digest equals the one-piece digest, whatever the chunks and their reuse") {
        std::string text;
        for (int i = 0; i < 200000; ++i) {
            text += static_cast<char>('a' + i % 26);
            if (i % 97 == 0) {
                text += "\n";
            }
        }
        util::AsyncSha256 threaded;
        std::size_t at = 0;
        std::size_t size = 1;
        while (at < text.size()) {
            // Growing and shrinking chunks: a reused buffer must not keep a longer chunk's tail.
            const std::size_t take = std::min(size, text.size() - at);
            threaded.update(std::string_view(text).substr(at, take));
            at += take;
            size = size > 40000 ? 3 : size * 7;
        }
        CHECK(threaded.hex() == digest_of(text));

        util::Sha256Stream stream;
        stream.update(text.data(), text.size());
        CHECK(stream.hex() == digest_of(text));
    }
}
