#pragma once

#include <medcheck/io/csv_reader.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace medcheck::layouts {

inline constexpr std::size_t k_no_column = static_cast<std::size_t>(-1);

// The path of table `name` in an export directory: DIR/name.csv, DIR/name.csv.gz, or the same in upper
// case (OMOP exports often write DRUG_EXPOSURE.csv). None when no such file exists.
std::optional<std::string> find_table(const std::string& dir, std::string_view name);

// One row of a table, with the columns asked for by name.
class TableRow {
  public:
    TableRow(const io::CsvRecord& record, const std::vector<std::size_t>& index)
        : m_record(record), m_index(index) {}
    // The trimmed field of the i-th column asked for; empty when the table has no such column.
    std::string_view operator[](std::size_t column) const;
    std::uint64_t line() const { return m_record.line; }

  private:
    const io::CsvRecord& m_record;
    const std::vector<std::size_t>& m_index;
};

// What a table read reports besides its rows.
struct TableEvents {
    std::function<void(const TableRow&)> row;
    // A record that could not be read (line, field, reason); the read goes on.
    std::function<void(std::uint64_t, const std::string&, const std::string&)> rejected;
    std::function<void(std::string_view)> observer; // every chunk of bytes as read (digest, progress)
};

// Reads a CSV table (plain or gzip, detected from the bytes) once, row by row. `columns` are the
// names wanted, matched case-insensitively against the header. Throws util::Error (cannot_open) when
// the file cannot be opened; a damaged gzip stream ends the table with one rejected record.
void read_table(const std::string& path, const std::vector<std::string_view>& columns,
                const TableEvents& events);

} // namespace medcheck::layouts
