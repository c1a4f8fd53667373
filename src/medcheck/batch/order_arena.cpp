#include <medcheck/batch/order_arena.hpp>

#include <medcheck/util/error.hpp>
#include <medcheck/util/words.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <initializer_list>

namespace medcheck::batch {

namespace {

using namespace order_record;

// The longest id kept in a record (readers cut theirs shorter; this bounds a record).
constexpr std::size_t k_max_text = 1024;
// The fewest bytes of a record: room for a forward.
constexpr std::size_t k_min_record = 12;
// A record's bytes: header, 7 varints, 2 ids, 5 numbers and 2 times (10 bytes at most each).
constexpr std::size_t k_max_varint = 10;
constexpr std::size_t k_max_record =
    8 + std::size_t{7} * k_max_varint + 2 * (2 + k_max_text) + std::size_t{7} * k_max_varint;

// Writes a varint at `at`; returns the byte after it. Most are one byte (pool indexes, small numbers).
std::uint8_t* put_varint(std::uint8_t* at, std::uint64_t value) {
    while (value >= 0x80U) {
        *at++ = static_cast<std::uint8_t>(value | 0x80U);
        value >>= 7U;
    }
    *at++ = static_cast<std::uint8_t>(value);
    return at;
}

// A record made aside (the first of a block, a replacement): its bytes and their count.
class Writer {
  public:
    std::uint8_t* data() { return m_bytes.data(); }
    std::size_t size() const { return m_size; }
    void set_end(const std::uint8_t* end) { m_size = static_cast<std::size_t>(end - m_bytes.data()); }

  private:
    std::array<std::uint8_t, k_max_record> m_bytes; // written before read: not zeroed per order
    std::size_t m_size = 0;
};

class Reader {
  public:
    explicit Reader(const std::uint8_t* at) : m_at(at) {}
    std::uint64_t varint() {
        // Most varints are one byte (pool indexes, small numbers): that one returns at once.
        const std::uint8_t first = *m_at++;
        if ((first & 0x80U) == 0) {
            return first;
        }
        std::uint64_t value = first & 0x7FU;
        for (unsigned shift = 7;; shift += 7) {
            const std::uint8_t byte = *m_at++;
            value |= static_cast<std::uint64_t>(byte & 0x7FU) << shift;
            if ((byte & 0x80U) == 0) {
                return value;
            }
        }
    }
    std::uint32_t index() { return static_cast<std::uint32_t>(varint()); }
    double number(bool whole) {
        if (whole) {
            return static_cast<double>(varint());
        }
        double value = 0;
        std::memcpy(&value, m_at, sizeof value);
        m_at += sizeof value;
        return value;
    }
    std::string_view text() {
        const auto size = static_cast<std::size_t>(varint());
        const std::string_view value(reinterpret_cast<const char*>(m_at), size);
        m_at += size;
        return value;
    }
    void skip_varint() {
        while ((*m_at++ & 0x80U) != 0) {
        }
    }
    void skip_number(bool whole) {
        if (whole) {
            skip_varint();
        } else {
            m_at += sizeof(double);
        }
    }
    const std::uint8_t* at() const { return m_at; }

  private:
    const std::uint8_t* m_at;
};

// A number that a varint holds exactly: whole, not negative, below 2^53 (and not -0). Tested by a
// conversion there and back, not std::floor (a call, for every number of every order).
bool is_whole(double value) {
    return value >= 0 && value < 9007199254740992.0 &&
           static_cast<double>(static_cast<std::uint64_t>(value)) == value && !std::signbit(value);
}

std::uint64_t zigzag(std::int64_t value) {
    return (static_cast<std::uint64_t>(value) << 1U) ^ static_cast<std::uint64_t>(value >> 63);
}

std::int64_t unzigzag(std::uint64_t value) {
    return static_cast<std::int64_t>(value >> 1U) ^ -static_cast<std::int64_t>(value & 1U);
}

// The number's bit (and "whole" on the bit above) and its bytes at `at`; returns the byte after them.
std::uint8_t* put_number(std::uint8_t* at, std::uint32_t& bits, std::uint32_t bit, double value) {
    if (std::isnan(value)) {
        return at;
    }
    bits |= bit;
    if (is_whole(value)) {
        bits |= bit << 1U;
        return put_varint(at, static_cast<std::uint64_t>(value));
    }
    std::memcpy(at, &value, sizeof value);
    return at + sizeof value;
}

std::uint8_t* put_index(std::uint8_t* at, std::uint32_t& bits, std::uint32_t bit, std::uint64_t value) {
    if (value == 0) {
        return at;
    }
    bits |= bit;
    return put_varint(at, value);
}

// An id: its length and bytes (most ids are short: copied in words, not by a call to memcpy).
std::uint8_t* put_text(std::uint8_t* at, std::string_view value) {
    value = value.substr(0, k_max_text);
    at = put_varint(at, value.size());
    util::copy_words(reinterpret_cast<char*>(at), value);
    return at + value.size();
}

// Encodes every field but the next handle at `record` (room for k_max_record bytes), the flags word
// at 4 and the fields from 8; returns the record's end. Written through local pointers, every call
// inlined: a byte store through a member would make the compiler read the member again after it. The
// fields a reading follows from come first (k_key_bits, OrderArena::Record::key_fields), so that their
// bytes are one run.
std::uint8_t* encode(const StoredOrder& order, std::uint8_t* record) {
    std::uint32_t bits = 0;
    std::uint8_t* at = record + 8;
    at = put_index(at, bits, k_drug, order.drug);
    at = put_index(at, bits, k_unit, order.unit);
    at = put_index(at, bits, k_route, order.route);
    at = put_index(at, bits, k_frequency, order.frequency);
    at = put_number(at, bits, k_dose, order.dose);
    at = put_number(at, bits, k_dose_min, order.dose_min);
    at = put_number(at, bits, k_duration, order.duration_days);
    at = put_number(at, bits, k_max_doses, order.max_doses_per_day);
    at = put_number(at, bits, k_daily_dose, order.daily_dose);
    const auto key_size = static_cast<std::uint32_t>(at - (record + 8));
    bits |= std::min(key_size, k_key_size_unknown) << k_key_size_shift;
    at = put_index(at, bits, k_sig, order.sig);
    if (order.start_s != k_no_time) {
        bits |= k_start;
        at = put_varint(at, zigzag(order.start_s));
    }
    if (order.end_s != k_no_time) {
        bits |= k_end;
        at = put_varint(at, zigzag(order.end_s));
    }
    at = put_index(at, bits, k_input, order.location.input);
    at = put_index(at, bits, k_record, order.location.record);
    if (!order.resource_id.empty()) {
        bits |= k_resource_id;
        at = put_text(at, order.resource_id);
    }
    if (!order.source_id.empty()) {
        if (order.source_id == order.resource_id) {
            bits |= k_source_is_resource;
        } else {
            bits |= k_source_id;
            at = put_text(at, order.source_id);
        }
    }
    bits |= (order.prn ? k_prn : 0U) | (order.continuing ? k_continuing : 0U) |
            (order.dose_unreadable ? k_dose_unreadable : 0U) |
            (order.frequency_unreadable ? k_frequency_unreadable : 0U);
    std::memcpy(record + 4, &bits, sizeof bits);
    return at;
}

double get_number(Reader& in, std::uint32_t bits, std::uint32_t bit) {
    return (bits & bit) != 0 ? in.number((bits & (bit << 1U)) != 0) : k_absent;
}

// Past the key fields of a record whose flags word is `bits` (`in` at its first field).
void skip_key(Reader& in, std::uint32_t bits) {
    for (const std::uint32_t bit : {k_drug, k_unit, k_route, k_frequency}) {
        if ((bits & bit) != 0) {
            in.skip_varint();
        }
    }
    for (const std::uint32_t bit : {k_dose, k_dose_min, k_duration, k_max_doses, k_daily_dose}) {
        if ((bits & bit) != 0) {
            in.skip_number((bits & (bit << 1U)) != 0);
        }
    }
}

// The fields after the key fields (`in` just past them) into `order`: its key fields are left as they were.
void decode_beside_key(Reader& in, std::uint32_t bits, StoredOrder& order) {
    order.sig = (bits & k_sig) != 0 ? in.index() : 0;
    order.start_s = (bits & k_start) != 0 ? unzigzag(in.varint()) : k_no_time;
    order.end_s = (bits & k_end) != 0 ? unzigzag(in.varint()) : k_no_time;
    const std::uint64_t input = (bits & k_input) != 0 ? in.varint() : 0;
    const std::uint64_t line = (bits & k_record) != 0 ? in.varint() : 0;
    order.location = {input, line};
    order.resource_id = (bits & k_resource_id) != 0 ? in.text() : std::string_view();
    if ((bits & k_source_is_resource) != 0) {
        order.source_id = order.resource_id;
    } else {
        order.source_id = (bits & k_source_id) != 0 ? in.text() : std::string_view();
    }
}

// Writes every field of `order` (a reused order keeps nothing of what it held).
void decode(const std::uint8_t* record, StoredOrder& order) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, record + 4, sizeof bits);
    Reader in(record + 8);
    order.drug = (bits & k_drug) != 0 ? in.index() : 0;
    order.unit = (bits & k_unit) != 0 ? in.index() : 0;
    order.route = (bits & k_route) != 0 ? in.index() : 0;
    order.frequency = (bits & k_frequency) != 0 ? in.index() : 0;
    order.dose = get_number(in, bits, k_dose);
    order.dose_min = get_number(in, bits, k_dose_min);
    order.duration_days = get_number(in, bits, k_duration);
    order.max_doses_per_day = get_number(in, bits, k_max_doses);
    order.daily_dose = get_number(in, bits, k_daily_dose);
    order.prn = (bits & k_prn) != 0;
    order.continuing = (bits & k_continuing) != 0;
    order.dose_unreadable = (bits & k_dose_unreadable) != 0;
    order.frequency_unreadable = (bits & k_frequency_unreadable) != 0;
    decode_beside_key(in, bits, order);
}

StoredOrder decode(const std::uint8_t* record) {
    StoredOrder order;
    decode(record, order);
    return order;
}

std::uint32_t word(const std::uint8_t* at) {
    std::uint32_t value = 0;
    std::memcpy(&value, at, sizeof value);
    return value;
}

void set_word(std::uint8_t* at, std::uint32_t value) {
    std::memcpy(at, &value, sizeof value);
}

// The record's length rounded up to whole 4-byte words, at least k_min_record.
std::size_t record_bytes(std::size_t size) {
    return std::max(k_min_record, (size + 3) & ~std::size_t{3});
}

} // namespace

OrderArena::OrderArena() = default;

std::uint32_t OrderArena::allocate(std::size_t bytes) {
    if (m_used + bytes > k_block_bytes) {
        constexpr std::size_t k_handles_per_block = k_block_bytes / 4;
        if ((m_blocks.size() + 1) * k_handles_per_block > std::size_t{0xFFFFFFFFU}) {
            throw util::Error(util::ErrorKind::bad_data,
                              "too many orders for one batch reader (16 GB of orders)");
        }
        // Pages never written are never touched (with huge pages: the 2 MB page of the last block).
        m_blocks.push_back(util::make_huge_block());
        m_used = m_blocks.size() == 1 ? 4 : 0; // handle 0 means "none"
    }
    const auto handle = static_cast<std::uint32_t>(((m_blocks.size() - 1) * k_block_bytes + m_used) / 4);
    m_used += static_cast<std::uint32_t>(bytes);
    return handle;
}

std::uint8_t* OrderArena::at(std::uint32_t handle) {
    const std::size_t byte = std::size_t{handle} * 4;
    return m_blocks[byte / k_block_bytes].get() + byte % k_block_bytes;
}

const std::uint8_t* OrderArena::at(std::uint32_t handle) const {
    const std::size_t byte = std::size_t{handle} * 4;
    return m_blocks[byte / k_block_bytes].get() + byte % k_block_bytes;
}

std::uint32_t OrderArena::add(const StoredOrder& order, std::uint32_t previous) {
    if (m_used + k_max_record <= k_block_bytes) {
        // Encoded in place at the free end of the last block (the longest record fits there): the
        // record allocate() would place at the same handle, without a copy made aside.
        std::uint8_t* const record = m_blocks.back().get() + m_used;
        const auto size = static_cast<std::size_t>(encode(order, record) - record);
        set_word(record, previous);
        const auto handle = static_cast<std::uint32_t>(((m_blocks.size() - 1) * k_block_bytes + m_used) / 4);
        m_used += static_cast<std::uint32_t>(record_bytes(size));
        return handle;
    }
    Writer out;
    out.set_end(encode(order, out.data()));
    set_word(out.data(), previous);
    const std::uint32_t handle = allocate(record_bytes(out.size()));
    std::memcpy(at(handle), out.data(), out.size());
    return handle;
}

std::uint32_t OrderArena::content(std::uint32_t handle) const {
    const std::uint8_t* record = at(handle);
    return (word(record + 4) & k_forward) != 0 ? word(record + 8) : handle;
}

StoredOrder OrderArena::get(std::uint32_t handle) const {
    return decode(at(content(handle)));
}

void OrderArena::get(std::uint32_t handle, StoredOrder& out) const {
    decode(at(content(handle)), out);
}

OrderArena::Record OrderArena::record(std::uint32_t handle) const {
    return Record(at(content(handle)));
}

void OrderArena::records(std::uint32_t last, std::span<Record> out) const {
    std::size_t place = out.size();
    for (std::uint32_t handle = last; handle != 0 && place != 0; handle = word(at(handle))) {
        out[--place] = Record(at(content(handle)));
    }
}

std::span<const std::uint8_t> OrderArena::Record::read_key_fields() const {
    Reader in(m_record + 8);
    skip_key(in, bits());
    return {m_record + 8, in.at()};
}

void OrderArena::Record::get(StoredOrder& out) const {
    decode(m_record, out);
}

void OrderArena::Record::get_beside_key(std::span<const std::uint8_t> key, StoredOrder& out) const {
    Reader in(key.data() + key.size());
    decode_beside_key(in, bits(), out);
}

std::uint32_t OrderArena::previous(std::uint32_t handle) const {
    return word(at(handle));
}

void OrderArena::replace(std::uint32_t handle, const StoredOrder& order) {
    const std::uint32_t target = content(handle);
    Writer old_encoding;
    old_encoding.set_end(encode(decode(at(target)), old_encoding.data()));
    Writer out;
    out.set_end(encode(order, out.data()));
    std::uint32_t bits = 0;
    std::memcpy(&bits, out.data() + 4, sizeof bits);
    std::uint8_t* record = at(target);
    if (out.size() <= record_bytes(old_encoding.size())) {
        std::memcpy(record + 8, out.data() + 8, out.size() - 8);
        set_word(record + 4, bits);
        return;
    }
    set_word(out.data(), 0);
    set_word(out.data() + 4, bits);
    const std::uint32_t copy = allocate(record_bytes(out.size()));
    std::memcpy(at(copy), out.data(), out.size());
    std::uint8_t* slot = at(handle); // allocate may have added a block; the slot has not moved
    set_word(slot + 4, k_forward);
    set_word(slot + 8, copy);
}

} // namespace medcheck::batch
