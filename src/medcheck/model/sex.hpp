#pragma once

#include <medcheck/model/spelling.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace medcheck::model {

// A patient's sex as the rules read it (Cockcroft-Gault, pregnancy); absent = not given.
enum class Sex : std::uint8_t { absent, female, male };

// "female", "male"; "" for absent.
std::string_view to_string(Sex sex);
// The inverse of to_string ("" -> absent); lenient spelling also takes any case and the initials.
// nullopt: not a sex, which the reader reports (fail closed).
std::optional<Sex> parse_sex(std::string_view text, Spelling spelling = Spelling::exact);

} // namespace medcheck::model
