#pragma once

#include <medcheck/batch/ingest.hpp>
#include <medcheck/batch/runner.hpp>
#include <medcheck/rules/rule_set.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace medcheck::batch {

// One input as read: where from, as what, and its digest.
struct InputInfo {
    std::string path; // as given; "-" for standard input
    Format format = Format::csv;
    std::uint64_t bytes = 0;
    std::string sha256;
};

// Everything the summary reports about a batch.
struct BatchReport {
    std::vector<InputInfo> inputs;
    RecordCounts records;
    RunStats run;
    rules::DatabaseInfo database;
    bool strict = false;
    std::string as_of; // empty: each order's authoredOn
    int exit_code = 0;
};

// Sets the batch's worst verdict and exit code from its counts: a rejected record was not checked, so
// the batch is at least unverifiable (fail closed); 65 when records were read but none could be used.
void settle_outcome(BatchReport& report);

// The summary as JSON: records (read = checked + skipped + rejected) with reasons, findings by
// severity and kind, patients by verdict, out-of-scope drugs, database and input digests.
nlohmann::ordered_json summary_json(const BatchReport& report);

// A short table of the summary for people (standard error).
void write_summary_table(std::ostream& out, const BatchReport& report);

} // namespace medcheck::batch
