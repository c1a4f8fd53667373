#include <medcheck/rules/rule_set.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace medcheck::rules {

std::string_view to_string(Release release) {
    static constexpr std::array<std::string_view, 3> k_names{"ir", "er", "patch"};
    return k_names[static_cast<std::size_t>(release)];
}

std::string_view to_string(Measure measure) {
    static constexpr std::array<std::string_view, 10> k_names{
        "single_mg",     "daily_mg",      "cumulative_daily_mg", "single_mg_per_kg", "daily_mg_per_kg",
        "doses_per_day", "duration_days", "rate_mcg_h",          "units_per_day",    "units_per_dose"};
    return k_names[static_cast<std::size_t>(measure)];
}

bool adds_up(Measure measure) {
    return measure == Measure::daily_mg || measure == Measure::daily_mg_per_kg ||
           measure == Measure::doses_per_day || measure == Measure::units_per_day ||
           measure == Measure::rate_mcg_h;
}

const Drug* RuleSet::find_drug(const std::string& key) const {
    const auto it = drugs.find(key);
    return it == drugs.end() ? nullptr : &it->second;
}

bool RuleSet::ingredient_in(const std::string& ingredient, TargetType type, const std::string& key) const {
    if (type == TargetType::ingredient) {
        return ingredient == key;
    }
    if (type != TargetType::group) {
        return false;
    }
    const auto it = ingredients.find(ingredient);
    return it != ingredients.end() &&
           std::binary_search(it->second.groups.begin(), it->second.groups.end(), key);
}

namespace {

std::uint32_t id_of(const NameTable<std::uint32_t>& ids, std::string_view key) {
    const std::uint32_t* id = ids.find(key);
    return id == nullptr ? k_no_id : *id;
}

} // namespace

std::uint32_t RuleSet::ingredient_id(std::string_view key) const {
    return id_of(ingredient_ids, key);
}

std::uint32_t RuleSet::group_id(std::string_view key) const {
    return id_of(group_ids, key);
}

std::uint32_t RuleSet::target_id(TargetType type, std::string_view key) const {
    switch (type) {
    case TargetType::ingredient:
        return ingredient_id(key);
    case TargetType::group:
        return group_id(key);
    case TargetType::drug:
        break;
    }
    return k_no_id;
}

const MmeFactor* RuleSet::mme_factor(const std::string& ingredient) const {
    if (mme_index.size() == mme_factors.size()) {
        return mme_factor(ingredient_id(ingredient));
    }
    const auto it = mme_factors.find(ingredient); // not indexed yet
    return it == mme_factors.end() ? nullptr : &it->second;
}

bool RuleSet::known_condition(std::string_view condition) const {
    if (m_conditions.size() == conditions.size()) {
        return m_conditions.find(condition) != nullptr;
    }
    return conditions.count(std::string(condition)) != 0; // not indexed yet
}

bool RuleSet::drug_matches(const Drug& drug, TargetType type, const std::string& key) const {
    if (type == TargetType::drug) {
        return drug.key == key;
    }
    return std::any_of(drug.components.begin(), drug.components.end(),
                       [&](const DrugComponent& c) { return ingredient_in(c.ingredient, type, key); });
}

bool RuleSet::drug_matches(const Drug& drug, TargetType type, std::uint32_t target) const {
    return std::any_of(drug.components.begin(), drug.components.end(),
                       [&](const DrugComponent& c) { return ingredient_in(c.ingredient_id, type, target); });
}

namespace {

std::uint64_t bit_of(const NameTable<std::uint64_t>& bits, std::string_view name) {
    const std::uint64_t* bit = bits.find(name);
    return bit == nullptr ? 0 : *bit;
}

} // namespace

std::uint64_t PopulationTerms::condition_bit(std::string_view name) const {
    return bit_of(m_condition_bits, name);
}

std::uint64_t PopulationTerms::group_bit(std::string_view name) const {
    return bit_of(m_group_bits, name);
}

void PopulationTerms::index() {
    for (auto [names, bits] :
         {std::pair{&conditions, &m_condition_bits}, std::pair{&groups, &m_group_bits}}) {
        bits->clear();
        for (std::size_t i = 0; i < names->size(); ++i) {
            bits->insert((*names)[i], std::uint64_t{1} << i);
        }
    }
    for (std::size_t f = 0; f < m_factors.size(); ++f) {
        FactorRanges& table = m_factors[f];
        table = {};
        for (const Range& range : ranges) {
            if (static_cast<std::size_t>(range.factor) == f) {
                for (const auto& end : {range.min, range.max}) {
                    if (end) {
                        table.ends.push_back(*end);
                    }
                }
            }
        }
        std::sort(table.ends.begin(), table.ends.end());
        table.ends.erase(std::unique(table.ends.begin(), table.ends.end()), table.ends.end());
        // A stretch's values are in a range exactly when its lowest is (the ranges end at the ends).
        for (std::size_t stretch = 0; stretch <= table.ends.size(); ++stretch) {
            const double lowest =
                stretch == 0 ? -std::numeric_limits<double>::infinity() : table.ends[stretch - 1];
            std::uint32_t held = 0;
            for (std::size_t i = 0; i < ranges.size(); ++i) {
                const Range& range = ranges[i];
                if (static_cast<std::size_t>(range.factor) == f &&
                    !((range.min && lowest < *range.min) || (range.max && lowest >= *range.max))) {
                    held |= std::uint32_t{1} << i;
                }
            }
            table.held.push_back(held);
        }
        for (std::size_t i = 0; i < ranges.size(); ++i) {
            table.all |= static_cast<std::size_t>(ranges[i].factor) == f ? std::uint32_t{1} << i : 0U;
        }
    }
}

namespace {

// The bit of `name` in `names`, added when new and there is room; 0 when there is none.
std::uint64_t term_bit(std::vector<std::string>& names, const std::optional<std::string>& name) {
    constexpr std::size_t k_max_terms = 64;
    if (!name) {
        return 0;
    }
    if (const auto at = std::find(names.begin(), names.end(), *name); at != names.end()) {
        return std::uint64_t{1} << static_cast<unsigned>(at - names.begin());
    }
    if (names.size() == k_max_terms) {
        return 0;
    }
    names.push_back(*name);
    return std::uint64_t{1} << (names.size() - 1);
}

// The bit of a range in `ranges`, added when new and there is room; 0 when it has none or there is none.
std::uint32_t range_bit(std::vector<PopulationTerms::Range>& ranges, PopulationTerms::Factor factor,
                        const std::optional<double>& min, const std::optional<double>& max) {
    constexpr std::size_t k_max_ranges = 32;
    if (!min && !max) {
        return 0;
    }
    const PopulationTerms::Range range{factor, min, max};
    const auto at = std::find(ranges.begin(), ranges.end(), range);
    if (at != ranges.end()) {
        return std::uint32_t{1} << static_cast<unsigned>(at - ranges.begin());
    }
    if (ranges.size() == k_max_ranges) {
        return 0;
    }
    ranges.push_back(range);
    return std::uint32_t{1} << (ranges.size() - 1);
}

// Whether a population filters nothing: it equals one without filters once the fields derived from
// its filters are left out, so a filter added to Population later cannot be missed here.
bool filters_nothing(const Population& population) {
    Population filters = population;
    filters.condition_bit = 0;
    filters.unless_condition_bit = 0;
    filters.unless_group_bit = 0;
    filters.everyone = false;
    filters.named = Population{}.named;
    return filters == Population{};
}

} // namespace

void RuleSet::index_ids() {
    ingredient_ids.clear();
    group_ids.clear();
    // The name's id, the next one when it has none yet.
    const auto add = [](NameTable<std::uint32_t>& ids, const std::string& key) {
        ids.insert(key, static_cast<std::uint32_t>(ids.size()));
        return *ids.find(key);
    };
    for (const auto& entry : groups) {
        add(group_ids, entry.first);
    }
    for (const auto& entry : ingredients) {
        add(ingredient_ids, entry.first);
        for (const std::string& group : entry.second.groups) {
            add(group_ids, group);
        }
    }
    for (auto& entry : drugs) {
        for (DrugComponent& component : entry.second.components) {
            component.ingredient_id = add(ingredient_ids, component.ingredient);
        }
    }
    for (const auto& entry : mme_factors) {
        add(ingredient_ids, entry.first);
    }
    m_group_words = (group_ids.size() + 63) / 64;
    m_ingredient_groups.assign(ingredient_ids.size() * m_group_words, 0);
    for (const auto& [key, ingredient] : ingredients) {
        const std::size_t row = ingredient_id(key) * m_group_words;
        for (const std::string& group : ingredient.groups) {
            const std::uint32_t id = group_id(group);
            m_ingredient_groups[row + id / 64] |= std::uint64_t{1} << (id % 64);
        }
    }
    mme_index.assign(mme_factors.begin(), mme_factors.end());
    m_ingredient_mme.assign(ingredient_ids.size(), k_no_id);
    for (std::size_t row = 0; row < mme_index.size(); ++row) {
        m_ingredient_mme[ingredient_id(mme_index[row].first)] = static_cast<std::uint32_t>(row);
    }
    m_conditions.clear();
    for (const std::string& condition : conditions) {
        m_conditions.insert(condition, true);
    }
}

void RuleSet::build_indexes() {
    population_terms = {};
    index_ids();
    for (Rule& rule : rules) {
        rule.target_id = target_id(rule.target_type, rule.target);
        Population& population = rule.population;
        population.condition_bit = term_bit(population_terms.conditions, population.condition);
        population.unless_condition_bit = term_bit(population_terms.conditions, population.unless_condition);
        population.unless_group_bit = term_bit(population_terms.groups, population.unless_continuing_group);
        population.everyone = filters_nothing(population);
        population.named = static_cast<std::uint8_t>(
            (population.condition ? Population::k_named_condition : 0) |
            (population.indication ? Population::k_named_indication : 0) |
            (population.unless_condition ? Population::k_named_unless_condition : 0) |
            (population.unless_continuing_group ? Population::k_named_unless_group : 0));
        rule.start_dose = rule.kind == "start_dose";
    }
    TargetIds targets;
    for (const FirstLineRule& rule : first_line) {
        targets.first_line.push_back(group_id(rule.group));
    }
    for (const GroupCountRule& rule : group_counts) {
        targets.group_counts.push_back(group_id(rule.group));
    }
    for (const InteractionRule& rule : interactions) {
        targets.sides.push_back(target_id(rule.a.type, rule.a.key));
        targets.sides.push_back(target_id(rule.b.type, rule.b.key));
        targets.sides.push_back(rule.c ? target_id(rule.c->type, rule.c->key) : k_no_id);
    }
    for (auto& entry : drugs) {
        index_drug(entry.second, targets);
    }
    population_terms.index();
}

void RuleSet::index_drug(Drug& drug, const TargetIds& targets) {
    drug.rule_indexes.clear();
    drug.summed_indexes.clear();
    drug.cumulative_indexes.clear();
    drug.first_line_indexes.clear();
    for (std::size_t i = 0; i < first_line.size(); ++i) {
        if (drug_matches(drug, TargetType::group, targets.first_line[i])) {
            drug.first_line_indexes.push_back(i);
        }
    }
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const Rule& rule = rules[i];
        if (rule.target_type == TargetType::drug ? drug.key != rule.target
                                                 : !drug_matches(drug, rule.target_type, rule.target_id)) {
            continue;
        }
        // Cumulative rules are evaluated across orders, the others per order.
        (rule.measure == Measure::cumulative_daily_mg ? drug.cumulative_indexes : drug.rule_indexes)
            .push_back(i);
        if (rule.measure && adds_up(*rule.measure)) {
            drug.summed_indexes.push_back(i);
        }
    }
    index_order_rules(drug);
    index_drug_interactions(drug, targets);
    drug.dose_rules = uses_dose(drug);
}

void RuleSet::index_order_rules(Drug& drug) {
    drug.order_rules.clear();
    drug.order_rule_routes.clear();
    for (const std::size_t i : drug.rule_indexes) {
        const Rule& rule = rules[i];
        if (rule.release && *rule.release != drug.release) {
            continue; // never an order of this drug
        }
        OrderRule entry;
        entry.rule = static_cast<std::uint32_t>(i);
        if (rule.route) {
            auto at = std::find(drug.order_rule_routes.begin(), drug.order_rule_routes.end(), *rule.route);
            if (at == drug.order_rule_routes.end()) {
                if (drug.order_rule_routes.size() == 0xFFFE) {
                    throw std::length_error("a drug's rules name more routes than OrderRule::route holds");
                }
                at = drug.order_rule_routes.insert(at, *rule.route);
            }
            entry.route = static_cast<std::uint16_t>(1 + (at - drug.order_rule_routes.begin()));
        }
        const Population& population = rule.population;
        const bool summed =
            rule.measure && adds_up(*rule.measure) && *rule.measure != Measure::daily_mg_per_kg;
        entry.flags = static_cast<std::uint8_t>(
            (summed ? OrderRule::k_summed : 0) |
            (population.crcl_min || population.crcl_max ? OrderRule::k_crcl_band : 0) |
            (population.weight_min || population.weight_max ? OrderRule::k_weight_band : 0) |
            (population.new_only ? OrderRule::k_new_only : 0) |
            (population.pregnancy_min || population.pregnancy_max ? OrderRule::k_pregnancy : 0));
        if ((population.named & Population::k_named_condition) != 0 && population.condition) {
            entry.condition_bit = population.condition_bit;
        }
        using Factor = PopulationTerms::Factor;
        std::vector<PopulationTerms::Range>& ranges = population_terms.ranges;
        entry.range_bits = range_bit(ranges, Factor::age, population.age_min, population.age_max) |
                           range_bit(ranges, Factor::weight, population.weight_min, population.weight_max) |
                           range_bit(ranges, Factor::crcl, population.crcl_min, population.crcl_max);
        if (population.hepatic_min && population.hepatic_max) {
            entry.hepatic_grades = 0;
            for (unsigned grade = 0; grade < 8; ++grade) {
                const auto hepatic = static_cast<model::Hepatic>(grade);
                if (!(hepatic < *population.hepatic_min || hepatic > *population.hepatic_max)) {
                    entry.hepatic_grades = static_cast<std::uint8_t>(entry.hepatic_grades | (1U << grade));
                }
            }
        }
        drug.order_rules.push_back(entry);
    }
    index_order_rule_rows(drug);
}

void RuleSet::index_order_rule_rows(Drug& drug) const {
    OrderRuleRows& rows = drug.order_rule_rows;
    rows = {};
    const std::size_t words = (drug.order_rules.size() + 63) / 64;
    const std::size_t route_rows = 1 + drug.order_rule_routes.size();
    rows.words = words;
    rows.by_route.assign(route_rows * words, 0);
    rows.route_counts.assign(route_rows, 0);
    for (std::vector<std::uint64_t>* row : {&rows.summed, &rows.crcl_band, &rows.weight_band, &rows.new_only,
                                            &rows.pregnancy, &rows.adds_up, &rows.need_condition}) {
        row->assign(words, 0);
    }
    rows.by_condition.assign(64 * words, 0);
    rows.by_range.assign(32 * words, 0);
    rows.hepatic_out.assign(8 * words, 0);
    // Rule i's bit in row `row` of `table`.
    const auto set = [words](std::vector<std::uint64_t>& table, std::size_t row, std::size_t i) {
        table[row * words + i / 64] |= std::uint64_t{1} << (i % 64);
    };
    for (std::size_t i = 0; i < drug.order_rules.size(); ++i) {
        const OrderRule& entry = drug.order_rules[i];
        for (std::size_t route = 0; route < route_rows; ++route) {
            if (entry.route == 0 || entry.route == route) {
                set(rows.by_route, route, i);
                ++rows.route_counts[route];
            }
        }
        const std::pair<std::uint8_t, std::vector<std::uint64_t>*> flag_rows[] = {
            {OrderRule::k_summed, &rows.summed},
            {OrderRule::k_crcl_band, &rows.crcl_band},
            {OrderRule::k_weight_band, &rows.weight_band},
            {OrderRule::k_new_only, &rows.new_only},
            {OrderRule::k_pregnancy, &rows.pregnancy}};
        for (const auto& [flag, row] : flag_rows) {
            if ((entry.flags & flag) != 0) {
                set(*row, 0, i);
            }
        }
        const std::optional<Measure>& measure = rules[entry.rule].measure;
        if (measure && adds_up(*measure)) {
            set(rows.adds_up, 0, i);
        }
        if (entry.condition_bit != 0) {
            rows.conditions |= entry.condition_bit;
            set(rows.need_condition, 0, i);
            set(rows.by_condition, static_cast<std::size_t>(std::countr_zero(entry.condition_bit)), i);
        }
        rows.ranges |= entry.range_bits;
        for (unsigned bit = 0; bit < 32; ++bit) {
            if (((entry.range_bits >> bit) & 1U) != 0) {
                set(rows.by_range, bit, i);
            }
        }
        for (unsigned grade = 0; grade < 8; ++grade) {
            if (((entry.hepatic_grades >> grade) & 1U) == 0) {
                set(rows.hepatic_out, grade, i);
            }
        }
    }
}

void RuleSet::index_drug_interactions(Drug& drug, const TargetIds& targets) {
    drug.interaction_sides.clear();
    drug.group_count_hits.clear();
    for (const DrugComponent& c : drug.components) {
        for (std::size_t i = 0; i < interactions.size(); ++i) {
            const InteractionRule& rule = interactions[i];
            const InteractionSide* sides[3] = {&rule.a, &rule.b, rule.c ? &*rule.c : nullptr};
            for (int side = 0; side < 3; ++side) {
                if (sides[side] != nullptr &&
                    ingredient_in(c.ingredient_id, sides[side]->type,
                                  targets.sides[i * 3 + static_cast<std::size_t>(side)])) {
                    drug.interaction_sides.push_back({i, side, c.ingredient, c.ingredient_id});
                }
            }
        }
        for (std::size_t i = 0; i < group_counts.size(); ++i) {
            if (ingredient_in(c.ingredient_id, TargetType::group, targets.group_counts[i])) {
                drug.group_count_hits.push_back({i, c.ingredient, c.ingredient_id});
            }
        }
    }
    // By rule, then side (components in order within each): a case merges its orders' lists.
    std::stable_sort(drug.interaction_sides.begin(), drug.interaction_sides.end(),
                     [](const SideMatch& x, const SideMatch& y) {
                         return std::tie(x.rule, x.side) < std::tie(y.rule, y.side);
                     });
    std::stable_sort(drug.group_count_hits.begin(), drug.group_count_hits.end(),
                     [](const GroupCountHit& x, const GroupCountHit& y) { return x.rule < y.rule; });
    // The masks: a rule's bit in `self` when a second, different ingredient of the drug touches it.
    const auto masks = [](std::size_t count, RuleMask& touch, RuleMask& self, auto&& each_hit) {
        touch.assign((count + 63) / 64, 0);
        self.assign(touch.size(), 0);
        std::vector<const std::string*> first(count, nullptr); // the first ingredient touching each rule
        each_hit([&](std::size_t rule, const std::string& ingredient) {
            touch[rule / 64] |= std::uint64_t{1} << (rule % 64);
            if (first[rule] == nullptr) {
                first[rule] = &ingredient;
            } else if (*first[rule] != ingredient) {
                self[rule / 64] |= std::uint64_t{1} << (rule % 64);
            }
        });
    };
    drug.interaction_side_a.assign((interactions.size() + 63) / 64, 0);
    drug.interaction_side_b.assign(drug.interaction_side_a.size(), 0);
    for (const SideMatch& match : drug.interaction_sides) {
        if (match.side < 2) {
            (match.side == 0 ? drug.interaction_side_a : drug.interaction_side_b)[match.rule / 64] |=
                std::uint64_t{1} << (match.rule % 64);
        }
    }
    masks(interactions.size(), drug.interaction_touch, drug.interaction_self, [&](auto&& hit) {
        for (const SideMatch& match : drug.interaction_sides) {
            hit(match.rule, match.ingredient);
        }
    });
    masks(group_counts.size(), drug.group_count_touch, drug.group_count_self, [&](auto&& hit) {
        for (const GroupCountHit& entry : drug.group_count_hits) {
            hit(entry.rule, entry.ingredient);
        }
    });
}

bool RuleSet::uses_dose(const Drug& drug) const {
    const auto measured = [&](std::size_t i) { return rules[i].measure.has_value(); };
    const auto dose_threshold = [&](const SideMatch& match) {
        const InteractionRule& rule = interactions[match.rule];
        const InteractionSide& side = match.side == 0 ? rule.a : match.side == 1 ? rule.b : *rule.c;
        return side.max_daily_mg || side.above_daily_mg;
    };
    const auto has_mme = [&](const DrugComponent& c) { return mme_factor(c.ingredient_id) != nullptr; };
    return std::any_of(drug.rule_indexes.begin(), drug.rule_indexes.end(), measured) ||
           !drug.cumulative_indexes.empty() ||
           std::any_of(drug.interaction_sides.begin(), drug.interaction_sides.end(), dose_threshold) ||
           std::any_of(drug.components.begin(), drug.components.end(), has_mme);
}

} // namespace medcheck::rules
