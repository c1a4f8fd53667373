#pragma once

// Conformance checks of CDS Hooks 2.0 responses, for every response the serve tests see.

#include <nlohmann/json.hpp>

#include <string>

namespace medcheck::test {

// Problems of a service response ({"cards": [...]}) against CDS Hooks 2.0: required members, types,
// indicator values, summary under 140 characters, no null / empty string / empty array / empty
// object anywhere. Empty when conforming.
std::string cds_response_problems(const nlohmann::json& response);

// The same for a discovery response ({"services": [...]}).
std::string cds_discovery_problems(const nlohmann::json& discovery);

// UTF-8 characters in a string.
std::size_t utf8_length(const std::string& text);

} // namespace medcheck::test
