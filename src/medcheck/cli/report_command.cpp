// `medcheck report`: a pharmacist review report (HTML, Markdown or JSON) of many cases.
#include <medcheck/batch/ingest.hpp>
#include <medcheck/batch/input.hpp>
#include <medcheck/batch/output_file.hpp>
#include <medcheck/check/engine.hpp>
#include <medcheck/check/resolve.hpp>
#include <medcheck/cli/context.hpp>
#include <medcheck/cli/exit_code.hpp>
#include <medcheck/report/case_inputs.hpp>
#include <medcheck/report/feedback_rates.hpp>
#include <medcheck/report/report_format.hpp>
#include <medcheck/util/error.hpp>
#include <medcheck/util/sha256.hpp>
#include <medcheck/version.hpp>

#include <fmt/format.h>

#include <boost/program_options.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>

namespace medcheck::cli {

namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

constexpr const char* k_report_usage =
    "usage: medcheck report INPUT... --out FILE|- [--format html|md|json] [--title TEXT] [--as-of "
    "YYYY-MM-DD]\n\n"
    "Checks every input and writes one review report: summary, patients worst first, rejected records,\n"
    "sign-off block. INPUT is a case JSON file (check contract v1), a CSV or FHIR (Bundle, NDJSON) export\n"
    "as `medcheck batch` reads it (all of a patient's records are checked together), or - for standard\n"
    "input. The format defaults to the --out extension (.md, .json, otherwise html). The file is written\n"
    "under a temporary name and renamed when complete. Exit status: the worst verdict (0/1/2), 65 when\n"
    "no input could be read.\n\n";

po::options_description report_options() {
    po::options_description options("medcheck report options");
    options.add_options()("help,h", "this help")("out,o", po::value<std::string>(),
                                                 "output file, or - for standard output (required)")(
        "format", po::value<std::string>(), "html, md or json (default: from the --out extension)")(
        "title", po::value<std::string>()->default_value("Medication safety review"),
        "report title")("as-of", po::value<std::string>(),
                        "report date YYYY-MM-DD (default: today, UTC; or SOURCE_DATE_EPOCH)")(
        "input", po::value<std::vector<std::string>>()->composing(), "input files")(
        "feedback", po::value<std::string>(),
        "instead of inputs: a `medcheck serve --feedback-log` file; writes override rates per rule");
    return options;
}

constexpr std::size_t k_head_bytes = 4096;

// A case JSON document rather than an export: a JSON object without FHIR's resourceType.
bool is_case_json(std::string_view head) {
    const auto first = head.find_first_not_of(" \t\r\n");
    const bool object = first != std::string_view::npos && head[first] == '{';
    return object && head.find("\"resourceType\"") == std::string_view::npos &&
           head.find("\"patient_id\"") == std::string_view::npos;
}

// Reads CSV and FHIR exports with the batch reader, then checks each patient that has orders in scope.
class ExportInputs {
  public:
    explicit ExportInputs(const rules::RuleSet& rules) : m_rules(rules), m_ingest(rules, {}) {}

    void read(std::istream& in, std::string head, const std::string& name, report::ReportInputs& gathered) {
        if (head.find("\"patient_id\"") != std::string::npos &&
            head.find("\"severity\"") != std::string::npos) {
            throw util::Error(util::ErrorKind::bad_data,
                              name +
                                  ": looks like findings written by medcheck batch; report needs the export "
                                  "itself (findings alone carry no patient factors or orders)");
        }
        const batch::Format format = batch::detect_format(head);
        batch::PrefixedStream stream(std::move(head), in);
        const auto index = static_cast<std::uint32_t>(m_prefixes.size());
        m_prefixes.push_back(batch::record_prefix(fs::path(name).filename().string(), format));
        util::Sha256Stream digest;
        m_ingest.read(stream, format, index, m_prefixes.back(),
                      [&](std::string_view chunk) { digest.update(chunk.data(), chunk.size()); });
        gathered.inputs.push_back({name, digest.hex()});
    }

    // Checks the patients read and adds them, with the records not checked, to `gathered`.
    void finish(report::ReportInputs& gathered) {
        const batch::PatientStore& store = m_ingest.store();
        // The names the reader resolved are not resolved again.
        check::ResolveCache names(m_rules, {&m_ingest.scope()});
        const check::CheckOptions options{.describe_orders = true, .resolve_cache = &names};
        for (std::size_t i = 0; i < store.size(); ++i) {
            const batch::StoredPatient& patient = store.at(i);
            if (patient.orders.empty()) {
                continue; // no order in scope: nothing to check (its drugs are counted as out of scope)
            }
            model::Case input = batch::build_case(patient, store, {}, m_prefixes);
            check::CheckResult result = check::check_case(input, m_rules, options);
            const std::string source =
                fmt::format("{}{}", m_prefixes.at(patient.first.input), patient.first.record);
            gathered.patients.push_back({std::move(input), std::move(result), source});
        }
        const batch::RecordCounts& counts = m_ingest.counts();
        for (const auto& rejection : counts.rejections) {
            gathered.records.rejected.push_back({rejection.location, rejection.field, rejection.reason});
        }
        gathered.records.rejected_total += counts.rejected;
        for (const auto& [reason, count] : counts.skipped_by_reason) {
            gathered.records.skipped.push_back({reason, count});
        }
        for (const auto& [drug, count] : counts.out_of_scope_by_drug) {
            gathered.records.out_of_scope.push_back({drug, count});
        }
    }

  private:
    const rules::RuleSet& m_rules;
    batch::Ingest m_ingest;
    std::vector<std::string> m_prefixes;
};

ExitCode exit_for(const report::ReportData& data) {
    if (data.patients.empty()) {
        return ExitCode::bad_data;
    }
    model::Verdict worst = model::Verdict::ok;
    for (const auto& patient : data.patients) {
        worst = std::max(worst, patient.verdict);
    }
    return exit_code_for(worst);
}

// --format, else the --out extension.
report::ReportFormat report_format_of(const po::variables_map& vm, const std::string& out_path) {
    report::ReportFormat format = report::format_for_path(out_path);
    if (vm.count("format")) {
        const auto parsed = report::parse_report_format(vm["format"].as<std::string>());
        if (!parsed) {
            usage_error("report",
                        "unknown --format '" + vm["format"].as<std::string>() + "' (html, md or json)");
        }
        format = *parsed;
    }
    return format;
}

// --as-of, else today.
std::string report_date_of(const po::variables_map& vm) {
    std::string as_of = report::default_report_date();
    if (vm.count("as-of")) {
        as_of = vm["as-of"].as<std::string>();
        if (!report::is_report_date(as_of)) {
            usage_error("report", "--as-of '" + as_of + "' is not a date YYYY-MM-DD");
        }
    }
    return as_of;
}

// Standard input read once at most, and no input that the report would overwrite.
void refuse_report_inputs(const std::vector<std::string>& inputs, const std::string& out_path) {
    if (std::count(inputs.begin(), inputs.end(), "-") > 1) {
        usage_error("report", "standard input (-) can be read only once");
    }
    for (const auto& input : inputs) {
        if (batch::input_is_output(input, out_path)) {
            usage_error("report", "--out '" + out_path + "' is also an input" +
                                      (input == "-" ? std::string(" (standard input)") : std::string()) +
                                      "; refusing to overwrite it");
        }
    }
}

// Reads every input (case JSON documents one by one, exports with the batch reader) and checks them.
report::ReportInputs gather_report_inputs(Context& context, const std::vector<std::string>& inputs,
                                          const rules::RuleSet& rules) {
    report::ReportInputs gathered;
    ExportInputs exports(rules);
    for (const auto& input : inputs) {
        std::unique_ptr<std::ifstream> file;
        if (input != "-") {
            std::error_code error;
            file = std::make_unique<std::ifstream>(input, std::ios::binary);
            if (!*file || fs::is_directory(input, error)) {
                throw util::Error(util::ErrorKind::cannot_open, input + ": cannot open input file");
            }
        }
        std::istream& raw = file ? static_cast<std::istream&>(*file) : context.in;
        const std::string name = input == "-" ? "<stdin>" : input;
        std::string head = batch::read_head(raw, k_head_bytes);
        if (is_case_json(head)) {
            batch::PrefixedStream stream(std::move(head), raw);
            report::add_case(gathered, stream, name, rules);
        } else {
            exports.read(raw, std::move(head), name, gathered);
        }
        if (file && file->bad()) {
            throw util::Error(util::ErrorKind::cannot_open, input + ": read error");
        }
    }
    exports.finish(gathered);
    return gathered;
}

} // namespace

// Override rates per rule from a CDS Hooks feedback log (medcheck serve --feedback-log).
static int write_feedback_report(Context& context, const std::string& log_path, const std::string& out_path,
                                 report::ReportFormat format) {
    std::ifstream in(log_path, std::ios::binary);
    if (!in) {
        throw util::Error(util::ErrorKind::cannot_open, log_path + ": cannot open the feedback log");
    }
    const report::FeedbackRates rates = report::read_feedback_log(in);
    if (out_path == "-") {
        report::write_feedback_rates(context.out, rates, format);
        return 0;
    }
    batch::OutputFile out(out_path);
    report::write_feedback_rates(out.stream(), rates, format);
    out.commit();
    return 0;
}

int run_report(Context& context) {
    const po::options_description options = report_options();
    const po::variables_map vm = parse_options(context, "report", options, "input");
    if (vm.count("help")) {
        context.out << k_report_usage << options << '\n';
        return 0;
    }
    if (vm.count("feedback") && vm.count("input")) {
        usage_error("report", "--feedback makes its own report: give it without other inputs");
    }
    if (!vm.count("input") && !vm.count("feedback")) {
        usage_error("report", "no input: give at least one case file");
    }
    if (!vm.count("out")) {
        usage_error("report", "--out FILE is required (- for standard output)");
    }
    const std::string out_path = vm["out"].as<std::string>();
    if (out_path.empty()) {
        usage_error("report", "--out needs a path");
    }
    const auto inputs =
        vm.count("input") ? vm["input"].as<std::vector<std::string>>() : std::vector<std::string>();
    const report::ReportFormat format = report_format_of(vm, out_path);
    if (vm.count("feedback")) {
        return write_feedback_report(context, vm["feedback"].as<std::string>(), out_path, format);
    }
    const std::string as_of = report_date_of(vm);
    refuse_report_inputs(inputs, out_path);

    const rules::RuleSet& rules = context.rules();
    report::ReportInputs gathered = gather_report_inputs(context, inputs, rules);
    report::ReportHeader header{vm["title"].as<std::string>(), as_of, k_version, rules.database,
                                std::move(gathered.inputs)};
    const report::ReportData data =
        report::build_report(std::move(header), std::move(gathered.patients), std::move(gathered.records));
    if (out_path == "-") {
        report::write_report(context.out, data, format);
    } else {
        batch::OutputFile file(out_path);
        report::write_report(file.stream(), data, format);
        file.commit();
    }
    const ExitCode code = exit_for(data);
    if (code == ExitCode::bad_data) {
        context.err << "medcheck: error: no input could be read; the report lists the rejected inputs\n";
    }
    return static_cast<int>(code);
}

} // namespace medcheck::cli
