#pragma once

#include <medcheck/check/patient_context.hpp>
#include <medcheck/model/finding.hpp>
#include <medcheck/model/severity.hpp>
#include <medcheck/report/report_data.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace medcheck::report {

// Wording and number formats shared by every human-readable writer (terminal text, HTML, Markdown),
// so the same value prints the same way everywhere; the strings are plain text and still need
// escaping by the writer.

// The one-line decision-support disclaimer every human-readable output carries.
inline constexpr std::string_view k_disclaimer =
    "medcheck is decision support for professionals: it flags what deserves a second look and never "
    "replaces clinical judgement, the full product labelling or local protocols.";

// "CONTRAINDICATED", "VIOLATION", ... as printed next to a finding.
std::string severity_label(model::Severity severity);

// "OK", "WARNING", ... as printed next to a patient.
std::string verdict_label(model::Verdict verdict);

// A creatinine clearance in mL/min, to one decimal ("47.1"): computed values carry many digits.
std::string crcl_value(double ml_min);

// "2 violation, 1 warning": the findings counted by severity, worst first; empty for none.
std::string severity_counts(const std::vector<model::Finding>& findings);

// The patient factors the rules used, as (label, value) rows: age, weight, sex, CrCl and where it
// came from, hepatic impairment, pregnancy, conditions, what was tried, indication, total MME.
std::vector<std::pair<std::string, std::string>> factor_rows(const PatientSection& patient);

// The counts table of a review's summary, as (label, value) rows.
std::vector<std::pair<std::string, std::string>> summary_rows(const Summary& summary);

// "3 of 12 rules that fired; rate = findings per 100 orders reviewed."
std::string top_rules_caption(const Summary& summary);

// "Patient EX1", or "Patient (no id) from <source>" when the case has no id.
std::string patient_name(const PatientSection& patient);

// "4000 mg/day (limit 3000 mg/day)", "limit 3000 mg/day", or empty when the finding has no numbers.
std::string actual_vs_limit(const model::Finding& finding);

// A rate with one decimal ("12.5").
std::string format_rate(double value);

// The order's readable sig, with "= <drug key>" when the written name resolved to another name.
std::string order_text(const OrderLine& order);
// Every order of a patient without findings on one line ("a; b"), or "no orders".
std::string orders_line(const std::vector<OrderLine>& orders);

} // namespace medcheck::report
