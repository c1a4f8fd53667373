#include <medcheck/io/result_json.hpp>

#include <cmath>
#include <cstdint>

namespace medcheck::io {

nlohmann::ordered_json number_json(double value) {
    const double rounded = std::round(value * 10000.0) / 10000.0;
    if (std::fabs(rounded) < 1e15 && rounded == std::trunc(rounded)) {
        return static_cast<std::int64_t>(rounded);
    }
    return rounded;
}

nlohmann::ordered_json finding_json(const model::Finding& finding) {
    nlohmann::ordered_json out;
    out["severity"] = std::string(model::to_string(finding.severity));
    out["kind"] = finding.kind;
    out["drug"] = finding.drug ? nlohmann::ordered_json(*finding.drug) : nlohmann::ordered_json(nullptr);
    out["message"] = finding.message;
    out["actual"] = finding.actual ? number_json(*finding.actual) : nlohmann::ordered_json(nullptr);
    out["limit"] = finding.limit ? number_json(*finding.limit) : nlohmann::ordered_json(nullptr);
    out["unit"] =
        finding.unit.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(finding.unit);
    out["source"] = finding.source;
    return out;
}

void write_result_json(std::ostream& out, const check::CheckResult& result,
                       const rules::DatabaseInfo& database) {
    nlohmann::ordered_json doc;
    doc["verdict"] = std::string(model::to_string(result.verdict));
    doc["findings"] = nlohmann::ordered_json::array();
    for (const auto& finding : result.findings) {
        doc["findings"].push_back(finding_json(finding));
    }
    doc["database"] = {{"version", database.version}, {"sha256", database.sha256}};
    // Replace invalid UTF-8 from untrusted input rather than failing to write the result.
    out << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

} // namespace medcheck::io
