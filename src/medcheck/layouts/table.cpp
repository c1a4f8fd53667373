#include <medcheck/layouts/table.hpp>

#include <medcheck/util/error.hpp>
#include <medcheck/util/text.hpp>

#include <zlib.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <istream>
#include <streambuf>

namespace medcheck::layouts {

namespace {

// A read-only stream over a file through zlib: gzip is inflated, any other bytes are read as they are.
class GzBuffer : public std::streambuf {
  public:
    explicit GzBuffer(const std::string& path) : m_file(gzopen(path.c_str(), "rb")) {
        if (m_file != nullptr) {
            gzbuffer(m_file, 1U << 17U);
        }
    }
    ~GzBuffer() override {
        if (m_file != nullptr) {
            gzclose(m_file);
        }
    }
    GzBuffer(const GzBuffer&) = delete;
    GzBuffer& operator=(const GzBuffer&) = delete;

    bool is_open() const { return m_file != nullptr; }
    const std::string& error() const { return m_error; }

  protected:
    int_type underflow() override {
        if (gptr() < egptr()) {
            return traits_type::to_int_type(*gptr());
        }
        if (m_file == nullptr || !m_error.empty()) {
            return traits_type::eof();
        }
        const int read = gzread(m_file, m_buffer.data(), static_cast<unsigned>(m_buffer.size()));
        if (read < 0) {
            int code = 0;
            m_error = gzerror(m_file, &code);
            return traits_type::eof();
        }
        if (read == 0) {
            return traits_type::eof();
        }
        setg(m_buffer.data(), m_buffer.data(), m_buffer.data() + read);
        return traits_type::to_int_type(*gptr());
    }

    // Large reads go straight from zlib into the caller's buffer (no copy through the get area).
    std::streamsize xsgetn(char_type* out, std::streamsize count) override {
        std::streamsize done = 0;
        if (gptr() < egptr()) {
            done = std::min<std::streamsize>(count, egptr() - gptr());
            std::copy(gptr(), gptr() + done, out);
            gbump(static_cast<int>(done));
        }
        while (done < count && m_file != nullptr && m_error.empty()) {
            const auto want = static_cast<unsigned>(std::min<std::streamsize>(count - done, 1 << 30));
            const int read = gzread(m_file, out + done, want);
            if (read < 0) {
                int code = 0;
                m_error = gzerror(m_file, &code);
                break;
            }
            if (read == 0) {
                break;
            }
            done += read;
        }
        return done;
    }

  private:
    gzFile m_file;
    std::array<char, 1U << 17U> m_buffer{};
    std::string m_error;
};

} // namespace

std::optional<std::string> find_table(const std::string& dir, std::string_view name) {
    namespace fs = std::filesystem;
    const std::string upper = util::to_upper_ascii(name);
    for (const std::string& base : {std::string(name), upper}) {
        for (const char* suffix : {".csv", ".csv.gz"}) {
            const fs::path path = fs::path(dir) / (base + suffix);
            std::error_code error;
            if (fs::is_regular_file(path, error)) {
                return path.string();
            }
        }
    }
    return std::nullopt;
}

std::string_view TableRow::operator[](std::size_t column) const {
    const std::size_t at = column < m_index.size() ? m_index[column] : k_no_column;
    return at == k_no_column || at >= m_record.fields.size() ? std::string_view()
                                                             : util::trim(m_record.fields[at]);
}

void read_table(const std::string& path, const std::vector<std::string_view>& columns,
                const TableEvents& events) {
    auto buffer = std::make_unique<GzBuffer>(path);
    if (!buffer->is_open()) {
        throw util::Error(util::ErrorKind::cannot_open, path + ": cannot open input");
    }
    std::istream in(buffer.get());
    io::CsvReader reader(in, {}, events.observer);
    io::CsvRecord record;
    std::vector<std::size_t> index(columns.size(), k_no_column);
    std::size_t width = 0;
    bool header = true;
    while (reader.next(record)) {
        if (!record.error.empty()) {
            events.rejected(record.line, header ? "header" : "record", record.error);
            continue;
        }
        if (header) {
            header = false;
            width = record.fields.size();
            for (std::size_t i = 0; i < record.fields.size(); ++i) {
                const std::string name = util::to_lower(util::trim(record.fields[i]));
                for (std::size_t c = 0; c < columns.size(); ++c) {
                    if (index[c] == k_no_column && name == columns[c]) {
                        index[c] = i;
                    }
                }
            }
            continue;
        }
        if (record.fields.size() != width) {
            events.rejected(record.line, "record",
                            "expected " + std::to_string(width) + " fields, found " +
                                std::to_string(record.fields.size()));
            continue;
        }
        events.row(TableRow(record, index));
    }
    if (!buffer->error().empty()) {
        // A damaged gzip stream: what came before it was read; the rest is one rejected record.
        events.rejected(record.line + 1, "input",
                        "the rest of the file cannot be decompressed (" + buffer->error() + ")");
    }
}

} // namespace medcheck::layouts
