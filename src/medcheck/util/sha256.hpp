#pragma once

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>

namespace medcheck::util {

// Lower-case hex SHA-256 of a byte range.
std::string sha256_hex(std::span<const unsigned char> bytes);

// Lower-case hex SHA-256 of a file's contents; throws Error(cannot_open) if it cannot be read.
std::string sha256_file_hex(const std::filesystem::path& path);

} // namespace medcheck::util
