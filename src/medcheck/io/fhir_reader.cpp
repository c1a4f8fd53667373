#include <medcheck/io/fhir_reader.hpp>

#include <medcheck/util/text.hpp>

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <map>

namespace medcheck::io {

namespace {

namespace dom = simdjson::dom;

// NDJSON is read 64 KiB at first, doubling up to 1 MiB, so small inputs need no large buffer.
constexpr std::size_t k_first_chunk_bytes = 1U << 16U;
constexpr std::size_t k_chunk_bytes = 1U << 20U;
// Micromoles per litre of creatinine in one mg/dL.
constexpr double k_umol_l_per_mg_dl = 88.4;
constexpr double k_kg_per_lb = 0.45359237;

std::string_view text_of(dom::element element, const char* key) {
    std::string_view value;
    if (element[key].get_string().get(value) != simdjson::SUCCESS) {
        return {};
    }
    return value;
}

std::optional<double> number_of(dom::element element, const char* key) {
    double value = 0;
    if (element[key].get_double().get(value) != simdjson::SUCCESS || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

// subject.reference, or empty.
std::string_view subject_reference(dom::element resource) {
    dom::element subject;
    if (resource["subject"].get(subject) != simdjson::SUCCESS) {
        return {};
    }
    return text_of(subject, "reference");
}

bool has(dom::element element, const char* key) {
    return element[key].error() == simdjson::SUCCESS;
}

std::string short_system(std::string_view system) {
    if (system == "http://hl7.org/fhir/sid/icd-10-cm" || system == "http://hl7.org/fhir/sid/icd-10") {
        return "icd10cm";
    }
    if (system == "http://snomed.info/sct") {
        return "snomed";
    }
    if (system == "http://www.nlm.nih.gov/research/umls/rxnorm") {
        return "rxnorm";
    }
    if (system == "http://loinc.org") {
        return "loinc";
    }
    return std::string(system);
}

std::vector<FhirCoding> codings_of(dom::element concept_element) {
    std::vector<FhirCoding> out;
    dom::array codings;
    if (concept_element["coding"].get_array().get(codings) != simdjson::SUCCESS) {
        return out;
    }
    for (dom::element coding : codings) {
        out.push_back({short_system(text_of(coding, "system")), std::string(text_of(coding, "code")),
                       std::string(text_of(coding, "display"))});
    }
    return out;
}

// "Patient/123" -> "123"; other references (urn:uuid:..., absolute URLs) are kept whole.
std::string reference_target(std::string_view reference) {
    if (reference.starts_with("Patient/")) {
        reference.remove_prefix(8);
        if (const std::size_t history = reference.find("/_history"); history != std::string_view::npos) {
            reference = reference.substr(0, history);
        }
    }
    return std::string(reference);
}

// Days in one unit of a UCUM time unit; nullopt for units other than time.
std::optional<double> days_per(std::string_view unit) {
    if (unit == "d" || unit == "day" || unit == "days") {
        return 1.0;
    }
    if (unit == "wk" || unit == "week" || unit == "weeks") {
        return 7.0;
    }
    if (unit == "h" || unit == "hour" || unit == "hours") {
        return 1.0 / 24.0;
    }
    if (unit == "mo" || unit == "month" || unit == "months") {
        return 30.0;
    }
    if (unit == "min") {
        return 1.0 / 1440.0;
    }
    return std::nullopt;
}

// A Duration in days.
std::optional<double> duration_days_of(dom::element duration) {
    const auto value = number_of(duration, "value");
    std::string_view unit = text_of(duration, "code");
    if (unit.empty()) {
        unit = text_of(duration, "unit");
    }
    const auto factor = days_per(unit);
    if (!value || !factor) {
        return std::nullopt;
    }
    return *value * *factor;
}

// A dose unit in the spelling parse_dose_unit reads: UCUM code preferred, annotations unwrapped.
std::string dose_unit_of(dom::element quantity) {
    std::string_view unit = text_of(quantity, "code");
    if (unit.empty()) {
        unit = text_of(quantity, "unit");
    }
    std::string out = util::to_lower(util::trim(unit));
    if (out.size() >= 2 && out.front() == '{' && out.back() == '}') {
        out = out.substr(1, out.size() - 2);
    }
    if (out == "tbl" || out == "tab" || out == "tabs" || out == "tablets") {
        out = "tablet";
    }
    if (out == "cap" || out == "caps" || out == "capsules") {
        out = "capsule";
    }
    return out;
}

std::string route_of(dom::element route) {
    static const std::map<std::string, std::string, std::less<>> k_snomed{
        {"26643006", "oral"},       {"47625008", "iv"},           {"45890007", "transdermal"},
        {"78421000", "im"},         {"34206005", "subcutaneous"}, {"37161004", "rectal"},
        {"37839007", "sublingual"}, {"6064005", "topical"},
    };
    for (const auto& coding : codings_of(route)) {
        if (coding.system == "snomed") {
            if (const auto it = k_snomed.find(coding.code); it != k_snomed.end()) {
                return it->second;
            }
        }
    }
    std::string words = util::to_lower(text_of(route, "text"));
    if (words.empty()) {
        for (const auto& coding : codings_of(route)) {
            if (!coding.display.empty()) {
                words = util::to_lower(coding.display);
                break;
            }
        }
    }
    if (words.find("oral") != std::string::npos || words.find("mouth") != std::string::npos ||
        words == "po") {
        return "oral";
    }
    if (words.find("intravenous") != std::string::npos || words == "iv") {
        return "iv";
    }
    if (words.find("transdermal") != std::string::npos) {
        return "transdermal";
    }
    return std::string(util::trim(words));
}

std::string timing_code_frequency(std::string_view code) {
    const std::string lower = util::to_lower(util::trim(code));
    if (lower == "am" || lower == "pm") {
        return "daily";
    }
    if (lower == "bed") {
        return "qhs";
    }
    if (lower == "wk") {
        return "weekly";
    }
    return lower;
}

bool is_whole(double value) {
    return std::fabs(value - std::round(value)) < 1e-9;
}

void map_dosage(dom::element dosage, FhirMedicationRequest& out) {
    out.dosage_text = std::string(text_of(dosage, "text"));
    bool as_needed = false;
    if (dosage["asNeededBoolean"].get_bool().get(as_needed) == simdjson::SUCCESS) {
        out.prn = as_needed;
    } else if (has(dosage, "asNeededCodeableConcept")) {
        out.prn = true;
    }
    dom::element route;
    if (dosage["route"].get(route) == simdjson::SUCCESS) {
        out.route = route_of(route);
    }
    // Dose: the first doseAndRate's doseQuantity, or the top of a doseRange.
    dom::array dose_and_rate;
    if (dosage["doseAndRate"].get_array().get(dose_and_rate) == simdjson::SUCCESS &&
        dose_and_rate.size() > 0) {
        const dom::element first = dose_and_rate.at(0).value_unsafe();
        dom::element quantity;
        const bool has_quantity = first["doseQuantity"].get(quantity) == simdjson::SUCCESS ||
                                  first["doseRange"]["high"].get(quantity) == simdjson::SUCCESS;
        if (has_quantity && quantity.type() == dom::element_type::OBJECT) {
            out.unit = dose_unit_of(quantity);
            dom::element value;
            if (quantity["value"].get(value) == simdjson::SUCCESS) {
                double number = 0;
                std::string_view written;
                if (value.get_double().get(number) == simdjson::SUCCESS) {
                    out.dose = number;
                } else if (value.get_string().get(written) == simdjson::SUCCESS) {
                    out.dose = util::parse_number(written);
                    if (!out.dose) {
                        out.issues.emplace_back("dosageInstruction.doseQuantity.value",
                                                "cannot read '" + std::string(written) + "' as a number");
                    }
                } else {
                    out.issues.emplace_back("dosageInstruction.doseQuantity.value", "not a number");
                }
            }
        }
    }
    // Timing: an abbreviation code, else repeat frequency per period.
    dom::element timing;
    if (dosage["timing"].get(timing) == simdjson::SUCCESS) {
        dom::element code;
        if (timing["code"].get(code) == simdjson::SUCCESS) {
            for (const auto& coding : codings_of(code)) {
                if (!coding.code.empty()) {
                    out.frequency = timing_code_frequency(coding.code);
                    break;
                }
            }
            if (out.frequency.empty()) {
                out.frequency = timing_code_frequency(text_of(code, "text"));
            }
        }
        dom::element repeat;
        if (out.frequency.empty() && timing["repeat"].get(repeat) == simdjson::SUCCESS) {
            const auto count = number_of(repeat, "count");
            const auto frequency = number_of(repeat, "frequency");
            const auto frequency_max = number_of(repeat, "frequencyMax");
            const auto period = number_of(repeat, "period");
            const auto period_max = number_of(repeat, "periodMax");
            const std::string_view period_unit = text_of(repeat, "periodUnit");
            if (period && !period_unit.empty()) {
                const double times = frequency_max ? *frequency_max : frequency.value_or(1.0);
                out.frequency = fhir_repeat_frequency(times, *period, period_max, period_unit);
                if (out.frequency.empty()) {
                    // Not expressible: passed on as written so the checker names it.
                    out.frequency = util::format_number(times) + " per " + util::format_number(*period) +
                                    " " + std::string(period_unit);
                }
            } else if (count && *count == 1) {
                out.frequency = "once";
            }
        }
        if (timing["repeat"].get(repeat) == simdjson::SUCCESS) {
            dom::element bounds;
            if (repeat["boundsDuration"].get(bounds) == simdjson::SUCCESS) {
                out.duration_days = duration_days_of(bounds);
            }
        }
    }
    // maxDosePerPeriod (R4: one Ratio; R5: a list): a cap in doses per day for PRN orders.
    dom::element max_dose;
    if (dosage["maxDosePerPeriod"].get(max_dose) == simdjson::SUCCESS) {
        dom::array list;
        bool usable = true;
        if (max_dose.get_array().get(list) == simdjson::SUCCESS) {
            usable = list.size() > 0;
            if (usable) {
                max_dose = list.at(0).value_unsafe();
            }
        }
        if (usable && max_dose.type() == dom::element_type::OBJECT) {
            dom::element numerator;
            dom::element denominator;
            const bool has_numerator = max_dose["numerator"].get(numerator) == simdjson::SUCCESS &&
                                       numerator.type() == dom::element_type::OBJECT;
            const bool has_denominator = max_dose["denominator"].get(denominator) == simdjson::SUCCESS &&
                                         denominator.type() == dom::element_type::OBJECT;
            double amount = 0;
            std::string amount_unit;
            bool has_amount = false;
            if (has_numerator) {
                has_amount =
                    numerator["value"].get_double().get(amount) == simdjson::SUCCESS && std::isfinite(amount);
                amount_unit = dose_unit_of(numerator);
            }
            double per_days = 1.0;
            bool has_period = true;
            if (has_denominator) {
                const auto value = number_of(denominator, "value");
                std::string_view unit = text_of(denominator, "code");
                if (unit.empty()) {
                    unit = text_of(denominator, "unit");
                }
                const auto factor = days_per(unit);
                has_period = value && factor && *value > 0;
                per_days = has_period ? *value * *factor : 1.0;
            }
            if (has_amount && has_period) {
                if (amount_unit.empty() || amount_unit == "dose" || amount_unit == "doses") {
                    out.max_doses_per_day = amount / per_days;
                } else if (out.dose && *out.dose > 0 && amount_unit == out.unit) {
                    out.max_doses_per_day = amount / *out.dose / per_days;
                }
            }
        }
    }
}

void map_medication_request(dom::element resource, std::uint64_t record, FhirSink& sink) {
    FhirMedicationRequest out;
    out.id = std::string(text_of(resource, "id"));
    out.status = std::string(text_of(resource, "status"));
    if (out.status.empty()) {
        sink.rejected(record, "MedicationRequest.status", "missing status");
        return;
    }
    const std::string_view subject = subject_reference(resource);
    if (subject.empty()) {
        sink.rejected(record, "MedicationRequest.subject", "missing subject reference (the patient)");
        return;
    }
    out.patient = reference_target(subject);
    out.authored_on = std::string(text_of(resource, "authoredOn").substr(0, 10));
    dom::element medication;
    if (resource["medicationCodeableConcept"].get(medication) == simdjson::SUCCESS) {
        out.medication_text = std::string(text_of(medication, "text"));
        out.medication_codings = codings_of(medication);
    } else if (resource["medicationReference"].get(medication) == simdjson::SUCCESS) {
        out.medication_text = std::string(text_of(medication, "display"));
    }
    bool named = !out.medication_text.empty();
    for (const auto& coding : out.medication_codings) {
        named = named || !coding.display.empty() || !coding.code.empty();
    }
    if (!named) {
        sink.rejected(record, "MedicationRequest.medication[x]",
                      "no medication text, coding or reference display to identify the drug");
        return;
    }
    dom::array dosages;
    if (resource["dosageInstruction"].get_array().get(dosages) == simdjson::SUCCESS && dosages.size() > 0) {
        map_dosage(dosages.at(0).value_unsafe(), out);
    }
    dom::element supply;
    if (!out.duration_days &&
        resource["dispenseRequest"]["expectedSupplyDuration"].get(supply) == simdjson::SUCCESS) {
        out.duration_days = duration_days_of(supply);
    }
    out.continuing = has(resource, "priorPrescription");
    sink.medication_request(record, std::move(out));
}

void map_patient(dom::element resource, std::uint64_t record, FhirSink& sink) {
    FhirPatient out;
    out.id = std::string(text_of(resource, "id"));
    if (out.id.empty()) {
        sink.rejected(record, "Patient.id", "missing id");
        return;
    }
    out.birth_date = std::string(text_of(resource, "birthDate"));
    out.gender = std::string(text_of(resource, "gender"));
    sink.patient(record, std::move(out));
}

std::string status_code(dom::element resource, const char* key) {
    dom::element status;
    if (resource[key].get(status) != simdjson::SUCCESS) {
        return {};
    }
    for (const auto& coding : codings_of(status)) {
        if (!coding.code.empty()) {
            return coding.code;
        }
    }
    return {};
}

void map_condition(dom::element resource, std::uint64_t record, FhirSink& sink) {
    FhirCondition out;
    out.id = std::string(text_of(resource, "id"));
    const std::string_view subject = subject_reference(resource);
    if (subject.empty()) {
        sink.rejected(record, "Condition.subject", "missing subject reference (the patient)");
        return;
    }
    out.patient = reference_target(subject);
    const std::string clinical = status_code(resource, "clinicalStatus");
    if (!clinical.empty() && clinical != "active" && clinical != "recurrence" && clinical != "relapse") {
        sink.skipped(record, "Condition clinicalStatus " + clinical);
        return;
    }
    const std::string verification = status_code(resource, "verificationStatus");
    if (verification == "refuted" || verification == "entered-in-error") {
        sink.skipped(record, "Condition verificationStatus " + verification);
        return;
    }
    dom::element code;
    if (resource["code"].get(code) == simdjson::SUCCESS) {
        out.codes = codings_of(code);
    }
    if (out.codes.empty()) {
        sink.rejected(record, "Condition.code", "no coded condition");
        return;
    }
    sink.condition(record, std::move(out));
}

void map_observation(dom::element resource, std::uint64_t record, FhirSink& sink) {
    dom::element code;
    std::optional<FhirObservationKind> kind;
    if (resource["code"].get(code) == simdjson::SUCCESS) {
        for (const auto& coding : codings_of(code)) {
            if (coding.system != "loinc") {
                continue;
            }
            if (coding.code == "2160-0" || coding.code == "38483-4" || coding.code == "14682-9") {
                kind = FhirObservationKind::creatinine;
            } else if (coding.code == "29463-7" || coding.code == "3141-9") {
                kind = FhirObservationKind::weight;
            } else if (coding.code == "33914-3" || coding.code == "48642-3" || coding.code == "48643-3" ||
                       coding.code == "62238-1" || coding.code == "88293-6" || coding.code == "88294-4" ||
                       coding.code == "98979-8" || coding.code == "50044-7") {
                kind = FhirObservationKind::egfr;
            }
            if (kind) {
                break;
            }
        }
    }
    if (!kind) {
        sink.skipped(record, "Observation code not used");
        return;
    }
    const std::string_view status = text_of(resource, "status");
    if (status == "cancelled" || status == "entered-in-error" || status == "registered") {
        sink.skipped(record, "Observation status " + std::string(status));
        return;
    }
    FhirObservation out;
    out.id = std::string(text_of(resource, "id"));
    out.kind = *kind;
    const std::string_view subject = subject_reference(resource);
    if (subject.empty()) {
        sink.rejected(record, "Observation.subject", "missing subject reference (the patient)");
        return;
    }
    out.patient = reference_target(subject);
    out.effective = std::string(text_of(resource, "effectiveDateTime"));
    if (out.effective.empty()) {
        out.effective = std::string(text_of(resource, "issued"));
    }
    dom::element quantity;
    if (resource["valueQuantity"].get(quantity) != simdjson::SUCCESS) {
        sink.rejected(record, "Observation.valueQuantity", "no quantity value");
        return;
    }
    const auto value = number_of(quantity, "value");
    if (!value) {
        sink.rejected(record, "Observation.valueQuantity.value", "not a number");
        return;
    }
    std::string_view unit = text_of(quantity, "code");
    if (unit.empty()) {
        unit = text_of(quantity, "unit");
    }
    const std::string lower = util::to_lower(unit);
    switch (*kind) {
    case FhirObservationKind::creatinine:
        if (lower == "mg/dl") {
            out.value = *value;
        } else if (lower == "umol/l" || lower == "\xC2\xB5mol/l" || lower == "\xCE\xBCmol/l") {
            out.value = *value / k_umol_l_per_mg_dl;
        } else {
            sink.rejected(record, "Observation.valueQuantity.unit",
                          "creatinine unit '" + std::string(unit) + "' (mg/dL or umol/L)");
            return;
        }
        break;
    case FhirObservationKind::weight:
        if (lower == "kg") {
            out.value = *value;
        } else if (lower == "g") {
            out.value = *value / 1000.0;
        } else if (lower == "[lb_av]" || lower == "lb" || lower == "lbs") {
            out.value = *value * k_kg_per_lb;
        } else {
            sink.rejected(record, "Observation.valueQuantity.unit",
                          "body weight unit '" + std::string(unit) + "' (kg, g or [lb_av])");
            return;
        }
        break;
    case FhirObservationKind::egfr:
        out.value = *value;
        break;
    }
    sink.observation(record, std::move(out));
}

// A key given twice in one object, if any: simdjson would silently use the first value where other
// readers use the last, so which value is meant cannot be told.
std::optional<std::string_view> duplicate_key(dom::object object) {
    // Resources have a handful of keys per object: compare pairwise without allocating; sort only
    // for large objects.
    constexpr std::size_t k_small = 16;
    std::array<std::string_view, k_small> small{};
    std::size_t count = 0;
    for (const dom::key_value_pair pair : object) {
        if (count == k_small) {
            break;
        }
        for (std::size_t i = 0; i < count; ++i) {
            if (small[i] == pair.key) {
                return pair.key;
            }
        }
        small[count++] = pair.key;
    }
    if (count < k_small) {
        return std::nullopt;
    }
    std::vector<std::string_view> keys;
    keys.reserve(object.size());
    for (const dom::key_value_pair pair : object) {
        keys.push_back(pair.key);
    }
    std::sort(keys.begin(), keys.end());
    if (const auto twice = std::adjacent_find(keys.begin(), keys.end()); twice != keys.end()) {
        return *twice;
    }
    return std::nullopt;
}

std::string duplicate_reason(std::string_view key) {
    return "duplicate key '" + std::string(key.substr(0, 64)) + "' (which value is meant cannot be told)";
}

// Why a resource cannot be used as simdjson parsed it: a duplicate key, or a string (value or key)
// longer than k_max_fhir_string_bytes. `path` holds the keys down to `element`.
struct StructureProblem {
    std::string field;
    std::string reason;
};

std::optional<StructureProblem> structure_problem(dom::element element, std::vector<std::string_view>& path) {
    auto field = [&](std::string_view last) {
        std::string out;
        for (const std::string_view key : path) {
            out += (out.empty() ? "" : ".") + std::string(key.substr(0, 64));
        }
        return last.empty() ? out : out + "." + std::string(last.substr(0, 64));
    };
    auto too_long = [] { return "longer than " + std::to_string(k_max_fhir_string_bytes) + " bytes"; };
    switch (element.type()) {
    case dom::element_type::STRING: {
        std::string_view text;
        if (element.get_string().get(text) == simdjson::SUCCESS && text.size() > k_max_fhir_string_bytes) {
            return StructureProblem{field(""), "string " + too_long()};
        }
        return std::nullopt;
    }
    case dom::element_type::ARRAY: {
        dom::array array;
        if (element.get_array().get(array) != simdjson::SUCCESS) {
            return std::nullopt;
        }
        for (const dom::element item : array) {
            if (auto problem = structure_problem(item, path)) {
                return problem;
            }
        }
        return std::nullopt;
    }
    case dom::element_type::OBJECT: {
        dom::object object;
        if (element.get_object().get(object) != simdjson::SUCCESS) {
            return std::nullopt;
        }
        if (const auto twice = duplicate_key(object)) {
            return StructureProblem{field(*twice), duplicate_reason(*twice)};
        }
        for (const dom::key_value_pair pair : object) {
            if (pair.key.size() > k_max_fhir_string_bytes) {
                return StructureProblem{field("(key)"), "key " + too_long()};
            }
            path.push_back(pair.key);
            auto problem = structure_problem(pair.value, path);
            path.pop_back();
            if (problem) {
                return problem;
            }
        }
        return std::nullopt;
    }
    default:
        return std::nullopt;
    }
}

void map_resource(dom::element resource, std::uint64_t record, FhirSink& sink) {
    if (resource.type() != dom::element_type::OBJECT) {
        sink.rejected(record, "resource", "not a JSON object");
        return;
    }
    const std::string_view type = text_of(resource, "resourceType");
    std::vector<std::string_view> path{type.empty() || type.size() > 64 ? std::string_view("resource")
                                                                        : type};
    if (const auto problem = structure_problem(resource, path)) {
        sink.rejected(record, problem->field, problem->reason);
        return;
    }
    if (type == "MedicationRequest") {
        map_medication_request(resource, record, sink);
    } else if (type == "Patient") {
        map_patient(resource, record, sink);
    } else if (type == "Condition") {
        map_condition(resource, record, sink);
    } else if (type == "Observation") {
        map_observation(resource, record, sink);
    } else if (type.empty()) {
        sink.rejected(record, "resourceType", "missing resourceType");
    } else {
        sink.skipped(record, "resource type " + std::string(type.substr(0, 64)) + " not used");
    }
}

std::string json_error(simdjson::error_code error) {
    return std::string("malformed JSON (") + simdjson::error_message(error) + ")";
}

} // namespace

std::string fhir_repeat_frequency(double frequency, double period, std::optional<double> period_max,
                                  std::string_view period_unit) {
    if (!(frequency > 0) || !(period > 0)) {
        return {};
    }
    double hours_per_unit = 0;
    if (period_unit == "h") {
        hours_per_unit = 1;
    } else if (period_unit == "d") {
        hours_per_unit = 24;
    } else if (period_unit == "wk") {
        hours_per_unit = 168;
    } else {
        return {};
    }
    const double interval_h = period * hours_per_unit / frequency;
    if (period_unit == "d" && period == 1 && is_whole(frequency) && frequency <= 4) {
        static constexpr std::array<const char*, 4> k_names{"daily", "bid", "tid", "qid"};
        return k_names[static_cast<std::size_t>(frequency) - 1];
    }
    if (period_unit == "wk" && period == 1 && frequency == 1) {
        return "weekly";
    }
    if (!is_whole(interval_h) || interval_h < 1 || interval_h > 336) {
        return {};
    }
    std::string out = "q" + util::format_number(interval_h);
    if (period_max && frequency == 1 && *period_max > period) {
        const double longest = *period_max * hours_per_unit;
        if (is_whole(longest) && longest <= 336) {
            out += "-" + util::format_number(longest);
        }
    }
    return out + "h";
}

void read_fhir_resource(std::string_view json, std::uint64_t record, FhirSink& sink) {
    dom::parser parser;
    const simdjson::padded_string padded(json);
    dom::element resource;
    if (const auto error = parser.parse(padded).get(resource); error != simdjson::SUCCESS) {
        sink.rejected(record, "line", json_error(error));
        return;
    }
    map_resource(resource, record, sink);
}

void read_fhir_ndjson(std::istream& in, FhirSink& sink, const FhirLimits& limits,
                      const std::function<void(std::string_view)>& observer) {
    // The parser starts small and grows to the longest line seen, up to max_line_bytes; the depth
    // limit stays as allocated.
    dom::parser parser(limits.max_line_bytes);
    if (parser.allocate(std::min(limits.max_line_bytes, k_first_chunk_bytes), limits.max_depth) !=
        simdjson::SUCCESS) {
        throw std::bad_alloc();
    }
    // Grows as needed to the longest line plus one chunk; always SIMDJSON_PADDING beyond the data.
    std::string buffer;
    std::size_t chunk = k_first_chunk_bytes;
    std::size_t pos = 0;
    std::size_t end = 0;
    bool eof = false;
    bool started = false;
    bool skipping = false; // inside an over-long line already rejected
    std::uint64_t line = 0;
    auto fill = [&] {
        std::memmove(buffer.data(), buffer.data() + pos, end - pos);
        end -= pos;
        pos = 0;
        if (buffer.size() < end + chunk + simdjson::SIMDJSON_PADDING) {
            buffer.resize(end + chunk + simdjson::SIMDJSON_PADDING);
        }
        in.read(buffer.data() + end, static_cast<std::streamsize>(chunk));
        chunk = std::min(k_chunk_bytes, chunk * 2);
        const auto got = static_cast<std::size_t>(in.gcount());
        if (got == 0 || !in) {
            eof = true;
        }
        if (got > 0 && observer) {
            observer(std::string_view(buffer.data() + end, got));
        }
        end += got;
        if (!started && end >= 3) {
            started = true;
            if (std::memcmp(buffer.data(), "\xEF\xBB\xBF", 3) == 0) {
                pos = 3;
            }
        }
    };
    while (true) {
        const void* found = std::memchr(buffer.data() + pos, '\n', end - pos);
        if (found == nullptr && !eof && end - pos < limits.max_line_bytes) {
            fill();
            continue;
        }
        std::size_t line_end = found != nullptr
                                   ? static_cast<std::size_t>(static_cast<const char*>(found) - buffer.data())
                                   : (eof ? end : pos + limits.max_line_bytes);
        if (found == nullptr && eof && pos >= end) {
            return;
        }
        if (skipping) {
            pos = found != nullptr ? line_end + 1 : line_end;
            skipping = found == nullptr;
            continue;
        }
        ++line;
        if (found == nullptr && !eof) {
            sink.rejected(line, "line",
                          "line longer than " + std::to_string(limits.max_line_bytes) + " bytes");
            pos = line_end;
            skipping = true;
            continue;
        }
        if (line_end - pos > limits.max_line_bytes) {
            // A whole over-long line already in the buffer (found in one read).
            sink.rejected(line, "line",
                          "line longer than " + std::to_string(limits.max_line_bytes) + " bytes");
            pos = found != nullptr ? line_end + 1 : line_end;
            continue;
        }
        std::string_view text(buffer.data() + pos, line_end - pos);
        pos = found != nullptr ? line_end + 1 : line_end;
        text = util::trim(text);
        if (text.empty()) {
            continue;
        }
        dom::element resource;
        if (const auto error = parser.parse(text.data(), text.size(), false).get(resource);
            error != simdjson::SUCCESS) {
            sink.rejected(line, "line", json_error(error));
            continue;
        }
        map_resource(resource, line, sink);
    }
}

void read_fhir_bundle(std::istream& in, FhirSink& sink, const FhirLimits& limits,
                      const std::function<void(std::string_view)>& observer) {
    std::string text;
    std::array<char, 1 << 16> chunk{};
    while (in) {
        in.read(chunk.data(), chunk.size());
        const auto got = static_cast<std::size_t>(in.gcount());
        if (observer && got > 0) {
            observer(std::string_view(chunk.data(), got));
        }
        if (text.size() + got > limits.max_bundle_bytes) {
            sink.rejected(1, "Bundle",
                          "document larger than " + std::to_string(limits.max_bundle_bytes) + " bytes");
            while (in) {
                in.read(chunk.data(), chunk.size());
                if (observer && in.gcount() > 0) {
                    observer(std::string_view(chunk.data(), static_cast<std::size_t>(in.gcount())));
                }
            }
            return;
        }
        text.append(chunk.data(), got);
    }
    // Parsed in place (the padding simdjson reads past the end is added to the text, not to a copy),
    // and the text is released once parsed: the DOM holds its own copy of every string, so a large
    // Bundle is in memory once as text and once as DOM, never both plus a copy.
    const std::size_t bom = std::string_view(text).starts_with("\xEF\xBB\xBF") ? 3 : 0;
    const std::size_t length = text.size() - bom;
    text.resize(text.size() + simdjson::SIMDJSON_PADDING, '\0');
    dom::parser parser;
    if (parser.allocate(length + 1, limits.max_depth) != simdjson::SUCCESS) {
        throw std::bad_alloc();
    }
    dom::element bundle;
    const auto error = parser.parse(text.data() + bom, length, false).get(bundle);
    std::string().swap(text);
    if (error != simdjson::SUCCESS) {
        sink.rejected(1, "Bundle", json_error(error));
        return;
    }
    if (dom::object bundle_object; bundle.get_object().get(bundle_object) == simdjson::SUCCESS) {
        if (const auto twice = duplicate_key(bundle_object)) {
            sink.rejected(1, "Bundle." + std::string(twice->substr(0, 64)), duplicate_reason(*twice));
            return;
        }
    }
    if (text_of(bundle, "resourceType") != "Bundle") {
        sink.rejected(1, "Bundle.resourceType", "not a Bundle");
        return;
    }
    dom::array entries;
    if (bundle["entry"].get_array().get(entries) != simdjson::SUCCESS) {
        return; // an empty Bundle has no records
    }
    // Patients referenced by fullUrl (urn:uuid:...) are found by their id.
    std::map<std::string, std::string, std::less<>> full_urls;
    for (dom::element entry : entries) {
        dom::element resource;
        if (entry["resource"].get(resource) == simdjson::SUCCESS &&
            text_of(resource, "resourceType") == "Patient") {
            const std::string_view full_url = text_of(entry, "fullUrl");
            const std::string_view id = text_of(resource, "id");
            if (!full_url.empty() && !id.empty()) {
                full_urls.emplace(std::string(full_url), std::string(id));
            }
        }
    }
    // Re-targets a subject reference written as a fullUrl to the patient's id.
    class Retarget : public FhirSink {
      public:
        Retarget(FhirSink& inner, const std::map<std::string, std::string, std::less<>>& urls)
            : m_inner(inner), m_urls(urls) {}
        void patient(std::uint64_t record, FhirPatient&& patient) override {
            m_inner.patient(record, std::move(patient));
        }
        void medication_request(std::uint64_t record, FhirMedicationRequest&& request) override {
            fix(request.patient);
            m_inner.medication_request(record, std::move(request));
        }
        void condition(std::uint64_t record, FhirCondition&& condition) override {
            fix(condition.patient);
            m_inner.condition(record, std::move(condition));
        }
        void observation(std::uint64_t record, FhirObservation&& observation) override {
            fix(observation.patient);
            m_inner.observation(record, std::move(observation));
        }
        void skipped(std::uint64_t record, const std::string& reason) override {
            m_inner.skipped(record, reason);
        }
        void rejected(std::uint64_t record, const std::string& field, const std::string& reason) override {
            m_inner.rejected(record, field, reason);
        }

      private:
        void fix(std::string& patient) const {
            if (const auto it = m_urls.find(patient); it != m_urls.end()) {
                patient = it->second;
            }
        }
        FhirSink& m_inner;
        const std::map<std::string, std::string, std::less<>>& m_urls;
    };
    Retarget retarget(sink, full_urls);
    std::uint64_t record = 0;
    for (dom::element entry : entries) {
        ++record;
        dom::object entry_object;
        if (entry.get_object().get(entry_object) != simdjson::SUCCESS) {
            sink.rejected(record, "entry", "entry is not a JSON object");
            continue;
        }
        if (const auto twice = duplicate_key(entry_object)) {
            sink.rejected(record, "entry." + std::string(twice->substr(0, 64)), duplicate_reason(*twice));
            continue;
        }
        dom::element resource;
        if (entry["resource"].get(resource) != simdjson::SUCCESS) {
            sink.rejected(record, "entry.resource", "entry without a resource");
            continue;
        }
        map_resource(resource, record, retarget);
    }
}

} // namespace medcheck::io
