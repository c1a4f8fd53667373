#pragma once

#include <cstddef>

namespace medcheck::io {

// Streaming readers start with a small chunk, so a short file costs little, and double it up to
// a cap, so a long file is read in few calls without holding it whole.
inline constexpr std::size_t k_first_chunk_bytes = std::size_t{1} << 16U;
inline constexpr std::size_t k_max_chunk_bytes = std::size_t{1} << 20U;

} // namespace medcheck::io
