// A quick structure check of a whole parsed document: one linear pass over simdjson's tape, where the
// full check (map_resource) walks the DOM recursively and names the problem's path. Almost every
// resource has no problem; only those this pass cannot clear take the full check.
#include <medcheck/io/fhir_parts.hpp>

#include <array>
#include <cstring>

namespace medcheck::io::fhir_detail {

namespace {

// Open containers and the keys of open objects followed here; a document nested deeper, or an object
// with more keys, is left to the full check (which sorts the keys of a wide object).
constexpr std::size_t k_scan_depth = 64;
constexpr std::size_t k_scan_keys_per_object = 16;

struct Key {
    const char* data;
    std::uint32_t size;
};

// An open container; a sentinel frame stands below the root.
struct Frame {
    std::uint32_t key_begin; // this object's keys in the key stack: [key_begin, key_end)
    std::uint32_t key_end;
    std::uint64_t seen; // a bit per key hash (key_bit): keys are compared only when their bits meet
    bool object;
};

// The key whose tape word is `word`.
Key key_at(const std::uint8_t* strings, std::uint64_t word) {
    const std::string_view key = tape_string(strings, word);
    return {key.data(), static_cast<std::uint32_t>(key.size())};
}

// One of 64 bits for a key, from its size and end bytes: distinct keys of one object seldom share one.
std::uint64_t key_bit(Key key) {
    if (key.size == 0) {
        return 1;
    }
    const auto first = static_cast<unsigned char>(key.data[0]);
    const auto last = static_cast<unsigned char>(key.data[key.size - 1]);
    return std::uint64_t{1} << ((key.size + first * 7U + last * 3U) & 63U);
}

// Whether `key` repeats a key of the object whose keys are keys[begin, end).
bool repeats(const Key* keys, std::size_t begin, std::size_t end, Key key) {
    for (std::size_t i = begin; i < end; ++i) {
        if (keys[i].size == key.size && std::memcmp(keys[i].data, key.data, key.size) == 0) {
            return true;
        }
    }
    return false;
}

// Adds a key to its object's keys: false when it repeats one, is over the size limit, or is one
// more than the pass compares.
bool new_key(Frame& object, Key* keys, Key key) {
    const std::uint64_t bit = key_bit(key);
    if (key.size > k_max_fhir_string_bytes || object.key_end - object.key_begin == k_scan_keys_per_object ||
        ((object.seen & bit) != 0 && repeats(keys, object.key_begin, object.key_end, key))) {
        return false;
    }
    object.seen |= bit;
    keys[object.key_end++] = key;
    return true;
}

} // namespace

std::size_t root_member(const dom::document& document, std::string_view name) {
    const std::uint64_t* tape = document.tape.get();
    if (tape_type(tape[1]) != '{') {
        return 0;
    }
    const std::size_t close = after_value(tape, 1) - 1;
    for (std::size_t at = 2; at < close; at = after_value(tape, at + 1)) {
        const std::string_view key = tape_string(document.string_buf.get(), tape[at]);
        if (key.size() == name.size() && same_text(key, name)) {
            return at + 1;
        }
    }
    return 0;
}

std::string_view root_text(const dom::document& document, std::string_view name) {
    const std::size_t at = root_member(document, name);
    if (at == 0 || tape_type(document.tape[at]) != '"') {
        return {};
    }
    return tape_string(document.string_buf.get(), document.tape[at]);
}

// The tape (simdjson's documented layout): one word per value, its type in the top byte; a number
// takes a second word; '{' and '[' hold the index past their end; a string's word is the offset of its
// length and bytes. The word at 0 is the root, holding the index of the closing root word.
bool structure_clean(const dom::document& document, bool check_lengths, TapeRange known) {
    const std::uint64_t* tape = document.tape.get();
    const std::uint8_t* strings = document.string_buf.get();
    const std::size_t end = tape[0] & simdjson::internal::JSON_VALUE_MASK;
    // Left uninitialised (only the open frames and their keys are read): a scan is made for every line.
    std::array<Frame, k_scan_depth + 1> frames;                  // NOLINT(*-member-init)
    std::array<Key, k_scan_depth * k_scan_keys_per_object> keys; // NOLINT(*-member-init)
    frames[0] = {0, 0, 0, false};                                // the root value stands as in an array
    Frame* top = frames.data();
    const Frame* const deepest = frames.data() + k_scan_depth;
    std::size_t i = 1;
    while (i < end) {
        // The next member of the open container: in an object a key, then its value.
        char type = tape_type(tape[i]);
        if (type == '}' || type == ']') {
            --top;
            ++i;
            continue;
        }
        if (top->object) {
            if (!new_key(*top, keys.data(), key_at(strings, tape[i]))) {
                return false;
            }
            if (++i == known.begin) {
                i = known.end;
                continue;
            }
            type = tape_type(tape[i]);
        }
        if (type == '{' || type == '[') {
            if (top == deepest) {
                return false;
            }
            const std::uint32_t keys_end = top->key_end;
            *++top = {keys_end, keys_end, 0, type == '{'};
        } else if (type == '"') {
            if (check_lengths && tape_string(strings, tape[i]).size() > k_max_fhir_string_bytes) {
                return false;
            }
        } else if (tape_number(type)) {
            ++i; // the number's own word
        }
        ++i;
    }
    return true;
}

} // namespace medcheck::io::fhir_detail
