#pragma once
// Parts of the FHIR reader shared by its files (not a public interface): JSON access helpers, the
// dosage mapping (fhir_dosage.cpp) and the resource mappers (fhir_resources.cpp) that the readers
// (fhir_reader.cpp) call.
#include <medcheck/io/fhir_reader.hpp>
#include <medcheck/util/words.hpp>

#include <absl/container/flat_hash_map.h>
#include <simdjson.h>

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <istream>
#include <limits>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace medcheck::io::fhir_detail {

namespace dom = simdjson::dom;

// The type of a parsed document's tape word: its top byte ('{', '[', '"', 'l', 'u', 'd', ...).
inline char tape_type(std::uint64_t word) {
    return static_cast<char>(word >> 56U);
}
// Whether a tape type is a number's, which takes a second word (its value).
inline bool tape_number(char type) {
    return type == 'l' || type == 'u' || type == 'd';
}

// A string on a parsed document's tape (`word`: its tape word): its 4-byte length, then its bytes, in
// the document's string buffer.
inline std::string_view tape_string(const std::uint8_t* strings, std::uint64_t word) {
    const std::uint8_t* at = strings + (word & simdjson::internal::JSON_VALUE_MASK);
    std::uint32_t size = 0;
    std::memcpy(&size, at, sizeof size);
    return {reinterpret_cast<const char*>(at + sizeof size), size}; // NOLINT(*-reinterpret-cast)
}

// The tape index just past the value at `at` (simdjson's layout: '{' and '[' hold the index past
// their end in their low 32 bits, their count of members above it; a number takes a second word).
inline std::size_t after_value(const std::uint64_t* tape, std::size_t at) {
    const char type = tape_type(tape[at]);
    if (type == '{' || type == '[') {
        return static_cast<std::uint32_t>(tape[at]);
    }
    return at + (tape_number(type) ? 2 : 1);
}

// A value of a parsed document, read from its tape as dom::element reads it (a member is the first of
// its key; a number read as a double may be an integer), but directly: simdjson's DOM reloads the tape
// through the document at each step and keeps parts out of line, some 40 instructions a member read.
// The resource mappers read through these; the dosage mapping (fhir_dosage.cpp) reads DOM elements.
class TapeValue {
  public:
    // Left unset: for arrays of values, each written before it is read.
    TapeValue() = default; // NOLINT(*-member-init)
    TapeValue(const dom::document& document, std::size_t at)
        : m_tape(document.tape.get()), m_strings(document.string_buf.get()), m_at(at) {}
    // Its word's index on the tape.
    std::size_t index() const { return m_at; }
    // The value at another index of the same tape.
    TapeValue at(std::size_t index) const { return {m_tape, m_strings, index}; }
    char type() const { return tape_type(m_tape[m_at]); }
    // A string's text; empty for another value.
    std::string_view text() const {
        return type() == '"' ? tape_string(m_strings, m_tape[m_at]) : std::string_view();
    }
    // A number as dom::element::get_double reads it: a double, or an integer converted.
    std::optional<double> number() const {
        const char kind = type();
        if (kind == 'd') {
            return std::bit_cast<double>(m_tape[m_at + 1]);
        }
        if (kind == 'l') {
            return static_cast<double>(static_cast<std::int64_t>(m_tape[m_at + 1]));
        }
        if (kind == 'u') {
            return static_cast<double>(m_tape[m_at + 1]);
        }
        return std::nullopt;
    }
    // Whether it is an array with no item.
    bool empty_array() const { return type() == '[' && after_value(m_tape, m_at) == m_at + 2; }
    // Calls visit(key, value) for each member of an object, in order, until it returns true; returns
    // whether one did. None for another value.
    template <typename Visit> bool for_each_member(Visit&& visit) const {
        if (type() != '{') {
            return false;
        }
        const std::size_t close = after_value(m_tape, m_at) - 1;
        for (std::size_t at = m_at + 1; at < close; at = after_value(m_tape, at + 1)) {
            if (visit(tape_string(m_strings, m_tape[at]), TapeValue(m_tape, m_strings, at + 1))) {
                return true;
            }
        }
        return false;
    }
    // The same with visit(value) for each item of an array.
    template <typename Visit> bool for_each_item(Visit&& visit) const {
        if (type() != '[') {
            return false;
        }
        const std::size_t close = after_value(m_tape, m_at) - 1;
        for (std::size_t at = m_at + 1; at < close; at = after_value(m_tape, at)) {
            if (visit(TapeValue(m_tape, m_strings, at))) {
                return true;
            }
        }
        return false;
    }

  private:
    TapeValue(const std::uint64_t* tape, const std::uint8_t* strings, std::size_t at)
        : m_tape(tape), m_strings(strings), m_at(at) {}
    const std::uint64_t* m_tape;
    const std::uint8_t* m_strings;
    std::size_t m_at;
};

// JSON access over either view of a value (dom::element, TapeValue), for helpers written once.
// Members of an object, and items of an array, as TapeValue::for_each_member and for_each_item.
template <typename Visit> bool for_each_member(TapeValue object, Visit&& visit) {
    return object.for_each_member(std::forward<Visit>(visit));
}
template <typename Visit> bool for_each_member(dom::element element, Visit&& visit) {
    dom::object object;
    if (element.get_object().get(object) != simdjson::SUCCESS) {
        return false;
    }
    for (const dom::key_value_pair pair : object) {
        if (visit(pair.key, pair.value)) {
            return true;
        }
    }
    return false;
}
template <typename Visit> bool for_each_item(TapeValue array, Visit&& visit) {
    return array.for_each_item(std::forward<Visit>(visit));
}
template <typename Visit> bool for_each_item(dom::element element, Visit&& visit) {
    dom::array array;
    if (element.get_array().get(array) != simdjson::SUCCESS) {
        return false;
    }
    for (const dom::element item : array) {
        if (visit(item)) {
            return true;
        }
    }
    return false;
}
// A string value, or empty.
inline std::string_view text_value(TapeValue value) {
    return value.text();
}
inline std::string_view text_value(dom::element element) {
    std::string_view value;
    if (element.get_string().get(value) != simdjson::SUCCESS) {
        return {};
    }
    return value;
}
// A finite number value.
inline std::optional<double> number_value(TapeValue value) {
    const std::optional<double> number = value.number();
    return number && std::isfinite(*number) ? number : std::nullopt;
}
inline std::optional<double> number_value(dom::element element) {
    double value = 0;
    if (element.get_double().get(value) != simdjson::SUCCESS || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

// Whether two texts of one size are equal: up to 16 bytes in words (util::same_short_text), longer
// ones told apart by their first byte before comparing the rest.
inline bool same_bytes(std::string_view a, std::string_view b) {
    if (a.size() <= 16) {
        return util::same_short_text(a, b);
    }
    return a.front() == b.front() && std::memcmp(a.data() + 1, b.data() + 1, a.size() - 1) == 0;
}

// Whether two texts are equal. The keys and codes compared here mostly differ in size, told at the
// call (same_bytes, larger, is not always inlined), or are short or differ at once, and a call to
// compare them whole costs more than the test.
inline bool same_text(std::string_view a, std::string_view b) {
    return a.size() == b.size() && same_bytes(a, b);
}

// Writes `text` over `to`, in its room: std::string::assign's general replacement (which allows for
// `text` lying in `to`) costs about twice as much.
inline void put_text(std::string& to, std::string_view text) {
    to.clear();
    if (!text.empty()) {
        to.append(text);
    }
}

// Whether a text starts with `prefix`, by same_bytes: a reference tested against a few prefixes per
// resource costs a call each to std::string_view::starts_with. The view of the text's start is made
// directly: substr checks its bounds again (it may throw) in a call.
inline bool starts_with_text(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && same_bytes(std::string_view(text.data(), prefix.size()), prefix);
}

// The keys a Fields reads, indexed by size: a key read is compared only with the asked keys of its
// size (mostly one or none), where comparing it with each in turn cost some thirty instructions a key.
// Made once (constexpr) per set of keys.
template <std::size_t N> class KeySet {
    static_assert(N <= 32, "one bit per key");
    static_assert(std::endian::native == std::endian::little,
                  "keys' words are read as the machine loads them");

  public:
    // Keys of up to k_max_key_size bytes (a longer one is a compile-time error in a constexpr set).
    static constexpr std::size_t k_max_key_size = 63;
    constexpr explicit KeySet(const std::array<std::string_view, N>& keys) : m_keys(keys) {
        for (std::size_t k = 0; k < N; ++k) {
            const std::string_view key = keys[k];
            if (key.size() > k_max_key_size) {
                throw std::length_error("KeySet key too long");
            }
            m_by_size[key.size()] |= std::uint32_t{1} << k;
            // The words same_key compares (see there).
            const std::size_t width = key.size() >= 8 ? 8 : 4;
            if (key.size() >= 4) {
                m_words[k][0] = word_of(key, 0, width);
                m_words[k][1] = key.size() > 16 ? word_of(key, 8, 8) : 0;
                m_words[k][2] = key.size() > 24 ? word_of(key, 16, 8) : 0;
                m_words[k][3] = word_of(key, key.size() - width, width);
            }
        }
    }
    static constexpr std::size_t size() { return N; }
    constexpr std::string_view operator[](std::size_t k) const { return m_keys[k]; }
    // The index of `key` (a compile-time error in a constant expression when it is none of the keys).
    constexpr std::size_t index_of(std::string_view key) const {
        for (std::size_t k = 0; k < N; ++k) {
            if (m_keys[k] == key) {
                return k;
            }
        }
        throw std::out_of_range("KeySet has no such key");
    }
    // The keys of `size` bytes, a bit each.
    std::uint32_t of_size(std::size_t size) const { return size <= k_max_key_size ? m_by_size[size] : 0; }
    // The index of `key` among the keys whose bits are set in `among`; N when it is none of them.
    std::size_t find(std::string_view key, std::uint32_t among) const {
        for (std::uint32_t left = of_size(key.size()) & among; left != 0; left &= left - 1) {
            const auto k = static_cast<std::size_t>(std::countr_zero(left));
            if (same_key(k, key)) {
                return k;
            }
        }
        return N;
    }

  private:
    // Whether `key`, of key k's size, is key k: compared with words of key k made once, as loads of
    // `key` only (its first and last 8 bytes, and those at 8 and 16 where it is longer; or its first
    // and last 4), without a call for keys of up to 32 bytes. Most keys read are found in one.
    bool same_key(std::size_t k, std::string_view key) const {
        const char* at = key.data();
        const std::size_t size = key.size();
        const std::array<std::uint64_t, 4>& words = m_words[k];
        if (size >= 8) {
            return util::load_word<std::uint64_t>(at) == words[0] &&
                   util::load_word<std::uint64_t>(at + size - 8) == words[3] &&
                   (size <= 16 || (util::load_word<std::uint64_t>(at + 8) == words[1] &&
                                   (size <= 24 || (util::load_word<std::uint64_t>(at + 16) == words[2] &&
                                                   (size <= 32 || std::memcmp(at + 24, m_keys[k].data() + 24,
                                                                              size - 32) == 0)))));
        }
        if (size >= 4) {
            return util::load_word<std::uint32_t>(at) == words[0] &&
                   util::load_word<std::uint32_t>(at + size - 4) == words[3];
        }
        return util::same_short_text(key, m_keys[k]);
    }
    // The `width` bytes of `key` from `at`, as a little-endian load reads them.
    static constexpr std::uint64_t word_of(std::string_view key, std::size_t at, std::size_t width) {
        std::uint64_t word = 0;
        for (std::size_t i = 0; i < width; ++i) {
            word |= std::uint64_t{static_cast<unsigned char>(key[at + i])} << (8 * i);
        }
        return word;
    }

    std::array<std::string_view, N> m_keys;
    std::array<std::uint32_t, k_max_key_size + 1> m_by_size{};
    std::array<std::array<std::uint64_t, 4>, N> m_words{};
};

// The values of several keys of one object (a dom::element or a TapeValue), found in one pass: a
// lookup by key walks the fields again each time, and a MedicationRequest's mapping asked for some
// forty keys. Of a key given twice the first value is kept, as a lookup finds it (map_resource rejects
// such a resource before mapping it anyway). A value that is not an object has none of the keys.
template <std::size_t N, typename Value = dom::element> class Fields {
  public:
    // None of the keys yet (put adds them).
    Fields() = default;
    Fields(Value value, const KeySet<N>& keys) {
        for_each_member(value, [&](std::string_view key, Value member) {
            // Among the asked keys not yet found: a key already found keeps its first value.
            if (const std::size_t k = keys.find(key, ~m_found); k < N) {
                put(k, member);
            }
            return false;
        });
    }
    // Sets the value of key k, as found elsewhere.
    void put(std::size_t k, Value value) {
        m_values[k] = value;
        m_found |= std::uint32_t{1} << k;
    }
    // Whether the key is there, whatever its value.
    bool has(std::size_t k) const { return ((m_found >> k) & 1U) != 0; }
    std::optional<Value> get(std::size_t k) const {
        return has(k) ? std::optional<Value>(m_values[k]) : std::nullopt;
    }
    // A string value, or empty.
    std::string_view text(std::size_t k) const {
        return has(k) ? text_value(m_values[k]) : std::string_view();
    }
    // A finite number value.
    std::optional<double> number(std::size_t k) const {
        return has(k) ? number_value(m_values[k]) : std::nullopt;
    }

  private:
    // Left uninitialised: a value is read only once its key is found (m_found), and a Fields is made
    // for every object mapped.
    std::array<Value, N> m_values; // NOLINT(*-member-init)
    std::uint32_t m_found = 0;
};

// The first member of `key`, as element[key] finds it.
template <typename Value> std::optional<Value> member_of(Value object, std::string_view key) {
    std::optional<Value> found;
    for_each_member(object, [&](std::string_view name, Value value) {
        if (same_text(name, key)) {
            found = value;
            return true;
        }
        return false;
    });
    return found;
}
// A string member, or empty.
template <typename Value> std::string_view text_of(Value object, std::string_view key) {
    const std::optional<Value> value = member_of(object, key);
    return value ? text_value(*value) : std::string_view();
}
// A finite number member.
template <typename Value> std::optional<double> number_of(Value object, std::string_view key) {
    const std::optional<Value> value = member_of(object, key);
    return value ? number_value(*value) : std::nullopt;
}

// A coding system shortened to "icd10cm", "snomed", "rxnorm", "loinc" where known: a view of a
// literal, or of `system` itself.
std::string_view short_system_name(std::string_view system);

// A coding read in place: the system shortened (short_system_name), code and display as written.
struct CodingView {
    std::string_view system;
    std::string_view code;
    std::string_view display;
};
// Calls `visit(const CodingView&)` for each coding of the value of a CodeableConcept's `coding` (found
// by the caller among other keys), in order, until it returns true; returns whether one did. Nothing
// is copied: for codes that are only compared.
template <typename Value, typename Visit> bool for_each_coding_in(Value coding_list, Visit&& visit) {
    static constexpr KeySet<3> k_keys{{"system", "code", "display"}};
    return for_each_item(coding_list, [&](Value coding) {
        const Fields<3, Value> fields(coding, k_keys);
        return visit(CodingView{short_system_name(fields.text(0)), fields.text(1), fields.text(2)});
    });
}
// The same for each coding of a CodeableConcept.
template <typename Value, typename Visit> bool for_each_coding(Value concept_element, Visit&& visit) {
    const std::optional<Value> coding_list = member_of(concept_element, "coding");
    return coding_list && for_each_coding_in(*coding_list, std::forward<Visit>(visit));
}
// The codings of the value of a CodeableConcept's `coding`, copied.
template <typename Value> std::vector<FhirCoding> codings_in(Value coding_list) {
    std::vector<FhirCoding> out;
    for_each_coding_in(coding_list, [&](const CodingView& coding) {
        out.push_back({std::string(coding.system), std::string(coding.code), std::string(coding.display)});
        return false;
    });
    return out;
}
// The same for a CodeableConcept.
template <typename Value> std::vector<FhirCoding> codings_of(Value concept_element) {
    const std::optional<Value> coding_list = member_of(concept_element, "coding");
    return coding_list ? codings_in(*coding_list) : std::vector<FhirCoding>();
}
// "Patient/123" -> "123"; other references are kept whole. A view of `reference`.
std::string_view reference_target(std::string_view reference);

// Days in one unit of a UCUM time unit; nullopt for units other than time.
std::optional<double> days_per(std::string_view unit);
// A Duration in days (defined for dom::element and TapeValue).
template <typename Value> std::optional<double> duration_days_of(Value duration);
// Maps every dosageInstruction: entries with the same (or no) sequence are concurrent and add up
// (the first on `out`, the rest in out.concurrent); different sequences are consecutive phases, of
// which the one with the highest daily dose is kept (or, when phases cannot be compared, the first,
// with an issue that makes the order unverifiable).
void map_dosages(dom::array dosages, FhirMedicationRequest& out);

// The tape index of the value of the root object's first member `name`; 0 when there is none (or
// the root is not an object).
std::size_t root_member(const dom::document& document, std::string_view name);

// Tape words [begin, end) of a parsed document; none when begin is 0 (the root word).
struct TapeRange {
    std::size_t begin = 0;
    std::size_t end = 0;
};

// map_dosages remembered by the exact value of the root resource's dosageInstruction: an export
// repeats a few hundred dosages over a million orders, and mapping one costs several times the
// lookup. The key is the value as its tape holds it, every type, number and string in order, so that
// equal keys are equal JSON values, which map to equal dosages. Only values of resources that
// structure_clean cleared are remembered, so a value the memo knows is clean wherever it stands as a
// root member, and the pass skips it. Bounded: a value with a key over k_max_key_bytes, or whose
// mapping has more than k_max_kept_issues issues or several entries (whose size need not follow from
// the key's), is mapped each time, and the memo is emptied when it holds k_max_entries (some 15 MB
// at most, a few hundred KB for an export's usual dosages).
class DosageMemo {
  public:
    static constexpr std::size_t k_max_key_bytes = 1024;
    static constexpr std::size_t k_max_entries = 2048;
    static constexpr std::size_t k_max_kept_issues = 4;
    // A root dosageInstruction looked up: its words (none when there is no such array), its key's
    // size in the memo's buffer (0: too long to keep), and its mapping when the memo holds one.
    struct Lookup {
        TapeRange words;
        std::size_t key_size = 0;
        const FhirMedicationRequest* known = nullptr;
    };
    // Looks up the array at tape index `at` of `document`; valid until the next call.
    Lookup look_up(const dom::document& document, std::size_t at);
    // The same for the dosageInstruction of `document`'s root object (none when it has no such array).
    Lookup look_up(const dom::document& document);
    // Writes over `out` a request holding only the dosage fields map_dosages gives `dosages`, the
    // value `lookup` found (then remembered, where it was not known). Assigned, not made anew: a
    // request reused from line to line keeps the room of its strings and lists.
    void mapped(const Lookup& lookup, dom::array dosages, FhirMedicationRequest& out);
    std::size_t size() const { return m_mapped.size(); }

  private:
    // Keys are looked up as views of m_key, which has room for the longest.
    std::string m_key;
    absl::flat_hash_map<std::string, FhirMedicationRequest, util::TextHash, util::TextEqual> m_mapped;
};
// Where map_medication_request finds the dosages of the resource it maps: with a memo, in the memo
// (`lookup` of the resource, the root of the document it looked up); without, it maps them itself.
// `room`, if set, is the request written over for each resource and given to the sink (a reader's
// own, reused: its strings keep their room); else each request is made anew.
struct DosageSource {
    DosageMemo* memo = nullptr;
    DosageMemo::Lookup lookup;
    FhirMedicationRequest* room = nullptr;
};
// A request with no field set, to write over a reused one.
extern const FhirMedicationRequest k_no_request;
// Writes every field of `from` over `to`, strings appended in their room (put_text): as operator=
// does, for about two thirds of its instructions.
void copy_request(const FhirMedicationRequest& from, FhirMedicationRequest& to);

struct RootNotes;

// A resource as parsed: its value on the tape, which the mappers read, and the same value as a DOM
// element, which the full structure check and the dosage mapping read.
struct ParsedResource {
    TapeValue tape;
    dom::element element;
};

// A key given twice in one object, if any.
std::optional<std::string_view> duplicate_key(dom::object object);
std::string duplicate_reason(std::string_view key);
// Maps one resource (checked for duplicate keys and string sizes first) to the sink. `source_bytes`:
// the size of the JSON text it was parsed from, when known; a text no longer than the string limit
// cannot hold a string or key over it (decoding never lengthens), so only keys are checked then.
void map_resource(ParsedResource resource, std::uint64_t record, FhirSink& sink,
                  std::size_t source_bytes = std::numeric_limits<std::size_t>::max());
// The same for the root of a parsed document, first cleared by structure_clean where it can be (the
// pass noting its type on the way); `memo`, if set, remembers the dosages of cleared
// MedicationRequests, whose requests are then written over `room` (DosageSource).
void map_root_resource(const dom::document& document, std::uint64_t record, FhirSink& sink,
                       std::size_t source_bytes, DosageMemo* memo = nullptr,
                       FhirMedicationRequest* room = nullptr);
// Maps one resource, a JSON object without duplicate keys or over-long strings, of type `type`.
// `notes`, if set: what the tape pass noted of it (a root resource it cleared).
void map_checked_resource(ParsedResource resource, std::string_view type, std::uint64_t record,
                          FhirSink& sink, DosageSource dosages = {}, const RootNotes* notes = nullptr);
// The root members the resource mappers read, of every type they map: structure_clean notes where
// each stands, so that the mapper of a root resource finds its members without walking them again.
inline constexpr KeySet<19> k_root_keys{{"resourceType", "id", "status", "subject", "authoredOn",
                                         "medicationCodeableConcept", "medicationReference", "contained",
                                         "dosageInstruction", "dispenseRequest", "priorPrescription",
                                         "gender", "birthDate", "clinicalStatus", "verificationStatus",
                                         "code", "effectiveDateTime", "issued", "valueQuantity"}};
// The index in k_root_keys of each of `keys` (a compile-time error where one is not there).
template <std::size_t N> constexpr std::array<std::size_t, N> root_key_indexes(const KeySet<N>& keys) {
    std::array<std::size_t, N> indexes{};
    for (std::size_t k = 0; k < N; ++k) {
        indexes[k] = k_root_keys.index_of(keys[k]);
    }
    return indexes;
}

// What structure_clean notes of the root object's members on its way, so that the mapping need not
// look for them again: where the value of each of k_root_keys stands; its resourceType (empty when
// none or not a string); and its dosageInstruction array looked up in `memo` (if set; Lookup::words
// none when there is no such array), whose value the pass skips when the memo knows it. Read only
// when the pass cleared the document, as the value of each key (the only one) then.
struct RootNotes {
    explicit RootNotes(DosageMemo* memo_to_ask = nullptr) : memo(memo_to_ask) {}
    DosageMemo* memo;
    std::string_view resource_type;
    DosageMemo::Lookup dosages;
    std::uint32_t found = 0; // a bit per key of k_root_keys
    // Left unset: one is read only where its bit is set.
    std::array<std::size_t, k_root_keys.size()> at; // NOLINT(*-member-init)
};
// The root members of `keys` as Fields finds them in `root`, from what the pass noted of it; `keys`
// by their indexes in k_root_keys (root_key_indexes).
template <std::size_t N>
Fields<N, TapeValue> noted_fields(TapeValue root, const RootNotes& notes,
                                  const std::array<std::size_t, N>& keys) {
    Fields<N, TapeValue> fields;
    for (std::size_t k = 0; k < N; ++k) {
        if (((notes.found >> keys[k]) & 1U) != 0) {
            fields.put(k, root.at(notes.at[keys[k]]));
        }
    }
    return fields;
}
// Whether a parsed document certainly has no duplicate key, no key over k_max_fhir_string_bytes
// and (`check_lengths`) no string over it, from one linear pass over its tape; false also when the
// pass cannot tell (deep nesting, a wide object), which the full check in map_resource then does.
// `notes`, if set, are written on the way (RootNotes).
bool structure_clean(const dom::document& document, bool check_lengths, RootNotes* notes = nullptr);

// A line of NDJSON in a buffer of lines: its number (from 1) and its text's bounds (trimmed).
struct LineSpan {
    std::uint64_t number = 0;
    std::size_t begin = 0;
    std::size_t end = 0;
};

// Splits NDJSON into lines: `lines_read(buffer, lines)` for lines that are not blank, in order, a run
// of them at a time in one buffer (simdjson's padding readable after the last, which stays valid
// during the call); `too_long(number)` for each line over limits.max_line_bytes (its bytes are
// skipped), in its place among them.
void split_ndjson_lines(std::istream& in, const FhirLimits& limits,
                        const std::function<void(std::string_view)>& observer,
                        const std::function<void(const char*, std::span<const LineSpan>)>& lines_read,
                        const std::function<void(std::uint64_t)>& too_long);
// The rejection reason of an over-long line.
std::string line_too_long(const FhirLimits& limits);

// Parses NDJSON lines (with simdjson's padding after each) and maps each to a sink; one per thread.
class LineParser {
  public:
    explicit LineParser(const FhirLimits& limits);
    void read(std::uint64_t line, std::string_view text, FhirSink& sink);
    // Reads lines of one buffer, in order, each as read() reads it (simdjson's padding readable after
    // the last). Consecutive lines of up to k_run_bytes in all are parsed as one stream of documents
    // (parse_many): simdjson's first stage then runs once for them, where a line parsed alone costs
    // a fifth more in it. A document of the stream is taken only where it is exactly the next line
    // and an object, parsed without error, which makes it the document that line parses to alone;
    // from the first that is not, the rest of the run is read line by line.
    void read_lines(const char* buffer, std::span<const LineSpan> lines, FhirSink& sink);

    static constexpr std::size_t k_run_bytes = std::size_t{1} << 16U;

  private:
    // Reads lines of `run` from one stream of documents, as far as they are taken; returns how many.
    std::size_t read_run(const char* buffer, std::span<const LineSpan> run, FhirSink& sink);

    dom::parser m_parser;
    std::size_t m_run_bytes; // k_run_bytes, or less when lines are bounded tighter
    DosageMemo m_dosages;
    FhirMedicationRequest m_request; // DosageSource::room
};

} // namespace medcheck::io::fhir_detail
