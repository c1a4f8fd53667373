#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace medcheck::io {

// A JSON text that parses but breaks a strictness rule.
struct StrictJsonError {
    std::string reason;        // "JSON nested deeper than N levels" or "duplicate key 'K'"
    std::string duplicate_key; // the repeated key; empty for a nesting error
};

// Parses untrusted JSON, refusing nesting deeper than `max_depth` and a key repeated in one object
// (nlohmann would silently keep the last value; which one the sender meant cannot be told). Throws
// StrictJsonError for those; nlohmann's parse_error and out_of_range propagate to the caller, which
// knows how to locate them for its users.
nlohmann::json parse_strict_json(std::string_view text, int max_depth);

} // namespace medcheck::io
