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
#else
void HugeBlockRelease::operator()(std::uint8_t* block) const noexcept {
    if (block != nullptr) {
        ::munmap(block, k_huge_block_bytes);
    }
}

HugeBlock make_huge_block() {
    // Twice the size is mapped, then cut to the aligned block inside it.
    const std::size_t mapped = 2 * k_huge_block_bytes;
    void* raw = ::mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) {
        throw std::bad_alloc();
    }
    auto* bytes = static_cast<std::uint8_t*>(raw);
    const std::uintptr_t address = reinterpret_cast<std::uintptr_t>(bytes);
    const std::size_t before = (k_huge_block_bytes - address % k_huge_block_bytes) % k_huge_block_bytes;
    if (before > 0) {
        ::munmap(bytes, before);
    }
    if (const std::size_t after = mapped - before - k_huge_block_bytes; after > 0) {
        ::munmap(bytes + before + k_huge_block_bytes, after);
    }
    std::uint8_t* block = bytes + before;
    ::madvise(block, k_huge_block_bytes, MADV_HUGEPAGE); // advice: refused means ordinary pages
    return HugeBlock(block);
}
#endif

} // namespace medcheck::util
