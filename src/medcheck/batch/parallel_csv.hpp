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

// Reads CSV inputs on several threads. This thread splits the input into records; each owner thread
// keeps the patients whose id hashes to it (batch::patient_owner) and reads their records in input
// order with an Ingest of its own, exactly as a single reader would. The owners' results are merged
// in order of first appearance, so that counts, rejections and patients are the same for any number
// of owners and the same as Ingest::read gives.
class ParallelCsvIngest {
  public:
    ParallelCsvIngest(const rules::RuleSet& rules, const IngestOptions& options, unsigned owners);
    ~ParallelCsvIngest();
    ParallelCsvIngest(const ParallelCsvIngest&) = delete;
    ParallelCsvIngest& operator=(const ParallelCsvIngest&) = delete;

    // Reads one CSV input (as Ingest::read with Format::csv).
    void read(std::istream& in, std::uint32_t input, const std::string& prefix,
              const std::function<void(std::string_view)>& observer);

    // The counts of every owner, merged: listed rejections and out-of-scope names in input order.
    RecordCounts counts() const;
    // Every patient, in order of first appearance in the inputs.
    std::vector<PatientRef> patients() const;
    // Ends reading: every owner's store drops its id index (PatientStore::seal).
    void seal();
    // Every owner's resolved names (RunOptions::known_names).
    std::vector<const check::KnownNames*> known_names() const;

    // Called every few thousand records with the records read so far (progress display).
    std::function<void(std::uint64_t)> on_progress;

  private:
    std::vector<std::unique_ptr<Ingest>> m_owners;
    std::uint64_t m_records = 0;
};

} // namespace medcheck::batch
