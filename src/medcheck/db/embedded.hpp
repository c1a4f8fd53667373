#pragma once

#include <span>
#include <string_view>

// Defined in the file the build generates from schema.sql and seed/*.sql (see db/CMakeLists.txt).
namespace medcheck::db {

// The default rule database image, as built from schema.sql + seed/*.sql.
std::span<const unsigned char> embedded_image();

// SHA-256 of embedded_image(), computed when the image was built.
std::string_view embedded_sha256();

} // namespace medcheck::db
