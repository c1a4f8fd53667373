#pragma once

#include <medcheck/serve/hook_request.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

namespace medcheck::serve {

// Service ids, one per hook.
inline constexpr std::string_view k_order_select_id = "medcheck-order-select";
inline constexpr std::string_view k_order_sign_id = "medcheck-order-sign";

// The hook a service id answers; nullopt for an unknown id.
std::optional<Hook> hook_for_service(std::string_view service_id);

// GET /cds-services: both services with their prefetch templates (instance reads and type searches
// by patient and token only: the query subset CDS Hooks asks services to keep to).
nlohmann::json discovery();

} // namespace medcheck::serve
