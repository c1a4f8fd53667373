#pragma once

#include <medcheck/batch/stored_order.hpp>
#include <medcheck/util/huge_block.hpp>

#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <vector>

namespace medcheck::batch {

// The layout of an OrderArena record's flags word (inline in OrderArena::Record).
namespace order_record {

// Bits of a record's second word: which fields follow, and the order's flags.
enum Bit : std::uint32_t {
    k_input = 1U << 0U,
    k_record = 1U << 1U,
    k_drug = 1U << 2U,
    k_unit = 1U << 3U,
    k_route = 1U << 4U,
    k_frequency = 1U << 5U,
    k_sig = 1U << 6U,
    k_source_id = 1U << 7U,
    k_resource_id = 1U << 8U,
    k_source_is_resource = 1U << 9U, // the source id is the resource id, kept once
    k_dose = 1U << 10U,              // each number's bit, then "whole" (a varint) on the bit above
    k_dose_min = 1U << 12U,
    k_duration = 1U << 14U,
    k_max_doses = 1U << 16U,
    k_start = 1U << 18U,
    k_end = 1U << 19U,
    k_prn = 1U << 20U,
    k_continuing = 1U << 21U,
    k_dose_unreadable = 1U << 22U,
    k_frequency_unreadable = 1U << 23U,
    k_daily_dose = 1U << 24U, // and "whole" on 1 << 25
    // Bits 26 to 30: the key fields' length in bytes (k_key_bits), k_key_size_unknown when longer.
    k_forward = 1U << 31U, // replaced by a longer record: the next word is its handle
};

inline constexpr unsigned k_key_size_shift = 26;
inline constexpr std::uint32_t k_key_size_unknown = 31;

// The bits of the fields a reading follows from (make_stored_order_key's), encoded first: which are
// present, which numbers are whole, and the flags.
inline constexpr std::uint32_t k_key_bits =
    k_drug | k_unit | k_route | k_frequency | k_dose | k_dose << 1U | k_dose_min | k_dose_min << 1U |
    k_duration | k_duration << 1U | k_max_doses | k_max_doses << 1U | k_daily_dose | k_daily_dose << 1U |
    k_prn | k_continuing | k_dose_unreadable | k_frequency_unreadable;

} // namespace order_record

// The orders of one store, each encoded in a few bytes and linked to its patient's previous order: a
// batch keeps every order until the input is read (a patient's rows may be anywhere in it). Linking
// backwards means adding an order writes only its own record, not the patient's last one elsewhere.
//
// A record is 4-byte aligned in 2 MB blocks (util::HugeBlock: huge pages where the kernel gives them): the
// handle of the patient's previous order (4 bytes), a word saying which fields are present and the order's
// flags (4 bytes), then only the present fields, in a fixed order (those a reading follows from first,
// Record): pool indexes and record numbers as varints, numbers as varints when they are whole and below 2^53
// (exactly the same double) else as their 8 bytes, ids as a length and their bytes. A typical CSV order takes
// 28-32 bytes instead of 96.
class OrderArena {
  public:
    // An order's record, read in parts: a checking thread finds an order's reading by the bytes of the
    // fields it follows from (encoded first, as one run), and reads an order found no further than
    // what its findings name. Valid as long as the arena and the order are not replaced.
    class Record {
      public:
        Record() = default;
        bool has_window() const { return (bits() & (order_record::k_start | order_record::k_end)) != 0; }
        // Whether the order's reading follows from its key fields alone, so that a checking thread can
        // find it by them (StoredOrderReadings) without building the order: no sig (read again into the
        // order, with issues of its own) and no window (the time axis reads such a patient's orders
        // differently).
        bool keyed() const {
            return (bits() & (order_record::k_sig | order_record::k_start | order_record::k_end)) == 0;
        }
        // The flags word's bits of the fields a reading follows from (make_stored_order_key's): which
        // are present, which numbers are whole, the order's flags; and those fields' bytes. Equal
        // flags and bytes, equal fields: each field has one encoding.
        std::uint32_t key_flags() const { return bits() & order_record::k_key_bits; }
        std::span<const std::uint8_t> key_fields() const {
            // Their length is in the flags word (a few very long ones are read through).
            const std::uint32_t size = (bits() >> order_record::k_key_size_shift) & 0x1FU;
            return size != order_record::k_key_size_unknown
                       ? std::span<const std::uint8_t>(m_record + 8, size)
                       : read_key_fields();
        }
        // Every field into `out` (a reused order keeps nothing of what it held).
        void get(StoredOrder& out) const;
        // The fields after `key` (key_fields()): the sig, the window, where the order came from and its
        // ids. The key fields of `out` keep what they held.
        void get_beside_key(std::span<const std::uint8_t> key, StoredOrder& out) const;

      private:
        friend class OrderArena;
        explicit Record(const std::uint8_t* record) : m_record(record) {}
        std::uint32_t bits() const {
            std::uint32_t value = 0;
            std::memcpy(&value, m_record + 4, sizeof value);
            return value;
        }
        std::span<const std::uint8_t> read_key_fields() const;
        const std::uint8_t* m_record = nullptr;
    };

    OrderArena();

    // Appends an order linked to `previous` (0: the patient's first order); returns its handle.
    std::uint32_t add(const StoredOrder& order, std::uint32_t previous);
    // The order behind a handle; its ids view the arena.
    StoredOrder get(std::uint32_t handle) const;
    // The same into `out`, every field written: a reused order is filled without being made anew.
    void get(std::uint32_t handle, StoredOrder& out) const;
    // The record behind a handle.
    Record record(std::uint32_t handle) const;
    // The records of the `out.size()` orders linked back from `last` (a patient's), first to last.
    void records(std::uint32_t last, std::span<Record> out) const;
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
