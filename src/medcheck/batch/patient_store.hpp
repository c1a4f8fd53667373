#pragma once

#include <medcheck/batch/order_arena.hpp>
#include <medcheck/batch/stored_order.hpp>
#include <medcheck/model/case.hpp>
#include <medcheck/util/date_time.hpp>
#include <medcheck/util/huge_block.hpp>
#include <medcheck/util/words.hpp>

#include <absl/container/flat_hash_map.h>
#include <absl/hash/hash.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace medcheck::check {
struct OrderFacts;
} // namespace medcheck::check

namespace medcheck::batch {

// Most orders kept for one patient; further orders of that patient are rejected records.
inline constexpr std::size_t k_max_orders_per_patient = 1000;
// Most input issues kept for one patient (a hostile file could otherwise repeat them forever).
inline constexpr std::size_t k_max_issues_per_patient = 100;
// Longest patient id accepted.
inline constexpr std::size_t k_max_patient_id = 256;

// Text kept for the whole batch, packed end to end in large blocks that never move: a view of it stays
// valid as long as the arena. About 16 bytes less per text than a std::string, and no allocation
// per text (a batch keeps an order id per row).
class TextArena {
  public:
    std::string_view keep(std::string_view text);

  private:
    std::vector<std::unique_ptr<char[]>> m_blocks;
    char* m_next = nullptr; // the free end of the last block
    std::size_t m_left = 0; // bytes free there
};

// Interns short repeated strings (units, routes, frequencies, drug names, conditions): index 0 is "".
class StringPool {
  public:
    StringPool();
    std::uint32_t intern(std::string_view text);
    std::string_view at(std::uint32_t index) const { return m_strings[index]; }

  private:
    TextArena m_text;
    std::vector<std::string_view> m_strings; // views of m_text; [0] is ""
    absl::flat_hash_map<std::string_view, std::uint32_t> m_index;
    // Texts interned lately, by a cheap slot of their size and three of their bytes: an order's
    // unit, route, frequency and drug are mostly the same few texts, found here without hashing them.
    std::array<std::uint32_t, 64> m_recent{};
};

// A measurement with the time it was taken (digits of the ISO timestamp, for "latest").
struct Measurement {
    double value = k_absent;
    std::uint64_t when = 0;
};

// A patient factor measured at a time (seconds since 1970), for the time axis.
struct TimedValue {
    std::int64_t at_s = 0;
    double value = k_absent;
};

// What FHIR and the export layouts give about a patient indirectly: a birth date and order dates (for
// ages), latest observations, timed values. Kept apart from StoredPatient, and made only for patients
// that have any, so that a CSV patient (most patients of a large batch) does not carry ~100 bytes of it.
struct IndirectFactors {
    bool has_patient_resource = false;
    // Birth date as YYYYMMDD (0 absent); the age is taken at StoredPatient::latest_authored.
    std::uint32_t birth_date = 0;
    // FHIR: latest observations.
    Measurement creatinine;
    Measurement weight;
    Measurement egfr;
    // Timed values (export layouts): the time axis takes the latest before each set of orders.
    std::vector<TimedValue> creatinine_series; // mg/dL
    std::vector<TimedValue> weight_series;     // kg
};

// model::PatientFactors in 48 bytes instead of 88, absent numbers NaN (readers accept finite numbers
// only): a batch keeps one per patient.
struct StoredFactors {
    double age_years = k_absent;
    double weight_kg = k_absent;
    double serum_creatinine_mg_dl = k_absent;
    double crcl_ml_min = k_absent;
    double pregnancy_weeks = k_absent;
    model::Sex sex = model::Sex::absent;
    model::Hepatic hepatic = model::Hepatic::absent;

    StoredFactors() = default;
    explicit StoredFactors(const model::PatientFactors& factors);
    model::PatientFactors model() const;
};

// A patient's items (pool indexes of conditions and drugs tried) linked through the store's nodes, in
// the order they were added: 12 bytes, no allocation per patient. 0 is "none".
struct ItemChain {
    std::uint32_t head = 0;
    std::uint32_t tail = 0;
    std::uint32_t size = 0;
    bool empty() const { return size == 0; }
};

// A patient's orders: the last one added, linked back to the first through the store's OrderArena.
struct OrderChain {
    std::uint32_t last = 0; // 0: none
    std::uint32_t size = 0;
    bool empty() const { return size == 0; }
};

// What few patients have: input issues and indirect factors, allocated on first use.
struct PatientExtras {
    std::vector<model::InputIssue> issues;
    IndirectFactors indirect;
};

// A patient id in 16 bytes: up to 15 bytes held inline, a longer one as a view of the store's arena.
// Most ids are short, so a row's patient lookup reads the patient alone, not its id elsewhere too.
class PatientId {
  public:
    PatientId() = default;
    PatientId(std::string_view id, TextArena& arena);
    std::string_view view() const {
        if (m_bytes[k_tag] == k_external) {
            const char* data = nullptr;
            std::uint32_t size = 0;
            std::memcpy(&data, m_bytes.data(), sizeof data);
            std::memcpy(&size, m_bytes.data() + sizeof data, sizeof size);
            return {data, size};
        }
        return {reinterpret_cast<const char*>(m_bytes.data()), m_bytes[k_tag]};
    }

  private:
    static constexpr std::size_t k_tag = 15; // the inline length, or k_external
    static constexpr unsigned char k_external = 0xFF;
    std::array<unsigned char, 16> m_bytes{};
};

// Everything known about one patient across all inputs. Its lists live in the store
// (PatientStore::orders_of, ::items_of), so that a patient needs no allocation of its own.
struct StoredPatient {
    PatientId key;
    std::string_view id() const { return key.view(); }
    RecordLocation first; // first record that named the patient
    // The latest order date as YYYYMMDD (0 absent): FHIR authoredOn, the layouts' start dates. Kept
    // here rather than with the indirect factors, which every FHIR request would otherwise touch (a
    // cache miss per request: a tenth of reading a scattered NDJSON export).
    std::uint32_t latest_authored = 0;
    // Factors given directly (CSV columns, FHIR Patient.gender, export layouts' sex); build_case adds
    // what IndirectFactors implies.
    StoredFactors factors;
    std::uint64_t signature = 0; // CSV: hash of the first row's patient columns
    std::uint32_t indication = 0;
    // Conditions and drugs tried, as StringPool indexes (the pool holds each distinct text once);
    // `tried_stated` false: not stated (model::Patient::tried absent).
    ItemChain conditions;
    ItemChain tried;
    bool tried_stated = false;
    OrderChain orders;
    std::unique_ptr<PatientExtras> extras; // null until a reader gives any

    // The patient's indirect factors, made empty on first use (by the readers that give them).
    IndirectFactors& indirect() { return extras_made().indirect; }
    // The indirect factors, or empty ones when none were given.
    const IndirectFactors& indirect_or_none() const {
        static const IndirectFactors k_none;
        return extras ? extras->indirect : k_none;
    }
    // The input issues kept for the patient (PatientStore::add_issue).
    const std::vector<model::InputIssue>& issues() const {
        static const std::vector<model::InputIssue> k_none;
        return extras ? extras->issues : k_none;
    }
    PatientExtras& extras_made() {
        if (!extras) {
            extras = std::make_unique<PatientExtras>();
        }
        return *extras;
    }
};

// Starts loading a patient's record, every cache line of it (a hint; no effect on contents).
inline void prefetch_record(const StoredPatient& patient) {
    const auto* bytes = reinterpret_cast<const char*>(&patient);
    for (std::size_t line = 0; line < sizeof(StoredPatient); line += 64) {
        __builtin_prefetch(bytes + line);
    }
}

// Elements that never move, in blocks of k_block: an index is a block and a place in it. A deque
// would do, but libstdc++'s holds 512 bytes a block, two patients: one allocation every second
// patient of a batch. `Allocator` gives the blocks (util::HugePageAllocator: huge pages for blocks of
// 2 MB).
template <typename T, std::size_t k_block = 4096, typename Allocator = std::allocator<T>> class StableVector {
  public:
    StableVector() = default;
    StableVector(StableVector&& other) noexcept
        : m_blocks(std::move(other.m_blocks)), m_size(std::exchange(other.m_size, 0)) {}
    StableVector& operator=(StableVector&&) = delete;
    StableVector(const StableVector&) = delete;
    StableVector& operator=(const StableVector&) = delete;
    ~StableVector() {
        for (std::size_t i = 0; i < m_size; ++i) {
            (*this)[i].~T();
        }
        for (T* block : m_blocks) {
            Allocator().deallocate(block, k_block);
        }
    }

    std::size_t size() const { return m_size; }
    T& operator[](std::size_t index) { return m_blocks[index / k_block][index % k_block]; }
    const T& operator[](std::size_t index) const { return m_blocks[index / k_block][index % k_block]; }
    T& emplace_back() {
        if (m_size == m_blocks.size() * k_block) {
            if (m_blocks.size() == m_blocks.capacity()) {
                m_blocks.reserve(2 * m_blocks.size() + 1); // room first: a block allocated is never lost
            }
            m_blocks.push_back(Allocator().allocate(k_block));
        }
        T* place = &m_blocks[m_size / k_block][m_size % k_block];
        new (place) T();
        ++m_size;
        return *place;
    }

  private:
    std::vector<T*> m_blocks;
    std::size_t m_size = 0;
};

// Patients a 2 MB huge-page block holds (util::HugePageAllocator).
inline constexpr std::size_t k_patients_per_block = util::k_huge_block_bytes / sizeof(StoredPatient);

// All patients of a batch in order of first appearance, with the pools their records use. Filled by
// one reading thread; read-only (and shareable between threads) while checking. Orders and list items
// are kept in store-wide blocks and linked per patient: a patient's rows may be anywhere in the input,
// and per-patient vectors would cost an allocation and their slack per patient.
class PatientStore {
  public:
    PatientStore();
    PatientStore(PatientStore&& other) noexcept;
    PatientStore& operator=(PatientStore&&) = delete;
    PatientStore(const PatientStore&) = delete;
    PatientStore& operator=(const PatientStore&) = delete;
    ~PatientStore() = default;

    // The patient with this id, created if new.
    StoredPatient& patient(std::string_view id, RecordLocation location);
    // Starts loading the part of the id index where `id` would be (a hint; no effect on contents):
    // a reader that knows the next records' ids overlaps their lookups' cache misses.
    void prefetch(std::string_view id) const {
        if (!m_sealed && !m_slots.empty()) {
            __builtin_prefetch(&m_slots[id_tag(id) & (m_slots.size() - 1)]);
        }
    }
    // Starts loading the patient stored under `id`, a while after prefetch(id) (its index slot loaded
    // by then): the slot's patient is taken without comparing ids, which would wait for the patient
    // itself. A hint: a wrong guess (a new patient, a slot shared by chance) only loads another one.
    void prefetch_patient(std::string_view id) const {
        if (m_sealed || m_slots.empty()) {
            return;
        }
        if (const IndexSlot& slot = m_slots[id_tag(id) & (m_slots.size() - 1)];
            slot.patient != k_no_patient) {
            prefetch_record(m_patients[slot.patient]);
        }
    }
    std::size_t size() const { return m_patients.size(); }
    StoredPatient& at(std::size_t index) { return m_patients[index]; }
    const StoredPatient& at(std::size_t index) const { return m_patients[index]; }
    // Drops the id index once reading is done (patient() must not be called after): its memory is
    // not needed while checking.
    void seal();

    // Appends an order to the patient's orders; returns its handle (order(), replace_order()).
    std::uint32_t add_order(StoredPatient& patient, const StoredOrder& order);
    StoredOrder order(std::uint32_t handle) const;
    // `order` may be one read by order(): its ids, views of the record replaced, are copied before it
    // is rewritten (and view rewritten bytes after).
    void replace_order(std::uint32_t handle, const StoredOrder& order);
    // Starts loading the patient's last order, or with `second` its last but one (which reads the
    // last: call it once the last is loaded). A batch checks patients in order of first appearance
    // while their orders lie wherever their rows were: this overlaps those cache misses (hints only).
    void prefetch_orders(const StoredPatient& patient, bool second) const {
        if (!second) {
            m_orders.prefetch(patient.orders.last);
        } else if (patient.orders.size > 1) {
            m_orders.prefetch(m_orders.previous(patient.orders.last));
        }
    }
    // The patient's orders, in the order they were added, into `out` (cleared first).
    void orders_of(const StoredPatient& patient, std::vector<StoredOrder>& out) const;
    std::vector<StoredOrder> orders_of(const StoredPatient& patient) const;
    // The records of the patient's orders, in the order they were added, into `out` (cleared first): read
    // in parts (StoredOrderReadings::look_up).
    void records_of(const StoredPatient& patient, std::vector<OrderArena::Record>& out) const;

    // Appends a pool index to a patient's list (conditions, tried); `unique`: not when already there.
    void add_item(ItemChain& chain, std::uint32_t item, bool unique = false);
    // Calls `visit(item)` for each item of the list, in order.
    template <typename Visit> void for_each_item(const ItemChain& chain, Visit&& visit) const {
        for (std::uint32_t node = chain.head; node != 0; node = m_items[node].next) {
            visit(m_items[node].item);
        }
    }
    std::vector<std::uint32_t> items_of(const ItemChain& chain) const;

    StringPool strings; // drug names, units, routes, frequencies, conditions, indications
    StringPool sigs;    // sigs as written (CSV `sig`), cut at io::k_max_sig_bytes

    // Adds an issue to a patient, up to the per-patient limit.
    static void add_issue(StoredPatient& patient, model::InputIssue issue);
    // add_issue for each, in order.
    static void add_issues(StoredPatient& patient, std::vector<model::InputIssue>&& issues);

  private:
    // The id index's hash, of which only the top half is kept: the id's tag, where a probe starts (its
    // low bits, masked by the index's size) and what a slot keeps, so that growing the index places
    // every patient anew from its slot alone, without reading its id again. absl::Hash<std::string_view>
    // is std::hash here (a call to _Hash_bytes), and a row of a parallel read hashes its id three times
    // (two prefetches, the lookup): an id, mostly short ("P0182552"), is read in words from both ends
    // instead (util::TextHash).
    static std::uint32_t id_tag(std::string_view id) {
        return static_cast<std::uint32_t>(util::TextHash{}(id) >> 32U);
    }
    // A slot of the id index: a patient number and its id's tag, so that a probe reads a patient (and
    // compares ids) only where the tags agree.
    static constexpr std::uint32_t k_no_patient = 0xFFFFFFFFU;
    struct IndexSlot {
        std::uint32_t patient = k_no_patient;
        std::uint32_t tag = 0;
    };
    // Doubles the id index (at least 64 slots), placing every patient anew.
    void grow_index();
    struct ItemNode {
        std::uint32_t item = 0;
        std::uint32_t next = 0;
    };

    TextArena m_ids; // patient ids longer than PatientId holds
    // Patients never move; read at random for every row while reading and for every patient while checking.
    StableVector<StoredPatient, k_patients_per_block, util::HugePageAllocator<StoredPatient>> m_patients;
    OrderArena m_orders;
    StableVector<ItemNode> m_items; // [0] unused
    // The id index: open addressing with linear probing over a power of two of slots, at most 3/4
    // full, 8 bytes a slot (no node per patient): a batch looks a patient up for every row, and a new
    // patient is placed by the same probe that missed it.
    std::vector<IndexSlot, util::HugePageAllocator<IndexSlot>> m_slots;
    // The patient found last: resources and rows of one patient often come together (a FHIR export's
    // Patient, Conditions and Observations; a CSV sorted by patient), and then need no lookup.
    StoredPatient* m_last = nullptr;
    bool m_sealed = false;
};

// A stored patient and the store whose pools its records use (the parallel reader has several).
struct PatientRef {
    const PatientStore* store = nullptr;
    const StoredPatient* patient = nullptr;
};

// Every patient of one store, in its order.
std::vector<PatientRef> patients_of(const PatientStore& store);

// How patient factors that FHIR gives indirectly are turned into case values.
struct CaseOptions {
    std::uint32_t as_of = 0; // YYYYMMDD for ages; 0: each patient's latest authoredOn
    // Fill each order's reference and source_id. The engine reads neither; a batch looks them up from
    // the stored order only for the findings it writes.
    bool references = true;
};

// Parses YYYY, YYYY-MM or YYYY-MM-DD into YYYYMMDD (util/date_time.hpp).
using util::parse_date;

// Whole years from birth to as-of, both YYYYMMDD.
double age_years(std::uint32_t birth, std::uint32_t as_of);

// The case the checker sees for one stored patient. `record_prefixes` holds, per input, what goes
// before a record number in a reference ("file.csv:" or "bundle.json#entry ").
model::Case build_case(const StoredPatient& stored, const PatientStore& store, const CaseOptions& options,
                       const std::vector<std::string>& record_prefixes);
// The same from the patient's orders as PatientStore::orders_of gave them (a batch reuses the vector).
model::Case build_case(const StoredPatient& stored, std::span<const StoredOrder> orders,
                       const PatientStore& store, const CaseOptions& options,
                       const std::vector<std::string>& record_prefixes);
// The same into `out`, whose vector of orders keeps its room from the case built before (a batch
// thread builds every case in one); what it held before is replaced. An order whose reading `found`
// gives (not null at its index) is left empty: the caller has its reading already
// (check::CheckOptions::orders_known, which is this span).
void build_case(const StoredPatient& stored, std::span<const StoredOrder> orders, const PatientStore& store,
                const CaseOptions& options, const std::vector<std::string>& record_prefixes, model::Case& out,
                std::span<const check::OrderFacts* const> found = {});

// Builds a batch thread's cases one after another into one model::Case: each case's lists and orders are
// written over the last one's, keeping their strings' room, and an order left empty (`found`) in a place
// that was empty before is not made again. The case is the same as build_case gives.
class CaseBuilder {
  public:
    // The patient's case, valid until the next call.
    const model::Case& build(const StoredPatient& stored, std::span<const StoredOrder> orders,
                             const PatientStore& store, const CaseOptions& options,
                             const std::vector<std::string>& record_prefixes,
                             std::span<const check::OrderFacts* const> found);

  private:
    model::Case m_case;
    std::vector<std::uint8_t> m_built; // per order of m_case: 1 when built, 0 when as new
};

// "file.csv:14", "bundle.json#entry 3" or, for FHIR orders with an id, "MedicationRequest/<id>".
std::string order_reference(const StoredOrder& order, const std::vector<std::string>& record_prefixes);
// The same, appended to `out` (a batch writes one per finding into a reused buffer).
void append_order_reference(std::string& out, const StoredOrder& order,
                            const std::vector<std::string>& record_prefixes);
// The reference of a patient-level finding: "Patient/<id>" when a Patient resource was read, else
// the patient's first record.
std::string patient_reference(const StoredPatient& patient, const std::vector<std::string>& record_prefixes);
// The same, appended to `out` (a batch thread reuses the string from patient to patient).
void append_patient_reference(std::string& out, const StoredPatient& patient,
                              const std::vector<std::string>& record_prefixes);

} // namespace medcheck::batch
