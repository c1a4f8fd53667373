#include "support/fixture.hpp"

#include <medcheck/rules/coverage.hpp>
#include <medcheck/rules/lint.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

using namespace medcheck;

namespace {

bool reports(const rules::RuleSet& set, const std::string& where, const std::string& what) {
    for (const auto& p : rules::lint(set)) {
        if (p.where.find(where) != std::string::npos && p.what.find(what) != std::string::npos) {
            return true;
        }
    }
    return false;
}

rules::Rule band(const std::string& id, double crcl_min, double crcl_max, double limit) {
    rules::Rule rule;
    rule.id = id;
    rule.target_type = rules::TargetType::ingredient;
    rule.target = "acetaminophen";
    rule.kind = "renal";
    rule.severity = model::Severity::violation;
    rule.measure = rules::Measure::daily_mg;
    rule.limit = limit;
    rule.unit = "mg/day";
    rule.population.crcl_min = crcl_min;
    rule.population.crcl_max = crcl_max;
    rule.message = "m";
    rule.source = "s [POLICY]";
    rule.evidence = "policy";
    return rule;
}

} // namespace

TEST_SUITE("rules::lint") {
    TEST_CASE("the seeded database is clean") {
        const auto problems = rules::lint(test::seeded_rules());
        for (const auto& p : problems) {
            INFO(p.where << ": " << p.what);
            CHECK(false);
        }
    }

    TEST_CASE("problems are found") {
        rules::RuleSet set = test::seeded_rules();
        SUBCASE("an out-of-scope name that is a checked drug's name") {
            set.out_of_scope_names.insert("oxycodone");
            CHECK(reports(set, "out_of_scope_drug 'oxycodone'", "is also a name of a checked drug"));
        }
        SUBCASE("a unit strength on a drug dosed in tablets") {
            set.name_strengths["percocet 5/325"] = 5;
            CHECK(reports(set, "drug_name 'percocet 5/325'", "has a unit_strength"));
        }
        SUBCASE("unknown source tag") {
            set.rules.front().source = "somewhere [NOPE]";
            CHECK(reports(set, set.rules.front().id, "unknown source tag [NOPE]"));
        }
        SUBCASE("no tag at all") {
            set.rules.front().source = "a book";
            CHECK(reports(set, set.rules.front().id, "cites no [TAG]"));
        }
        SUBCASE("rule for an unknown drug") {
            set.rules.front().target_type = rules::TargetType::ingredient;
            set.rules.front().target = "unobtainium";
            set.build_indexes();
            CHECK(reports(set, set.rules.front().id, "unknown ingredient 'unobtainium'"));
        }
        SUBCASE("overlapping and gapped renal bands") {
            set.rules.push_back(band("t.band1", 0, 30, 100));
            set.rules.push_back(band("t.band2", 25, 60, 200));
            set.rules.push_back(band("t.band3", 70, 90, 300));
            set.build_indexes();
            CHECK(reports(set, "t.band2", "overlaps t.band1"));
            CHECK(reports(set, "t.band3", "gap in CrCl bands"));
        }
        SUBCASE("single above daily") {
            rules::Rule single = band("t.single", 0, 30, 500);
            single.measure = rules::Measure::single_mg;
            set.rules.push_back(band("t.daily", 0, 30, 100));
            set.rules.push_back(single);
            set.build_indexes();
            CHECK(reports(set, "t.single", "above the daily limit of t.daily"));
        }
        SUBCASE("a name for two drugs") {
            set.names["paracetamol"] = {"acetaminophen", "ibuprofen"};
            CHECK(reports(set, "paracetamol", "several drugs"));
        }
        SUBCASE("unverified above warning") {
            set.rules.front().evidence = "unverified";
            set.rules.front().severity = model::Severity::violation;
            CHECK(reports(set, set.rules.front().id, "unverified"));
        }
    }

    TEST_CASE("coverage counts rules per drug and kind") {
        const auto table = rules::coverage(test::seeded_rules());
        const auto row = std::find_if(table.rows.begin(), table.rows.end(),
                                      [](const auto& r) { return r.first == "acetaminophen"; });
        REQUIRE(row != table.rows.end());
        const auto daily = static_cast<std::size_t>(
            std::find(table.kinds.begin(), table.kinds.end(), "max_daily_dose") - table.kinds.begin());
        CHECK(row->second[daily] >= 1);
        std::ostringstream out;
        rules::write_coverage(out, table);
        CHECK(out.str().find("acetaminophen") != std::string::npos);
    }
}
