#pragma once

#include <medcheck/model/finding.hpp>
#include <medcheck/rules/rule_set.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace medcheck::batch {

// How findings are written: one JSON object per line, or CSV with a header.
enum class FindingsFormat { jsonl, csv };

std::optional<FindingsFormat> parse_findings_format(std::string_view text);

// Writes what comes before the first finding (the CSV header; nothing for JSONL).
void write_findings_header(std::ostream& out, FindingsFormat format);

// The source system's ids of the orders a finding is about, so that a pharmacist can join findings
// back: CSV prescription_id, FHIR MedicationRequest id.
struct FindingSource {
    std::string_view prescription_id;               // the finding's own order; empty when none
    std::vector<std::string_view> prescription_ids; // every order it involves (sums, pairs), in order
    // The caller found the patient id, the record and every id above plain (json_plain), once for all
    // the findings that repeat them; false: append_finding checks them itself.
    bool ids_plain = false;
};

// True when `text` goes into a JSON string as it is: printable ASCII other than " and \.
bool json_plain(std::string_view text);

// The rule set's texts that need no JSON escaping, found once: a finding's text that borrows one
// (model::Text::borrowed) is then not scanned again for each of the millions of findings of a batch.
// Holds pointers into the rule set, which must outlive it.
class PlainRuleTexts {
  public:
    PlainRuleTexts() = default;
    explicit PlainRuleTexts(const rules::RuleSet& rules);
    bool contains(const model::Text& text) const {
        const std::string* borrowed = text.borrowed();
        if (borrowed == nullptr || m_slots.empty()) {
            return false;
        }
        for (std::size_t i = slot(borrowed);; i = (i + 1) & (m_slots.size() - 1)) {
            if (m_slots[i] == borrowed) {
                return true;
            }
            if (m_slots[i] == nullptr) {
                return false;
            }
        }
    }

  private:
    void fill(const std::vector<const std::string*>& texts);
    // Fibonacci hashing: the top bits of the address times 2^64 / phi, which spreads strings laid out
    // side by side in the rule set's vectors.
    std::size_t slot(const std::string* text) const {
        const auto address = reinterpret_cast<std::uintptr_t>(text); // NOLINT: hashed, not dereferenced
        return static_cast<std::size_t>((address * 0x9E3779B97F4A7C15ULL) >> m_shift);
    }
    // Open addressing with linear probing, at most a quarter full: a look-up (four per finding) is
    // nearly always one probe, a few instructions where a general hash set's took about twenty.
    std::vector<const std::string*> m_slots;
    int m_shift = 0;
};

// Text appended piece by piece like a std::string, but grown without first zeroing the room a line
// is then written into (std::string::resize does): a batch writes tens of megabytes of findings.
class TextBuffer {
  public:
    TextBuffer() = default;
    TextBuffer(const TextBuffer&) = delete;
    TextBuffer& operator=(const TextBuffer&) = delete;
    TextBuffer(TextBuffer&& other) noexcept
        : m_data(std::move(other.m_data)), m_size(std::exchange(other.m_size, 0)),
          m_capacity(std::exchange(other.m_capacity, 0)) {}
    TextBuffer& operator=(TextBuffer&& other) noexcept {
        m_data = std::move(other.m_data);
        m_size = std::exchange(other.m_size, 0);
        m_capacity = std::exchange(other.m_capacity, 0);
        return *this;
    }
    ~TextBuffer() = default;

    std::size_t size() const { return m_size; }
    std::size_t capacity() const { return m_capacity; }
    // Empties the text and keeps its room, to be written again without growing.
    void clear() { m_size = 0; }
    std::string_view view() const { return {m_data.get(), m_size}; }
    void reserve(std::size_t capacity) {
        if (capacity > m_capacity) {
            grow(capacity);
        }
    }
    // Room for `bytes` more at the end, to be written through the pointer returned and kept with
    // commit(); what is there before it is written is unspecified.
    char* room(std::size_t bytes) {
        if (m_capacity - m_size < bytes) {
            grow(m_size + bytes);
        }
        return m_data.get() + m_size;
    }
    // Keeps what was written from room()'s pointer up to `end` (no further than the room asked for).
    void commit(const char* end) { m_size = static_cast<std::size_t>(end - m_data.get()); }
    void append(std::string_view text) {
        char* at = room(text.size());
        std::copy(text.begin(), text.end(), at);
        m_size += text.size();
    }
    void push_back(char c) {
        *room(1) = c;
        ++m_size;
    }
    TextBuffer& operator+=(std::string_view text) {
        append(text);
        return *this;
    }

  private:
    void grow(std::size_t capacity);
    std::unique_ptr<char[]> m_data; // NOLINT: a buffer left uninitialised, which std::vector is not
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
};

// Appends one finding as a line: patient_id, record reference, prescription_id (null when none),
// prescription_ids (CSV: ;-separated), then the contract's finding fields (severity, kind, drug,
// message, actual, limit, unit, source). `plain`: the rule texts known plain, if any.
void append_finding(std::string& out, FindingsFormat format, std::string_view patient_id,
                    std::string_view record, const FindingSource& source, const model::Finding& finding,
                    const PlainRuleTexts* plain = nullptr);
// The same bytes appended to a TextBuffer: a batch's findings, without zeroing the room of each line.
void append_finding(TextBuffer& out, FindingsFormat format, std::string_view patient_id,
                    std::string_view record, const FindingSource& source, const model::Finding& finding,
                    const PlainRuleTexts* plain = nullptr);

// Appends a finding's number exactly as io::number_json(value).dump() writes it (4 decimals, whole
// numbers as integers), without building a JSON value.
void append_json_number(std::string& out, double value);

// Appends a JSON string literal exactly as nlohmann::json writes it (invalid UTF-8 replaced).
void append_json_string(std::string& out, std::string_view text);

// Appends one CSV field, quoted when it holds a comma, quote, or line break (RFC 4180). A field that
// starts with = + - @ tab or CR gets a leading ' (and quotes), so a spreadsheet shows it as text
// instead of running it as a formula (OWASP CSV injection).
void append_csv_field(std::string& out, std::string_view text);

} // namespace medcheck::batch
