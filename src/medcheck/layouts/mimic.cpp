// MIMIC-IV (hosp module, v2.x): prescriptions joined to pharmacy by pharmacy_id, patients, creatinine
// from labevents, weight from omr, diagnoses_icd. Column names as in the MIMIC-IV documentation.
#include <medcheck/layouts/export_reader.hpp>
#include <medcheck/layouts/readers.hpp>
#include <medcheck/layouts/vocabulary.hpp>
#include <medcheck/units/body_weight.hpp>

#include <medcheck/batch/time_axis.hpp>
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
    reader.table(ExportReader::required(dir, "patients"),
                 {"subject_id", "gender", "anchor_age", "anchor_year"},
                 [&](const TableRow& row, std::uint32_t input) {
                     const std::string_view id = row[0];
                     if (id.empty() || id.size() > batch::k_max_patient_id) {
                         ingest.rejected(input, row.line(), "subject_id", "empty or too long subject_id");
                         return;
                     }
                     batch::StoredPatient& patient = store.patient(id, {input, row.line()});
                     if (row[1] == "F") {
                         patient.sex = model::Sex::female;
                     } else if (row[1] == "M") {
                         patient.sex = model::Sex::male;
                     }
                     const auto age = util::parse_number(row[2]);
                     const auto year = util::parse_number(row[3]);
                     if (age && year && *age >= 0 && *age < 130 && *year >= 1800 && *year - *age >= 1800 &&
                         *year <= 9999) {
                         // Born on 1 January of (anchor_year - anchor_age): the age on any date is never
                         // under-read.
                         patient.birth_date = static_cast<std::uint32_t>(*year - *age) * 10000 + 101;
                     } else {
                         batch::PatientStore::add_issue(
                             patient, {"patient.age",
                                       "cannot read anchor_age " + quoted(row[2]) + " / anchor_year " +
                                           quoted(row[3]) + " (" + reader.where(input, row.line()) + ")",
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
        reader.table(
            *labs, {"subject_id", "itemid", "charttime", "valuenum", "valueuom"},
            [&](const TableRow& row, std::uint32_t input) {
                if (row[1] != k_creatinine_itemid) {
                    return;
                }
                const auto value = util::parse_number(row[3]);
                const auto at = batch::parse_timestamp(row[2]);
                if (!value || !at || *value <= 0 || util::to_lower(row[4]) != "mg/dl" || row[0].empty() ||
                    row[0].size() > batch::k_max_patient_id) {
                    ingest.count_skipped("creatinine without a usable value, unit (mg/dL) or time");
                    return;
                }
                store.patient(row[0], {input, row.line()}).creatinine_series.push_back({*at, *value});
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

} // namespace

void read_mimic(const std::string& dir, ExportReader& reader) {
    batch::Ingest& ingest = reader.ingest();
    batch::PatientStore& store = ingest.store();
    read_mimic_patients(dir, reader);
    read_mimic_creatinine(dir, reader);
    read_mimic_weights(dir, reader);
    read_mimic_diagnoses(dir, reader);

    // prescriptions: one order per row. The pharmacy table (frequency, duration by pharmacy_id) is
    // parsed on another thread meanwhile; the join happens when both are read.
    // Keyed by the id as a number (MIMIC's are integers); other ids through a string pool, flagged by
    // the top bit, so a million orders do not hold a million strings twice.
    std::unordered_map<std::uint64_t, PharmacyRow> pharmacy;
    batch::StringPool other_ids;   // the pharmacy thread's
    batch::StringPool frequencies; // the pharmacy thread's own pool
    std::unique_ptr<ExportReader::Detached> pharmacy_job;
    if (const auto table = find_table(dir, "pharmacy")) {
        pharmacy_job = reader.start_table(
            *table, {"pharmacy_id", "frequency", "duration", "duration_interval"}, [&](const TableRow& row) {
                if (row[0].empty() || row[0].size() > 64) {
                    return;
                }
                PharmacyRow& entry = pharmacy[pharmacy_key(row[0], other_ids)];
                entry.frequency = frequencies.intern(row[1].substr(0, 128));
                const auto duration = util::parse_number(row[2]);
                const std::string_view interval = row[3];
                const double days = interval == "Days"    ? 1.0
                                    : interval == "Weeks" ? 7.0
                                    : interval == "Hours" ? 1.0 / 24.0
                                                          : 0.0;
                if (duration && days > 0 && *duration > 0) {
                    entry.duration_days = *duration * days;
                }
            });
    }
    struct Pending {
        batch::StoredPatient* patient;
        int order;
        std::string_view pharmacy_id; // non-numeric id (a view into `ids_read`), or empty
        std::uint64_t number;
        double doses_per_24_hrs;
    };
    std::vector<Pending> pending;
    batch::StringPool ids_read; // non-numeric pharmacy ids of prescriptions (rare)
    // Small caches: the same few routes and units repeat on every row.
    std::unordered_map<std::string, std::uint32_t> routes;
    std::unordered_map<std::string, std::uint32_t> units;
    auto cached = [&](std::unordered_map<std::string, std::uint32_t>& cache, std::string_view text,
                      auto make) {
        thread_local std::string key;
        key.assign(text);
        if (const auto it = cache.find(key); it != cache.end()) {
            return it->second;
        }
        const std::uint32_t value = store.strings.intern(make(text));
        if (cache.size() < 10000) {
            cache.emplace(key, value);
        }
        return value;
    };
    std::uint32_t prescriptions_input = 0;
    reader.table(
        ExportReader::required(dir, "prescriptions"),
        {"subject_id", "pharmacy_id", "poe_id", "starttime", "stoptime", "drug", "prod_strength",
         "dose_val_rx", "dose_unit_rx", "doses_per_24_hrs", "route"},
        [&](const TableRow& row, std::uint32_t input) {
            prescriptions_input = input;
            const std::string_view id = row[0];
            if (id.empty() || id.size() > batch::k_max_patient_id) {
                ingest.rejected(input, row.line(), "subject_id", "empty or too long subject_id");
                return;
            }
            if (row[5].empty()) {
                ingest.rejected(input, row.line(), "drug", "empty drug");
                return;
            }
            batch::StoredPatient& patient = store.patient(id, {input, row.line()});
            auto where = [&] { return reader.where(input, row.line()); };
            std::vector<std::pair<std::string, std::string>> issues;
            batch::StoredOrder order;
            order.location = {input, row.line()};
            const std::string_view unit = row[8];
            if (const auto dose = read_dose(row[7])) {
                order.dose = *dose;
            } else if (!row[7].empty()) {
                issues.emplace_back("dose",
                                    "cannot read dose_val_rx " + quoted(row[7]) + " (" + where() + ")");
            }
            order.unit = cached(units, unit, [](std::string_view text) {
                const std::string lower = util::to_lower(text);
                return lower == "ptch" ? std::string("patch") : lower;
            });
            order.route = cached(routes, row[10], [](std::string_view text) { return read_ehr_route(text); });
            // Window.
            auto time = [&](std::string_view text, const char* field, std::int64_t& target) {
                if (text.empty()) {
                    return;
                }
                if (const auto at = batch::parse_timestamp(text)) {
                    target = *at;
                } else {
                    issues.emplace_back(field, "cannot read " + quoted(text) +
                                                   " as a date-time; the order is taken as concurrent "
                                                   "with every other order (" +
                                                   where() + ")");
                }
            };
            time(row[3], "starttime", order.start_s);
            time(row[4], "stoptime", order.end_s);
            if (order.start_s != batch::k_no_time) {
                patient.latest_authored = std::max(patient.latest_authored, batch::date_of(order.start_s));
            }
            // Source ids: pharmacy_id, and poe_id when given.
            if (!row[1].empty() || !row[2].empty()) {
                std::string source;
                if (!row[1].empty()) {
                    source = "pharmacy_id ";
                    source += row[1].substr(0, 64);
                }
                if (!row[2].empty()) {
                    source += source.empty() ? "poe_id " : " poe_id ";
                    source += row[2].substr(0, 64);
                }
                order.source_id = store.ids.intern(source);
            }
            // A tablet of a named strength: the strength belongs to the name ("... 5mg/325mg Tablet").
            const std::string& unit_text = store.strings.at(order.unit);
            const bool count = unit_text == "tab" || unit_text == "cap" || unit_text == "patch" ||
                               unit_text == "tablet" || unit_text == "capsule";
            const int index = count && !row[6].empty()
                                  ? add_order(ingest, patient,
                                              std::string(row[5]) + " " + std::string(row[6]), order, issues)
                                  : add_order(ingest, patient, row[5], order, issues);
            if (index >= 0) {
                const auto per_day = util::parse_number(row[9]);
                const std::string_view pharmacy_id = row[1].substr(0, 64);
                const auto number = numeric_id(pharmacy_id);
                pending.push_back({&patient, index,
                                   number || pharmacy_id.empty()
                                       ? std::string_view()
                                       : std::string_view(ids_read.at(ids_read.intern(pharmacy_id))),
                                   number ? *number : k_no_key, per_day ? *per_day : batch::k_absent});
            }
        });

    // The join: frequency from the pharmacy order, else doses_per_24_hrs.
    if (pharmacy_job) {
        reader.finish_table(*pharmacy_job);
    }
    std::vector<std::optional<EhrFrequency>> read_frequencies;
    for (const Pending& p : pending) {
        batch::StoredOrder& order = p.patient->orders[static_cast<std::size_t>(p.order)];
        std::string frequency;
        const std::uint64_t key = p.pharmacy_id.empty() ? p.number : pharmacy_key(p.pharmacy_id, other_ids);
        if (const auto it = key == k_no_key ? pharmacy.end() : pharmacy.find(key); it != pharmacy.end()) {
            order.duration_days = it->second.duration_days;
            const std::uint32_t written = it->second.frequency;
            if (written != 0) {
                if (read_frequencies.size() <= written) {
                    read_frequencies.resize(written + 1);
                }
                if (!read_frequencies[written]) {
                    read_frequencies[written] = read_ehr_frequency(frequencies.at(written));
                }
                const EhrFrequency& read = *read_frequencies[written];
                frequency = read.frequency;
                order.prn = read.prn;
                if (!read.unverifiable.empty()) {
                    batch::PatientStore::add_issue(
                        *p.patient, {fmt::format("medications[{}].frequency", p.order),
                                     fmt::format("cannot verify: {} ({})", read.unverifiable,
                                                 reader.where(prescriptions_input, order.location.record)),
                                     p.order});
                }
            }
        }
        if (frequency.empty() && !std::isnan(p.doses_per_24_hrs)) {
            frequency = frequency_for_doses_per_day(p.doses_per_24_hrs)
                            .value_or(util::format_number(p.doses_per_24_hrs) + " doses per 24 hours");
        }
        order.frequency = store.strings.intern(frequency);
    }
}

} // namespace medcheck::layouts
