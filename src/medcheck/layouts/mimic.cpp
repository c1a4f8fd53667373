// MIMIC-IV (hosp module, v2.x): prescriptions joined to pharmacy by pharmacy_id, patients, creatinine
// from labevents, weight from omr, diagnoses_icd. Column names as in the MIMIC-IV documentation.
#include <medcheck/layouts/export_reader.hpp>
#include <medcheck/layouts/readers.hpp>
#include <medcheck/layouts/vocabulary.hpp>
#include <medcheck/units/body_weight.hpp>

#include <medcheck/batch/time_axis.hpp>
#include <medcheck/sig/reader.hpp>
#include <medcheck/util/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>

namespace medcheck::layouts {

namespace {

constexpr std::string_view k_creatinine_itemid = "50912"; // d_labitems: Creatinine, Blood, mg/dL

// What the pharmacy table adds to a prescription.
struct PharmacyRow {
    std::uint32_t frequency = 0; // interned as written
    double duration_days = batch::k_absent;
};

constexpr std::uint64_t k_no_key = ~0ULL;
constexpr std::uint64_t k_text_key = 1ULL << 63U;

// An id of up to 18 digits as a number.
std::optional<std::uint64_t> numeric_id(std::string_view id) {
    if (id.empty() || id.size() > 18 ||
        !std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    for (const char c : id) {
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return value;
}

// A pharmacy_id as a number; other text as its index in `pool` with the top bit set.
std::uint64_t pharmacy_key(std::string_view id, batch::StringPool& pool) {
    if (id.empty()) {
        return k_no_key;
    }
    if (const auto number = numeric_id(id)) {
        return *number;
    }
    return k_text_key | pool.intern(id);
}

// patients: sex, and a birth date from the anchor (age anchor_age in anchor_year).
void read_mimic_patients(const std::string& dir, ExportReader& reader) {
    batch::Ingest& ingest = reader.ingest();
    batch::PatientStore& store = ingest.store();
    reader.table(
        ExportReader::required(dir, "patients"), {"subject_id", "gender", "anchor_age", "anchor_year"},
        [&](const TableRow& row, std::uint32_t input) {
            const std::string_view id = row[0];
            if (id.empty() || id.size() > batch::k_max_patient_id) {
                ingest.rejected(input, row.line(), "subject_id", "empty or too long subject_id");
                return;
            }
            batch::StoredPatient& patient = store.patient(id, {input, row.line()});
            if (row[1] == "F") {
                patient.factors.sex = model::Sex::female;
            } else if (row[1] == "M") {
                patient.factors.sex = model::Sex::male;
            }
            const auto age = util::parse_number(row[2]);
            const auto year = util::parse_number(row[3]);
            if (age && year && *age >= 0 && *age < 130 && *year >= 1800 && *year - *age >= 1800 &&
                *year <= 9999) {
                // Born on 1 January of (anchor_year - anchor_age): the age on any date is never
                // under-read.
                patient.indirect().birth_date = static_cast<std::uint32_t>(*year - *age) * 10000 + 101;
            } else {
                batch::PatientStore::add_issue(patient, {"patient.age",
                                                         "cannot read anchor_age " + quoted(row[2]) +
                                                             " / anchor_year " + quoted(row[3]) + " (" +
                                                             reader.where(input, row.line()) + ")",
                                                         std::nullopt});
            }
            ingest.count_checked();
        });
}

// labevents: serum creatinine (mg/dL) with its time.
void read_mimic_creatinine(const std::string& dir, ExportReader& reader) {
    batch::Ingest& ingest = reader.ingest();
    batch::PatientStore& store = ingest.store();
    if (const auto labs = find_table(dir, "labevents")) {
        reader.table(*labs, {"subject_id", "itemid", "charttime", "valuenum", "valueuom"},
                     [&](const TableRow& row, std::uint32_t input) {
                         if (row[1] != k_creatinine_itemid) {
                             return;
                         }
                         const auto value = util::parse_number(row[3]);
                         const auto at = batch::parse_timestamp(row[2]);
                         if (!value || !at || *value <= 0 || !util::equals_ignore_case(row[4], "mg/dl") ||
                             row[0].empty() || row[0].size() > batch::k_max_patient_id) {
                             ingest.count_skipped("creatinine without a usable value, unit (mg/dL) or time");
                             return;
                         }
                         store.patient(row[0], {input, row.line()})
                             .indirect()
                             .creatinine_series.push_back({*at, *value});
                         ingest.count_checked();
                     });
    }
}

// omr: weight in pounds on a chart date.
void read_mimic_weights(const std::string& dir, ExportReader& reader) {
    batch::Ingest& ingest = reader.ingest();
    batch::PatientStore& store = ingest.store();
    if (const auto omr = find_table(dir, "omr")) {
        reader.table(*omr, {"subject_id", "chartdate", "result_name", "result_value"},
                     [&](const TableRow& row, std::uint32_t input) {
                         const std::string name = util::to_lower(row[2]);
                         const bool pounds = name == "weight (lbs)";
                         if (!pounds && name != "weight (kg)" && name != "weight") {
                             return;
                         }
                         const auto value = util::parse_number(row[3]);
                         const auto at = batch::parse_timestamp(row[1]);
                         if (!value || !at || *value <= 0 || row[0].empty() ||
                             row[0].size() > batch::k_max_patient_id) {
                             ingest.count_skipped("weight without a usable value or date");
                             return;
                         }
                         store.patient(row[0], {input, row.line()})
                             .indirect()
                             .weight_series.push_back({*at, pounds ? *value * units::k_kg_per_lb : *value});
                         ingest.count_checked();
                     });
    }
}

// diagnoses_icd: ICD-9-CM and ICD-10-CM codes (no time: they hold for the whole record).
void read_mimic_diagnoses(const std::string& dir, ExportReader& reader) {
    batch::Ingest& ingest = reader.ingest();
    batch::PatientStore& store = ingest.store();
    if (const auto diagnoses = find_table(dir, "diagnoses_icd")) {
        reader.table(*diagnoses, {"subject_id", "icd_code", "icd_version"},
                     [&](const TableRow& row, std::uint32_t input) {
                         if (row[0].empty() || row[0].size() > batch::k_max_patient_id) {
                             ingest.rejected(input, row.line(), "subject_id", "empty or too long subject_id");
                             return;
                         }
                         const int version = row[2] == "9" ? 9 : row[2] == "10" ? 10 : 0;
                         if (version == 0) {
                             ingest.rejected(input, row.line(), "icd_version",
                                             "icd_version " + quoted(row[2]) + " is not 9 or 10");
                             return;
                         }
                         add_diagnosis(ingest, store.patient(row[0], {input, row.line()}), row[1], version);
                     });
    }
}

// What the pharmacy table holds, read on its own thread while the prescriptions are read.
// Keyed by the id as a number (MIMIC's are integers); other ids through a string pool, flagged by
// the top bit, so a million orders do not hold a million strings twice.
struct MimicPharmacy {
    std::unordered_map<std::uint64_t, PharmacyRow> rows;
    batch::StringPool other_ids;   // non-numeric pharmacy ids
    batch::StringPool frequencies; // frequencies as written
};

// pharmacy: frequency and duration by pharmacy_id.
void read_mimic_pharmacy_row(const TableRow& row, MimicPharmacy& pharmacy) {
    if (row[0].empty() || row[0].size() > 64) {
        return;
    }
    PharmacyRow& entry = pharmacy.rows[pharmacy_key(row[0], pharmacy.other_ids)];
    entry.frequency = pharmacy.frequencies.intern(row[1].substr(0, 128));
    const auto duration = util::parse_number(row[2]);
    const std::string_view interval = row[3];
    const double days = interval == "Days"    ? 1.0
                        : interval == "Weeks" ? 7.0
                        : interval == "Hours" ? 1.0 / 24.0
                                              : 0.0;
    if (duration && days > 0 && *duration > 0) {
        entry.duration_days = *duration * days;
    }
}

// Interned values by their text: the same few routes and units repeat on every row.
class MimicInternCache {
  public:
    template <class Make> std::uint32_t get(std::string_view text, batch::StringPool& strings, Make make) {
        m_key.assign(text); // reused: a lookup allocates nothing once the key has grown
        if (const auto it = m_cache.find(m_key); it != m_cache.end()) {
            return it->second;
        }
        const std::uint32_t value = strings.intern(make(text));
        if (m_cache.size() < 10000) {
            m_cache.emplace(m_key, value);
        }
        return value;
    }

  private:
    std::unordered_map<std::string, std::uint32_t> m_cache;
    std::string m_key;
};

// A prescription stored before the pharmacy table is joined to it.
struct MimicPendingOrder {
    batch::StoredPatient* patient;
    int order;                    // its index among the patient's orders (issue fields)
    std::uint32_t handle;         // PatientStore::order
    std::string_view pharmacy_id; // non-numeric id (a view into `m_ids_read`), or empty
    std::uint64_t number;
    double doses_per_24_hrs;
};

// prescriptions: one order per row, kept pending until the pharmacy table is read, then joined.
class MimicPrescriptions {
  public:
    explicit MimicPrescriptions(ExportReader& reader)
        : m_reader(reader), m_ingest(reader.ingest()), m_store(m_ingest.store()) {}

    void row(const TableRow& row, std::uint32_t input);
    // The join: frequency from the pharmacy order, else doses_per_24_hrs.
    void join(MimicPharmacy& pharmacy);

  private:
    std::string where(std::uint64_t line) const { return m_reader.where(m_input, line); }
    void read_amount(const TableRow& row, batch::StoredOrder& order, OrderIssues& issues);
    void read_time(const TableRow& row, std::size_t column, const char* field, std::int64_t& target,
                   OrderIssues& issues) const;
    static std::string read_source_ids(const TableRow& row);
    int add(const TableRow& row, batch::StoredPatient& patient, const batch::StoredOrder& order,
            const OrderIssues& issues);
    void keep_for_join(const TableRow& row, batch::StoredPatient& patient, int index);
    std::string pharmacy_frequency(const MimicPendingOrder& pending, batch::StoredOrder& order,
                                   MimicPharmacy& pharmacy);
    std::string higher_of(const std::string& frequency, const MimicPendingOrder& p,
                          const batch::StoredOrder& order) const;

    ExportReader& m_reader;
    batch::Ingest& m_ingest;
    batch::PatientStore& m_store;
    std::uint32_t m_input = 0;
    std::vector<MimicPendingOrder> m_pending;
    batch::StringPool m_ids_read; // non-numeric pharmacy ids of prescriptions (rare)
    MimicInternCache m_routes;
    MimicInternCache m_units;
    std::vector<std::optional<EhrFrequency>> m_read_frequencies; // by index in the pharmacy's pool
};

void MimicPrescriptions::row(const TableRow& row, std::uint32_t input) {
    m_input = input;
    const std::string_view id = row[0];
    if (id.empty() || id.size() > batch::k_max_patient_id) {
        m_ingest.rejected(input, row.line(), "subject_id", "empty or too long subject_id");
        return;
    }
    if (row[5].empty()) {
        m_ingest.rejected(input, row.line(), "drug", "empty drug");
        return;
    }
    batch::StoredPatient& patient = m_store.patient(id, {input, row.line()});
    OrderIssues issues;
    batch::StoredOrder order;
    order.location = {input, row.line()};
    read_amount(row, order, issues);
    read_time(row, 3, "starttime", order.start_s, issues);
    read_time(row, 4, "stoptime", order.end_s, issues);
    if (order.start_s != batch::k_no_time) {
        patient.latest_authored = std::max(patient.latest_authored, batch::date_of(order.start_s));
    }
    const std::string source_ids = read_source_ids(row);
    order.source_id = source_ids; // kept by the store when the order is added
    const int index = add(row, patient, order, issues);
    if (index >= 0) {
        keep_for_join(row, patient, index);
    }
}

// dose_val_rx, dose_unit_rx and route.
void MimicPrescriptions::read_amount(const TableRow& row, batch::StoredOrder& order, OrderIssues& issues) {
    if (const auto dose = read_dose(row[7])) {
        order.dose = *dose;
    } else if (!row[7].empty()) {
        issues.emplace_back("dose",
                            "cannot read dose_val_rx " + quoted(row[7]) + " (" + where(row.line()) + ")");
        order.dose_unreadable = true; // the issue names the cell: not "no dose given" as well
    }
    order.unit = m_units.get(row[8], m_store.strings, [](std::string_view text) {
        const std::string lower = util::to_lower(text);
        return lower == "ptch" ? std::string("patch") : lower;
    });
    order.route =
        m_routes.get(row[10], m_store.strings, [](std::string_view text) { return read_ehr_route(text); });
}

// starttime or stoptime into `target`; unreadable, the order stays open on that side.
void MimicPrescriptions::read_time(const TableRow& row, std::size_t column, const char* field,
                                   std::int64_t& target, OrderIssues& issues) const {
    const std::string_view text = row[column];
    if (text.empty()) {
        return;
    }
    if (const auto at = batch::parse_timestamp(text)) {
        target = *at;
    } else {
        issues.emplace_back(field, "cannot read " + quoted(text) +
                                       " as a date-time; the order is taken as concurrent "
                                       "with every other order (" +
                                       where(row.line()) + ")");
    }
}

// Source ids: pharmacy_id, and poe_id when given.
std::string MimicPrescriptions::read_source_ids(const TableRow& row) {
    std::string source;
    if (!row[1].empty()) {
        source = "pharmacy_id ";
        source += row[1].substr(0, 64);
    }
    if (!row[2].empty()) {
        source += source.empty() ? "poe_id " : " poe_id ";
        source += row[2].substr(0, 64);
    }
    return source;
}

// A tablet of a named strength: the strength belongs to the name ("... 5mg/325mg Tablet").
int MimicPrescriptions::add(const TableRow& row, batch::StoredPatient& patient,
                            const batch::StoredOrder& order, const OrderIssues& issues) {
    const std::string_view unit_text = m_store.strings.at(order.unit);
    const bool count = unit_text == "tab" || unit_text == "cap" || unit_text == "patch" ||
                       unit_text == "tablet" || unit_text == "capsule";
    return count && !row[6].empty()
               ? add_order(m_ingest, patient, std::string(row[5]) + " " + std::string(row[6]), order, issues)
               : add_order(m_ingest, patient, row[5], order, issues);
}

void MimicPrescriptions::keep_for_join(const TableRow& row, batch::StoredPatient& patient, int index) {
    const auto per_day = util::parse_number(row[9]);
    const std::string_view pharmacy_id = row[1].substr(0, 64);
    const auto number = numeric_id(pharmacy_id);
    m_pending.push_back({&patient, index, patient.orders.last,
                         number || pharmacy_id.empty()
                             ? std::string_view()
                             : std::string_view(m_ids_read.at(m_ids_read.intern(pharmacy_id))),
                         number ? *number : k_no_key, per_day ? *per_day : batch::k_absent});
}

void MimicPrescriptions::join(MimicPharmacy& pharmacy) {
    for (const MimicPendingOrder& p : m_pending) {
        batch::StoredOrder order = m_store.order(p.handle);
        std::string frequency = pharmacy_frequency(p, order, pharmacy);
        if (frequency.empty() && !std::isnan(p.doses_per_24_hrs)) {
            frequency = frequency_for_doses_per_day(p.doses_per_24_hrs)
                            .value_or(util::format_number(p.doses_per_24_hrs) + " doses per 24 hours");
        } else if (!std::isnan(p.doses_per_24_hrs)) {
            frequency = higher_of(frequency, p, order);
        }
        order.frequency = m_store.strings.intern(frequency);
        m_store.replace_order(p.handle, order);
    }
}

// The pharmacy frequency, or doses_per_24_hrs where that is more a day (never an under-read): the two
// disagree, so the order is unverifiable, with the higher checked.
std::string MimicPrescriptions::higher_of(const std::string& frequency, const MimicPendingOrder& p,
                                          const batch::StoredOrder& order) const {
    const auto read = sig::read_frequency(frequency);
    if (!read || read->single_administration || !(p.doses_per_24_hrs > read->doses_per_day * (1 + 1e-9))) {
        return frequency;
    }
    const auto higher = frequency_for_doses_per_day(p.doses_per_24_hrs);
    if (!higher) {
        return frequency;
    }
    batch::PatientStore::add_issue(
        *p.patient, {fmt::format("medications[{}].frequency", p.order),
                     fmt::format("cannot verify: pharmacy frequency '{}' is {} a day but doses_per_24_hrs is "
                                 "{}; the higher was checked ({})",
                                 frequency, util::format_number(read->doses_per_day),
                                 util::format_number(p.doses_per_24_hrs), where(order.location.record)),
                     p.order});
    return *higher;
}

// The pharmacy order's frequency as the checker takes it (empty when none), its duration and PRN
// into `order`; a frequency that cannot be checked is an issue.
std::string MimicPrescriptions::pharmacy_frequency(const MimicPendingOrder& p, batch::StoredOrder& order,
                                                   MimicPharmacy& pharmacy) {
    const std::uint64_t key =
        p.pharmacy_id.empty() ? p.number : pharmacy_key(p.pharmacy_id, pharmacy.other_ids);
    const auto it = key == k_no_key ? pharmacy.rows.end() : pharmacy.rows.find(key);
    if (it == pharmacy.rows.end()) {
        return {};
    }
    order.duration_days = it->second.duration_days;
    const std::uint32_t written = it->second.frequency;
    if (written == 0) {
        return {};
    }
    if (m_read_frequencies.size() <= written) {
        m_read_frequencies.resize(written + 1);
    }
    if (!m_read_frequencies[written]) {
        m_read_frequencies[written] = read_ehr_frequency(pharmacy.frequencies.at(written));
    }
    const EhrFrequency& read = *m_read_frequencies[written];
    order.prn = read.prn;
    if (!read.unverifiable.empty()) {
        order.frequency_unreadable = true; // the issue says why: not "unknown frequency" as well
        batch::PatientStore::add_issue(*p.patient, {fmt::format("medications[{}].frequency", p.order),
                                                    fmt::format("cannot verify: {} ({})", read.unverifiable,
                                                                where(order.location.record)),
                                                    p.order});
    }
    return read.frequency;
}

} // namespace

void read_mimic(const std::string& dir, ExportReader& reader) {
    read_mimic_patients(dir, reader);
    read_mimic_creatinine(dir, reader);
    read_mimic_weights(dir, reader);
    read_mimic_diagnoses(dir, reader);

    // The pharmacy table is parsed on another thread while the prescriptions are read; the join
    // happens when both are read.
    MimicPharmacy pharmacy;
    std::unique_ptr<ExportReader::Detached> pharmacy_job;
    if (const auto table = find_table(dir, "pharmacy")) {
        pharmacy_job =
            reader.start_table(*table, {"pharmacy_id", "frequency", "duration", "duration_interval"},
                               [&pharmacy](const TableRow& row) { read_mimic_pharmacy_row(row, pharmacy); });
    }
    MimicPrescriptions prescriptions(reader);
    reader.table(
        ExportReader::required(dir, "prescriptions"),
        {"subject_id", "pharmacy_id", "poe_id", "starttime", "stoptime", "drug", "prod_strength",
         "dose_val_rx", "dose_unit_rx", "doses_per_24_hrs", "route"},
        [&prescriptions](const TableRow& row, std::uint32_t input) { prescriptions.row(row, input); });
    if (pharmacy_job) {
        reader.finish_table(*pharmacy_job);
    }
    prescriptions.join(pharmacy);
}

} // namespace medcheck::layouts
