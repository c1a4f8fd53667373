#include <medcheck/batch/stored_order_key.hpp>

#include <medcheck/check/order_cache.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

namespace medcheck::batch {

bool keyed_by_stored_fields(const StoredOrder& order) {
    return order.sig == 0 && order.start_s == k_no_time && order.end_s == k_no_time;
}

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

void StoredOrderReadings::look_up(std::span<const StoredOrder> orders, const PatientStore& store,
                                  check::OrderCache& cache, std::vector<check::OrderFacts>& read) {
    m_known.clear();
    m_views.clear();
    const bool windows = std::any_of(orders.begin(), orders.end(), [](const StoredOrder& order) {
        return order.start_s != k_no_time || order.end_s != k_no_time;
    });
    if (windows) {
        return; // the time axis builds and checks such a patient its own way
    }
    const std::size_t count = orders.size();
    m_known.assign(count, 0);
    m_views.assign(count, std::string_view());
    if (m_keys.size() < count) {
        m_keys.resize(count);
    }
    read.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        if (!keyed_by_stored_fields(orders[i])) {
            continue;
        }
        make_stored_order_key(m_keys[i], orders[i], store);
        m_views[i] = m_keys[i];
        if (const check::OrderFacts* found = cache.find(m_views[i]); found != nullptr) {
            read[i] = *found;
            m_known[i] = 1;
        }
    }
}

} // namespace medcheck::batch
