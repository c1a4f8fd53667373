#include <medcheck/report/html_writer.hpp>

#include <medcheck/report/escape.hpp>
#include <medcheck/report/presentation.hpp>
#include <medcheck/report/svg_chart.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <string>
#include <string_view>

namespace medcheck::report {

namespace {

// Colours meet WCAG AA contrast for their text; shapes and labels carry the meaning in greyscale.
constexpr std::string_view k_css = R"(
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; color: #111;
       background: #fff; margin: 0 auto; padding: 24px; max-width: 1120px; line-height: 1.4; font-size: 15px; }
h1 { font-size: 1.7em; margin: 0 0 4px; }
h2 { font-size: 1.3em; margin: 28px 0 8px; border-bottom: 2px solid #333; padding-bottom: 2px; }
h3 { font-size: 1.1em; margin: 0 0 8px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 14px; }
table.compact { width: auto; min-width: 340px; }
.tables { display: flex; flex-wrap: wrap; gap: 0 28px; align-items: flex-start; }
th, td { border: 1px solid #767676; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #e8e8e8; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.hash, code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 0.85em; word-break: break-all; }
td, dd { overflow-wrap: anywhere; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; }
.disclaimer { border: 2px solid #333; padding: 8px 12px; background: #f4f4f4; font-weight: 600; }
.charts { display: flex; flex-wrap: wrap; gap: 12px 24px; }
figure { margin: 0 0 8px; }
caption { text-align: left; font-weight: 600; padding: 2px 0; }
figcaption { font-weight: 600; margin-bottom: 4px; }
svg.chart { max-width: 100%; height: auto; font-size: 12px; font-family: inherit; }
svg.chart text { fill: #111; }
.bar-rule { fill: #3b4f73; }
.icon { width: 1em; height: 1em; vertical-align: -0.15em; fill: currentColor; stroke: currentColor; }
.sev { display: inline-flex; align-items: center; gap: 4px; font-weight: 700; padding: 1px 6px;
       border: 1.5px solid currentColor; border-radius: 3px; white-space: nowrap; font-size: 0.85em; }
.sev-contraindicated { color: #7a0010; background: #fde7ea; }
.sev-violation { color: #8f2600; background: #fdeee5; }
.sev-unverifiable { color: #4b2a80; background: #f1ebfa; }
.sev-warning { color: #5c4300; background: #fff3cd; }
.sev-info { color: #144a78; background: #e6f0fa; }
.sev-ok { color: #1d5b2c; background: #e6f4e9; }
.bar-contraindicated, .bar-contraindicated-icon { fill: #7a0010; color: #7a0010; }
.bar-violation, .bar-violation-icon { fill: #b33300; color: #8f2600; }
.bar-unverifiable, .bar-unverifiable-icon { fill: #6a45a8; color: #4b2a80; }
.bar-warning, .bar-warning-icon { fill: #b38600; color: #5c4300; }
.bar-info, .bar-info-icon { fill: #2a6fa8; color: #144a78; }
.bar-contraindicated-icon, .bar-violation-icon, .bar-unverifiable-icon, .bar-warning-icon, .bar-info-icon {
       stroke: currentColor; }
.patient { border-top: 1px solid #999; padding-top: 14px; margin-top: 18px; }
.patient .source { color: #444; font-size: 0.9em; margin: 0 0 6px; }
.factors { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 2px 16px; margin: 0 0 8px; }
.factors div { display: flex; gap: 6px; }
.factors dt { font-weight: 600; }
.factors dt::after { content: ":"; }
.factors dd { margin: 0; }
table.findings { table-layout: fixed; }
table.findings th:nth-child(1) { width: 17%; }
table.findings th:nth-child(2) { width: 31%; }
table.findings th:nth-child(3) { width: 13%; }
table.findings th:nth-child(4) { width: 16%; }
ol.orders { margin: 4px 0 10px; padding-left: 24px; }
.reading { color: #333; font-size: 0.92em; }
.ref { color: #444; font-size: 0.85em; }
.kind { color: #333; font-size: 0.85em; }
.alt-generic { color: #444; font-size: 0.85em; display: block; }
.rule { color: #444; font-size: 0.85em; display: block; }
.signoff { border: 2px solid #333; padding: 10px 14px; margin-top: 24px; }
.signoff .line { display: flex; gap: 8px; margin: 14px 0; }
.signoff .line span { flex: 1; border-bottom: 1px solid #333; min-height: 1.4em; }
.signoff .notes { border: 1px solid #333; min-height: 110px; margin-top: 4px; }
footer { margin-top: 20px; font-size: 0.85em; color: #333; }
@page { margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  .patient { break-before: page; page-break-before: always; border-top: none; margin-top: 0; }
  tr, li, figure, .factors, .signoff, .disclaimer { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .sev, .bar-rule, [class^="bar-"] { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .signoff { break-before: page; page-break-before: always; }
}
)";

// Shapes for severities and verdicts: octagon, solid triangle, dashed circle, outlined triangle,
// solid circle, check mark -- distinct without colour.
constexpr std::string_view k_symbols =
    R"(<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false" style="position:absolute">
<symbol id="i-contraindicated" viewBox="0 0 16 16"><path d="M5 1h6l4 4v6l-4 4H5l-4-4V5z"/><rect x="3.5" y="7" width="9" height="2" fill="#fff" stroke="none"/></symbol>
<symbol id="i-violation" viewBox="0 0 16 16"><path d="M8 1l7.5 14H.5z"/></symbol>
<symbol id="i-unverifiable" viewBox="0 0 16 16"><circle cx="8" cy="8" r="6" fill="none" stroke-width="2" stroke-dasharray="3 2"/></symbol>
<symbol id="i-warning" viewBox="0 0 16 16"><path d="M8 2.5l6 11.5H2z" fill="none" stroke-width="2" stroke-linejoin="round"/></symbol>
<symbol id="i-info" viewBox="0 0 16 16"><circle cx="8" cy="8" r="4.5" stroke="none"/></symbol>
<symbol id="i-ok" viewBox="0 0 16 16"><path d="M2 8.5l4 4 8-9" fill="none" stroke-width="2.5"/></symbol>
</svg>
)";

std::string e(std::string_view text) {
    return html_escape(text);
}

std::string badge(std::string_view name, const std::string& label) {
    const std::string n(name);
    return "<span class=\"sev sev-" + n +
           "\"><svg class=\"icon\" aria-hidden=\"true\" focusable=\"false\"><use href=\"#i-" + n +
           "\"/></svg>" + e(label) + "</span>";
}

std::string severity_badge(model::Severity severity) {
    return badge(model::to_string(severity), severity_label(severity));
}

std::string verdict_badge(model::Verdict verdict) {
    return badge(model::to_string(verdict), verdict_label(verdict));
}

void write_header(std::ostream& out, const ReportData& r) {
    out << "<header>\n<h1>" << e(r.title) << "</h1>\n<dl class=\"meta\">\n"
        << "<dt>Report date</dt><dd>" << e(r.as_of) << "</dd>\n"
        << "<dt>medcheck version</dt><dd>" << e(r.medcheck_version) << "</dd>\n"
        << "<dt>Rule database</dt><dd>version " << e(r.database.version) << ", SHA-256 <span class=\"hash\">"
        << e(r.database.sha256) << "</span></dd>\n</dl>\n";
    out << "<table>\n<caption>Inputs</caption>\n<thead><tr><th scope=\"col\">Input</th>"
           "<th scope=\"col\">SHA-256</th></tr></thead>\n<tbody>\n";
    for (const auto& input : r.inputs) {
        out << "<tr><td>" << e(input.path) << "</td><td class=\"hash\">"
            << (input.sha256.empty() ? "(not a file)" : e(input.sha256)) << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n<p class=\"disclaimer\" role=\"note\">" << e(k_disclaimer)
        << "</p>\n</header>\n";
}

// Bar charts of findings by severity and of the rules that fire most.
void write_summary_charts(std::ostream& out, const Summary& s) {
    std::vector<Bar> severity_bars;
    for (const auto severity : model::k_severities_worst_first) {
        const std::string name(model::to_string(severity));
        severity_bars.push_back({severity_label(severity),
                                 s.findings_by_severity[static_cast<std::size_t>(severity)], "bar-" + name,
                                 "i-" + name});
    }
    std::vector<Bar> rule_bars;
    for (const auto& rule : s.top_rules) {
        rule_bars.push_back({rule.rule_id, rule.findings, "bar-rule", {}});
    }
    out << "<div class=\"charts\">\n<figure>\n<figcaption>Findings by severity</figcaption>\n";
    write_bar_chart(out, "chart-severity", "Findings by severity", severity_bars);
    out << "</figure>\n";
    if (!rule_bars.empty()) {
        out << "<figure>\n<figcaption>Rules that fire most</figcaption>\n";
        write_bar_chart(out, "chart-rules", "Rules that fire most (findings)", rule_bars);
        out << "</figure>\n";
    }
    out << "</div>\n";
}

// The tables beside each other: findings by severity, patients by verdict, findings by kind.
void write_summary_tables(std::ostream& out, const Summary& s) {
    out << "<div class=\"tables\">\n<div>\n<h3>Findings by severity</h3>\n<table "
           "class=\"compact\">\n<thead><tr><th scope=\"col\">Severity</th>"
           "<th scope=\"col\" class=\"num\">Findings</th></tr></thead>\n<tbody>\n";
    for (const auto severity : model::k_severities_worst_first) {
        out << "<tr><td>" << severity_badge(severity) << "</td><td class=\"num\">"
            << s.findings_by_severity[static_cast<std::size_t>(severity)] << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n";

    out << "</div>\n<div>\n<h3>Patients by verdict</h3>\n<table class=\"compact\">\n<thead><tr><th "
           "scope=\"col\">Verdict</th>"
           "<th scope=\"col\" class=\"num\">Patients</th></tr></thead>\n<tbody>\n";
    for (const auto verdict : model::k_verdicts_worst_first) {
        out << "<tr><td>" << verdict_badge(verdict) << "</td><td class=\"num\">"
            << s.patients_by_verdict[static_cast<std::size_t>(verdict)] << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n";

    out << "</div>\n<div>\n<h3>Findings by kind</h3>\n";
    if (s.findings_by_kind.empty()) {
        out << "<p>No findings.</p>\n";
    } else {
        out << "<table class=\"compact\">\n<thead><tr><th scope=\"col\">Kind</th><th scope=\"col\" "
               "class=\"num\">Findings</th></tr>"
               "</thead>\n<tbody>\n";
        for (const auto& kind : s.findings_by_kind) {
            out << "<tr><td>" << e(kind.name) << "</td><td class=\"num\">" << kind.count << "</td></tr>\n";
        }
        out << "</tbody>\n</table>\n";
    }
    out << "</div>\n</div>\n";
}

void write_top_rules(std::ostream& out, const Summary& s) {
    out << "<h3>Rules that fire most</h3>\n";
    if (s.top_rules.empty()) {
        out << "<p>No rule fired.</p>\n";
        return;
    }
    out << "<p>" << e(top_rules_caption(s)) << "</p>\n"
        << "<table>\n<thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Kind</th>"
           "<th scope=\"col\">Worst severity</th><th scope=\"col\" class=\"num\">Findings</th>"
           "<th scope=\"col\" class=\"num\">Patients</th><th scope=\"col\" class=\"num\">Per 100 "
           "orders</th>"
           "</tr></thead>\n<tbody>\n";
    for (const auto& rule : s.top_rules) {
        out << "<tr><td><code>" << e(rule.rule_id) << "</code></td><td>" << e(rule.kind) << "</td><td>"
            << severity_badge(rule.severity) << "</td><td class=\"num\">" << rule.findings
            << "</td><td class=\"num\">" << rule.patients << "</td><td class=\"num\">"
            << format_rate(rule.per_100_orders) << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n";
}

void write_summary(std::ostream& out, const ReportData& r) {
    const Summary& s = r.summary;
    out << "<section aria-labelledby=\"summary\">\n<h2 id=\"summary\">Summary</h2>\n"
        << "<table class=\"compact\">\n<caption>Counts</caption>\n<tbody>\n";
    for (const auto& [label, value] : summary_rows(s)) {
        out << "<tr><th scope=\"row\">" << e(label) << "</th><td class=\"num\">" << e(value)
            << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n";
    write_summary_charts(out, s);
    write_summary_tables(out, s);
    write_top_rules(out, s);
    out << "</section>\n";
}

void write_patient(std::ostream& out, const PatientSection& p, std::size_t index) {
    const std::string id = fmt::format("patient-{}", index + 1);
    out << "<section class=\"patient\" aria-labelledby=\"" << id << "\">\n<h3 id=\"" << id << "\">"
        << e(patient_name(p)) << " &mdash; " << verdict_badge(p.verdict) << "</h3>\n";
    out << "<p class=\"source\">Source: " << e(p.source) << "</p>\n<dl class=\"factors\">\n";
    for (const auto& [label, value] : factor_rows(p)) {
        out << "<div><dt>" << e(label) << "</dt><dd>" << e(value) << "</dd></div>\n";
    }
    out << "</dl>\n<h4>Orders</h4>\n";
    if (p.orders.empty()) {
        out << "<p>No orders.</p>\n";
    } else {
        out << "<ol class=\"orders\">\n";
        for (const auto& order : p.orders) {
            out << "<li>" << e(order_text(order));
            if (!order.reference.empty()) {
                out << " <span class=\"ref\">[" << e(order.reference) << "]</span>";
            }
            if (!order.reading.empty()) {
                out << "<br><span class=\"reading\">Read as: " << e(order.reading) << "</span>";
            }
            out << "</li>\n";
        }
        out << "</ol>\n";
    }
    out << "<h4>Findings</h4>\n<table class=\"findings\">\n<thead><tr><th scope=\"col\">Severity</th>"
           "<th scope=\"col\">Finding</th><th scope=\"col\">Actual vs limit</th>"
           "<th scope=\"col\">Suggested alternative</th><th "
           "scope=\"col\">Source</th></tr></thead>\n<tbody>\n";
    for (const auto& line : p.findings) {
        const model::Finding& f = line.finding;
        out << "<tr><td>" << severity_badge(f.severity) << "</td><td>";
        if (f.drug) {
            out << "<strong>" << e(*f.drug) << "</strong> ";
        }
        out << "<span class=\"kind\">(" << e(f.kind) << ")</span><br>" << e(f.message) << "</td><td>"
            << e(actual_vs_limit(f)) << "</td><td>" << e(line.alternative);
        if (line.alternative_from_limit) {
            out << "<span class=\"alt-generic\">from the rule's limit</span>";
        }
        out << "</td><td>" << e(f.source);
        if (!f.rule_id.empty()) {
            out << "<span class=\"rule\">rule <code>" << e(f.rule_id) << "</code></span>";
        }
        out << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n</section>\n";
}

void write_patients(std::ostream& out, const ReportData& r) {
    std::size_t with_findings = 0;
    for (const auto& p : r.patients) {
        with_findings += p.findings.empty() ? 0 : 1;
    }
    out << "<section aria-labelledby=\"patients\">\n<h2 id=\"patients\">Patients with findings, worst first ("
        << with_findings << ")</h2>\n";
    if (with_findings == 0) {
        out << "<p>No patient has a finding.</p>\n";
    }
    std::size_t index = 0;
    for (const auto& p : r.patients) {
        if (!p.findings.empty()) {
            write_patient(out, p, index++);
        }
    }
    out << "</section>\n";

    const std::size_t without = r.patients.size() - with_findings;
    out << "<section aria-labelledby=\"no-findings\">\n<h2 id=\"no-findings\">Patients without findings ("
        << without << ")</h2>\n";
    if (without == 0) {
        out << "<p>None.</p>\n";
    } else {
        out << "<table>\n<thead><tr><th scope=\"col\">Patient</th><th scope=\"col\">Verdict</th>"
               "<th scope=\"col\">Orders</th></tr></thead>\n<tbody>\n";
        for (const auto& p : r.patients) {
            if (!p.findings.empty()) {
                continue;
            }
            out << "<tr><td>" << e(p.factors.id.empty() ? "(no id) " + p.source : p.factors.id) << "</td><td>"
                << verdict_badge(p.verdict) << "</td><td>" << e(orders_line(p.orders)) << "</td></tr>\n";
        }
        out << "</tbody>\n</table>\n";
    }
    out << "</section>\n";
}

void write_records(std::ostream& out, const ReportData& r) {
    out << "<section aria-labelledby=\"records\">\n<h2 id=\"records\">Records not checked</h2>\n";
    out << "<h3>Rejected records (" << r.summary.rejected << ")</h3>\n";
    if (r.rejected.empty()) {
        out << "<p>None.</p>\n";
    } else {
        if (r.summary.rejected > r.rejected.size()) {
            out << "<p>The first " << r.rejected.size() << " are listed.</p>\n";
        }
        out << "<table>\n<thead><tr><th scope=\"col\">Record</th><th scope=\"col\">Field</th>"
               "<th scope=\"col\">Reason</th></tr></thead>\n<tbody>\n";
        for (const auto& rec : r.rejected) {
            out << "<tr><td>" << e(rec.location) << "</td><td>" << e(rec.field) << "</td><td>"
                << e(rec.reason) << "</td></tr>\n";
        }
        out << "</tbody>\n</table>\n";
    }
    out << "<h3>Skipped records (" << r.summary.skipped << ")</h3>\n";
    if (r.skipped.empty()) {
        out << "<p>None.</p>\n";
    } else {
        out << "<table>\n<thead><tr><th scope=\"col\">Reason</th><th scope=\"col\" "
               "class=\"num\">Records</th></tr>"
               "</thead>\n<tbody>\n";
        for (const auto& s : r.skipped) {
            out << "<tr><td>" << e(s.reason) << "</td><td class=\"num\">" << s.count << "</td></tr>\n";
        }
        out << "</tbody>\n</table>\n";
    }
    if (!r.out_of_scope.empty()) {
        out << "<h3>Drugs outside the rule catalogue (not checked)</h3>\n<table>\n<thead><tr><th "
               "scope=\"col\">Drug"
               "</th><th scope=\"col\" class=\"num\">Orders</th></tr></thead>\n<tbody>\n";
        for (const auto& d : r.out_of_scope) {
            out << "<tr><td>" << e(d.name) << "</td><td class=\"num\">" << d.count << "</td></tr>\n";
        }
        out << "</tbody>\n</table>\n";
    }
    out << "</section>\n";
}

void write_signoff(std::ostream& out) {
    out << "<section class=\"signoff\" aria-labelledby=\"signoff\">\n<h2 id=\"signoff\">Pharmacist "
           "sign-off</h2>\n"
        << "<div class=\"line\">Reviewed by: <span></span></div>\n"
        << "<div class=\"line\">Date: <span></span></div>\n"
        << "<div>Notes:</div>\n<div class=\"notes\"></div>\n</section>\n";
}

} // namespace

void write_html(std::ostream& out, const ReportData& r) {
    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
           "'unsafe-inline'\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<meta name=\"generator\" content=\"medcheck " << e(r.medcheck_version) << "\">\n"
        << "<title>" << e(r.title) << "</title>\n<style>" << k_css << "</style>\n</head>\n<body>\n"
        << k_symbols;
    write_header(out, r);
    out << "<main>\n";
    write_summary(out, r);
    write_patients(out, r);
    write_records(out, r);
    write_signoff(out);
    out << "</main>\n<footer>\n<p>" << e(k_disclaimer) << "</p>\n<p>Generated by medcheck "
        << e(r.medcheck_version) << " with rule database " << e(r.database.version) << " on " << e(r.as_of)
        << ".</p>\n</footer>\n"
        << "</body>\n</html>\n";
}

} // namespace medcheck::report
