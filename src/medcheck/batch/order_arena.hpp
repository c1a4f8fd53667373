#pragma once

#include <medcheck/batch/stored_order.hpp>
#include <medcheck/util/huge_block.hpp>

#include <cstdint>
#include <memory>
#include <vector>

namespace medcheck::batch {

// The orders of one store, each encoded in a few bytes and linked to its patient's previous order: a
// batch keeps every order until the input is read (a patient's rows may be anywhere in it). Linking
// backwards means adding an order writes only its own record, not the patient's last one elsewhere.
//
// A record is 4-byte aligned in 2 MB blocks (util::HugeBlock: huge pages where the kernel gives them): the
// handle of the patient's previous order (4 bytes), a word saying which fields are present and the order's
// flags (4 bytes), then only the present fields, in a fixed order: pool indexes and record numbers as
// varints, numbers as varints when they are whole and below 2^53 (exactly the same double) else as their 8
// bytes, ids as a length and their bytes. A typical CSV order takes 28-32 bytes instead of 96.
class OrderArena {
  public:
    OrderArena();

    // Appends an order linked to `previous` (0: the patient's first order); returns its handle.
    std::uint32_t add(const StoredOrder& order, std::uint32_t previous);
    // The order behind a handle; its ids view the arena.
    StoredOrder get(std::uint32_t handle) const;
    // The same into `out`, every field written: a reused order is filled without being made anew.
    void get(std::uint32_t handle, StoredOrder& out) const;
    // The handle of the order added before this one, 0 for none.
    std::uint32_t previous(std::uint32_t handle) const;
    // Starts loading an order's record into the cache (a hint; 0 is ignored).
    void prefetch(std::uint32_t handle) const {
        if (handle != 0) {
            __builtin_prefetch(at(handle));
        }
    }
    // Replaces the order in place (an export layout's join); when the new encoding is longer, the
    // record points to a copy elsewhere and keeps its place in the patient's list.
    void replace(std::uint32_t handle, const StoredOrder& order);

  private:
    static constexpr auto k_block_bytes = static_cast<std::uint32_t>(util::k_huge_block_bytes);

    std::uint32_t allocate(std::size_t bytes);
    std::uint8_t* at(std::uint32_t handle);
    const std::uint8_t* at(std::uint32_t handle) const;
    std::uint32_t content(std::uint32_t handle) const; // follows a replaced record's forward

    std::vector<util::HugeBlock> m_blocks;
    std::uint32_t m_used = k_block_bytes; // bytes used in the last block
};

} // namespace medcheck::batch
