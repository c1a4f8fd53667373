#include <medcheck/check/order_cache.hpp>

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace medcheck::check {

namespace {

// Writes an order's fields back to back into a buffer sized beforehand: a batch builds this key for
// every order it checks, so it is plain stores, not a string grown field by field.
class KeyWriter {
  public:
    explicit KeyWriter(char* at) : m_at(at) {}
    void put(double value) {
        std::memcpy(m_at, &value, sizeof value);
        m_at += sizeof value;
    }
    void put(const std::optional<double>& value) { // absent: its flag alone (most are), so keys stay short
        put(value.has_value());
        if (value) {
            put(*value);
        }
    }
    void put(std::string_view text) { // the length first: no two texts run together
        const auto size = static_cast<std::uint32_t>(text.size());
        std::memcpy(m_at, &size, sizeof size);
        m_at += sizeof size;
        std::memcpy(m_at, text.data(), text.size());
        m_at += text.size();
    }
    void put(bool flag) { *m_at++ = flag ? '\1' : '\0'; }
    char* end() const { return m_at; }

  private:
    char* m_at;
};

// The most bytes KeyWriter writes for the order: 9 per number, 4 per text plus its bytes (a bound: the
// texts' lengths fit 32 bits, as no input field is near 4 GB).
std::size_t key_bound(const model::MedicationOrder& order) {
    constexpr std::size_t k_numbers = 20;
    constexpr std::size_t k_texts = 8; // 7 written: drug, unit, route, frequency, max text, indication, input
    std::size_t texts = order.drug.size() + order.unit.size() + order.route.size() + order.frequency.size() +
                        order.indication.size() + order.input.size() +
                        (order.max_stated ? order.max_stated->text.size() : 0);
    for (const std::string& ambiguity : order.ambiguities) {
        texts += 4 + ambiguity.size();
    }
    return k_numbers * 9 + k_texts * 4 + texts;
}

void write_key(KeyWriter& key, const model::MedicationOrder& order) {
    // Every field but reference, source_id, start_s and end_s (where the order came from and when it
    // runs, which the checker reads across orders, never in reading one). A field added to
    // MedicationOrder must be added here, or orders differing in it would share a reading.
    static_assert(sizeof(model::MedicationOrder) == 560, "a MedicationOrder field changed: update the key");
    key.put(std::string_view(order.drug));
    key.put(order.dose);
    key.put(order.dose_min);
    key.put(order.dose_unreadable);
    key.put(std::string_view(order.unit));
    key.put(std::string_view(order.route));
    key.put(std::string_view(order.frequency));
    key.put(order.frequency_unreadable);
    key.put(order.duration_days);
    key.put(order.prn);
    key.put(order.max_doses_per_day);
    key.put(order.max_stated.has_value());
    if (order.max_stated) {
        key.put(order.max_stated->amount);
        key.put(static_cast<double>(order.max_stated->basis));
        key.put(order.max_stated->period_hours);
        key.put(std::string_view(order.max_stated->text));
    }
    key.put(std::string_view(order.indication));
    key.put(order.strength_mg);
    key.put(order.total_mg);
    key.put(order.daily_dose);
    key.put(static_cast<double>(order.phases));
    key.put(order.start_dose);
    key.put(order.start_daily);
    key.put(static_cast<double>(order.ambiguities.size()));
    for (const std::string& ambiguity : order.ambiguities) {
        key.put(std::string_view(ambiguity));
    }
    key.put(std::string_view(order.input));
    key.put(order.continuing);
}

} // namespace

void append_order_key(std::string& key, const model::MedicationOrder& order) {
    const std::size_t start = key.size();
    key.resize(start + key_bound(order));
    KeyWriter writer(key.data() + start);
    write_key(writer, order);
    key.resize(static_cast<std::size_t>(writer.end() - key.data()));
}

const OrderFacts* OrderCache::find(const model::MedicationOrder& order) {
    m_key.clear();
    append_order_key(m_key, order);
    return look_up(m_key);
}

void OrderCache::remember(const OrderFacts& facts) {
    keep(m_key, facts);
}

const OrderFacts* OrderCache::find(std::string_view caller_key) {
    if (!caller_key.starts_with(k_caller_key_tag)) {
        return nullptr; // not a caller's key: could stand for another order's fields
    }
    return look_up(caller_key);
}

void OrderCache::remember(std::string_view caller_key, const OrderFacts& facts) {
    if (caller_key.starts_with(k_caller_key_tag)) {
        keep(caller_key, facts);
    }
}

bool OrderCache::make_indexed_key(std::string_view caller_key, int index) {
    if (caller_key.empty()) {
        m_indexed_key = m_key;
    } else if (caller_key.starts_with(k_caller_key_tag)) {
        m_indexed_key = caller_key;
    } else {
        return false; // not a caller's key: could stand for another order's fields
    }
    std::array<char, sizeof index> place{};
    std::memcpy(place.data(), &index, sizeof index);
    m_indexed_key.append(place.data(), place.size());
    return true;
}

const OrderCache::ReadWithFindings* OrderCache::find_with_findings(std::string_view caller_key, int index) {
    if (!make_indexed_key(caller_key, index)) {
        return nullptr;
    }
    const auto it = m_with_findings.find(std::string_view(m_indexed_key));
    return it == m_with_findings.end() ? nullptr : &it->second;
}

void OrderCache::remember_with_findings(std::string_view caller_key, int index, const OrderFacts& facts,
                                        std::span<const model::Finding> findings) {
    if (!make_indexed_key(caller_key, index)) {
        return;
    }
    if (m_with_findings.size() >= k_max_cached_readings_with_findings) {
        m_with_findings.clear();
    }
    ReadWithFindings& kept = m_with_findings[m_indexed_key];
    kept.facts = facts;
    kept.facts.reading = {}; // as for clean readings: no rule reads it
    kept.findings.assign(findings.begin(), findings.end());
}

std::size_t OrderCache::KeyHash::operator()(std::string_view key) const noexcept {
    // Two lanes of eight bytes, each step a bijection of the lane (odd multipliers), then mixed.
    constexpr std::uint64_t k_first = 0x9E3779B97F4A7C15U;
    constexpr std::uint64_t k_second = 0xC2B2AE3D27D4EB4FU;
    const auto word = [&](std::size_t at) {
        std::uint64_t value = 0;
        std::memcpy(&value, key.data() + at, sizeof value);
        return value;
    };
    std::uint64_t first = key.size();
    std::uint64_t second = 0;
    std::size_t at = 0;
    for (; at + 16 <= key.size(); at += 16) {
        first = (first ^ word(at)) * k_first;
        second = (second ^ word(at + 8)) * k_second;
    }
    if (at + 8 <= key.size()) {
        first = (first ^ word(at)) * k_first;
        at += 8;
    }
    if (at < key.size()) {
        if (key.size() >= 8) {
            second = (second ^ word(key.size() - 8)) * k_second; // the last eight bytes, some read twice
        } else {
            std::uint64_t tail = 0;
            for (; at < key.size(); ++at) {
                tail = (tail << 8) | static_cast<unsigned char>(key[at]);
            }
            second = (second ^ tail) * k_second;
        }
    }
    // Every bit into the low seven (the table's tag) and the high ones (its slot).
    std::uint64_t hash = first ^ (second >> 29) ^ (second << 35);
    hash ^= hash >> 32;
    hash *= 0xD6E8FEB86659FD93U;
    hash ^= hash >> 32;
    return static_cast<std::size_t>(hash);
}

const OrderFacts* OrderCache::look_up(std::string_view key) const {
    const auto it = m_facts.find(key);
    return it == m_facts.end() ? nullptr : &it->second;
}

void OrderCache::keep(std::string_view key, const OrderFacts& facts) {
    if (m_facts.size() >= k_max_cached_orders) {
        m_facts.clear();
    }
    OrderFacts& kept = m_facts.insert_or_assign(std::string(key), facts).first->second;
    // Only orders not described are looked up here, and no rule reads how an order reads: kept empty,
    // it is not copied out (its unit and texts) for every order of every patient.
    kept.reading = {};
}

} // namespace medcheck::check
