#include <medcheck/report/text_writer.hpp>

#include <medcheck/report/presentation.hpp>
#include <medcheck/util/text.hpp>

#include <map>

namespace medcheck::report {

namespace {

std::string patient_line(const check::PatientContext& p) {
    std::string line = "Patient";
    if (!p.id.empty()) {
        line += " " + p.id;
    }
    line += ":";
    line += p.age_years ? " age " + util::format_number(*p.age_years) : " age not given";
    if (p.weight_kg) {
        line += ", " + util::format_number(*p.weight_kg) + " kg";
    }
    if (p.sex != model::Sex::absent) {
        line += ", " + std::string(model::to_string(p.sex));
    }
    if (p.crcl_ml_min) {
        line += ", CrCl " + crcl_value(*p.crcl_ml_min) + " mL/min (" + p.crcl_origin + ")";
    } else {
        line += ", CrCl not known";
    }
    line += ", hepatic impairment " + std::string(model::to_string(p.hepatic));
    if (!p.hepatic_given) {
        line += " (not given)";
    }
    if (p.pregnancy_weeks) {
        line += ", pregnant " + util::format_number(*p.pregnancy_weeks) + " weeks";
    }
    return line;
}

void write_finding(std::ostream& out, const model::Finding& f) {
    out << "  [" << severity_label(f.severity) << "] " << f.kind << ": " << f.message << '\n';
    if (f.actual || f.limit) {
        out << "      actual " << (f.actual ? util::format_number(*f.actual) : "-") << ' ' << f.unit
            << ", limit " << (f.limit ? util::format_number(*f.limit) : "-") << ' ' << f.unit << '\n';
    }
    if (!f.alternative.empty()) {
        out << "      suggestion: " << f.alternative << '\n';
    }
    out << "      source: " << f.source << '\n';
}

} // namespace

void write_result_text(std::ostream& out, const check::CheckResult& result,
                       const rules::DatabaseInfo& database) {
    out << patient_line(result.patient) << '\n';
    if (!result.patient.conditions.empty()) {
        out << "Conditions: " << util::join_list(result.patient.conditions) << '\n';
    }
    if (result.patient.tried) {
        out << "Tried: " << (result.patient.tried->empty() ? "none" : util::join_list(*result.patient.tried))
            << '\n';
    }
    out << '\n';

    // Findings of each order under that order, then findings about several drugs or the whole case.
    std::map<int, std::vector<const model::Finding*>> by_order;
    std::vector<const model::Finding*> across;
    for (const auto& f : result.findings) {
        const bool multi = f.drug && f.drug->find(" + ") != std::string::npos;
        if (f.order && !multi && f.kind != "mme") {
            by_order[*f.order].push_back(&f);
        } else {
            across.push_back(&f);
        }
    }
    for (std::size_t i = 0; i < result.orders.size(); ++i) {
        const auto& order = result.orders[i];
        out << order.sig;
        if (!order.drug_key.empty() &&
            util::normalize_name(order.written_drug) != util::normalize_name(order.drug_key)) {
            out << "  (= " << order.drug_key << ")";
        }
        out << '\n';
        if (!order.reading.text.empty()) {
            out << "  reading: " << order.reading.text << '\n';
        }
        const auto it = by_order.find(static_cast<int>(i));
        if (it == by_order.end()) {
            out << (order.drug_key.empty() ? "  (not checked)\n" : "  no findings\n");
            continue;
        }
        for (const model::Finding* f : it->second) {
            write_finding(out, *f);
        }
    }
    if (!across.empty()) {
        out << "Across the regimen and patient:\n";
        for (const model::Finding* f : across) {
            if (f->drug) {
                out << "  " << *f->drug << '\n';
            }
            write_finding(out, *f);
        }
    }
    out << "\nVerdict: " << verdict_label(result.verdict);
    if (!result.findings.empty()) {
        out << " (" << severity_counts(result.findings) << ")";
    }
    out << '\n';
    out << "Rules: database " << database.version << " (sha256 " << database.sha256.substr(0, 12) << "..., "
        << database.origin << ")\n";
    out << k_disclaimer << '\n';
}

} // namespace medcheck::report
