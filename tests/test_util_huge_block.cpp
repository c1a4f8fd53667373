#include <medcheck/util/huge_block.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>

using namespace medcheck;

TEST_SUITE("util::HugeBlock") {
    TEST_CASE("a block is k_huge_block_bytes, zero-filled and writable end to end; blocks are apart") {
        const util::HugeBlock a = util::make_huge_block();
        const util::HugeBlock b = util::make_huge_block();
        REQUIRE(a != nullptr);
        REQUIRE(b != nullptr);
        CHECK(std::all_of(a.get(), a.get() + util::k_huge_block_bytes,
                          [](std::uint8_t byte) { return byte == 0; }));
        std::fill(a.get(), a.get() + util::k_huge_block_bytes, std::uint8_t{0xA5});
        std::fill(b.get(), b.get() + util::k_huge_block_bytes, std::uint8_t{0x5A});
        CHECK(a[0] == 0xA5);
        CHECK(a[util::k_huge_block_bytes - 1] == 0xA5); // writing b left a as it was
        CHECK(b[util::k_huge_block_bytes - 1] == 0x5A);
        const auto a_begin = reinterpret_cast<std::uintptr_t>(a.get());
        const auto b_begin = reinterpret_cast<std::uintptr_t>(b.get());
        CHECK(
            (a_begin + util::k_huge_block_bytes <= b_begin || b_begin + util::k_huge_block_bytes <= a_begin));
    }
}
