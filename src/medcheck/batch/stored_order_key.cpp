#include <medcheck/batch/stored_order_key.hpp>

#include <medcheck/check/order_cache.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <utility>

namespace medcheck::batch {

void make_stored_order_key(std::string& key, const StoredOrder& order, const PatientStore& store) {
    static_assert(sizeof(StoredOrder) == 128,
                  "a StoredOrder field changed: update the key if build_order reads it");
    // The fields build_order copies (and nothing it does not: ids, references, where the order came
    // from), each at a fixed place. Numbers by their bits: two spellings of one value (0 and -0) only
    // miss each other in the cache.
    const auto store_address = std::bit_cast<std::uintptr_t>(&store);
    const std::array<std::uint32_t, 4> strings{order.drug, order.unit, order.route, order.frequency};
    const std::array<double, 5> numbers{order.dose, order.dose_min, order.daily_dose, order.duration_days,
                                        order.max_doses_per_day};
    const std::array<char, 4> flags{static_cast<char>(order.prn), static_cast<char>(order.continuing),
                                    static_cast<char>(order.dose_unreadable),
                                    static_cast<char>(order.frequency_unreadable)};
    constexpr std::size_t k_size = check::k_caller_key_tag.size() + sizeof store_address + sizeof strings +
                                   sizeof numbers + sizeof flags;
    key.resize(k_size);
    char* at = key.data();
    auto put = [&](const void* bytes, std::size_t size) {
        std::memcpy(at, bytes, size);
        at += size;
    };
    put(check::k_caller_key_tag.data(), check::k_caller_key_tag.size());
    put(&store_address, sizeof store_address);
    put(strings.data(), sizeof strings);
    put(numbers.data(), sizeof numbers);
    put(flags.data(), sizeof flags);
}

StoredOrderFields::StoredOrderFields(const OrderArena::Record& record, std::span<const std::uint8_t> key,
                                     const PatientStore& store) {
    static_assert(sizeof(StoredOrder) == 128,
                  "a StoredOrder field changed: update the record's key fields if build_order reads it");
    words[0] = std::bit_cast<std::uintptr_t>(&store);
    // At most (k_words - 2) words of bytes (OrderArena's longest key fields); never more.
    const std::size_t size = std::min(key.size(), (k_words - 2) * sizeof(std::uint64_t));
    words[1] = record.key_flags() | std::uint64_t{size} << 32U;
    std::memcpy(&words[2], key.data(), size);
}

namespace {

// Slots the table starts with.
constexpr int k_start_bits = 8;

} // namespace

std::size_t StoredOrderReadings::slot(const StoredOrderFields& fields, std::uint32_t place) const {
    // Each word mixed in by a multiply (Fibonacci hashing), the high half folded into the low before
    // the last, whose top bits are the slot. The store, the flags and length, and the first 16 bytes:
    // most orders' fields are shorter, and longer ones differ there too.
    constexpr std::uint64_t k_mix = 0x9E3779B97F4A7C15ULL;
    constexpr std::size_t k_hashed = 4;
    std::uint64_t hash = place;
    for (std::size_t i = 0; i < k_hashed; ++i) {
        hash = (hash ^ fields.words[i]) * k_mix;
    }
    hash = (hash ^ (hash >> 29U)) * k_mix;
    return static_cast<std::size_t>(hash >> static_cast<unsigned>(m_shift));
}

const check::OrderFacts* StoredOrderReadings::find(const StoredOrderFields& fields,
                                                   std::uint32_t place) const {
    if (m_slots.empty()) {
        return nullptr;
    }
    for (std::size_t i = slot(fields, place);; i = (i + 1) & (m_slots.size() - 1)) {
        const std::uint32_t kept = m_slots[i];
        if (kept == 0) {
            return nullptr;
        }
        if (m_places[kept - 1] == place && m_fields[kept - 1] == fields) {
            return m_facts[kept - 1].get();
        }
    }
}

const check::OrderFacts* StoredOrderReadings::keep(const StoredOrderFields& fields, std::uint32_t place,
                                                   const check::OrderFacts& facts) {
    if (m_facts.size() >= k_max_stored_readings) {
        return nullptr;
    }
    if (2 * (m_facts.size() + 1) > m_slots.size()) {
        const int bits = m_slots.empty() ? k_start_bits : 64 - m_shift + 1;
        m_slots.assign(std::size_t{1} << static_cast<unsigned>(bits), 0);
        m_shift = 64 - bits;
        for (std::size_t kept = 0; kept < m_fields.size(); ++kept) {
            m_slots[free_slot(m_fields[kept], m_places[kept])] = static_cast<std::uint32_t>(kept + 1);
        }
    }
    auto reading = std::make_unique<check::OrderFacts>(facts);
    reading->index = static_cast<int>(place); // the cache's is where it was read
    m_fields.push_back(fields);
    m_places.push_back(place);
    m_facts.push_back(std::move(reading));
    m_slots[free_slot(fields, place)] = static_cast<std::uint32_t>(m_facts.size());
    return m_facts.back().get();
}

void StoredOrderReadings::clear() {
    m_fields.clear();
    m_places.clear();
    m_facts.clear();
    std::fill(m_slots.begin(), m_slots.end(), 0);
}

std::size_t StoredOrderReadings::free_slot(const StoredOrderFields& fields, std::uint32_t place) const {
    std::size_t i = slot(fields, place);
    while (m_slots[i] != 0) {
        i = (i + 1) & (m_slots.size() - 1);
    }
    return i;
}

void StoredOrderReadings::look_up(const StoredPatient& patient, const PatientStore& store,
                                  std::vector<StoredOrder>& orders, check::OrderCache& cache) {
    m_found.clear();
    m_views.clear();
    store.records_of(patient, m_records);
    const std::size_t count = m_records.size();
    orders.resize(count);
    if (std::any_of(m_records.begin(), m_records.end(),
                    [](const OrderArena::Record& record) { return record.has_window(); })) {
        // The time axis builds and checks such a patient its own way, from every field.
        for (std::size_t i = 0; i < count; ++i) {
            m_records[i].get(orders[i]);
        }
        return;
    }
    m_found.assign(count, nullptr);
    m_views.assign(count, std::string_view());
    if (m_keys.size() < count) {
        m_keys.resize(count);
    }
    // A full table starts again before this patient's readings are found, never while: the engine
    // reads them where they are kept until the next look_up.
    if (m_facts.size() + count > k_max_stored_readings) {
        clear();
    }
    for (std::size_t i = 0; i < count; ++i) {
        const OrderArena::Record& record = m_records[i];
        StoredOrder& order = orders[i];
        if (!record.keyed()) {
            record.get(order);
            continue;
        }
        const std::span<const std::uint8_t> key = record.key_fields();
        const StoredOrderFields fields(record, key, store);
        const auto place = static_cast<std::uint32_t>(i);
        const check::OrderFacts* found = find(fields, place);
        if (found == nullptr) {
            record.get(order);
            make_stored_order_key(m_keys[i], order, store);
            // Copied here at once: the cache may clear or move its readings as the engine keeps others.
            const check::OrderFacts* cached = cache.find(std::string_view(m_keys[i]));
            found = cached == nullptr ? nullptr : keep(fields, place, *cached);
            if (found == nullptr) {
                m_views[i] = m_keys[i]; // read by the engine, and kept in the cache under this key
                continue;
            }
        } else {
            record.get_beside_key(key, order);
        }
        m_found[i] = found;
    }
}

} // namespace medcheck::batch
