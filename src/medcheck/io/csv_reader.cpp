#include <medcheck/io/csv_reader.hpp>

#include <medcheck/util/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace medcheck::io {

namespace {

// Bytes the buffer has after its data: plain_record loads sixteen bytes at a time, past the end of
// the data (the bytes there are masked off).
constexpr std::size_t k_padding = 16;

// More room for a line's field views: `fields` grown to twice the `written` (at least 16); returns
// where the next view goes. Out of line: the lines of one input have alike counts, so it is rare.
[[gnu::noinline]] std::string_view* more_fields(std::vector<std::string_view>& fields, std::size_t written,
                                                std::size_t wanted) {
    fields.resize(std::max<std::size_t>(16, (written + wanted) * 2));
    return fields.data() + written;
}

#if defined(__SSE2__)
// Sixteen zero bytes, then sixteen of 0xFF: the sixteen from `16 - n` keep a load's first n bytes
// when ORed with it, and set the others to 0xFF.
constexpr std::array<char, 32> k_after_line{0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
                                            -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};

// A plain line's bytes, sixty-four at a time (sixteen per load): each block's commas as a mask and as a
// count (split_plain makes room for that many views once), and the least byte of the line (whether it
// has one up to a space). The bytes after the line are set to 0xFF, neither a comma nor a low byte.
class LineScan {
  public:
    // The commas of the sixty-four bytes at `at`.
    std::uint64_t commas_in(const char* at) {
        return take(load(at)) | take(load(at + 16)) << 16U | take(load(at + 32)) << 32U |
               take(load(at + 48)) << 48U;
    }
    // The commas of the line's last `size` bytes (1 to 64) at `at`.
    std::uint64_t commas_in_last(const char* at, std::size_t size) {
        const std::size_t last = (size - 1) & ~std::size_t{15}; // the last load's offset
        std::uint64_t commas = last > 0 ? take(load(at)) : 0;
        if (last > 16) {
            commas |= take(load(at + 16)) << 16U;
        }
        if (last > 32) {
            commas |= take(load(at + 32)) << 32U;
        }
        const __m128i after_line = load(k_after_line.data() + 16 - (size - last));
        return commas | take(_mm_or_si128(load(at + last), after_line)) << last;
    }
    // The commas taken since the last call.
    std::size_t take_count() {
        const __m128i zero = _mm_setzero_si128();
        const __m128i sums = _mm_sad_epu8(_mm_sub_epi8(zero, m_minus_count), zero);
        m_minus_count = zero;
        return static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) +
               static_cast<std::size_t>(_mm_extract_epi16(sums, 4));
    }
    // No byte taken is up to a space: max(byte, ' ') leaves none at ' '.
    bool spaceless() const {
        const __m128i space = _mm_set1_epi8(' ');
        return _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(m_least, space), space)) == 0;
    }

  private:
    static __m128i load(const char* at) {
        return _mm_loadu_si128(reinterpret_cast<const __m128i*>(at)); // NOLINT
    }
    std::uint64_t take(__m128i bytes) {
        m_least = _mm_min_epu8(m_least, bytes);
        const __m128i commas = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(','));
        m_minus_count = _mm_add_epi8(m_minus_count, commas); // a comma's lane is -1
        return std::uint64_t{static_cast<std::uint32_t>(_mm_movemask_epi8(commas))};
    }

    __m128i m_least = _mm_set1_epi8(-1);
    __m128i m_minus_count = _mm_setzero_si128(); // minus the commas taken, by byte lane
};

// Sixteen bytes of a record scanned from `from` (those at `limit` and after masked off): the bits of
// the bytes up to the record's line feed (the bytes after it are the next record's), of that line
// feed, and whether a quote is among them.
struct RecordChunk {
    __m128i bytes;
    std::uint32_t record_bits;
    std::uint32_t line_end;
    bool quoted;
};

RecordChunk record_chunk(const char* data, std::size_t from, std::size_t limit) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + from)); // NOLINT
    const std::uint32_t valid = limit - from >= 16 ? 0xFFFFU : (1U << (limit - from)) - 1;
    const auto newlines =
        static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('\n'))));
    const std::uint32_t record_bits = valid & (newlines != 0 ? (newlines ^ (newlines - 1)) : 0xFFFFU);
    const auto quotes =
        static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"'))));
    return {bytes, record_bits, newlines & record_bits, (quotes & record_bits) != 0};
}
#endif

} // namespace

CsvReader::CsvReader(std::istream& in, CsvLimits limits, std::function<void(std::string_view)> observer)
    : m_input(in, std::move(observer), k_padding), m_limits(limits),
      // plain_record's field test never stops a line of this many bytes, nor of fewer.
      m_plain_line_bytes(
          limits.max_fields <= 16 ? 0 : std::min(limits.max_record_bytes, limits.max_fields - 16)) {}

// Whether the record being parsed has reached the size limit (it cannot be completed by reading more).
inline bool CsvReader::too_long() const {
    return m_input.end - m_input.pos >= m_limits.max_record_bytes;
}

inline CsvReader::Parse CsvReader::more_or_too_long(std::string& error) const {
    if (too_long()) {
        error = fmt::format("record longer than {} bytes", m_limits.max_record_bytes);
        return Parse::error;
    }
    return Parse::need_more;
}

// A quoted field from the quote at `i`, copied into scratch with "" turned into "; then what follows
// the closing quote: a separator (next_field, `i` after it), a line end or the end of the input.
inline CsvReader::Parse CsvReader::parse_quoted_field(std::size_t& i, std::size_t limit, std::size_t& end,
                                                      std::size_t& newlines, std::string& error) {
    const char* const data = m_input.buffer.data();
    const std::size_t start = m_scratch.size();
    ++i;
    while (true) {
        const void* found = std::memchr(data + i, '"', limit - i);
        if (found == nullptr) {
            if (m_input.eof || too_long()) {
                error = fmt::format("field {}: unterminated quote (or record longer than {} bytes)",
                                    m_spans.size() + 1, m_limits.max_record_bytes);
                return Parse::error;
            }
            return Parse::need_more;
        }
        const auto q = static_cast<std::size_t>(static_cast<const char*>(found) - data);
        newlines += static_cast<std::size_t>(std::count(data + i, data + q, '\n'));
        m_scratch.append(data + i, q - i);
        if (q + 1 >= limit && !m_input.eof && !too_long()) {
            return Parse::need_more;
        }
        if (q + 1 < limit && data[q + 1] == '"') {
            m_scratch.push_back('"');
            i = q + 2;
            continue;
        }
        i = q + 1;
        break;
    }
    m_spans.push_back({true, start, m_scratch.size() - start});
    if (i < limit && data[i] == '\r' && i + 1 < limit && data[i + 1] == '\n') {
        ++i;
    } else if (i < limit && data[i] == '\r' && i + 1 >= limit && !m_input.eof) {
        return Parse::need_more;
    }
    if (i >= limit) {
        if (m_input.eof && limit == m_input.end) {
            end = i;
            return Parse::complete;
        }
        return more_or_too_long(error);
    }
    if (data[i] == ',') {
        ++i;
        return Parse::next_field;
    }
    if (data[i] == '\n') {
        ++newlines;
        end = i + 1;
        return Parse::complete;
    }
    error = fmt::format("field {}: bad quoting (text after the closing quote)", m_spans.size());
    return Parse::error;
}

namespace {

// The first ',' or '\n' in data[from, limit), or `limit`: sixteen bytes at a time where SSE2 is there
// (every x86-64), then byte by byte. Every byte of a CSV input passes through here.
std::size_t field_end(const char* data, std::size_t from, std::size_t limit) {
#if defined(__SSE2__)
    const __m128i comma = _mm_set1_epi8(',');
    const __m128i newline = _mm_set1_epi8('\n');
    for (; from + 16 <= limit; from += 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + from)); // NOLINT
        const auto found = static_cast<unsigned>(
            _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(bytes, comma), _mm_cmpeq_epi8(bytes, newline))));
        if (found != 0) {
            return from + static_cast<std::size_t>(__builtin_ctz(found));
        }
    }
#endif
    while (from < limit && data[from] != ',' && data[from] != '\n') {
        ++from;
    }
    return from;
}

} // namespace

// An unquoted field from `i` up to the next comma (next_field, `i` after it) or line end.
inline CsvReader::Parse CsvReader::parse_unquoted_field(std::size_t& i, std::size_t limit, std::size_t& end,
                                                        std::size_t& newlines, std::string& error) {
    const char* const data = m_input.buffer.data();
    const std::size_t j = field_end(data, i, limit);
    if (j >= limit) {
        if (m_input.eof && limit == m_input.end) {
            std::size_t length = j - i;
            if (length > 0 && data[i + length - 1] == '\r') {
                --length;
            }
            m_spans.push_back({false, i, length});
            end = j;
            return Parse::complete;
        }
        return more_or_too_long(error);
    }
    if (data[j] == ',') {
        m_spans.push_back({false, i, j - i});
        i = j + 1;
        return Parse::next_field;
    }
    std::size_t length = j - i;
    if (length > 0 && data[i + length - 1] == '\r') {
        --length;
    }
    m_spans.push_back({false, i, length});
    ++newlines;
    end = j + 1;
    return Parse::complete;
}

// A record without a quote, whose line feed is in the buffer within the size limit: its fields as
// views of the buffer, found sixteen bytes at a time (most records of an export are such). false:
// nothing read, the general parse takes it (a quote, the line not read whole yet, near the most fields).
bool CsvReader::plain_record(CsvRecord& record) {
#if defined(__SSE2__)
    const char* const data = m_input.buffer.data();
    const std::size_t limit = std::min(m_input.end, m_input.pos + m_limits.max_record_bytes);
    const __m128i comma = _mm_set1_epi8(',');
    std::size_t field = m_input.pos;
    for (std::size_t from = m_input.pos; from < limit; from += 16) {
        const RecordChunk chunk = record_chunk(data, from, limit);
        if (chunk.quoted) {
            break;
        }
        std::uint32_t commas =
            static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk.bytes, comma))) &
            chunk.record_bits;
        const std::uint32_t line_end = chunk.line_end;
        // A chunk ends at most 16 fields: tested once here, not for each field. A record this near
        // the limit is left to the general parse, which reads it field by field.
        if (record.fields.size() + 16 > m_limits.max_fields) {
            break;
        }
        for (; commas != 0; commas &= commas - 1) {
            const std::size_t at = from + static_cast<std::size_t>(__builtin_ctz(commas));
            record.fields.emplace_back(data + field, at - field);
            field = at + 1;
        }
        if (line_end != 0) {
            const std::size_t at = from + static_cast<std::size_t>(__builtin_ctz(line_end));
            std::size_t length = at - field;
            if (length > 0 && data[at - 1] == '\r') {
                --length;
            }
            record.fields.emplace_back(data + field, length);
            record.contiguous = true;
            record.line = m_line++;
            m_input.pos = at + 1;
            return true;
        }
    }
    record.fields.clear();
#else
    (void)record;
#endif
    return false;
}

// A plain record's line, whose line feed is in the buffer within both limits (the field limit in
// bytes: a line that short cannot have too many fields), found by memchr without looking for commas;
// whether a quote is in it is asked of the quote found last (quote_in). false: nothing read, next()
// reads the record.
bool CsvReader::plain_line(CsvRecord& record, std::string_view& line) {
    if (m_plain_line_bytes == 0) {
        return false;
    }
    const char* const data = m_input.buffer.data();
    const std::size_t limit = std::min(m_input.end, m_input.pos + m_plain_line_bytes);
    const void* const found = std::memchr(data + m_input.pos, '\n', limit - m_input.pos);
    if (found == nullptr) {
        return false;
    }
    const auto at = static_cast<std::size_t>(static_cast<const char*>(found) - data);
    if (quote_in(m_input.pos, at)) {
        return false;
    }
    std::size_t length = at - m_input.pos;
    if (length > 0 && data[at - 1] == '\r') {
        --length; // the last field's, as plain_record drops it
    }
    line = std::string_view(data + m_input.pos, length);
    record.contiguous = true;
    record.line = m_line++;
    m_input.pos = at + 1;
    return true;
}

// Stream offsets (the buffer moves as it is refilled): the buffer's byte `i` is the stream's
// bytes_read - end + i. No quote lies from where the last search started up to m_quote (a quote at
// m_quote unless that is m_quote_searched, where the search stopped).
bool CsvReader::quote_in(std::size_t from, std::size_t to) {
    const std::uint64_t base = m_input.bytes_read - m_input.end;
    const std::uint64_t start = base + from;
    const std::uint64_t stop = base + to;
    if (stop <= m_quote) {
        return false; // records are read in order: `start` is at or after where the search started
    }
    if (m_quote < m_quote_searched && m_quote >= start) {
        return true; // the quote is in [start, stop)
    }
    // The quote found last lies before this line, or the search stopped before its end: search on
    // from the line to the end of the buffer.
    const char* const data = m_input.buffer.data();
    const void* const quote = std::memchr(data + from, '"', m_input.end - from);
    m_quote_searched = base + m_input.end;
    m_quote = quote == nullptr ? m_quote_searched
                               : base + static_cast<std::size_t>(static_cast<const char*>(quote) - data);
    return m_quote < stop;
}

bool CsvReader::split_plain(std::string_view line, std::vector<std::string_view>& fields) {
    // The views are written over the elements the vector has, through local pointers (a store through
    // a member could change the member, which would be read again after each), then the vector is cut
    // to those written.
    std::string_view* out = fields.data();
    std::string_view* out_end = out + fields.size();
    const char* field = line.data();
    const char* const end = line.data() + line.size();
    // The fields that end at the commas of `commas`, bits of the bytes from `from`: room is made once
    // for `count` of them and the line's last field.
    const auto split = [&](const char* from, std::uint64_t commas, std::size_t count) {
        if (static_cast<std::size_t>(out_end - out) <= count) {
            out = more_fields(fields, static_cast<std::size_t>(out - fields.data()), count + 1);
            out_end = fields.data() + fields.size();
        }
        for (; commas != 0; commas &= commas - 1) {
            const char* const comma_at = from + __builtin_ctzll(commas);
            *out++ = std::string_view(field, static_cast<std::size_t>(comma_at - field));
            field = comma_at + 1;
        }
    };
#if defined(__SSE2__)
    LineScan scan;
    const char* block = line.data();
    for (; end - block >= 64; block += 64) {
        const std::uint64_t commas = scan.commas_in(block);
        split(block, commas, scan.take_count());
    }
    if (block < end) {
        const std::uint64_t commas = scan.commas_in_last(block, static_cast<std::size_t>(end - block));
        split(block, commas, scan.take_count());
    }
    const bool spaceless = scan.spaceless();
#else
    bool spaceless = true;
    for (const char* at = line.data(); at < end; ++at) {
        spaceless = spaceless && static_cast<unsigned char>(*at) > ' ';
        if (*at == ',') {
            split(at, 1, 1);
        }
    }
#endif
    split(end, 0, 0); // room for the last field
    *out++ = std::string_view(field, static_cast<std::size_t>(end - field));
    fields.resize(static_cast<std::size_t>(out - fields.data()));
    return spaceless;
}

std::string_view CsvReader::plain_field(std::string_view line, std::size_t index) {
    const char* at = line.data();
    const char* const end = line.data() + line.size();
    while (true) {
        const auto* const comma =
            static_cast<const char*>(std::memchr(at, ',', static_cast<std::size_t>(end - at)));
        if (comma == nullptr) {
            return index == 0 ? std::string_view(at, static_cast<std::size_t>(end - at)) : std::string_view();
        }
        if (index == 0) {
            return {at, static_cast<std::size_t>(comma - at)};
        }
        --index;
        at = comma + 1;
    }
}

CsvReader::Parse CsvReader::parse_record(std::size_t& end, std::size_t& newlines, std::string& error) {
    m_scratch.clear();
    m_spans.clear();
    newlines = 0;
    std::size_t i = m_input.pos;
    const std::size_t limit = std::min(m_input.end, m_input.pos + m_limits.max_record_bytes);
    while (true) {
        if (m_spans.size() >= m_limits.max_fields) {
            error = fmt::format("more than {} fields", m_limits.max_fields);
            return Parse::error;
        }
        const Parse field = i < limit && m_input.buffer[i] == '"'
                                ? parse_quoted_field(i, limit, end, newlines, error)
                                : parse_unquoted_field(i, limit, end, newlines, error);
        if (field != Parse::next_field) {
            return field;
        }
    }
}

void CsvReader::skip_line() {
    // Resynchronise on the line after the one where the bad record started.
    while (true) {
        const void* found = std::memchr(m_input.buffer.data() + m_input.pos, '\n', m_input.end - m_input.pos);
        if (found != nullptr) {
            m_input.pos =
                static_cast<std::size_t>(static_cast<const char*>(found) - m_input.buffer.data()) + 1;
            ++m_line;
            return;
        }
        m_input.pos = m_input.end;
        if (!m_input.fill()) {
            return;
        }
    }
}

bool CsvReader::next(CsvRecord& record) {
    return read(record, nullptr);
}

bool CsvReader::next_unsplit(CsvRecord& record, std::optional<std::string_view>& plain) {
    plain.reset();
    return read(record, &plain);
}

// Blank lines are not records: at one, skips it, or reads more where its end is not in the buffer yet;
// true when it did either.
bool CsvReader::blank_line() {
    const char c = m_input.buffer[m_input.pos];
    if (c == '\n') {
        ++m_input.pos;
        ++m_line;
        return true;
    }
    if (c == '\r') {
        if (m_input.pos + 1 >= m_input.end && !m_input.eof) {
            m_input.fill();
            return true;
        }
        if (m_input.pos + 1 >= m_input.end || m_input.buffer[m_input.pos + 1] == '\n') {
            m_input.pos += m_input.pos + 1 >= m_input.end ? 1 : 2;
            ++m_line;
            return true;
        }
    }
    return false;
}

// next(), and with `plain` next_unsplit().
bool CsvReader::read(CsvRecord& record, std::optional<std::string_view>* plain) {
    // `record.fields` is cleared where it is not written over: split_plain writes over the views the
    // last record left (the records of one input have alike counts).
    record.error.clear();
    record.contiguous = false;
    record.spaceless = false;
    while (true) {
        if (m_input.pos >= m_input.end && !m_input.fill() && m_input.pos >= m_input.end) {
            record.fields.clear();
            return false;
        }
        if (!m_started && !m_input.eof && m_input.end - m_input.pos < 3) {
            m_input.fill();
            continue;
        }
        m_started = true;
        if (blank_line()) {
            continue;
        }
        if (std::string_view line; plain_line(record, line)) {
            if (plain != nullptr) {
                *plain = line;
                record.fields.clear();
            } else {
                record.spaceless = split_plain(line, record.fields);
            }
            return true;
        }
        record.fields.clear();
        if (plain_record(record)) {
            return true;
        }
        std::size_t end = 0;
        std::size_t newlines = 0;
        const Parse result = parse_record(end, newlines, record.error);
        if (result == Parse::need_more) {
            m_input.fill();
            continue;
        }
        record.line = m_line;
        if (result == Parse::error) {
            skip_line();
            return true;
        }
        record.fields.reserve(m_spans.size());
        for (const Span& span : m_spans) {
            const char* base = span.in_scratch ? m_scratch.data() : m_input.buffer.data();
            record.fields.emplace_back(base + span.offset, span.length);
        }
        m_input.pos = end;
        m_line += newlines;
        return true;
    }
}

} // namespace medcheck::io
