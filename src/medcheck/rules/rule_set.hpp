#pragma once

#include <medcheck/model/case.hpp>
#include <medcheck/model/severity.hpp>
#include <medcheck/util/words.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace medcheck::rules {

enum class Release { ir, er, patch };
enum class DoseBasis { mass, rate, unit };
enum class TargetType { drug, ingredient, group };

// The quantity a dose rule compares with its limit.
enum class Measure {
    single_mg,           // ingredient mg per administration
    daily_mg,            // ingredient mg per day, one order
    cumulative_daily_mg, // ingredient mg per day summed over every order that contains it
    single_mg_per_kg,
    daily_mg_per_kg,
    doses_per_day,
    duration_days,
    rate_mcg_h,
    units_per_day,  // tablets/capsules/patches of a product per day
    units_per_dose, // tablets/capsules of a product per administration
};

std::string_view to_string(Release release);
std::string_view to_string(Measure measure);

// Whether a measure is a per-day (or, for patches, continuous) amount that concurrent orders add to:
// daily mg, daily mg/kg, doses per day, tablets per day, patch mcg/h. Single doses, tablets per dose
// and durations stay per order.
bool adds_up(Measure measure);

// Names with a value each, looked up by std::string_view for every patient (its conditions and
// continuing groups): open addressing over a power of two of slots, at least twice the names, the first
// slot from a hash of the name's size and first and last eight bytes, the name compared in words, all
// inline (absl's flat_hash_map measured about as many instructions as a linear search of two dozen
// names).
template <typename Value> class NameTable {
  public:
    // The value of `name`, or null when the table does not have it.
    const Value* find(std::string_view name) const {
        if (m_slots.empty()) {
            return nullptr;
        }
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = first_slot(name, mask);; i = (i + 1) & mask) {
            if (m_slots[i] == 0) {
                return nullptr;
            }
            const Entry& entry = m_entries[m_slots[i] - 1];
            if (util::same_words(entry.name, name)) {
                return &entry.value;
            }
        }
    }
    // Adds `name` with `value`; false, and nothing changed, when the table has it.
    bool insert(std::string_view name, Value value) {
        if (find(name) != nullptr) {
            return false;
        }
        m_entries.push_back({std::string(name), value});
        if (2 * m_entries.size() <= m_slots.size()) {
            place(m_entries.size() - 1);
            return true;
        }
        constexpr std::size_t k_min_slots = 16;
        m_slots.assign(std::max(k_min_slots, 2 * m_slots.size()), 0);
        for (std::size_t i = 0; i < m_entries.size(); ++i) {
            place(i);
        }
        return true;
    }
    std::size_t size() const { return m_entries.size(); }
    void clear() {
        m_entries.clear();
        m_slots.clear();
    }

  private:
    struct Entry {
        std::string name;
        Value value;
    };
    static std::size_t first_slot(std::string_view name, std::size_t mask) {
        util::WordHash hash(name.size());
        if (name.size() >= 8) {
            hash.add(util::load_word<std::uint64_t>(name.data()));
            hash.add(util::load_word<std::uint64_t>(name.data() + name.size() - 8));
        } else {
            hash.add_words(name); // one word
        }
        return static_cast<std::size_t>(hash.value()) & mask;
    }
    void place(std::size_t entry) {
        const std::size_t mask = m_slots.size() - 1;
        std::size_t i = first_slot(m_entries[entry].name, mask);
        while (m_slots[i] != 0) {
            i = (i + 1) & mask;
        }
        m_slots[i] = static_cast<std::uint32_t>(entry + 1);
    }

    std::vector<Entry> m_entries;       // in the order added
    std::vector<std::uint32_t> m_slots; // 1 + the index of an entry, 0 for none
};

// The id of an ingredient or group (RuleSet::build_indexes), or of a rule's target: none for a name the
// rule set has no id for, which matches nothing.
inline constexpr std::uint32_t k_no_id = 0xFFFFFFFF;

struct Ingredient {
    std::string key;
    std::string display_name;
    std::string rxcui;
    bool rxcui_verified = false;
    std::vector<std::string> groups; // classes and flags, sorted
};

struct DrugComponent {
    std::string ingredient;
    double amount = 1; // mass drugs: ingredient mg per written mg; unit drugs: mg per unit
    std::uint32_t ingredient_id = k_no_id; // RuleSet::ingredient_ids (build_indexes)
};

// One side of an interaction rule that a drug's ingredient matches (index filled at load time).
struct SideMatch {
    std::size_t rule = 0; // index into RuleSet::interactions
    int side = 0;         // 0 = a, 1 = b, 2 = c
    std::string ingredient;
    std::uint32_t ingredient_id = k_no_id; // RuleSet::ingredient_ids: a case compares ids, not names
};

// An ingredient of a drug that counts toward a group-count rule (index filled at load time).
struct GroupCountHit {
    std::size_t rule = 0; // index into RuleSet::group_counts
    std::string ingredient;
    std::uint32_t ingredient_id = k_no_id; // RuleSet::ingredient_ids
};

// A per-order rule of a drug as an order is checked against it (RuleSet::build_indexes): its index and,
// copied out of the rule, what decides whether an order and patient can reach it, so that most of a
// drug's rules are passed over for most orders without reading them.
struct OrderRule {
    // The term bit of a condition the population needs; 0 when it needs none, or the name has no bit.
    std::uint64_t condition_bit = 0;
    std::uint32_t rule = 0; // into RuleSet::rules
    // The bits of its population's age, weight and CrCl ranges in RuleSet::population_terms: a patient
    // outside one of them (or, for age, without one) is not in it.
    std::uint32_t range_bits = 0;
    std::uint16_t route = 0; // 0: any route; else 1 + the index of its route in Drug::order_rule_routes
    std::uint8_t flags = 0;  // k_*
    // A bit (1 << grade) for each model::Hepatic grade its population admits: all when it has no
    // hepatic filter.
    std::uint8_t hepatic_grades = 0xFF;

    static constexpr std::uint8_t k_summed = 1;      // a measure that adds up over orders, not per kg
    static constexpr std::uint8_t k_crcl_band = 2;   // its population has a CrCl range
    static constexpr std::uint8_t k_weight_band = 4; // its population has a weight range
    static constexpr std::uint8_t k_new_only = 8;    // new starts only
    static constexpr std::uint8_t k_pregnancy = 16;  // a pregnancy range: never a patient not pregnant
};

// A set of rules by index, one bit each.
using RuleMask = std::vector<std::uint64_t>;

// A drug's order rules as rows of bits, bit i for Drug::order_rules[i] (64 a word, `words` words a row),
// built from their OrderRule fields (RuleSet::build_indexes): an order takes its route's row and, by
// the few terms its patient has or lacks, clears or keeps whole rows, so the rules that cannot apply
// are passed over without being read one by one.
struct OrderRuleRows {
    std::size_t words = 0;
    // Row r: the rules an order reaches whose route is r (OrderRule::route: 0 for a route none names),
    // and how many they are.
    std::vector<std::uint64_t> by_route;
    std::vector<std::uint32_t> route_counts;
    // Rows: the rules flagged k_summed, k_crcl_band, k_weight_band, k_new_only and k_pregnancy, and
    // those whose measure adds up (daily mg/kg too: evaluate_daily_totals sums it).
    std::vector<std::uint64_t> summed, crcl_band, weight_band, new_only, pregnancy, adds_up;
    // The condition bits (OrderRule::condition_bit) its rules need, the row of the rules that need one,
    // and row c (64 rows) those that need bit c.
    std::uint64_t conditions = 0;
    std::vector<std::uint64_t> need_condition, by_condition;
    // The range bits its rules have, and row r (32 rows) the rules that have bit r.
    std::uint32_t ranges = 0;
    std::vector<std::uint64_t> by_range;
    // Row g (8 rows): the rules whose population does not admit hepatic grade g.
    std::vector<std::uint64_t> hepatic_out;
};

// A formulation or product that an order can name.
struct Drug {
    std::string key;
    std::string display_name;
    Release release = Release::ir;
    DoseBasis basis = DoseBasis::mass;
    std::vector<DrugComponent> components;
    std::vector<std::string> routes; // sorted
    std::string default_route;

    // Filled by RuleSet::build_indexes, so checking an order needs no string matching of groups.
    std::vector<std::size_t> rule_indexes;       // per-order rules (into RuleSet::rules)
    std::vector<OrderRule> order_rules;          // those of its release, in the same order
    std::vector<std::string> order_rule_routes;  // the routes they name, each once
    OrderRuleRows order_rule_rows;               // the same as bits
    std::vector<std::size_t> summed_indexes;     // those of them whose measure adds up over orders
    std::vector<std::size_t> cumulative_indexes; // cumulative rules on one of its ingredients
    std::vector<SideMatch> interaction_sides;
    std::vector<GroupCountHit> group_count_hits;
    std::vector<std::size_t> first_line_indexes; // first-line rules whose group it is in, ascending
    // Bit masks (64 rules a word) over RuleSet::interactions and RuleSet::group_counts: the rules its
    // ingredients touch, and those two different ingredients of its own touch. A rule across orders
    // needs two orders, or one order of two of its ingredients, so a case skips the others unread.
    RuleMask interaction_touch, interaction_self, group_count_touch, group_count_self;
    // The interaction rules whose first side, and those whose second side, one of its ingredients meets.
    RuleMask interaction_side_a, interaction_side_b;
    // Some rule reads its dose: a measured rule, a cumulative sum, an interaction side with a dose
    // threshold or an MME factor. Without one (an interaction partner such as lisinopril), a missing
    // dose, unit or frequency, or a route without rules, is no finding (contract decision 16).
    bool dose_rules = false;
};

// Whom a rule is about. Ranges are half-open [min, max); hepatic range is inclusive. What every order's
// every rule reads comes first, the names after them: matching a population then reads two or three
// cache lines, not seven.
struct Population {
    // No filter at all, so every patient and order is in it (build_indexes; false until then, which
    // only costs the full test).
    bool everyone = false;
    bool new_only = false;
    // Which names below are set (k_named_*; build_indexes): the rest are not read. All bits until
    // then, so every name is looked at.
    std::uint8_t named = 0xFF;
    std::optional<model::Hepatic> hepatic_min, hepatic_max;
    std::optional<double> age_min, age_max;
    std::optional<double> weight_min, weight_max;
    std::optional<double> crcl_min, crcl_max;
    std::optional<double> pregnancy_min, pregnancy_max;
    // The bits of condition, unless_condition and unless_continuing_group in RuleSet::population_terms
    // (build_indexes); 0 when the name has none, and then it is matched by name.
    std::uint64_t condition_bit = 0;
    std::uint64_t unless_condition_bit = 0;
    std::uint64_t unless_group_bit = 0;
    std::optional<std::string> condition;
    std::optional<std::string> indication;              // only for this indication
    std::optional<std::string> unless_condition;        // not when the patient has this condition
    std::optional<std::string> unless_continuing_group; // not when a continuing order of this group exists

    static constexpr std::uint8_t k_named_condition = 1;
    static constexpr std::uint8_t k_named_indication = 2;
    static constexpr std::uint8_t k_named_unless_condition = 4;
    static constexpr std::uint8_t k_named_unless_group = 8;

    bool operator==(const Population&) const = default;
};

// Names that rule populations test, a bit each (at most 64 of each kind; the rest keep no bit and are
// matched by name): a patient's conditions and continuing groups become two masks, and testing a
// population is a bit test instead of looking names up in sets, for every rule of every order.
struct PopulationTerms {
    std::vector<std::string> conditions; // bit i: 1 << i
    std::vector<std::string> groups;
    // The bit of a condition or group name, 0 when it has none (index first): a table lookup, not a
    // search of the lists, since every patient's conditions and continuing groups are looked up.
    std::uint64_t condition_bit(std::string_view name) const;
    std::uint64_t group_bit(std::string_view name) const;

    // The age, weight and CrCl ranges of the populations, a bit each (at most 32; the rest keep none):
    // a patient's bits say which ranges its given values are in, so an order's rule is passed over
    // without reading its population (OrderRule::range_bits).
    enum class Factor : std::uint8_t { age, weight, crcl };
    struct Range {
        Factor factor = Factor::age;
        std::optional<double> min, max; // half-open [min, max), as Population's
        bool operator==(const Range&) const = default;
    };
    std::vector<Range> ranges; // bit i: 1 << i
    // The bits of the ranges of `factor` that a patient's value is in (index first): for a missing
    // age none, for a missing weight or CrCl all of them (a missing factor, which the rule reports).
    std::uint32_t range_bits(Factor factor, const std::optional<double>& value) const;
    // Fills the tables condition_bit, group_bit and range_bits read, from the names and `ranges`.
    void index();

  private:
    NameTable<std::uint64_t> m_condition_bits, m_group_bits;
    // A factor's range ends, ascending and each once, and for each stretch between them (i ends at or
    // below its values) the bits of the ranges holding it: a value is placed by a few comparisons.
    struct FactorRanges {
        std::vector<double> ends;
        std::vector<std::uint32_t> held; // ends.size() + 1 stretches
        std::uint32_t all = 0;
    };
    std::array<FactorRanges, 3> m_factors;
};

// Inline: three calls for every patient.
inline std::uint32_t PopulationTerms::range_bits(Factor factor, const std::optional<double>& value) const {
    const FactorRanges& table = m_factors[static_cast<std::size_t>(factor)];
    if (!value) {
        return factor == Factor::age ? 0 : table.all;
    }
    if (std::isnan(*value)) {
        return table.all; // no comparison fails: in every range, as Population's test has it
    }
    std::size_t stretch = 0;
    while (stretch < table.ends.size() && !(*value < table.ends[stretch])) {
        ++stretch;
    }
    return table.held.empty() ? 0 : table.held[stretch];
}

struct Rule {
    // Read for every rule of every order (its route and release, population and measure): first, so
    // that they share cache lines; the texts after them are read only for a finding.
    std::optional<Release> release;
    std::optional<Measure> measure;
    model::Severity severity = model::Severity::info;
    TargetType target_type = TargetType::drug;
    bool start_dose = false; // kind "start_dose" (build_indexes)
    // The id of an ingredient or group target (RuleSet::target_id, build_indexes); k_no_id for a drug.
    std::uint32_t target_id = k_no_id;
    std::optional<double> limit;
    std::optional<std::string> route;
    Population population;
    std::string id;
    std::string target;
    std::string kind;
    std::string unit;
    std::string message;
    std::string alternative;
    std::string source;
    std::string evidence;
};

struct InteractionSide {
    TargetType type = TargetType::ingredient; // ingredient or group
    std::string key;
    std::optional<double> max_daily_mg;   // only orders at or below this daily amount
    std::optional<double> above_daily_mg; // only orders strictly above this daily amount
};

struct InteractionRule {
    std::string id;
    InteractionSide a, b;
    std::optional<InteractionSide> c;
    std::string kind; // interaction | duplicate_therapy
    model::Severity severity = model::Severity::warning;
    std::optional<double> age_min;
    std::string message;
    std::string source;
    std::string evidence;
};

struct GroupCountRule {
    std::string id;
    std::string group;
    int min_count = 3;
    std::optional<double> age_min;
    std::string kind;
    model::Severity severity = model::Severity::warning;
    std::string message;
    std::string source;
    std::string evidence;
};

struct FirstLineRule {
    std::string id;
    std::string group;
    model::Severity none_tried = model::Severity::violation;
    model::Severity tried_unknown = model::Severity::warning;
    model::Severity continuing = model::Severity::info;
    bool applies_without_indication = true;
    std::string message;
    std::string source;
    std::string evidence;
};

struct MmeFactor {
    std::string ingredient;
    std::optional<double> factor; // none: deliberately not summed
    bool per_rate = false;        // factor multiplies mcg/h instead of mg/day
    std::string note;
    std::string source;
};

struct MmeThreshold {
    std::string id;
    double min_mme = 0;
    model::Severity severity = model::Severity::warning;
    std::string message;
    std::string source;
};

// Identity of the rule database the rules were loaded from.
struct DatabaseInfo {
    std::string origin;         // "embedded" or the file path
    std::string version;        // meta.db_version
    std::string schema_version; // meta.schema_version
    std::string sha256;         // of the database image
};

// Everything the checker needs, loaded once from the database. Read-only after loading and safe to
// share between threads.
struct RuleSet {
    DatabaseInfo database;
    std::map<std::string, Ingredient> ingredients;
    std::map<std::string, Drug> drugs;
    std::unordered_map<std::string, std::vector<std::string>> names; // normalised name -> drug keys
    std::unordered_map<std::string, double> name_strengths; // single-strength brand -> amount per unit
    std::set<std::string> out_of_scope_names;               // drugs recognised as outside the rules
    std::map<std::string, std::string> groups;              // key -> description
    std::vector<Rule> rules;
    std::vector<InteractionRule> interactions;
    std::vector<GroupCountRule> group_counts;
    std::vector<FirstLineRule> first_line;
    std::set<std::string> first_line_therapies;
    std::map<std::string, MmeFactor> mme_factors;
    std::vector<MmeThreshold> mme_thresholds; // ascending min_mme
    std::set<std::string> conditions;
    std::map<std::string, bool> indications; // key -> first-line rule applies
    std::map<std::pair<std::string, std::string>, std::string> condition_codes; // (system, code) -> condition
    std::map<std::string, std::string> source_tags;
    std::set<std::string> routes;
    PopulationTerms population_terms; // filled by build_indexes
    // Small ids, filled by build_indexes: of every ingredient (those of `ingredients` in key order, then
    // any other a drug or MME factor names) and every group (those of `groups`, then any other an
    // ingredient is in). Drug components, amounts read and rule targets carry them, so that checking an
    // order compares integers and tests bits where it would look names up.
    NameTable<std::uint32_t> ingredient_ids, group_ids;
    // The MME factors in `mme_factors` order (build_indexes): the rows mme_factor returns, whose texts
    // findings borrow.
    std::vector<std::pair<std::string, MmeFactor>> mme_index;

    const Drug* find_drug(const std::string& key) const;
    // True when the drug contains an ingredient that is, or belongs to the group, `key`.
    bool drug_matches(const Drug& drug, TargetType type, const std::string& key) const;
    // The same by target id (target_id) for an ingredient or group.
    bool drug_matches(const Drug& drug, TargetType type, std::uint32_t target) const;
    // By name, from `ingredients` (for a set changed since indexing too).
    bool ingredient_in(const std::string& ingredient, TargetType type, const std::string& key) const;
    // By id: an ingredient id against a target id of `type` (target_id), for every rule of every order.
    // False for k_no_id.
    bool ingredient_in(std::uint32_t ingredient, TargetType type, std::uint32_t target) const {
        if (ingredient >= m_ingredient_mme.size() || target == k_no_id) { // an entry each ingredient id
            return false;
        }
        if (type == TargetType::ingredient) {
            return ingredient == target;
        }
        const std::size_t word = target / 64;
        return type == TargetType::group && word < m_group_words &&
               ((m_ingredient_groups[ingredient * m_group_words + word] >> (target % 64)) & 1U) != 0;
    }
    // The ids of a name, k_no_id when it has none.
    std::uint32_t ingredient_id(std::string_view key) const;
    std::uint32_t group_id(std::string_view key) const;
    // The id of a rule or interaction target: its ingredient or group id, k_no_id for a drug.
    std::uint32_t target_id(TargetType type, std::string_view key) const;
    // The ingredient's MME factor row, or null when it has none.
    const MmeFactor* mme_factor(const std::string& ingredient) const;
    const MmeFactor* mme_factor(std::uint32_t ingredient) const {
        const std::uint32_t row =
            ingredient < m_ingredient_mme.size() ? m_ingredient_mme[ingredient] : k_no_id;
        return row == k_no_id ? nullptr : &mme_index[row].second;
    }
    // Whether `conditions` holds the name (a table lookup once indexed; every patient's conditions).
    bool known_condition(std::string_view condition) const;

    // Fills each drug's rule, cumulative, interaction and group-count indexes, the ids and the
    // populations' term bits; called once after loading.
    void build_indexes();

  private:
    // The target ids of the first-line rules' and group counts' groups and of the interactions' sides
    // (three a rule, k_no_id for no third), while the drugs are indexed.
    struct TargetIds {
        std::vector<std::uint32_t> first_line, group_counts, sides;
    };
    // The ids (and the drug components'), m_ingredient_groups, m_ingredient_mme and m_conditions.
    void index_ids();
    // Its rule lists, then index_drug_interactions.
    void index_drug(Drug& drug, const TargetIds& targets);
    void index_order_rules(Drug& drug); // its order_rules (and population_terms.ranges), then their rows
    void index_order_rule_rows(Drug& drug) const;
    // Its interaction sides and group-count hits.
    void index_drug_interactions(Drug& drug, const TargetIds& targets);
    bool uses_dose(const Drug& drug) const; // Drug::dose_rules, from the indexes of build_indexes

    // By ingredient id: a row of m_group_words words, a bit for each group id it is in; and its row in
    // mme_index, or k_no_id.
    std::size_t m_group_words = 0;
    std::vector<std::uint64_t> m_ingredient_groups;
    std::vector<std::uint32_t> m_ingredient_mme;
    NameTable<bool> m_conditions; // a copy of `conditions`
};

} // namespace medcheck::rules
