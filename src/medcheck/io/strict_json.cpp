#include <medcheck/io/strict_json.hpp>

#include <fmt/format.h>

#include <set>
#include <vector>

namespace medcheck::io {

nlohmann::json parse_strict_json(std::string_view text, int max_depth) {
    using json = nlohmann::json;
    std::vector<std::set<std::string, std::less<>>> keys; // one set per open object
    auto callback = [&](int depth, json::parse_event_t event, json& parsed) {
        if (depth > max_depth) {
            throw StrictJsonError{fmt::format("JSON nested deeper than {} levels", max_depth), {}};
        }
        if (event == json::parse_event_t::object_start) {
            keys.emplace_back();
        } else if (event == json::parse_event_t::object_end && !keys.empty()) {
            keys.pop_back();
        } else if (event == json::parse_event_t::key && !keys.empty() && parsed.is_string()) {
            auto key = parsed.get<std::string>();
            if (!keys.back().insert(key).second) {
                throw StrictJsonError{"duplicate key '" + key + "'", std::move(key)};
            }
        }
        return true;
    };
    return json::parse(text.begin(), text.end(), callback);
}

} // namespace medcheck::io
