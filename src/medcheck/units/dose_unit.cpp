#include <medcheck/units/dose_unit.hpp>

#include <medcheck/util/text.hpp>

#include <array>
#include <utility>

namespace medcheck::units {

std::span<const NamedDoseUnit> dose_units() {
    static const NamedDoseUnit k_units[] = {
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
        {"mg/h", {UnitKind::rate, 1000.0, "mcg/h"}},
        {"mcg/hour", {UnitKind::rate, 1.0, "mcg/h"}},
        {"mgs", {UnitKind::mass, 1.0, "mg"}},
        {"gm", {UnitKind::mass, 1000.0, "mg"}},
        {"gms", {UnitKind::mass, 1000.0, "mg"}},
        {"mcgs", {UnitKind::mass, 0.001, "mg"}},
        {"tbl", {UnitKind::count, 1.0, "tablet"}},
        {"tabl", {UnitKind::count, 1.0, "tablet"}},
        {"tablet(s)", {UnitKind::count, 1.0, "tablet"}},
        {"pill", {UnitKind::count, 1.0, "tablet"}},
        {"pills", {UnitKind::count, 1.0, "tablet"}},
        {"caplet", {UnitKind::count, 1.0, "tablet"}},
        {"caplets", {UnitKind::count, 1.0, "tablet"}},
        {"capsule(s)", {UnitKind::count, 1.0, "tablet"}},
        {"softgel", {UnitKind::count, 1.0, "tablet"}},
        {"softgels", {UnitKind::count, 1.0, "tablet"}},
        {"gelcap", {UnitKind::count, 1.0, "tablet"}},
        {"gelcaps", {UnitKind::count, 1.0, "tablet"}},
        {"patches", {UnitKind::count, 1.0, "patch"}},
        {"film", {UnitKind::count, 1.0, "patch"}},
        {"films", {UnitKind::count, 1.0, "patch"}},
        {"mls", {UnitKind::volume, 1.0, "mL"}},
        {"milliliter", {UnitKind::volume, 1.0, "mL"}},
        {"milliliters", {UnitKind::volume, 1.0, "mL"}},
        {"cc", {UnitKind::volume, 1.0, "mL"}},
        {"tsp", {UnitKind::volume, 5.0, "mL"}},
        {"teaspoon", {UnitKind::volume, 5.0, "mL"}},
        {"teaspoons", {UnitKind::volume, 5.0, "mL"}},
        {"tbsp", {UnitKind::volume, 15.0, "mL"}},
        {"tablespoon", {UnitKind::volume, 15.0, "mL"}},
    };
    return k_units;
}

const DoseUnit* find_dose_unit(std::string_view name) {
    for (const auto& entry : dose_units()) {
        if (entry.name == name) {
            return &entry.unit;
        }
    }
    return nullptr;
}

std::optional<DoseUnit> parse_dose_unit(std::string_view text) {
    text = util::trim(text);
    if (text.empty() || text.size() > 16) {
        return std::nullopt;
    }
    char lowered[16];
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        lowered[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    const DoseUnit* unit = find_dose_unit(std::string_view(lowered, text.size()));
    return unit != nullptr ? std::optional<DoseUnit>(*unit) : std::nullopt;
}

} // namespace medcheck::units
