#include <medcheck/batch/patient_store.hpp>

#include <medcheck/io/sig.hpp>
#include <medcheck/util/error.hpp>
#include <medcheck/util/text.hpp>
#include <medcheck/util/words.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

namespace medcheck::batch {

namespace {

std::optional<double> present(double value) {
    return std::isnan(value) ? std::nullopt : std::optional<double>(value);
}

// Reads an order's sig with its structured fields beside it (io::order_from_sig); the sig's input
// issues name the record, within the per-patient limit.
void read_stored_sig(const StoredOrder& stored, std::string_view sig, int index, const std::string& reference,
                     model::MedicationOrder& order, std::vector<model::InputIssue>& issues) {
    io::FieldsBesideSig beside;
    beside.drug = stored.drug != 0;
    beside.dose = !std::isnan(stored.dose);
    beside.unit = stored.unit != 0;
    beside.route = stored.route != 0;
    beside.frequency = stored.frequency != 0;
    beside.duration = !std::isnan(stored.duration_days);
    if (beside.dose) {
        beside.dose_text = (order.dose_min ? util::format_number(*order.dose_min) + "-" : std::string()) +
                           util::format_number(*order.dose);
    }
    std::vector<model::InputIssue> read_issues;
    order = io::order_from_sig(sig, order, beside, index, "medications[" + std::to_string(index) + "]",
                               read_issues);
    for (auto& issue : read_issues) {
        if (issues.size() >= k_max_issues_per_patient) {
            break;
        }
        issue.message += " (" + reference + ")";
        issues.push_back(std::move(issue));
    }
}

} // namespace

std::string_view TextArena::keep(std::string_view text) {
    constexpr std::size_t k_block = std::size_t{256} * 1024;
    if (text.empty()) {
        return {};
    }
    if (text.size() > m_left) {
        // A text longer than a block gets a block of its own.
        const std::size_t size = std::max(k_block, text.size());
        m_blocks.push_back(std::make_unique_for_overwrite<char[]>(size));
        m_next = m_blocks.back().get();
        m_left = size;
    }
    std::copy(text.begin(), text.end(), m_next);
    const std::string_view kept(m_next, text.size());
    m_next += text.size();
    m_left -= text.size();
    return kept;
}

PatientId::PatientId(std::string_view id, TextArena& arena) {
    if (id.size() < k_tag) {
        std::memcpy(m_bytes.data(), id.data(), id.size());
        m_bytes[k_tag] = static_cast<unsigned char>(id.size());
        return;
    }
    const std::string_view kept = arena.keep(id);
    const char* data = kept.data();
    const auto size = static_cast<std::uint32_t>(kept.size()); // ids are at most k_max_patient_id bytes
    std::memcpy(m_bytes.data(), &data, sizeof data);
    std::memcpy(m_bytes.data() + sizeof data, &size, sizeof size);
    m_bytes[k_tag] = k_external;
}

StringPool::StringPool() {
    m_strings.emplace_back();
    m_index.emplace(std::string_view(), 0);
}

std::uint32_t StringPool::intern(std::string_view text) {
    if (text.empty()) {
        return 0;
    }
    std::uint32_t& recent = m_recent[util::recent_slot(text, m_recent.size())];
    if (recent != 0 && util::same_short_text(m_strings[recent], text)) {
        return recent;
    }
    if (const auto it = m_index.find(text); it != m_index.end()) {
        recent = it->second;
        return it->second;
    }
    const auto index = static_cast<std::uint32_t>(m_strings.size());
    m_strings.push_back(m_text.keep(text));
    m_index.emplace(m_strings.back(), index);
    recent = index;
    return index;
}

StoredFactors::StoredFactors(const model::PatientFactors& factors)
    : age_years(factors.age_years.value_or(k_absent)), weight_kg(factors.weight_kg.value_or(k_absent)),
      serum_creatinine_mg_dl(factors.serum_creatinine_mg_dl.value_or(k_absent)),
      crcl_ml_min(factors.crcl_ml_min.value_or(k_absent)),
      pregnancy_weeks(factors.pregnancy_weeks.value_or(k_absent)), sex(factors.sex),
      hepatic(factors.hepatic) {}

namespace {

// The stored factors written over `out` (a case's patient takes them in place, not as a copy).
void put_factors(const StoredFactors& factors, model::PatientFactors& out) {
    out.age_years = present(factors.age_years);
    out.weight_kg = present(factors.weight_kg);
    out.serum_creatinine_mg_dl = present(factors.serum_creatinine_mg_dl);
    out.crcl_ml_min = present(factors.crcl_ml_min);
    out.pregnancy_weeks = present(factors.pregnancy_weeks);
    out.sex = factors.sex;
    out.hepatic = factors.hepatic;
}

} // namespace

model::PatientFactors StoredFactors::model() const {
    model::PatientFactors out;
    put_factors(*this, out);
    return out;
}

PatientStore::PatientStore() {
    m_items.emplace_back();
}

PatientStore::PatientStore(PatientStore&& other) noexcept
    : strings(std::move(other.strings)), sigs(std::move(other.sigs)), m_ids(std::move(other.m_ids)),
      m_patients(std::move(other.m_patients)), m_orders(std::move(other.m_orders)),
      m_items(std::move(other.m_items)), m_slots(std::move(other.m_slots)), m_sealed(other.m_sealed) {}

void PatientStore::seal() {
    m_sealed = true;
    m_last = nullptr;
    m_slots = decltype(m_slots)(); // its memory given back
}

void PatientStore::grow_index() {
    std::vector<IndexSlot, util::HugePageAllocator<IndexSlot>> slots(
        std::max<std::size_t>(64, m_slots.size() * 2));
    const std::size_t mask = slots.size() - 1;
    for (const IndexSlot& slot : m_slots) {
        if (slot.patient == k_no_patient) {
            continue;
        }
        std::size_t at = slot.tag & mask;
        while (slots[at].patient != k_no_patient) {
            at = (at + 1) & mask;
        }
        slots[at] = slot;
    }
    m_slots = std::move(slots);
}

std::uint32_t PatientStore::add_order(StoredPatient& patient, const StoredOrder& order) {
    patient.orders.last = m_orders.add(order, patient.orders.last);
    ++patient.orders.size;
    return patient.orders.last;
}

void PatientStore::replace_order(std::uint32_t handle, const StoredOrder& order) {
    m_orders.replace(handle, order);
}

StoredOrder PatientStore::order(std::uint32_t handle) const {
    return m_orders.get(handle);
}

void PatientStore::orders_of(const StoredPatient& patient, std::vector<StoredOrder>& out) const {
    // Decoded last to first into their places, over the orders `out` held: none is made, moved or
    // reversed.
    out.resize(patient.orders.size);
    std::size_t place = out.size();
    for (std::uint32_t handle = patient.orders.last; handle != 0 && place != 0;
         handle = m_orders.previous(handle)) {
        m_orders.get(handle, out[--place]);
    }
}

void PatientStore::records_of(const StoredPatient& patient, std::vector<OrderArena::Record>& out) const {
    out.resize(patient.orders.size);
    m_orders.records(patient.orders.last, out);
}

std::vector<StoredOrder> PatientStore::orders_of(const StoredPatient& patient) const {
    std::vector<StoredOrder> out;
    orders_of(patient, out);
    return out;
}

void PatientStore::add_item(ItemChain& chain, std::uint32_t item, bool unique) {
    if (unique) {
        for (std::uint32_t node = chain.head; node != 0; node = m_items[node].next) {
            if (m_items[node].item == item) {
                return;
            }
        }
    }
    const auto node = static_cast<std::uint32_t>(m_items.size());
    m_items.emplace_back().item = item;
    if (chain.tail != 0) {
        m_items[chain.tail].next = node;
    } else {
        chain.head = node;
    }
    chain.tail = node;
    ++chain.size;
}

std::vector<std::uint32_t> PatientStore::items_of(const ItemChain& chain) const {
    std::vector<std::uint32_t> out;
    out.reserve(chain.size);
    for_each_item(chain, [&](std::uint32_t item) { out.push_back(item); });
    return out;
}

StoredPatient& PatientStore::patient(std::string_view id, RecordLocation location) {
    if (m_sealed) {
        throw util::Error(util::ErrorKind::internal, "a patient was filed after reading ended");
    }
    if (m_last != nullptr && util::same_short_text(m_last->id(), id)) {
        return *m_last;
    }
    if ((m_patients.size() + 1) * 4 > m_slots.size() * 3) {
        if (m_patients.size() >= k_no_patient) {
            throw util::Error(util::ErrorKind::bad_data, "too many patients for one batch reader");
        }
        grow_index();
    }
    const std::uint32_t tag = id_tag(id);
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t at = tag & mask;; at = (at + 1) & mask) {
        IndexSlot& slot = m_slots[at];
        if (slot.patient == k_no_patient) {
            const auto index = static_cast<std::uint32_t>(m_patients.size());
            StoredPatient& created = m_patients.emplace_back();
            created.key = PatientId(id, m_ids);
            created.first = location;
            slot = {index, tag};
            m_last = &created;
            return created;
        }
        if (slot.tag == tag && util::same_short_text(m_patients[slot.patient].id(), id)) {
            m_last = &m_patients[slot.patient];
            return *m_last;
        }
    }
}

std::vector<PatientRef> patients_of(const PatientStore& store) {
    std::vector<PatientRef> out;
    out.reserve(store.size());
    for (std::size_t i = 0; i < store.size(); ++i) {
        out.push_back({&store, &store.at(i)});
    }
    return out;
}

void PatientStore::add_issue(StoredPatient& patient, model::InputIssue issue) {
    std::vector<model::InputIssue>& issues = patient.extras_made().issues;
    if (issues.size() < k_max_issues_per_patient) {
        issues.push_back(std::move(issue));
    } else if (issues.size() == k_max_issues_per_patient) {
        issues.push_back({"input",
                          "more than " + std::to_string(k_max_issues_per_patient) +
                              " unusable values for this patient; the rest are not listed",
                          std::nullopt});
    }
}

void PatientStore::add_issues(StoredPatient& patient, std::vector<model::InputIssue>&& issues) {
    for (auto& issue : issues) {
        add_issue(patient, std::move(issue));
    }
}

double age_years(std::uint32_t birth, std::uint32_t as_of) {
    const auto years = static_cast<int>(as_of / 10000) - static_cast<int>(birth / 10000);
    const bool before_birthday = as_of % 10000 < birth % 10000;
    return static_cast<double>(years - (before_birthday ? 1 : 0));
}

std::string order_reference(const StoredOrder& order, const std::vector<std::string>& record_prefixes) {
    std::string out;
    append_order_reference(out, order, record_prefixes);
    return out;
}

namespace {

// Appends `prefix` and the number in one append: a batch writes a reference for most orders with
// findings, and two appends (or a string made and copied) cost about twice as much.
void append_record(std::string& out, const std::string& prefix, std::uint64_t record) {
    constexpr std::size_t k_digits = 24;
    std::array<char, 128> text; // filled up to `end` before it is read
    if (prefix.size() > text.size() - k_digits) {
        const char* const end = util::put_decimal(text.data(), record);
        out.append(prefix).append(text.data(), static_cast<std::size_t>(end - text.data()));
        return;
    }
    std::memcpy(text.data(), prefix.data(), prefix.size());
    const char* const end = util::put_decimal(text.data() + prefix.size(), record);
    out.append(text.data(), static_cast<std::size_t>(end - text.data()));
}

} // namespace

void append_order_reference(std::string& out, const StoredOrder& order,
                            const std::vector<std::string>& record_prefixes) {
    if (!order.resource_id.empty()) {
        out += "MedicationRequest/";
        out += order.resource_id;
        return;
    }
    append_record(out, record_prefixes[order.location.input], order.location.record);
}

std::string patient_reference(const StoredPatient& patient, const std::vector<std::string>& record_prefixes) {
    std::string out;
    append_patient_reference(out, patient, record_prefixes);
    return out;
}

void append_patient_reference(std::string& out, const StoredPatient& patient,
                              const std::vector<std::string>& record_prefixes) {
    if (patient.indirect_or_none().has_patient_resource) {
        out += "Patient/";
        out += patient.id();
        return;
    }
    append_record(out, record_prefixes[patient.first.input], patient.first.record);
}

namespace {

// `text` made `given`, in the room it has: cleared and appended, which costs about half of assign()'s
// general replacement (a case takes an id and its lists' texts so, for every patient).
void replace_text(std::string& text, std::string_view given) {
    text.clear();
    text.append(given);
}

// Texts of a list of the pool into `out`, over the strings it held (their room kept).
void fill_texts(const ItemChain& chain, const PatientStore& store, std::vector<std::string>& out) {
    out.resize(chain.size);
    std::size_t i = 0;
    store.for_each_item(chain, [&](std::uint32_t item) { replace_text(out[i++], store.strings.at(item)); });
}

// The patient's factors as the checker sees them: CSV columns as given; FHIR and the export layouts'
// age as of a date and latest observations. Written over the patient `p` held, whose lists keep their
// room (a batch thread builds every patient into one).
void fill_patient(const StoredPatient& stored, const PatientStore& store, const CaseOptions& options,
                  model::Patient& p) {
    put_factors(stored.factors, p);
    replace_text(p.id, stored.id());
    const IndirectFactors& indirect = stored.indirect_or_none();
    if (indirect.birth_date != 0 && !p.age_years) {
        const std::uint32_t as_of = options.as_of != 0 ? options.as_of : stored.latest_authored;
        if (as_of != 0) {
            p.age_years = age_years(indirect.birth_date, as_of);
        }
    }
    if (!p.weight_kg) {
        p.weight_kg = present(indirect.weight.value);
    }
    if (!p.serum_creatinine_mg_dl) {
        p.serum_creatinine_mg_dl = present(indirect.creatinine.value);
    }
    // eGFR stands in for creatinine clearance only when Cockcroft-Gault cannot be computed.
    if (!p.crcl_ml_min && !std::isnan(indirect.egfr.value) &&
        !(p.serum_creatinine_mg_dl && p.weight_kg && p.age_years && p.sex != model::Sex::absent)) {
        p.crcl_ml_min = indirect.egfr.value;
    }
    fill_texts(stored.conditions, store, p.conditions);
    if (stored.tried_stated) {
        fill_texts(stored.tried, store, p.tried ? *p.tried : p.tried.emplace());
    } else {
        p.tried.reset();
    }
}

// The order's stored fields; a sig given with it is read by build_case. A field added here must be
// added to the order's cache key too (make_stored_order_key).
void build_order(const StoredOrder& order, const PatientStore& store, const CaseOptions& options,
                 const std::vector<std::string>& record_prefixes, model::MedicationOrder& m) {
    m.drug = store.strings.at(order.drug);
    m.dose = present(order.dose);
    m.dose_min = present(order.dose_min);
    m.daily_dose = present(order.daily_dose);
    m.unit = store.strings.at(order.unit);
    m.route = store.strings.at(order.route);
    m.frequency = store.strings.at(order.frequency);
    m.duration_days = present(order.duration_days);
    m.prn = order.prn;
    m.max_doses_per_day = present(order.max_doses_per_day);
    m.continuing = order.continuing;
    m.dose_unreadable = order.dose_unreadable;
    m.frequency_unreadable = order.frequency_unreadable;
    if (options.references) {
        m.reference = order_reference(order, record_prefixes);
        m.source_id = order.source_id;
    }
    if (order.start_s != k_no_time) {
        m.start_s = order.start_s;
    }
    if (order.end_s != k_no_time) {
        m.end_s = order.end_s;
    }
}

// An order with a window (CSV start/end, MIMIC starttime/stoptime, OMOP exposure dates, a claim's fill
// date and days supply) lasts that long when nothing states its duration: a duration rule reads it
// instead of reporting a duration not stated.
void duration_of_window(model::MedicationOrder& m) {
    if (!m.duration_days && m.start_s && m.end_s && *m.end_s > *m.start_s) {
        m.duration_days = static_cast<double>(*m.end_s - *m.start_s) / 86400.0;
    }
}

// The case's patient, indication and input issues, over what it held.
void fill_case_patient(const StoredPatient& stored, const PatientStore& store, const CaseOptions& options,
                       model::Case& out) {
    fill_patient(stored, store, options, out.patient);
    if (stored.indication != 0) {
        out.indication = store.strings.at(stored.indication);
    } else {
        out.indication.reset();
    }
    out.issues = stored.issues();
}

// Order `i` into `m`, a new (empty) order; a sig's input issues go to `issues`.
void fill_order(std::span<const StoredOrder> orders, std::size_t i, const PatientStore& store,
                const CaseOptions& options, const std::vector<std::string>& record_prefixes,
                model::MedicationOrder& m, std::vector<model::InputIssue>& issues) {
    const StoredOrder& order = orders[i];
    build_order(order, store, options, record_prefixes, m);
    if (order.sig != 0) {
        read_stored_sig(order, store.sigs.at(order.sig), static_cast<int>(i),
                        options.references ? m.reference : order_reference(order, record_prefixes), m,
                        issues);
    }
    duration_of_window(m);
}

} // namespace

model::Case build_case(const StoredPatient& stored, const PatientStore& store, const CaseOptions& options,
                       const std::vector<std::string>& record_prefixes) {
    return build_case(stored, store.orders_of(stored), store, options, record_prefixes);
}

model::Case build_case(const StoredPatient& stored, std::span<const StoredOrder> orders,
                       const PatientStore& store, const CaseOptions& options,
                       const std::vector<std::string>& record_prefixes) {
    model::Case out;
    build_case(stored, orders, store, options, record_prefixes, out);
    return out;
}

void build_case(const StoredPatient& stored, std::span<const StoredOrder> orders, const PatientStore& store,
                const CaseOptions& options, const std::vector<std::string>& record_prefixes, model::Case& out,
                std::span<const check::OrderFacts* const> found) {
    fill_case_patient(stored, store, options, out);
    // Orders made afresh (a reset order costs more than a new one), in the vector's room.
    out.medications.clear();
    out.medications.reserve(orders.size());
    for (std::size_t i = 0; i < orders.size(); ++i) {
        model::MedicationOrder& m = out.medications.emplace_back();
        if (i >= found.size() || found[i] == nullptr) {
            fill_order(orders, i, store, options, record_prefixes, m, out.issues);
        }
    }
}

const model::Case& CaseBuilder::build(const StoredPatient& stored, std::span<const StoredOrder> orders,
                                      const PatientStore& store, const CaseOptions& options,
                                      const std::vector<std::string>& record_prefixes,
                                      std::span<const check::OrderFacts* const> found) {
    fill_case_patient(stored, store, options, m_case);
    // Only the orders past the last case's count are made, only those beyond this one's dropped.
    m_case.medications.resize(orders.size());
    m_built.resize(orders.size(), 0);
    for (std::size_t i = 0; i < orders.size(); ++i) {
        model::MedicationOrder& m = m_case.medications[i];
        if (m_built[i] != 0) {
            std::destroy_at(&m);
            std::construct_at(&m);
            m_built[i] = 0;
        }
        if (i >= found.size() || found[i] == nullptr) {
            m_built[i] = 1;
            fill_order(orders, i, store, options, record_prefixes, m, m_case.issues);
        }
    }
    return m_case;
}

} // namespace medcheck::batch
