#include <medcheck/model/sex.hpp>

#include <array>

namespace medcheck::model {

namespace {
constexpr std::array<std::string_view, 3> k_sex_names{"", "female", "male"};
} // namespace

std::string_view to_string(Sex sex) {
    return k_sex_names[static_cast<std::size_t>(sex)];
}

std::optional<Sex> parse_sex(std::string_view text, Spelling spelling) {
    for (std::size_t i = 0; i < k_sex_names.size(); ++i) {
        const std::string_view name = k_sex_names[i];
        if (spells(text, name, spelling) ||
            (spelling == Spelling::lenient && !name.empty() && spells(text, name.substr(0, 1), spelling))) {
            return static_cast<Sex>(i);
        }
    }
    return std::nullopt;
}

} // namespace medcheck::model
