#pragma once

#include <medcheck/model/spelling.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace medcheck::model {

// Routes of administration, as the rule database's route keys spell them (schema.sql `route`). The
// readers' own spellings (sig words, EHR codes, SNOMED codes, name words) map onto these; a route
// no table knows stays as written on the order, so the checker can name it ("route 'intrathecal'
// has no rules"). absent = not given: the drug's default route.
enum class Route : std::uint8_t {
    absent,
    oral,
    iv,
    im,
    transdermal,
    topical,
    buccal,
    subcutaneous,
    sublingual,
    rectal,
    epidural,
    intradermal,
    nasal,
};

namespace detail {
inline constexpr std::array<std::string_view, 13> k_route_names{
    "",           "oral",   "iv",       "im",          "transdermal", "topical", "buccal", "subcutaneous",
    "sublingual", "rectal", "epidural", "intradermal", "nasal"};
} // namespace detail

// The route key ("oral", "iv", ...); "" for absent. constexpr so reader tables can hold it.
constexpr std::string_view to_string(Route route) {
    return detail::k_route_names[static_cast<std::size_t>(route)];
}
// The inverse of to_string ("" -> absent); lenient spelling also takes any case. nullopt: not a
// route key (abbreviations such as "PO" are the readers' tables' business).
std::optional<Route> parse_route(std::string_view text, Spelling spelling = Spelling::exact);

} // namespace medcheck::model
