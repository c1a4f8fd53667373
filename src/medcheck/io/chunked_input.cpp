#include <medcheck/io/chunked_input.hpp>

#include <medcheck/util/text.hpp>

#include <algorithm>
#include <cstring>

namespace medcheck::io {

ChunkedInput::ChunkedInput(std::istream& in, std::function<void(std::string_view)> observer,
                           std::size_t padding)
    : m_in(in), m_observer(std::move(observer)), m_padding(padding) {}

bool ChunkedInput::fill() {
    if (eof) {
        return false;
    }
    if (pos > 0) {
        std::memmove(buffer.data(), buffer.data() + pos, end - pos);
        end -= pos;
        pos = 0;
    }
    if (buffer.size() < end + m_chunk + m_padding) {
        buffer.resize(end + m_chunk + m_padding);
    }
    m_in.read(buffer.data() + end, static_cast<std::streamsize>(m_chunk));
    m_chunk = std::min(k_max_chunk_bytes, m_chunk * 2);
    const auto got = static_cast<std::size_t>(m_in.gcount());
    if (got == 0 || !m_in) {
        eof = true;
    }
    if (got > 0 && m_observer) {
        m_observer(std::string_view(buffer.data() + end, got));
    }
    end += got;
    bytes_read += got;
    if (!m_started && end >= 3) {
        m_started = true;
        pos = util::utf8_bom_length(std::string_view(buffer.data(), end));
    }
    return got > 0;
}

} // namespace medcheck::io
