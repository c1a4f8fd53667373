#pragma once

#include <medcheck/batch/patient_store.hpp>
#include <medcheck/batch/stored_order.hpp>

#include <medcheck/check/order_cache.hpp>
#include <medcheck/check/order_facts.hpp>

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

// A checking thread's look-up of a patient's orders in its order cache by their stored fields, before
// the case is built: an order found is not built (build_case's `known`) nor read again, its reading
// copied from the cache (check::CheckOptions::orders_known and order_keys). Reused from patient to
// patient.
class StoredOrderReadings {
  public:
    // Copies into `read` (resized to the orders) the readings the cache has; a patient with an order
    // that has a window is left to the engine (every span empty).
    void look_up(std::span<const StoredOrder> orders, const PatientStore& store, check::OrderCache& cache,
                 std::vector<check::OrderFacts>& read);
    // By order: whether its reading was found, and its key (empty when it has none).
    std::span<const std::uint8_t> known() const { return m_known; }
    std::span<const std::string_view> keys() const { return m_views; }

  private:
    std::vector<std::uint8_t> m_known;
    std::vector<std::string> m_keys;
    std::vector<std::string_view> m_views;
};

} // namespace medcheck::batch
