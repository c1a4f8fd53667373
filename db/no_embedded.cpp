// medcheck-dbgen builds the embedded rule database, so it has none of its own. It links the engine,
// whose database code refers to the embedded image; this empty image satisfies the link (unity
// batching decides which engine objects a tool pulls in) and is never opened by the generator.
#include <medcheck/db/embedded.hpp>

namespace medcheck::db {

std::span<const unsigned char> embedded_image() {
    return {};
}

std::string_view embedded_sha256() {
    return {};
}

} // namespace medcheck::db
