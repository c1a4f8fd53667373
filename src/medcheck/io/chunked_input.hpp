#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <string_view>

namespace medcheck::io {

// Streaming readers start with a small chunk, so a short file costs little, and double it up to
// a cap, so a long file is read in few calls without holding it whole.
inline constexpr std::size_t k_first_chunk_bytes = std::size_t{1} << 16U;
inline constexpr std::size_t k_max_chunk_bytes = std::size_t{1} << 20U;

// The buffer both streaming readers (CSV records, NDJSON lines) parse in place: the unread tail of
// the input at [pos, end), refilled one chunk at a time. The buffer only grows to the longest record
// plus one chunk (each reader bounds its record), and always has `padding` bytes after the data
// (simdjson reads up to SIMDJSON_PADDING past the end of what it parses). A UTF-8 byte order mark at
// the start is skipped.
class ChunkedInput {
  public:
    // `observer`, if set, sees every chunk as it is read (digests, progress).
    ChunkedInput(std::istream& in, std::function<void(std::string_view)> observer, std::size_t padding = 0);

    // Moves the unread tail to the front and reads one more chunk after it; false when nothing was
    // read (the end of the input).
    bool fill();

    const char* data() const { return buffer.data(); }

    std::string buffer;
    std::size_t pos = 0; // first unread byte
    std::size_t end = 0; // end of the data read
    bool eof = false;
    std::uint64_t bytes_read = 0; // consumed from the stream so far

  private:
    std::istream& m_in;
    std::function<void(std::string_view)> m_observer;
    std::size_t m_padding;
    std::size_t m_chunk = k_first_chunk_bytes;
    bool m_started = false;
};

} // namespace medcheck::io
