#include <medcheck/report/markdown_writer.hpp>

#include <medcheck/report/escape.hpp>
#include <medcheck/report/presentation.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace medcheck::report {

namespace {

std::string m(std::string_view text) {
    return markdown_escape(text);
}

// Severity as a bold label with a shape, readable without colour.
std::string severity_mark(model::Severity severity) {
    static constexpr std::array<std::string_view, 5> k_shapes{"\xE2\x97\x8F", "\xE2\x96\xB3", "?",
                                                              "\xE2\x96\xB2", "\xE2\x9B\x94"}; // ● △ ? ▲ ⛔
    return std::string(k_shapes[static_cast<std::size_t>(severity)]) + " **" + severity_label(severity) +
           "**";
}

std::string verdict_mark(model::Verdict verdict) {
    if (verdict == model::Verdict::ok) {
        return "\xE2\x9C\x93 **OK**"; // ✓
    }
    return severity_mark(static_cast<model::Severity>(static_cast<int>(verdict)));
}

void write_patient(std::ostream& out, const PatientSection& p) {
    out << "### " << m(patient_name(p)) << " \xE2\x80\x94 " << verdict_mark(p.verdict) << "\n\n"
        << "Source: " << m(p.source) << "\n\n";
    for (const auto& [label, value] : factor_rows(p)) {
        out << "- " << m(label) << ": " << m(value) << '\n';
    }
    out << "\n**Orders**\n\n";
    if (p.orders.empty()) {
        out << "No orders.\n";
    }
    for (std::size_t i = 0; i < p.orders.size(); ++i) {
        out << i + 1 << ". " << m(order_text(p.orders[i]));
        if (!p.orders[i].reference.empty()) {
            out << " \\[" << m(p.orders[i].reference) << "\\]";
        }
        if (!p.orders[i].reading.empty()) {
            out << "\n   Read as: " << m(p.orders[i].reading);
        }
        out << '\n';
    }
    out << "\n**Findings**\n\n| Severity | Finding | Actual vs limit | Suggested alternative | Source |\n"
        << "|---|---|---|---|---|\n";
    for (const auto& line : p.findings) {
        const model::Finding& f = line.finding;
        out << "| " << severity_mark(f.severity) << " | ";
        if (f.drug) {
            out << "**" << m(*f.drug) << "** ";
        }
        out << "(" << m(f.kind) << ") " << m(f.message) << " | " << m(actual_vs_limit(f)) << " | "
            << m(line.alternative) << (line.alternative_from_limit ? " (from the rule's limit)" : "") << " | "
            << m(f.source);
        if (!f.rule_id.empty()) {
            out << " (rule " << m(f.rule_id) << ")";
        }
        out << " |\n";
    }
    out << '\n';
}

void write_markdown_header(std::ostream& out, const ReportData& r) {
    out << "# " << m(r.title) << "\n\n"
        << "- Report date: " << m(r.as_of) << '\n'
        << "- medcheck version: " << m(r.medcheck_version) << '\n'
        << "- Rule database: version " << m(r.database.version) << ", SHA-256 " << m(r.database.sha256)
        << '\n'
        << "- Inputs:\n";
    for (const auto& input : r.inputs) {
        out << "  - " << m(input.path) << " (SHA-256 "
            << (input.sha256.empty() ? "not a file" : m(input.sha256)) << ")\n";
    }
    out << "\n> " << m(k_disclaimer) << "\n\n";
}

void write_markdown_summary(std::ostream& out, const Summary& s) {
    out << "## Summary\n\n| Measure | Count |\n|---|---:|\n";
    for (const auto& [label, value] : summary_rows(s)) {
        out << "| " << m(label) << " | " << m(value) << " |\n";
    }
    out << '\n';
    out << "### Findings by severity\n\n| Severity | Findings |\n|---|---:|\n";
    for (const auto severity : model::k_severities_worst_first) {
        out << "| " << severity_mark(severity) << " | "
            << s.findings_by_severity[static_cast<std::size_t>(severity)] << " |\n";
    }
    out << "\n### Patients by verdict\n\n| Verdict | Patients |\n|---|---:|\n";
    for (const auto verdict : model::k_verdicts_worst_first) {
        out << "| " << verdict_mark(verdict) << " | "
            << s.patients_by_verdict[static_cast<std::size_t>(verdict)] << " |\n";
    }
    out << "\n### Findings by kind\n\n";
    if (s.findings_by_kind.empty()) {
        out << "No findings.\n\n";
    } else {
        out << "| Kind | Findings |\n|---|---:|\n";
        for (const auto& kind : s.findings_by_kind) {
            out << "| " << m(kind.name) << " | " << kind.count << " |\n";
        }
        out << '\n';
    }
    out << "### Rules that fire most\n\n";
    if (s.top_rules.empty()) {
        out << "No rule fired.\n\n";
    } else {
        out << m(top_rules_caption(s)) << "\n\n"
            << "| Rule | Kind | Worst severity | Findings | Patients | Per 100 orders "
               "|\n|---|---|---|---:|---:|---:|\n";
        for (const auto& rule : s.top_rules) {
            out << "| " << m(rule.rule_id) << " | " << m(rule.kind) << " | " << severity_mark(rule.severity)
                << " | " << rule.findings << " | " << rule.patients << " | "
                << format_rate(rule.per_100_orders) << " |\n";
        }
        out << '\n';
    }
}

// Patients with findings in full, worst first; the others as one table row each.
void write_markdown_patients(std::ostream& out, const ReportData& r) {
    std::size_t with_findings = 0;
    for (const auto& p : r.patients) {
        with_findings += p.findings.empty() ? 0 : 1;
    }
    out << "## Patients with findings, worst first (" << with_findings << ")\n\n";
    if (with_findings == 0) {
        out << "No patient has a finding.\n\n";
    }
    for (const auto& p : r.patients) {
        if (!p.findings.empty()) {
            write_patient(out, p);
        }
    }
    const std::size_t without = r.patients.size() - with_findings;
    out << "## Patients without findings (" << without << ")\n\n";
    if (without == 0) {
        out << "None.\n\n";
        return;
    }
    out << "| Patient | Verdict | Orders |\n|---|---|---|\n";
    for (const auto& p : r.patients) {
        if (!p.findings.empty()) {
            continue;
        }
        out << "| " << m(p.factors.id.empty() ? "(no id) " + p.source : p.factors.id) << " | "
            << verdict_mark(p.verdict) << " | " << m(orders_line(p.orders)) << " |\n";
    }
    out << '\n';
}

void write_markdown_not_checked(std::ostream& out, const ReportData& r) {
    const Summary& s = r.summary;
    out << "## Records not checked\n\n### Rejected records (" << s.rejected << ")\n\n";
    if (r.rejected.empty()) {
        out << "None.\n\n";
    } else {
        if (s.rejected > r.rejected.size()) {
            out << "The first " << r.rejected.size() << " are listed.\n\n";
        }
        out << "| Record | Field | Reason |\n|---|---|---|\n";
        for (const auto& rec : r.rejected) {
            out << "| " << m(rec.location) << " | " << m(rec.field) << " | " << m(rec.reason) << " |\n";
        }
        out << '\n';
    }
    out << "### Skipped records (" << s.skipped << ")\n\n";
    if (r.skipped.empty()) {
        out << "None.\n\n";
    } else {
        out << "| Reason | Records |\n|---|---:|\n";
        for (const auto& skipped : r.skipped) {
            out << "| " << m(skipped.reason) << " | " << skipped.count << " |\n";
        }
        out << '\n';
    }
    if (!r.out_of_scope.empty()) {
        out << "### Drugs outside the rule catalogue (not checked)\n\n| Drug | Orders |\n|---|---:|\n";
        for (const auto& d : r.out_of_scope) {
            out << "| " << m(d.name) << " | " << d.count << " |\n";
        }
        out << '\n';
    }
}

} // namespace

void write_markdown(std::ostream& out, const ReportData& r) {
    write_markdown_header(out, r);
    write_markdown_summary(out, r.summary);
    write_markdown_patients(out, r);
    write_markdown_not_checked(out, r);
    out << "## Pharmacist sign-off\n\n- Reviewed by: ______________________\n- Date: ______________________\n"
        << "- Notes:\n\n\n---\n\n"
        << m(k_disclaimer) << '\n';
}

} // namespace medcheck::report
