#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace medcheck::units {

// What a written dose unit measures.
enum class UnitKind {
    mass,   // mg, g, mcg: converted to mg
    rate,   // mcg/h (transdermal patches)
    count,  // tablet, capsule, patch: needs a product strength
    volume, // mL: needs a concentration, which v1 does not take
};

struct DoseUnit {
    UnitKind kind = UnitKind::mass;
    double to_base = 1.0;  // factor to mg (mass), to mcg/h (rate) or to units (count)
    std::string canonical; // "mg", "mcg/h", "tablet", "mL"
};

// Every spelling of a dose unit, lowercase ("mg", "tabs", "mcg/h" ...), for lookup tables.
struct NamedDoseUnit {
    std::string_view name;
    DoseUnit unit;
};
std::span<const NamedDoseUnit> dose_units();

// The unit of an exact lowercase spelling, or nullptr.
const DoseUnit* find_dose_unit(std::string_view name);

// Parses "mg", "g", "mcg", "ug", "µg", "mcg/h", "mcg/hr", "tablet(s)", "tab", "capsule", "cap",
// "patch", "mL"... (case-insensitive); nullopt for anything else.
std::optional<DoseUnit> parse_dose_unit(std::string_view text);

} // namespace medcheck::units
