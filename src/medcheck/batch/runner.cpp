#include <medcheck/batch/runner.hpp>

#include <medcheck/batch/stored_order_key.hpp>
#include <medcheck/batch/time_axis.hpp>
#include <medcheck/check/engine.hpp>
#include <medcheck/check/order_cache.hpp>
#include <medcheck/check/resolve.hpp>

#include <absl/container/flat_hash_map.h>

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace medcheck::batch {

namespace {

constexpr std::size_t k_block_patients = 256;
// Patients ahead of the one being checked whose last order, and at half the distance whose last but
// one, are prefetched (PatientStore::prefetch_orders); at twice the distance, their records.
constexpr std::size_t k_prefetch_patients = 8;

// What a patient's findings repeat, worked out at the first finding that needs it: each order's record
// reference and whether its texts need JSON escaping. A patient has a few orders and several findings,
// each of which named them again.
class PatientTexts {
  public:
    // `plain_prefixes`: by input, whether its record prefix is json_plain (a record number's digits are).
    void start(const StoredPatient& patient, std::span<const StoredOrder> orders, const RunOptions& options,
               std::span<const std::uint8_t> plain_prefixes) {
        m_patient = &patient;
        m_orders = orders;
        m_options = &options;
        m_plain_prefixes = plain_prefixes;
        m_patient_ref.clear();
        m_known.assign(orders.size(), k_unknown);
        if (m_records.size() < orders.size()) {
            m_records.resize(orders.size());
        }
        m_patient_plain = json_plain(patient.id());
    }
    bool valid(int index) const { return index >= 0 && static_cast<std::size_t>(index) < m_orders.size(); }
    // The order's record reference ("export.csv:12", "MedicationRequest/rx1"); `index` valid.
    std::string_view record(int index) {
        know(index);
        return m_records[static_cast<std::size_t>(index)];
    }
    // Whether the order's record reference and id go into JSON as they are; `index` valid.
    bool plain(int index) {
        know(index);
        return m_known[static_cast<std::size_t>(index)] == k_plain;
    }
    std::string_view id(int index) const { return m_orders[static_cast<std::size_t>(index)].source_id; }
    bool patient_plain() const { return m_patient_plain; }
    // The patient's own reference, for findings about no order in particular.
    std::string_view patient_ref(bool& plain) {
        if (m_patient_ref.empty()) {
            append_patient_reference(m_patient_ref, *m_patient, m_options->record_prefixes);
            m_patient_ref_plain = json_plain(m_patient_ref);
        }
        plain = m_patient_ref_plain;
        return m_patient_ref;
    }

  private:
    static constexpr std::uint8_t k_unknown = 0;
    static constexpr std::uint8_t k_plain = 1;
    static constexpr std::uint8_t k_escaped = 2;
    // Inline: most look-ups (270k in a 100k-row batch) find the order known, and a call each cost 5M
    // instructions.
    void know(int index) {
        if (m_known[static_cast<std::size_t>(index)] == k_unknown) {
            learn(static_cast<std::size_t>(index));
        }
    }
    void learn(std::size_t i) {
        std::string& text = m_records[i];
        text.clear();
        const StoredOrder& order = m_orders[i];
        append_order_reference(text, order, m_options->record_prefixes);
        // A record's reference is its input's prefix and digits: plain as the prefix is, found once.
        const bool record_plain = order.resource_id.empty() && order.location.input < m_plain_prefixes.size()
                                      ? m_plain_prefixes[order.location.input] != 0
                                      : json_plain(text);
        m_known[i] = record_plain && json_plain(order.source_id) ? k_plain : k_escaped;
    }
    const StoredPatient* m_patient = nullptr;
    std::span<const StoredOrder> m_orders;
    const RunOptions* m_options = nullptr;
    std::span<const std::uint8_t> m_plain_prefixes;
    std::vector<std::string> m_records; // reused from patient to patient, with their buffers
    std::vector<std::uint8_t> m_known;
    std::string m_patient_ref;
    bool m_patient_ref_plain = false;
    bool m_patient_plain = false;
};

// Findings counted by the address of their kind's text, a rule's (model::Text::borrowed): an open-
// addressed table (linear probing, at most half full) probed about once per finding, where a general
// hash map spent some 40 instructions hashing the address and matching a group.
class RuleKindCounts {
  public:
    void add(const std::string* kind) {
        std::size_t i = slot(kind);
        for (; m_slots[i].kind != nullptr; i = next(i)) {
            if (m_slots[i].kind == kind) {
                ++m_slots[i].count;
                return;
            }
        }
        if (2 * (m_used + 1) > m_slots.size()) {
            grow();
            i = free_slot(kind);
        }
        m_slots[i] = {kind, 1};
        ++m_used;
    }
    template <class Visit> void for_each(Visit visit) const {
        for (const Slot& s : m_slots) {
            if (s.kind != nullptr) {
                visit(*s.kind, s.count);
            }
        }
    }

  private:
    struct Slot {
        const std::string* kind = nullptr;
        std::uint64_t count = 0;
    };
    static constexpr int k_start_bits = 4; // grown as a block meets more kinds (every run grows it)
    // Fibonacci hashing of the address, as PlainRuleTexts.
    std::size_t slot(const std::string* kind) const {
        const auto address = reinterpret_cast<std::uintptr_t>(kind); // NOLINT: hashed, not dereferenced
        return static_cast<std::size_t>((address * 0x9E3779B97F4A7C15ULL) >> (64 - m_bits));
    }
    std::size_t next(std::size_t i) const { return (i + 1) & (m_slots.size() - 1); }
    std::size_t free_slot(const std::string* kind) const {
        std::size_t i = slot(kind);
        while (m_slots[i].kind != nullptr) {
            i = next(i);
        }
        return i;
    }
    void grow() {
        std::vector<Slot> old(std::size_t{2} << m_bits);
        old.swap(m_slots);
        ++m_bits;
        for (const Slot& s : old) {
            if (s.kind != nullptr) {
                m_slots[free_slot(s.kind)] = s;
            }
        }
    }
    int m_bits = k_start_bits;
    std::vector<Slot> m_slots = std::vector<Slot>(std::size_t{1} << k_start_bits);
    std::size_t m_used = 0;
};

// The ids of the orders a finding is about: its own order, and every order it combines. Fills
// `source` (reused from finding to finding, so its list is not allocated each time), with whether
// they and the patient id need no JSON escaping; returns the finding's record reference.
std::string_view fill_finding_source(PatientTexts& texts, const model::Finding& finding,
                                     FindingSource& source) {
    bool plain = texts.patient_plain();
    std::string_view record;
    const bool order_level = finding.order && texts.valid(*finding.order);
    if (order_level) {
        record = texts.record(*finding.order);
        plain = plain && texts.plain(*finding.order);
        source.prescription_id = texts.id(*finding.order);
    } else {
        bool ref_plain = false;
        record = texts.patient_ref(ref_plain);
        plain = plain && ref_plain;
        source.prescription_id = std::string_view();
    }
    source.prescription_ids.clear();
    for (const int index : finding.orders) {
        if (!texts.valid(index)) {
            continue;
        }
        const std::string_view id = texts.id(index);
        if (!id.empty() && std::find(source.prescription_ids.begin(), source.prescription_ids.end(), id) ==
                               source.prescription_ids.end()) {
            source.prescription_ids.push_back(id);
            plain = plain && texts.plain(index);
        }
    }
    if (finding.orders.empty() && !source.prescription_id.empty()) {
        source.prescription_ids.push_back(source.prescription_id);
    }
    source.ids_plain = plain;
    return record;
}

struct BlockResult {
    TextBuffer text;
    RunStats stats;
};

// What every checking thread reads.
struct RunInputs {
    const std::vector<PatientRef>& patients;
    const rules::RuleSet& rules;
    const RunOptions& options;
    PlainRuleTexts plain_texts;               // of `rules`
    std::vector<std::uint8_t> plain_prefixes; // by input: options.record_prefixes[input] is json_plain
};

std::vector<std::uint8_t> plain_prefixes(const std::vector<std::string>& record_prefixes) {
    std::vector<std::uint8_t> plain;
    plain.reserve(record_prefixes.size());
    for (const std::string& prefix : record_prefixes) {
        plain.push_back(json_plain(prefix) ? 1 : 0);
    }
    return plain;
}

// What a checking thread remembers from patient to patient: names resolved, orders read, and the
// readings found by orders' stored fields (kept for the whole run, not a block's patients).
struct ThreadCaches {
    check::ResolveCache names;
    check::OrderCache orders;
    StoredOrderReadings stored_orders;

    explicit ThreadCaches(const RunInputs& run) : names(run.rules, run.options.known_names) {}
};

// Prefetches the orders of the patients k_prefetch_patients ahead of `i` (its last order) and half
// as far ahead (its last but one, once the last is loaded), within [i, end).
void prefetch_ahead(const std::vector<PatientRef>& patients, std::size_t i, std::size_t end) {
    // The record of the patient twice as far ahead, which the prefetch of its orders reads: loaded by
    // then instead of waited for there.
    if (const std::size_t farther = i + 2 * k_prefetch_patients; farther < end) {
        prefetch_record(*patients[farther].patient);
    }
    if (const std::size_t far = i + k_prefetch_patients; far < end) {
        patients[far].store->prefetch_orders(*patients[far].patient, false);
    }
    if (const std::size_t near = i + k_prefetch_patients / 2; near < end) {
        patients[near].store->prefetch_orders(*patients[near].patient, true);
    }
}

// Checks a thread's patients one at a time with what it reuses from one to the next (the patient's
// orders, case, result and orders as read), so that checking most patients allocates nothing.
class PatientChecker {
  public:
    PatientChecker(const RunInputs& run, ThreadCaches& caches)
        : m_run(run), m_caches(caches),
          m_case_options(run.options.case_options), m_check_options{.describe_orders = false,
                                                                    .resolve_cache = &caches.names,
                                                                    .order_cache = &caches.orders,
                                                                    .sort_findings = false} {
        // References and ids are looked up for the findings written, not built for every order.
        m_case_options.references = false;
    }
    // The patient's result, valid until the next call; its orders as stored are orders().
    const check::CheckResult& check(const PatientStore& store, const StoredPatient& patient) {
        // Orders read before (most are) are neither built nor read again, nor decoded in full.
        StoredOrderReadings& known = m_caches.stored_orders;
        known.look_up(patient, store, m_orders, m_caches.orders);
        const model::Case& input = m_cases.build(patient, m_orders, store, m_case_options,
                                                 m_run.options.record_prefixes, known.readings());
        // Read in place: kept by `known` until its next look_up, the next patient's.
        m_check_options.orders_known = known.readings();
        m_check_options.order_keys = known.keys();
        check_patient(input, patient, m_run.rules, m_check_options, m_checked, m_read);
        return m_checked;
    }
    std::span<const StoredOrder> orders() const { return m_orders; }

  private:
    const RunInputs& m_run;
    ThreadCaches& m_caches;
    CaseOptions m_case_options;
    check::CheckOptions m_check_options;
    std::vector<StoredOrder> m_orders;
    CaseBuilder m_cases;
    check::CheckResult m_checked;
    std::vector<check::OrderFacts> m_read;
};

// `text`: an emptied buffer whose room is reused (one of the blocks written before); `expected_bytes`:
// the text's likely size (the thread's previous block), reserved so that it does not grow by copying.
BlockResult check_block(const RunInputs& run, std::size_t block, ThreadCaches& caches, TextBuffer text,
                        std::size_t expected_bytes) {
    const auto& [patients, rules, options, plain_texts, plain_prefixes] = run;
    BlockResult result{.text = std::move(text), .stats = {}};
    result.text.clear();
    result.text.reserve(expected_bytes + expected_bytes / 4);
    const std::size_t begin = block * k_block_patients;
    const std::size_t end = std::min(patients.size(), begin + k_block_patients);
    PatientChecker checker(run, caches);
    FindingSource source;
    PatientTexts texts;
    // Counted by kind in flat tables (one probe per finding), merged into the stats' map at the end: a
    // rule's kind by the address of its text (not hashed again for every finding), any other by text.
    RuleKindCounts by_rule_kind;
    absl::flat_hash_map<std::string, std::uint64_t> by_kind;
    for (std::size_t i = begin; i < end; ++i) {
        prefetch_ahead(patients, i, end);
        const PatientStore& store = *patients[i].store;
        const StoredPatient& patient = *patients[i].patient;
        if (patient.orders.empty()) {
            ++result.stats.patients_without_orders;
            continue;
        }
        const check::CheckResult& checked = checker.check(store, patient);
        RunStats& stats = result.stats;
        ++stats.patients_checked;
        ++stats.patients_by_verdict[static_cast<std::size_t>(checked.verdict)];
        if (!stats.worst || checked.verdict > *stats.worst) {
            stats.worst = checked.verdict;
        }
        texts.start(patient, checker.orders(), options, plain_prefixes);
        // Written in output order through finding_order: the findings themselves are not sorted.
        for (std::size_t k = 0; k < checked.findings.size(); ++k) {
            const model::Finding& finding = checked.finding_at(k);
            ++stats.findings;
            ++stats.findings_by_severity[static_cast<std::size_t>(finding.severity)];
            if (const std::string* kind = finding.kind.borrowed()) {
                by_rule_kind.add(kind);
            } else {
                ++by_kind[finding.kind.str()];
            }
            const std::string_view record = fill_finding_source(texts, finding, source);
            append_finding(result.text, options.format, patient.id(), record, source, finding, &plain_texts);
        }
    }
    by_rule_kind.for_each(
        [&](const std::string& kind, std::uint64_t count) { result.stats.findings_by_kind[kind] += count; });
    for (const auto& [kind, count] : by_kind) {
        result.stats.findings_by_kind[kind] += count;
    }
    return result;
}

// Blocks shared between checking workers and the writing thread. Workers take blocks in any order
// and stay at most `window` blocks ahead of the writer, which bounds the memory held in finished
// blocks; the writer takes them in block order. The first error stops everyone. A written block's
// text buffer comes back for a later block: a fresh buffer for each block (half a megabyte) left the
// allocator (mimalloc) some 20 MB freed but not yet returned to the system at the peak of a batch.
class BlockQueue {
  public:
    BlockQueue(std::size_t blocks, std::size_t window) : m_done(blocks), m_window(window) {}

    // The next block to check; false when there is none left or a thread failed.
    bool take(std::size_t& block) {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock,
                       [&] { return m_failed || m_next >= m_done.size() || m_next < m_written + m_window; });
        if (m_failed || m_next >= m_done.size()) {
            return false;
        }
        block = m_next++;
        return true;
    }
    void finish(std::size_t block, std::unique_ptr<BlockResult> result) {
        {
            std::lock_guard lock(m_mutex);
            m_done[block] = std::move(result);
        }
        m_changed.notify_all();
    }
    // Block `block` once it is checked; null when a thread failed.
    std::unique_ptr<BlockResult> wait_for(std::size_t block) {
        std::unique_ptr<BlockResult> result;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [&] { return m_failed || m_done[block] != nullptr; });
            if (!m_failed) {
                result = std::move(m_done[block]);
                m_written = block + 1;
            }
        }
        m_changed.notify_all();
        return result;
    }
    // A written block's buffer, to be reused; an empty one when none is left.
    TextBuffer spare_text() {
        std::lock_guard lock(m_mutex);
        if (m_spare.empty()) {
            return {};
        }
        TextBuffer text = std::move(m_spare.back());
        m_spare.pop_back();
        return text;
    }
    void give_back(TextBuffer text) {
        std::lock_guard lock(m_mutex);
        m_spare.push_back(std::move(text));
    }
    // Records the current exception (the first one is kept) and stops every thread.
    void fail() {
        {
            std::lock_guard lock(m_mutex);
            m_failed = true;
            if (!m_error) {
                m_error = std::current_exception();
            }
        }
        m_changed.notify_all();
    }
    void rethrow_if_failed() const {
        if (m_error) {
            std::rethrow_exception(m_error);
        }
    }

  private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<std::unique_ptr<BlockResult>> m_done;
    std::vector<TextBuffer> m_spare; // at most as many as blocks are ever checked or waiting at once
    std::size_t m_window;
    std::size_t m_next = 0;
    std::size_t m_written = 0;
    bool m_failed = false;
    std::exception_ptr m_error;
};

// Checks and delivers every block in turn on this thread, one text buffer written again each time.
template <class Deliver> void check_in_turn(const RunInputs& run, std::size_t blocks, Deliver& deliver) {
    ThreadCaches caches(run);
    std::size_t expected_bytes = 0;
    TextBuffer text;
    for (std::size_t block = 0; block < blocks; ++block) {
        BlockResult result = check_block(run, block, caches, std::move(text), expected_bytes);
        expected_bytes = result.text.size();
        deliver(result, block);
        text = std::move(result.text);
    }
}

} // namespace

void RunStats::merge(const RunStats& other) {
    findings += other.findings;
    for (std::size_t i = 0; i < findings_by_severity.size(); ++i) {
        findings_by_severity[i] += other.findings_by_severity[i];
        patients_by_verdict[i] += other.patients_by_verdict[i];
    }
    for (const auto& [kind, count] : other.findings_by_kind) {
        findings_by_kind[kind] += count;
    }
    patients_checked += other.patients_checked;
    patients_without_orders += other.patients_without_orders;
    if (other.worst && (!worst || *other.worst > *worst)) {
        worst = other.worst;
    }
}

RunStats run_checks(const PatientStore& store, const rules::RuleSet& rules, const RunOptions& options,
                    std::ostream& out) {
    return run_checks(patients_of(store), rules, options, out);
}

RunStats run_checks(const std::vector<PatientRef>& patients, const rules::RuleSet& rules,
                    const RunOptions& options, std::ostream& out) {
    RunStats total;
    const RunInputs run{patients, rules, options, PlainRuleTexts(rules),
                        plain_prefixes(options.record_prefixes)};
    const std::size_t blocks = (patients.size() + k_block_patients - 1) / k_block_patients;
    auto deliver = [&](BlockResult& result, std::size_t block) {
        out.write(result.text.view().data(), static_cast<std::streamsize>(result.text.size()));
        total.merge(result.stats);
        if (options.on_progress) {
            options.on_progress(std::min(patients.size(), (block + 1) * k_block_patients), patients.size());
        }
    };
    if (options.jobs <= 1 || blocks <= 1) {
        check_in_turn(run, blocks, deliver);
        return total;
    }
    // Workers check blocks in any order; this thread writes them in block order.
    BlockQueue queue(blocks, static_cast<std::size_t>(options.jobs) * 4);
    auto work = [&] {
        ThreadCaches caches(run);
        std::size_t block = 0;
        std::size_t expected_bytes = 0;
        while (queue.take(block)) {
            try {
                auto result = std::make_unique<BlockResult>(
                    check_block(run, block, caches, queue.spare_text(), expected_bytes));
                expected_bytes = result->text.size();
                queue.finish(block, std::move(result));
            } catch (...) {
                queue.fail();
            }
        }
    };
    std::vector<std::thread> workers;
    workers.reserve(options.jobs);
    for (unsigned i = 0; i < options.jobs; ++i) {
        workers.emplace_back(work);
    }
    try {
        for (std::size_t block = 0; block < blocks; ++block) {
            const std::unique_ptr<BlockResult> result = queue.wait_for(block);
            if (result == nullptr) {
                break;
            }
            deliver(*result, block);
            queue.give_back(std::move(result->text));
        }
    } catch (...) {
        queue.fail();
    }
    for (auto& worker : workers) {
        worker.join();
    }
    queue.rethrow_if_failed();
    return total;
}

} // namespace medcheck::batch
