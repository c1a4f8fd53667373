// Rules across orders: interactions (pairs and triples), duplicate therapy and group counts. Which
// ingredient of which drug matches which rule side is indexed at load time (Drug::interaction_sides),
// so a case only visits the rules its own drugs can touch.
#include <medcheck/check/evaluators.hpp>
#include <medcheck/util/text.hpp>

#include <absl/container/inlined_vector.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace medcheck::check::detail {

namespace {

// One order's ingredient that matches one side of a rule (or counts toward a group-count rule), by id
// (rules::RuleSet::ingredient_ids): one id per name, so ids compare as the names would.
struct Hit {
    const OrderFacts* order;
    std::uint32_t ingredient;
};

// The hits of one rule's sides, each in the order of the orders (an order's own in its drug's
// component order); a patient has few orders, so they stay inline (nothing allocated per rule).
using SideHits = absl::InlinedVector<Hit, 4>;
using Sides = std::array<std::span<const Hit>, 3>;

// The orders a finding involves; a few, so kept inline (no allocation per rule evaluated).
using Involved = absl::InlinedVector<const OrderFacts*, 4>;

// Orders whose ingredients are distinct, first hit of each ingredient, in hit order.
Involved distinct_ingredients(std::span<const Hit> hits, std::size_t& count) {
    Involved involved;
    absl::InlinedVector<std::uint32_t, 4> seen;
    for (const Hit& hit : hits) {
        if (std::find(seen.begin(), seen.end(), hit.ingredient) == seen.end()) {
            seen.push_back(hit.ingredient);
            involved.push_back(hit.order);
        }
    }
    count = seen.size();
    return involved;
}

// Dose limits on a side: an unreadable dose matches either way (fail closed).
bool dose_fits(const rules::InteractionSide& side, const OrderFacts& order, std::uint32_t ingredient) {
    if ((!side.max_daily_mg && !side.above_daily_mg) || !order.dose_ok) {
        return true;
    }
    const IngredientAmount* amount = order.amount_of(ingredient);
    if (amount == nullptr) {
        return true;
    }
    if (side.max_daily_mg && util::exceeds(amount->daily_mg, *side.max_daily_mg)) {
        return false;
    }
    return !(side.above_daily_mg && !util::exceeds(amount->daily_mg, *side.above_daily_mg));
}

std::string joined_drugs(const Involved& involved) {
    std::size_t size = 0;
    for (const OrderFacts* order : involved) {
        size += order->drug->key.size() + 3;
    }
    std::string drugs;
    drugs.reserve(size); // allocated once, not grown drug by drug
    for (const OrderFacts* order : involved) {
        if (!drugs.empty()) {
            drugs += " + ";
        }
        drugs += order->drug->key;
    }
    return drugs;
}

// Every order index a combining finding involves, ascending and once each.
std::vector<int> indexes_of(const Involved& involved) {
    std::vector<int> out;
    out.reserve(involved.size());
    for (const OrderFacts* order : involved) {
        out.push_back(order->index);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// Appends the rule's finding about `involved` (of `orders`, ascending), built where it stays (a finding
// is large).
void add_interaction_finding(std::vector<model::Finding>& findings, const rules::InteractionRule& rule,
                             const Involved& involved, std::vector<int> orders) {
    model::Finding& f = findings.emplace_back();
    f.severity = rule.severity;
    f.kind = model::Text::borrow(rule.kind);
    f.drug = joined_drugs(involved);
    f.message = model::Text::borrow(rule.message);
    f.source = model::Text::borrow(rule.source);
    f.rule_id = model::Text::borrow(rule.id);
    f.order = involved.front()->index;
    f.orders = std::move(orders);
}

bool age_allows(const std::optional<double>& age_min, const PatientContext& patient) {
    return !age_min || (patient.age_years && *patient.age_years >= *age_min);
}

void evaluate_rule(const rules::InteractionRule& rule, const Sides& sides,
                   std::vector<model::Finding>& findings) {
    const std::span<const Hit> a = sides[0];
    if (rule.a.type == rule.b.type && rule.a.key == rule.b.key) {
        // Two or more different ingredients of one group: one finding naming them all.
        std::size_t count = 0;
        const Involved involved = distinct_ingredients(a, count);
        if (count >= 2) {
            // Named by one order per ingredient; every order of them is in the finding.
            Involved all;
            for (const Hit& hit : a) {
                all.push_back(hit.order);
            }
            add_interaction_finding(findings, rule, involved, indexes_of(all));
        }
        return;
    }
    // One finding per set of ingredients (sorted ids: compared as the names would be), naming every
    // order that gives one of them: a second diazepam order beside the fentanyl is in the same finding.
    using Key = std::array<std::uint32_t, 3>;
    absl::InlinedVector<std::pair<Key, std::size_t>, 4> reported; // key -> index in findings
    auto report = [&](Key key, const Involved& involved) {
        std::sort(key.begin(), key.end());
        const auto it = std::find_if(reported.begin(), reported.end(),
                                     [&](const auto& entry) { return entry.first == key; });
        if (it == reported.end()) {
            reported.emplace_back(key, findings.size());
            add_interaction_finding(findings, rule, involved, indexes_of(involved));
            return;
        }
        std::vector<int>& orders = findings[it->second].orders;
        for (const OrderFacts* order : involved) {
            if (const auto at = std::lower_bound(orders.begin(), orders.end(), order->index);
                at == orders.end() || *at != order->index) {
                orders.insert(at, order->index);
            }
        }
    };
    for (const Hit& x : a) {
        for (const Hit& y : sides[1]) {
            if (x.order == y.order || x.ingredient == y.ingredient) {
                continue;
            }
            if (!rule.c) {
                report({rules::k_no_id, x.ingredient, y.ingredient}, {x.order, y.order});
                continue;
            }
            for (const Hit& z : sides[2]) {
                if (z.order == x.order || z.order == y.order || z.ingredient == x.ingredient ||
                    z.ingredient == y.ingredient) {
                    continue;
                }
                report({x.ingredient, y.ingredient, z.ingredient}, {x.order, y.order, z.order});
            }
        }
    }
}

// The rules of one kind (interactions or group counts) a case looks at: a bit mask, 64 rules a word,
// for up to k_mask_words words, or every rule (more rules than that, or a rule set not indexed).
constexpr std::size_t k_mask_words = 4;
using Words = std::array<std::uint64_t, k_mask_words>;
struct Mask {
    Words words{};
    bool every = false;
};

bool none(const Mask& mask) {
    return !mask.every &&
           std::all_of(mask.words.begin(), mask.words.end(), [](std::uint64_t w) { return w == 0; });
}

// Calls `each(rule)` for each rule of `mask` below `rules`, ascending.
template <typename Each> void for_each_rule(const Mask& mask, std::size_t rules, Each each) {
    if (mask.every) {
        for (std::size_t rule = 0; rule < rules; ++rule) {
            each(rule);
        }
        return;
    }
    for (std::size_t w = 0; w < k_mask_words; ++w) {
        for (std::uint64_t bits = mask.words[w]; bits != 0; bits &= bits - 1) {
            const std::size_t rule = w * 64 + static_cast<std::size_t>(std::countr_zero(bits));
            if (rule >= rules) {
                return;
            }
            each(rule);
        }
    }
}

// The rules that two different orders touch, or one order with two of their ingredients (rules::Drug's
// masks, `touch_of(drug)` and `self_of(drug)`): a pair or triple needs orders apart and a group two
// ingredients, so a rule touched once cannot fire.
template <typename TouchOf, typename SelfOf>
Mask touched_twice(const OrderList& orders, std::size_t rules, TouchOf touch_of, SelfOf self_of) {
    Mask twice;
    const std::size_t words = (rules + 63) / 64;
    if (words > k_mask_words) {
        twice.every = true;
        return twice;
    }
    Words once{};
    for (const auto& order : orders) {
        if (order.drug == nullptr) {
            continue;
        }
        const rules::RuleMask& touch = touch_of(*order.drug);
        const rules::RuleMask& self = self_of(*order.drug);
        if (touch.size() != words || self.size() != words) {
            twice.every = true; // not indexed
            return twice;
        }
        for (std::size_t w = 0; w < words; ++w) {
            twice.words[w] |= (once[w] & touch[w]) | self[w];
            once[w] |= touch[w];
        }
    }
    return twice;
}

// The interaction rules a case looks at: of those touched twice, the ones whose first side one order
// meets and whose second side another (a group duplicate's two sides are the same group), and those
// one order touches with two of its ingredients.
Mask interaction_candidates(const OrderList& orders, std::size_t rules) {
    const Mask twice = touched_twice(
        orders, rules, [](const rules::Drug& drug) -> const auto& { return drug.interaction_touch; },
        [](const rules::Drug& drug) -> const auto& { return drug.interaction_self; });
    if (twice.every || none(twice)) {
        return twice;
    }
    Mask candidates;
    Words seen_a{};
    Words seen_b{};
    for (const auto& order : orders) {
        if (order.drug == nullptr) {
            continue;
        }
        const rules::RuleMask& touch = order.drug->interaction_touch;
        bool meets = false;
        for (std::size_t w = 0; w < touch.size(); ++w) {
            meets = meets || (touch[w] & twice.words[w]) != 0;
        }
        if (!meets) {
            continue; // no other order meets any of its sides: its list is not read
        }
        // Its first and second sides among the rules touched twice (the drug's masks, not its list).
        const rules::RuleMask& side_a = order.drug->interaction_side_a;
        const rules::RuleMask& side_b = order.drug->interaction_side_b;
        const rules::RuleMask& self = order.drug->interaction_self;
        for (std::size_t w = 0; w < self.size(); ++w) {
            const std::uint64_t a = side_a[w] & twice.words[w];
            const std::uint64_t b = side_b[w] & twice.words[w];
            candidates.words[w] |= (seen_a[w] & b) | (seen_b[w] & a) | self[w];
            seen_a[w] |= a;
            seen_b[w] |= b;
        }
    }
    return candidates;
}

// An order's place in its drug's list of rule matches (sorted by rule): candidate rules are visited
// ascending, so each list is walked once at most.
template <typename Entry> struct Cursor {
    const OrderFacts* order;
    const Entry* at;
    const Entry* end;
};
template <typename Entry> using Cursors = absl::InlinedVector<Cursor<Entry>, 8>;

// A cursor at the start of each order's list (`list_of(drug)`), for the orders with a drug and a list.
template <typename Entry, typename ListOf>
Cursors<Entry> cursors_of(const OrderList& orders, ListOf list_of) {
    Cursors<Entry> cursors;
    for (const auto& order : orders) {
        if (order.drug != nullptr) {
            const std::vector<Entry>& list = list_of(*order.drug);
            if (!list.empty()) {
                cursors.push_back({&order, list.data(), list.data() + list.size()});
            }
        }
    }
    return cursors;
}

// Calls `each(order, entry)` for each order's entries of `rule` (`rule_of(entry)`), in the order of
// the orders, moving each cursor past them.
template <typename Entry, typename RuleOf, typename Each>
void for_each_match(Cursors<Entry>& cursors, std::size_t rule, RuleOf rule_of, Each each) {
    for (Cursor<Entry>& cursor : cursors) {
        const Entry* at = cursor.at;
        while (at != cursor.end && rule_of(*at) < rule) {
            ++at;
        }
        for (; at != cursor.end && rule_of(*at) == rule; ++at) {
            each(*cursor.order, *at);
        }
        cursor.at = at;
    }
}

// An interaction rule with each order's matching ingredients of its sides (dose limits applied);
// `hits` is room for them, reused from rule to rule.
void evaluate_interaction_rule(std::size_t index, Cursors<rules::SideMatch>& cursors,
                               std::array<SideHits, 3>& hits, const PatientContext& patient,
                               const rules::RuleSet& rules, std::vector<model::Finding>& findings) {
    const rules::InteractionRule& rule = rules.interactions[index];
    for (SideHits& side : hits) {
        side.clear();
    }
    for_each_match(
        cursors, index, [](const rules::SideMatch& match) { return match.rule; },
        [&](const OrderFacts& order, const rules::SideMatch& match) {
            const rules::InteractionSide& side = match.side == 0   ? rule.a
                                                 : match.side == 1 ? rule.b
                                                                   : *rule.c;
            if (dose_fits(side, order, match.ingredient_id)) {
                hits[static_cast<std::size_t>(match.side)].push_back({&order, match.ingredient_id});
            }
        });
    if (!hits[0].empty() && age_allows(rule.age_min, patient)) {
        evaluate_rule(rule, {hits[0], hits[1], hits[2]}, findings);
    }
}

// A group-count rule ("three or more CNS depressants") with the ingredients that count toward it.
using CountEntry = rules::GroupCountHit;

void evaluate_group_count(std::size_t index, Cursors<CountEntry>& cursors, const PatientContext& patient,
                          const rules::RuleSet& rules, std::vector<model::Finding>& findings) {
    const rules::GroupCountRule& rule = rules.group_counts[index];
    SideHits hits;
    for_each_match(
        cursors, index, [](const CountEntry& entry) { return entry.rule; },
        [&](const OrderFacts& order, const CountEntry& entry) {
            hits.push_back({&order, entry.ingredient_id});
        });
    if (hits.empty() || !age_allows(rule.age_min, patient)) {
        return;
    }
    std::size_t count = 0;
    const Involved involved = distinct_ingredients(hits, count);
    if (static_cast<int>(count) < rule.min_count) {
        return;
    }
    model::Finding& f = findings.emplace_back();
    f.severity = rule.severity;
    f.kind = model::Text::borrow(rule.kind);
    f.drug = joined_drugs(involved);
    f.message = model::Text::borrow(rule.message);
    f.actual = static_cast<double>(count);
    f.limit = rule.min_count;
    f.unit = "drugs";
    f.source = model::Text::borrow(rule.source);
    f.rule_id = model::Text::borrow(rule.id);
    f.order = involved.front()->index;
    f.orders = indexes_of(involved);
}

} // namespace

void evaluate_interactions(const OrderList& orders, const PatientContext& patient,
                           const rules::RuleSet& rules, std::vector<model::Finding>& findings) {
    // Only the rules this case's orders can meet, in rule order (deterministic): interactions, then
    // group counts.
    const Mask interactions = interaction_candidates(orders, rules.interactions.size());
    if (!none(interactions)) {
        Cursors<rules::SideMatch> cursors = cursors_of<rules::SideMatch>(
            orders, [](const rules::Drug& drug) -> const auto& { return drug.interaction_sides; });
        std::array<SideHits, 3> hits;
        for_each_rule(interactions, rules.interactions.size(), [&](std::size_t index) {
            evaluate_interaction_rule(index, cursors, hits, patient, rules, findings);
        });
    }
    const Mask group_counts = touched_twice(
        orders, rules.group_counts.size(),
        [](const rules::Drug& drug) -> const auto& { return drug.group_count_touch; },
        [](const rules::Drug& drug) -> const auto& { return drug.group_count_self; });
    if (!none(group_counts)) {
        Cursors<CountEntry> cursors = cursors_of<CountEntry>(
            orders, [](const rules::Drug& drug) -> const auto& { return drug.group_count_hits; });
        for_each_rule(group_counts, rules.group_counts.size(), [&](std::size_t index) {
            evaluate_group_count(index, cursors, patient, rules, findings);
        });
    }
}

} // namespace medcheck::check::detail
