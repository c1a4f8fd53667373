#include <medcheck/model/hepatic.hpp>

#include <array>

namespace medcheck::model {

namespace {
constexpr std::array<std::string_view, 5> k_hepatic_names{"", "none", "mild", "moderate", "severe"};
} // namespace

std::string_view to_string(Hepatic grade) {
    return k_hepatic_names[static_cast<std::size_t>(grade)];
}

std::optional<Hepatic> parse_hepatic(std::string_view text, Spelling spelling) {
    for (std::size_t i = 0; i < k_hepatic_names.size(); ++i) {
        if (spells(text, k_hepatic_names[i], spelling)) {
            return static_cast<Hepatic>(i);
        }
    }
    return std::nullopt;
}

} // namespace medcheck::model
