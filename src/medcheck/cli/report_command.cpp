// `medcheck report`: a pharmacist review report (HTML, Markdown or JSON) of many cases.
#include <medcheck/batch/output_file.hpp>
#include <medcheck/cli/context.hpp>
#include <medcheck/cli/exit_code.hpp>
#include <medcheck/report/case_inputs.hpp>
#include <medcheck/report/report_format.hpp>
#include <medcheck/util/error.hpp>
#include <medcheck/version.hpp>

#include <boost/program_options.hpp>

#include <algorithm>
#include <filesystem>

namespace medcheck::cli {

namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

constexpr const char* k_report_usage =
    "usage: medcheck report INPUT... --out FILE|- [--format html|md|json] [--title TEXT] [--as-of YYYY-MM-DD]\n\n"
    "Checks every input and writes one review report: summary, patients worst first, rejected records,\n"
    "sign-off block. INPUT is a case JSON file (check contract v1) or - for standard input. The format\n"
    "defaults to the --out extension (.md, .json, otherwise html). The file is written under a temporary\n"
    "name and renamed when complete. Exit status: the worst verdict (0/1/2), 65 when no input could be read.\n\n";

po::options_description report_options() {
    po::options_description options("medcheck report options");
    options.add_options()
        ("help,h", "this help")
        ("out,o", po::value<std::string>(), "output file, or - for standard output (required)")
        ("format", po::value<std::string>(), "html, md or json (default: from the --out extension)")
        ("title", po::value<std::string>()->default_value("Medication safety review"), "report title")
        ("as-of", po::value<std::string>(), "report date YYYY-MM-DD (default: today, UTC; or SOURCE_DATE_EPOCH)")
        ("input", po::value<std::vector<std::string>>()->composing(), "input files");
    return options;
}

// True when both paths name the same file (or would, once `out` exists).
bool same_file(const fs::path& out, const fs::path& input) {
    std::error_code error;
    if (fs::exists(out, error) && fs::exists(input, error)) {
        return fs::equivalent(out, input, error);
    }
    return fs::weakly_canonical(out, error) == fs::weakly_canonical(input, error);
}

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

} // namespace

int run_report(Context& context) {
    const po::options_description options = report_options();
    po::positional_options_description positional;
    positional.add("input", -1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(context.args).options(options).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        usage_error("report", e.what());
    }
    if (vm.count("help")) {
        context.out << k_report_usage << options << '\n';
        return 0;
    }
    if (!vm.count("input")) {
        usage_error("report", "no input: give at least one case file");
    }
    if (!vm.count("out")) {
        usage_error("report", "--out FILE is required (- for standard output)");
    }
    const std::string out_path = vm["out"].as<std::string>();
    if (out_path.empty()) {
        usage_error("report", "--out needs a path");
    }
    const auto inputs = vm["input"].as<std::vector<std::string>>();
    report::ReportFormat format = report::format_for_path(out_path);
    if (vm.count("format")) {
        const auto parsed = report::parse_report_format(vm["format"].as<std::string>());
        if (!parsed) {
            usage_error("report", "unknown --format '" + vm["format"].as<std::string>() + "' (html, md or json)");
        }
        format = *parsed;
    }
    std::string as_of = report::default_report_date();
    if (vm.count("as-of")) {
        as_of = vm["as-of"].as<std::string>();
        if (!report::is_report_date(as_of)) {
            usage_error("report", "--as-of '" + as_of + "' is not a date YYYY-MM-DD");
        }
    }
    if (std::count(inputs.begin(), inputs.end(), "-") > 1) {
        usage_error("report", "standard input (-) can be read only once");
    }
    for (const auto& input : inputs) {
        if (out_path != "-" && input != "-" && same_file(out_path, input)) {
            usage_error("report", "--out '" + out_path + "' is also an input; refusing to overwrite it");
        }
    }

    const rules::RuleSet& rules = context.rules();
    report::ReportInputs gathered;
    for (const auto& input : inputs) {
        if (input == "-") {
            report::add_case(gathered, context.in, "<stdin>", rules);
        } else {
            report::add_case_file(gathered, input, rules);
        }
    }
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
