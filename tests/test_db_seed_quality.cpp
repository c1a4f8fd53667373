// The seed data as a whole: every rule sourced, every reference resolvable, schema constraints hold.
#include "support/fixture.hpp"

#include <medcheck/db/builder.hpp>
#include <medcheck/model/route.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <regex>

using namespace medcheck;

namespace {

std::unique_ptr<SQLite::Database> seeded_database() {
    const std::filesystem::path root = MEDCHECK_SOURCE_DIR;
    return db::build_database(root / "schema.sql", db::seed_files(root / "seed"));
}

// Runs a query that must return no rows; reports the first offending row.
void expect_no_rows(SQLite::Database& database, const std::string& what, const std::string& sql) {
    SQLite::Statement query(database, sql);
    if (query.executeStep()) {
        FAIL(what << ": " << query.getColumn(0).getString());
    }
}

bool rejected(SQLite::Database& database, const std::string& sql) {
    try {
        database.exec(sql);
    } catch (const SQLite::Exception&) {
        return true;
    }
    return false;
}

const char* const k_good_rule_columns = "INSERT INTO rule (id, target_type, target, kind, severity, measure, "
                                        "limit_value, unit, message, source, evidence) ";

} // namespace

TEST_SUITE("db::seed quality") {
    TEST_CASE("every rule row has a non-empty source and message") {
        auto database = seeded_database();
        for (const char* table :
             {"rule", "interaction_rule", "group_count_rule", "first_line_rule", "mme_factor",
              "mme_threshold", "ingredient", "drug", "drug_component", "drug_name"}) {
            expect_no_rows(*database, std::string("empty source in ") + table,
                           std::string("SELECT rowid FROM ") + table +
                               " WHERE trim(coalesce(source, '')) = ''");
        }
    }

    TEST_CASE("every cited [TAG] is in source_tag") {
        auto database = seeded_database();
        std::set<std::string> tags;
        SQLite::Statement tag_query(*database, "SELECT tag FROM source_tag");
        while (tag_query.executeStep()) {
            tags.insert(tag_query.getColumn(0).getString());
        }
        const std::regex bracket(R"(\[([A-Za-z0-9-]+)\])");
        for (const char* table : {"rule", "interaction_rule", "group_count_rule", "first_line_rule",
                                  "mme_factor", "mme_threshold"}) {
            SQLite::Statement sources(*database, std::string("SELECT source FROM ") + table);
            while (sources.executeStep()) {
                const std::string source = sources.getColumn(0).getString();
                bool any = false;
                for (std::sregex_iterator it(source.begin(), source.end(), bracket), end; it != end; ++it) {
                    any = true;
                    INFO(table << ": " << source);
                    CHECK(tags.count((*it)[1].str()) == 1);
                }
                INFO(table << " source without a [TAG]: " << source);
                CHECK(any);
            }
        }
    }

    TEST_CASE("rule targets exist") {
        auto database = seeded_database();
        expect_no_rows(*database, "rule target missing", R"(
            SELECT id FROM rule WHERE
              (target_type = 'drug' AND target NOT IN (SELECT key FROM drug)) OR
              (target_type = 'ingredient' AND target NOT IN (SELECT key FROM ingredient)) OR
              (target_type = 'group' AND target NOT IN (SELECT key FROM drug_group)))");
        for (const char* side : {"a", "b", "c"}) {
            const std::string s = side;
            expect_no_rows(*database, "interaction side " + s + " missing",
                           "SELECT id FROM interaction_rule WHERE (" + s + "_type = 'ingredient' AND " + s +
                               " NOT IN (SELECT key FROM ingredient)) OR (" + s + "_type = 'group' AND " + s +
                               " NOT IN (SELECT key FROM drug_group))");
        }
    }

    TEST_CASE("every drug has components, exactly one default route and its own key as a name") {
        auto database = seeded_database();
        expect_no_rows(*database, "drug without component",
                       "SELECT key FROM drug WHERE key NOT IN (SELECT drug FROM drug_component)");
        expect_no_rows(
            *database, "drug without exactly one default route",
            "SELECT key FROM drug WHERE (SELECT count(*) FROM drug_route r WHERE r.drug = drug.key AND "
            "r.is_default = 1) <> 1");
        expect_no_rows(
            *database, "drug key does not resolve",
            "SELECT key FROM drug WHERE replace(key, '_', ' ') NOT IN (SELECT name FROM drug_name WHERE "
            "drug_name.drug = drug.key)");
    }

    TEST_CASE("every route key is a model::Route, so the readers' route tables can name it") {
        auto database = seeded_database();
        SQLite::Statement query(*database, "SELECT key FROM route");
        int routes = 0;
        while (query.executeStep()) {
            const std::string key = query.getColumn(0).getString();
            const auto route = model::parse_route(key);
            CHECK_MESSAGE((route && *route != model::Route::absent), key);
            ++routes;
        }
        CHECK(routes > 0);
    }

    TEST_CASE("single-dose limits are not above daily limits for the same target and population") {
        auto database = seeded_database();
        expect_no_rows(*database, "single limit above daily limit", R"(
            SELECT s.id FROM rule s JOIN rule d
              ON s.target_type = d.target_type AND s.target = d.target
             AND s.measure = 'single_mg' AND d.measure = 'daily_mg'
             AND coalesce(s.release, '') = coalesce(d.release, '') AND coalesce(s.route, '') = coalesce(d.route, '')
             AND coalesce(s.age_min, -1) = coalesce(d.age_min, -1) AND coalesce(s.weight_max, -1) = coalesce(d.weight_max, -1)
             AND coalesce(s.crcl_max, -1) = coalesce(d.crcl_max, -1) AND coalesce(s.hepatic_min, '') = coalesce(d.hepatic_min, '')
             AND coalesce(s.condition, '') = coalesce(d.condition, '') AND s.new_only = d.new_only
             AND s.kind = d.kind
            WHERE s.limit_value > d.limit_value)");
    }

    TEST_CASE("the loaded rules agree with the tables") {
        const auto& rules = test::seeded_rules();
        for (const auto& entry : rules.drugs) {
            const auto& drug = entry.second;
            INFO(entry.first); // not a structured binding: clang 14 cannot capture those in INFO
            CHECK_FALSE(drug.default_route.empty());
            for (const auto& component : drug.components) {
                CHECK(rules.ingredients.count(component.ingredient) == 1);
            }
        }
        for (const auto& entry : rules.names) {
            INFO(entry.first);
            CHECK(entry.second.size() >= 1);
        }
    }

    TEST_CASE("schema constraints reject bad rows") {
        auto database = seeded_database();
        const std::string good =
            std::string(k_good_rule_columns) +
            "VALUES ('t.ok', 'ingredient', 'acetaminophen', 'max_daily_dose', 'violation', "
            "'daily_mg', 1, 'mg/day', 'm', 's [POLICY]', 'policy')";
        REQUIRE_FALSE(rejected(*database, good));
        SUBCASE("a zero or negative limit") {
            CHECK(rejected(*database, std::string(k_good_rule_columns) +
                                          "VALUES ('t.neg', 'ingredient', 'acetaminophen', 'max_daily_dose', "
                                          "'violation', 'daily_mg', -1, 'mg/day', 'm', 's', 'policy')"));
            CHECK(
                rejected(*database, std::string(k_good_rule_columns) +
                                        "VALUES ('t.zero', 'ingredient', 'acetaminophen', 'max_daily_dose', "
                                        "'violation', 'daily_mg', 0, 'mg/day', 'm', 's', 'policy')"));
        }
        SUBCASE("an unknown severity") {
            CHECK(rejected(*database, std::string(k_good_rule_columns) +
                                          "VALUES ('t.sev', 'ingredient', 'acetaminophen', 'max_daily_dose', "
                                          "'terrible', 'daily_mg', 1, 'mg/day', 'm', 's', 'policy')"));
        }
        SUBCASE("a missing source") {
            CHECK(rejected(*database, std::string(k_good_rule_columns) +
                                          "VALUES ('t.src', 'ingredient', 'acetaminophen', 'max_daily_dose', "
                                          "'violation', 'daily_mg', 1, 'mg/day', 'm', '  ', 'policy')"));
            CHECK(
                rejected(*database, std::string(k_good_rule_columns) +
                                        "VALUES ('t.src2', 'ingredient', 'acetaminophen', 'max_daily_dose', "
                                        "'violation', 'daily_mg', 1, 'mg/day', 'm', NULL, 'policy')"));
        }
        SUBCASE("an unverified number above warning") {
            CHECK(rejected(*database, std::string(k_good_rule_columns) +
                                          "VALUES ('t.unv', 'ingredient', 'acetaminophen', 'max_daily_dose', "
                                          "'violation', 'daily_mg', 1, 'mg/day', 'm', 's', 'unverified')"));
        }
        SUBCASE("a rule with neither measure nor population") {
            CHECK(rejected(*database,
                           "INSERT INTO rule (id, target_type, target, kind, severity, message, source, "
                           "evidence) VALUES ('t.none', 'group', 'nsaid', 'caution', 'warning', 'm', 's', "
                           "'label')"));
        }
        SUBCASE("an inverted range") {
            CHECK(rejected(*database,
                           "INSERT INTO rule (id, target_type, target, kind, severity, crcl_min, crcl_max, "
                           "message, source, evidence) VALUES ('t.rng', 'group', 'nsaid', 'renal', "
                           "'warning', 60, 30, 'm', 's', 'label')"));
        }
    }
}
