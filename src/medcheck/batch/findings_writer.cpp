#include <medcheck/batch/findings_writer.hpp>

#include <medcheck/io/result_json.hpp>
#include <medcheck/util/text.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace medcheck::batch {

using namespace std::string_view_literals;

namespace {

// Room a number's text may take: nlohmann's float text (at most 24 bytes; its to_chars asks for 23 of
// room) or an integer's (at most 20).
constexpr std::size_t k_number_room = 32;

// The growth of the two kinds of output the writers append to: room for a line written through a
// pointer, then kept up to where it ends.
char* room(std::string& out, std::size_t bytes) {
    const std::size_t start = out.size();
    out.resize(start + bytes);
    return out.data() + start;
}
void commit(std::string& out, const char* end) {
    out.resize(static_cast<std::size_t>(end - out.data()));
}
char* room(TextBuffer& out, std::size_t bytes) {
    return out.room(bytes);
}
void commit(TextBuffer& out, const char* end) {
    out.commit(end);
}

} // namespace

void TextBuffer::grow(std::size_t capacity) {
    capacity = std::max(capacity, 2 * m_capacity);
    auto data = std::make_unique_for_overwrite<char[]>(capacity); // NOLINT: see m_data
    std::copy(m_data.get(), m_data.get() + m_size, data.get());
    m_data = std::move(data);
    m_capacity = capacity;
}

std::optional<FindingsFormat> parse_findings_format(std::string_view text) {
    if (text == "jsonl") {
        return FindingsFormat::jsonl;
    }
    if (text == "csv") {
        return FindingsFormat::csv;
    }
    return std::nullopt;
}

void write_findings_header(std::ostream& out, FindingsFormat format) {
    if (format == FindingsFormat::csv) {
        out << "patient_id,record,prescription_id,prescription_ids,severity,kind,drug,message,actual,limit,"
               "unit,"
               "source\r\n";
    }
}

namespace {

template <class Out> void put_csv_field(Out& out, std::string_view text) {
    // A cell a spreadsheet would run as a formula (OWASP CSV injection): = + - @, tab or CR first.
    const bool formula =
        !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
    if (!formula && text.find_first_of(",\"\r\n") == std::string_view::npos) {
        out.append(text);
        return;
    }
    out.push_back('"');
    if (formula) {
        out.push_back('\'');
    }
    for (const char c : text) {
        if (c == '"') {
            out.push_back('"');
        }
        out.push_back(c);
    }
    out.push_back('"');
}

} // namespace

void append_csv_field(std::string& out, std::string_view text) {
    put_csv_field(out, text);
}

namespace {

// Copies a text of any length: the short ones (ids, drug names, kinds, units) with two overlapping
// moves of their first and last bytes instead of a call to memcpy. Inlined where it is called (about
// ten times a finding), which GCC does not choose to do by itself.
[[gnu::always_inline]] inline void copy_text(char* to, const char* from, std::size_t size) {
    if (size > 32) {
        std::memcpy(to, from, size);
    } else if (size >= 16) { // records and drug names, many of them: two 16-byte moves
        std::array<char, 16> first{};
        std::array<char, 16> last{};
        std::memcpy(first.data(), from, 16);
        std::memcpy(last.data(), from + size - 16, 16);
        std::memcpy(to, first.data(), 16);
        std::memcpy(to + size - 16, last.data(), 16);
    } else if (size >= 8) {
        std::uint64_t first = 0;
        std::uint64_t last = 0;
        std::memcpy(&first, from, 8);
        std::memcpy(&last, from + size - 8, 8);
        std::memcpy(to, &first, 8);
        std::memcpy(to + size - 8, &last, 8);
    } else if (size >= 4) {
        std::uint32_t first = 0;
        std::uint32_t last = 0;
        std::memcpy(&first, from, 4);
        std::memcpy(&last, from + size - 4, 4);
        std::memcpy(to, &first, 4);
        std::memcpy(to + size - 4, &last, 4);
    } else {
        for (std::size_t i = 0; i < size; ++i) {
            to[i] = from[i];
        }
    }
}

} // namespace

// True when no byte needs escaping in JSON or replacing as invalid UTF-8: all printable ASCII other
// than " and \. Sixteen bytes at a time where SSE2 is there (every x86-64), a text shorter than that
// (ids, records and drug names; a finding has several) as one block of overlapping reads of its first
// and last bytes; else eight at a time (SWAR) and a byte loop.
#if defined(__SSE2__)
namespace {

// One bit per byte of `v` that needs escaping. Signed compares: bytes 0x80 and above are negative;
// adding 1 makes DEL (0x7f) negative too, so one compare finds those and every byte below a space.
int special_bytes(__m128i v) {
    const __m128i below_space = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(1)), _mm_set1_epi8(0x21));
    const __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
    const __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
    return _mm_movemask_epi8(_mm_or_si128(below_space, _mm_or_si128(quote, backslash)));
}

__m128i load_block(const char* from) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(from)); // NOLINT
}

// A text of 1 to 15 bytes as one block made of its bytes only (its first and last 8 or 4 bytes,
// overlapping, or its first, middle and last byte): none is read past its end, none is not the text's.
__m128i short_block(const char* from, std::size_t size) {
    if (size >= 8) {
        std::int64_t first = 0;
        std::int64_t last = 0;
        std::memcpy(&first, from, 8);
        std::memcpy(&last, from + size - 8, 8);
        return _mm_set_epi64x(last, first);
    }
    std::uint32_t first = 0;
    std::uint32_t last = 0;
    if (size >= 4) {
        std::memcpy(&first, from, 4);
        std::memcpy(&last, from + size - 4, 4);
    } else {
        auto byte = [&](std::size_t i) { return std::uint32_t{static_cast<unsigned char>(from[i])}; };
        first = byte(0) | byte(size / 2) << 8U | byte(size - 1) << 16U | byte(0) << 24U;
        last = first;
    }
    return _mm_set_epi32(static_cast<int>(last), static_cast<int>(first), static_cast<int>(last),
                         static_cast<int>(first));
}

// Copies `text` to `to` and says whether it is plain (json_plain), reading it once.
bool copy_plain_text(char* to, std::string_view text) {
    const char* from = text.data();
    const std::size_t size = text.size();
    if (size < 16) {
        copy_text(to, from, size);
        return size == 0 || special_bytes(short_block(from, size)) == 0;
    }
    int special = 0;
    std::size_t i = 0;
    for (; i + 16 <= size; i += 16) {
        const __m128i block = load_block(from + i);
        special |= special_bytes(block);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(to + i), block); // NOLINT
    }
    if (i < size) { // the last 16 bytes, overlapping some already copied
        const __m128i block = load_block(from + size - 16);
        special |= special_bytes(block);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(to + size - 16), block); // NOLINT
    }
    return special == 0;
}

} // namespace

bool json_plain(std::string_view text) {
    const std::size_t size = text.size();
    if (size < 16) {
        return size == 0 || special_bytes(short_block(text.data(), size)) == 0;
    }
    int special = 0;
    for (std::size_t i = 0; i + 16 <= size; i += 16) {
        special |= special_bytes(load_block(text.data() + i));
    }
    return (special | special_bytes(load_block(text.data() + size - 16))) == 0;
}
#else
bool json_plain(std::string_view text) {
    std::size_t i = 0;
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    auto has_byte = [](std::uint64_t word, std::uint64_t byte) {
        const std::uint64_t x = word ^ (ones * byte);
        return ((x - ones) & ~x & highs) != 0;
    };
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, text.data() + i, 8);
        // A byte below 0x20, or 0x7f and above (0x7f + 1 carries into the high bit), or " or \.
        const bool special = (((word - ones * 0x20) | (word + ones)) & highs) != 0 || has_byte(word, '"') ||
                             has_byte(word, '\\');
        if (special) {
            return false;
        }
    }
    return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(i), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte >= 0x20 && byte < 0x7f && c != '"' && c != '\\';
    });
}

namespace {

bool copy_plain_text(char* to, std::string_view text) {
    copy_text(to, text.data(), text.size());
    return json_plain(text);
}

} // namespace
#endif

namespace {

// Writes a whole number: a non-negative one (doses, ages, limits) by util::put_decimal's digit pairs
// instead of through std::to_chars's general loop.
char* put_integer(char* at, std::int64_t value) {
    if (value < 0) {
        return std::to_chars(at, at + k_number_room, value).ptr;
    }
    return util::put_decimal(at, static_cast<std::uint64_t>(value));
}

// The decimals io::number_json's rounding leaves below this many ten-thousandths (below 200 either way:
// doses, MME, clearances) are written by put_short_decimal; a test compares every one of them with
// nlohmann's (Grisu2) text, which writes the others.
constexpr double k_short_decimal_limit = 2e6;

// Writes ten_thousandths / 10000 (not a whole number, |ten_thousandths| < k_short_decimal_limit) as
// nlohmann writes the double nearest to it: its digits with up to four decimals, trailing zeros
// dropped (the shortest text that reads back as that double), without Grisu2's some 400 instructions.
char* put_short_decimal(char* at, std::int64_t ten_thousandths) {
    constexpr std::uint64_t k_scale = 10000;
    if (ten_thousandths < 0) {
        *at++ = '-';
    }
    const auto magnitude =
        static_cast<std::uint64_t>(ten_thousandths < 0 ? -ten_thousandths : ten_thousandths);
    at = util::put_decimal(at, magnitude / k_scale);
    auto fraction = static_cast<unsigned>(magnitude % k_scale);
    std::array<char, 5> digits{
        '.', static_cast<char>('0' + fraction / 1000), static_cast<char>('0' + fraction / 100 % 10),
        static_cast<char>('0' + fraction / 10 % 10), static_cast<char>('0' + fraction % 10)};
    std::size_t length = digits.size();
    for (; fraction % 10 == 0; fraction /= 10) {
        --length;
    }
    std::memcpy(at, digits.data(), digits.size());
    return at + length;
}

// Writes a finite number's JSON text (append_json_number) at `at`, with k_number_room bytes of room;
// null for NaN and infinities.
char* put_finite_number(char* at, double value) {
    // Most numbers of findings are whole (doses, limits): written as they are, which is what rounding
    // gives them (exact below 1e11: times 10000 stays below 2^53).
    if (std::fabs(value) < 1e11) {
        const auto whole = static_cast<std::int64_t>(value);
        if (static_cast<double>(whole) == value) {
            return put_integer(at, whole);
        }
    }
    // As io::number_json: rounded to 4 decimals, whole numbers as integers.
    const double ten_thousandths = std::round(value * 10000.0);
    const double rounded = ten_thousandths / 10000.0;
    if (std::fabs(rounded) < 1e15 && rounded == std::trunc(rounded)) {
        return put_integer(at, static_cast<std::int64_t>(rounded));
    }
    if (std::fabs(ten_thousandths) < k_short_decimal_limit) {
        return put_short_decimal(at, static_cast<std::int64_t>(ten_thousandths));
    }
    if (std::isfinite(rounded)) {
        // The float text nlohmann's serializer writes for a finite double (Grisu2; not always the
        // shortest text, so it is nlohmann's own conversion and not std::to_chars), without building a
        // JSON value and a serializer for each number.
        return nlohmann::detail::to_chars(at, at + k_number_room, rounded);
    }
    return nullptr;
}

template <class Out> void put_json_number(Out& out, double value) {
    std::array<char, k_number_room> text{};
    if (const char* end = put_finite_number(text.data(), value)) {
        out.append(std::string_view(text.data(), static_cast<std::size_t>(end - text.data())));
        return;
    }
    out += io::number_json(value).dump();
}

template <class Out> void put_json_string(Out& out, std::string_view text) {
    if (json_plain(text)) {
        out.push_back('"');
        out.append(text);
        out.push_back('"');
        return;
    }
    out += nlohmann::ordered_json(std::string(text))
               .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

} // namespace

void append_json_number(std::string& out, double value) {
    put_json_number(out, value);
}

void append_json_string(std::string& out, std::string_view text) {
    put_json_string(out, text);
}

namespace {

// `"text"`, or null when there is none.
template <class Out> void put_json_string_or_null(Out& out, bool present, std::string_view text) {
    if (present) {
        put_json_string(out, text);
    } else {
        out += "null"sv;
    }
}

template <class Out> void put_json_number_or_null(Out& out, const std::optional<double>& value) {
    if (value) {
        put_json_number(out, *value);
    } else {
        out += "null"sv;
    }
}

// What a line has from the end of its ids to its kind, `],"severity":"<severity>","kind":"`, for each
// severity: copied as its whole array (two 16-byte moves) and kept to its size, instead of three pieces
// of which the severity's name is a call and a copy of a length known only then.
struct SeverityText {
    std::array<char, 48> bytes{};
    std::size_t size = 0;
};

const std::array<SeverityText, 5>& severity_texts() {
    static const std::array<SeverityText, 5> texts = [] {
        std::array<SeverityText, 5> made{};
        for (std::size_t i = 0; i < made.size(); ++i) {
            std::string text = "],\"severity\":\"";
            text += model::to_string(static_cast<model::Severity>(i));
            text += "\",\"kind\":\"";
            std::copy(text.begin(), text.end(), made[i].bytes.begin()); // at most 44 bytes
            made[i].size = text.size();
        }
        return made;
    }();
    return texts;
}

// Writes a plain finding's line into room already sized for it (plain_line_bound): no growth checks,
// and each text read once, copied and checked together where it is not known plain.
class PlainLineWriter {
  public:
    PlainLineWriter(char* at, bool ids_plain, const PlainRuleTexts* rule_texts)
        : m_at(at), m_ids_plain(ids_plain), m_rule_texts(rule_texts) {}
    char* end() const { return m_at; }
    // Names and punctuation: copied by the compiler's moves of their known size.
    template <std::size_t N>
    void put(const char (&fixed)[N]) { // NOLINT: a literal's size known where it is written
        std::memcpy(m_at, fixed, N - 1);
        m_at += N - 1;
    }
    // Writes 48 bytes, the room plain_line_bound counts for the punctuation that follows: kept up to
    // the severity's text.
    void put_severity(model::Severity severity) {
        const SeverityText& text = severity_texts()[static_cast<std::size_t>(severity)];
        std::memcpy(m_at, text.bytes.data(), text.bytes.size());
        m_at += text.size;
    }
    void put_known_plain(std::string_view text) {
        copy_text(m_at, text.data(), text.size());
        m_at += text.size();
    }
    // False when `text` needs escaping (the line is then not this writer's to finish).
    bool put_checked(std::string_view text) {
        const bool plain = copy_plain_text(m_at, text);
        m_at += text.size();
        return plain;
    }
    bool put_id(std::string_view id) {
        if (m_ids_plain) {
            put_known_plain(id);
            return true;
        }
        return put_checked(id);
    }
    bool put_rule_text(const model::Text& text) {
        if (m_rule_texts != nullptr && m_rule_texts->contains(text)) {
            put_known_plain(text.view());
            return true;
        }
        return put_checked(text.view());
    }
    // A number, or null when there is none; false when it is not finite (nlohmann's text for it is
    // the escaping path's).
    bool put_number_or_null(const std::optional<double>& value) {
        if (!value) {
            put("null");
            return true;
        }
        m_at = put_finite_number(m_at, *value);
        return m_at != nullptr;
    }

  private:
    char* m_at;
    bool m_ids_plain;
    const PlainRuleTexts* m_rule_texts;
};

// The bytes plain_finding_jsonl may write: the texts, the ids with their quotes and comma, room for
// two numbers, and names and punctuation (under 200 bytes with the severity) with room to spare.
// Inlined where the line is written: a call of its own cost some ten instructions a finding.
[[gnu::always_inline]] inline std::size_t plain_line_bound(std::string_view patient_id,
                                                           std::string_view record,
                                                           const FindingSource& source,
                                                           const model::Finding& finding) {
    constexpr std::size_t k_fixed = 256;
    std::size_t size = k_fixed + 2 * k_number_room + patient_id.size() + record.size() +
                       source.prescription_id.size() + finding.kind.size() + finding.message.size() +
                       finding.unit.size() + finding.source.size() +
                       (finding.drug ? finding.drug->size() : 0);
    for (const std::string_view id : source.prescription_ids) {
        size += id.size() + 3;
    }
    return size;
}

// The ids that start a finding's line at `at`: patient_id, record, prescription_id and
// prescription_ids; where they end, or null when one needs escaping. (Each part of the line has a
// writer of its own on its stack, so that its position stays in a register.)
char* put_plain_ids(char* at, std::string_view patient_id, std::string_view record,
                    const FindingSource& source) {
    PlainLineWriter w(at, source.ids_plain, nullptr);
    w.put("{\"patient_id\":\"");
    if (!w.put_id(patient_id)) {
        return nullptr;
    }
    w.put("\",\"record\":\"");
    if (!w.put_id(record)) {
        return nullptr;
    }
    if (source.prescription_id.empty()) {
        w.put("\",\"prescription_id\":null,\"prescription_ids\":[");
    } else {
        w.put("\",\"prescription_id\":\"");
        if (!w.put_id(source.prescription_id)) {
            return nullptr;
        }
        w.put("\",\"prescription_ids\":[");
    }
    for (std::size_t i = 0; i < source.prescription_ids.size(); ++i) {
        if (i > 0) {
            w.put(",");
        }
        w.put("\"");
        if (!w.put_id(source.prescription_ids[i])) {
            return nullptr;
        }
        w.put("\"");
    }
    return w.end();
}

// The contract's finding fields after the ids at `at`, to the end of the line; where it ends, or null
// when a text needs escaping.
char* put_plain_finding_fields(char* at, const model::Finding& finding, const PlainRuleTexts* plain) {
    PlainLineWriter w(at, false, plain);
    w.put_severity(finding.severity);
    if (!w.put_rule_text(finding.kind)) {
        return nullptr;
    }
    if (finding.drug) {
        w.put("\",\"drug\":\"");
        if (!w.put_rule_text(*finding.drug)) {
            return nullptr;
        }
        w.put("\",\"message\":\"");
    } else {
        w.put("\",\"drug\":null,\"message\":\"");
    }
    if (!w.put_rule_text(finding.message)) {
        return nullptr;
    }
    w.put("\",\"actual\":");
    if (!w.put_number_or_null(finding.actual)) {
        return nullptr;
    }
    w.put(",\"limit\":");
    if (!w.put_number_or_null(finding.limit)) {
        return nullptr;
    }
    if (finding.unit.empty()) {
        w.put(",\"unit\":null,\"source\":\"");
    } else {
        w.put(",\"unit\":\"");
        if (!w.put_rule_text(finding.unit)) {
            return nullptr;
        }
        w.put("\",\"source\":\"");
    }
    if (!w.put_rule_text(finding.source)) {
        return nullptr;
    }
    w.put("\"}\n");
    return w.end();
}

// The usual finding, whose every text is plain, written at `at` (room for plain_line_bound bytes);
// null when some text needs escaping (part of the line may be written there, to be written over).
char* put_plain_finding_jsonl(char* at, std::string_view patient_id, std::string_view record,
                              const FindingSource& source, const model::Finding& finding,
                              const PlainRuleTexts* plain) {
    char* const fields = put_plain_ids(at, patient_id, record, source);
    return fields == nullptr ? nullptr : put_plain_finding_fields(fields, finding, plain);
}

// The finding's line escaped where its texts need it, as nlohmann::json writes it.
template <class Out>
void put_escaped_finding_jsonl(Out& out, std::string_view patient_id, std::string_view record,
                               const FindingSource& source, const model::Finding& finding) {
    out += "{\"patient_id\":"sv;
    put_json_string(out, patient_id);
    out += ",\"record\":"sv;
    put_json_string(out, record);
    out += ",\"prescription_id\":"sv;
    put_json_string_or_null(out, !source.prescription_id.empty(), source.prescription_id);
    out += ",\"prescription_ids\":["sv;
    for (std::size_t i = 0; i < source.prescription_ids.size(); ++i) {
        if (i > 0) {
            out.push_back(',');
        }
        put_json_string(out, source.prescription_ids[i]);
    }
    out += "],\"severity\":"sv;
    put_json_string(out, model::to_string(finding.severity));
    out += ",\"kind\":"sv;
    put_json_string(out, finding.kind);
    out += ",\"drug\":"sv;
    put_json_string_or_null(out, finding.drug.has_value(),
                            finding.drug ? finding.drug->view() : std::string_view());
    out += ",\"message\":"sv;
    put_json_string(out, finding.message);
    out += ",\"actual\":"sv;
    put_json_number_or_null(out, finding.actual);
    out += ",\"limit\":"sv;
    put_json_number_or_null(out, finding.limit);
    out += ",\"unit\":"sv;
    put_json_string_or_null(out, !finding.unit.empty(), finding.unit);
    out += ",\"source\":"sv;
    put_json_string(out, finding.source);
    out += "}\n"sv;
}

// The contract's finding object (io::finding_json) with patient_id and record first. Written directly
// for speed; the bytes are those nlohmann::json would write for the same object.
template <class Out>
void put_finding_jsonl(Out& out, std::string_view patient_id, std::string_view record,
                       const FindingSource& source, const model::Finding& finding,
                       const PlainRuleTexts* plain) {
    char* const line = room(out, plain_line_bound(patient_id, record, source, finding));
    if (const char* end = put_plain_finding_jsonl(line, patient_id, record, source, finding, plain)) {
        commit(out, end);
        return;
    }
    commit(out, line);
    put_escaped_finding_jsonl(out, patient_id, record, source, finding);
}

// One CSV row in the column order of write_findings_header(csv); absent numbers are empty fields.
template <class Out>
void put_finding_csv(Out& out, std::string_view patient_id, std::string_view record,
                     const FindingSource& source, const model::Finding& finding) {
    put_csv_field(out, patient_id);
    out.push_back(',');
    put_csv_field(out, record);
    out.push_back(',');
    put_csv_field(out, source.prescription_id);
    out.push_back(',');
    if (source.prescription_ids.size() == 1) {
        put_csv_field(out, source.prescription_ids.front()); // most findings: no joined copy
    } else {
        put_csv_field(out, fmt::format("{}", fmt::join(source.prescription_ids, ";")));
    }
    out.push_back(',');
    put_csv_field(out, model::to_string(finding.severity));
    out.push_back(',');
    put_csv_field(out, finding.kind);
    out.push_back(',');
    put_csv_field(out, finding.drug ? std::string_view(*finding.drug) : std::string_view());
    out.push_back(',');
    put_csv_field(out, finding.message);
    out.push_back(',');
    if (finding.actual) {
        put_json_number(out, *finding.actual);
    }
    out.push_back(',');
    if (finding.limit) {
        put_json_number(out, *finding.limit);
    }
    out.push_back(',');
    put_csv_field(out, finding.unit);
    out.push_back(',');
    put_csv_field(out, finding.source);
    out += "\r\n"sv;
}

template <class Out>
void put_finding(Out& out, FindingsFormat format, std::string_view patient_id, std::string_view record,
                 const FindingSource& source, const model::Finding& finding, const PlainRuleTexts* plain) {
    if (format == FindingsFormat::jsonl) {
        put_finding_jsonl(out, patient_id, record, source, finding, plain);
    } else {
        put_finding_csv(out, patient_id, record, source, finding);
    }
}

} // namespace

PlainRuleTexts::PlainRuleTexts(const rules::RuleSet& rules) {
    std::vector<const std::string*> texts;
    auto add = [&](const std::string& text) {
        if (json_plain(text)) {
            texts.push_back(&text);
        }
    };
    for (const auto& rule : rules.rules) {
        for (const std::string* text : {&rule.target, &rule.kind, &rule.message, &rule.unit, &rule.source}) {
            add(*text);
        }
    }
    for (const auto& [key, drug] : rules.drugs) {
        add(drug.key); // the drug name most findings borrow
    }
    for (const auto& rule : rules.interactions) {
        add(rule.kind);
        add(rule.message);
        add(rule.source);
    }
    for (const auto& rule : rules.group_counts) {
        add(rule.kind);
        add(rule.message);
        add(rule.source);
    }
    for (const auto& rule : rules.first_line) {
        add(rule.source);
    }
    for (const auto& [ingredient, factor] : rules.mme_index) {
        add(factor.source); // the copy findings borrow (RuleSet::mme_factor)
    }
    for (const auto& threshold : rules.mme_thresholds) {
        add(threshold.source);
    }
    fill(texts);
}

void PlainRuleTexts::fill(const std::vector<const std::string*>& texts) {
    constexpr int k_bits = 64;
    int bits = 4;
    while ((std::size_t{1} << bits) < 4 * texts.size()) {
        ++bits;
    }
    m_slots.assign(std::size_t{1} << bits, nullptr);
    m_shift = k_bits - bits;
    for (const std::string* text : texts) {
        std::size_t i = slot(text);
        while (m_slots[i] != nullptr && m_slots[i] != text) {
            i = (i + 1) & (m_slots.size() - 1);
        }
        m_slots[i] = text;
    }
}

void append_finding(std::string& out, FindingsFormat format, std::string_view patient_id,
                    std::string_view record, const FindingSource& source, const model::Finding& finding,
                    const PlainRuleTexts* plain) {
    put_finding(out, format, patient_id, record, source, finding, plain);
}

void append_finding(TextBuffer& out, FindingsFormat format, std::string_view patient_id,
                    std::string_view record, const FindingSource& source, const model::Finding& finding,
                    const PlainRuleTexts* plain) {
    put_finding(out, format, patient_id, record, source, finding, plain);
}

} // namespace medcheck::batch
