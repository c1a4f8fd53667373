#include <medcheck/util/allocator.hpp>

#include <doctest/doctest.h>

#include <memory>
#include <vector>

using namespace medcheck;

TEST_SUITE("util::allocator") {
    // The test binary is not linked with mimalloc (only the medcheck program is; e2e.cli.
    // version_names_allocator checks that one): the weak references stay null and nothing is called.
    TEST_CASE("without mimalloc linked: the system allocator, and returning freed memory does nothing") {
        CHECK(util::allocator_name() == "system");
        std::vector<std::unique_ptr<char[]>> blocks;
        for (int i = 0; i < 64; ++i) {
            blocks.push_back(std::make_unique<char[]>(std::size_t{1} << 16U));
            blocks.back()[0] = static_cast<char>(i);
        }
        blocks.resize(8);
        util::return_freed_memory();
        util::return_freed_memory();
        CHECK(blocks[7][0] == 7); // what is still held is untouched
    }
}
