#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace medcheck::io {

// Size bounds that keep hostile FHIR input from exhausting memory.
struct FhirLimits {
    std::size_t max_line_bytes = 1U << 20U;     // one NDJSON line (one resource)
    std::size_t max_bundle_bytes = 256U << 20U; // a whole Bundle document
    std::size_t max_depth = 64;                 // JSON nesting
};

// Longest string (value or key) accepted anywhere in a resource: room for a narrative, while a record
// can never carry megabytes into findings. A resource with a longer string is a rejected record.
inline constexpr std::size_t k_max_fhir_string_bytes = 64U << 10U;

// A coding: system as written, code and display.
struct FhirCoding {
    std::string system;
    std::string code;
    std::string display;

    bool operator==(const FhirCoding&) const = default;
};

// Patient: the factors medcheck reads.
struct FhirPatient {
    std::string id;
    std::string birth_date; // as written: YYYY, YYYY-MM or YYYY-MM-DD
    std::string gender;     // male | female | other | unknown | empty
};

// MedicationRequest, with its first dosage instruction mapped to medcheck's order vocabulary
// (unit spelling of the dose, frequency as "bid"/"q6h"/..., duration in days). Values that FHIR
// gives but medcheck cannot express are passed on as written so that the checker reports them.
struct FhirMedicationRequest {
    std::string id;
    std::string patient; // the subject reference's target: "123" for "Patient/123", else the reference
    std::string status;
    std::string authored_on;     // YYYY-MM-DD part, or empty
    std::string medication_text; // CodeableConcept.text or Reference.display
    std::vector<FhirCoding> medication_codings;
    std::optional<double> dose;     // the top of a range
    std::optional<double> dose_min; // the bottom of a range read from the dosage text
    // The day's total in `unit` when the dosage text gives different doses at different times of day
    // (model::MedicationOrder::daily_dose); set only when the text gives both the dose and the timing.
    std::optional<double> daily_dose;
    std::string unit;
    std::string route;
    std::string frequency;
    bool prn = false;
    std::optional<double> max_doses_per_day;
    std::optional<double> duration_days;
    // Timing.repeat count (countMax when given): administrations in all; with a schedule and not as
    // needed it gives the duration when nothing else does.
    std::optional<double> count_total;
    // The times of day its timing names: "t:08:00:00" (timeOfDay) or "w:MORN" (when), as written. Tells
    // concurrent dosage entries given apart from ones that may be given together.
    std::vector<std::string> times_of_day;
    bool continuing = false; // priorPrescription present: the order renews an existing regimen
    // dosageInstruction.text. Read by the sig reader: it fills a dose or timing the structured fields
    // lack; where they give one, they win, and a text that reads to a higher dose or more doses a day
    // is an issue naming both (never silently ignored).
    std::string dosage_text;
    // Values present but unusable (field, message), e.g. a dose value that is not a number.
    std::vector<std::pair<std::string, std::string>> issues;
    // medicationReference.reference not resolved from contained resources ("Medication/123", a
    // fullUrl): the sink resolves it from the input's Medication resources.
    std::string medication_reference;
    // Further dosageInstruction entries given at the same time (same or no sequence): they add up.
    // Each holds only its dosage fields (dose ... dosage_text, issues).
    std::vector<FhirMedicationRequest> concurrent;
    // Why the record cannot be used (field, reason), when it cannot: left to the sink, since an order
    // whose status is not checked is skipped, never rejected.
    std::optional<std::pair<std::string, std::string>> rejection;

    // Field by field: two readings of one order are the same reading.
    bool operator==(const FhirMedicationRequest&) const = default;
};

// Medication: what a medicationReference points to.
struct FhirMedication {
    std::string id;
    std::string text;
    std::vector<FhirCoding> codings;
};

// The MedicationRequest status codes of FHIR R4 (required binding); any other value is invalid.
bool is_medication_request_status(std::string_view status);

// The countable dose form a medication's name states ("Acetaminophen 500 MG Oral Tablet" -> "tablet",
// "... Oral Capsule" -> "capsule", "... Transdermal System" / "patch" -> "patch"), from its text or
// else a coding's display; empty when none or more than one is named. Contract decision 12: a
// doseQuantity with a value and no unit counts these units.
std::string_view countable_dose_form(std::string_view text, const std::vector<FhirCoding>& codings);

// Condition: its codes (system shortened to "icd10cm" / "snomed" where known).
struct FhirCondition {
    std::string id;
    std::string patient;
    std::vector<FhirCoding> codes;
};

// What an Observation measures, of the codes medcheck reads.
enum class FhirObservationKind { creatinine, weight, egfr };

// Observation converted to medcheck units: creatinine mg/dL, weight kg, eGFR mL/min/1.73 m2.
struct FhirObservation {
    std::string id;
    std::string patient;
    FhirObservationKind kind = FhirObservationKind::creatinine;
    double value = 0;
    std::string effective; // effectiveDateTime / issued as written (ISO 8601 sorts as text)
};

// Receives the resources of an input in order. `record` is the NDJSON line or the Bundle entry
// number (1-based).
class FhirSink {
  public:
    virtual ~FhirSink() = default;
    // A Patient resource.
    virtual void patient(std::uint64_t record, FhirPatient&& patient) = 0;
    // A MedicationRequest resource.
    virtual void medication_request(std::uint64_t record, FhirMedicationRequest&& request) = 0;
    // Where a reader may write the next MedicationRequest it gives to medication_request: a sink that
    // keeps what it is given can hand out the place it keeps it in (a request of its own, written
    // over field by field), so that the request is not moved there. nullptr, the default: the
    // reader's own place.
    virtual FhirMedicationRequest* request_room() { return nullptr; }
    // A Condition resource that is active and not refuted.
    virtual void condition(std::uint64_t record, FhirCondition&& condition) = 0;
    // An Observation medcheck uses.
    virtual void observation(std::uint64_t record, FhirObservation&& observation) = 0;
    // A Medication resource (a medicationReference target); not used unless overridden.
    virtual void medication(std::uint64_t record, FhirMedication&& medication) {
        skipped(record, "resource type Medication not used (id " + medication.id.substr(0, 64) + ")");
    }
    // A readable resource medcheck does not use (other types, inactive conditions, other codes).
    virtual void skipped(std::uint64_t record, const std::string& reason) = 0;
    // A record that cannot be read: bad JSON, a missing required element, a value of the wrong type.
    virtual void rejected(std::uint64_t record, const std::string& field, const std::string& reason) = 0;
    // A hint from a reader that knows what comes: a resource about this patient id will be given soon
    // (a sink may start loading what it keeps for the patient). No effect on what is read.
    virtual void upcoming(std::string_view /*patient*/) {}
    // The same, nearer: a sink told of the patient earlier (upcoming) may now load the patient itself.
    virtual void upcoming_soon(std::string_view /*patient*/) {}
};

// Reads FHIR Bulk Data NDJSON (one resource per line, blank lines ignored). `observer`, if set,
// sees every chunk of bytes read.
void read_fhir_ndjson(std::istream& in, FhirSink& sink, const FhirLimits& limits = {},
                      const std::function<void(std::string_view)>& observer = {});
// The same with `threads` parsing lines (simdjson and the mapping) while this thread splits the input
// and calls the sink: the sink sees the same calls in the same order, on this thread.
void read_fhir_ndjson(std::istream& in, FhirSink& sink, const FhirLimits& limits,
                      const std::function<void(std::string_view)>& observer, unsigned threads);

// How read_fhir_ndjson_owned splits the work: the sink (0 .. sinks-1) that files the resources
// about a patient id, from any thread; `lines`, if set, sees the count of lines split so far every
// few thousand lines.
struct NdjsonOwners {
    std::function<std::size_t(std::string_view patient)> owner;
    std::function<void(std::uint64_t lines)> lines;
};
// The same with one thread per sink, each parsing lines (whichever come next) and filing into its own
// sink the calls about its patients (Patient, MedicationRequest, Condition, Observation by subject), in
// input order; calls about no patient (Medication resources, skips and rejections of unreadable lines)
// go to sink 0. This thread only splits the input. Each sink sees the calls read_fhir_ndjson would
// have given it, less the other sinks' patients.
void read_fhir_ndjson_owned(std::istream& in, const std::vector<FhirSink*>& sinks, const NdjsonOwners& owners,
                            const FhirLimits& limits, const std::function<void(std::string_view)>& observer);

// Reads one FHIR R4 Bundle document; each entry's resource is a record. A document that is not valid
// JSON or not a Bundle is one rejected record.
void read_fhir_bundle(std::istream& in, FhirSink& sink, const FhirLimits& limits = {},
                      const std::function<void(std::string_view)>& observer = {});

// Maps one resource (a JSON object's text) to the sink, as one NDJSON line would be.
void read_fhir_resource(std::string_view json, std::uint64_t record, FhirSink& sink);

// The frequency vocabulary spelling of a FHIR Timing.repeat (frequency per period periodUnit), e.g.
// 1 per 6 h -> "q6h", 2 per 1 d -> "bid", 1 per 3 d -> "q72h"; empty when it has no such spelling.
std::string fhir_repeat_frequency(double frequency, double period, std::optional<double> period_max,
                                  std::string_view period_unit);

} // namespace medcheck::io
