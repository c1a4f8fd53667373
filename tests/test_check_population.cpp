#include "support/fixture.hpp"

#include <medcheck/check/patient_context.hpp>
#include <medcheck/check/population.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <vector>

using namespace medcheck;

namespace {

// The gate rule by rule, from an order rule's own fields: what select_order_rules's rows must equal,
// and what must never turn away a rule match_population would apply.
bool passes_gate(const rules::OrderRule& entry, const check::PatientGate& gate) {
    return (entry.condition_bit & gate.absent_conditions) == 0 &&
           (entry.range_bits & gate.outside_ranges) == 0 &&
           (entry.hepatic_grades & gate.hepatic_grade) != 0 && (entry.flags & gate.excluded) == 0;
}

// Every condition and group a seeded population names, and one no rule names.
std::vector<std::string> named(const rules::RuleSet& rules, bool groups) {
    std::vector<std::string> out{"not_a_term"};
    for (const auto& rule : rules.rules) {
        const auto& p = rule.population;
        for (const auto* name : groups ? std::vector{&p.unless_continuing_group}
                                       : std::vector{&p.condition, &p.unless_condition}) {
            if (*name && std::find(out.begin(), out.end(), **name) == out.end()) {
                out.push_back(**name);
            }
        }
    }
    return out;
}

// Patients that the gate tells apart: each named condition (or none) with no hepatic impairment, and
// each hepatic grade with none, each without age, weight or CrCl or with each inside and outside the
// seeded rules' ranges, pregnant or not.
std::vector<check::PatientContext> gate_patients(const rules::RuleSet& rules) {
    const std::vector<std::string> conditions = named(rules, false);
    const model::Hepatic grades[] = {model::Hepatic::none, model::Hepatic::mild, model::Hepatic::moderate,
                                     model::Hepatic::severe};
    const std::optional<double> ages[] = {std::nullopt, 40.0, 70.0, 80.0};
    const std::optional<double> weights[] = {std::nullopt, 45.0, 90.0};
    const std::optional<double> crcls[] = {std::nullopt, 25.0, 45.0, 100.0};
    const std::optional<double> pregnancies[] = {std::nullopt, 32.0};
    std::vector<check::PatientContext> patients;
    for (std::size_t kind = 0; kind < conditions.size() + 1 + std::size(grades); ++kind) {
        check::PatientContext patient;
        if (kind < conditions.size()) {
            patient.conditions.insert(conditions[kind]);
        } else if (kind > conditions.size()) {
            patient.hepatic = grades[kind - conditions.size() - 1];
        }
        for (const auto& age : ages) {
            for (const auto& weight : weights) {
                for (const auto& crcl : crcls) {
                    for (const auto& pregnancy : pregnancies) {
                        patient.age_years = age;
                        patient.weight_kg = weight;
                        patient.crcl_ml_min = crcl;
                        patient.pregnancy_weeks = pregnancy;
                        check::index_population_terms(rules.population_terms, patient);
                        patients.push_back(patient);
                    }
                }
            }
        }
    }
    return patients;
}

// Whether select_order_rules picks, for an order of each route of every drug (and of a route none of
// its rules names), new or continuing, exactly the rules of that route that passes_gate lets through,
// for every patient of gate_patients; the id of the first rule picked wrongly, and how many were picked.
struct Selection {
    std::string first_wrong;
    std::size_t selected = 0;
    std::size_t counted = 0; // of the rules the routes reach
};
Selection compare_selection(const rules::RuleSet& rules) {
    Selection out;
    const std::vector<check::PatientContext> patients = gate_patients(rules);
    check::OrderRuleBits bits;
    for (const auto& entry_of_drug : rules.drugs) {
        const rules::Drug& drug = entry_of_drug.second;
        for (std::size_t route = 0; route <= drug.order_rule_routes.size(); ++route) {
            const std::string route_name = route == 0 ? "not_a_route" : drug.order_rule_routes[route - 1];
            CHECK(check::order_rule_route(drug, route_name) == route);
            std::size_t reached = 0;
            for (const rules::OrderRule& entry : drug.order_rules) {
                reached += entry.route == 0 || entry.route == route ? 1 : 0;
            }
            out.counted += reached;
            if (drug.order_rule_rows.route_counts.at(route) != reached && out.first_wrong.empty()) {
                out.first_wrong = "the count of route " + route_name + " of " + drug.key;
            }
            for (const check::PatientContext& patient : patients) {
                for (const bool continuing : {false, true}) {
                    const check::PatientGate gate = check::patient_gate(patient, continuing);
                    const std::span<std::uint64_t> live = bits.words(drug.order_rule_rows.words);
                    check::select_order_rules(drug.order_rule_rows, route, gate, live);
                    std::vector<bool> picked(drug.order_rules.size(), false);
                    check::each_bit(live, [&](std::size_t i) { picked.at(i) = true; });
                    for (std::size_t i = 0; i < drug.order_rules.size(); ++i) {
                        const rules::OrderRule& entry = drug.order_rules[i];
                        const bool expected =
                            (entry.route == 0 || entry.route == route) && passes_gate(entry, gate);
                        out.selected += picked[i] ? 1 : 0;
                        if (picked[i] != expected && out.first_wrong.empty()) {
                            out.first_wrong = rules.rules[entry.rule].id + " of " + drug.key;
                        }
                    }
                }
            }
        }
    }
    return out;
}

} // namespace

TEST_SUITE("check::population") {
    TEST_CASE("term bits: the seeded populations' conditions and groups all have one; some filter nothing") {
        const rules::RuleSet& rules = test::seeded_rules();
        std::size_t named_rules = 0;
        for (const auto& rule : rules.rules) {
            const auto& p = rule.population;
            CHECK((p.condition.has_value()) == (p.condition_bit != 0));
            CHECK((p.unless_condition.has_value()) == (p.unless_condition_bit != 0));
            CHECK((p.unless_continuing_group.has_value()) == (p.unless_group_bit != 0));
            named_rules += p.condition || p.unless_condition || p.unless_continuing_group ? 1 : 0;
        }
        CHECK(named_rules > 50);
        const auto everyone = std::count_if(rules.rules.begin(), rules.rules.end(),
                                            [](const rules::Rule& rule) { return rule.population.everyone; });
        CHECK(everyone > 100);
        CHECK(everyone < static_cast<std::ptrdiff_t>(rules.rules.size()));
        CHECK(rules.population_terms.condition_bit("not_a_term") == 0);
    }

    TEST_CASE("matching by term bits decides as matching by name, for every seeded rule") {
        // Each patient has one named condition (given or derived) and one continuing group, or none;
        // every rule's population is matched with the patient's bits and by name alone.
        const rules::RuleSet& rules = test::seeded_rules();
        const std::vector<std::string> conditions = named(rules, false);
        const std::vector<std::string> groups = named(rules, true);
        std::size_t compared = 0;
        std::size_t applied = 0;
        for (std::size_t c = 0; c <= conditions.size(); ++c) {
            for (std::size_t g = 0; g <= groups.size(); ++g) {
                for (const bool derived : {false, true}) {
                    check::PatientContext by_name;
                    by_name.age_years = 70;
                    by_name.weight_kg = 70;
                    by_name.crcl_ml_min = 50;
                    if (c < conditions.size()) {
                        (derived ? by_name.derived_conditions : by_name.conditions).insert(conditions[c]);
                    }
                    if (g < groups.size()) {
                        by_name.continuing_groups.insert(groups[g]);
                    }
                    check::PatientContext by_bits = by_name;
                    check::index_population_terms(rules.population_terms, by_bits);
                    REQUIRE(by_bits.terms_indexed);
                    for (const auto& rule : rules.rules) {
                        for (const bool continuing : {false, true}) {
                            const auto name = check::match_population(rule.population, by_name, continuing);
                            const auto bits = check::match_population(rule.population, by_bits, continuing);
                            REQUIRE_MESSAGE(name.applies == bits.applies, rule.id);
                            REQUIRE_MESSAGE(name.missing == bits.missing, rule.id);
                            // A rule that filters nothing is decided without testing its filters.
                            const auto filters =
                                check::match_population_filters(rule.population, by_name, continuing);
                            REQUIRE_MESSAGE(filters.applies == name.applies, rule.id);
                            REQUIRE_MESSAGE(filters.missing == name.missing, rule.id);
                            ++compared;
                            applied += bits.applies ? 1 : 0;
                        }
                    }
                }
            }
        }
        CHECK(compared > 10000);
        CHECK(applied > 0);
        CHECK(applied < compared);
    }

    TEST_CASE("a condition added after indexing counts only once indexed again") {
        const rules::RuleSet& rules = test::seeded_rules();
        const auto with_condition =
            std::find_if(rules.rules.begin(), rules.rules.end(), [](const rules::Rule& rule) {
                const auto& p = rule.population;
                return p.condition && !p.unless_condition && !p.unless_continuing_group && !p.new_only &&
                       !p.indication && !p.hepatic_min && !p.pregnancy_min && !p.pregnancy_max &&
                       !p.age_min && !p.age_max && !p.weight_min && !p.weight_max && !p.crcl_min &&
                       !p.crcl_max;
            });
        REQUIRE(with_condition != rules.rules.end());
        check::PatientContext patient;
        check::index_population_terms(rules.population_terms, patient);
        CHECK_FALSE(check::match_population(with_condition->population, patient, false).applies);
        patient.conditions.insert(*with_condition->population.condition);
        CHECK_FALSE(
            check::match_population(with_condition->population, patient, false).applies); // stale bits
        check::index_population_terms(rules.population_terms, patient);
        CHECK(check::match_population(with_condition->population, patient, false).applies);
    }

    TEST_CASE("past 64 names a population's condition has no bit and is matched by name") {
        // 70 rules, each for a condition of its own: the first 64 names get bits, the rest none.
        rules::RuleSet set;
        for (int i = 0; i < 70; ++i) {
            rules::Rule rule;
            rule.id = "test.condition." + std::to_string(i);
            rule.population.condition = "condition_" + std::to_string(i);
            set.rules.push_back(rule);
        }
        set.build_indexes();
        CHECK(set.population_terms.conditions.size() == 64);
        CHECK(set.rules[63].population.condition_bit == std::uint64_t{1} << 63);
        CHECK(set.rules[64].population.condition_bit == 0);
        for (const int given : {3, 63, 64, 69}) {
            check::PatientContext patient;
            patient.conditions.insert("condition_" + std::to_string(given));
            check::index_population_terms(set.population_terms, patient);
            for (int i = 0; i < 70; ++i) {
                INFO("rule " << i << ", condition " << given);
                CHECK(
                    check::match_population(set.rules[static_cast<std::size_t>(i)].population, patient, false)
                        .applies == (i == given));
            }
        }
    }

    TEST_CASE("a drug's order rules: its per-order rules of its release, each with its route's place") {
        const rules::RuleSet& rules = test::seeded_rules();
        std::size_t released_away = 0;
        std::size_t routed = 0;
        for (const auto& entry_of_drug : rules.drugs) {
            const std::string& key = entry_of_drug.first;
            const rules::Drug& drug = entry_of_drug.second;
            std::vector<std::size_t> expected;
            for (const std::size_t i : drug.rule_indexes) {
                const rules::Rule& rule = rules.rules[i];
                if (!rule.release || *rule.release == drug.release) {
                    expected.push_back(i);
                }
            }
            released_away += drug.rule_indexes.size() - expected.size();
            REQUIRE_MESSAGE(drug.order_rules.size() == expected.size(), key);
            for (std::size_t k = 0; k < expected.size(); ++k) {
                const rules::OrderRule& entry = drug.order_rules[k];
                const rules::Rule& rule = rules.rules[entry.rule];
                CHECK_MESSAGE(entry.rule == expected[k], key);
                if (rule.route) {
                    REQUIRE_MESSAGE(entry.route != 0, rule.id);
                    CHECK_MESSAGE(drug.order_rule_routes.at(entry.route - 1U) == *rule.route, rule.id);
                    ++routed;
                } else {
                    CHECK_MESSAGE(entry.route == 0, rule.id);
                }
            }
        }
        CHECK(released_away > 0);
        CHECK(routed > 0);
    }

    TEST_CASE("the gate turns away only rules that do not apply for a reason other than a missing factor") {
        // Every seeded per-order rule against patients of each named condition and each hepatic grade,
        // pregnant or not, without age, weight or CrCl or with each inside and outside the rules' ranges,
        // for new and continuing orders.
        const rules::RuleSet& rules = test::seeded_rules();
        std::vector<const rules::OrderRule*> entries(rules.rules.size(), nullptr);
        for (const auto& entry_of_drug : rules.drugs) {
            for (const rules::OrderRule& entry : entry_of_drug.second.order_rules) {
                entries[entry.rule] = &entry;
            }
        }
        std::size_t passed = 0;
        std::size_t turned_away = 0;
        std::size_t wrongly = 0;
        std::string first_wrong;
        for (const check::PatientContext& patient : gate_patients(rules)) {
            for (const bool continuing : {false, true}) {
                const check::PatientGate gate = check::patient_gate(patient, continuing);
                for (std::size_t i = 0; i < entries.size(); ++i) {
                    if (entries[i] == nullptr) {
                        continue;
                    }
                    if (passes_gate(*entries[i], gate)) {
                        ++passed;
                        continue;
                    }
                    ++turned_away;
                    const auto match =
                        check::match_population(rules.rules[i].population, patient, continuing);
                    if (match.applies || match.missing == check::MissingFactor::crcl ||
                        match.missing == check::MissingFactor::weight) {
                        first_wrong = wrongly == 0 ? rules.rules[i].id : first_wrong;
                        ++wrongly;
                    }
                }
            }
        }
        CHECK_MESSAGE(wrongly == 0, first_wrong);
        CHECK(turned_away > 0);
        CHECK(passed > 0);
    }

    TEST_CASE("the order rules' rows select what the route and gate let through, rule by rule") {
        const Selection seeded = compare_selection(test::seeded_rules());
        CHECK_MESSAGE(seeded.first_wrong.empty(), seeded.first_wrong);
        CHECK(seeded.selected > 0);
        CHECK(seeded.counted > 0);

        // A drug of 100 rules (two words of bits), on two routes, with conditions, ranges, hepatic bands,
        // new starts and pregnancy among them.
        rules::RuleSet set;
        rules::Drug drug;
        drug.key = "test_drug";
        drug.components.push_back({"test_ingredient", 1, rules::k_no_id});
        set.drugs.emplace(drug.key, drug);
        for (int i = 0; i < 100; ++i) {
            rules::Rule rule;
            rule.id = "test.rule." + std::to_string(i);
            rule.target = drug.key;
            if (i % 3 != 2) {
                rule.route = i % 3 == 0 ? "oral" : "iv";
            }
            rules::Population& p = rule.population;
            if (i % 4 == 1) {
                p.condition = "condition_" + std::to_string(i % 7);
            }
            if (i % 5 == 2) {
                p.age_min = 65;
            }
            if (i % 6 == 3) {
                p.crcl_max = 30;
            }
            if (i % 7 == 4) {
                p.hepatic_min = model::Hepatic::moderate;
                p.hepatic_max = model::Hepatic::severe;
            }
            p.new_only = i % 8 == 5;
            if (i % 9 == 6) {
                p.pregnancy_min = 20;
            }
            set.rules.push_back(rule);
        }
        set.build_indexes();
        const rules::Drug& indexed = set.drugs.at(drug.key);
        REQUIRE(indexed.order_rules.size() == 100);
        CHECK(indexed.order_rule_rows.words == 2);
        const Selection synthetic = compare_selection(set);
        CHECK_MESSAGE(synthetic.first_wrong.empty(), synthetic.first_wrong);
        CHECK(synthetic.selected > 0);
    }
}
