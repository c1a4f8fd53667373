#include "support/fixture.hpp"

#include <medcheck/rules/rule_set.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

using namespace medcheck;

namespace {

// Every ingredient name the seeded set holds anywhere (catalogue, drug components, MME factors), and
// one it does not.
std::set<std::string> ingredient_names(const rules::RuleSet& rules) {
    std::set<std::string> names{"not_an_ingredient"};
    for (const auto& entry : rules.ingredients) {
        names.insert(entry.first);
    }
    for (const auto& entry : rules.drugs) {
        for (const auto& component : entry.second.components) {
            names.insert(component.ingredient);
        }
    }
    for (const auto& entry : rules.mme_factors) {
        names.insert(entry.first);
    }
    return names;
}

// Every group name the seeded set holds or names (groups, ingredients' groups, rule, interaction,
// group-count and first-line targets), and one it does not.
std::set<std::string> group_names(const rules::RuleSet& rules) {
    std::set<std::string> names{"not_a_group"};
    for (const auto& entry : rules.groups) {
        names.insert(entry.first);
    }
    for (const auto& entry : rules.ingredients) {
        names.insert(entry.second.groups.begin(), entry.second.groups.end());
    }
    for (const auto& rule : rules.rules) {
        if (rule.target_type == rules::TargetType::group) {
            names.insert(rule.target);
        }
    }
    for (const auto& rule : rules.interactions) {
        for (const auto* side : {&rule.a, &rule.b}) {
            names.insert(side->key);
        }
    }
    for (const auto& rule : rules.group_counts) {
        names.insert(rule.group);
    }
    for (const auto& rule : rules.first_line) {
        names.insert(rule.group);
    }
    return names;
}

// The bit of a name as its place in `names` says (the linear search the lookup replaced).
std::uint64_t bit_by_place(const std::vector<std::string>& names, const std::string& name) {
    const auto at = std::find(names.begin(), names.end(), name);
    return at == names.end() ? 0 : std::uint64_t{1} << static_cast<unsigned>(at - names.begin());
}

} // namespace

TEST_SUITE("rules::rule_set") {
    TEST_CASE("ingredient and group ids: distinct, dense, and the drug components carry theirs") {
        const rules::RuleSet& rules = test::seeded_rules();
        const auto ingredients = ingredient_names(rules);
        std::set<std::uint32_t> ids;
        for (const std::string& name : ingredients) {
            const std::uint32_t id = rules.ingredient_id(name);
            if (name == "not_an_ingredient") {
                CHECK(id == rules::k_no_id);
                continue;
            }
            INFO(name);
            CHECK(id < rules.ingredient_ids.size());
            CHECK(ids.insert(id).second);
        }
        CHECK(ids.size() == rules.ingredient_ids.size());
        CHECK(ids.size() > 50);
        for (const auto& entry : rules.drugs) {
            for (const auto& component : entry.second.components) {
                INFO(entry.first, " ", component.ingredient);
                CHECK(component.ingredient_id == rules.ingredient_id(component.ingredient));
                CHECK(component.ingredient_id != rules::k_no_id);
            }
        }
        std::set<std::uint32_t> group_ids;
        for (const auto& entry : rules.groups) {
            const std::uint32_t id = rules.group_id(entry.first);
            INFO(entry.first);
            CHECK(id < rules.group_ids.size());
            CHECK(group_ids.insert(id).second);
        }
        CHECK(rules.group_id("not_a_group") == rules::k_no_id);
        CHECK(rules.target_id(rules::TargetType::drug, "ibuprofen") == rules::k_no_id);
    }

    TEST_CASE("ingredient_in by id answers as by name, for every seeded ingredient, group and target") {
        const rules::RuleSet& rules = test::seeded_rules();
        const auto ingredients = ingredient_names(rules);
        const auto groups = group_names(rules);
        std::size_t members = 0;
        for (const std::string& ingredient : ingredients) {
            const std::uint32_t id = rules.ingredient_id(ingredient);
            for (const std::string& group : groups) {
                const bool by_name = rules.ingredient_in(ingredient, rules::TargetType::group, group);
                const bool by_id = rules.ingredient_in(id, rules::TargetType::group,
                                                       rules.target_id(rules::TargetType::group, group));
                INFO(ingredient, " in ", group);
                CHECK(by_id == by_name);
                members += by_name ? 1 : 0;
            }
            for (const std::string& other : ingredients) {
                const std::uint32_t other_id = rules.target_id(rules::TargetType::ingredient, other);
                INFO(ingredient, " is ", other);
                CHECK(rules.ingredient_in(id, rules::TargetType::ingredient, other_id) ==
                      (ingredient == other && ingredient != "not_an_ingredient"));
                CHECK_FALSE(rules.ingredient_in(id, rules::TargetType::drug, other_id));
            }
        }
        CHECK(members > 100);
        // Every rule's target id, against every drug's components: as the names say.
        std::size_t compared = 0;
        for (const auto& rule : rules.rules) {
            CHECK(rule.target_id == rules.target_id(rule.target_type, rule.target));
            if (rule.target_type == rules::TargetType::drug) {
                continue;
            }
            for (const auto& entry : rules.drugs) {
                for (const auto& component : entry.second.components) {
                    INFO(rule.id, " ", component.ingredient);
                    CHECK(rules.ingredient_in(component.ingredient_id, rule.target_type, rule.target_id) ==
                          rules.ingredient_in(component.ingredient, rule.target_type, rule.target));
                    ++compared;
                }
            }
        }
        CHECK(compared > 10000);
    }

    TEST_CASE("MME factors by id are the factor table's rows, in mme_index, also in a copy") {
        const rules::RuleSet& rules = test::seeded_rules();
        std::size_t with_factor = 0;
        for (const std::string& ingredient : ingredient_names(rules)) {
            const rules::MmeFactor* by_id = rules.mme_factor(rules.ingredient_id(ingredient));
            const auto row = rules.mme_factors.find(ingredient);
            INFO(ingredient);
            REQUIRE((by_id != nullptr) == (row != rules.mme_factors.end()));
            CHECK(rules.mme_factor(ingredient) == by_id);
            if (by_id == nullptr) {
                continue;
            }
            ++with_factor;
            CHECK(by_id->ingredient == row->second.ingredient);
            CHECK(by_id->factor == row->second.factor);
            CHECK(by_id->per_rate == row->second.per_rate);
            CHECK(by_id->source == row->second.source);
            // A row of mme_index, whose texts the findings writer knows.
            CHECK(std::any_of(rules.mme_index.begin(), rules.mme_index.end(),
                              [&](const auto& entry) { return &entry.second == by_id; }));
        }
        CHECK(with_factor == rules.mme_factors.size());
        CHECK(with_factor > 5);
        // A copy answers from its own rows (the ids are places, not pointers).
        const rules::RuleSet copy = rules;
        const std::uint32_t oxycodone = copy.ingredient_id("oxycodone");
        REQUIRE(copy.mme_factor(oxycodone) != nullptr);
        CHECK(copy.mme_factor(oxycodone) != rules.mme_factor(oxycodone));
        CHECK(copy.mme_factor(oxycodone)->factor == rules.mme_factor(oxycodone)->factor);
    }

    TEST_CASE("population term bits and known conditions by lookup answer as the lists and vocabulary") {
        const rules::RuleSet& rules = test::seeded_rules();
        const rules::PopulationTerms& terms = rules.population_terms;
        std::set<std::string> names{"not_a_term", "", "I50.9", "heart_failure "};
        names.insert(rules.conditions.begin(), rules.conditions.end());
        names.insert(terms.conditions.begin(), terms.conditions.end());
        names.insert(terms.groups.begin(), terms.groups.end());
        const auto groups = group_names(rules);
        names.insert(groups.begin(), groups.end());
        std::size_t with_bit = 0;
        for (const std::string& name : names) {
            INFO("'", name, "'");
            CHECK(terms.condition_bit(name) == bit_by_place(terms.conditions, name));
            CHECK(terms.group_bit(name) == bit_by_place(terms.groups, name));
            CHECK(rules.known_condition(name) == (rules.conditions.count(name) != 0));
            with_bit += terms.condition_bit(name) != 0 || terms.group_bit(name) != 0 ? 1 : 0;
        }
        CHECK(with_bit == terms.conditions.size() + terms.groups.size());
        CHECK(terms.conditions.size() > 5);
        // Continuing groups (the seeded populations name none): a bit each, in the order first named.
        rules::RuleSet set;
        for (const char* group : {"opioid", "benzodiazepine", "opioid", "nsaid"}) {
            set.rules.emplace_back().population.unless_continuing_group = group;
        }
        set.build_indexes();
        CHECK(set.population_terms.group_bit("opioid") == 1);
        CHECK(set.population_terms.group_bit("benzodiazepine") == 2);
        CHECK(set.population_terms.group_bit("nsaid") == 4);
        CHECK(set.population_terms.group_bit("opioids") == 0);
        CHECK(set.population_terms.condition_bit("opioid") == 0);
    }

    TEST_CASE("a name table finds every name it holds and no other, as it grows") {
        rules::NameTable<std::uint32_t> table;
        CHECK(table.find("") == nullptr);
        // Names of every size to 40 that differ in their first byte, and names of 20 bytes that differ
        // only in the middle (the same first slot: found by probing on).
        std::vector<std::string> names{""};
        for (std::size_t size = 1; size <= 40; ++size) {
            for (char first = 'a'; first <= 'z'; ++first) {
                std::string name(size, 'x');
                name.front() = first;
                names.push_back(name);
            }
        }
        for (char middle = 'A'; middle <= 'Z'; ++middle) {
            std::string name(20, 'y');
            name[10] = middle;
            names.push_back(name);
        }
        for (std::size_t i = 0; i < names.size(); ++i) {
            CHECK(table.insert(names[i], static_cast<std::uint32_t>(i)));
            CHECK_FALSE(table.insert(names[i], 0));     // already there: kept
            if (i % 97 == 0 || i + 1 == names.size()) { // all so far, at several sizes
                for (std::size_t j = 0; j < names.size(); ++j) {
                    const std::uint32_t* value = table.find(names[j]);
                    INFO(i, " '", names[j], "'");
                    REQUIRE((value != nullptr) == (j <= i));
                    if (value != nullptr) {
                        CHECK(*value == j);
                    }
                }
            }
        }
        CHECK(table.size() == names.size());
        CHECK(table.find("xy") == nullptr);
        CHECK(table.find(std::string(41, 'x')) == nullptr);
        table.clear();
        CHECK(table.find(names.back()) == nullptr);
        CHECK(table.size() == 0);
    }

    TEST_CASE("a drug's interaction side masks: the rules whose first or second side its ingredients meet") {
        // For every seeded drug and interaction rule, the masks' bit against the rule's sides by name.
        const rules::RuleSet& rules = test::seeded_rules();
        std::size_t set_bits = 0;
        for (const auto& entry : rules.drugs) {
            const rules::Drug& drug = entry.second;
            REQUIRE(drug.interaction_side_a.size() == (rules.interactions.size() + 63) / 64);
            REQUIRE(drug.interaction_side_b.size() == drug.interaction_side_a.size());
            for (std::size_t i = 0; i < rules.interactions.size(); ++i) {
                const rules::InteractionRule& rule = rules.interactions[i];
                const bool a = rules.drug_matches(drug, rule.a.type, rule.a.key);
                const bool b = rules.drug_matches(drug, rule.b.type, rule.b.key);
                INFO(entry.first, " ", rule.id);
                CHECK(((drug.interaction_side_a[i / 64] >> (i % 64)) & 1U) == (a ? 1U : 0U));
                CHECK(((drug.interaction_side_b[i / 64] >> (i % 64)) & 1U) == (b ? 1U : 0U));
                set_bits += (a ? 1 : 0) + (b ? 1 : 0);
            }
        }
        CHECK(set_bits > 0);
    }

    TEST_CASE("interaction side matches and group-count hits carry their ingredient's id") {
        // A case compares these ids instead of names, so each must be the id of the name beside it.
        const rules::RuleSet& rules = test::seeded_rules();
        std::size_t sides = 0;
        std::size_t counts = 0;
        for (const auto& entry : rules.drugs) {
            INFO(entry.first);
            for (const rules::SideMatch& match : entry.second.interaction_sides) {
                CHECK(match.ingredient_id != rules::k_no_id);
                CHECK(match.ingredient_id == rules.ingredient_id(match.ingredient));
                ++sides;
            }
            for (const rules::GroupCountHit& hit : entry.second.group_count_hits) {
                CHECK(hit.ingredient_id != rules::k_no_id);
                CHECK(hit.ingredient_id == rules.ingredient_id(hit.ingredient));
                ++counts;
            }
        }
        CHECK(sides > 0);
        CHECK(counts > 0);
    }
}
