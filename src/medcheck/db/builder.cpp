#include <medcheck/db/builder.hpp>

#include <medcheck/util/error.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace medcheck::db {

namespace {

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw util::Error(util::ErrorKind::cannot_open, path.string() + ": cannot open");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

std::unique_ptr<SQLite::Database> build_database(const std::filesystem::path& schema,
                                                 const std::vector<std::filesystem::path>& seeds) {
    auto database =
        std::make_unique<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    database->exec("PRAGMA foreign_keys = ON");
    std::vector<std::filesystem::path> files{schema};
    files.insert(files.end(), seeds.begin(), seeds.end());
    for (const auto& file : files) {
        try {
            database->exec(read_text(file));
        } catch (const SQLite::Exception& e) {
            throw util::Error(util::ErrorKind::bad_data, file.string() + ": " + e.what());
        }
    }
    SQLite::Statement check(*database, "PRAGMA foreign_key_check");
    if (check.executeStep()) {
        throw util::Error(util::ErrorKind::bad_data,
                          "foreign key violation in table " + check.getColumn(0).getString());
    }
    database->exec("VACUUM");
    return database;
}

std::vector<std::filesystem::path> seed_files(const std::filesystem::path& seed_dir) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(seed_dir)) {
        if (entry.is_regular_file() && entry.path().extension() == ".sql") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<unsigned char> serialize(SQLite::Database& database) {
    sqlite3_int64 size = 0;
    unsigned char* bytes = sqlite3_serialize(database.getHandle(), "main", &size, 0);
    if (bytes == nullptr) {
        throw util::Error(util::ErrorKind::internal, "sqlite3_serialize failed");
    }
    std::vector<unsigned char> image(bytes, bytes + size);
    sqlite3_free(bytes);
    return image;
}

} // namespace medcheck::db
