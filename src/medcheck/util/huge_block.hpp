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

// Memory of `bytes` (rounded up to whole 2 MB blocks) aligned and offered for huge pages, as a block,
// for arrays of a few megabytes or more read at random; release_huge_pages gives it back.
void* allocate_huge_pages(std::size_t bytes);
void release_huge_pages(void* memory, std::size_t bytes) noexcept;

// A standard allocator whose allocations of k_huge_block_bytes or more are huge-page blocks (smaller
// ones are ordinary): for containers of a batch's size read at random, such as the patient id index
// (every row probes it) and the patients themselves. With 4 KB pages a 1M-row batch's patients (57 MB)
// and index (8 MB) are far beyond what the TLB covers, so nearly every probe also walks page tables.
template <typename T> struct HugePageAllocator {
    using value_type = T;
    HugePageAllocator() = default;
    template <typename U> explicit HugePageAllocator(const HugePageAllocator<U>& /*other*/) {}
    T* allocate(std::size_t count) {
        const std::size_t bytes = count * sizeof(T);
        if (bytes < k_huge_block_bytes) {
            return std::allocator<T>().allocate(count);
        }
        return static_cast<T*>(allocate_huge_pages(bytes));
    }
    void deallocate(T* memory, std::size_t count) noexcept {
        const std::size_t bytes = count * sizeof(T);
        if (bytes < k_huge_block_bytes) {
            std::allocator<T>().deallocate(memory, count);
            return;
        }
        release_huge_pages(memory, bytes);
    }
    template <typename U> bool operator==(const HugePageAllocator<U>& /*other*/) const { return true; }
};

} // namespace medcheck::util
