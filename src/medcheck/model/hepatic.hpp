#pragma once

#include <medcheck/model/spelling.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace medcheck::model {

// Hepatic impairment grade (Child-Pugh A/B/C = mild/moderate/severe), ordered: none < mild < moderate
// < severe. absent = not given, which the checker reads as none and reports as not given.
enum class Hepatic : std::uint8_t { absent, none, mild, moderate, severe };

// "none", "mild", "moderate", "severe"; "" for absent.
std::string_view to_string(Hepatic grade);
// The inverse of to_string ("" -> absent); lenient spelling also takes any case. nullopt: not a
// grade, which the reader reports (fail closed).
std::optional<Hepatic> parse_hepatic(std::string_view text, Spelling spelling = Spelling::exact);

} // namespace medcheck::model
