#pragma once

#include <medcheck/check/patient_context.hpp>
#include <medcheck/model/finding.hpp>
#include <medcheck/model/severity.hpp>
#include <medcheck/report/report_data.hpp>

#include <string>
#include <utility>
#include <vector>

namespace medcheck::report {

// Wording shared by the human-readable writers (HTML and Markdown); the strings are plain text and
// still need escaping by the writer.

// "CONTRAINDICATED", "VIOLATION", ... as printed next to a finding.
std::string severity_label(model::Severity severity);

// "OK", "WARNING", ... as printed next to a patient.
std::string verdict_label(model::Verdict verdict);

// The patient factors the rules used, as (label, value) rows: age, weight, sex, CrCl and where it
// came from, hepatic impairment, pregnancy, conditions, what was tried, indication, total MME.
std::vector<std::pair<std::string, std::string>> factor_rows(const PatientSection& patient);

// "Patient EX1", or "Patient (no id) from <source>" when the case has no id.
std::string patient_name(const PatientSection& patient);

// "4000 mg/day (limit 3000 mg/day)", "limit 3000 mg/day", or empty when the finding has no numbers.
std::string actual_vs_limit(const model::Finding& finding);

// A rate with one decimal ("12.5").
std::string format_rate(double value);

// The order's readable sig, with "= <drug key>" when the written name resolved to another name.
std::string order_text(const OrderLine& order);

} // namespace medcheck::report
