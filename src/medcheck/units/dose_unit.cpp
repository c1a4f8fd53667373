#include <medcheck/units/dose_unit.hpp>

#include <medcheck/util/text.hpp>

#include <array>
#include <utility>

namespace medcheck::units {

std::optional<DoseUnit> parse_dose_unit(std::string_view text) {
    const std::string unit = util::to_lower(util::trim(text));
    struct Entry {
        std::string_view name;
        DoseUnit unit;
    };
    static const std::array<Entry, 25> k_units{{
        {"mg", {UnitKind::mass, 1.0, "mg"}},
        {"milligram", {UnitKind::mass, 1.0, "mg"}},
        {"milligrams", {UnitKind::mass, 1.0, "mg"}},
        {"g", {UnitKind::mass, 1000.0, "mg"}},
        {"gram", {UnitKind::mass, 1000.0, "mg"}},
        {"grams", {UnitKind::mass, 1000.0, "mg"}},
        {"mcg", {UnitKind::mass, 0.001, "mg"}},
        {"ug", {UnitKind::mass, 0.001, "mg"}},
        {"\xc2\xb5g", {UnitKind::mass, 0.001, "mg"}}, // µg (micro sign)
        {"\xce\xbcg", {UnitKind::mass, 0.001, "mg"}}, // μg (Greek mu)
        {"microgram", {UnitKind::mass, 0.001, "mg"}},
        {"micrograms", {UnitKind::mass, 0.001, "mg"}},
        {"mcg/h", {UnitKind::rate, 1.0, "mcg/h"}},
        {"mcg/hr", {UnitKind::rate, 1.0, "mcg/h"}},
        {"ug/h", {UnitKind::rate, 1.0, "mcg/h"}},
        {"tablet", {UnitKind::count, 1.0, "tablet"}},
        {"tablets", {UnitKind::count, 1.0, "tablet"}},
        {"tab", {UnitKind::count, 1.0, "tablet"}},
        {"tabs", {UnitKind::count, 1.0, "tablet"}},
        {"capsule", {UnitKind::count, 1.0, "tablet"}},
        {"capsules", {UnitKind::count, 1.0, "tablet"}},
        {"cap", {UnitKind::count, 1.0, "tablet"}},
        {"caps", {UnitKind::count, 1.0, "tablet"}},
        {"patch", {UnitKind::count, 1.0, "patch"}},
        {"ml", {UnitKind::volume, 1.0, "mL"}},
    }};
    for (const auto& entry : k_units) {
        if (entry.name == unit) {
            return entry.unit;
        }
    }
    return std::nullopt;
}

} // namespace medcheck::units
