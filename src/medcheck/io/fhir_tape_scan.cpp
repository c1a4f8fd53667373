// A quick structure check of a whole parsed document: one pass over simdjson's tape, in order, where the
// full check (map_resource) walks the DOM recursively and names the problem's path. Almost every
// resource has no problem; only those this pass cannot clear take the full check.
#include <medcheck/io/fhir_parts.hpp>

#include <array>
#include <bit>
#include <cstring>
#include <span>

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

// The keys of one object read so far.
struct ObjectKeys {
    std::array<Key, k_scan_keys_per_object> keys; // NOLINT(*-member-init): only the first `count` are read
    std::uint32_t count = 0;
    std::uint64_t seen = 0; // a bit per key hash (key_bit): keys are compared only when their bits meet
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

// Whether `key` repeats one of `keys`. Out of line (asked only when key bits meet): inlined, it made
// new_key too large to be inlined into the scans.
[[gnu::noinline]] bool repeats(std::span<const Key> keys, Key key) {
    for (const Key& other : keys) {
        if (other.size == key.size && std::memcmp(other.data, key.data, key.size) == 0) {
            return true;
        }
    }
    return false;
}

// Adds a key to its object's keys: false when it repeats one, is over the size limit, or is one
// more than the pass compares. Inlined into the scans: a call costs a third of its instructions.
[[gnu::always_inline]] inline bool new_key(ObjectKeys& object, Key key) {
    const std::uint64_t bit = key_bit(key);
    if (key.size > k_max_fhir_string_bytes || object.count == k_scan_keys_per_object ||
        ((object.seen & bit) != 0 && repeats(std::span<const Key>(object.keys.data(), object.count), key))) {
        return false;
    }
    object.seen |= bit;
    object.keys[object.count++] = key;
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

// What a pass reads: a parsed document's tape (simdjson's documented layout: one word per value, its
// type in the top byte; a number takes a second word; '{' and '[' hold the index past their end; a
// string's word is the offset of its length and bytes) and string buffer, and whether strings' sizes
// are checked.
struct Scan {
    const std::uint64_t* tape;
    const std::uint8_t* strings;
    bool check_lengths;
};

std::size_t clean_container(const Scan& scan, std::size_t at, std::size_t depth);

// The index just past the value at `at` when it is clean, else 0: a container with at most `depth`
// containers open in it and around it (clean_container), a string no longer than the limit where
// sizes are checked, any other value.
[[gnu::always_inline]] inline std::size_t clean_value(const Scan& scan, std::size_t at, std::size_t depth) {
    const std::uint64_t word = scan.tape[at];
    const char type = tape_type(word);
    if (type == '{' || type == '[') {
        return clean_container(scan, at, depth);
    }
    if (type == '"') {
        return scan.check_lengths && tape_string(scan.strings, word).size() > k_max_fhir_string_bytes
                   ? 0
                   : at + 1;
    }
    return at + (tape_number(type) ? 2 : 1);
}

// The same for an object or an array: each member clean, an object's keys distinct. 0 also for a
// container beyond `depth`, or an object with more keys than the pass compares.
std::size_t clean_container(const Scan& scan, std::size_t at, std::size_t depth) {
    if (depth == 0) {
        return 0;
    }
    const std::uint64_t word = scan.tape[at];
    const std::size_t close = static_cast<std::uint32_t>(word) - 1; // its closing word
    std::size_t i = at + 1;
    if (tape_type(word) == '[') {
        while (i < close && i != 0) {
            i = clean_value(scan, i, depth - 1);
        }
        return i == 0 ? 0 : close + 1;
    }
    ObjectKeys keys;
    while (i < close) {
        if (!new_key(keys, key_at(scan.strings, scan.tape[i]))) {
            return 0;
        }
        i = clean_value(scan, i + 1, depth - 1);
        if (i == 0) {
            return 0;
        }
    }
    return close + 1;
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

// A root object's members are taken here, each noted, so that the scan of the values within them
// need not ask at each key whether it is the root's; with notes, a repeat of one of k_root_keys is
// told by the notes' bits, and only the other keys are compared by new_key.
bool structure_clean(const dom::document& document, bool check_lengths, RootNotes* notes) {
    const Scan scan{document.tape.get(), document.string_buf.get(), check_lengths};
    const std::uint64_t* tape = scan.tape;
    // The word at 0 is the root, the root value at 1.
    if (tape_type(tape[1]) != '{') {
        return clean_value(scan, 1, k_scan_depth) != 0;
    }
    ObjectKeys others;
    const std::size_t close = after_value(tape, 1) - 1;
    for (std::size_t i = 2; i < close;) {
        const Key key = key_at(scan.strings, tape[i]);
        ++i;
        const RootKey noted = notes != nullptr ? note_root_member(document, key, i, *notes) : RootKey::other;
        if (noted == RootKey::repeat || (noted == RootKey::other && !new_key(others, key))) {
            return false;
        }
        // Below the root object, one container fewer may be open.
        i = noted == RootKey::skip ? after_value(tape, i) : clean_value(scan, i, k_scan_depth - 1);
        if (i == 0) {
            return false;
        }
    }
    return true;
}

} // namespace medcheck::io::fhir_detail
