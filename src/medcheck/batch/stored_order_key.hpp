#pragma once

#include <medcheck/batch/patient_store.hpp>
#include <medcheck/batch/stored_order.hpp>

#include <medcheck/check/order_cache.hpp>
#include <medcheck/check/order_facts.hpp>

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace medcheck::batch {

// Replaces `key` with the order-cache key (check::OrderCache, a caller's key) of an order that is
// keyed by its stored fields (OrderArena::Record::keyed): every stored field build_case copies into its
// model::MedicationOrder, by value, with the strings as the store's indexes (so the store is part of the
// key). Equal keys, equal orders built, equal readings.
void make_stored_order_key(std::string& key, const StoredOrder& order, const PatientStore& store);

// The fields make_stored_order_key keys an order by, as its record holds them (OrderArena::Record::
// key_fields), in words compared and hashed as they are (no key text built, no general string hash, no
// field decoded): the store, the fields' flags and length, then their bytes, the last word padded with
// zeros. Equal words, equal fields: each field has one encoding.
struct StoredOrderFields {
    // The store, flags and length, and the longest fields (four pool indexes of 5 bytes, five numbers of
    // 8) in words.
    static constexpr std::size_t k_words = 10;
    std::array<std::uint64_t, k_words> words{};

    StoredOrderFields() = default;
    // `key` is record.key_fields().
    StoredOrderFields(const OrderArena::Record& record, std::span<const std::uint8_t> key,
                      const PatientStore& store);
    friend bool operator==(const StoredOrderFields& a, const StoredOrderFields& b) {
        std::uint64_t differ = 0;
        for (std::size_t i = 0; i < a.words.size(); ++i) {
            differ |= a.words[i] ^ b.words[i];
        }
        return differ == 0;
    }
};

// The most readings a StoredOrderReadings keeps: twice the order cache's bound, as an order is kept
// once for each place it is found at (a 100k-row CSV batch keeps 1,044 distinct orders as 3,669
// readings, a 1M-row one 4,205). Full, it starts again before a patient's orders are looked up.
inline constexpr std::size_t k_max_stored_readings = 2 * check::k_max_cached_orders;

// A checking thread's look-up of a patient's orders by their stored fields, before the case is built:
// an order found is neither built (build_case's `known`) nor read again, and the engine reads its
// reading where it is kept here (check::CheckOptions::orders_known and order_keys), not a copy. Reused
// from patient to patient. Readings are kept in a table of their own by their fields and place
// (StoredOrderFields and the order's index, which a reading holds and its findings name), copied once
// per place from the order cache: a batch's few hundred distinct orders at a few places each are then
// found without building their key text and hashing it in the order cache.
class StoredOrderReadings {
  public:
    // Reads the patient's orders into `orders` and finds their readings kept here or in the cache; a
    // patient with an order that has a window is left to the engine (every span empty). An order whose
    // reading is found is read only as far as its findings name it (OrderArena::Record::get_beside_key:
    // the sig, the window, where it came from, its ids); its other fields keep what they held, and
    // nothing reads them (the case leaves the order empty). The readings found stay where they are,
    // unchanged, until the next look_up: only look_up adds to the table or clears it, and it makes room
    // for all the patient's orders before it finds any (the cache's own readings, which it may clear or
    // move as it keeps others, are copied here, never handed out).
    void look_up(const StoredPatient& patient, const PatientStore& store, std::vector<StoredOrder>& orders,
                 check::OrderCache& cache);
    // By order: the reading found (null when none), and the key to keep a reading made by the engine
    // under (empty when it has none or its reading was found).
    std::span<const check::OrderFacts* const> readings() const { return m_found; }
    std::span<const std::string_view> keys() const { return m_views; }

  private:
    // The reading kept for `fields` at `place`, or null.
    const check::OrderFacts* find(const StoredOrderFields& fields, std::uint32_t place) const;
    // Keeps `facts` for `fields` at `place` (not kept yet), as the reading there; null when the table is
    // full (a patient of more orders than it keeps).
    const check::OrderFacts* keep(const StoredOrderFields& fields, std::uint32_t place,
                                  const check::OrderFacts& facts);
    void clear();
    std::size_t slot(const StoredOrderFields& fields, std::uint32_t place) const;
    std::size_t free_slot(const StoredOrderFields& fields, std::uint32_t place) const;

    std::vector<OrderArena::Record> m_records;
    std::vector<const check::OrderFacts*> m_found;
    std::vector<std::string> m_keys;
    std::vector<std::string_view> m_views;
    // The readings kept with their fields and places, side by side, found through m_slots (1 + their
    // index; 0: empty slot), an open-addressed table (linear probing, at most half full). Each reading
    // in a block of its own, so that keeping more never moves the readings handed out.
    std::vector<StoredOrderFields> m_fields;
    std::vector<std::uint32_t> m_places;
    std::vector<std::unique_ptr<const check::OrderFacts>> m_facts;
    std::vector<std::uint32_t> m_slots;
    int m_shift = 64;
};

} // namespace medcheck::batch
