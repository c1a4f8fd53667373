#include <medcheck/check/engine.hpp>

#include <medcheck/check/evaluators.hpp>
#include <medcheck/check/input_finding.hpp>
#include <medcheck/check/order_cache.hpp>
#include <medcheck/check/resolve.hpp>

#include <absl/container/inlined_vector.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace medcheck::check {

namespace {

void add_issue_finding(std::vector<model::Finding>& findings, const model::InputIssue& issue) {
    add_input_finding(findings, issue.field, issue.field + ": " + issue.message).order = issue.order;
}

// Texts compared as string_view::compare does (by unsigned bytes, then length), its sign only: the
// drugs and kinds of a patient's findings mostly differ in their first byte, decided here without the
// call to compare the rest.
int compare_views(std::string_view a, std::string_view b) {
    if (!a.empty() && !b.empty() && a.front() != b.front()) {
        return static_cast<unsigned char>(a.front()) < static_cast<unsigned char>(b.front()) ? -1 : 1;
    }
    return a.compare(b);
}

// Texts compared for order: a rule's texts are mostly borrowed, and one borrowed text equals itself
// without comparing its bytes.
int compare_texts(const model::Text& a, const model::Text& b) {
    if (a.borrowed() != nullptr && a.borrowed() == b.borrowed()) {
        return 0;
    }
    return compare_views(a.view(), b.view());
}

// Drugs compared for order, none as the empty text: most borrow the rule set's drug keys.
int compare_drugs(const std::optional<model::Text>& a, const std::optional<model::Text>& b) {
    if (a && b) {
        return compare_texts(*a, *b);
    }
    const std::string_view drug_a = a ? a->view() : std::string_view();
    const std::string_view drug_b = b ? b->view() : std::string_view();
    return compare_views(drug_a, drug_b);
}

// Whether finding `a` comes before `b`: worst first, then drug, kind, rule, order, message.
bool comes_before(const model::Finding& a, const model::Finding& b) {
    if (a.severity != b.severity) {
        return a.severity > b.severity;
    }
    if (const int c = compare_drugs(a.drug, b.drug); c != 0) {
        return c < 0;
    }
    if (const int c = compare_texts(a.kind, b.kind); c != 0) {
        return c < 0;
    }
    if (const int c = compare_texts(a.rule_id, b.rule_id); c != 0) {
        return c < 0;
    }
    if (a.order != b.order) {
        return a.order < b.order;
    }
    return compare_texts(a.message, b.message) < 0;
}

// Puts findings[position[k]] at k for every k, following each cycle of the permutation: a finding
// out of place moves once (plus one held aside per cycle), with nothing allocated.
void permute(std::vector<model::Finding>& findings, std::span<std::uint32_t> position) {
    for (std::uint32_t start = 0; start < position.size(); ++start) {
        if (position[start] == start) {
            continue;
        }
        model::Finding held = std::move(findings[start]);
        std::uint32_t at = start;
        while (position[at] != start) {
            const std::uint32_t from = position[at];
            findings[at] = std::move(findings[from]);
            position[at] = at;
            at = from;
        }
        findings[at] = std::move(held);
        position[at] = at;
    }
}

// Positions 0..n-1 of `findings` sorted into output order; findings that tie keep the order found.
void sort_positions(const std::vector<model::Finding>& findings, std::span<std::uint32_t> position) {
    for (std::uint32_t i = 0; i < position.size(); ++i) {
        position[i] = i;
    }
    auto before = [&](std::uint32_t ia, std::uint32_t ib) {
        return comes_before(findings[ia], findings[ib]);
    };
    if (position.size() > 32) {
        std::stable_sort(position.begin(), position.end(), before);
        return;
    }
    // A patient's few findings by insertion (stable, and no buffer allocated per patient).
    for (std::size_t i = 1; i < position.size(); ++i) {
        const std::uint32_t moving = position[i];
        std::size_t j = i;
        for (; j > 0 && before(moving, position[j - 1]); --j) {
            position[j] = position[j - 1];
        }
        position[j] = moving;
    }
}

// The verdict of findings whose first in output order is `first` (null: none): its severity is the
// worst, and none is above info when it is info.
model::Verdict verdict_led_by(const model::Finding* first) {
    std::optional<model::Severity> worst;
    if (first != nullptr && first->severity != model::Severity::info) {
        worst = first->severity;
    }
    return model::verdict_for(worst);
}

} // namespace

void finalize(CheckResult& result) {
    // Sorts positions and moves each finding out of place once: a finding is large.
    auto& findings = result.findings;
    absl::InlinedVector<std::uint32_t, 16> position(findings.size());
    sort_positions(findings, position);
    permute(findings, position);
    result.finding_order.clear();
    result.verdict = verdict_led_by(findings.empty() ? nullptr : &findings.front());
}

void finalize_order(CheckResult& result) {
    // A batch's path: every finding of every patient, none of them moved.
    result.finding_order.resize(result.findings.size());
    sort_positions(result.findings, result.finding_order);
    result.verdict = verdict_led_by(result.findings.empty() ? nullptr : &result.finding_at(0));
}

namespace {

// One order read against its drug's terms: resolved (once per thread with a cache), then its dose,
// unit, frequency and duration interpreted. An unresolved drug is an unverifiable order.
OrderFacts read_order(const model::MedicationOrder& order, int index, const rules::RuleSet& rules,
                      const CheckOptions& options, CheckResult& result) {
    Resolution resolved_here;
    const Resolution& resolution =
        options.resolve_cache != nullptr
            ? options.resolve_cache->resolve(order.drug, {order.unit, order.route})
            : (resolved_here = resolve_drug(order.drug, rules, {order.unit, order.route}));
    const bool describe = options.describe_orders;
    if (describe) {
        result.orders.push_back(
            {order.drug, resolution.drug ? resolution.drug->key : "", describe_order(order), {}, {}, {}});
    }
    if (resolution.drug == nullptr) {
        result.findings.push_back(unresolved_finding(order, index, resolution));
        OrderFacts unresolved;
        unresolved.index = index;
        if (describe) {
            result.orders.back().reading.text = "not read: the drug did not resolve";
        }
        return unresolved;
    }
    // The name states the route ("Acetaminophen IV") and the order none: check the rules of that route.
    const model::MedicationOrder* read = &order;
    model::MedicationOrder routed;
    if (order.route.empty() && !resolution.route.empty()) {
        routed = order;
        routed.route = resolution.route;
        read = &routed;
    }
    OrderFacts facts =
        interpret_order(*read, index, *resolution.drug, {resolution.unit_strength, resolution.mg_per_ml},
                        result.findings, describe);
    if (describe) {
        result.orders.back().reading = facts.reading;
        result.orders.back().ingredients = facts.amounts;
        if (facts.dose_ok && !facts.amounts.empty()) {
            result.orders.back().daily_mg = facts.amounts.front().daily_mg;
        }
    }
    return facts;
}

// Every order read, in input order, into the first places of `orders` (its elements reused: a copy
// from the cache keeps their room), and `read` pointed at each order's reading. With a cache (a batch), an
// order read before without findings is copied in as it was read; one read before with findings at the same
// place (its findings name the place) is copied in with them, and any other read anew. A caller that keys
// orders itself (CheckOptions::orders_known, order_keys) gives the readings it found, read where they are
// (`read` points there; their place in `orders` is left as it was), and the key to keep a new reading under.
void read_orders(const model::Case& input, const rules::RuleSet& rules, const CheckOptions& options,
                 CheckResult& result, std::vector<OrderFacts>& orders, std::span<const OrderFacts*> read) {
    OrderCache* const cache = options.describe_orders ? nullptr : options.order_cache;
    // Grown (never shrunk: what a longer case left is room kept) before any is pointed at: nothing
    // moves them after.
    if (orders.size() < input.medications.size()) {
        orders.resize(input.medications.size());
    }
    for (std::size_t i = 0; i < input.medications.size(); ++i) {
        const model::MedicationOrder& order = input.medications[i];
        const int index = static_cast<int>(i);
        if (const OrderFacts* known = i < options.orders_known.size() ? options.orders_known[i] : nullptr) {
            if (known->index != index) { // its findings would name another order
                throw std::invalid_argument("check_case: a known reading is of another order's place");
            }
            read[i] = known;
            continue;
        }
        read[i] = &orders[i];
        if (cache == nullptr) {
            orders[i] = read_order(order, index, rules, options, result);
            continue;
        }
        const std::string_view key =
            i < options.order_keys.size() ? options.order_keys[i] : std::string_view();
        if (key.empty()) {
            if (const OrderFacts* known = cache->find(order); known != nullptr) {
                orders[i] = *known;
                orders[i].index = index;
                continue;
            }
        }
        // Read before at this place with findings: the same facts and findings (which name the place).
        if (const auto* known = cache->find_with_findings(key, index); known != nullptr) {
            orders[i] = known->facts;
            result.findings.insert(result.findings.end(), known->findings.begin(), known->findings.end());
            continue;
        }
        const std::size_t findings_before = result.findings.size();
        orders[i] = read_order(order, index, rules, options, result);
        if (result.findings.size() != findings_before) {
            cache->remember_with_findings(
                key, index, orders[i],
                std::span<const model::Finding>(result.findings).subspan(findings_before));
            continue;
        }
        if (key.empty()) {
            cache->remember(orders[i]);
        } else {
            cache->remember(key, orders[i]);
        }
    }
}

// What the patient's continuing orders say about them: the drug groups already taken (for
// first-line rules) and opioid tolerance (for MME rules).
void add_continuing_context(const detail::OrderList& orders, const rules::RuleSet& rules,
                            PatientContext& patient) {
    for (const auto& order : orders) {
        if (order.drug == nullptr || !order.continuing) {
            continue;
        }
        for (const auto& component : order.drug->components) {
            const auto it = rules.ingredients.find(component.ingredient);
            if (it != rules.ingredients.end()) {
                patient.continuing_groups.insert(it->second.groups.begin(), it->second.groups.end());
            }
        }
    }
    if (detail::continuing_mme(orders, rules) >= detail::k_opioid_tolerant_mme_per_day - 1e-9) {
        patient.derived_conditions.insert("opioid_tolerant");
    }
    index_population_terms(rules.population_terms, patient);
}

// Words of the sig the reader does not know, by order, each once, in the order reported.
std::vector<std::vector<std::string_view>> unread_words(const model::Case& input) {
    std::vector<std::vector<std::string_view>> words(input.medications.size());
    for (const auto& issue : input.issues) {
        const std::string_view word = model::unrecognised_word(issue);
        if (word.empty() || !issue.order || *issue.order < 0 ||
            static_cast<std::size_t>(*issue.order) >= words.size()) {
            continue;
        }
        auto& list = words[static_cast<std::size_t>(*issue.order)];
        if (std::find(list.begin(), list.end(), word) == list.end()) {
            list.push_back(word);
        }
    }
    return words;
}

// An order read without some of its words was checked on what was read, which may be less than the
// order allows ("1 capsule tid, 2 at weekends" reads three a day without "2 at weekends"). Its reading is
// therefore never shown as the order's: `read` false, the amounts null (contract: what could not be read is
// null), and the text says what was read and that the order may allow more.
void mark_partly_read(CheckedOrder& order, const std::vector<std::string_view>& words) {
    OrderReading& reading = order.reading;
    if (!reading.read || words.empty()) {
        return; // a reading that failed already says why
    }
    constexpr std::size_t k_named = 8;
    std::string named;
    for (std::size_t i = 0; i < words.size() && i < k_named; ++i) {
        named += (i == 0 ? "'" : ", '") + std::string(words[i]) + "'";
    }
    if (words.size() > k_named) {
        named += ", ...";
    }
    reading.text = "partly read: words not read (" + named + "); the words read give " + reading.text +
                   ", and the order may allow more";
    reading.read = false;
    reading.dose_min.reset();
    reading.dose_max.reset();
    reading.doses_per_day_max.reset();
    reading.duration_days.reset();
    order.daily_mg.reset();
    order.ingredients.clear();
}

} // namespace

CheckResult check_case(const model::Case& input, const rules::RuleSet& rules, const CheckOptions& options) {
    CheckResult result;
    std::vector<OrderFacts> orders;
    check_case(input, rules, options, result, orders);
    return result;
}

void check_case(const model::Case& input, const rules::RuleSet& rules, const CheckOptions& options,
                CheckResult& result, std::vector<OrderFacts>& orders) {
    if (options.describe_orders && !options.orders_known.empty()) {
        throw std::invalid_argument("check_case: orders_known is for cases whose orders are not described");
    }
    result.verdict = model::Verdict::ok;
    result.orders.clear();
    result.total_mme.reset();
    result.rules_evaluated = 0;
    auto& findings = result.findings;
    findings.clear();
    // Room for the usual few findings an order brings: one allocation instead of growing by moves.
    findings.reserve(input.issues.size() + 2 * input.medications.size() + 4);
    for (const auto& issue : input.issues) {
        add_issue_finding(findings, issue);
    }
    derive_patient(input, rules, findings, result.patient);

    // The orders' readings where they are: read here into `orders`, or found by the caller (kept by
    // it until this returns). A patient has few: the list stays on the stack.
    absl::InlinedVector<const OrderFacts*, 8> read(input.medications.size());
    read_orders(input, rules, options, result, orders, read);
    const detail::OrderList list(read);
    if (options.describe_orders) {
        const auto words = unread_words(input);
        for (std::size_t i = 0; i < result.orders.size() && i < words.size(); ++i) {
            mark_partly_read(result.orders[i], words[i]);
        }
    }
    add_continuing_context(list, rules, result.patient);
    detail::SummedRules summed;
    for (const OrderFacts& order : list) {
        if (order.drug != nullptr) {
            detail::evaluate_order_rules(order, list, result.patient, rules, findings, result.rules_evaluated,
                                         summed);
        }
    }
    detail::evaluate_cumulative(list, result.patient, rules, findings);
    detail::evaluate_daily_totals(summed, result.patient, rules, findings);
    detail::evaluate_interactions(list, result.patient, rules, findings);
    detail::evaluate_first_line(list, result.patient, rules, findings);
    result.total_mme = detail::evaluate_mme(list, rules, findings);
    if (options.sort_findings) {
        finalize(result);
    } else {
        finalize_order(result);
    }
}

} // namespace medcheck::check
