// Daily limits summed over orders (contract decision 14): every order a daily rule reaches adds its
// share of the same ingredient, so two orders of ketorolac 10 mg q6h are 80 mg/day against 40.
#include <medcheck/check/evaluators.hpp>
#include <medcheck/check/population.hpp>
#include <medcheck/util/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace medcheck::check::detail {

namespace {

using rules::Measure;

bool per_kg(Measure measure) {
    return measure == Measure::daily_mg_per_kg;
}

// Whether a rule indexed for the order's drug also matches its formulation and route.
bool reaches(const rules::Rule& rule, const OrderFacts& order) {
    return (!rule.release || *rule.release == order.drug->release) &&
           (!rule.route || *rule.route == order.route);
}

// Whether the rule's target counts this ingredient (by id) of a drug whose index lists the rule. A drug
// target counts all of them, and so does any target of a drug of one ingredient (the index lists a rule
// for a drug with an ingredient that the target is or whose group it is); else the ids decide.
bool counts(const rules::Rule& rule, const OrderFacts& order, std::uint32_t ingredient,
            const rules::RuleSet& rules) {
    if (rule.target_type == rules::TargetType::drug || order.drug->components.size() == 1) {
        return true;
    }
    return rules.ingredient_in(ingredient, rule.target_type, rule.target_id);
}

// Calls visit(key, share) for each share of one order in a summed measure, keyed by what adds up: the
// ingredient for amounts, doses and patch rates, the product for tablet counts (units_per_day rules
// target a product). The keys are the order's drug's and amounts' strings, which outlive the total.
template <typename Visit>
void each_share(const rules::Rule& rule, const OrderFacts& order, const PatientContext& patient,
                const rules::RuleSet& rules, Visit&& visit) {
    switch (*rule.measure) {
    case Measure::daily_mg:
    case Measure::daily_mg_per_kg: {
        // A start-dose rule measures a titration where it starts (OrderFacts::start_daily_share).
        const double start_share = rule.start_dose ? order.start_daily_share : 1.0;
        for (const auto& amount : order.amounts) {
            if (counts(rule, order, amount.ingredient_id, rules)) {
                const double daily = amount.daily_mg * start_share;
                visit(amount.ingredient, per_kg(*rule.measure) ? daily / *patient.weight_kg : daily);
            }
        }
        break;
    }
    case Measure::doses_per_day:
    case Measure::rate_mcg_h: {
        const std::optional<double> value = rule.measure == Measure::doses_per_day
                                                ? std::optional<double>(order.doses_per_day)
                                                : order.rate_mcg_h;
        if (!value) {
            break;
        }
        for (const auto& component : order.drug->components) {
            if (counts(rule, order, component.ingredient_id, rules)) {
                visit(component.ingredient, *value);
            }
        }
        break;
    }
    case Measure::units_per_day:
        if (order.units_per_day) {
            visit(order.drug->key, *order.units_per_day);
        }
        break;
    default:
        break;
    }
}

// The orders a rule reaches, in order: a patient has few.
using Reached = absl::InlinedVector<const OrderFacts*, 8>;

// One key's total (an ingredient, or a product for tablet counts), without the orders that make it.
struct KeyTotal {
    std::string_view key;
    double value = 0;
};

// Totals by key, in the order keys first come: a patient has few orders and fewer keys, so a short
// list, not a map, and the first few kept in place.
class KeyTotals {
  public:
    void add(std::string_view key, double value) {
        for (std::size_t i = 0; i < m_size; ++i) {
            KeyTotal& total = at(i);
            if (total.key == key) {
                total.value += value;
                return;
            }
        }
        if (m_size < m_first.size()) {
            m_first[m_size] = {key, 0};
        } else {
            m_rest.push_back({key, 0});
        }
        at(m_size++).value += value;
    }

    // The largest total; among equal totals the smallest key wins, as in key order.
    std::optional<KeyTotal> best() const {
        if (m_size == 0) {
            return std::nullopt;
        }
        const KeyTotal* best = &at(0);
        for (std::size_t i = 1; i < m_size; ++i) {
            const KeyTotal& total = at(i);
            if (total.value > best->value || (total.value == best->value && total.key < best->key)) {
                best = &total;
            }
        }
        return *best;
    }

  private:
    KeyTotal& at(std::size_t i) { return i < m_first.size() ? m_first[i] : m_rest[i - m_first.size()]; }
    const KeyTotal& at(std::size_t i) const {
        return i < m_first.size() ? m_first[i] : m_rest[i - m_first.size()];
    }

    std::array<KeyTotal, 2> m_first;
    std::size_t m_size = 0;
    std::vector<KeyTotal> m_rest;
};

// The largest total of `rule`'s measure by key over the orders it reaches (each with a usable dose),
// without its parts: most totals stay under their limit, and only one above it needs them
// (with_parts). check_population false: the caller matched the orders' populations, or wants every order.
std::optional<KeyTotal> best_total(const rules::Rule& rule, std::span<const OrderFacts* const> reached,
                                   const PatientContext& patient, const rules::RuleSet& rules,
                                   bool check_population) {
    if (per_kg(*rule.measure) && !patient.weight_kg) {
        return std::nullopt; // reported per order as a missing weight
    }
    KeyTotals totals;
    for (const OrderFacts* order : reached) {
        if (check_population && !match_population(rule.population, patient, order->continuing).applies) {
            continue;
        }
        each_share(rule, *order, patient, rules,
                   [&](const std::string& key, double share) { totals.add(key, share); });
    }
    return totals.best();
}

// The orders that add up to `best`, in order, with their shares.
DailyTotal with_parts(const KeyTotal& best, const rules::Rule& rule,
                      std::span<const OrderFacts* const> reached, const PatientContext& patient,
                      const rules::RuleSet& rules, bool check_population) {
    DailyTotal total{best.value, best.key, {}};
    for (const OrderFacts* order : reached) {
        if (check_population && !match_population(rule.population, patient, order->continuing).applies) {
            continue;
        }
        each_share(rule, *order, patient, rules, [&](const std::string& key, double share) {
            if (key == best.key) {
                total.parts.emplace_back(order, share);
            }
        });
    }
    return total;
}

} // namespace

DailyTotal total_over_orders(std::size_t rule_index, const OrderList& orders, const PatientContext& patient,
                             const rules::RuleSet& rules, bool check_population) {
    const rules::Rule& rule = rules.rules[rule_index];
    Reached reached;
    for (const auto& order : orders) {
        if (order.drug != nullptr && order.dose_ok && reaches(rule, order) &&
            std::binary_search(order.drug->rule_indexes.begin(), order.drug->rule_indexes.end(),
                               rule_index)) {
            reached.push_back(&order);
        }
    }
    const std::optional<KeyTotal> best = best_total(rule, reached, patient, rules, check_population);
    return best ? with_parts(*best, rule, reached, patient, rules, check_population) : DailyTotal{};
}

namespace {

// Text appended to a string in pieces, put together on the stack and appended in one go (each
// std::string::append is a call that checks the room left).
class StackText {
  public:
    explicit StackText(std::string& out) : m_out(out) {}

    void put(std::string_view text) {
        if (text.size() > m_buffer.size() - m_size) {
            flush();
            if (text.size() > m_buffer.size()) {
                m_out += text;
                return;
            }
        }
        std::memcpy(m_buffer.data() + m_size, text.data(), text.size());
        m_size += text.size();
    }
    // An integer as std::to_string writes it.
    void put_integer(long long value) {
        std::array<char, 24> digits{};
        const char* end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
        put(std::string_view(digits.data(), static_cast<std::size_t>(end - digits.data())));
    }
    // A number as util::format_number writes it.
    void put_number(double value) {
        flush();
        util::append_number(m_out, value);
    }
    // Appends what was put; call it last.
    void flush() {
        m_out.append(m_buffer.data(), m_size);
        m_size = 0;
    }

  private:
    std::string& m_out;
    std::array<char, 256> m_buffer; // only its first m_size bytes are read, after being written
    std::size_t m_size = 0;
};

// Whether two keys are the same text (string_view's == calls its compare).
bool same(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::char_traits<char>::compare(a.data(), b.data(), a.size()) == 0;
}

// The finding of a total above its rule's limit, unless a cumulative-ingredient finding among the
// first `cumulative_end` already reports the same orders at or below this limit.
void report_total(const DailyTotal& total, const rules::Rule& rule, std::size_t cumulative_end,
                  std::vector<model::Finding>& findings) {
    absl::InlinedVector<int, 4> indexes; // a vector only for the finding of several orders
    for (const auto& part : total.parts) {
        indexes.push_back(part.first->index);
    }
    bool said = false;
    for (std::size_t i = 0; i < cumulative_end && !said; ++i) {
        const model::Finding& f = findings[i];
        // The orders' count first: it rules out nearly every finding without a text.
        said = f.orders.size() == indexes.size() && f.kind == "cumulative_ingredient" &&
               f.drug == total.key &&
               std::equal(f.orders.begin(), f.orders.end(), indexes.begin(), indexes.end()) && f.limit &&
               *f.limit <= *rule.limit;
    }
    if (said) {
        return;
    }
    const OrderFacts& primary = *total.parts.front().first;
    model::Finding& f = add_rule_finding(findings, rule, primary);
    f.actual = total.value;
    f.limit = rule.limit;
    if (!same(total.key, primary.drug->key) && rule.measure != Measure::units_per_day) {
        fmt::format_to(std::back_inserter(f.message.edit()), " (measured as {})", total.key);
    }
    if (total.parts.size() >= 2) {
        // "(2 orders add up: medications[0] ibuprofen 2400 mg/day + medications[1] ...)", put together
        // on the stack: a batch writes this for every patient whose orders add up past a limit.
        StackText text(f.message.edit());
        text.put(" (");
        text.put_integer(static_cast<long long>(total.parts.size()));
        text.put(" orders add up: ");
        for (std::size_t i = 0; i < total.parts.size(); ++i) {
            const auto& [order, value] = total.parts[i];
            text.put(i == 0 ? std::string_view("medications[") : std::string_view(" + medications["));
            text.put_integer(order->index);
            text.put("] ");
            text.put(order->drug->key);
            text.put(" ");
            text.put_number(value);
            text.put(" ");
            text.put(rule.unit);
        }
        text.put(")");
        text.flush();
        f.orders.assign(indexes.begin(), indexes.end());
    }
}

// One summed rule and the one order of the patient it reaches (most rules of most patients): the
// order's shares are the totals. `population_matched`: the caller matched the order to the rule's
// population.
void evaluate_one(const rules::Rule& rule, const OrderFacts& order, const PatientContext& patient,
                  const rules::RuleSet& rules, bool population_matched, std::size_t cumulative_end,
                  std::vector<model::Finding>& findings) {
    if (per_kg(*rule.measure) && !patient.weight_kg) {
        return; // reported per order as a missing weight
    }
    if (!population_matched && !match_population(rule.population, patient, order.continuing).applies) {
        return;
    }
    if (order.drug->components.size() <= 1 || rule.measure == Measure::units_per_day) {
        // At most one share (each_share's, written out for the one ingredient): its value is the total.
        const std::string* key = nullptr;
        double share = 0;
        switch (*rule.measure) {
        case Measure::daily_mg:
        case Measure::daily_mg_per_kg:
            if (!order.amounts.empty()) {
                const IngredientAmount& amount = order.amounts.front();
                key = &amount.ingredient;
                share = amount.daily_mg * (rule.start_dose ? order.start_daily_share : 1.0);
                if (per_kg(*rule.measure)) {
                    share /= *patient.weight_kg;
                }
            }
            break;
        case Measure::doses_per_day:
            if (!order.drug->components.empty()) {
                key = &order.drug->components.front().ingredient;
                share = order.doses_per_day;
            }
            break;
        case Measure::rate_mcg_h:
            if (order.rate_mcg_h && !order.drug->components.empty()) {
                key = &order.drug->components.front().ingredient;
                share = *order.rate_mcg_h;
            }
            break;
        case Measure::units_per_day:
            if (order.units_per_day) {
                key = &order.drug->key;
                share = *order.units_per_day;
            }
            break;
        default:
            break;
        }
        const double total = 0.0 + share; // as a sum starts, so that a total is the same either way
        if (key != nullptr && util::exceeds(total, *rule.limit)) {
            report_total(DailyTotal{total, *key, {{&order, share}}}, rule, cumulative_end, findings);
        }
        return;
    }
    const OrderFacts* const reached[1] = {&order};
    const std::optional<KeyTotal> best = best_total(rule, reached, patient, rules, false);
    if (best && util::exceeds(best->value, *rule.limit)) {
        report_total(with_parts(*best, rule, reached, patient, rules, false), rule, cumulative_end, findings);
    }
}

// One summed rule against the total of the orders it reaches, their populations matched.
void evaluate_several(const rules::Rule& rule, std::span<const OrderFacts* const> reached,
                      const PatientContext& patient, const rules::RuleSet& rules, std::size_t cumulative_end,
                      std::vector<model::Finding>& findings) {
    const std::optional<KeyTotal> best = best_total(rule, reached, patient, rules, false);
    if (best && util::exceeds(best->value, *rule.limit)) {
        report_total(with_parts(*best, rule, reached, patient, rules, false), rule, cumulative_end, findings);
    }
}

// One order's summed rules still to visit, ascending.
struct SummedListCursor {
    const std::size_t* at;
    const std::size_t* end;
    const OrderFacts* order;
};

// The orders' summed rules merged: the rules in ascending order, each with the orders it reaches in
// input order, and nothing sorted. A patient has few orders.
void evaluate_merged(std::span<SummedListCursor> open, const PatientContext& patient,
                     const rules::RuleSet& rules, std::size_t cumulative_end,
                     std::vector<model::Finding>& findings) {
    absl::InlinedVector<const OrderFacts*, 8> reached(open.size());
    for (;;) {
        std::size_t index = std::numeric_limits<std::size_t>::max();
        for (const SummedListCursor& cursor : open) {
            if (cursor.at != cursor.end && *cursor.at < index) {
                index = *cursor.at;
            }
        }
        if (index == std::numeric_limits<std::size_t>::max()) {
            return;
        }
        const rules::Rule& rule = rules.rules[index];
        std::size_t count = 0;
        for (SummedListCursor& cursor : open) {
            if (cursor.at != cursor.end && *cursor.at == index) {
                ++cursor.at;
                reached[count++] = cursor.order;
            }
        }
        if (count == 1) {
            evaluate_one(rule, *reached.front(), patient, rules, false, cumulative_end, findings);
            continue;
        }
        // Several orders: those the rule's population takes in add up.
        std::size_t matched = 0;
        for (std::size_t i = 0; i < count; ++i) {
            if (match_population(rule.population, patient, reached[i]->continuing).applies) {
                reached[matched++] = reached[i];
            }
        }
        if (matched == 1) {
            evaluate_one(rule, *reached.front(), patient, rules, true, cumulative_end, findings);
        } else if (matched > 1) {
            evaluate_several(rule, std::span(reached.data(), matched), patient, rules, cumulative_end,
                             findings);
        }
    }
}

} // namespace

void evaluate_daily_totals(const SummedRules& summed, const PatientContext& patient,
                           const rules::RuleSet& rules, std::vector<model::Finding>& findings) {
    const std::size_t cumulative_end = findings.size();
    if (summed.ends.size() == 1) {
        // One order a summed rule can reach: each of its rules with that order alone.
        const OrderFacts& order = *summed.ends.front().first;
        for (const std::size_t i : summed.rules) {
            evaluate_one(rules.rules[i], order, patient, rules, false, cumulative_end, findings);
        }
    } else if (summed.ends.size() > 1) {
        absl::InlinedVector<SummedListCursor, 8> cursors;
        const std::size_t* at = summed.rules.data();
        for (const auto& [order, end] : summed.ends) {
            cursors.push_back({at, summed.rules.data() + end, order});
            at = summed.rules.data() + end;
        }
        evaluate_merged(std::span(cursors.data(), cursors.size()), patient, rules, cumulative_end, findings);
    }
}

} // namespace medcheck::check::detail
