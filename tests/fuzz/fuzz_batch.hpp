// Shared body of the batch ingest harnesses: bytes from memory go through batch::Ingest (reader,
// grouping by patient, store), the record counts must balance, and small stores are checked and
// written so that case building and the findings writer see hostile values too.
#pragma once

#include <medcheck/batch/ingest.hpp>
#include <medcheck/batch/runner.hpp>
#include <medcheck/batch/summary.hpp>
#include <medcheck/db/database.hpp>
#include <medcheck/util/error.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

namespace medcheck::fuzz {

// Largest store checked per input: checking is the `check` harness's job, this keeps runs fast.
inline constexpr std::size_t k_max_checked_patients = 64;

// Reads `data` as one batch input of `format`; aborts on any broken invariant.
inline int ingest_batch(const std::uint8_t* data, std::size_t size, batch::Format format) {
    static const rules::RuleSet rules = db::RuleDatabase::open_embedded().load();
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    // Both the plain and the strict reading; the first byte picks, so the corpus covers both.
    batch::IngestOptions options;
    options.strict = size > 0 && (data[0] & 1U) != 0;
    batch::Ingest ingest(rules, options);
    std::uint64_t observed = 0;
    try {
        ingest.read(in, format, 0, "fuzz:", [&](std::string_view chunk) { observed += chunk.size(); });
    } catch (const util::Error& e) {
        if (e.kind() != util::ErrorKind::bad_data) {
            std::abort();
        }
        return 0;
    }
    const batch::RecordCounts& counts = ingest.counts();
    if (counts.read != counts.checked + counts.skipped + counts.rejected || observed != size) {
        std::abort(); // records read = checked + skipped + rejected, and every byte is digested
    }
    if (ingest.store().size() > k_max_checked_patients) {
        return 0;
    }
    batch::RunOptions run;
    run.record_prefixes = {"fuzz:"};
    run.case_options.as_of = (size & 2U) != 0 ? 20240601U : 0U;
    std::ostringstream out;
    batch::BatchReport report;
    report.records = counts;
    report.run = batch::run_checks(ingest.store(), rules, run, out);
    if ((size & 4U) != 0) {
        run.format = batch::FindingsFormat::csv; // the CSV writer too, on half of the inputs
        (void)batch::run_checks(ingest.store(), rules, run, out);
    }
    (void)batch::summary_json(report).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    return 0;
}

} // namespace medcheck::fuzz
