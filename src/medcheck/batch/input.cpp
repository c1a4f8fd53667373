#include <medcheck/batch/input.hpp>

#include <medcheck/util/text.hpp>

#include <algorithm>
#include <cstring>

namespace medcheck::batch {

std::optional<Format> parse_format(std::string_view text) {
    if (text == "csv") {
        return Format::csv;
    }
    if (text == "fhir-bundle" || text == "bundle") {
        return Format::fhir_bundle;
    }
    if (text == "fhir-ndjson" || text == "ndjson") {
        return Format::fhir_ndjson;
    }
    return std::nullopt;
}

Format detect_format(std::string_view head) {
    head.remove_prefix(util::utf8_bom_length(head));
    head = util::trim(head);
    if (head.empty() || head.front() != '{') {
        return Format::csv;
    }
    const std::size_t key = head.find("\"resourceType\"");
    if (key == std::string_view::npos) {
        return Format::fhir_ndjson;
    }
    std::string_view rest = head.substr(key + 14);
    rest = util::trim(rest);
    if (!rest.empty() && rest.front() == ':') {
        rest.remove_prefix(1);
    }
    rest = util::trim(rest);
    return rest.starts_with("\"Bundle\"") ? Format::fhir_bundle : Format::fhir_ndjson;
}

std::string read_head(std::istream& in, std::size_t count) {
    std::string head(count, '\0');
    in.read(head.data(), static_cast<std::streamsize>(count));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head;
}

PrefixedStream::Buffer::Buffer(std::string prefix, std::istream& rest)
    : m_data(std::move(prefix)), m_rest(rest) {
    char* begin = m_data.data();
    setg(begin, begin, begin + m_data.size());
}

PrefixedStream::Buffer::int_type PrefixedStream::Buffer::underflow() {
    if (gptr() < egptr()) {
        return traits_type::to_int_type(*gptr());
    }
    m_data.resize(1U << 16U);
    m_rest.read(m_data.data(), static_cast<std::streamsize>(m_data.size()));
    const auto got = static_cast<std::size_t>(m_rest.gcount());
    if (got == 0) {
        return traits_type::eof();
    }
    setg(m_data.data(), m_data.data(), m_data.data() + got);
    return traits_type::to_int_type(*gptr());
}

std::streamsize PrefixedStream::Buffer::xsgetn(char_type* s, std::streamsize count) {
    std::streamsize total = 0;
    // First whatever is buffered, then large reads straight from the underlying stream.
    const std::streamsize buffered = std::min<std::streamsize>(count, egptr() - gptr());
    if (buffered > 0) {
        std::memcpy(s, gptr(), static_cast<std::size_t>(buffered));
        gbump(static_cast<int>(buffered));
        total += buffered;
    }
    if (total < count && m_rest) {
        m_rest.read(s + total, count - total);
        total += m_rest.gcount();
    }
    return total;
}

PrefixedStream::PrefixedStream(std::string prefix, std::istream& rest)
    : std::istream(nullptr), m_buffer(std::move(prefix), rest) {
    rdbuf(&m_buffer);
}

std::string record_prefix(std::string_view name, Format format) {
    return std::string(name) + (format == Format::fhir_bundle ? "#entry " : ":");
}

} // namespace medcheck::batch
