#include <medcheck/io/result_json.hpp>

#include <algorithm>
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
    out["drug"] =
        finding.drug ? nlohmann::ordered_json(finding.drug->str()) : nlohmann::ordered_json(nullptr);
    out["message"] = finding.message;
    out["actual"] = finding.actual ? number_json(*finding.actual) : nlohmann::ordered_json(nullptr);
    out["limit"] = finding.limit ? number_json(*finding.limit) : nlohmann::ordered_json(nullptr);
    out["unit"] =
        finding.unit.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(finding.unit);
    out["source"] = finding.source;
    return out;
}

nlohmann::ordered_json orders_json(const check::CheckResult& result) {
    using Json = nlohmann::ordered_json;
    auto number_or_null = [](const std::optional<double>& v) { return v ? number_json(*v) : Json(nullptr); };
    Json orders = Json::array();
    for (std::size_t i = 0; i < result.orders.size(); ++i) {
        const auto& order = result.orders[i];
        const auto& r = order.reading;
        Json o;
        o["index"] = i;
        o["input"] = order.sig;
        o["drug"] = order.drug_key.empty() ? Json(nullptr) : Json(order.drug_key);
        o["read"] = r.read;
        if (r.dose_max) {
            o["dose"] = {{"min", number_or_null(r.dose_min)},
                         {"max", number_or_null(r.dose_max)},
                         {"unit", r.unit.empty() ? Json(nullptr) : Json(r.unit)}};
        } else {
            o["dose"] = nullptr;
        }
        o["doses_per_day_max"] = number_or_null(r.doses_per_day_max);
        o["prn"] = r.prn;
        if (r.max_stated) {
            static constexpr const char* k_basis[] = {"doses", "units", "mg"};
            o["max_stated"] = {{"text", r.max_stated->text},
                               {"amount", number_json(r.max_stated->amount)},
                               {"counts", k_basis[static_cast<int>(r.max_stated->basis)]},
                               {"per_day", number_or_null(r.max_stated->per_day())}};
        } else {
            o["max_stated"] = nullptr;
        }
        o["duration_days"] = number_or_null(r.duration_days);
        Json ingredients = Json::object();
        std::vector<const check::IngredientAmount*> sorted;
        for (const auto& a : order.ingredients) {
            sorted.push_back(&a);
        }
        std::sort(sorted.begin(), sorted.end(),
                  [](const auto* a, const auto* b) { return a->ingredient < b->ingredient; });
        for (const auto* a : sorted) {
            ingredients[a->ingredient] = {{"mg_per_dose_max", number_json(a->single_mg)},
                                          {"mg_per_day_max", number_json(a->daily_mg)}};
        }
        o["ingredients"] = r.read ? std::move(ingredients) : Json(nullptr);
        o["reading"] = r.text;
        orders.push_back(std::move(o));
    }
    return orders;
}

void write_result_json(std::ostream& out, const check::CheckResult& result,
                       const rules::DatabaseInfo& database) {
    nlohmann::ordered_json doc;
    doc["verdict"] = std::string(model::to_string(result.verdict));
    doc["findings"] = nlohmann::ordered_json::array();
    for (const auto& finding : result.findings) {
        doc["findings"].push_back(finding_json(finding));
    }
    doc["orders"] = orders_json(result);
    doc["database"] = {{"version", database.version}, {"sha256", database.sha256}};
    // Replace invalid UTF-8 from untrusted input rather than failing to write the result.
    out << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

} // namespace medcheck::io
