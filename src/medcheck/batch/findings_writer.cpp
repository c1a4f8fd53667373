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

// A number's JSON text, written where it is needed without a string of its own.
struct NumberText {
    std::array<char, 64> chars;
    std::size_t size = 0;
    std::string_view view() const { return {chars.data(), size}; }
};

} // namespace

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

void append_csv_field(std::string& out, std::string_view text) {
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

// True when no byte needs escaping in JSON or replacing as invalid UTF-8: all printable ASCII other
// than " and \. Sixteen bytes at a time where SSE2 is there (every x86-64), the last few copied into
// a zeroed block and masked to their length (ids, records and drug names are shorter than 16 bytes,
// and a finding has several); else eight at a time (SWAR) and a byte loop.
#if defined(__SSE2__)
bool json_plain(std::string_view text) {
    const __m128i space = _mm_set1_epi8(0x20);
    const __m128i del = _mm_set1_epi8(0x7f);
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    // One bit per byte that needs escaping. Signed compare: bytes 0x80 and above are negative, so
    // "below space" catches them too.
    auto special = [&](__m128i v) {
        return _mm_movemask_epi8(
            _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpeq_epi8(v, del)),
                         _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash))));
    };
    std::size_t i = 0;
    for (; i + 16 <= text.size(); i += 16) {
        if (special(_mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i))) != 0) { // NOLINT
            return false;
        }
    }
    const std::size_t left = text.size() - i;
    if (left == 0) {
        return true;
    }
    alignas(16) std::array<char, 16> block{};
    std::memcpy(block.data(), text.data() + i, left);
    const int in_text = (1 << left) - 1; // the zeros after the text are not the text's
    return (special(_mm_load_si128(reinterpret_cast<const __m128i*>(block.data()))) & in_text) == 0; // NOLINT
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
#endif

namespace {

// A finite number's JSON text (append_json_number) in `text`; false for NaN and infinities.
bool finite_number_text(double value, NumberText& text) {
    // Most numbers of findings are whole (doses, limits): written as they are, which is what rounding
    // gives them (exact below 1e11: times 10000 stays below 2^53).
    if (std::fabs(value) < 1e11) {
        const auto whole = static_cast<std::int64_t>(value);
        if (static_cast<double>(whole) == value) {
            const auto result =
                std::to_chars(text.chars.data(), text.chars.data() + text.chars.size(), whole);
            text.size = static_cast<std::size_t>(result.ptr - text.chars.data());
            return true;
        }
    }
    // As io::number_json: rounded to 4 decimals, whole numbers as integers.
    const double rounded = std::round(value * 10000.0) / 10000.0;
    if (std::fabs(rounded) < 1e15 && rounded == std::trunc(rounded)) {
        const auto result = std::to_chars(text.chars.data(), text.chars.data() + text.chars.size(),
                                          static_cast<std::int64_t>(rounded));
        text.size = static_cast<std::size_t>(result.ptr - text.chars.data());
        return true;
    }
    if (std::isfinite(rounded)) {
        // The float text nlohmann's serializer writes for a finite double (Grisu2; not always the
        // shortest text, so it is nlohmann's own conversion and not std::to_chars), without building a
        // JSON value and a serializer for each number.
        const char* end =
            nlohmann::detail::to_chars(text.chars.data(), text.chars.data() + text.chars.size(), rounded);
        text.size = static_cast<std::size_t>(end - text.chars.data());
        return true;
    }
    return false;
}

} // namespace

void append_json_number(std::string& out, double value) {
    NumberText text;
    if (finite_number_text(value, text)) {
        out.append(text.view());
        return;
    }
    out += io::number_json(value).dump();
}

void append_json_string(std::string& out, std::string_view text) {
    if (json_plain(text)) {
        out.push_back('"');
        out.append(text);
        out.push_back('"');
        return;
    }
    out += nlohmann::ordered_json(std::string(text))
               .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

namespace {

// `"text"`, or null when there is none.
void append_json_string_or_null(std::string& out, bool present, std::string_view text) {
    if (present) {
        append_json_string(out, text);
    } else {
        out += "null"sv;
    }
}

void append_json_number_or_null(std::string& out, const std::optional<double>& value) {
    if (value) {
        append_json_number(out, *value);
    } else {
        out += "null"sv;
    }
}

// A number's JSON text (append_json_number) in `text`, empty when absent: in a buffer on the stack, as
// a finding has two numbers and a batch millions of findings.
std::string_view number_text(const std::optional<double>& value, NumberText& text, std::string& other) {
    text.size = 0;
    if (!value) {
        return {};
    }
    if (finite_number_text(*value, text)) {
        return text.view();
    }
    other.clear();
    append_json_number(other, *value); // not finite: as nlohmann writes it
    return other;
}

// Copies into a buffer already sized for what it writes (no growth checks).
struct RawWriter {
    char* at;
    void put(std::string_view text) {
        std::memcpy(at, text.data(), text.size());
        at += text.size();
    }
    void put_string(std::string_view text) {
        *at++ = '"';
        put(text);
        *at++ = '"';
    }
    void put_string_or_null(bool present, std::string_view text) {
        if (present) {
            put_string(text);
        } else {
            put("null");
        }
    }
};

// The bytes of a finding's texts (ids with their quotes and comma), or none when one of them is not
// plain (json_plain) and needs the escaping path.
std::optional<std::size_t> plain_texts_size(std::string_view patient_id, std::string_view record,
                                            const FindingSource& source, const model::Finding& finding,
                                            const PlainRuleTexts* plain) {
    const std::string_view drug = finding.drug ? std::string_view(*finding.drug) : std::string_view();
    const std::array<std::string_view, 3> ids{patient_id, record, source.prescription_id};
    std::size_t size = 0;
    for (const std::string_view text : ids) {
        if (!source.ids_plain && !json_plain(text)) {
            return std::nullopt;
        }
        size += text.size();
    }
    if (!json_plain(drug)) {
        return std::nullopt;
    }
    size += drug.size();
    for (const model::Text* text : {&finding.kind, &finding.message, &finding.unit, &finding.source}) {
        if ((plain == nullptr || !plain->contains(*text)) && !json_plain(*text)) {
            return std::nullopt;
        }
        size += text->size();
    }
    for (const std::string_view id : source.prescription_ids) {
        if (!source.ids_plain && !json_plain(id)) {
            return std::nullopt;
        }
        size += id.size() + 3;
    }
    return size;
}

// append_finding_jsonl for the usual finding, whose every text is plain: the line's size is bounded
// before it is written, so it is copied in with one resize and no per-field growth checks. False,
// with nothing written, when some text needs escaping.
bool append_plain_finding_jsonl(std::string& out, std::string_view patient_id, std::string_view record,
                                const FindingSource& source, const model::Finding& finding,
                                const PlainRuleTexts* plain) {
    const std::optional<std::size_t> texts_size =
        plain_texts_size(patient_id, record, source, finding, plain);
    if (!texts_size) {
        return false;
    }
    const std::string_view severity = model::to_string(finding.severity);
    const std::string_view drug = finding.drug ? std::string_view(*finding.drug) : std::string_view();
    NumberText actual_text;
    NumberText limit_text;
    std::string actual_other;
    std::string limit_other;
    const std::string_view actual = number_text(finding.actual, actual_text, actual_other);
    const std::string_view limit = number_text(finding.limit, limit_text, limit_other);
    constexpr std::string_view k_null = "null";
    // Names, quotes, commas and braces: 143 bytes of names and punctuation, 18 quotes, and 2 more for
    // each of the three texts that may be null; a bound with room to spare.
    constexpr std::size_t k_fixed = 256;
    const std::size_t size = *texts_size + k_fixed + severity.size() +
                             std::max(actual.size(), k_null.size()) + std::max(limit.size(), k_null.size());
    const std::size_t start = out.size();
    out.resize(start + size);
    RawWriter w{out.data() + start};
    w.put("{\"patient_id\":"sv);
    w.put_string(patient_id);
    w.put(",\"record\":"sv);
    w.put_string(record);
    w.put(",\"prescription_id\":"sv);
    w.put_string_or_null(!source.prescription_id.empty(), source.prescription_id);
    w.put(",\"prescription_ids\":["sv);
    for (std::size_t i = 0; i < source.prescription_ids.size(); ++i) {
        if (i > 0) {
            *w.at++ = ',';
        }
        w.put_string(source.prescription_ids[i]);
    }
    w.put("],\"severity\":"sv);
    w.put_string(severity);
    w.put(",\"kind\":"sv);
    w.put_string(finding.kind);
    w.put(",\"drug\":"sv);
    w.put_string_or_null(finding.drug.has_value(), drug);
    w.put(",\"message\":"sv);
    w.put_string(finding.message);
    w.put(",\"actual\":"sv);
    w.put(finding.actual ? actual : k_null);
    w.put(",\"limit\":"sv);
    w.put(finding.limit ? limit : k_null);
    w.put(",\"unit\":"sv);
    w.put_string_or_null(!finding.unit.empty(), finding.unit);
    w.put(",\"source\":"sv);
    w.put_string(finding.source);
    w.put("}\n"sv);
    out.resize(static_cast<std::size_t>(w.at - out.data()));
    return true;
}

// The contract's finding object (io::finding_json) with patient_id and record first. Written directly
// for speed; the bytes are those nlohmann::json would write for the same object.
void append_finding_jsonl(std::string& out, std::string_view patient_id, std::string_view record,
                          const FindingSource& source, const model::Finding& finding,
                          const PlainRuleTexts* plain) {
    if (append_plain_finding_jsonl(out, patient_id, record, source, finding, plain)) {
        return;
    }
    out += "{\"patient_id\":"sv;
    append_json_string(out, patient_id);
    out += ",\"record\":"sv;
    append_json_string(out, record);
    out += ",\"prescription_id\":"sv;
    append_json_string_or_null(out, !source.prescription_id.empty(), source.prescription_id);
    out += ",\"prescription_ids\":["sv;
    for (std::size_t i = 0; i < source.prescription_ids.size(); ++i) {
        if (i > 0) {
            out.push_back(',');
        }
        append_json_string(out, source.prescription_ids[i]);
    }
    out += "],\"severity\":"sv;
    append_json_string(out, model::to_string(finding.severity));
    out += ",\"kind\":"sv;
    append_json_string(out, finding.kind);
    out += ",\"drug\":"sv;
    append_json_string_or_null(out, finding.drug.has_value(),
                               finding.drug ? finding.drug->view() : std::string_view());
    out += ",\"message\":"sv;
    append_json_string(out, finding.message);
    out += ",\"actual\":"sv;
    append_json_number_or_null(out, finding.actual);
    out += ",\"limit\":"sv;
    append_json_number_or_null(out, finding.limit);
    out += ",\"unit\":"sv;
    append_json_string_or_null(out, !finding.unit.empty(), finding.unit);
    out += ",\"source\":"sv;
    append_json_string(out, finding.source);
    out += "}\n"sv;
}

// One CSV row in the column order of write_findings_header(csv); absent numbers are empty fields.
void append_finding_csv(std::string& out, std::string_view patient_id, std::string_view record,
                        const FindingSource& source, const model::Finding& finding) {
    append_csv_field(out, patient_id);
    out.push_back(',');
    append_csv_field(out, record);
    out.push_back(',');
    append_csv_field(out, source.prescription_id);
    out.push_back(',');
    if (source.prescription_ids.size() == 1) {
        append_csv_field(out, source.prescription_ids.front()); // most findings: no joined copy
    } else {
        append_csv_field(out, fmt::format("{}", fmt::join(source.prescription_ids, ";")));
    }
    out.push_back(',');
    append_csv_field(out, model::to_string(finding.severity));
    out.push_back(',');
    append_csv_field(out, finding.kind);
    out.push_back(',');
    append_csv_field(out, finding.drug ? std::string_view(*finding.drug) : std::string_view());
    out.push_back(',');
    append_csv_field(out, finding.message);
    out.push_back(',');
    if (finding.actual) {
        append_json_number(out, *finding.actual);
    }
    out.push_back(',');
    if (finding.limit) {
        append_json_number(out, *finding.limit);
    }
    out.push_back(',');
    append_csv_field(out, finding.unit);
    out.push_back(',');
    append_csv_field(out, finding.source);
    out += "\r\n"sv;
}

} // namespace

PlainRuleTexts::PlainRuleTexts(const rules::RuleSet& rules) {
    for (const auto& rule : rules.rules) {
        for (const std::string* text : {&rule.kind, &rule.message, &rule.unit, &rule.source}) {
            add(*text);
        }
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
}

void PlainRuleTexts::add(const std::string& text) {
    if (json_plain(text)) {
        m_texts.insert(&text);
    }
}

void append_finding(std::string& out, FindingsFormat format, std::string_view patient_id,
                    std::string_view record, const FindingSource& source, const model::Finding& finding,
                    const PlainRuleTexts* plain) {
    if (format == FindingsFormat::jsonl) {
        append_finding_jsonl(out, patient_id, record, source, finding, plain);
    } else {
        append_finding_csv(out, patient_id, record, source, finding);
    }
}

} // namespace medcheck::batch
