#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace medcheck::serve {

// Deepest JSON nesting accepted in a request (FHIR resources need about 10).
inline constexpr int k_max_json_depth = 64;

// Parses a request body. Rejects malformed JSON, nesting deeper than k_max_json_depth and duplicate
// keys (which value a client meant cannot be told); `error` then says why.
std::optional<nlohmann::json> parse_request_json(std::string_view text, std::string& error);

} // namespace medcheck::serve
