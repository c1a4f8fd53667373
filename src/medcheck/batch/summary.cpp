#include <medcheck/batch/summary.hpp>

#include <medcheck/cli/exit_code.hpp>
#include <medcheck/model/severity.hpp>

#include <algorithm>
#include <iomanip>

namespace medcheck::batch {

namespace {

nlohmann::ordered_json counts_json(const std::map<std::string, std::uint64_t>& counts) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const auto& [key, count] : counts) {
        out[key] = count;
    }
    return out;
}

} // namespace

void settle_outcome(BatchReport& report) {
    const RecordCounts& counts = report.records;
    if (counts.rejected > 0) {
        report.run.worst =
            std::max(report.run.worst.value_or(model::Verdict::ok), model::Verdict::unverifiable);
    }
    if (counts.read > 0 && counts.checked + counts.skipped == 0) {
        report.exit_code = static_cast<int>(cli::ExitCode::bad_data);
    } else {
        report.exit_code =
            static_cast<int>(cli::exit_code_for(report.run.worst.value_or(model::Verdict::ok)));
    }
}

nlohmann::ordered_json summary_json(const BatchReport& report) {
    nlohmann::ordered_json out;
    out["verdict"] =
        report.run.worst ? std::string(model::to_string(*report.run.worst)) : std::string("none");
    out["exit_code"] = report.exit_code;
    const RecordCounts& r = report.records;
    out["records"] = {{"read", r.read},
                      {"checked", r.checked},
                      {"skipped", r.skipped},
                      {"rejected", r.rejected},
                      {"medication_orders", r.medication_orders}};
    out["skipped"] = counts_json(r.skipped_by_reason);
    nlohmann::ordered_json rejected;
    rejected["by_reason"] = counts_json(r.rejected_by_reason);
    rejected["records"] = nlohmann::ordered_json::array();
    for (const auto& rejection : r.rejections) {
        rejected["records"].push_back(
            {{"record", rejection.location}, {"field", rejection.field}, {"reason", rejection.reason}});
    }
    rejected["listed"] = r.rejections.size();
    out["rejected"] = std::move(rejected);
    std::uint64_t out_of_scope = 0;
    for (const auto& [name, count] : r.out_of_scope_by_drug) {
        out_of_scope += count;
    }
    out["out_of_scope"] = {{"orders", out_of_scope}, {"by_drug", counts_json(r.out_of_scope_by_drug)}};
    nlohmann::ordered_json patients;
    patients["checked"] = report.run.patients_checked;
    patients["without_orders_in_scope"] = report.run.patients_without_orders;
    nlohmann::ordered_json by_verdict = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < report.run.patients_by_verdict.size(); ++i) {
        by_verdict[std::string(model::to_string(static_cast<model::Verdict>(i)))] =
            report.run.patients_by_verdict[i];
    }
    patients["by_verdict"] = std::move(by_verdict);
    out["patients"] = std::move(patients);
    nlohmann::ordered_json findings;
    findings["total"] = report.run.findings;
    nlohmann::ordered_json by_severity = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < report.run.findings_by_severity.size(); ++i) {
        by_severity[std::string(model::to_string(static_cast<model::Severity>(i)))] =
            report.run.findings_by_severity[i];
    }
    findings["by_severity"] = std::move(by_severity);
    findings["by_kind"] = counts_json(report.run.findings_by_kind);
    out["findings"] = std::move(findings);
    out["options"] = {{"strict", report.strict},
                      {"as_of", report.as_of.empty() ? nlohmann::ordered_json(nullptr)
                                                     : nlohmann::ordered_json(report.as_of)}};
    out["database"] = {{"version", report.database.version}, {"sha256", report.database.sha256}};
    out["inputs"] = nlohmann::ordered_json::array();
    for (const auto& input : report.inputs) {
        out["inputs"].push_back({{"path", input.path},
                                 {"format", std::string(to_string(input.format))},
                                 {"bytes", input.bytes},
                                 {"sha256", input.sha256}});
    }
    return out;
}

void write_summary_table(std::ostream& out, const BatchReport& report) {
    const RecordCounts& r = report.records;
    const RunStats& run = report.run;
    out << "medcheck batch: " << r.read << " records read = " << r.checked << " checked + " << r.skipped
        << " skipped + " << r.rejected << " rejected\n";
    for (const auto& [reason, count] : r.skipped_by_reason) {
        out << "  skipped  " << std::setw(10) << count << "  " << reason << '\n';
    }
    for (const auto& [reason, count] : r.rejected_by_reason) {
        out << "  rejected " << std::setw(10) << count << "  " << reason << '\n';
    }
    const std::size_t shown = std::min<std::size_t>(r.rejections.size(), 5);
    for (std::size_t i = 0; i < shown; ++i) {
        out << "    " << r.rejections[i].location << " " << r.rejections[i].field << ": "
            << r.rejections[i].reason << '\n';
    }
    out << "patients: " << run.patients_checked << " checked";
    for (std::size_t i = 0; i < run.patients_by_verdict.size(); ++i) {
        out << ", " << run.patients_by_verdict[i] << ' ' << model::to_string(static_cast<model::Verdict>(i));
    }
    out << "; " << run.patients_without_orders << " without orders in scope\n";
    out << "findings: " << run.findings;
    for (std::size_t i = run.findings_by_severity.size(); i-- > 0;) {
        out << ", " << run.findings_by_severity[i] << ' '
            << model::to_string(static_cast<model::Severity>(i));
    }
    out << '\n';
    if (!r.out_of_scope_by_drug.empty()) {
        std::vector<std::pair<std::uint64_t, std::string>> top;
        for (const auto& [name, count] : r.out_of_scope_by_drug) {
            top.emplace_back(count, name);
        }
        std::sort(top.begin(), top.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        out << "out of scope (not in the rule database):";
        for (std::size_t i = 0; i < top.size() && i < 5; ++i) {
            out << (i == 0 ? " " : ", ") << top[i].second << " " << top[i].first;
        }
        out << (top.size() > 5 ? ", ..." : "") << '\n';
    }
    out << "verdict: " << (run.worst ? model::to_string(*run.worst) : std::string_view("none")) << " (exit "
        << report.exit_code << ")\n";
}

} // namespace medcheck::batch
