#include <medcheck/batch/time_axis.hpp>

#include <medcheck/check/engine.hpp>
#include <medcheck/util/date_time.hpp>
#include <medcheck/util/text.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <unordered_map>

namespace medcheck::batch {

using util::days_from_civil;

namespace {

constexpr std::int64_t k_min_time = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t k_max_time = std::numeric_limits<std::int64_t>::max();

struct Window {
    std::int64_t start = k_min_time;
    std::int64_t end = k_max_time;
};

Window window_of(const model::MedicationOrder& order) {
    Window w;
    if (order.start_s) {
        w.start = *order.start_s;
    }
    if (order.end_s) {
        w.end = *order.end_s;
    }
    // A window that ends at or before its start (a one-time order) is active at its start.
    if (w.end <= w.start) {
        w.end = w.start + 1;
    }
    return w;
}

// The latest value at or before `at`; none when every value is later.
std::optional<double> latest_before(const std::vector<TimedValue>& series, std::int64_t at) {
    const TimedValue* best = nullptr;
    for (const TimedValue& value : series) {
        if (value.at_s <= at && !std::isnan(value.value) && (best == nullptr || value.at_s >= best->at_s)) {
            best = &value;
        }
    }
    return best ? std::optional<double>(best->value) : std::nullopt;
}

std::string finding_key(const model::Finding& f) {
    std::string key = f.rule_id;
    key += '\x1f';
    key += f.kind;
    key += '\x1f';
    if (f.drug) {
        key += f.drug->view();
    }
    key += '\x1f';
    key += f.order ? std::to_string(*f.order) : "-";
    for (const int order : f.orders) {
        key += ',';
        key += std::to_string(order);
    }
    if (!f.order && f.orders.empty()) {
        key += '\x1f';
        key += f.message; // case-level findings: one per distinct message
    }
    return key;
}

// Whether `a` should replace an identical finding `b` kept so far: the worse one is kept.
bool worse(const model::Finding& a, const model::Finding& b) {
    if (a.severity != b.severity) {
        return a.severity > b.severity;
    }
    return a.actual && (!b.actual || *a.actual > *b.actual);
}

} // namespace

std::vector<ConcurrentSet> concurrent_sets(const std::vector<model::MedicationOrder>& orders,
                                           std::span<const std::int64_t> factor_times) {
    std::vector<int> untimed;
    std::vector<std::pair<Window, int>> timed;
    for (std::size_t i = 0; i < orders.size(); ++i) {
        if (orders[i].start_s || orders[i].end_s) {
            timed.emplace_back(window_of(orders[i]), static_cast<int>(i));
        } else {
            untimed.push_back(static_cast<int>(i));
        }
    }
    std::vector<ConcurrentSet> sets;
    if (timed.empty()) {
        return sets;
    }
    // The times a set is taken at: every order's start, and every change of a patient factor while an
    // order is active (its orders are then checked with the factors before and after the change).
    std::vector<std::int64_t> points;
    points.reserve(timed.size());
    for (const auto& [window, index] : timed) {
        points.push_back(window.start);
    }
    for (const std::int64_t t : factor_times) {
        if (std::any_of(timed.begin(), timed.end(),
                        [&](const auto& entry) { return entry.first.start <= t && t < entry.first.end; })) {
            points.push_back(t);
        }
    }
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());
    for (std::size_t k = 0; k < points.size(); ++k) {
        const std::int64_t t = points[k];
        // The set at t is contained in the set at the next point exactly when none of its members ends
        // before that point (windows are intervals); it is maximal otherwise. Before a change of the
        // factors it is kept as well: they may be worse now than after.
        bool maximal = k + 1 == points.size() ||
                       std::binary_search(factor_times.begin(), factor_times.end(), points[k + 1]);
        ConcurrentSet set{t, untimed};
        bool any_timed = false;
        for (const auto& [window, index] : timed) {
            if (window.start <= t && t < window.end) {
                set.orders.push_back(index);
                any_timed = true;
                if (!maximal && window.end <= points[k + 1]) {
                    maximal = true;
                }
            }
        }
        if (maximal && any_timed) {
            std::sort(set.orders.begin(), set.orders.end());
            sets.push_back(std::move(set));
        }
    }
    return sets;
}

namespace {

// Every "medications[N]" in `text` with N replaced by renumber(N) (a negative answer leaves N): a set's
// case numbers its orders from 0, and the texts of findings and issues name orders by number.
template <typename Renumber> void renumber_orders(std::string& text, Renumber&& renumber) {
    static constexpr std::string_view k_prefix = "medications[";
    std::size_t at = text.find(k_prefix);
    while (at != std::string::npos) {
        const std::size_t digits = at + k_prefix.size();
        std::size_t end = digits;
        int number = 0;
        while (end < text.size() && end - digits < 9 && text[end] >= '0' && text[end] <= '9') {
            number = number * 10 + (text[end] - '0');
            ++end;
        }
        if (end > digits && end < text.size() && text[end] == ']') {
            if (const int renumbered = renumber(number); renumbered >= 0 && renumbered != number) {
                const std::string replacement = std::to_string(renumbered);
                text.replace(digits, end - digits, replacement);
                end = digits + replacement.size();
            }
        }
        at = text.find(k_prefix, end);
    }
}

// The case of one set of concurrent orders: the patient's factors as measured before the set began
// (export layouts give timed creatinine, weight and a birth date), its orders and their issues
// renumbered to the set, and the case-level issues.
model::Case concurrent_case(const model::Case& input, const StoredPatient& patient, const ConcurrentSet& set,
                            const std::vector<model::MedicationOrder>& bare) {
    model::Case part;
    part.indication = input.indication;
    part.patient = input.patient;
    if (set.at_s != k_min_time) {
        const IndirectFactors& indirect = patient.indirect_or_none();
        if (!indirect.creatinine_series.empty()) {
            part.patient.serum_creatinine_mg_dl = latest_before(indirect.creatinine_series, set.at_s);
        }
        if (!indirect.weight_series.empty()) {
            part.patient.weight_kg = latest_before(indirect.weight_series, set.at_s);
        }
        if (indirect.birth_date != 0 && std::isnan(patient.factors.age_years)) {
            if (const std::uint32_t on = date_of(set.at_s); on != 0) {
                part.patient.age_years = age_years(indirect.birth_date, on);
            }
        }
    }
    std::vector<int> local(input.medications.size(), -1);
    part.medications.reserve(set.orders.size());
    for (const int index : set.orders) {
        local[static_cast<std::size_t>(index)] = static_cast<int>(part.medications.size());
        part.medications.push_back(bare[static_cast<std::size_t>(index)]);
    }
    for (const model::InputIssue& issue : input.issues) {
        if (!issue.order) {
            part.issues.push_back(issue);
        } else if (*issue.order >= 0 && static_cast<std::size_t>(*issue.order) < local.size() &&
                   local[static_cast<std::size_t>(*issue.order)] >= 0) {
            model::InputIssue mapped = issue;
            mapped.order = local[static_cast<std::size_t>(*issue.order)];
            // Its texts in the set's numbers too, as the checker's own: merge_set_result numbers all back.
            auto to_local = [&](int global) {
                return global >= 0 && static_cast<std::size_t>(global) < local.size()
                           ? local[static_cast<std::size_t>(global)]
                           : -1;
            };
            renumber_orders(mapped.field, to_local);
            renumber_orders(mapped.message, to_local);
            part.issues.push_back(std::move(mapped));
        }
    }
    return part;
}

// The patient's result so far and what it has already taken from earlier sets.
struct MergedResult {
    check::CheckResult result;
    std::vector<bool> described;                       // orders whose description is taken
    std::unordered_map<std::string, std::size_t> seen; // finding key -> index in result.findings
};

// Adds one set's result: findings renumbered to the patient's orders, a finding found in several sets
// once (its worst occurrence), each order described by the first set that holds it, the highest MME.
void merge_set_result(check::CheckResult result, const ConcurrentSet& set, MergedResult& merged) {
    auto global = [&](int sub) {
        return sub >= 0 && static_cast<std::size_t>(sub) < set.orders.size()
                   ? set.orders[static_cast<std::size_t>(sub)]
                   : sub;
    };
    auto& findings = merged.result.findings;
    for (model::Finding& finding : result.findings) {
        if (finding.order) {
            finding.order = global(*finding.order);
        }
        for (int& order : finding.orders) {
            order = global(order);
        }
        // Texts too (an input finding's rule id holds its field): "medications[0]" of the set's case is
        // the patient's order it stands for.
        const auto to_global = [&](int sub) {
            return sub >= 0 && static_cast<std::size_t>(sub) < set.orders.size() ? global(sub) : -1;
        };
        for (model::Text* text : {&finding.message, &finding.rule_id}) {
            if (text->find("medications[") != std::string::npos) {
                renumber_orders(text->edit(), to_global);
            }
        }
        std::sort(finding.orders.begin(), finding.orders.end());
        const auto [it, inserted] = merged.seen.emplace(finding_key(finding), findings.size());
        if (inserted) {
            findings.push_back(std::move(finding));
        } else if (worse(finding, findings[it->second])) {
            findings[it->second] = std::move(finding);
        }
    }
    for (std::size_t i = 0; i < set.orders.size() && i < result.orders.size(); ++i) {
        const auto index = static_cast<std::size_t>(set.orders[i]);
        if (!merged.described[index]) {
            merged.result.orders[index] = std::move(result.orders[i]);
            merged.described[index] = true;
        }
    }
    auto& total_mme = merged.result.total_mme;
    if (result.total_mme && (!total_mme || *result.total_mme > *total_mme)) {
        total_mme = result.total_mme;
    }
    merged.result.rules_evaluated += result.rules_evaluated;
    merged.result.patient = std::move(result.patient);
}

// When the patient's factors change while orders run: creatinine and weight measurements, and the
// birthdays of an age taken from a birth date. Ascending.
std::vector<std::int64_t> factor_change_times(const model::Case& input, const StoredPatient& patient) {
    std::vector<std::int64_t> times;
    const IndirectFactors& indirect = patient.indirect_or_none();
    for (const auto* series : {&indirect.creatinine_series, &indirect.weight_series}) {
        for (const TimedValue& value : *series) {
            times.push_back(value.at_s);
        }
    }
    if (indirect.birth_date != 0 && std::isnan(patient.factors.age_years)) {
        std::int64_t first = k_max_time;
        std::int64_t last = k_min_time;
        for (const model::MedicationOrder& m : input.medications) {
            first = std::min(first, m.start_s.value_or(k_max_time));
            last = std::max(last, m.end_s.value_or(m.start_s.value_or(k_min_time)));
        }
        const auto year_of = [](std::int64_t s) { return static_cast<std::int64_t>(date_of(s) / 10000); };
        if (first != k_max_time && last != k_min_time && date_of(first) != 0 && date_of(last) != 0) {
            const unsigned month = indirect.birth_date / 100 % 100;
            const unsigned day = indirect.birth_date % 100;
            for (std::int64_t y = year_of(first); y <= year_of(last) && y <= year_of(first) + 200; ++y) {
                times.push_back(days_from_civil(y, month, day) * 86400);
            }
        }
    }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    return times;
}

} // namespace

void join_courses(std::vector<model::MedicationOrder>& orders) {
    // Windowed orders by drug name as written (lower case), then by start.
    std::vector<std::pair<std::string, std::size_t>> timed;
    for (std::size_t i = 0; i < orders.size(); ++i) {
        const model::MedicationOrder& m = orders[i];
        if (m.start_s && m.end_s && *m.end_s > *m.start_s) {
            timed.emplace_back(util::to_lower(util::trim(m.drug)), i);
        }
    }
    std::sort(timed.begin(), timed.end(), [&](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : *orders[a.second].start_s < *orders[b.second].start_s;
    });
    constexpr std::int64_t k_gap_s = 86400; // a day between two orders still continues the course
    for (std::size_t begin = 0; begin < timed.size();) {
        std::size_t end = begin + 1;
        std::int64_t course_end = *orders[timed[begin].second].end_s;
        while (end < timed.size() && timed[end].first == timed[begin].first &&
               *orders[timed[end].second].start_s <= course_end + k_gap_s) {
            course_end = std::max(course_end, *orders[timed[end].second].end_s);
            ++end;
        }
        if (end - begin >= 2) {
            const auto days =
                static_cast<double>(course_end - *orders[timed[begin].second].start_s) / 86400.0;
            for (std::size_t k = begin; k < end; ++k) {
                auto& duration = orders[timed[k].second].duration_days;
                duration = std::max(duration.value_or(0.0), days);
            }
        }
        begin = end;
    }
}

namespace {

bool has_windows(const model::Case& input) {
    return std::any_of(input.medications.begin(), input.medications.end(),
                       [](const model::MedicationOrder& m) { return m.start_s || m.end_s; });
}

} // namespace

void check_patient(const model::Case& input, const StoredPatient& patient, const rules::RuleSet& rules,
                   const check::CheckOptions& options, check::CheckResult& result,
                   std::vector<check::OrderFacts>& orders) {
    if (has_windows(input)) {
        result = check_patient(input, patient, rules, options);
    } else {
        check::check_case(input, rules, options, result, orders);
    }
}

check::CheckResult check_patient(const model::Case& input, const StoredPatient& patient,
                                 const rules::RuleSet& rules, const check::CheckOptions& options) {
    if (!has_windows(input)) {
        return check::check_case(input, rules, options);
    }
    MergedResult merged;
    if (options.describe_orders) {
        merged.result.orders.resize(input.medications.size());
    }
    merged.described.assign(input.medications.size(), false);
    // The orders without what the engine does not read (references, ids), copied once: every set
    // copies its orders from here. Whole copies, then clearing: a field-by-field copy silently
    // drops whatever the order gains later (a sig's ambiguities, stated maximum, strengths).
    std::vector<model::MedicationOrder> bare;
    bare.reserve(input.medications.size());
    for (const model::MedicationOrder& m : input.medications) {
        model::MedicationOrder& b = bare.emplace_back(m);
        b.reference.clear();
        b.source_id.clear();
    }
    join_courses(bare);
    const std::vector<std::int64_t> factor_times = factor_change_times(input, patient);
    // Each set's findings in output order: of a finding found twice in one set, the first is kept.
    check::CheckOptions sorted = options;
    sorted.sort_findings = true;
    for (const ConcurrentSet& set : concurrent_sets(input.medications, factor_times)) {
        merge_set_result(check::check_case(concurrent_case(input, patient, set, bare), rules, sorted), set,
                         merged);
    }
    check::finalize(merged.result);
    return std::move(merged.result);
}

} // namespace medcheck::batch
