// `medcheck check`: one case from a JSON file or from flags, written as text or contract JSON.
#include <medcheck/check/engine.hpp>
#include <medcheck/cli/context.hpp>
#include <medcheck/cli/exit_code.hpp>
#include <medcheck/io/case_json.hpp>
#include <medcheck/io/result_json.hpp>
#include <medcheck/io/sig.hpp>
#include <medcheck/report/report_format.hpp>
#include <medcheck/report/text_writer.hpp>
#include <medcheck/util/error.hpp>
#include <medcheck/util/sha256.hpp>
#include <medcheck/util/text.hpp>
#include <medcheck/version.hpp>

#include <fmt/format.h>

#include <boost/program_options.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

namespace medcheck::cli {

namespace {

namespace po = boost::program_options;

// Micromoles per litre of creatinine in one mg/dL.
constexpr double k_umol_l_per_mg_dl = 88.4;

po::options_description check_options() {
    po::options_description options("medcheck check options");
    options.add_options()("help,h", "this help")(
        "case", po::value<std::string>(), "case JSON file (check contract v1), or - for standard input")(
        "format", po::value<std::string>()->default_value("text"),
        "output: text, json, or a one-patient review report: html or md")("id", po::value<std::string>(),
                                                                          "patient id")(
        "age", po::value<std::string>(), "age in years")("weight", po::value<std::string>(), "weight in kg")(
        "sex", po::value<std::string>(), "female or male")("crcl", po::value<std::string>(),
                                                           "creatinine clearance in mL/min")(
        "scr", po::value<std::string>(), "serum creatinine in mg/dL (Cockcroft-Gault when --crcl is absent)")(
        "scr-umol", po::value<std::string>(),
        "serum creatinine in umol/L (converted: 88.4 umol/L = 1 mg/dL)")(
        "hepatic", po::value<std::string>(), "hepatic impairment: none, mild, moderate, severe")(
        "pregnancy-weeks", po::value<std::string>(), "gestational week, if pregnant")(
        "condition", po::value<std::vector<std::string>>()->composing(),
        "a condition (repeatable)")("tried", po::value<std::vector<std::string>>()->composing(),
                                    "a first-line therapy already tried (repeatable); 'none' for none")(
        "indication", po::value<std::string>(),
        "acute_low_back_pain, chronic_low_back_pain, radicular_pain, ...")(
        "med", po::value<std::vector<std::string>>()->composing(),
        "a regimen as a sig, e.g. \"ibuprofen 400 mg po q6h prn x 7d\" (repeatable)");
    return options;
}

// Flag values are read as text so that "--age=abc" becomes a finding, like a bad value in a case file.
std::optional<double> number_flag(const po::variables_map& vm, const char* name, const std::string& field,
                                  std::vector<model::InputIssue>& issues) {
    if (!vm.count(name)) {
        return std::nullopt;
    }
    const std::string text = vm[name].as<std::string>();
    const auto value = util::parse_number(text);
    if (!value) {
        issues.push_back({field, "cannot read '" + text + "' as a number", std::nullopt});
    }
    return value;
}

model::Case case_from_flags(const po::variables_map& vm) {
    model::Case c;
    model::Patient& p = c.patient;
    if (vm.count("id")) {
        p.id = vm["id"].as<std::string>();
    }
    p.age_years = number_flag(vm, "age", "patient.age", c.issues);
    p.weight_kg = number_flag(vm, "weight", "patient.weight_kg", c.issues);
    p.crcl_ml_min = number_flag(vm, "crcl", "patient.crcl_ml_min", c.issues);
    p.serum_creatinine_mg_dl = number_flag(vm, "scr", "patient.serum_creatinine_mg_dl", c.issues);
    if (const auto umol = number_flag(vm, "scr-umol", "patient.serum_creatinine_umol_l", c.issues)) {
        p.serum_creatinine_mg_dl = *umol / k_umol_l_per_mg_dl;
    }
    p.pregnancy_weeks = number_flag(vm, "pregnancy-weeks", "patient.pregnancy_weeks", c.issues);
    if (vm.count("sex")) {
        const std::string sex = util::to_lower(vm["sex"].as<std::string>());
        if (const auto parsed = model::parse_sex(sex, model::Spelling::lenient);
            parsed && *parsed != model::Sex::absent) {
            p.sex = *parsed;
        } else {
            c.issues.push_back({"patient.sex", "unknown sex '" + sex + "' (female or male)", std::nullopt});
        }
    }
    if (vm.count("hepatic")) {
        const std::string hepatic = util::to_lower(vm["hepatic"].as<std::string>());
        if (const auto parsed = model::parse_hepatic(hepatic, model::Spelling::lenient);
            parsed && *parsed != model::Hepatic::absent) {
            p.hepatic = *parsed;
        } else {
            c.issues.push_back(
                {"patient.hepatic", "unknown hepatic impairment '" + hepatic + "'", std::nullopt});
        }
    }
    if (vm.count("condition")) {
        p.conditions = vm["condition"].as<std::vector<std::string>>();
    }
    if (vm.count("tried")) {
        p.tried.emplace();
        for (const auto& tried : vm["tried"].as<std::vector<std::string>>()) {
            if (tried != "none") {
                p.tried->push_back(tried);
            }
        }
    }
    if (vm.count("indication")) {
        c.indication = vm["indication"].as<std::string>();
    }
    if (vm.count("med")) {
        const auto sigs = vm["med"].as<std::vector<std::string>>();
        for (std::size_t i = 0; i < sigs.size(); ++i) {
            const int index = static_cast<int>(i);
            c.medications.push_back(io::parse_sig(sigs[i], index, fmt::format("--med {}", i + 1), c.issues));
        }
    }
    return c;
}

model::Case read_case_file(Context& context, const std::string& path) {
    if (path == "-") {
        return io::read_case_json(context.in, "<stdin>");
    }
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        throw util::Error(util::ErrorKind::cannot_open, path + ": cannot open case file");
    }
    return io::read_case_json(file, path);
}

// A one-patient review report (HTML or Markdown) of a check; `case_path` is empty for flags.
void write_check_report(std::ostream& out, const std::string& case_path, const model::Case& input,
                        const check::CheckResult& result, const rules::RuleSet& rules,
                        report::ReportFormat format) {
    report::InputDigest digest{"command-line flags", ""};
    if (case_path == "-") {
        digest.path = "<stdin>";
    } else if (!case_path.empty()) {
        digest = {case_path, util::sha256_file_hex(case_path)};
    }
    const std::string& id = result.patient.id;
    const std::string title = "Medication safety review" + (id.empty() ? std::string() : ": patient " + id);
    report::ReportHeader header{title, report::default_report_date(), k_version, rules.database, {digest}};
    std::vector<report::CheckedPatient> patients;
    patients.push_back({input, result, digest.path});
    report::write_report(out, report::build_report(std::move(header), std::move(patients), {}), format);
}

} // namespace

int run_check(Context& context) {
    const po::options_description options = check_options();
    const po::variables_map vm = parse_options(context, "check", options);
    if (vm.count("help")) {
        context.out << "usage: medcheck check (--case FILE|- | patient flags --med SIG...)\n"
                       "                      [--format text|json|html|md]\n\n"
                    << options << '\n';
        return 0;
    }
    const std::string format = vm["format"].as<std::string>();
    if (format != "text" && format != "json" && format != "html" && format != "md") {
        usage_error("check", "unknown --format '" + format + "' (text, json, html or md)");
    }
    const bool has_flags =
        std::any_of(options.options().begin(), options.options().end(), [&](const auto& option) {
            const std::string& name = option->long_name();
            return name != "case" && name != "format" && name != "help" && vm.count(name) != 0;
        });
    if (vm.count("case") && has_flags) {
        usage_error("check", "give either --case or patient flags with --med, not both");
    }
    if (!vm.count("case") && !vm.count("med")) {
        usage_error("check", "nothing to check: give --case FILE or at least one --med");
    }
    const model::Case input =
        vm.count("case") ? read_case_file(context, vm["case"].as<std::string>()) : case_from_flags(vm);
    const rules::RuleSet& rules = context.rules();
    const check::CheckResult result = check::check_case(input, rules);
    if (format == "html" || format == "md") {
        write_check_report(context.out, vm.count("case") ? vm["case"].as<std::string>() : std::string(),
                           input, result, rules, *report::parse_report_format(format));
    } else if (format == "json") {
        io::write_result_json(context.out, result, rules.database);
    } else {
        report::write_result_text(context.out, result, rules.database);
    }
    return static_cast<int>(exit_code_for(result.verdict));
}

} // namespace medcheck::cli
