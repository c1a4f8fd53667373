#include <medcheck/report/report_data.hpp>

#include <medcheck/util/text.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace medcheck::report {

namespace {

double per_100(std::uint64_t count, std::uint64_t orders) {
    return orders == 0 ? 0.0 : static_cast<double>(count) * 100.0 / static_cast<double>(orders);
}

PatientSection section_for(CheckedPatient& patient) {
    PatientSection section;
    section.source = std::move(patient.source);
    section.verdict = patient.result.verdict;
    section.factors = std::move(patient.result.patient);
    section.total_mme = patient.result.total_mme;
    for (std::size_t i = 0; i < patient.result.orders.size(); ++i) {
        auto& order = patient.result.orders[i];
        OrderLine line{std::move(order.sig),
                       std::move(order.written_drug),
                       std::move(order.drug_key),
                       {},
                       std::move(order.reading.text)};
        if (i < patient.input.medications.size()) {
            line.reference = patient.input.medications[i].reference;
        }
        section.orders.push_back(std::move(line));
    }
    for (const auto& finding : patient.result.findings) {
        section.findings.push_back(suggest_alternative(finding));
    }
    return section;
}

struct RuleTally {
    std::string kind;
    model::Severity severity = model::Severity::info;
    std::uint64_t findings = 0;
    std::uint64_t patients = 0;
};

Summary summarize(const std::vector<PatientSection>& patients, const RecordAccounting& records) {
    Summary summary;
    std::map<std::string, std::uint64_t> by_kind;
    std::map<std::string, RuleTally> by_rule;
    for (const auto& patient : patients) {
        ++summary.patients;
        summary.orders += patient.orders.size();
        ++summary.patients_by_verdict[static_cast<std::size_t>(patient.verdict)];
        std::set<std::string> rules_here;
        for (const auto& line : patient.findings) {
            const model::Finding& f = line.finding;
            ++summary.findings;
            if (f.severity != model::Severity::info) {
                ++summary.alerts;
            }
            ++summary.findings_by_severity[static_cast<std::size_t>(f.severity)];
            ++by_kind[f.kind];
            const std::string rule = f.rule_id.empty() ? f.kind : f.rule_id;
            RuleTally& tally = by_rule[rule];
            tally.kind = f.kind;
            tally.severity = std::max(tally.severity, f.severity);
            ++tally.findings;
            if (rules_here.insert(rule).second) {
                ++tally.patients;
            }
        }
    }
    summary.alerts_per_100_orders = per_100(summary.alerts, summary.orders);
    for (const auto& [kind, count] : by_kind) {
        summary.findings_by_kind.push_back({kind, count});
    }
    std::stable_sort(summary.findings_by_kind.begin(), summary.findings_by_kind.end(),
                     [](const NamedCount& a, const NamedCount& b) { return a.count > b.count; });
    std::vector<RuleStat> rules;
    rules.reserve(by_rule.size());
    for (const auto& [id, tally] : by_rule) {
        rules.push_back({id, tally.kind, tally.severity, tally.findings, tally.patients,
                         per_100(tally.findings, summary.orders)});
    }
    // Most findings first; ties by severity (worst first), then by rule id (map order, kept by stable sort).
    std::stable_sort(rules.begin(), rules.end(), [](const RuleStat& a, const RuleStat& b) {
        if (a.findings != b.findings) {
            return a.findings > b.findings;
        }
        return a.severity > b.severity;
    });
    summary.rules_that_fired = rules.size();
    if (rules.size() > k_top_rules) {
        rules.resize(k_top_rules);
    }
    summary.top_rules = std::move(rules);
    summary.rejected = std::max<std::uint64_t>(records.rejected_total, records.rejected.size());
    for (const auto& skipped : records.skipped) {
        summary.skipped += skipped.count;
    }
    return summary;
}

} // namespace

FindingLine suggest_alternative(const model::Finding& finding) {
    FindingLine line{finding, finding.alternative, false};
    const bool dose_limit = finding.kind == "max_daily_dose" || finding.kind == "max_single_dose";
    if (line.alternative.empty() && dose_limit && finding.limit && !finding.unit.empty()) {
        line.alternative = "reduce to at most " + util::format_number(*finding.limit) + " " + finding.unit;
        if (finding.kind == "max_single_dose" && finding.unit.find('/') == std::string::npos) {
            line.alternative += " per dose";
        }
        line.alternative_from_limit = true;
    }
    return line;
}

ReportData build_report(ReportHeader header, std::vector<CheckedPatient> patients, RecordAccounting records) {
    ReportData data;
    data.title = std::move(header.title);
    data.as_of = std::move(header.as_of);
    data.medcheck_version = std::move(header.medcheck_version);
    data.database = std::move(header.database);
    data.inputs = std::move(header.inputs);
    data.patients.reserve(patients.size());
    for (auto& patient : patients) {
        data.patients.push_back(section_for(patient));
    }
    // Worst first; then by patient id; input order breaks remaining ties (stable sort).
    std::stable_sort(data.patients.begin(), data.patients.end(),
                     [](const PatientSection& a, const PatientSection& b) {
                         if (a.verdict != b.verdict) {
                             return a.verdict > b.verdict;
                         }
                         return a.factors.id < b.factors.id;
                     });
    data.summary = summarize(data.patients, records);
    data.rejected = std::move(records.rejected);
    data.skipped = std::move(records.skipped);
    data.out_of_scope = std::move(records.out_of_scope);
    std::stable_sort(data.out_of_scope.begin(), data.out_of_scope.end(),
                     [](const NamedCount& a, const NamedCount& b) { return a.count > b.count; });
    return data;
}

} // namespace medcheck::report
