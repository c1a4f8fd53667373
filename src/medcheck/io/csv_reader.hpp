#pragma once

#include <medcheck/io/chunked_input.hpp>
#include <medcheck/util/text.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace medcheck::io {

// Size bounds that keep hostile CSV from exhausting memory.
struct CsvLimits {
    std::size_t max_record_bytes = 1U << 20U; // one record, quoted newlines included
    std::size_t max_fields = 1024;            // fields in one record
};

// One CSV record. `fields` point into the reader's buffers and stay valid until the next call to
// CsvReader::next. When `error` is set the record could not be read and `fields` is empty.
struct CsvRecord {
    std::uint64_t line = 0; // physical line (1-based) where the record starts
    std::vector<std::string_view> fields;
    std::string error; // why the record was rejected, naming the field where known
    // The fields lie in one buffer one separator apart (no field was quoted): a copy of the record
    // can take them in one piece.
    bool contiguous = false;
    // No byte of the record is up to a space (as are all util::trim takes off): no field needs
    // trimming. Set only for a plain line split by CsvReader::split_plain, which finds it in the same
    // pass.
    bool spaceless = false;
};

// Streaming RFC 4180 reader: quoted fields with "" escapes, embedded commas and newlines, CRLF or LF
// line ends, a UTF-8 byte order mark, blank lines ignored. A record that cannot be read (unterminated
// quote, text after a closing quote, over the size limits) is returned with `error` set and reading
// resumes on the line after the one where that record started, so one bad record loses nothing else.
class CsvReader {
  public:
    // `observer`, if set, sees every chunk of bytes as it is read (for digests and progress).
    explicit CsvReader(std::istream& in, CsvLimits limits = {},
                       std::function<void(std::string_view)> observer = {});

    // Reads the next record; false at the end of the input.
    bool next(CsvRecord& record);
    // Reads the next record as next() does, except that a plain one (no quote, a line shorter than the
    // field limit: it cannot have too many fields) is not split into fields: `plain` is then its bytes
    // without the line end and `record.fields` is empty; split_plain makes the fields next() would
    // have read. A reader that hands records to other threads copies lines, not fields.
    bool next_unsplit(CsvRecord& record, std::optional<std::string_view>& plain);
    // The fields of a plain line: its comma-separated parts, into `fields` (cleared first); returns
    // whether the line has no byte up to a space (CsvRecord::spaceless). Reads sixteen bytes at a
    // time, up to 15 past the line's end: they must be readable (padding).
    static bool split_plain(std::string_view line, std::vector<std::string_view>& fields);
    // Field `index` of a plain line; empty when the line has fewer fields.
    static std::string_view plain_field(std::string_view line, std::size_t index);

    // Bytes consumed from the stream so far.
    std::uint64_t bytes_read() const { return m_input.bytes_read; }

  private:
    enum class Parse { complete, need_more, error, next_field }; // next_field: only within a record
    struct Span {
        bool in_scratch;
        std::size_t offset;
        std::size_t length;
    };

    bool read(CsvRecord& record, std::optional<std::string_view>* plain);
    bool plain_line(CsvRecord& record, std::string_view& line);
    // Whether a quote lies in the buffer's bytes [from, to) (plain_line's lines, read in order): the
    // buffer is searched for its next quote once, not each line for one.
    bool quote_in(std::size_t from, std::size_t to);
    bool plain_record(CsvRecord& record);
    Parse parse_record(std::size_t& end, std::size_t& newlines, std::string& error);
    Parse parse_quoted_field(std::size_t& i, std::size_t limit, std::size_t& end, std::size_t& newlines,
                             std::string& error);
    Parse parse_unquoted_field(std::size_t& i, std::size_t limit, std::size_t& end, std::size_t& newlines,
                               std::string& error);
    bool too_long() const;
    // The buffer ends inside a record: read more, unless the record is already over the limit.
    Parse more_or_too_long(std::string& error) const;
    void skip_line();
    bool blank_line();

    ChunkedInput m_input;
    CsvLimits m_limits;
    std::size_t m_plain_line_bytes; // the longest line plain_line takes (0: none, few fields allowed)
    bool m_started = false;         // the first record has begun (after at least 3 bytes: a byte order mark)
    std::uint64_t m_line = 1;
    std::string m_scratch;
    // quote_in's last search, as stream offsets: where it stopped, and the quote it found there or
    // before (m_quote_searched: none).
    std::uint64_t m_quote_searched = 0;
    std::uint64_t m_quote = 0;
    std::vector<Span> m_spans;
};

// Calls `fn` with each trimmed, non-empty item of a `;`-separated list field, as a view of `text`
// (a batch reads one or two such cells per row, and most items are filed as they are).
template <typename Fn> void for_each_list_item(std::string_view text, Fn&& fn) {
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(';', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const std::string_view item = util::trim(text.substr(start, end - start));
        if (!item.empty()) {
            fn(item);
        }
        start = end + 1;
    }
}

} // namespace medcheck::io
