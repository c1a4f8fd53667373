#include <medcheck/model/route.hpp>

namespace medcheck::model {

std::optional<Route> parse_route(std::string_view text, Spelling spelling) {
    for (std::size_t i = 0; i < detail::k_route_names.size(); ++i) {
        if (spells(text, detail::k_route_names[i], spelling)) {
            return static_cast<Route>(i);
        }
    }
    return std::nullopt;
}

} // namespace medcheck::model
