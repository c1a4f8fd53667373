// `medcheck batch`: many patients from CSV or FHIR exports, findings out as JSONL or CSV, a summary.
#include <medcheck/batch/findings_writer.hpp>
#include <medcheck/batch/ingest.hpp>
#include <medcheck/batch/input.hpp>
#include <medcheck/batch/output_file.hpp>
#include <medcheck/batch/parallel_ingest.hpp>
#include <medcheck/batch/progress.hpp>
#include <medcheck/batch/runner.hpp>
#include <medcheck/batch/summary.hpp>
#include <medcheck/cli/context.hpp>
#include <medcheck/cli/exit_code.hpp>
#include <medcheck/cli/medcheck_main.hpp>
#include <medcheck/io/fhir_reader.hpp>
#include <medcheck/layouts/layout.hpp>
#include <medcheck/util/text.hpp>

#include <algorithm>
#include <medcheck/util/allocator.hpp>
#include <medcheck/util/error.hpp>
#include <medcheck/util/sha256.hpp>

#include <boost/program_options.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>
#include <utility>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace medcheck::cli {

namespace {

// "VmRSS 123 MB, VmHWM 130 MB" from /proc/self/status (MEDCHECK_TIMING), or "" where there is none.
std::string resident_memory() {
    std::ifstream status("/proc/self/status");
    std::string line;
    std::string out;
    while (std::getline(status, line)) {
        if (line.starts_with("VmRSS:") || line.starts_with("VmHWM:")) {
            const auto kb = std::strtoull(line.c_str() + 6, nullptr, 10);
            out += (out.empty() ? "" : ", ") + line.substr(0, 5) + " " + std::to_string(kb / 1024) + " MB";
        }
    }
    return out;
}

// CPU seconds the process has used, user and system (MEDCHECK_TIMING): with the wall time, how many
// cores a phase kept busy.
std::pair<double, double> cpu_seconds() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return {seconds(usage.ru_utime), seconds(usage.ru_stime)};
}

// A batch's records, left for the process exit to release at once (see the end of run_batch).
const batch::Ingest* g_kept_until_exit = nullptr;
const batch::ParallelIngest* g_kept_parallel_until_exit = nullptr;

// Most owner threads of the parallel CSV reader: beyond this, splitting costs more than it gains.
constexpr unsigned k_max_reading_owners = 8;

namespace po = boost::program_options;
namespace fs = std::filesystem;

constexpr std::size_t k_head_bytes = 4096;

po::options_description batch_options() {
    po::options_description options("medcheck batch options");
    options.add_options()("help,h", "this help")("input", po::value<std::vector<std::string>>()->composing(),
                                                 "input file, or - for standard input")(
        "format", po::value<std::string>(),
        "input format: csv, fhir-bundle or fhir-ndjson (default: detected)")(
        "out,o", po::value<std::string>()->default_value("-"), "findings file, or - for standard output")(
        "findings-format", po::value<std::string>()->default_value("jsonl"), "findings as jsonl or csv")(
        "summary", po::value<std::string>(), "write the summary JSON to this file (- for standard output)")(
        "jobs,j", po::value<unsigned>(), "checking threads (default: the number of cores)")(
        "as-of", po::value<std::string>(),
        "date for ages from FHIR birthDate, YYYY-MM-DD (default: authoredOn)")(
        "strict", "orders for drugs outside the rule database become unknown_drug findings")(
        "map", po::value<std::vector<std::string>>()->composing(),
        "CSV column rename OLD=NEW, e.g. --map pid=patient_id (repeatable)")(
        "ignore-column", po::value<std::vector<std::string>>()->composing(),
        "CSV column to ignore (repeatable); any other unknown column is an error")(
        "layout", po::value<std::string>(),
        "read an export layout natively: mimic-iv DIR, omop DIR or claims FILE (one input)")(
        "ndc-map", po::value<std::string>(),
        "claims: NDC to product map (CSV ndc,rxnorm|name,strength or CONCEPT)")(
        "status", po::value<std::string>(),
        "FHIR MedicationRequest statuses to check, comma-separated (default: active,draft,on-hold)");
    return options;
}

// Refuses an output that is also an input (standard input and output included) or the other output:
// writing it would destroy what is read, or one output would replace the other.
void refuse_same_files(const std::vector<std::string>& inputs, const std::string& out_path,
                       const std::string& summary_path) {
    for (const auto& output : {out_path, summary_path}) {
        for (const auto& input : inputs) {
            if (!output.empty() && batch::input_is_output(input, output)) {
                usage_error("batch",
                            "output " +
                                (output == "-" ? std::string("(standard output)") : "'" + output + "'") +
                                " is also an input" + (input == "-" ? " (standard input)" : "") +
                                "; refusing to overwrite it");
            }
        }
    }
    if (!summary_path.empty() && summary_path != "-" && out_path != "-" &&
        batch::same_file(out_path, summary_path)) {
        usage_error("batch", "--out and --summary are the same file '" + summary_path +
                                 "'; the summary would replace the findings");
    }
}

// What goes before a record number in references: "file.csv:" or "bundle.json#entry ". File names
// alone, unless two inputs share one.
std::vector<std::string> record_prefixes(const std::vector<std::string>& paths,
                                         const std::vector<batch::Format>& formats) {
    std::vector<std::string> names;
    names.reserve(paths.size());
    for (const auto& path : paths) {
        names.push_back(path == "-" ? std::string("<stdin>") : fs::path(path).filename().string());
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; i < paths.size(); ++i) {
        const bool clash = std::count(names.begin(), names.end(), names[i]) > 1;
        const std::string name = clash && paths[i] != "-" ? paths[i] : names[i];
        out.push_back(batch::record_prefix(name, formats[i]));
    }
    return out;
}

void print_batch_help(std::ostream& out, const po::options_description& options) {
    out << "usage: medcheck batch INPUT... [--format csv|fhir-bundle|fhir-ndjson] [--out FILE|-]\n"
           "                      [--findings-format jsonl|csv] [--summary FILE] [--jobs N]\n"
           "                      [--as-of YYYY-MM-DD] [--strict] [--map OLD=NEW]... [--ignore-column "
           "NAME]...\n"
           "                      [--status active,completed,...]\n"
           "       medcheck batch --layout mimic-iv|omop DIR | --layout claims FILE --ndc-map FILE "
           "...\n\n"
           "CSV columns: patient_id, prescription_id, age, weight_kg, sex, crcl_ml_min,\n"
           "serum_creatinine_mg_dl, hepatic, conditions, tried, drug, dose, unit, route, frequency,\n"
           "duration_days, prn, max_doses_per_day, continuing (optional: indication, pregnancy_weeks,\n"
           "start, end as ISO 8601 dates or date-times: orders are checked together only where they "
           "overlap);\n"
           "list fields are ;-separated; any other column is an error unless mapped (--map) or ignored\n"
           "(--ignore-column). Exit status: the worst verdict (0, 1, 2; a rejected record\n"
           "counts as unverifiable); 65 when no record could be read; 66 when an input cannot be "
           "opened.\n\n"
        << options << '\n';
}

// How records are read: --strict, --map, --status, --ignore-column.
batch::IngestOptions ingest_options_of(const po::variables_map& vm) {
    batch::IngestOptions ingest_options;
    ingest_options.strict = vm.count("strict") != 0;
    if (vm.count("map")) {
        for (const auto& pair : vm["map"].as<std::vector<std::string>>()) {
            const std::size_t equals = pair.find('=');
            if (equals == std::string::npos || equals == 0 || equals + 1 == pair.size()) {
                usage_error("batch", "--map needs OLD=NEW, got '" + pair + "'");
            }
            ingest_options.column_map.emplace_back(pair.substr(0, equals), pair.substr(equals + 1));
        }
    }
    if (vm.count("status")) {
        ingest_options.statuses.clear();
        for (const auto& status : util::split(vm["status"].as<std::string>(), ',')) {
            const std::string code(util::trim(status));
            if (!io::is_medication_request_status(code)) {
                usage_error("batch", "--status: '" + code +
                                         "' is not a MedicationRequest status (active, on-hold, cancelled, "
                                         "completed, entered-in-error, stopped, draft, unknown)");
            }
            ingest_options.statuses.push_back(code);
        }
    }
    if (vm.count("ignore-column")) {
        ingest_options.ignored_columns = vm["ignore-column"].as<std::vector<std::string>>();
    }
    return ingest_options;
}

// The input files (null for standard input), opened; `total_bytes` is their size (for progress).
std::vector<std::unique_ptr<std::ifstream>> open_inputs(const std::vector<std::string>& paths,
                                                        std::uint64_t& total_bytes) {
    batch::check_input_count(paths.size());
    std::vector<std::unique_ptr<std::ifstream>> files;
    for (const auto& path : paths) {
        if (path == "-") {
            files.push_back(nullptr);
            continue;
        }
        auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
        std::error_code error;
        if (!*file || fs::is_directory(path, error)) {
            throw util::Error(util::ErrorKind::cannot_open, path + ": cannot open input");
        }
        total_bytes += static_cast<std::uint64_t>(fs::file_size(path, error));
        files.push_back(std::move(file));
    }
    return files;
}

// Commits the findings, then writes the summary: a summary must never describe findings that were
// not written.
void write_outputs(Context& context, const batch::BatchReport& report, batch::OutputFile* out_file,
                   const std::string& summary_path) {
    if (out_file != nullptr) {
        out_file->commit();
    } else if (!context.out.flush()) {
        // The summary must not describe findings that did not arrive.
        throw util::Error(util::ErrorKind::cannot_write,
                          "standard output: write error (closed, full, or a broken pipe); the findings "
                          "were not written completely");
    }
    if (!summary_path.empty()) {
        const std::string text =
            batch::summary_json(report).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        if (summary_path == "-") {
            context.out << text << '\n';
        } else {
            batch::OutputFile summary(summary_path);
            summary.stream() << text << '\n';
            summary.commit();
        }
    }
    batch::write_summary_table(context.err, report);
}

// What `medcheck batch` was asked to do, with its options checked.
struct BatchRequest {
    std::vector<std::string> paths;
    std::optional<batch::Format> forced; // --format
    batch::FindingsFormat findings_format = batch::FindingsFormat::jsonl;
    batch::IngestOptions ingest_options;
    batch::CaseOptions case_options;
    std::string as_of_text; // --as-of as given, for the summary
    unsigned jobs = 1;
    std::string out_path;
    std::string summary_path; // empty: no summary
    std::optional<layouts::Layout> layout;
    layouts::LayoutOptions layout_options;
};

std::optional<batch::Format> batch_forced_format_of(const po::variables_map& vm) {
    if (!vm.count("format")) {
        return std::nullopt;
    }
    const auto forced = batch::parse_format(vm["format"].as<std::string>());
    if (!forced) {
        usage_error("batch", "unknown --format '" + vm["format"].as<std::string>() +
                                 "' (csv, fhir-bundle or fhir-ndjson)");
    }
    return forced;
}

batch::FindingsFormat batch_findings_format_of(const po::variables_map& vm) {
    const auto findings_format = batch::parse_findings_format(vm["findings-format"].as<std::string>());
    if (!findings_format) {
        usage_error("batch", "unknown --findings-format '" + vm["findings-format"].as<std::string>() +
                                 "' (jsonl or csv)");
    }
    return *findings_format;
}

// --as-of: the date ages from FHIR birthDate are taken on.
void read_batch_as_of(const po::variables_map& vm, BatchRequest& request) {
    if (vm.count("as-of")) {
        request.as_of_text = vm["as-of"].as<std::string>();
        const auto date = batch::parse_date(request.as_of_text);
        if (!date || request.as_of_text.size() != 10) {
            usage_error("batch", "--as-of needs a date YYYY-MM-DD, got '" + request.as_of_text + "'");
        }
        request.case_options.as_of = *date;
    }
}

unsigned batch_jobs_of(const po::variables_map& vm) {
    unsigned jobs = std::max(1U, std::thread::hardware_concurrency());
    if (vm.count("jobs")) {
        jobs = vm["jobs"].as<unsigned>();
        if (jobs == 0 || jobs > 256) {
            usage_error("batch", "--jobs must be between 1 and 256");
        }
    }
    return jobs;
}

// --layout, which reads one directory or file in place of the inputs.
std::optional<layouts::Layout> batch_layout_of(const po::variables_map& vm, const BatchRequest& request) {
    if (!vm.count("layout")) {
        return std::nullopt;
    }
    const auto layout = layouts::parse_layout(vm["layout"].as<std::string>());
    if (!layout) {
        usage_error("batch",
                    "unknown --layout '" + vm["layout"].as<std::string>() + "' (mimic-iv, omop or claims)");
    }
    if (request.paths.size() != 1 || request.paths.front() == "-" || request.forced) {
        usage_error("batch",
                    "--layout reads one directory (mimic-iv, omop) or file (claims), without --format");
    }
    return layout;
}

// The options, checked in the order their usage errors are reported.
BatchRequest batch_request_of(const po::variables_map& vm) {
    if (!vm.count("input")) {
        usage_error("batch", "no input: give one or more files, or - for standard input");
    }
    BatchRequest request;
    request.paths = vm["input"].as<std::vector<std::string>>();
    request.forced = batch_forced_format_of(vm);
    request.findings_format = batch_findings_format_of(vm);
    request.ingest_options = ingest_options_of(vm);
    read_batch_as_of(vm, request);
    request.jobs = batch_jobs_of(vm);
    // NDJSON parsing threads: bounded like the CSV owners (each holds a few batches of lines).
    request.ingest_options.parse_threads = std::min(request.jobs, k_max_reading_owners);
    request.out_path = vm["out"].as<std::string>();
    request.summary_path = vm.count("summary") ? vm["summary"].as<std::string>() : std::string();
    if (std::count(request.paths.begin(), request.paths.end(), std::string("-")) > 1) {
        usage_error("batch", "standard input (-) can be read only once");
    }
    refuse_same_files(request.paths, request.out_path, request.summary_path);
    if (request.out_path == "-" && request.summary_path == "-") {
        usage_error("batch", "findings and summary cannot both go to standard output");
    }
    request.layout = batch_layout_of(vm, request);
    if (vm.count("ndc-map")) {
        request.layout_options.ndc_map = vm["ndc-map"].as<std::string>();
    }
    return request;
}

// One batch run: read every input, check every patient, write findings and summary.
class BatchCommandRun {
  public:
    BatchCommandRun(Context& context, const BatchRequest& request, std::uint64_t total_bytes)
        : m_context(context), m_request(request), m_rules(context.rules()),
          m_ingest(std::make_unique<batch::Ingest>(m_rules, request.ingest_options)),
          m_progress(context.err, &context.err == &std::cerr && ::isatty(STDERR_FILENO) == 1, total_bytes) {}

    // The records of a --layout export.
    void read_layout() {
        for (auto& table : layouts::read_layout(*m_request.layout, m_request.paths.front(),
                                                m_request.layout_options, *m_ingest)) {
            m_report.inputs.push_back({table.path, batch::Format::csv, table.bytes, table.sha256});
            m_prefixes.push_back(std::move(table.prefix));
        }
    }

    void read_inputs(std::vector<std::unique_ptr<std::ifstream>>& files);
    void check_and_write();
    // Hands the records to the process exit (see the end of run_batch).
    void keep_until_exit() {
        g_kept_until_exit = m_ingest.release();
        g_kept_parallel_until_exit = m_parallel.release();
    }
    int exit_code() const { return m_report.exit_code; }

  private:
    void read_input(std::size_t i, std::vector<std::unique_ptr<std::ifstream>>& files,
                    std::vector<std::unique_ptr<batch::PrefixedStream>>& streams,
                    const std::vector<batch::Format>& formats);

    Context& m_context;
    const BatchRequest& m_request;
    const rules::RuleSet& m_rules;
    const std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
    std::unique_ptr<batch::Ingest> m_ingest;
    batch::Progress m_progress;
    std::uint64_t m_bytes_before = 0;
    batch::BatchReport m_report;
    std::vector<std::string> m_prefixes;
    // CSV and NDJSON inputs are read by several threads, each owning the patients whose ids hash to it.
    std::unique_ptr<batch::ParallelIngest> m_parallel;
};

void BatchCommandRun::read_inputs(std::vector<std::unique_ptr<std::ifstream>>& files) {
    std::vector<std::unique_ptr<batch::PrefixedStream>> streams;
    std::vector<batch::Format> formats;
    for (const auto& file : files) {
        std::istream& raw = file ? static_cast<std::istream&>(*file) : m_context.in;
        std::string head = batch::read_head(raw, k_head_bytes);
        formats.push_back(m_request.forced ? *m_request.forced : batch::detect_format(head));
        streams.push_back(std::make_unique<batch::PrefixedStream>(std::move(head), raw));
    }
    if (!m_request.layout) {
        m_prefixes = record_prefixes(m_request.paths, formats);
    }
    if (!m_request.layout && m_request.jobs > 1 && !formats.empty() &&
        std::all_of(formats.begin(), formats.end(), [](batch::Format f) {
            return f == batch::Format::csv || f == batch::Format::fhir_ndjson;
        })) {
        m_parallel = std::make_unique<batch::ParallelIngest>(m_rules, m_request.ingest_options,
                                                             std::min(m_request.jobs, k_max_reading_owners));
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        read_input(i, files, streams, formats);
    }
}

// Reads input i, hashing it on another core meanwhile, and closes it.
void BatchCommandRun::read_input(std::size_t i, std::vector<std::unique_ptr<std::ifstream>>& files,
                                 std::vector<std::unique_ptr<batch::PrefixedStream>>& streams,
                                 const std::vector<batch::Format>& formats) {
    batch::InputInfo info;
    info.path = m_request.paths[i];
    info.format = formats[i];
    util::AsyncSha256 digest;
    std::uint64_t bytes = 0;
    auto on_progress = [&](std::uint64_t records) { m_progress.reading(m_bytes_before + bytes, records); };
    auto observe = [&](std::string_view chunk) {
        digest.update(chunk);
        bytes += chunk.size();
    };
    if (m_parallel) {
        m_parallel->on_progress = on_progress;
        m_parallel->read(*streams[i], formats[i], static_cast<std::uint32_t>(i), m_prefixes[i], observe);
    } else {
        m_ingest->on_progress = on_progress;
        m_ingest->read(*streams[i], formats[i], static_cast<std::uint32_t>(i), m_prefixes[i], observe);
    }
    if (files[i] && files[i]->bad()) {
        throw util::Error(util::ErrorKind::cannot_open, m_request.paths[i] + ": read error");
    }
    info.bytes = bytes;
    info.sha256 = digest.hex();
    m_bytes_before += bytes;
    m_report.inputs.push_back(std::move(info));
    streams[i].reset();
    files[i].reset();
}

void BatchCommandRun::check_and_write() {
    const auto t_read = std::chrono::steady_clock::now();
    const bool timing = std::getenv("MEDCHECK_TIMING") != nullptr;
    const std::string rss_read = timing ? resident_memory() : std::string();
    const auto cpu_read = timing ? cpu_seconds() : std::pair<double, double>{};
    // Reading is done: the patient indexes are not needed while checking.
    if (m_parallel) {
        m_parallel->seal();
    } else {
        m_ingest->store().seal();
    }
    util::return_freed_memory(); // reading's garbage, before the checking threads allocate anew
    batch::RunOptions run_options;
    run_options.jobs = m_request.jobs;
    run_options.format = m_request.findings_format;
    run_options.case_options = m_request.case_options;
    run_options.record_prefixes = m_prefixes;
    run_options.known_names =
        m_parallel ? m_parallel->known_names() : std::vector<const check::KnownNames*>{&m_ingest->scope()};
    run_options.on_progress = [&](std::size_t done, std::size_t total) { m_progress.checking(done, total); };

    std::unique_ptr<batch::OutputFile> out_file;
    if (m_request.out_path != "-") {
        out_file = std::make_unique<batch::OutputFile>(m_request.out_path);
    }
    std::ostream& out = out_file ? out_file->stream() : m_context.out;
    batch::write_findings_header(out, m_request.findings_format);
    m_report.run = m_parallel ? batch::run_checks(m_parallel->patients(), m_rules, run_options, out)
                              : batch::run_checks(m_ingest->store(), m_rules, run_options, out);
    m_progress.finish();
    if (timing) {
        const auto t_end = std::chrono::steady_clock::now();
        const auto cpu_end = cpu_seconds();
        m_context.err << "timing: read " << std::chrono::duration<double>(t_read - m_start).count()
                      << " s (cpu " << cpu_read.first << " user + " << cpu_read.second
                      << " sys), check+write " << std::chrono::duration<double>(t_end - t_read).count()
                      << " s (cpu " << cpu_end.first - cpu_read.first << " user + "
                      << cpu_end.second - cpu_read.second << " sys); after reading " << rss_read
                      << ", at the end " << resident_memory() << "\n";
    }

    m_report.records = m_parallel ? m_parallel->counts() : m_ingest->counts();
    m_report.database = m_rules.database;
    m_report.strict = m_request.ingest_options.strict;
    m_report.as_of = m_request.as_of_text;
    batch::settle_outcome(m_report);
    write_outputs(m_context, m_report, out_file.get(), m_request.summary_path);
}

} // namespace

int run_batch(Context& context) {
    const po::options_description options = batch_options();
    const po::variables_map vm = parse_options(context, "batch", options, "input");
    if (vm.count("help")) {
        print_batch_help(context.out, options);
        return 0;
    }
    const BatchRequest request = batch_request_of(vm);
    // Open every input first: a missing file fails before any work (exit 66).
    std::uint64_t total_bytes = 0;
    auto files = open_inputs(request.layout ? std::vector<std::string>{} : request.paths, total_bytes);
    BatchCommandRun run(context, request, total_bytes);
    if (request.layout) {
        run.read_layout();
    }
    run.read_inputs(files);
    run.check_and_write();
    if (whole_process()) {
        // Everything is written: the process ends now, and destroying every stored patient and order
        // one by one would take longer than the exit. Kept reachable from a static (not leaked).
        run.keep_until_exit();
    }
    return run.exit_code();
}

} // namespace medcheck::cli
