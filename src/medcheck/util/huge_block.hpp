#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

namespace medcheck::util {

// Memory for large arrays that live as long as a batch and are read at random (its orders): blocks of
// 2 MB aligned to 2 MB and offered to the kernel for transparent huge pages, so that a random read
// needs no page walk per 4 KB page (a 1M-row batch reads ~30 MB of orders in no useful order). Where
// the kernel gives no huge pages (THP off, no memory to spare), the block has ordinary pages.
inline constexpr std::size_t k_huge_block_bytes = std::size_t{2} << 20U;

struct HugeBlockRelease {
    void operator()(std::uint8_t* block) const noexcept;
};
using HugeBlock = std::unique_ptr<std::uint8_t[], HugeBlockRelease>;

// A new block of k_huge_block_bytes (zero-filled pages, as the kernel gives them); throws
// std::bad_alloc when there is no memory.
HugeBlock make_huge_block();

} // namespace medcheck::util
