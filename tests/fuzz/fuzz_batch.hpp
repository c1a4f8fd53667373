// Shared body of the batch ingest harnesses: bytes from memory go through batch::Ingest (reader,
// grouping by patient, store), the record counts must balance, and small stores are checked and
// written so that case building and the findings writer see hostile values too.
#pragma once

#include <medcheck/batch/ingest.hpp>
#include <medcheck/batch/parallel_ingest.hpp>
#include <medcheck/batch/runner.hpp>
#include <medcheck/batch/summary.hpp>
#include <medcheck/batch/time_axis.hpp>
#include <medcheck/db/database.hpp>
#include <medcheck/util/error.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace medcheck::fuzz {

// The embedded rules, loaded once.
inline const rules::RuleSet& fuzz_rules() {
    static const rules::RuleSet rules = db::RuleDatabase::open_embedded().load();
    return rules;
}

// Largest store checked per input: checking is the `check` harness's job, this keeps runs fast.
inline constexpr std::size_t k_max_checked_patients = 64;

// Whether two owner threads (batch::ParallelIngest) read `data` as `single` did: the same counts,
// listed rejections and patients, in the same order, with the same orders.
inline bool reads_the_same_with_owners(const std::uint8_t* data, std::size_t size, batch::Format format,
                                       const batch::IngestOptions& options, const batch::Ingest& single) {
    static const rules::RuleSet& rules = fuzz_rules();
    batch::ParallelIngest parallel(rules, options, 2);
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    try {
        parallel.read(in, format, 0, "fuzz:", {});
    } catch (const util::Error&) {
        return false; // the single reader read it
    }
    const batch::RecordCounts a = single.counts();
    const batch::RecordCounts b = parallel.counts();
    if (a.read != b.read || a.checked != b.checked || a.skipped != b.skipped || a.rejected != b.rejected ||
        a.skipped_by_reason != b.skipped_by_reason || a.rejected_by_reason != b.rejected_by_reason ||
        a.out_of_scope_by_drug != b.out_of_scope_by_drug || a.rejections.size() != b.rejections.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.rejections.size(); ++i) {
        if (a.rejections[i].location != b.rejections[i].location ||
            a.rejections[i].reason != b.rejections[i].reason) {
            return false;
        }
    }
    const std::vector<batch::PatientRef> owned = parallel.patients();
    if (owned.size() != single.store().size()) {
        return false;
    }
    for (std::size_t i = 0; i < owned.size(); ++i) {
        const batch::StoredPatient& p = single.store().at(i);
        if (p.id() != owned[i].patient->id() || p.orders.size != owned[i].patient->orders.size ||
            p.issues().size() != owned[i].patient->issues().size()) {
            return false;
        }
    }
    return true;
}

// Reads `data` as one batch input of `format`; aborts on any broken invariant.
inline int ingest_batch(const std::uint8_t* data, std::size_t size, batch::Format format) {
    static const rules::RuleSet& rules = fuzz_rules();
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
    // Two owner threads must read what one reader reads (on a quarter of the inputs: starting the
    // threads costs more than reading most inputs).
    if (format != batch::Format::fhir_bundle && size % 4 == 3 &&
        !reads_the_same_with_owners(data, size, format, options, ingest)) {
        std::abort();
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
    // The run (orders read once per thread and found again by their stored fields) finds, kind by
    // kind, what checking each patient afresh finds.
    std::map<std::string, std::uint64_t> fresh;
    for (const batch::PatientRef& ref : batch::patients_of(ingest.store())) {
        if (ref.patient->orders.empty()) {
            continue;
        }
        const model::Case input =
            batch::build_case(*ref.patient, *ref.store, run.case_options, run.record_prefixes);
        for (const model::Finding& f : batch::check_patient(input, *ref.patient, rules, {}).findings) {
            ++fresh[f.kind.str()];
        }
    }
    if (fresh != report.run.findings_by_kind) {
        std::abort();
    }
    if ((size & 4U) != 0) {
        run.format = batch::FindingsFormat::csv; // the CSV writer too, on half of the inputs
        (void)batch::run_checks(ingest.store(), rules, run, out);
    }
    (void)batch::summary_json(report).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    return 0;
}

} // namespace medcheck::fuzz
