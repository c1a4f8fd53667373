// DosageMemo: map_dosages remembered by the exact value of a resource's dosageInstruction.
#include <medcheck/io/fhir_parts.hpp>

#include <cstring>

namespace medcheck::io::fhir_detail {

namespace {

// Bytes copied at once for a short string (its length and bytes): a fixed-size copy is a load and a
// store, where a copy of the string's own size is a call. What it copies past the string stays in
// simdjson's string buffer (which has SIMDJSON_PADDING after its strings) and in the key buffer past
// the key (k_short_copy more than its longest), and is overwritten or left out of the key.
constexpr std::size_t k_short_copy = 16;

// The value at `at` as its tape holds it, written into `key` (of at least `max_bytes` + k_short_copy
// bytes): each word's type, then a string's length and bytes or a number's 8 bytes (a container's own
// words only open and close it). Nothing is left out, and each part's size follows from its type, so
// two values have one key only when they are equal. Its size; 0 when it would be longer than
// `max_bytes`.
std::size_t value_key(const dom::document& document, std::size_t at, std::size_t max_bytes, char* key) {
    const std::uint64_t* tape = document.tape.get();
    std::size_t size = 0;
    for (const std::size_t end = after_value(tape, at); at < end; ++at) {
        const char type = tape_type(tape[at]);
        const bool number = tape_number(type);
        // A string's length and bytes stand together in the string buffer.
        const std::string_view text =
            type == '"' ? tape_string(document.string_buf.get(), tape[at]) : std::string_view();
        const std::size_t length = type == '"' ? sizeof(std::uint32_t) + text.size() : number ? 8 : 0;
        if (size + 1 + length > max_bytes) {
            return 0;
        }
        key[size++] = type;
        if (type == '"') {
            const char* from = text.data() - sizeof(std::uint32_t);
            if (length <= k_short_copy) {
                std::memcpy(key + size, from, k_short_copy);
            } else {
                std::memcpy(key + size, from, length);
            }
        } else if (number) {
            std::memcpy(key + size, &tape[++at], length);
        }
        size += length;
    }
    return size;
}

} // namespace

DosageMemo::Lookup DosageMemo::look_up(const dom::document& document) {
    Lookup lookup;
    const std::size_t at = root_member(document, "dosageInstruction");
    if (at == 0 || tape_type(document.tape[at]) != '[') {
        return lookup;
    }
    lookup.words = {at, after_value(document.tape.get(), at)};
    m_key.resize(k_max_key_bytes + k_short_copy);
    lookup.key_size = value_key(document, at, k_max_key_bytes, m_key.data());
    if (lookup.key_size != 0) {
        if (const auto known = m_mapped.find(std::string_view(m_key.data(), lookup.key_size));
            known != m_mapped.end()) {
            lookup.known = &known->second;
        }
    }
    return lookup;
}

FhirMedicationRequest DosageMemo::mapped(const Lookup& lookup, dom::array dosages) {
    if (lookup.known != nullptr) {
        return *lookup.known;
    }
    FhirMedicationRequest part;
    map_dosages(dosages, part);
    // Kept only with a few issues and no further entries: its size then follows from the value's (at
    // most k_max_key_bytes), which bounds the memo's memory whatever the input.
    if (lookup.key_size != 0 && part.issues.size() <= k_max_kept_issues && part.concurrent.empty()) {
        if (m_mapped.size() >= k_max_entries) {
            m_mapped.clear();
        }
        m_mapped.emplace(std::string_view(m_key.data(), lookup.key_size), part);
    }
    return part;
}

} // namespace medcheck::io::fhir_detail
