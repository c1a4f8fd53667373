#include "support/fixture.hpp"

#include <medcheck/db/builder.hpp>
#include <medcheck/db/database.hpp>
#include <medcheck/db/embedded.hpp>
#include <medcheck/util/error.hpp>
#include <medcheck/util/sha256.hpp>

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <tuple>
#include <vector>

using namespace medcheck;

namespace {

std::filesystem::path temp_path(const std::string& name) {
    return std::filesystem::temp_directory_path() /
           ("medcheck-test-" + std::to_string(::getpid()) + "-" + name);
}

util::ErrorKind open_error(const std::filesystem::path& path) {
    try {
        db::RuleDatabase::open_file(path);
    } catch (const util::Error& e) {
        CHECK(std::string(e.what()).find(path.string()) != std::string::npos); // names the file
        return e.kind();
    }
    FAIL("opened " << path);
    return util::ErrorKind::internal;
}

} // namespace

TEST_SUITE("db::database") {
    TEST_CASE("the embedded database opens, is version-checked and matches its recorded SHA-256") {
        const auto database = db::RuleDatabase::open_embedded();
        CHECK(database.info().schema_version == std::to_string(db::k_schema_version));
        CHECK_FALSE(database.info().version.empty());
        CHECK(util::sha256_hex(db::embedded_image()) == db::embedded_sha256());
    }

    TEST_CASE("a recorded image opens only while its bytes hash to the SHA-256 recorded with it") {
        // The embedded image is opened this way: its structure was checked when it was built, and a
        // byte changed since (a damaged binary) is refused instead of read.
        const std::span<const unsigned char> embedded = db::embedded_image();
        std::vector<unsigned char> image(embedded.begin(), embedded.end());
        const std::string sha256(db::embedded_sha256());
        CHECK_FALSE(db::RuleDatabase::open_recorded_image(image, "copy", sha256).load().rules.empty());
        image[image.size() / 2] ^= 0x01U;
        try {
            db::RuleDatabase::open_recorded_image(image, "copy", sha256);
            FAIL("a damaged image opened");
        } catch (const util::Error& e) {
            CHECK(e.kind() == util::ErrorKind::cannot_open);
            CHECK(std::string(e.what()).find("rule database copy: image damaged") != std::string::npos);
        }
        // Not recorded: the structure check runs and names the damage, or the rows load as changed.
        image[image.size() / 2] ^= 0x01U;
        CHECK_NOTHROW(db::RuleDatabase::open_image(image, "copy", sha256));
    }

    TEST_CASE("the embedded database is the one schema.sql + seed/ produce") {
        const std::filesystem::path root = MEDCHECK_SOURCE_DIR;
        auto built = db::build_database(root / "schema.sql", db::seed_files(root / "seed"));
        CHECK(util::sha256_hex(db::serialize(*built)) == db::embedded_sha256());
    }

    TEST_CASE("the embedded database is read-only") {
        const auto database = db::RuleDatabase::open_embedded();
        CHECK_THROWS(database.handle().exec("DELETE FROM rule"));
        CHECK_THROWS(database.handle().exec("CREATE TABLE x (y)"));
    }

    TEST_CASE("rules load once into memory with indexes") {
        const auto rules = db::RuleDatabase::open_embedded().load();
        CHECK(rules.drugs.count("acetaminophen") == 1);
        CHECK_FALSE(rules.rules.empty());
        CHECK_FALSE(rules.drugs.at("acetaminophen").rule_indexes.empty());
    }

    TEST_CASE("the flat indexes agree with the tables they copy") {
        const auto rules = db::RuleDatabase::open_embedded().load();
        // Every drug's summed rules: exactly its per-order rules whose measure adds up, in order.
        for (const auto& entry : rules.drugs) {
            const rules::Drug& drug = entry.second;
            std::vector<std::size_t> summed;
            for (const std::size_t i : drug.rule_indexes) {
                if (rules.rules[i].measure && rules::adds_up(*rules.rules[i].measure)) {
                    summed.push_back(i);
                }
            }
            INFO(entry.first);
            CHECK(drug.summed_indexes == summed);
        }
        CHECK_FALSE(rules.drugs.at("ibuprofen").summed_indexes.empty());
        for (const auto& rule : rules.rules) {
            CHECK(rule.start_dose == (rule.kind == "start_dose"));
        }
        // Group membership and MME factors read from the flat copies give the tables' answers.
        CHECK(rules.ingredient_in("ibuprofen", rules::TargetType::group, "nsaid"));
        CHECK_FALSE(rules.ingredient_in("acetaminophen", rules::TargetType::group, "nsaid"));
        CHECK_FALSE(rules.ingredient_in("no-such-ingredient", rules::TargetType::group, "nsaid"));
        for (const auto& entry : rules.mme_factors) {
            const rules::MmeFactor& factor = entry.second;
            const rules::MmeFactor* indexed = rules.mme_factor(entry.first);
            REQUIRE(indexed != nullptr);
            CHECK(indexed->factor == factor.factor);
            CHECK(indexed->source == factor.source);
        }
        CHECK(rules.mme_factor("acetaminophen") == nullptr);
        // A set changed after indexing (as tests do) falls back to its tables until indexed again.
        rules::RuleSet changed = rules;
        changed.ingredients["zz-test"].groups = {"nsaid"};
        CHECK(changed.ingredient_in("zz-test", rules::TargetType::group, "nsaid"));
    }

    TEST_CASE("a database file that cannot be used is cannot_open, naming the file") {
        SUBCASE("missing") {
            CHECK(open_error(temp_path("missing.db")) == util::ErrorKind::cannot_open);
        }
        SUBCASE("not SQLite") {
            const auto path = temp_path("text.db");
            std::ofstream(path) << "hello, not a database\n";
            CHECK(open_error(path) == util::ErrorKind::cannot_open);
            std::filesystem::remove(path);
        }
        SUBCASE("truncated") {
            const auto path = temp_path("truncated.db");
            const auto image = db::embedded_image();
            std::ofstream(path, std::ios::binary)
                .write(reinterpret_cast<const char*>(image.data()),
                       static_cast<std::streamsize>(image.size() / 3));
            CHECK(open_error(path) == util::ErrorKind::cannot_open);
            std::filesystem::remove(path);
        }
        SUBCASE("newer schema version") {
            const auto path = temp_path("newer.db");
            {
                SQLite::Database database(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
                database.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                              "INSERT INTO meta VALUES ('schema_version', '2'), ('db_version', 'x');");
            }
            CHECK(open_error(path) == util::ErrorKind::cannot_open);
            std::filesystem::remove(path);
        }
        SUBCASE("no meta table") {
            const auto path = temp_path("empty.db");
            {
                SQLite::Database database(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
                database.exec("CREATE TABLE t (x)");
            }
            CHECK(open_error(path) == util::ErrorKind::cannot_open);
            std::filesystem::remove(path);
        }
    }

    TEST_CASE("a database file built from the seed opens and gives the same rules") {
        const auto path = temp_path("seed.db");
        {
            const std::filesystem::path root = MEDCHECK_SOURCE_DIR;
            auto built = db::build_database(root / "schema.sql", db::seed_files(root / "seed"));
            const auto image = db::serialize(*built);
            std::ofstream(path, std::ios::binary)
                .write(reinterpret_cast<const char*>(image.data()),
                       static_cast<std::streamsize>(image.size()));
        }
        const auto rules = db::load_rules(path);
        CHECK(rules.database.origin == path.string());
        CHECK(rules.database.sha256 == db::embedded_sha256());
        CHECK(rules.rules.size() == test::seeded_rules().rules.size());
        std::filesystem::remove(path);
    }
}

TEST_SUITE("rules::RuleSet indexes") {
    TEST_CASE(
        "each drug's interaction sides are by rule, then side, and its first-line rules are its groups'") {
        // A case merges its orders' side lists (check/interactions.cpp) and looks first-line rules up
        // by index (check/first_line.cpp): both rest on what build_indexes leaves here.
        const rules::RuleSet& set = test::seeded_rules();
        std::size_t with_sides = 0;
        std::size_t with_first_line = 0;
        for (const auto& entry : set.drugs) {
            const rules::Drug& drug = entry.second;
            CAPTURE(entry.first);
            CHECK(std::is_sorted(drug.interaction_sides.begin(), drug.interaction_sides.end(),
                                 [](const rules::SideMatch& x, const rules::SideMatch& y) {
                                     return std::tie(x.rule, x.side) < std::tie(y.rule, y.side);
                                 }));
            std::vector<std::size_t> first_line;
            for (std::size_t i = 0; i < set.first_line.size(); ++i) {
                if (set.drug_matches(drug, rules::TargetType::group, set.first_line[i].group)) {
                    first_line.push_back(i);
                }
            }
            CHECK(drug.first_line_indexes == first_line);
            with_sides += drug.interaction_sides.empty() ? 0 : 1;
            with_first_line += first_line.empty() ? 0 : 1;
        }
        CHECK(with_sides > 10);
        CHECK(with_first_line > 5);
    }
}
