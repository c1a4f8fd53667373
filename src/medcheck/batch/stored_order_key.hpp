#pragma once

#include <medcheck/batch/patient_store.hpp>
#include <medcheck/batch/stored_order.hpp>

#include <medcheck/check/order_cache.hpp>
#include <medcheck/check/order_facts.hpp>

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace medcheck::batch {

// Whether an order's reading follows from its stored fields alone, so that a checking thread can find
// it in its order cache by them (append_stored_order_key) without building the order: no sig (read
// again into the order, with issues of its own) and no window (the time axis reads such a patient's
// orders differently).
bool keyed_by_stored_fields(const StoredOrder& order);

// Replaces `key` with the order-cache key (check::OrderCache, a caller's key) of an order that is
// keyed_by_stored_fields: every stored field build_case copies into its model::MedicationOrder, by
// value, with the strings as the store's indexes (so the store is part of the key). Equal keys, equal
// orders built, equal readings.
void make_stored_order_key(std::string& key, const StoredOrder& order, const PatientStore& store);

// The fields make_stored_order_key keys an order by, as nine words compared and hashed as they are
// (no key text built, no general string hash): the store, the four string indexes, the five numbers'
// bits and the four flags.
struct StoredOrderFields {
    std::array<std::uint64_t, 9> words{};

    StoredOrderFields() = default;
    StoredOrderFields(const StoredOrder& order, const PatientStore& store);
    friend bool operator==(const StoredOrderFields& a, const StoredOrderFields& b) {
        std::uint64_t differ = 0;
        for (std::size_t i = 0; i < a.words.size(); ++i) {
            differ |= a.words[i] ^ b.words[i];
        }
        return differ == 0;
    }
};

// A checking thread's look-up of a patient's orders in its order cache by their stored fields, before
// the case is built: an order found is not built (build_case's `known`) nor read again, its reading
// copied from the cache (check::CheckOptions::orders_known and order_keys). Reused from patient to
// patient. The readings it has found are kept in a table of its own by their fields (StoredOrderFields),
// looked up first: a batch's few hundred distinct orders are then found without building their key
// text and hashing it in the order cache.
class StoredOrderReadings {
  public:
    // Copies into `read` (resized to the orders) the readings the cache has; a patient with an order
    // that has a window is left to the engine (every span empty).
    void look_up(std::span<const StoredOrder> orders, const PatientStore& store, check::OrderCache& cache,
                 std::vector<check::OrderFacts>& read);
    // By order: whether its reading was found, and the key to keep a reading made by the engine under
    // (empty when it has none or its reading was found).
    std::span<const std::uint8_t> known() const { return m_known; }
    std::span<const std::string_view> keys() const { return m_views; }

  private:
    // The reading kept for `fields`, or null.
    const check::OrderFacts* find(const StoredOrderFields& fields) const;
    // Keeps `facts` for `fields` (not kept yet); a full table starts again.
    void keep(const StoredOrderFields& fields, const check::OrderFacts& facts);
    std::size_t slot(const StoredOrderFields& fields) const;
    std::size_t free_slot(const StoredOrderFields& fields) const;

    std::vector<std::uint8_t> m_known;
    std::vector<std::string> m_keys;
    std::vector<std::string_view> m_views;
    // The readings kept and their fields, side by side, found through m_slots (1 + their index; 0:
    // empty slot), an open-addressed table (linear probing, at most half full).
    std::vector<StoredOrderFields> m_fields;
    std::vector<check::OrderFacts> m_facts;
    std::vector<std::uint32_t> m_slots;
    int m_shift = 64;
};

} // namespace medcheck::batch
