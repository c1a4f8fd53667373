#pragma once

#include <medcheck/rules/rule_set.hpp>

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace medcheck::db {

// The schema version this build of medcheck reads.
inline constexpr int k_schema_version = 1;

// An open, verified, read-only rule database.
class RuleDatabase {
  public:
    // The database embedded in the binary at build time. Its bytes are compared with the SHA-256 the
    // build recorded, and its structure is not checked again: the build checked it (medcheck-dbgen).
    static RuleDatabase open_embedded();
    // A database file; throws util::Error(cannot_open) naming the file if it is missing, not SQLite,
    // damaged or of another schema version, or in WAL mode with a non-empty -wal file beside it. The
    // file is read into memory once: its SHA-256 is of exactly the bytes the rules come from, and
    // nothing (no -wal / -shm) is ever created beside it.
    static RuleDatabase open_file(const std::filesystem::path& path);
    // A database image in memory (not copied: the bytes must outlive the object), its structure
    // checked (PRAGMA quick_check).
    static RuleDatabase open_image(std::span<const unsigned char> image, std::string origin,
                                   std::string sha256);
    // An image whose structure was checked when it was made, recorded with its SHA-256: opened when
    // its bytes still hash to `sha256` (else cannot_open, saying it is damaged), without checking its
    // structure again (about 15 ms of every run for the embedded rules).
    static RuleDatabase open_recorded_image(std::span<const unsigned char> image, std::string origin,
                                            std::string sha256);

    // Reads every rule into memory, with prepared statements. With `validate`, refuses (cannot_open)
    // a database whose rows break schema.sql's constraints, naming the first bad row
    // (rules::validate); `medcheck db lint` loads without it and lists every problem.
    rules::RuleSet load(bool validate = true) const;

    const rules::DatabaseInfo& info() const { return m_info; }
    SQLite::Database& handle() const { return *m_database; }

  private:
    RuleDatabase(std::unique_ptr<SQLite::Database> database, rules::DatabaseInfo info);
    static RuleDatabase open_deserialized(std::span<const unsigned char> image, std::string origin,
                                          std::string sha256, bool check_structure);
    // `structure`: check the image's structure (check_structure); the meta rows are read either way.
    void verify(bool structure = true);
    void check_structure();

    std::unique_ptr<SQLite::Database> m_database;
    rules::DatabaseInfo m_info;
    std::vector<std::string> m_constraint_failures; // from quick_check, reported by load()
};

// Where the rules come from: an explicit path (--db), else the MEDCHECK_DB environment variable,
// else the embedded default. validate: see RuleDatabase::load.
rules::RuleSet load_rules(const std::optional<std::filesystem::path>& explicit_path, bool validate = true);

} // namespace medcheck::db
