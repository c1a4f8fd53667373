#pragma once

#include <medcheck/batch/ingest.hpp>

#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace medcheck::batch {

// Reads CSV and FHIR NDJSON inputs on several threads, each owner thread keeping the patients whose id
// hashes to it (batch::patient_owner) in an Ingest of its own. CSV: this thread splits the input into
// records and each owner reads its patients' records in input order. NDJSON: the owners parse the
// lines between them and each files its patients' resources in input order (io::read_fhir_ndjson_owned).
// The owners' results are merged in the order one reader files records, so that counts, rejections
// and patients are the same for any number of owners and the same as Ingest::read gives.
class ParallelIngest {
  public:
    ParallelIngest(const rules::RuleSet& rules, const IngestOptions& options, unsigned owners);
    ~ParallelIngest();
    ParallelIngest(const ParallelIngest&) = delete;
    ParallelIngest& operator=(const ParallelIngest&) = delete;

    // Reads one input (as Ingest::read); `format` is csv or fhir_ndjson (a Bundle is one document, read
    // by Ingest alone).
    void read(std::istream& in, Format format, std::uint32_t input, const std::string& prefix,
              const std::function<void(std::string_view)>& observer);

    // The counts of every owner, merged: listed rejections and out-of-scope names in filing order
    // (batch::FiledAt), as one reader lists them.
    RecordCounts counts() const;
    // Every patient, in filing order of the record that first named it, as one reader stores them.
    std::vector<PatientRef> patients() const;
    // Ends reading: every owner's store drops its id index (PatientStore::seal).
    void seal();
    // Every owner's resolved names (RunOptions::known_names).
    std::vector<const check::KnownNames*> known_names() const;

    // Called every few thousand records with the records read so far (progress display).
    std::function<void(std::uint64_t)> on_progress;

  private:
    void read_csv(std::istream& in, std::uint32_t input,
                  const std::function<void(std::string_view)>& observer);
    // Records the owners have counted so far (read = checked + skipped + rejected).
    std::uint64_t records_read() const;
    void read_ndjson(std::istream& in, std::uint32_t input,
                     const std::function<void(std::string_view)>& observer);

    std::vector<std::unique_ptr<Ingest>> m_owners;
    std::uint64_t m_records = 0;
};

} // namespace medcheck::batch
