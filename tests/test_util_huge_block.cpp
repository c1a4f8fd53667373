#include <medcheck/util/huge_block.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

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

    TEST_CASE(
        "HugePageAllocator: 2 MB or more in whole aligned blocks, less as ordinary memory; a vector grows "
        "through both and keeps its elements") {
        util::HugePageAllocator<std::uint64_t> allocator;
        const std::size_t large = util::k_huge_block_bytes / sizeof(std::uint64_t) + 3; // just over a block
        std::uint64_t* memory = allocator.allocate(large);
        CHECK(reinterpret_cast<std::uintptr_t>(memory) % util::k_huge_block_bytes == 0);
        std::fill(memory, memory + large, std::uint64_t{7}); // the part past the first block is there too
        CHECK(memory[large - 1] == 7);
        allocator.deallocate(memory, large);
        std::uint64_t* small = allocator.allocate(16);
        small[15] = 1;
        allocator.deallocate(small, 16);

        std::vector<std::uint32_t, util::HugePageAllocator<std::uint32_t>> values;
        for (std::uint32_t i = 0; i < 3 * util::k_huge_block_bytes / sizeof(std::uint32_t); ++i) {
            values.push_back(i);
        }
        std::vector<std::uint32_t> expected(values.size());
        std::iota(expected.begin(), expected.end(), 0U);
        CHECK(std::equal(values.begin(), values.end(), expected.begin(), expected.end()));
    }
}
