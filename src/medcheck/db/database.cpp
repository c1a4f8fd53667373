#include <medcheck/db/database.hpp>

#include <medcheck/db/embedded.hpp>
#include <medcheck/util/error.hpp>
#include <medcheck/util/sha256.hpp>

#include <fmt/format.h>

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

namespace medcheck::db {

namespace {

[[noreturn]] void fail_open(const std::string& origin, const std::string& why) {
    throw util::Error(util::ErrorKind::cannot_open, "rule database " + origin + ": " + why);
}

} // namespace

RuleDatabase::RuleDatabase(std::unique_ptr<SQLite::Database> database, rules::DatabaseInfo info)
    : m_database(std::move(database)), m_info(std::move(info)) {}

RuleDatabase RuleDatabase::open_embedded() {
    return open_recorded_image(embedded_image(), "embedded", std::string(embedded_sha256()));
}

RuleDatabase RuleDatabase::open_recorded_image(std::span<const unsigned char> image, std::string origin,
                                               std::string sha256) {
    if (util::sha256_hex(image) != sha256) {
        fail_open(origin, "image damaged: its SHA-256 is not the one recorded when it was built");
    }
    return open_deserialized(image, std::move(origin), std::move(sha256), false);
}

RuleDatabase RuleDatabase::open_image(std::span<const unsigned char> image, std::string origin,
                                      std::string sha256) {
    return open_deserialized(image, std::move(origin), std::move(sha256), true);
}

RuleDatabase RuleDatabase::open_deserialized(std::span<const unsigned char> image, std::string origin,
                                             std::string sha256, bool check_structure) {
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
    opened.verify(check_structure);
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
    // Read once, hash those bytes, and let SQLite read only them: nothing written or changed beside
    // the file (a -wal file, another process) can alter the rules behind the reported SHA-256.
    std::ifstream in(path, std::ios::binary);
    std::vector<unsigned char> bytes;
    if (in) {
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    if (!in && !in.eof()) {
        fail_open(origin, "cannot be read");
    }
    if (bytes.size() < 100 || std::memcmp(bytes.data(), "SQLite format 3", 16) != 0) {
        fail_open(origin, "not an SQLite database (file is not a database)");
    }
    // Header bytes 18-19 are 2 in WAL mode. Committed changes may then still sit in FILE-wal, which an
    // in-memory image cannot see: refuse rather than check against rules other than the file's.
    const std::string sha256 = util::sha256_hex(bytes); // of the file exactly as read
    const bool wal_mode = bytes[18] == 2 || bytes[19] == 2;
    if (wal_mode) {
        const std::filesystem::path wal = path.string() + "-wal";
        if (std::filesystem::exists(wal, ec) && std::filesystem::file_size(wal, ec) > 0 && !ec) {
            fail_open(origin, "database is in WAL mode and " + wal.string() +
                                  " is not empty: its changes are not in the file; checkpoint it first "
                                  "(sqlite3 FILE 'PRAGMA wal_checkpoint(TRUNCATE)') or copy it with "
                                  "'VACUUM INTO'");
        }
        bytes[18] = 1; // the image in memory uses a rollback journal (never written: read-only)
        bytes[19] = 1;
    }
    const auto size = static_cast<sqlite3_int64>(bytes.size());
    auto* image = static_cast<unsigned char*>(sqlite3_malloc64(static_cast<sqlite3_uint64>(size)));
    if (image == nullptr) {
        fail_open(origin, "out of memory");
    }
    std::memcpy(image, bytes.data(), bytes.size());
    auto database = std::make_unique<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE);
    // FREEONCLOSE: SQLite owns the copy (freed even when deserialize fails).
    const int rc = sqlite3_deserialize(database->getHandle(), "main", image, size, size,
                                       SQLITE_DESERIALIZE_READONLY | SQLITE_DESERIALIZE_FREEONCLOSE);
    if (rc != SQLITE_OK) {
        fail_open(origin, "cannot load: " + std::string(sqlite3_errstr(rc)));
    }
    RuleDatabase opened(std::move(database), rules::DatabaseInfo{origin, "", "", sha256});
    opened.verify();
    return opened;
}

void RuleDatabase::verify(bool structure) {
    try {
        m_database->exec("PRAGMA query_only = ON");
        if (structure) {
            check_structure();
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
    if (m_info.schema_version != fmt::to_string(k_schema_version)) {
        fail_open(m_info.origin, fmt::format("schema version {}, this medcheck reads version {}",
                                             m_info.schema_version, k_schema_version));
    }
    if (m_info.version.empty()) {
        fail_open(m_info.origin, "no db_version in meta");
    }
}

void RuleDatabase::check_structure() {
    // Constraint failures are kept for load(), which names the bad row; damage fails here.
    SQLite::Statement integrity(*m_database, "PRAGMA quick_check");
    bool any = false;
    while (integrity.executeStep()) {
        any = true;
        const std::string message = integrity.getColumn(0).getString();
        if (message == "ok") {
            break;
        }
        if (message.rfind("CHECK constraint failed", 0) == 0 || message.rfind("NULL value in", 0) == 0) {
            m_constraint_failures.push_back(message);
        } else {
            fail_open(m_info.origin, "integrity check failed: " + message);
        }
    }
    if (!any) {
        fail_open(m_info.origin, "integrity check failed");
    }
}

rules::RuleSet load_rules(const std::optional<std::filesystem::path>& explicit_path, bool validate) {
    if (explicit_path) {
        return RuleDatabase::open_file(*explicit_path).load(validate);
    }
    if (const char* env = std::getenv("MEDCHECK_DB"); env != nullptr && *env != '\0') {
        return RuleDatabase::open_file(env).load(validate);
    }
    return RuleDatabase::open_embedded().load(validate);
}

} // namespace medcheck::db
