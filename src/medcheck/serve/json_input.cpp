#include <medcheck/serve/json_input.hpp>

#include <set>
#include <vector>

namespace medcheck::serve {

namespace {

struct Refused {
    std::string reason;
};

} // namespace

std::optional<nlohmann::json> parse_request_json(std::string_view text, std::string& error) {
    using json = nlohmann::json;
    std::vector<std::set<std::string, std::less<>>> keys; // one set per open object
    auto callback = [&](int depth, json::parse_event_t event, json& parsed) {
        if (depth > k_max_json_depth) {
            throw Refused{"JSON nested deeper than " + std::to_string(k_max_json_depth) + " levels"};
        }
        switch (event) {
        case json::parse_event_t::object_start:
            keys.emplace_back();
            break;
        case json::parse_event_t::object_end:
            if (!keys.empty()) {
                keys.pop_back();
            }
            break;
        case json::parse_event_t::key:
            if (!keys.empty() && parsed.is_string() &&
                !keys.back().insert(parsed.get<std::string>()).second) {
                throw Refused{"duplicate key '" + parsed.get<std::string>().substr(0, 64) + "'"};
            }
            break;
        default:
            break;
        }
        return true;
    };
    try {
        return json::parse(text.begin(), text.end(), callback);
    } catch (const Refused& refused) {
        error = refused.reason;
    } catch (const json::parse_error& parse) {
        error = std::string("malformed JSON: ") + std::string(parse.what()).substr(0, 200);
    }
    return std::nullopt;
}

} // namespace medcheck::serve
