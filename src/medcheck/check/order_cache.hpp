#pragma once

#include <medcheck/check/order_facts.hpp>
#include <medcheck/model/case.hpp>

#include <absl/container/flat_hash_map.h>

#include <cstddef>
#include <string>

namespace medcheck::check {

// How orders were read, by everything they say: an export writes the same few hundred orders (drug,
// dose, unit, route, frequency, duration, sig) for thousands of patients, and reading one (its unit,
// schedule, stated maximum and amounts) costs more than most rules. Only clean readings are kept: an
// order whose reading produced findings (their messages name the order's place) is read every time.
// Not thread-safe: each checking thread owns one. Bounded: cleared when full.
class OrderCache {
  public:
    // The facts of an order read before that said the same (its place, reference, ids and times
    // aside), with `index` as read then; null when none was kept.
    const OrderFacts* find(const model::MedicationOrder& order);
    // Keeps `facts` as the reading of the order last given to find().
    void remember(const OrderFacts& facts);

  private:
    std::string m_key;
    absl::flat_hash_map<std::string, OrderFacts> m_facts;
};

// Distinct orders an OrderCache keeps.
inline constexpr std::size_t k_max_cached_orders = 4096;

// Everything an order says that its reading may depend on, as bytes: equal keys, equal readings.
void append_order_key(std::string& key, const model::MedicationOrder& order);

} // namespace medcheck::check
