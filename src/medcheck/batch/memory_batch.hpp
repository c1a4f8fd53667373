#pragma once

#include <medcheck/batch/findings_writer.hpp>
#include <medcheck/batch/ingest.hpp>
#include <medcheck/batch/summary.hpp>
#include <medcheck/rules/rule_set.hpp>

#include <string>
#include <string_view>

namespace medcheck::batch {

// A batch over CSV text already in memory (the Python module): the same reader, checker and findings
// writer as `medcheck batch`, without files.
struct MemoryBatchOptions {
    std::string name = "frame.csv"; // the input's name in references ("frame.csv:14") and the summary
    IngestOptions ingest;           // record_lines: each data record's line in its source
    CaseOptions case_options;
    std::string as_of; // case_options.as_of as written (YYYY-MM-DD), for the summary
    FindingsFormat format = FindingsFormat::csv;
    unsigned jobs = 1;
};

struct MemoryBatch {
    std::string findings; // the findings file's bytes (CSV with its header, or JSONL)
    BatchReport report;   // summary_json(report) is the --summary document
};

// Checks the CSV records in `csv`. Throws util::Error as `medcheck batch` would.
MemoryBatch check_csv_text(std::string_view csv, const rules::RuleSet& rules,
                           const MemoryBatchOptions& options);

} // namespace medcheck::batch
