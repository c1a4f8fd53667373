#pragma once

#include <medcheck/batch/drug_scope.hpp>
#include <medcheck/batch/patient_store.hpp>
#include <medcheck/io/csv_reader.hpp>
#include <medcheck/rules/rule_set.hpp>
#include <medcheck/util/words.hpp>

#include <absl/container/flat_hash_map.h>

#include <array>
#include <cstdint>
#include <functional>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace medcheck::batch {

// Input formats a batch reads.
enum class Format { csv, fhir_bundle, fhir_ndjson };

std::string_view to_string(Format format);

// Where a record stands in the order one reader files records: by input; within an input, records
// filed as they were read before those filed once the whole input was read ("late": FHIR requests
// that waited for their Medication resource); then by record. The parallel reader merges its
// owners' patients, rejections and out-of-scope names in this order.
struct FiledAt {
    RecordLocation at;
    bool late = false;
};
bool filed_before(const FiledAt& a, const FiledAt& b);

// A record that could not be read.
struct Rejection {
    FiledAt at;
    std::string location; // "file.csv:14"
    std::string field;
    std::string reason;
};

// Most rejections listed one by one (all are counted).
inline constexpr std::size_t k_max_listed_rejections = 1000;
// Most distinct out-of-scope drug names counted by name; the rest are counted together.
inline constexpr std::size_t k_max_out_of_scope_names = 10000;

// Record counts of a batch: read = checked + skipped + rejected.
struct RecordCounts {
    std::uint64_t read = 0;
    std::uint64_t checked = 0;
    std::uint64_t skipped = 0;
    std::uint64_t rejected = 0;
    std::uint64_t medication_orders = 0; // orders read (rows, MedicationRequests)
    std::map<std::string, std::uint64_t> skipped_by_reason;
    std::map<std::string, std::uint64_t> rejected_by_reason;
    std::map<std::string, std::uint64_t> out_of_scope_by_drug;
    std::vector<Rejection> rejections; // the first k_max_listed_rejections
};

// Options that change how records are read.
struct IngestOptions {
    bool strict = false; // out-of-scope drugs become unknown_drug findings
    std::vector<std::pair<std::string, std::string>> column_map; // CSV: export name -> documented name
    // CSV columns to ignore; any other column that is not documented (after column_map) makes every
    // row of that input a rejected record, so that a misspelt column is never silently unread.
    std::vector<std::string> ignored_columns;
    // FHIR MedicationRequest statuses that are checked; others are skipped (never rejected).
    std::vector<std::string> statuses{"active", "draft", "on-hold"};
    // CSV from memory (the Python module): the line each data record had in its source, in record
    // order, so that references name the source's lines; empty: the lines as read.
    std::vector<std::uint64_t> record_lines;
    // FHIR NDJSON: threads that parse lines while this one files their resources
    // (io::read_fhir_ndjson); 1 parses on the reading thread.
    unsigned parse_threads = 1;
};

// Documented CSV columns (patient_id ... sig; batch/csv_ingest.cpp names them).
inline constexpr std::size_t k_csv_column_count = 24;

// What a CSV header says about the records under it. A header that cannot be read, or that lacks a
// required column or names an unknown one, makes every record of the input a rejected record.
struct CsvColumns {
    std::array<std::size_t, k_csv_column_count> index{}; // field of each documented column, or npos
    std::size_t width = 0;                               // fields the header has: every record's count
    std::string header_error;                            // why the header could not be read
    std::string missing;                                 // a required column the header lacks
    std::string unknown_field;                           // the first unknown column
    std::string unknown;                                 // every unknown column, with the nearest known
    // The patient columns (batch/csv_ingest.cpp), when the first ones in their order are adjacent
    // fields in that order and the rest absent: their first field and how many (0: not so).
    std::size_t patient_span_first = 0;
    std::size_t patient_span_size = 0;
    // The order cells CsvOrderMemo keeps (batch/csv_ingest.cpp) as runs of adjacent fields (first
    // field, how many), in field order, and which columns those runs hold.
    std::vector<std::pair<std::size_t, std::size_t>> memo_runs;
    std::string memo_layout;

    // The trimmed patient_id of a record ("" when the column or the field is missing).
    std::string_view patient_id(const std::vector<std::string_view>& fields) const;
    // The field that holds patient_id, or npos.
    std::size_t patient_id_field() const;
};

// What a CSV row's order cells that repeat from row to row (drug, dose, unit, route, frequency,
// max_doses_per_day, prn, continuing) were read as, when reading them gave no issue.
struct CsvOrderCells {
    const ScopedDrug* scoped = nullptr; // kept by the DrugScope (never its reused answer)
    bool skipped = false;               // the row is counted out of scope, its order not read
    std::uint32_t drug = 0;             // pool indexes
    std::uint32_t unit = 0;
    std::uint32_t route = 0;
    std::uint32_t frequency = 0;
    double dose = k_absent;
    double dose_min = k_absent;
    double max_doses_per_day = k_absent;
    bool prn = false;
    bool continuing = false;
};

// CSV order cells by their text (a key batch/csv_ingest.cpp makes of the cells): an export repeats a
// few hundred orders over millions of rows, each read once here instead of once per row. Bounded:
// once full, it is asked only while it answers more rows than it misses.
class CsvOrderMemo {
  public:
    static constexpr std::size_t k_max_entries = 4096;

    bool worth_asking() const { return m_entries.size() < k_max_entries || m_hits >= m_misses; }
    const CsvOrderCells* find(std::string_view key) {
        const auto it = m_entries.find(key);
        if (it == m_entries.end()) {
            ++m_misses;
            return nullptr;
        }
        ++m_hits;
        return &it->second;
    }
    void add(std::string_view key, const CsvOrderCells& cells) {
        if (m_entries.size() < k_max_entries) {
            m_entries.emplace(key, cells);
        }
    }

  private:
    // Keys compared in words (util::same_words): every row's key is compared with the one it finds.
    struct KeyEqual {
        using is_transparent = void;
        bool operator()(std::string_view a, std::string_view b) const { return util::same_words(a, b); }
    };
    absl::flat_hash_map<std::string, CsvOrderCells, util::TextHash, KeyEqual> m_entries;
    std::uint64_t m_hits = 0;
    std::uint64_t m_misses = 0;
};

// Reads inputs into a PatientStore, classifying every record as checked, skipped or rejected.
class Ingest {
  public:
    Ingest(const rules::RuleSet& rules, IngestOptions options);

    // Reads one input; `prefix` is what goes before a record number in references.
    void read(std::istream& in, Format format, std::uint32_t input, const std::string& prefix,
              const std::function<void(std::string_view)>& observer);

    // CSV one record at a time (the parallel reader, batch/parallel_csv): the columns its header gives,
    // then each record after it, in input order for any one patient.
    // The header's columns; a header that cannot be read is counted as a rejected record.
    CsvColumns read_csv_header(std::uint32_t input, const io::CsvRecord& record);
    void read_csv_record(const CsvColumns& columns, std::uint32_t input, const io::CsvRecord& record);

    // Registers an input read by another reader (export layouts), with its reference prefix.
    void add_input(std::uint32_t input, const std::string& prefix);

    PatientStore& store() { return m_store; }
    const PatientStore& store() const { return m_store; }
    const RecordCounts& counts() const { return m_counts; }
    // Called every few thousand records with the records read so far (progress display).
    std::function<void(std::uint64_t)> on_progress;

    // Counting, for the format readers: each record is counted once, as checked, skipped, rejected
    // or out of scope.
    void count_checked();
    void count_skipped(const std::string& reason);
    void rejected(std::uint32_t input, std::uint64_t record, const std::string& field,
                  const std::string& reason);
    void out_of_scope(const std::string& name);
    // An input that yields no record at all (an empty file, a CSV header alone, a Bundle without
    // entries) is one rejected record, so that it can never pass as "nothing wrong".
    void reject_empty_input(std::uint32_t input, Format format);
    // Distinct out-of-scope names counted by name (default k_max_out_of_scope_names), and where each
    // was first seen: the parallel reader's owners count more and keep the input's first ones.
    void set_out_of_scope_names(std::size_t most) { m_out_of_scope_names = most; }
    const absl::flat_hash_map<std::string, FiledAt>& out_of_scope_first() const {
        return m_out_of_scope_first;
    }
    // The record being filed (where an out-of-scope name is first seen).
    void filing(RecordLocation record) { m_current = record; }
    // Records filed once the whole input was read (FiledAt::late) are filed between begin_late and
    // end_late; a patient they name first is a late patient.
    void begin_late(std::uint32_t input);
    void end_late() { m_late = false; }
    // Where the store's patient `index` stands in filing order.
    FiledAt patient_filed_at(std::size_t index) const;
    // A medication order was read (counted whether checked, skipped or rejected later).
    void medication_order() { ++m_counts.medication_orders; }

    const rules::RuleSet& rules() const { return m_rules; }
    const IngestOptions& options() const { return m_options; }
    DrugScope& scope() { return m_scope; }
    const DrugScope& scope() const { return m_scope; }
    const std::string& prefix(std::uint32_t input) const { return m_prefixes.at(input); }

  private:
    void read_csv(std::istream& in, std::uint32_t input,
                  const std::function<void(std::string_view)>& observer);
    void read_fhir(std::istream& in, Format format, std::uint32_t input,
                   const std::function<void(std::string_view)>& observer);
    void tick();
    // The out-of-scope summary name of a CSV row with a sig, whose drug is named by the drug cell, the
    // sig or both; nullopt when the row is to be checked.
    std::optional<std::string> out_of_scope_with_sig(std::string_view written, std::string_view sig_text);

    const rules::RuleSet& m_rules;
    IngestOptions m_options;
    DrugScope m_scope;
    PatientStore m_store;
    RecordCounts m_counts;
    std::vector<std::string> m_prefixes;
    RecordLocation m_current; // the record being read, for where an out-of-scope name was first seen
    bool m_late = false;      // filing late records (begin_late)
    // Per input, the store's first late patient (none: the largest size_t).
    std::vector<std::size_t> m_late_patients;
    std::size_t m_out_of_scope_names = k_max_out_of_scope_names;
    absl::flat_hash_map<std::string, FiledAt> m_out_of_scope_first;
    // CSV: whether each frequency (an index of the store's strings) reads as one, asked once per text
    // rather than per row: 0 not asked yet, 1 yes, 2 no.
    std::vector<std::uint8_t> m_frequency_readable;
    CsvOrderMemo m_order_memo;
    std::string m_signature_text; // a row's patient text, where it is not the record's own bytes
};

// Refuses (a usage error) a batch of more than k_max_inputs inputs: the command line checks its files
// before reading any, and every input a reader is given is checked again.
void check_input_count(std::size_t inputs);

// Reads FHIR NDJSON input `input` on one thread per owner (io::read_fhir_ndjson_owned), each filing
// the patients whose ids hash to it (patient_owner) into its Ingest; a medicationReference resolves
// against the input's Medication resources (which owner 0 is given). `lines`: progress, as lines split.
void read_fhir_ndjson_owned(const std::vector<Ingest*>& owners, std::istream& in, std::uint32_t input,
                            const std::function<void(std::string_view)>& observer,
                            const std::function<void(std::uint64_t)>& lines);

// Adds an order to a patient, or rejects it when the patient already has the most orders allowed.
// Returns the order's index in the patient's orders, or -1 when rejected.
// `count`: the order is a record of its own (false for a further dosage of one FHIR request).
int add_order(Ingest& ingest, StoredPatient& patient, StoredOrder order, const ScopedDrug& drug,
              bool count = true);
// The same with the drug's pool index known (a CSV row whose order cells were read before).
int add_order(Ingest& ingest, StoredPatient& patient, StoredOrder order, std::uint32_t drug);

} // namespace medcheck::batch
