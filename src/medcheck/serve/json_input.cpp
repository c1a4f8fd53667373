#include <medcheck/serve/json_input.hpp>

#include <medcheck/io/strict_json.hpp>

namespace medcheck::serve {

std::optional<nlohmann::json> parse_request_json(std::string_view text, std::string& error) {
    try {
        return io::parse_strict_json(text, k_max_json_depth);
    } catch (const io::StrictJsonError& refused) {
        // A request's key is echoed back: keep the message short whatever the client sent.
        error = refused.duplicate_key.empty() ? refused.reason
                                              : "duplicate key '" + refused.duplicate_key.substr(0, 64) + "'";
    } catch (const nlohmann::json::parse_error& parse) {
        error = std::string("malformed JSON: ") + std::string(parse.what()).substr(0, 200);
    }
    return std::nullopt;
}

} // namespace medcheck::serve
