// A quick structure check of a whole parsed document: one linear pass over simdjson's tape, where the
// full check (map_resource) walks the DOM recursively and names the problem's path. Almost every
// resource has no problem; only those this pass cannot clear take the full check.
#include <medcheck/io/fhir_parts.hpp>

#include <array>
#include <bit>
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

// Whether `key` repeats a key of the object whose keys are keys[begin, end). Out of line (asked only
// when key bits meet): inlined, it made new_key too large to be inlined into the scans.
[[gnu::noinline]] bool repeats(const Key* keys, std::size_t begin, std::size_t end, Key key) {
    for (std::size_t i = begin; i < end; ++i) {
        if (keys[i].size == key.size && std::memcmp(keys[i].data, key.data, key.size) == 0) {
            return true;
        }
    }
    return false;
}

// Adds a key to its object's keys: false when it repeats one, is over the size limit, or is one
// more than the pass compares. Inlined into the scans: a call costs a third of its instructions.
[[gnu::always_inline]] inline bool new_key(Frame& object, Key* keys, Key key) {
    const std::uint64_t bit = key_bit(key);
    if (key.size > k_max_fhir_string_bytes || object.key_end - object.key_begin == k_scan_keys_per_object ||
        ((object.seen & bit) != 0 && repeats(keys, object.key_begin, object.key_end, key))) {
        return false;
    }
    object.seen |= bit;
    keys[object.key_end++] = key;
    return true;
}

// What note_root_member made of a root key.
enum class RootKey : std::uint8_t {
    other,  // none of k_root_keys: to be told from the other such keys by new_key
    noted,  // one of them, noted
    skip,   // noted, and its value (a dosage the memo knows) is not to be scanned
    repeat, // one of them, given before
};

// Notes a root member for RootNotes (`at`: its value's tape index), where its key is one of k_root_keys
// (whose repeats are told by the notes' bits): a dosage value the memo knows is skipped by the pass
// (cleared when it was remembered).
RootKey note_root_member(const dom::document& document, Key key, std::size_t at, RootNotes& notes) {
    static constexpr std::size_t k_resource_type = k_root_keys.index_of("resourceType");
    static constexpr std::size_t k_dosage_instruction = k_root_keys.index_of("dosageInstruction");
    const std::size_t k = k_root_keys.find(std::string_view(key.data, key.size), ~std::uint32_t{0});
    if (k == k_root_keys.size()) {
        return RootKey::other;
    }
    if (((notes.found >> k) & 1U) != 0) {
        return RootKey::repeat;
    }
    notes.found |= std::uint32_t{1} << k;
    notes.at[k] = at;
    const std::uint64_t word = document.tape[at];
    if (k == k_resource_type && tape_type(word) == '"') {
        notes.resource_type = tape_string(document.string_buf.get(), word);
    } else if (k == k_dosage_instruction && notes.memo != nullptr && tape_type(word) == '[') {
        notes.dosages = notes.memo->look_up(document, at);
        return notes.dosages.known != nullptr ? RootKey::skip : RootKey::noted;
    }
    return RootKey::noted;
}

// Whether the words [begin, end) of a parsed document's tape, a whole value, are clean (see
// structure_clean), with at most `depth` containers open at once. The tape (simdjson's documented
// layout): one word per value, its type in the top byte; a number takes a second word; '{' and '['
// hold the index past their end; a string's word is the offset of its length and bytes.
bool clean_words(const std::uint64_t* tape, const std::uint8_t* strings, std::size_t begin, std::size_t end,
                 std::size_t depth, bool check_lengths) {
    // Left uninitialised (only the open frames and their keys are read): a scan is made for every line.
    std::array<Frame, k_scan_depth + 1> frames;                  // NOLINT(*-member-init)
    std::array<Key, k_scan_depth * k_scan_keys_per_object> keys; // NOLINT(*-member-init)
    frames[0] = {0, 0, 0, false};                                // the value stands as in an array
    Frame* top = frames.data();
    const Frame* const deepest = frames.data() + depth;
    std::size_t i = begin;
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
            type = tape_type(tape[++i]);
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

// The word at 0 is the root, holding the index of the closing root word. A root object's members are
// taken one by one (each noted, and its value scanned on its own), so that the scan of the words
// within them need not ask at each key whether it is the root's. With notes, a repeat of one of
// k_root_keys is told by the notes' bits, and only the other keys are compared by new_key.
bool structure_clean(const dom::document& document, bool check_lengths, RootNotes* notes) {
    const std::uint64_t* tape = document.tape.get();
    const std::uint8_t* strings = document.string_buf.get();
    if (tape_type(tape[1]) != '{') {
        return clean_words(tape, strings, 1, tape[0] & simdjson::internal::JSON_VALUE_MASK, k_scan_depth,
                           check_lengths);
    }
    Frame root = {0, 0, 0, true};
    std::array<Key, k_scan_keys_per_object> keys; // NOLINT(*-member-init): as in clean_words
    const std::size_t close = after_value(tape, 1) - 1;
    for (std::size_t i = 2; i < close;) {
        const Key key = key_at(strings, tape[i]);
        ++i;
        const RootKey noted = notes != nullptr ? note_root_member(document, key, i, *notes) : RootKey::other;
        if (noted == RootKey::repeat || (noted == RootKey::other && !new_key(root, keys.data(), key))) {
            return false;
        }
        const std::size_t after = after_value(tape, i);
        if (noted == RootKey::skip) {
            i = after;
            continue;
        }
        const char type = tape_type(tape[i]);
        if (type == '{' || type == '[') {
            // Below the root object: one container fewer may be open.
            if (!clean_words(tape, strings, i, after, k_scan_depth - 1, check_lengths)) {
                return false;
            }
        } else if (type == '"' && check_lengths &&
                   tape_string(strings, tape[i]).size() > k_max_fhir_string_bytes) {
            return false;
        }
        i = after;
    }
    return true;
}

} // namespace medcheck::io::fhir_detail
