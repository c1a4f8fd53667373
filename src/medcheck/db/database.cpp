#include <medcheck/db/database.hpp>

#include <medcheck/db/embedded.hpp>
#include <medcheck/util/error.hpp>
#include <medcheck/util/sha256.hpp>

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <cstdlib>

namespace medcheck::db {

namespace {

[[noreturn]] void fail_open(const std::string& origin, const std::string& why) {
    throw util::Error(util::ErrorKind::cannot_open, "rule database " + origin + ": " + why);
}

} // namespace

RuleDatabase::RuleDatabase(std::unique_ptr<SQLite::Database> database, rules::DatabaseInfo info)
    : m_database(std::move(database)), m_info(std::move(info)) {}

RuleDatabase RuleDatabase::open_embedded() {
    return open_image(embedded_image(), "embedded", std::string(embedded_sha256()));
}

RuleDatabase RuleDatabase::open_image(std::span<const unsigned char> image, std::string origin,
                                      std::string sha256) {
    auto database = std::make_unique<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE);
    // READONLY: SQLite never writes to (or frees) the image, so the const bytes can be handed over.
    const int rc = sqlite3_deserialize(database->getHandle(), "main",
                                       const_cast<unsigned char*>(image.data()), // NOLINT
                                       static_cast<sqlite3_int64>(image.size()),
                                       static_cast<sqlite3_int64>(image.size()), SQLITE_DESERIALIZE_READONLY);
    if (rc != SQLITE_OK) {
        fail_open(origin, "cannot load image: " + std::string(sqlite3_errstr(rc)));
    }
    RuleDatabase opened(std::move(database),
                        rules::DatabaseInfo{std::move(origin), "", "", std::move(sha256)});
    opened.verify();
    return opened;
}

RuleDatabase RuleDatabase::open_file(const std::filesystem::path& path) {
    const std::string origin = path.string();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        fail_open(origin, "no such file");
    }
    if (!std::filesystem::is_regular_file(path, ec)) {
        fail_open(origin, "not a regular file");
    }
    std::unique_ptr<SQLite::Database> database;
    try {
        database = std::make_unique<SQLite::Database>(origin, SQLite::OPEN_READONLY);
    } catch (const SQLite::Exception& e) {
        fail_open(origin, e.what());
    }
    RuleDatabase opened(std::move(database),
                        rules::DatabaseInfo{origin, "", "", util::sha256_file_hex(path)});
    opened.verify();
    return opened;
}

void RuleDatabase::verify() {
    try {
        m_database->exec("PRAGMA query_only = ON");
        SQLite::Statement integrity(*m_database, "PRAGMA quick_check");
        if (!integrity.executeStep() || integrity.getColumn(0).getString() != "ok") {
            fail_open(m_info.origin, "integrity check failed");
        }
        SQLite::Statement meta(*m_database,
                               "SELECT key, value FROM meta WHERE key IN ('schema_version', 'db_version')");
        while (meta.executeStep()) {
            const std::string key = meta.getColumn(0).getString();
            (key == "schema_version" ? m_info.schema_version : m_info.version) =
                meta.getColumn(1).getString();
        }
    } catch (const SQLite::Exception& e) {
        fail_open(m_info.origin, std::string("not a medcheck rule database (") + e.what() + ")");
    }
    if (m_info.schema_version.empty()) {
        fail_open(m_info.origin, "no schema_version in meta");
    }
    if (m_info.schema_version != std::to_string(k_schema_version)) {
        fail_open(m_info.origin, "schema version " + m_info.schema_version +
                                     ", this medcheck reads version " + std::to_string(k_schema_version));
    }
    if (m_info.version.empty()) {
        fail_open(m_info.origin, "no db_version in meta");
    }
}

rules::RuleSet load_rules(const std::optional<std::filesystem::path>& explicit_path) {
    if (explicit_path) {
        return RuleDatabase::open_file(*explicit_path).load();
    }
    if (const char* env = std::getenv("MEDCHECK_DB"); env != nullptr && *env != '\0') {
        return RuleDatabase::open_file(env).load();
    }
    return RuleDatabase::open_embedded().load();
}

} // namespace medcheck::db
