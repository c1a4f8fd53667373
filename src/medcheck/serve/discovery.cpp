#include <medcheck/serve/discovery.hpp>

namespace medcheck::serve {

namespace {

nlohmann::json prefetch() {
    const std::string patient = "patient={{context.patientId}}";
    return {
        {"patient", "Patient/{{context.patientId}}"},
        {"weight", "Observation?" + patient + "&code=http://loinc.org|29463-7"},
        {"creatinine", "Observation?" + patient + "&code=http://loinc.org|2160-0"},
        {"egfr", "Observation?" + patient +
                     "&code=http://loinc.org|33914-3,http://loinc.org|62238-1,http://loinc.org|98979-8"},
        {"medications", "MedicationRequest?" + patient + "&status=active"},
        {"conditions", "Condition?" + patient + "&clinical-status=active"},
    };
}

nlohmann::json service(std::string_view id, Hook hook, const char* title, const char* when) {
    return {
        {"hook", to_string(hook)},
        {"id", id},
        {"title", title},
        {"description", std::string("Checks draft medication orders ") + when +
                            " against dose limits, patient factors (age, weight, renal and hepatic function, "
                            "conditions) and the patient's other active medications; every card cites its "
                            "rule and source. Decision support only."},
        {"prefetch", prefetch()}};
}

} // namespace

std::optional<Hook> hook_for_service(std::string_view service_id) {
    if (service_id == k_order_select_id) {
        return Hook::order_select;
    }
    if (service_id == k_order_sign_id) {
        return Hook::order_sign;
    }
    return std::nullopt;
}

nlohmann::json discovery() {
    return {
        {"services", nlohmann::json::array({
                         service(k_order_select_id, Hook::order_select,
                                 "medcheck dose and safety check (order-select)", "while they are drafted"),
                         service(k_order_sign_id, Hook::order_sign,
                                 "medcheck dose and safety check (order-sign)", "before they are signed"),
                     })}};
}

} // namespace medcheck::serve
