#pragma once

#include <medcheck/rules/rule_set.hpp>

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace medcheck::db {

// The schema version this build of medcheck reads.
inline constexpr int k_schema_version = 1;

// An open, verified, read-only rule database.
class RuleDatabase {
  public:
    // The database embedded in the binary at build time.
    static RuleDatabase open_embedded();
    // A database file; throws util::Error(cannot_open) naming the file if it is missing, not SQLite,
    // damaged or of another schema version.
    static RuleDatabase open_file(const std::filesystem::path& path);
    // A database image in memory (not copied: the bytes must outlive the object).
    static RuleDatabase open_image(std::span<const unsigned char> image, std::string origin,
                                   std::string sha256);

    // Reads every rule into memory, with prepared statements.
    rules::RuleSet load() const;

    const rules::DatabaseInfo& info() const { return m_info; }
    SQLite::Database& handle() const { return *m_database; }

  private:
    RuleDatabase(std::unique_ptr<SQLite::Database> database, rules::DatabaseInfo info);
    void verify();

    std::unique_ptr<SQLite::Database> m_database;
    rules::DatabaseInfo m_info;
};

// Where the rules come from: an explicit path (--db), else the MEDCHECK_DB environment variable,
// else the embedded default.
rules::RuleSet load_rules(const std::optional<std::filesystem::path>& explicit_path);

} // namespace medcheck::db
