// Writes rule databases that break the schema's promises, made from the embedded one at test time:
//   make_hostile_db OUT_DIR
// Each db-*.db changes one row with CHECK constraints switched off, as an edited or forged file could;
// opening it must be refused (exit 66 naming the row) and `db lint` must list the same problem. The
// WAL pair (db-wal-pending.db + its non-empty -wal) holds a change only the -wal file carries; the WAL-
// mode db-wal-clean.db has no -wal file and must open without one being created beside it.
#include <medcheck/db/embedded.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

namespace {

void write_image(const std::string& path) {
    const auto image = medcheck::db::embedded_image();
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(image.data()), static_cast<std::streamsize>(image.size()));
}

void changed(const std::string& path, const std::string& sql) {
    write_image(path);
    SQLite::Database database(path, SQLite::OPEN_READWRITE);
    database.exec("PRAGMA ignore_check_constraints = ON; PRAGMA foreign_keys = OFF;");
    database.exec(sql);
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: make_hostile_db OUT_DIR\n";
        return 64;
    }
    const std::string dir = argv[1];
    std::filesystem::create_directories(dir);
    const std::vector<std::pair<const char*, const char*>> broken = {
        {"db-limit-inf.db", "UPDATE rule SET limit_value = 9e999 WHERE id = 'acetaminophen.daily_max'"},
        {"db-limit-huge.db", "UPDATE rule SET limit_value = 1e308 WHERE id = 'acetaminophen.daily_max'"},
        {"db-limit-negative.db", "UPDATE rule SET limit_value = -40 WHERE id = 'ketorolac.daily_max'"},
        {"db-limit-null.db", "UPDATE rule SET limit_value = NULL WHERE id = 'ibuprofen.daily_max'"},
        {"db-amount-zero.db", "UPDATE drug_component SET amount = 0 WHERE drug = 'acetaminophen'"},
        {"db-amount-negative.db",
         "UPDATE drug_component SET amount = -325 WHERE drug = 'hydrocodone_apap_10_325' AND ingredient = "
         "'acetaminophen'"},
        {"db-rules-empty.db", "DELETE FROM rule"},
        {"db-kind-unknown.db", "UPDATE rule SET kind = 'nonsense' WHERE id = 'naproxen.daily_max'"},
        {"db-source-empty.db", "UPDATE rule SET source = '  ' WHERE id = 'celecoxib.daily_max'"},
        {"db-core-missing.db", "DELETE FROM rule WHERE id = 'cyclobenzaprine.duration_max'"},
        {"db-core-lax.db", "UPDATE rule SET limit_value = 4000 WHERE id = 'acetaminophen.daily_max'"},
        {"db-mme-factor-zero.db", "UPDATE mme_factor SET factor = 0 WHERE ingredient = 'oxycodone'"},
    };
    for (const auto& [name, sql] : broken) {
        changed(dir + "/" + name, sql);
    }

    // A WAL-mode database whose last change (acetaminophen limit 2000) is only in its -wal file: copy
    // both files while the writer still holds the change uncheckpointed.
    write_image(dir + "/db-wal-writer.db");
    {
        SQLite::Database writer(dir + "/db-wal-writer.db", SQLite::OPEN_READWRITE);
        writer.exec("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;");
        writer.exec("UPDATE rule SET limit_value = 2000 WHERE id = 'acetaminophen.daily_max'");
        const auto copy = std::filesystem::copy_options::overwrite_existing;
        std::filesystem::copy_file(dir + "/db-wal-writer.db", dir + "/db-wal-pending.db", copy);
        std::filesystem::copy_file(dir + "/db-wal-writer.db-wal", dir + "/db-wal-pending.db-wal", copy);
    }
    // A WAL-mode database with everything checkpointed and no -wal / -shm beside it.
    write_image(dir + "/db-wal-clean.db");
    {
        SQLite::Database database(dir + "/db-wal-clean.db", SQLite::OPEN_READWRITE);
        database.exec("PRAGMA journal_mode = WAL;");
    }
    std::filesystem::remove(dir + "/db-wal-clean.db-wal");
    std::filesystem::remove(dir + "/db-wal-clean.db-shm");
    return 0;
}
