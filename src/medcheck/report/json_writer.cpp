#include <medcheck/report/json_writer.hpp>

#include <medcheck/io/result_json.hpp>
#include <medcheck/report/presentation.hpp>

#include <nlohmann/json.hpp>

#include <array>

namespace medcheck::report {

namespace {

using Json = nlohmann::ordered_json;

Json optional_number(const std::optional<double>& value) {
    return value ? io::number_json(*value) : Json(nullptr);
}

Json factors_json(const PatientSection& p) {
    const check::PatientContext& f = p.factors;
    Json out;
    out["age_years"] = optional_number(f.age_years);
    out["weight_kg"] = optional_number(f.weight_kg);
    out["sex"] = f.sex != model::Sex::absent ? Json(model::to_string(f.sex)) : Json(nullptr);
    out["crcl_ml_min"] = optional_number(f.crcl_ml_min);
    out["crcl_origin"] = f.crcl_origin.empty() ? Json(nullptr) : Json(f.crcl_origin);
    out["hepatic"] = model::to_string(f.hepatic);
    out["hepatic_given"] = f.hepatic_given;
    out["pregnancy_weeks"] = optional_number(f.pregnancy_weeks);
    out["conditions"] = Json::array();
    for (const auto& c : f.conditions) {
        out["conditions"].push_back(c);
    }
    if (f.tried) {
        out["tried"] = Json::array();
        for (const auto& t : *f.tried) {
            out["tried"].push_back(t);
        }
    } else {
        out["tried"] = nullptr;
    }
    out["indication"] = f.indication ? Json(*f.indication) : Json(nullptr);
    out["total_mme"] = optional_number(p.total_mme);
    return out;
}

Json patient_json(const PatientSection& p) {
    Json out;
    out["id"] = p.factors.id;
    out["source"] = p.source;
    out["verdict"] = std::string(model::to_string(p.verdict));
    out["factors"] = factors_json(p);
    out["orders"] = Json::array();
    for (const auto& order : p.orders) {
        Json o;
        o["sig"] = order.sig;
        o["drug"] = order.written_drug;
        o["drug_key"] = order.drug_key.empty() ? Json(nullptr) : Json(order.drug_key);
        o["reference"] = order.reference.empty() ? Json(nullptr) : Json(order.reference);
        o["reading"] = order.reading;
        out["orders"].push_back(std::move(o));
    }
    out["findings"] = Json::array();
    for (const auto& line : p.findings) {
        Json f = io::finding_json(line.finding);
        f["rule_id"] = line.finding.rule_id;
        f["alternative"] = line.alternative.empty() ? Json(nullptr) : Json(line.alternative);
        f["alternative_from_limit"] = line.alternative_from_limit;
        out["findings"].push_back(std::move(f));
    }
    return out;
}

Json summary_json(const Summary& s) {
    Json out;
    out["patients"] = s.patients;
    out["orders"] = s.orders;
    out["findings"] = s.findings;
    out["alerts"] = s.alerts;
    out["alerts_per_100_orders"] = io::number_json(s.alerts_per_100_orders);
    out["findings_by_severity"] = Json::object();
    for (std::size_t i = s.findings_by_severity.size(); i-- > 0;) {
        out["findings_by_severity"][std::string(model::to_string(static_cast<model::Severity>(i)))] =
            s.findings_by_severity[i];
    }
    out["findings_by_kind"] = Json::object();
    for (const auto& kind : s.findings_by_kind) {
        out["findings_by_kind"][kind.name] = kind.count;
    }
    out["patients_by_verdict"] = Json::object();
    for (std::size_t i = s.patients_by_verdict.size(); i-- > 0;) {
        out["patients_by_verdict"][std::string(model::to_string(static_cast<model::Verdict>(i)))] =
            s.patients_by_verdict[i];
    }
    out["rules_that_fired"] = s.rules_that_fired;
    out["top_rules"] = Json::array();
    for (const auto& rule : s.top_rules) {
        Json r;
        r["rule_id"] = rule.rule_id;
        r["kind"] = rule.kind;
        r["severity"] = std::string(model::to_string(rule.severity));
        r["findings"] = rule.findings;
        r["patients"] = rule.patients;
        r["per_100_orders"] = io::number_json(rule.per_100_orders);
        out["top_rules"].push_back(std::move(r));
    }
    out["rejected"] = s.rejected;
    out["skipped"] = s.skipped;
    return out;
}

} // namespace

void write_json(std::ostream& out, const ReportData& r) {
    Json doc;
    doc["title"] = r.title;
    doc["as_of"] = r.as_of;
    doc["medcheck_version"] = r.medcheck_version;
    doc["database"] = {{"version", r.database.version}, {"sha256", r.database.sha256}};
    doc["inputs"] = Json::array();
    for (const auto& input : r.inputs) {
        doc["inputs"].push_back(
            {{"path", input.path}, {"sha256", input.sha256.empty() ? Json(nullptr) : Json(input.sha256)}});
    }
    doc["disclaimer"] = std::string(k_disclaimer);
    doc["summary"] = summary_json(r.summary);
    doc["patients"] = Json::array();
    for (const auto& p : r.patients) {
        doc["patients"].push_back(patient_json(p));
    }
    doc["rejected"] = Json::array();
    for (const auto& rec : r.rejected) {
        doc["rejected"].push_back({{"location", rec.location}, {"field", rec.field}, {"reason", rec.reason}});
    }
    doc["skipped"] = Json::array();
    for (const auto& s : r.skipped) {
        doc["skipped"].push_back({{"reason", s.reason}, {"count", s.count}});
    }
    doc["out_of_scope"] = Json::array();
    for (const auto& d : r.out_of_scope) {
        doc["out_of_scope"].push_back({{"drug", d.name}, {"count", d.count}});
    }
    out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

} // namespace medcheck::report
