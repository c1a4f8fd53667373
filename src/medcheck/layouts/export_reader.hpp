#pragma once

#include <medcheck/batch/ingest.hpp>
#include <medcheck/layouts/layout.hpp>
#include <medcheck/layouts/table.hpp>

#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

namespace medcheck::layouts {

// What the three layout readers share: reading tables as numbered inputs of one Ingest, and turning
// written values into stored ones.
class ExportReader {
  public:
    explicit ExportReader(batch::Ingest& ingest) : m_ingest(ingest) {}

    // Reads one table as the next input; rows get the input number. Records that cannot be read are
    // rejected with the file and line.
    void table(const std::string& path, const std::vector<std::string_view>& columns,
               const std::function<void(const TableRow&, std::uint32_t)>& row);

    // A table read on another thread (its rows must not touch the Ingest); see start_table.
    struct Detached {
        std::uint32_t input = 0;
        std::thread thread;
        std::vector<std::tuple<std::uint64_t, std::string, std::string>> rejected;
        std::exception_ptr error;
        std::uint64_t bytes = 0;
        std::string sha256;
        Detached() = default;
        Detached(const Detached&) = delete;
        Detached& operator=(const Detached&) = delete;
        ~Detached() {
            if (thread.joinable()) {
                thread.join(); // when the main read failed first
            }
        }
    };
    // Starts reading a table as the next input on another thread, so that two large tables parse on
    // two cores. finish_table joins it and reports its rejected records.
    std::unique_ptr<Detached> start_table(const std::string& path,
                                          const std::vector<std::string_view>& columns,
                                          std::function<void(const TableRow&)> row);
    void finish_table(Detached& table);

    // The path of a table that must exist in `dir` (util::Error cannot_open naming it otherwise).
    static std::string required(const std::string& dir, std::string_view name);

    // Records a reference prefix for the order and an issue for every unusable value.
    batch::Ingest& ingest() { return m_ingest; }
    std::vector<TableInput> take_inputs() { return {m_inputs.begin(), m_inputs.end()}; }
    std::string where(std::uint32_t input, std::uint64_t line) const {
        return m_inputs.at(input).prefix + std::to_string(line);
    }

  private:
    batch::Ingest& m_ingest;
    std::deque<TableInput> m_inputs; // a deque: detached tables keep their entry while others are added
};

// A dose as written: a number, or a range "325-650" read as its upper end (never an under-read).
std::optional<double> read_dose(std::string_view text);

// Quotes a value for a message, cut to 80 bytes.
std::string quoted(std::string_view text);

// Adds a diagnosis code (ICD-9-CM or ICD-10-CM) to a patient's conditions when the rule database maps
// it (the code, then its parents); counts it as checked, or as skipped when it maps to no condition.
void add_diagnosis(batch::Ingest& ingest, batch::StoredPatient& patient, std::string_view code, int version);

// Problems with an order's values, as (field, message): "dose", "cannot read dose ...".
using OrderIssues = std::vector<std::pair<std::string, std::string>>;

// Adds an order to a patient: classifies the drug (out of scope: counted, not stored), stores the order
// and its issues. `issues` refer to the order as "medications[N].field". Returns the order's index in
// the patient's orders, or -1 when it was not stored.
int add_order(batch::Ingest& ingest, batch::StoredPatient& patient, std::string_view drug,
              batch::StoredOrder order, const OrderIssues& issues);

} // namespace medcheck::layouts
