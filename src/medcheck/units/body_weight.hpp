#pragma once

namespace medcheck::units {

// The international avoirdupois pound (exact by definition), for weights recorded in lb.
inline constexpr double k_kg_per_lb = 0.45359237;

} // namespace medcheck::units
