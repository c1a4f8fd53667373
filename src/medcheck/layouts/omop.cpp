// OMOP CDM v5.3/v5.4: DRUG_EXPOSURE with CONCEPT and DRUG_STRENGTH, PERSON, MEASUREMENT,
// CONDITION_OCCURRENCE. Column names as in the OMOP CDM specification (ohdsi.github.io/CommonDataModel).
#include <medcheck/layouts/export_reader.hpp>
#include <medcheck/layouts/readers.hpp>
#include <medcheck/layouts/vocabulary.hpp>
#include <medcheck/units/body_weight.hpp>

#include <medcheck/batch/time_axis.hpp>
#include <medcheck/io/sig.hpp>
#include <medcheck/util/text.hpp>

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace medcheck::layouts {

namespace {

// Standard concept ids of the OMOP vocabularies (Athena), used when CONCEPT does not list them.
constexpr std::string_view k_male = "8507";
constexpr std::string_view k_female = "8532";
constexpr std::string_view k_mg = "8576";
constexpr std::string_view k_g = "8504";
constexpr std::string_view k_mcg = "9655";
constexpr std::string_view k_ml = "8587";
constexpr std::string_view k_mg_dl = "8840";
constexpr std::string_view k_umol_l = "8749";
constexpr std::string_view k_kg = "9529";
constexpr std::string_view k_lb = "8739";
constexpr double k_umol_per_mg_dl_creatinine = 88.42;

struct Concept {
    std::string name;
    std::string vocabulary;
    std::string code;
};

// One ingredient amount of a drug concept (DRUG_STRENGTH).
struct Strength {
    double amount_mg = batch::k_absent; // per unit (tablet, capsule, patch)
    double mg_per_ml = batch::k_absent; // liquids: numerator / denominator
    std::string ingredient;             // ingredient concept id
};

// Ingredient amounts by drug_concept_id.
using OmopStrengths = std::unordered_map<std::string, std::vector<Strength>>;

double mass_mg(double value, std::string_view unit) {
    if (unit == k_mg) {
        return value;
    }
    if (unit == k_g) {
        return value * 1000;
    }
    if (unit == k_mcg) {
        return value / 1000;
    }
    return batch::k_absent;
}

// A date-time, else the date (a date-only end is inclusive: the window ends the next midnight).
std::int64_t time_of(std::string_view datetime, std::string_view date, bool end) {
    if (const auto at = batch::parse_timestamp(datetime)) {
        return *at;
    }
    if (const auto at = batch::parse_timestamp(date.substr(0, 10))) {
        return end ? *at + 86400 : *at;
    }
    return batch::k_no_time;
}

// The concepts the other tables point to.
struct OmopConcepts {
    std::unordered_map<std::string, Concept> concepts;            // drug and ICD concepts by concept_id
    std::unordered_set<std::string> creatinine{"3016723"};        // LOINC 2160-0, mass/volume
    std::unordered_set<std::string> creatinine_molar{"3020564"};  // LOINC 14682-9, moles/volume
    std::unordered_set<std::string> weight{"3025315", "3013762"}; // LOINC 29463-7, 3141-9
};

// CONCEPT: names of drug concepts, and the LOINC/ICD concepts the other tables point to.
OmopConcepts read_omop_concepts(const std::string& dir, ExportReader& reader) {
    OmopConcepts out;
    auto& concepts = out.concepts;
    auto& creatinine = out.creatinine;
    auto& creatinine_molar = out.creatinine_molar;
    auto& weight = out.weight;
    reader.table(ExportReader::required(dir, "concept"),
                 {"concept_id", "concept_name", "vocabulary_id", "concept_code"},
                 [&](const TableRow& row, std::uint32_t) {
                     const std::string_view vocabulary = row[2];
                     if (vocabulary == "LOINC") {
                         if (row[3] == "2160-0" || row[3] == "38483-4") {
                             creatinine.emplace(row[0]);
                         } else if (row[3] == "14682-9") {
                             creatinine_molar.emplace(row[0]);
                         } else if (row[3] == "29463-7" || row[3] == "3141-9") {
                             weight.emplace(row[0]);
                         }
                         return;
                     }
                     if (vocabulary == "RxNorm" || vocabulary == "RxNorm Extension" ||
                         vocabulary == "ICD10CM" || vocabulary == "ICD9CM") {
                         concepts[std::string(row[0])] = {std::string(row[1].substr(0, 512)),
                                                          std::string(vocabulary),
                                                          std::string(row[3].substr(0, 32))};
                     }
                 });
    return out;
}

// DRUG_STRENGTH: per-unit ingredient amounts, by drug_concept_id.
OmopStrengths read_omop_strengths(const std::string& dir, ExportReader& reader) {
    OmopStrengths strengths;
    if (const auto table = find_table(dir, "drug_strength")) {
        reader.table(*table,
                     {"drug_concept_id", "ingredient_concept_id", "amount_value", "amount_unit_concept_id",
                      "numerator_value", "numerator_unit_concept_id", "denominator_value",
                      "denominator_unit_concept_id"},
                     [&](const TableRow& row, std::uint32_t) {
                         Strength strength;
                         strength.ingredient = std::string(row[1]);
                         if (const auto amount = util::parse_number(row[2])) {
                             strength.amount_mg = mass_mg(*amount, row[3]);
                         }
                         const auto numerator = util::parse_number(row[4]);
                         const auto denominator = util::parse_number(row[6]);
                         if (numerator && row[7] == k_ml) {
                             // A missing denominator value means "per 1 mL".
                             const double per = denominator && *denominator > 0 ? *denominator : 1.0;
                             strength.mg_per_ml = mass_mg(*numerator, row[5]) / per;
                         }
                         strengths[std::string(row[0])].push_back(std::move(strength));
                     });
    }
    return strengths;
}

// PERSON: sex and birth date.
void read_omop_persons(const std::string& dir, ExportReader& reader) {
    batch::Ingest& ingest = reader.ingest();
    batch::PatientStore& store = ingest.store();
    reader.table(ExportReader::required(dir, "person"),
                 {"person_id", "gender_concept_id", "year_of_birth", "month_of_birth", "day_of_birth"},
                 [&](const TableRow& row, std::uint32_t input) {
                     if (row[0].empty() || row[0].size() > batch::k_max_patient_id) {
                         ingest.rejected(input, row.line(), "person_id", "empty or too long person_id");
                         return;
                     }
                     batch::StoredPatient& patient = store.patient(row[0], {input, row.line()});
                     if (row[1] == k_female) {
                         patient.factors.sex = model::Sex::female;
                     } else if (row[1] == k_male) {
                         patient.factors.sex = model::Sex::male;
                     }
                     const auto year = util::parse_number(row[2]);
                     const auto month = util::parse_number(row[3]);
                     const auto day = util::parse_number(row[4]);
                     if (year && *year >= 1800 && *year <= 9999) {
                         // A missing month or day counts as the first: the age is never under-read.
                         const double m = month && *month >= 1 && *month <= 12 ? *month : 1;
                         const double d = day && *day >= 1 && *day <= 31 ? *day : 1;
                         patient.indirect().birth_date =
                             static_cast<std::uint32_t>(*year * 10000 + m * 100 + d);
                     }
                     ingest.count_checked();
                 });
}

// MEASUREMENT: creatinine and weight with their times.
void read_omop_measurements(const std::string& dir, ExportReader& reader, const OmopConcepts& concepts) {
    batch::Ingest& ingest = reader.ingest();
    batch::PatientStore& store = ingest.store();
    if (const auto table = find_table(dir, "measurement")) {
        reader.table(
            *table,
            {"person_id", "measurement_concept_id", "measurement_date", "measurement_datetime",
             "value_as_number", "unit_concept_id"},
            [&](const TableRow& row, std::uint32_t input) {
                const std::string key(row[1]);
                const bool is_creatinine =
                    concepts.creatinine.count(key) != 0 || concepts.creatinine_molar.count(key) != 0;
                const bool is_weight = concepts.weight.count(key) != 0;
                if (!is_creatinine && !is_weight) {
                    return;
                }
                const auto value = util::parse_number(row[4]);
                const std::int64_t at = time_of(row[3], row[2], false);
                double converted = batch::k_absent;
                if (value && *value > 0) {
                    if (is_creatinine) {
                        converted = row[5] == k_mg_dl    ? *value
                                    : row[5] == k_umol_l ? *value / k_umol_per_mg_dl_creatinine
                                                         : batch::k_absent;
                    } else {
                        converted = row[5] == k_kg   ? *value
                                    : row[5] == k_lb ? *value * units::k_kg_per_lb
                                                     : batch::k_absent;
                    }
                }
                if (std::isnan(converted) || at == batch::k_no_time || row[0].empty() ||
                    row[0].size() > batch::k_max_patient_id) {
                    ingest.count_skipped(is_creatinine ? "creatinine without a usable value, unit or date"
                                                       : "weight without a usable value, unit or date");
                    return;
                }
                batch::StoredPatient& patient = store.patient(row[0], {input, row.line()});
                (is_creatinine ? patient.indirect().creatinine_series : patient.indirect().weight_series)
                    .push_back({at, converted});
                ingest.count_checked();
            });
    }
}

// CONDITION_OCCURRENCE: the source ICD code (through its source concept, else as written).
void read_omop_conditions(const std::string& dir, ExportReader& reader,
                          const std::unordered_map<std::string, Concept>& concepts) {
    batch::Ingest& ingest = reader.ingest();
    batch::PatientStore& store = ingest.store();
    if (const auto table = find_table(dir, "condition_occurrence")) {
        reader.table(*table, {"person_id", "condition_source_value", "condition_source_concept_id"},
                     [&](const TableRow& row, std::uint32_t input) {
                         if (row[0].empty() || row[0].size() > batch::k_max_patient_id) {
                             ingest.rejected(input, row.line(), "person_id", "empty or too long person_id");
                             return;
                         }
                         batch::StoredPatient& patient = store.patient(row[0], {input, row.line()});
                         const auto it = concepts.find(std::string(row[2]));
                         if (it != concepts.end() &&
                             (it->second.vocabulary == "ICD9CM" || it->second.vocabulary == "ICD10CM")) {
                             add_diagnosis(ingest, patient, it->second.code,
                                           it->second.vocabulary == "ICD9CM" ? 9 : 10);
                         } else {
                             add_diagnosis(ingest, patient, row[1], 10);
                         }
                     });
    }
}

// 1. The sig, read by the sig reader: the order's dose, unit, frequency, PRN, duration and (when the
// row gives none) route. False when the sig is missing or not read whole; then `problem` says why
// (empty for a missing sig): an unknown word, an ambiguity ("may double"), no dose or frequency.
bool dose_from_omop_sig(std::string_view sig, batch::PatientStore& store, batch::StoredOrder& order,
                        std::string& problem) {
    if (sig.empty()) {
        return false;
    }
    std::vector<model::InputIssue> sig_issues;
    const model::MedicationOrder read =
        io::parse_sig("drug " + std::string(sig.substr(0, 512)), 0, "sig", sig_issues);
    if (!sig_issues.empty()) {
        problem = sig_issues.front().message;
    } else if (!read.ambiguities.empty()) {
        problem = "ambiguous: " + read.ambiguities.front();
    } else if (!read.dose || read.unit.empty() || read.frequency.empty()) {
        problem = "no dose, unit or frequency in it";
    }
    if (!problem.empty()) {
        return false;
    }
    order.dose = *read.dose;
    order.daily_dose = read.daily_dose.value_or(batch::k_absent); // "1 in the morning, 2 at night"
    order.unit = store.strings.intern(read.unit);
    order.frequency = store.strings.intern(read.frequency);
    order.prn = read.prn;
    order.max_doses_per_day = read.max_doses_per_day.value_or(batch::k_absent);
    if (read.duration_days) {
        order.duration_days = *read.duration_days;
    }
    if (!read.route.empty() && order.route == 0) {
        order.route = store.strings.intern(read_ehr_route(read.route));
    }
    return true;
}

// 2. quantity x strength / days_supply, as one daily amount. False without a quantity and days.
bool dose_from_omop_supply(const TableRow& row, const OmopStrengths& strengths, batch::PatientStore& store,
                           batch::StoredOrder& order) {
    const auto quantity = util::parse_number(row[7]);
    const auto days = util::parse_number(row[8]);
    if (!quantity || !days || *quantity <= 0 || *days < 1) {
        return false;
    }
    const auto found = strengths.find(std::string(row[2]));
    const std::vector<Strength>* parts = found == strengths.end() ? nullptr : &found->second;
    if (parts != nullptr && parts->size() == 1 && !std::isnan(parts->front().amount_mg)) {
        order.dose = *quantity * parts->front().amount_mg / *days;
        order.unit = store.strings.intern("mg");
    } else if (parts != nullptr && parts->size() == 1 && !std::isnan(parts->front().mg_per_ml)) {
        order.dose = *quantity * parts->front().mg_per_ml / *days;
        order.unit = store.strings.intern("mg");
    } else {
        // Several ingredients: units a day of the named product (the name gives the strengths).
        order.dose = *quantity / *days;
        order.unit = store.strings.intern("tablet");
    }
    order.frequency = store.strings.intern("daily");
    return true;
}

// DRUG_EXPOSURE: one order per row.
void read_omop_exposure_row(const TableRow& row, std::uint32_t input, ExportReader& reader,
                            const OmopConcepts& concepts, const OmopStrengths& strengths) {
    batch::Ingest& ingest = reader.ingest();
    batch::PatientStore& store = ingest.store();
    if (row[1].empty() || row[1].size() > batch::k_max_patient_id) {
        ingest.rejected(input, row.line(), "person_id", "empty or too long person_id");
        return;
    }
    batch::StoredPatient& patient = store.patient(row[1], {input, row.line()});
    const std::string where = reader.where(input, row.line());
    const auto concept_it = concepts.concepts.find(std::string(row[2]));
    // The drug: the RxNorm concept's name, else the source value as written.
    std::string drug = concept_it != concepts.concepts.end() ? concept_it->second.name : std::string(row[11]);
    if (drug.empty()) {
        drug = "drug_concept_id " + std::string(row[2].substr(0, 32));
    }
    OrderIssues issues;
    batch::StoredOrder order;
    order.location = {input, row.line()};
    order.start_s = time_of(row[4], row[3], false);
    order.end_s = time_of(row[6], row[5], true);
    if (order.start_s != batch::k_no_time) {
        patient.latest_authored = std::max(patient.latest_authored, batch::date_of(order.start_s));
    }
    if (!row[10].empty()) {
        order.route = store.strings.intern(read_ehr_route(row[10]));
    }
    const std::string exposure_id =
        row[0].empty() ? std::string() : "drug_exposure_id " + std::string(row[0].substr(0, 64));
    order.source_id = exposure_id; // kept by the store when the order is added
    std::string sig_problem;
    if (!dose_from_omop_sig(row[9], store, order, sig_problem)) {
        const bool supplied = dose_from_omop_supply(row, strengths, store, order);
        if (!sig_problem.empty()) {
            // The amount dispensed over days_supply is an average: lower than a sig may allow, so an
            // unread sig is never passed over in silence.
            issues.emplace_back("sig", "cannot verify: the sig '" + std::string(row[9].substr(0, 120)) +
                                           "' was not read whole (" + sig_problem + ")" +
                                           (supplied ? "; the amount dispensed a day was checked" : "") +
                                           " (" + where + ")");
        }
        if (!supplied) {
            // The issue says why: not "no dose given" and "no frequency given" as well.
            order.dose_unreadable = true;
            order.frequency_unreadable = true;
            issues.emplace_back("dose", "cannot verify: no readable sig and no quantity with days_supply (" +
                                            where + ")");
        }
    }
    add_order(ingest, patient, drug, order, issues);
}

} // namespace

void read_omop(const std::string& dir, ExportReader& reader) {
    const OmopConcepts concepts = read_omop_concepts(dir, reader);
    const OmopStrengths strengths = read_omop_strengths(dir, reader);
    read_omop_persons(dir, reader);
    read_omop_measurements(dir, reader, concepts);
    read_omop_conditions(dir, reader, concepts.concepts);
    reader.table(ExportReader::required(dir, "drug_exposure"),
                 {"drug_exposure_id", "person_id", "drug_concept_id", "drug_exposure_start_date",
                  "drug_exposure_start_datetime", "drug_exposure_end_date", "drug_exposure_end_datetime",
                  "quantity", "days_supply", "sig", "route_source_value", "drug_source_value"},
                 [&](const TableRow& row, std::uint32_t input) {
                     read_omop_exposure_row(row, input, reader, concepts, strengths);
                 });
}

} // namespace medcheck::layouts
