#pragma once

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <memory>
#include <vector>

namespace medcheck::db {

// Builds an in-memory rule database by running the schema and then each seed file in the order given.
// Foreign keys are enforced while building. Throws util::Error(bad_data) naming the file that failed.
std::unique_ptr<SQLite::Database> build_database(const std::filesystem::path& schema,
                                                 const std::vector<std::filesystem::path>& seeds);

// The seed files of a source tree (seed/*.sql), sorted by name.
std::vector<std::filesystem::path> seed_files(const std::filesystem::path& seed_dir);

// A byte image of the database, suitable for sqlite3_deserialize.
std::vector<unsigned char> serialize(SQLite::Database& database);

} // namespace medcheck::db
