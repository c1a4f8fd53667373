// FHIR readers: NDJSON (one resource per line) and Bundle documents, into a FhirSink.
#include <medcheck/io/chunked_input.hpp>
#include <medcheck/io/fhir_parts.hpp>

#include <medcheck/util/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <map>

namespace medcheck::io {

using namespace std::string_view_literals;

namespace {

using namespace fhir_detail;

std::string json_error(simdjson::error_code error) {
    return fmt::format("malformed JSON ({})", simdjson::error_message(error));
}

// The whole Bundle document as text; nullopt (and a rejection) when it is over the size limit, in
// which case the rest of the input is still passed to the observer.
std::optional<std::string> read_bundle_text(std::istream& in, FhirSink& sink, const FhirLimits& limits,
                                            const std::function<void(std::string_view)>& observer) {
    std::string text;
    std::array<char, 1 << 16> chunk{};
    while (in) {
        in.read(chunk.data(), chunk.size());
        const auto got = static_cast<std::size_t>(in.gcount());
        if (observer && got > 0) {
            observer(std::string_view(chunk.data(), got));
        }
        if (text.size() + got > limits.max_bundle_bytes) {
            sink.rejected(1, "Bundle", fmt::format("document larger than {} bytes", limits.max_bundle_bytes));
            while (in) {
                in.read(chunk.data(), chunk.size());
                if (observer && in.gcount() > 0) {
                    observer(std::string_view(chunk.data(), static_cast<std::size_t>(in.gcount())));
                }
            }
            return std::nullopt;
        }
        text.append(chunk.data(), got);
    }
    return text;
}

using UrlMap = std::map<std::string, std::string, std::less<>>;

// Patients and Medications referenced by fullUrl (urn:uuid:...), found by their id.
struct BundleUrls {
    UrlMap patients;    // fullUrl -> patient id
    UrlMap medications; // fullUrl -> "Medication/<id>"
};

BundleUrls index_bundle_urls(dom::array entries) {
    BundleUrls urls;
    for (dom::element entry : entries) {
        dom::element resource;
        if (entry["resource"sv].get(resource) != simdjson::SUCCESS) {
            continue;
        }
        const std::string_view type = text_of(resource, "resourceType");
        const std::string_view full_url = text_of(entry, "fullUrl");
        const std::string_view id = text_of(resource, "id");
        if (full_url.empty() || id.empty()) {
            continue;
        }
        if (type == "Patient") {
            urls.patients.emplace(std::string(full_url), std::string(id));
        } else if (type == "Medication") {
            urls.medications.emplace(std::string(full_url), "Medication/" + std::string(id));
        }
    }
    return urls;
}

// Re-targets references written as a Bundle fullUrl: subjects to the patient's id, medications to
// "Medication/<id>".
class Retarget : public FhirSink {
  public:
    Retarget(FhirSink& inner, const BundleUrls& urls) : m_inner(inner), m_urls(urls) {}
    void patient(std::uint64_t record, FhirPatient&& patient) override {
        m_inner.patient(record, std::move(patient));
    }
    void medication_request(std::uint64_t record, FhirMedicationRequest&& request) override {
        fix(request.patient);
        if (const auto it = m_urls.medications.find(request.medication_reference);
            it != m_urls.medications.end()) {
            request.medication_reference = it->second;
        }
        m_inner.medication_request(record, std::move(request));
    }
    void condition(std::uint64_t record, FhirCondition&& condition) override {
        fix(condition.patient);
        m_inner.condition(record, std::move(condition));
    }
    void observation(std::uint64_t record, FhirObservation&& observation) override {
        fix(observation.patient);
        m_inner.observation(record, std::move(observation));
    }
    void medication(std::uint64_t record, FhirMedication&& medication) override {
        m_inner.medication(record, std::move(medication));
    }
    void skipped(std::uint64_t record, const std::string& reason) override {
        m_inner.skipped(record, reason);
    }
    void rejected(std::uint64_t record, const std::string& field, const std::string& reason) override {
        m_inner.rejected(record, field, reason);
    }

  private:
    void fix(std::string& patient) const {
        if (const auto it = m_urls.patients.find(patient); it != m_urls.patients.end()) {
            patient = it->second;
        }
    }
    FhirSink& m_inner;
    const BundleUrls& m_urls;
};

// Each entry is one record, numbered from 1; a bad entry is rejected and the others still read.
// `entry_list`: the entries' array on the tape, walked beside the DOM's (the mappers read the tape).
void map_bundle_entries(dom::array entries, TapeValue entry_list, FhirSink& sink, FhirSink& retarget) {
    std::vector<TapeValue> entry_values;
    entry_values.reserve(entries.size());
    entry_list.for_each_item([&](TapeValue entry) {
        entry_values.push_back(entry);
        return false;
    });
    std::uint64_t record = 0;
    for (dom::element entry : entries) {
        const TapeValue entry_value = entry_values[record];
        ++record;
        dom::object entry_object;
        if (entry.get_object().get(entry_object) != simdjson::SUCCESS) {
            sink.rejected(record, "entry", "entry is not a JSON object");
            continue;
        }
        if (const auto twice = duplicate_key(entry_object)) {
            sink.rejected(record, "entry." + std::string(twice->substr(0, 64)), duplicate_reason(*twice));
            continue;
        }
        dom::element resource;
        const std::optional<TapeValue> resource_value = member_of(entry_value, "resource");
        if (entry["resource"sv].get(resource) != simdjson::SUCCESS || !resource_value) {
            sink.rejected(record, "entry.resource", "entry without a resource");
            continue;
        }
        map_resource({*resource_value, resource}, record, retarget);
    }
}

} // namespace

void read_fhir_resource(std::string_view json, std::uint64_t record, FhirSink& sink) {
    dom::parser parser;
    const simdjson::padded_string padded(json);
    if (const auto error = parser.parse(padded).error(); error != simdjson::SUCCESS) {
        sink.rejected(record, "line", json_error(error));
        return;
    }
    map_root_resource(parser.doc, record, sink, std::numeric_limits<std::size_t>::max());
}

void fhir_detail::split_ndjson_lines(
    std::istream& in, const FhirLimits& limits, const std::function<void(std::string_view)>& observer,
    const std::function<void(const char*, std::span<const LineSpan>)>& lines_read,
    const std::function<void(std::uint64_t)>& too_long) {
    // The buffer keeps simdjson's padding after the data, so a line can be parsed in place.
    ChunkedInput input(in, observer, simdjson::SIMDJSON_PADDING);
    std::string& buffer = input.buffer;
    std::size_t& pos = input.pos;
    bool skipping = false; // inside an over-long line already rejected
    std::uint64_t line = 0;
    // The lines found in the buffer and not yet given: given before it is refilled (which moves them),
    // before an over-long line's rejection, and at the end.
    std::vector<LineSpan> found_lines;
    const auto give = [&] {
        if (!found_lines.empty()) {
            lines_read(buffer.data(), found_lines);
            found_lines.clear();
        }
    };
    while (true) {
        const void* found = std::memchr(buffer.data() + pos, '\n', input.end - pos);
        if (found == nullptr && !input.eof && input.end - pos < limits.max_line_bytes) {
            give();
            input.fill();
            continue;
        }
        std::size_t line_end = found != nullptr
                                   ? static_cast<std::size_t>(static_cast<const char*>(found) - buffer.data())
                                   : (input.eof ? input.end : pos + limits.max_line_bytes);
        if (found == nullptr && input.eof && pos >= input.end) {
            give();
            return;
        }
        if (skipping) {
            pos = found != nullptr ? line_end + 1 : line_end;
            skipping = found == nullptr;
            continue;
        }
        ++line;
        if (found == nullptr && !input.eof) {
            give();
            too_long(line);
            pos = line_end;
            skipping = true;
            continue;
        }
        if (line_end - pos > limits.max_line_bytes) {
            // A whole over-long line already in the buffer (found in one read).
            give();
            too_long(line);
            pos = found != nullptr ? line_end + 1 : line_end;
            continue;
        }
        const std::string_view text = util::trim(std::string_view(buffer.data() + pos, line_end - pos));
        pos = found != nullptr ? line_end + 1 : line_end;
        if (!text.empty()) {
            const auto begin = static_cast<std::size_t>(text.data() - buffer.data());
            found_lines.push_back({line, begin, begin + text.size()});
        }
    }
}

std::string fhir_detail::line_too_long(const FhirLimits& limits) {
    return fmt::format("line longer than {} bytes", limits.max_line_bytes);
}

fhir_detail::LineParser::LineParser(const FhirLimits& limits)
    : m_parser(limits.max_line_bytes), m_run_bytes(std::min(limits.max_line_bytes, k_run_bytes)) {
    // The parser starts with room for a run of lines and grows to the longest line seen, up to
    // max_line_bytes; the depth limit stays as allocated (a stream keeps it: it grows the parser only
    // past the run's size, keeping its depth).
    if (m_parser.allocate(std::min(limits.max_line_bytes, std::max(k_first_chunk_bytes, k_run_bytes)),
                          limits.max_depth) != simdjson::SUCCESS) {
        throw std::bad_alloc();
    }
    // A stream's first stage is run here, never on a thread of its own.
    m_parser.threaded = false;
}

void fhir_detail::LineParser::read(std::uint64_t line, std::string_view text, FhirSink& sink) {
    if (const auto error = m_parser.parse(text.data(), text.size(), false).error();
        error != simdjson::SUCCESS) {
        sink.rejected(line, "line", json_error(error));
        return;
    }
    map_root_resource(m_parser.doc, line, sink, text.size(), &m_dosages, &m_request);
}

void fhir_detail::LineParser::read_lines(const char* buffer, std::span<const LineSpan> lines,
                                         FhirSink& sink) {
    std::size_t next = 0;
    while (next < lines.size()) {
        std::size_t end = next + 1;
        while (end < lines.size() && lines[end].end - lines[next].begin <= m_run_bytes) {
            ++end;
        }
        // A run of one line is parsed alone; a stream that stops early leaves the rest of its run to be
        // read line by line (a new stream from each line not taken would read a run of hostile lines
        // again and again).
        if (end - next > 1) {
            next += read_run(buffer, lines.subspan(next, end - next), sink);
        }
        for (; next < end; ++next) {
            const LineSpan& line = lines[next];
            read(line.number, std::string_view(buffer + line.begin, line.end - line.begin), sink);
        }
    }
}

std::size_t fhir_detail::LineParser::read_run(const char* buffer, std::span<const LineSpan> run,
                                              FhirSink& sink) {
    const std::size_t base = run.front().begin;
    dom::document_stream stream;
    if (m_parser.parse_many(buffer + base, run.back().end - base, m_run_bytes).get(stream) !=
        simdjson::SUCCESS) {
        return 0;
    }
    std::size_t taken = 0;
    for (auto document = stream.begin(); taken < run.size() && document != stream.end(); ++document) {
        const LineSpan& line = run[taken];
        const std::size_t size = line.end - line.begin;
        // An object found exactly where the line is (source() runs to its closing brace).
        if ((*document).error() != simdjson::SUCCESS || buffer[line.begin] != '{' ||
            document.current_index() != line.begin - base || document.source().size() != size) {
            break;
        }
        map_root_resource(m_parser.doc, line.number, sink, size, &m_dosages, &m_request);
        ++taken;
    }
    return taken;
}

void read_fhir_ndjson(std::istream& in, FhirSink& sink, const FhirLimits& limits,
                      const std::function<void(std::string_view)>& observer) {
    LineParser parser(limits);
    split_ndjson_lines(
        in, limits, observer,
        [&](const char* buffer, std::span<const LineSpan> lines) { parser.read_lines(buffer, lines, sink); },
        [&](std::uint64_t line) { sink.rejected(line, "line", line_too_long(limits)); });
}

void read_fhir_bundle(std::istream& in, FhirSink& sink, const FhirLimits& limits,
                      const std::function<void(std::string_view)>& observer) {
    std::optional<std::string> text = read_bundle_text(in, sink, limits, observer);
    if (!text) {
        return;
    }
    // Parsed in place (the padding simdjson reads past the end is added to the text, not to a copy),
    // and the text is released once parsed: the DOM holds its own copy of every string, so a large
    // Bundle is in memory once as text and once as DOM, never both plus a copy.
    const std::size_t bom = util::utf8_bom_length(*text);
    const std::size_t length = text->size() - bom;
    text->resize(text->size() + simdjson::SIMDJSON_PADDING, '\0');
    dom::parser parser;
    if (parser.allocate(length + 1, limits.max_depth) != simdjson::SUCCESS) {
        throw std::bad_alloc();
    }
    dom::element bundle;
    const auto error = parser.parse(text->data() + bom, length, false).get(bundle);
    std::string().swap(*text);
    if (error != simdjson::SUCCESS) {
        sink.rejected(1, "Bundle", json_error(error));
        return;
    }
    if (dom::object bundle_object; bundle.get_object().get(bundle_object) == simdjson::SUCCESS) {
        if (const auto twice = duplicate_key(bundle_object)) {
            sink.rejected(1, "Bundle." + std::string(twice->substr(0, 64)), duplicate_reason(*twice));
            return;
        }
    }
    if (text_of(bundle, "resourceType") != "Bundle") {
        sink.rejected(1, "Bundle.resourceType", "not a Bundle");
        return;
    }
    dom::array entries;
    if (bundle["entry"sv].get_array().get(entries) != simdjson::SUCCESS) {
        return; // an empty Bundle has no records
    }
    const BundleUrls urls = index_bundle_urls(entries);
    Retarget retarget(sink, urls);
    // The same first "entry" on the tape.
    map_bundle_entries(entries, TapeValue(parser.doc, root_member(parser.doc, "entry")), sink, retarget);
}

} // namespace medcheck::io
