#include <medcheck/report/presentation.hpp>

#include <medcheck/util/text.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <cmath>

namespace medcheck::report {

std::string severity_label(model::Severity severity) {
    return util::to_upper_ascii(model::to_string(severity));
}

std::string verdict_label(model::Verdict verdict) {
    return util::to_upper_ascii(model::to_string(verdict));
}

std::string crcl_value(double ml_min) {
    return util::format_number(std::round(ml_min * 10.0) / 10.0);
}

std::string severity_counts(const std::vector<model::Finding>& findings) {
    std::array<std::size_t, model::k_severities_worst_first.size()> counts{};
    for (const auto& f : findings) {
        ++counts[static_cast<std::size_t>(f.severity)];
    }
    std::string out;
    for (const auto severity : model::k_severities_worst_first) {
        if (const std::size_t n = counts[static_cast<std::size_t>(severity)]; n > 0) {
            fmt::format_to(std::back_inserter(out), "{}{} {}", out.empty() ? "" : ", ", n,
                           model::to_string(severity));
        }
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> summary_rows(const Summary& s) {
    return {{"Patients reviewed", fmt::to_string(s.patients)},
            {"Orders reviewed", fmt::to_string(s.orders)},
            {"Findings", fmt::to_string(s.findings)},
            {"Alerts (warning or worse)", fmt::to_string(s.alerts)},
            {"Alerts per 100 orders", format_rate(s.alerts_per_100_orders)},
            {"Records rejected (not checked)", fmt::to_string(s.rejected)},
            {"Records skipped (not checked)", fmt::to_string(s.skipped)}};
}

std::string top_rules_caption(const Summary& s) {
    return fmt::format("{} of {} rules that fired; rate = findings per 100 orders reviewed.",
                       s.top_rules.size(), s.rules_that_fired);
}

std::vector<std::pair<std::string, std::string>> factor_rows(const PatientSection& patient) {
    const check::PatientContext& p = patient.factors;
    std::vector<std::pair<std::string, std::string>> rows;
    rows.emplace_back("Age", p.age_years ? util::format_number(*p.age_years) + " years" : "not given");
    rows.emplace_back("Weight", p.weight_kg ? util::format_number(*p.weight_kg) + " kg" : "not given");
    rows.emplace_back("Sex",
                      p.sex != model::Sex::absent ? std::string(model::to_string(p.sex)) : "not given");
    if (p.crcl_ml_min) {
        const bool computed = p.crcl_origin == "Cockcroft-Gault";
        rows.emplace_back("CrCl", crcl_value(*p.crcl_ml_min) + " mL/min (" +
                                      (computed ? "computed, Cockcroft-Gault" : p.crcl_origin) + ")");
    } else {
        rows.emplace_back("CrCl", "not known");
    }
    // Indexed by model::Hepatic: absent, none, mild, moderate, severe.
    static constexpr std::array<std::string_view, 5> k_child_pugh{"", "", " (Child-Pugh A)",
                                                                  " (Child-Pugh B)", " (Child-Pugh C)"};
    rows.emplace_back("Hepatic impairment",
                      std::string(model::to_string(p.hepatic)) +
                          std::string(k_child_pugh[static_cast<std::size_t>(p.hepatic)]) +
                          (p.hepatic_given ? "" : " (not given)"));
    if (p.pregnancy_weeks) {
        rows.emplace_back("Pregnancy", util::format_number(*p.pregnancy_weeks) + " weeks");
    }
    rows.emplace_back("Conditions", p.conditions.empty() ? "none listed" : util::join_list(p.conditions));
    if (!p.tried) {
        rows.emplace_back("Tried", "not stated");
    } else {
        rows.emplace_back("Tried", p.tried->empty() ? "none" : util::join_list(*p.tried));
    }
    rows.emplace_back("Indication", p.indication ? *p.indication : "not given");
    if (patient.total_mme) {
        rows.emplace_back("Total MME", util::format_number(*patient.total_mme) + " mg/day");
    }
    return rows;
}

std::string patient_name(const PatientSection& patient) {
    if (!patient.factors.id.empty()) {
        return "Patient " + patient.factors.id;
    }
    return "Patient (no id) from " + patient.source;
}

std::string actual_vs_limit(const model::Finding& finding) {
    const std::string unit = finding.unit.empty() ? "" : " " + finding.unit;
    if (finding.actual && finding.limit) {
        return util::format_number(*finding.actual) + unit + " (limit " +
               util::format_number(*finding.limit) + unit + ")";
    }
    if (finding.actual) {
        return util::format_number(*finding.actual) + unit;
    }
    if (finding.limit) {
        return "limit " + util::format_number(*finding.limit) + unit;
    }
    return {};
}

std::string format_rate(double value) {
    const double rounded = std::round(value * 10.0) / 10.0;
    std::string text = util::format_number(rounded);
    if (text.find('.') == std::string::npos) {
        text += ".0";
    }
    return text;
}

std::string order_text(const OrderLine& order) {
    std::string text = order.sig;
    if (!order.drug_key.empty() &&
        util::normalize_name(order.written_drug) != util::normalize_name(order.drug_key)) {
        text += " (= " + order.drug_key + ")";
    }
    if (order.drug_key.empty()) {
        text += " (not resolved)";
    }
    return text;
}

std::string orders_line(const std::vector<OrderLine>& orders) {
    if (orders.empty()) {
        return "no orders";
    }
    std::vector<std::string> texts;
    texts.reserve(orders.size());
    for (const auto& order : orders) {
        texts.push_back(order_text(order));
    }
    return fmt::format("{}", fmt::join(texts, "; "));
}

} // namespace medcheck::report
