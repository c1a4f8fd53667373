// Rules across orders: interactions (pairs and triples), duplicate therapy and group counts. Which
// ingredient of which drug matches which rule side is indexed at load time (Drug::interaction_sides),
// so a case only visits the rules its own drugs can touch.
#include <medcheck/check/evaluators.hpp>
#include <medcheck/util/text.hpp>

#include <absl/container/inlined_vector.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <span>
#include <string_view>
#include <tuple>

namespace medcheck::check::detail {

namespace {

// One order's ingredient that matches one side of a rule (or counts toward a group-count rule).
struct Hit {
    std::size_t rule;
    std::size_t side;
    const OrderFacts* order;
    const std::string* ingredient;
};

// The hits of one rule's sides: runs of one flat array sorted by rule and side, so a case allocates
// one small array instead of a map of vectors.
using Sides = std::array<std::span<const Hit>, 3>;

// The orders a finding involves; a few, so kept inline (no allocation per rule evaluated).
using Involved = absl::InlinedVector<const OrderFacts*, 4>;

// Orders whose ingredients are distinct, first hit of each ingredient, in hit order.
Involved distinct_ingredients(std::span<const Hit> hits, std::size_t& count) {
    Involved involved;
    absl::InlinedVector<const std::string*, 4> seen;
    for (const Hit& hit : hits) {
        if (std::none_of(seen.begin(), seen.end(),
                         [&](const std::string* s) { return *s == *hit.ingredient; })) {
            seen.push_back(hit.ingredient);
            involved.push_back(hit.order);
        }
    }
    count = seen.size();
    return involved;
}

// Dose limits on a side: an unreadable dose matches either way (fail closed).
bool dose_fits(const rules::InteractionSide& side, const OrderFacts& order, const std::string& ingredient) {
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
    std::string drugs;
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

// Appends the rule's finding about `involved`, built where it stays (a finding is large).
model::Finding& add_interaction_finding(std::vector<model::Finding>& findings,
                                        const rules::InteractionRule& rule, const Involved& involved) {
    model::Finding& f = findings.emplace_back();
    f.severity = rule.severity;
    f.kind = model::Text::borrow(rule.kind);
    f.drug = joined_drugs(involved);
    f.message = model::Text::borrow(rule.message);
    f.source = model::Text::borrow(rule.source);
    f.rule_id = model::Text::borrow(rule.id);
    f.order = involved.front()->index;
    f.orders = indexes_of(involved);
    return f;
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
            model::Finding& f = add_interaction_finding(findings, rule, involved);
            Involved all;
            for (const Hit& hit : a) {
                all.push_back(hit.order);
            }
            f.orders = indexes_of(all);
        }
        return;
    }
    // One finding per set of ingredients (sorted, compared by value), naming every order that gives
    // one of them: a second diazepam order beside the fentanyl is in the same finding, not left out.
    using Key = std::array<std::string_view, 3>;
    absl::InlinedVector<std::pair<Key, std::size_t>, 4> reported; // key -> index in findings
    auto report = [&](Key key, const Involved& involved) {
        std::sort(key.begin(), key.end());
        const auto it = std::find_if(reported.begin(), reported.end(),
                                     [&](const auto& entry) { return entry.first == key; });
        if (it == reported.end()) {
            reported.emplace_back(key, findings.size());
            add_interaction_finding(findings, rule, involved);
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
            if (x.order == y.order || *x.ingredient == *y.ingredient) {
                continue;
            }
            if (!rule.c) {
                report({std::string_view(), *x.ingredient, *y.ingredient}, {x.order, y.order});
                continue;
            }
            for (const Hit& z : sides[2]) {
                if (z.order == x.order || z.order == y.order || *z.ingredient == *x.ingredient ||
                    *z.ingredient == *y.ingredient) {
                    continue;
                }
                report({*x.ingredient, *y.ingredient, *z.ingredient}, {x.order, y.order, z.order});
            }
        }
    }
}

// Calls `each(rule, hits)` for each run of hits of one rule; hits sorted by rule, then side.
template <typename Each> void for_each_rule(std::span<const Hit> hits, Each each) {
    for (std::size_t begin = 0; begin < hits.size();) {
        std::size_t end = begin + 1;
        while (end < hits.size() && hits[end].rule == hits[begin].rule) {
            ++end;
        }
        each(hits[begin].rule, hits.subspan(begin, end - begin));
        begin = end;
    }
}

// A case's hits, inline: most patients touch a few dozen rule sides, so nothing is allocated.
using Hits = absl::InlinedVector<Hit, 32>;

bool by_rule_side(const Hit& x, const Hit& y) {
    return std::tie(x.rule, x.side) < std::tie(y.rule, y.side);
}

// Merges one order's hits (sorted by rule and side, as each drug's lists are at load) into `hits`,
// after the earlier orders' equal ones: `hits` stays sorted by rule, then side, in order of the
// orders, with no sort and no allocation for a patient with one order.
void merge_order_hits(Hits& hits, std::size_t run_begin, Hits& scratch) {
    if (run_begin == 0 || run_begin == hits.size() || !by_rule_side(hits[run_begin], hits[run_begin - 1])) {
        return; // nothing before, nothing added, or already in order
    }
    scratch.resize(hits.size()); // written through a plain iterator: no capacity test per hit
    std::merge(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(run_begin),
               hits.begin() + static_cast<std::ptrdiff_t>(run_begin), hits.end(), scratch.begin(),
               by_rule_side);
    std::copy(scratch.begin(), scratch.end(), hits.begin());
}

// The rules of one kind (interactions or group counts) that can fire for a case: those two different
// orders touch, or one order with two of its ingredients (rules::Drug's masks). A pair or triple needs
// orders apart and a group two ingredients, so a rule touched once is not gathered: most of a drug's
// many sides meet nothing among the patient's other orders.
class Candidates {
  public:
    explicit Candidates(std::size_t rules) : m_once((rules + 63) / 64, 0), m_twice(m_once.size(), 0) {}
    void add(const rules::RuleMask& touch, const rules::RuleMask& self) {
        if (touch.size() != m_once.size() || self.size() != m_once.size()) {
            std::fill(m_twice.begin(), m_twice.end(), ~std::uint64_t{0}); // not indexed: every rule
            return;
        }
        for (std::size_t w = 0; w < m_once.size(); ++w) {
            m_twice[w] |= (m_once[w] & touch[w]) | self[w];
            m_once[w] |= touch[w];
        }
    }
    bool has(std::size_t rule) const { return ((m_twice[rule / 64] >> (rule % 64)) & 1U) != 0; }
    bool none() const {
        return std::all_of(m_twice.begin(), m_twice.end(), [](std::uint64_t w) { return w == 0; });
    }

  private:
    absl::InlinedVector<std::uint64_t, 4> m_once, m_twice;
};

// The hits of one case: each order's matching interaction sides (`touched`) and group-count
// ingredients (`counted`) of the rules that can fire, each sorted by rule, then side, in the order of
// the orders.
void gather_interaction_hits(const std::vector<OrderFacts>& orders, const rules::RuleSet& rules,
                             Hits& touched, Hits& counted) {
    Candidates interactions(rules.interactions.size());
    Candidates group_counts(rules.group_counts.size());
    for (const auto& order : orders) {
        if (order.drug != nullptr) {
            interactions.add(order.drug->interaction_touch, order.drug->interaction_self);
            group_counts.add(order.drug->group_count_touch, order.drug->group_count_self);
        }
    }
    if (interactions.none() && group_counts.none()) {
        return;
    }
    Hits scratch;
    for (const auto& order : orders) {
        if (order.drug == nullptr) {
            continue;
        }
        const std::size_t touched_begin = touched.size();
        for (const rules::SideMatch& match : order.drug->interaction_sides) {
            if (!interactions.has(match.rule)) {
                continue;
            }
            const rules::InteractionRule& rule = rules.interactions[match.rule];
            const rules::InteractionSide& side = match.side == 0   ? rule.a
                                                 : match.side == 1 ? rule.b
                                                                   : *rule.c;
            if (dose_fits(side, order, match.ingredient)) {
                touched.push_back(
                    {match.rule, static_cast<std::size_t>(match.side), &order, &match.ingredient});
            }
        }
        merge_order_hits(touched, touched_begin, scratch);
        const std::size_t counted_begin = counted.size();
        for (const auto& [rule, ingredient] : order.drug->group_count_hits) {
            if (group_counts.has(rule)) {
                counted.push_back({rule, 0, &order, &ingredient});
            }
        }
        merge_order_hits(counted, counted_begin, scratch);
    }
}

// An interaction rule with the hits of its sides (sorted by side).
void evaluate_interaction_rule(const rules::InteractionRule& rule, std::span<const Hit> hits,
                               const PatientContext& patient, std::vector<model::Finding>& findings) {
    Sides sides;
    for (std::size_t begin = 0; begin < hits.size();) {
        std::size_t end = begin + 1;
        while (end < hits.size() && hits[end].side == hits[begin].side) {
            ++end;
        }
        sides[hits[begin].side] = hits.subspan(begin, end - begin);
        begin = end;
    }
    if (age_allows(rule.age_min, patient) && !sides[0].empty()) {
        evaluate_rule(rule, sides, findings);
    }
}

// A group-count rule ("three or more CNS depressants") with the ingredients that count toward it.
void evaluate_group_count(const rules::GroupCountRule& rule, std::span<const Hit> hits,
                          const PatientContext& patient, std::vector<model::Finding>& findings) {
    if (!age_allows(rule.age_min, patient)) {
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

void evaluate_interactions(const std::vector<OrderFacts>& orders, const PatientContext& patient,
                           const rules::RuleSet& rules, std::vector<model::Finding>& findings) {
    // Rules touched by this case, visited in rule order (deterministic).
    Hits touched;
    Hits counted;
    gather_interaction_hits(orders, rules, touched, counted);
    for_each_rule(touched, [&](std::size_t index, std::span<const Hit> hits) {
        evaluate_interaction_rule(rules.interactions[index], hits, patient, findings);
    });
    for_each_rule(counted, [&](std::size_t index, std::span<const Hit> hits) {
        evaluate_group_count(rules.group_counts[index], hits, patient, findings);
    });
}

} // namespace medcheck::check::detail
