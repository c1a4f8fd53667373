#include <medcheck/util/huge_block.hpp>

#include <sys/mman.h>

#include <new>

namespace medcheck::util {

// AddressSanitizer, as GCC and Clang announce it.
#if defined(__SANITIZE_ADDRESS__)
#define MEDCHECK_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MEDCHECK_ADDRESS_SANITIZER 1
#endif
#endif

#if defined(MEDCHECK_ADDRESS_SANITIZER)
// Under AddressSanitizer a block is an ordinary allocation, so that reads and writes past its end
// are still caught (a mapping has no guard around it) and the leak checker sees the pointers kept
// in it (it does not scan mappings).
void HugeBlockRelease::operator()(std::uint8_t* block) const noexcept {
    delete[] block;
}

HugeBlock make_huge_block() {
    return HugeBlock(new std::uint8_t[k_huge_block_bytes]());
}

// Aligned as the blocks are, so that code relying on the alignment is tested as it runs.
void* allocate_huge_pages(std::size_t bytes) {
    return ::operator new (bytes, std::align_val_t{k_huge_block_bytes});
}

void release_huge_pages(void* memory, std::size_t /*bytes*/) noexcept {
    ::operator delete (memory, std::align_val_t{k_huge_block_bytes});
}
#else
namespace {

std::size_t whole_blocks(std::size_t bytes) {
    return (bytes + k_huge_block_bytes - 1) / k_huge_block_bytes * k_huge_block_bytes;
}

} // namespace

void HugeBlockRelease::operator()(std::uint8_t* block) const noexcept {
    if (block != nullptr) {
        ::munmap(block, k_huge_block_bytes);
    }
}

void* allocate_huge_pages(std::size_t bytes) {
    const std::size_t size = whole_blocks(bytes);
    // One block more is mapped, then cut to the aligned run of blocks inside it.
    const std::size_t mapped = size + k_huge_block_bytes;
    void* raw = ::mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) {
        throw std::bad_alloc();
    }
    auto* start = static_cast<std::uint8_t*>(raw);
    const std::uintptr_t address = reinterpret_cast<std::uintptr_t>(start);
    const std::size_t before = (k_huge_block_bytes - address % k_huge_block_bytes) % k_huge_block_bytes;
    if (before > 0) {
        ::munmap(start, before);
    }
    if (const std::size_t after = mapped - before - size; after > 0) {
        ::munmap(start + before + size, after);
    }
    std::uint8_t* memory = start + before;
    ::madvise(memory, size, MADV_HUGEPAGE); // advice: refused means ordinary pages
    return memory;
}

void release_huge_pages(void* memory, std::size_t bytes) noexcept {
    if (memory != nullptr) {
        ::munmap(memory, whole_blocks(bytes));
    }
}

HugeBlock make_huge_block() {
    return HugeBlock(static_cast<std::uint8_t*>(allocate_huge_pages(k_huge_block_bytes)));
}
#endif

} // namespace medcheck::util
