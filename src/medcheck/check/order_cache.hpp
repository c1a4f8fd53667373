#pragma once

#include <medcheck/check/order_facts.hpp>
#include <medcheck/model/case.hpp>
#include <medcheck/model/finding.hpp>

#include <absl/container/flat_hash_map.h>

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace medcheck::check {

// How orders were read, by everything they say: an export writes the same few hundred orders (drug,
// dose, unit, route, frequency, duration, sig) for thousands of patients, and reading one (its unit,
// schedule, stated maximum and amounts) costs more than most rules. Only clean readings are kept: an
// order whose reading produced findings (their messages name the order's place) is read every time.
// Not thread-safe: each checking thread owns one. Bounded: cleared when full.
class OrderCache {
  public:
    // The facts of an order read before that said the same (its place, reference, ids and times
    // aside), with `index` as read then and `reading` empty (for orders not described); null when
    // none was kept.
    const OrderFacts* find(const model::MedicationOrder& order);
    // Keeps `facts` as the reading of the order last given to find().
    void remember(const OrderFacts& facts);

    // The same by a key of the caller's own (a batch's stored order, starting with
    // k_caller_key_tag): equal keys must
    // mean equal orders. Such keys never equal a key of an order's fields.
    const OrderFacts* find(std::string_view caller_key);
    void remember(std::string_view caller_key, const OrderFacts& facts);

    // An order whose reading produced findings, as read at one place: its facts (`reading` empty) and
    // its findings, whose messages name that place ("medications[2].dose: ...").
    struct ReadWithFindings {
        OrderFacts facts;
        std::vector<model::Finding> findings;
    };
    // The reading with findings of an order read before at `index` that said the same: `caller_key` a
    // caller's key, or empty for the order last given to find(). Null when none was kept. Apart from
    // find(), so that a caller that copies clean readings in never takes one with findings for one.
    const ReadWithFindings* find_with_findings(std::string_view caller_key, int index);
    // Keeps the reading of the order at `index` and the findings reading it added, by the same key.
    void remember_with_findings(std::string_view caller_key, int index, const OrderFacts& facts,
                                std::span<const model::Finding> findings);

  private:
    // A key's hash by eight bytes at a time, then mixed: a batch hashes a key of some seventy bytes for
    // every order, and absl's string hash costs twice as much on them.
    struct KeyHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view key) const noexcept;
    };
    struct KeyEqual {
        using is_transparent = void;
        bool operator()(std::string_view a, std::string_view b) const noexcept { return a == b; }
    };
    const OrderFacts* look_up(std::string_view key) const;
    // Keeps `facts` under `key`; a full cache starts again.
    void keep(std::string_view key, const OrderFacts& facts);
    // The key of readings with findings: the order's key, then its index.
    bool make_indexed_key(std::string_view caller_key, int index);
    std::string m_key;
    absl::flat_hash_map<std::string, OrderFacts, KeyHash, KeyEqual> m_facts;
    std::string m_indexed_key;
    absl::flat_hash_map<std::string, ReadWithFindings, KeyHash, KeyEqual> m_with_findings;
};

// Distinct orders an OrderCache keeps as clean readings.
inline constexpr std::size_t k_max_cached_orders = 4096;
// Readings with findings an OrderCache keeps: a quarter as many, since each holds its findings too and
// they are a few percent of orders (a 1M-row batch peaked 4-5 MB higher with 4,096 per thread).
inline constexpr std::size_t k_max_cached_readings_with_findings = 1024;

// Everything an order says that its reading may depend on, as bytes: equal keys, equal readings.
void append_order_key(std::string& key, const model::MedicationOrder& order);

// The first bytes of every caller's key (OrderCache::find(std::string_view)): as the length of an
// order's drug name, which starts a key of its fields, they would say 4 GiB, which no name is.
inline constexpr std::string_view k_caller_key_tag{"\xff\xff\xff\xff", 4};

} // namespace medcheck::check
