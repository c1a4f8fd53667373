// DosageMemo: map_dosages remembered by the exact value of a resource's dosageInstruction.
#include <medcheck/io/fhir_parts.hpp>

#include <algorithm>
#include <cstring>

namespace medcheck::io::fhir_detail {

namespace {

// Room in the key buffer past its longest key: what one word can write past it before the size is
// tested (its type and a number).
constexpr std::size_t k_key_slack = 1 + 8;

// The value in `words` as its tape holds it, written into `key` (of at least `max_bytes` + k_key_slack
// bytes): each word's type (a container's own words only open and close it), and a number's 8 bytes
// after its type; then its strings as the string buffer holds them, one block (each string's length,
// bytes and a NUL, in order). Nothing is left out, and each part's size follows from its type or its
// length, so two values have one key only when they are equal. Its size; 0 when it would be longer
// than `max_bytes`.
std::size_t value_key(const dom::document& document, TapeRange words, std::size_t max_bytes, char* key) {
    constexpr std::uint64_t k_offset = simdjson::internal::JSON_VALUE_MASK;
    const std::uint64_t* tape = document.tape.get();
    std::size_t size = 0;
    std::uint64_t first_string = k_offset; // none yet
    std::uint64_t last_string = 0;
    for (std::size_t at = words.begin; at < words.end; ++at) {
        const std::uint64_t word = tape[at];
        const char type = tape_type(word);
        key[size++] = type;
        if (type == '"') {
            // Strings stand in document order in the string buffer: the first has the lowest offset.
            last_string = word & k_offset;
            first_string = std::min(first_string, last_string);
        } else if (tape_number(type)) {
            std::memcpy(key + size, &tape[++at], 8);
            size += 8;
        }
        if (size > max_bytes) {
            return 0;
        }
    }
    if (first_string != k_offset) {
        const std::uint8_t* strings = document.string_buf.get();
        std::uint32_t length = 0;
        std::memcpy(&length, strings + last_string, sizeof length);
        const std::size_t bytes = last_string + sizeof length + length + 1 - first_string;
        if (bytes > max_bytes - size) {
            return 0;
        }
        std::memcpy(key + size, strings + first_string, bytes);
        size += bytes;
    }
    return size;
}

} // namespace

DosageMemo::Lookup DosageMemo::look_up(const dom::document& document, std::size_t at) {
    Lookup lookup;
    lookup.words = {at, after_value(document.tape.get(), at)};
    m_key.resize(k_max_key_bytes + k_key_slack);
    lookup.key_size = value_key(document, lookup.words, k_max_key_bytes, m_key.data());
    if (lookup.key_size != 0) {
        if (const auto known = m_mapped.find(std::string_view(m_key.data(), lookup.key_size));
            known != m_mapped.end()) {
            lookup.known = &known->second;
        }
    }
    return lookup;
}

DosageMemo::Lookup DosageMemo::look_up(const dom::document& document) {
    const std::size_t at = root_member(document, "dosageInstruction");
    if (at == 0 || tape_type(document.tape[at]) != '[') {
        return {};
    }
    return look_up(document, at);
}

const FhirMedicationRequest k_no_request{};

namespace {

// A list copied over another, in its room; an empty one (most of a request's lists) without a call.
template <typename T> void copy_list(const std::vector<T>& from, std::vector<T>& to) {
    if (from.empty()) {
        to.clear();
    } else {
        to = from;
    }
}

} // namespace

// Every field is written: a field added to FhirMedicationRequest changes its size, and must be added
// here too (then the size below).
static_assert(sizeof(FhirMedicationRequest) == 600, "copy_request writes every field");
void copy_request(const FhirMedicationRequest& from, FhirMedicationRequest& to) {
    put_text(to.id, from.id);
    put_text(to.patient, from.patient);
    put_text(to.status, from.status);
    put_text(to.authored_on, from.authored_on);
    put_text(to.medication_text, from.medication_text);
    copy_list(from.medication_codings, to.medication_codings);
    to.dose = from.dose;
    to.dose_min = from.dose_min;
    to.daily_dose = from.daily_dose;
    put_text(to.unit, from.unit);
    put_text(to.route, from.route);
    put_text(to.frequency, from.frequency);
    to.prn = from.prn;
    to.max_doses_per_day = from.max_doses_per_day;
    to.duration_days = from.duration_days;
    to.count_total = from.count_total;
    copy_list(from.times_of_day, to.times_of_day);
    to.continuing = from.continuing;
    put_text(to.dosage_text, from.dosage_text);
    copy_list(from.issues, to.issues);
    put_text(to.medication_reference, from.medication_reference);
    copy_list(from.concurrent, to.concurrent);
    to.rejection = from.rejection;
}

void DosageMemo::mapped(const Lookup& lookup, dom::array dosages, FhirMedicationRequest& out) {
    if (lookup.known != nullptr) {
        copy_request(*lookup.known, out);
        return;
    }
    copy_request(k_no_request, out);
    map_dosages(dosages, out);
    // Kept only with a few issues and no further entries: its size then follows from the value's (at
    // most k_max_key_bytes), which bounds the memo's memory whatever the input.
    if (lookup.key_size != 0 && out.issues.size() <= k_max_kept_issues && out.concurrent.empty()) {
        if (m_mapped.size() >= k_max_entries) {
            m_mapped.clear();
        }
        m_mapped.emplace(std::string_view(m_key.data(), lookup.key_size), out);
    }
}

} // namespace medcheck::io::fhir_detail
