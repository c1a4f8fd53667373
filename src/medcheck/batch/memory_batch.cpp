#include <medcheck/batch/memory_batch.hpp>

#include <medcheck/batch/input.hpp>
#include <medcheck/batch/runner.hpp>
#include <medcheck/util/sha256.hpp>

#include <sstream>
#include <streambuf>

namespace medcheck::batch {

namespace {

// Reads a buffer in place: the text is not copied into a string stream.
class ViewBuffer : public std::streambuf {
  public:
    explicit ViewBuffer(std::string_view text) {
        // The get area is never written through: std::streambuf only wants non-const pointers.
        char* begin = const_cast<char*>(text.data()); // NOLINT(cppcoreguidelines-pro-type-const-cast)
        setg(begin, begin, begin + text.size());
    }
};

} // namespace

MemoryBatch check_csv_text(std::string_view csv, const rules::RuleSet& rules,
                           const MemoryBatchOptions& options) {
    MemoryBatch out;
    Ingest ingest(rules, options.ingest);
    ViewBuffer buffer(csv);
    std::istream in(&buffer);
    const std::string prefix = record_prefix(options.name, Format::csv);
    ingest.read(in, Format::csv, 0, prefix, {});

    RunOptions run_options;
    run_options.jobs = options.jobs;
    run_options.format = options.format;
    run_options.case_options = options.case_options;
    run_options.record_prefixes = {prefix};
    run_options.known_names = {&ingest.scope()};
    std::ostringstream findings;
    write_findings_header(findings, options.format);
    BatchReport& report = out.report;
    report.run = run_checks(ingest.store(), rules, run_options, findings);
    out.findings = std::move(findings).str();

    const auto* bytes = reinterpret_cast<const unsigned char*>(
        csv.data()); // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
    report.inputs.push_back({options.name, Format::csv, csv.size(), util::sha256_hex({bytes, csv.size()})});
    report.records = ingest.counts();
    report.database = rules.database;
    report.strict = options.ingest.strict;
    report.as_of = options.as_of;
    settle_outcome(report);
    return out;
}

} // namespace medcheck::batch
