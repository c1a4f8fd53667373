// MIMIC-IV (hosp module, v2.x): prescriptions joined to pharmacy by pharmacy_id, patients, creatinine
// from labevents, weight from omr, diagnoses_icd. Column names as in the MIMIC-IV documentation.
#include <medcheck/layouts/export_reader.hpp>
#include <medcheck/layouts/readers.hpp>
#include <medcheck/layouts/vocabulary.hpp>

#include <medcheck/batch/time_axis.hpp>
#include <medcheck/util/text.hpp>

#include <algorithm>
#include <unordered_map>

namespace medcheck::layouts {

namespace {

constexpr std::string_view k_creatinine_itemid = "50912"; // d_labitems: Creatinine, Blood, mg/dL
constexpr double k_kg_per_lb = 0.45359237;

// What the pharmacy table adds to a prescription.
struct PharmacyRow {
    std::uint32_t frequency = 0; // interned as written
    double duration_days = batch::k_absent;
};

} // namespace

void read_mimic(const std::string& dir, ExportReader& reader) {
    batch::Ingest& ingest = reader.ingest();
    batch::PatientStore& store = ingest.store();

    // patients: sex, and a birth date from the anchor (age anchor_age in anchor_year).
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
                         patient.sex = static_cast<std::int8_t>(model::Sex::female);
                     } else if (row[1] == "M") {
                         patient.sex = static_cast<std::int8_t>(model::Sex::male);
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
                     ingest.checked();
                 });

    // labevents: serum creatinine (mg/dL) with its time.
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
                    ingest.skipped("creatinine without a usable value, unit (mg/dL) or time");
                    return;
                }
                store.patient(row[0], {input, row.line()}).creatinine_series.push_back({*at, *value});
                ingest.checked();
            });
    }

    // omr: weight in pounds on a chart date.
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
                             ingest.skipped("weight without a usable value or date");
                             return;
                         }
                         store.patient(row[0], {input, row.line()})
                             .weight_series.push_back({*at, pounds ? *value * k_kg_per_lb : *value});
                         ingest.checked();
                     });
    }

    // diagnoses_icd: ICD-9-CM and ICD-10-CM codes (no time: they hold for the whole record).
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

    // pharmacy: frequency and duration by pharmacy_id, for the join below.
    std::unordered_map<std::string, PharmacyRow> pharmacy;
    if (const auto table = find_table(dir, "pharmacy")) {
        reader.table(*table, {"pharmacy_id", "frequency", "duration", "duration_interval"},
                     [&](const TableRow& row, std::uint32_t) {
                         if (row[0].empty() || row[0].size() > 64) {
                             return;
                         }
                         PharmacyRow& entry = pharmacy[std::string(row[0])];
                         entry.frequency = store.strings.intern(row[1].substr(0, 128));
                         const auto duration = util::parse_number(row[2]);
                         const std::string interval = util::to_lower(row[3]);
                         const double days = interval == "days"    ? 1.0
                                             : interval == "weeks" ? 7.0
                                             : interval == "hours" ? 1.0 / 24.0
                                                                   : 0.0;
                         if (duration && days > 0 && *duration > 0) {
                             entry.duration_days = *duration * days;
                         }
                     });
    }

    // prescriptions: one order per row.
    reader.table(
        ExportReader::required(dir, "prescriptions"),
        {"subject_id", "pharmacy_id", "poe_id", "starttime", "stoptime", "drug", "prod_strength",
         "dose_val_rx", "dose_unit_rx", "doses_per_24_hrs", "route"},
        [&](const TableRow& row, std::uint32_t input) {
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
            const std::string where = reader.where(input, row.line());
            std::vector<std::pair<std::string, std::string>> issues;
            batch::StoredOrder order;
            order.location = {input, row.line()};
            const std::string_view unit = row[8];
            if (const auto dose = read_dose(row[7])) {
                order.dose = *dose;
            } else if (!row[7].empty()) {
                issues.emplace_back("dose", "cannot read dose_val_rx " + quoted(row[7]) + " (" + where + ")");
            }
            const std::string lower_unit = util::to_lower(unit);
            order.unit = store.strings.intern(lower_unit == "ptch" ? std::string("patch") : lower_unit);
            order.route = store.strings.intern(read_ehr_route(row[10]));
            // Frequency: the pharmacy order's, else doses_per_24_hrs.
            std::string frequency;
            if (const auto it = row[1].empty() ? pharmacy.end() : pharmacy.find(std::string(row[1]));
                it != pharmacy.end()) {
                order.duration_days = it->second.duration_days;
                const std::string& written = store.strings.at(it->second.frequency);
                if (!written.empty()) {
                    const EhrFrequency read = read_ehr_frequency(written);
                    frequency = read.frequency;
                    order.prn = read.prn;
                    if (!read.unverifiable.empty()) {
                        issues.emplace_back("frequency",
                                            "cannot verify: " + read.unverifiable + " (" + where + ")");
                    }
                }
            }
            if (frequency.empty() && !row[9].empty()) {
                if (const auto per_day = util::parse_number(row[9])) {
                    frequency = frequency_for_doses_per_day(*per_day).value_or(std::string(row[9]));
                }
            }
            order.frequency = store.strings.intern(frequency);
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
                                                   where + ")");
                }
            };
            time(row[3], "starttime", order.start_s);
            time(row[4], "stoptime", order.end_s);
            if (order.start_s != batch::k_no_time) {
                patient.latest_authored = std::max(patient.latest_authored, batch::date_of(order.start_s));
            }
            // Source ids: pharmacy_id, and poe_id when given.
            std::string source(row[1].substr(0, 64));
            if (!row[2].empty()) {
                source += (source.empty() ? "poe_id " : " poe_id ") + std::string(row[2].substr(0, 64));
            }
            if (!source.empty()) {
                order.source_id = store.ids.intern(row[1].empty() ? source : "pharmacy_id " + source);
            }
            // A tablet of a named strength: the strength belongs to the name ("... 5mg/325mg Tablet").
            const bool count = lower_unit == "tab" || lower_unit == "cap" || lower_unit == "ptch" ||
                               lower_unit == "tablet" || lower_unit == "capsule" || lower_unit == "patch";
            const std::string drug = count && !row[6].empty()
                                         ? std::string(row[5]) + " " + std::string(row[6])
                                         : std::string(row[5]);
            add_order(ingest, patient, drug, order, std::move(issues));
        });
}

} // namespace medcheck::layouts
