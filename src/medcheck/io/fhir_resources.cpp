// FHIR resources (MedicationRequest, Patient, Condition, Observation) -> the sink's records.
#include <medcheck/io/fhir_parts.hpp>
#include <medcheck/units/body_weight.hpp>

#include <medcheck/util/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>

namespace medcheck::io::fhir_detail {

using namespace std::string_view_literals;

namespace {

// Micromoles per litre of creatinine in one mg/dL.
constexpr double k_umol_l_per_mg_dl = 88.4;

// The fields of a MedicationRequest that are read, found in one pass.
enum RequestKey : std::size_t {
    rq_id,
    rq_status,
    rq_subject,
    rq_authored_on,
    rq_medication_concept,
    rq_medication_reference,
    rq_contained,
    rq_dosage_instruction,
    rq_dispense_request,
    rq_prior_prescription,
};
constexpr KeySet<10> k_request_keys{{"id", "status", "subject", "authoredOn", "medicationCodeableConcept",
                                     "medicationReference", "contained", "dosageInstruction",
                                     "dispenseRequest", "priorPrescription"}};
using RequestFields = Fields<k_request_keys.size(), TapeValue>;

// The Medication a "#id" reference names among the resource's contained resources, if any.
std::optional<TapeValue> contained_medication(std::optional<TapeValue> contained_list,
                                              std::string_view reference) {
    std::optional<TapeValue> found;
    if (reference.starts_with("#") && contained_list) {
        contained_list->for_each_item([&](TapeValue item) {
            if (text_of(item, "resourceType") == "Medication" && text_of(item, "id") == reference.substr(1)) {
                found = item;
            }
            return found.has_value();
        });
    }
    return found;
}

// The drug of a MedicationRequest: medicationCodeableConcept, a contained Medication, or a
// reference left for the sink to resolve. Returns false when nothing identifies it.
bool map_medication(const RequestFields& fields, FhirMedicationRequest& out) {
    if (const auto concept_element = fields.get(rq_medication_concept)) {
        // Its text and codings found in one pass, where text_of and codings_of walked it twice.
        static constexpr KeySet<2> k_concept_keys{{"text", "coding"}};
        const Fields<2, TapeValue> concept_fields(*concept_element, k_concept_keys);
        put_text(out.medication_text, concept_fields.text(0));
        if (const auto coding_list = concept_fields.get(1)) {
            out.medication_codings = codings_in(*coding_list);
        }
    } else if (const auto medication = fields.get(rq_medication_reference)) {
        const std::string_view reference = text_of(*medication, "reference");
        if (const auto contained = contained_medication(fields.get(rq_contained), reference)) {
            if (const std::optional<TapeValue> code = member_of(*contained, "code")) {
                put_text(out.medication_text, text_of(*code, "text"));
                out.medication_codings = codings_of(*code);
            }
        } else if (!reference.empty() && !reference.starts_with("#")) {
            put_text(out.medication_reference, reference);
        }
        if (out.medication_text.empty()) {
            put_text(out.medication_text, text_of(*medication, "display"));
        }
    }
    bool named = !out.medication_text.empty() || !out.medication_reference.empty();
    for (const auto& coding : out.medication_codings) {
        named = named || !coding.display.empty() || !coding.code.empty();
    }
    return named;
}

// subject.reference, or empty.
std::string_view subject_of(std::optional<TapeValue> subject) {
    return subject ? text_of(*subject, "reference") : std::string_view();
}

// Writes the dosage fields of a request over `out`, its other fields left empty: from the memo where
// there is one, else mapped here (from the resource's DOM, which map_dosages reads).
void put_dosage_part(std::optional<TapeValue> dosage_list, dom::element resource, const DosageSource& source,
                     FhirMedicationRequest& out) {
    if (!dosage_list || dosage_list->type() != '[' || dosage_list->empty_array()) {
        copy_request(k_no_request, out);
        return;
    }
    if (source.memo != nullptr && source.lookup.known != nullptr) {
        copy_request(*source.lookup.known, out);
        return;
    }
    // The first dosageInstruction, as Fields found it.
    dom::array dosages;
    if (resource["dosageInstruction"sv].get_array().get(dosages) != simdjson::SUCCESS) {
        throw std::logic_error("dosageInstruction read from the tape but not from the DOM");
    }
    if (source.memo != nullptr) {
        source.memo->mapped(source.lookup, dosages, out);
    } else {
        copy_request(k_no_request, out);
        map_dosages(dosages, out);
    }
}

void map_medication_request(ParsedResource resource, const RootNotes* notes, std::uint64_t record,
                            FhirSink& sink, DosageSource dosage_source) {
    static constexpr auto k_noted = root_key_indexes(k_request_keys);
    const RequestFields fields = notes != nullptr ? noted_fields(resource.tape, *notes, k_noted)
                                                  : RequestFields(resource.tape, k_request_keys);
    const std::string_view status = fields.text(rq_status);
    if (status.empty()) {
        sink.rejected(record, "MedicationRequest.status", "missing status");
        return;
    }
    if (!is_medication_request_status(status)) {
        // "Active" is not "active": whether the order is in force cannot be told.
        sink.rejected(record, "MedicationRequest.status",
                      "'" + std::string(status.substr(0, 40)) +
                          "' is not a FHIR MedicationRequest status (active, on-hold, cancelled, completed, "
                          "entered-in-error, stopped, draft, unknown; codes are case-sensitive)");
        return;
    }
    // The dosages first, onto an empty request (as the memo keeps them); the other fields after.
    FhirMedicationRequest* room = sink.request_room();
    room = room != nullptr ? room : dosage_source.room;
    // Where neither gives a room, one made here: on the heap, since an empty std::optional of a request
    // is zeroed whole (600 bytes) on every call.
    std::unique_ptr<FhirMedicationRequest> made;
    FhirMedicationRequest& out =
        room != nullptr ? *room : *(made = std::make_unique<FhirMedicationRequest>());
    put_dosage_part(fields.get(rq_dosage_instruction), resource.element, dosage_source, out);
    put_text(out.id, fields.text(rq_id));
    put_text(out.status, status);
    // Problems below are left to the sink: an order whose status is not checked is skipped instead.
    const std::string_view subject = subject_of(fields.get(rq_subject));
    if (subject.empty()) {
        out.rejection.emplace("MedicationRequest.subject", "missing subject reference (the patient)");
    }
    put_text(out.patient, reference_target(subject));
    put_text(out.authored_on, fields.text(rq_authored_on).substr(0, 10));
    if (!map_medication(fields, out) && !out.rejection) {
        out.rejection.emplace("MedicationRequest.medication[x]",
                              "no medication text, coding or reference to identify the drug");
    }
    if (const auto dispense = fields.get(rq_dispense_request); !out.duration_days && dispense) {
        if (const std::optional<TapeValue> supply = member_of(*dispense, "expectedSupplyDuration")) {
            out.duration_days = duration_days_of(*supply);
        }
    }
    out.continuing = fields.has(rq_prior_prescription);
    sink.medication_request(record, std::move(out));
}

void map_medication_resource(TapeValue resource, std::uint64_t record, FhirSink& sink) {
    FhirMedication out;
    put_text(out.id, text_of(resource, "id"));
    if (out.id.empty()) {
        sink.rejected(record, "Medication.id", "missing id (a Medication is found by its id)");
        return;
    }
    if (const std::optional<TapeValue> code = member_of(resource, "code")) {
        put_text(out.text, text_of(*code, "text"));
        out.codings = codings_of(*code);
    }
    sink.medication(record, std::move(out));
}

void map_patient(TapeValue resource, const RootNotes* notes, std::uint64_t record, FhirSink& sink) {
    static constexpr KeySet<3> k_keys{{"id", "gender", "birthDate"}};
    static constexpr auto k_noted = root_key_indexes(k_keys);
    const auto fields =
        notes != nullptr ? noted_fields(resource, *notes, k_noted) : Fields<3, TapeValue>(resource, k_keys);
    FhirPatient out;
    put_text(out.id, fields.text(0));
    if (out.id.empty()) {
        sink.rejected(record, "Patient.id", "missing id");
        return;
    }
    put_text(out.birth_date, fields.text(2));
    put_text(out.gender, fields.text(1));
    sink.patient(record, std::move(out));
}

// The first code given in a status CodeableConcept, or empty.
std::string_view status_code(std::optional<TapeValue> status) {
    std::string_view code;
    if (status) {
        for_each_coding(*status, [&](const CodingView& coding) {
            code = coding.code;
            return !code.empty();
        });
    }
    return code;
}

void map_condition(TapeValue resource, const RootNotes* notes, std::uint64_t record, FhirSink& sink) {
    enum Key : std::size_t { id, subject, clinical_status, verification_status, code };
    static constexpr KeySet<5> k_keys{{"id", "subject", "clinicalStatus", "verificationStatus", "code"}};
    static constexpr auto k_noted = root_key_indexes(k_keys);
    const auto fields =
        notes != nullptr ? noted_fields(resource, *notes, k_noted) : Fields<5, TapeValue>(resource, k_keys);
    FhirCondition out;
    put_text(out.id, fields.text(id));
    const std::string_view reference = subject_of(fields.get(subject));
    if (reference.empty()) {
        sink.rejected(record, "Condition.subject", "missing subject reference (the patient)");
        return;
    }
    put_text(out.patient, reference_target(reference));
    const std::string_view clinical = status_code(fields.get(clinical_status));
    if (!clinical.empty() && clinical != "active" && clinical != "recurrence" && clinical != "relapse") {
        sink.skipped(record, "Condition clinicalStatus " + std::string(clinical));
        return;
    }
    const std::string_view verification = status_code(fields.get(verification_status));
    if (verification == "refuted" || verification == "entered-in-error") {
        sink.skipped(record, "Condition verificationStatus " + std::string(verification));
        return;
    }
    if (const auto codes = fields.get(code)) {
        out.codes = codings_of(*codes);
    }
    if (out.codes.empty()) {
        sink.rejected(record, "Condition.code", "no coded condition");
        return;
    }
    sink.condition(record, std::move(out));
}

// What an Observation measures, from the first LOINC coding of its code that medcheck uses.
std::optional<FhirObservationKind> fhir_observation_kind(std::optional<TapeValue> code) {
    std::optional<FhirObservationKind> kind;
    if (!code) {
        return kind;
    }
    for_each_coding(*code, [&](const CodingView& coding) {
        if (!same_text(coding.system, "loinc")) {
            return false;
        }
        const std::string_view c = coding.code;
        if (same_text(c, "2160-0") || same_text(c, "38483-4") || same_text(c, "14682-9")) {
            kind = FhirObservationKind::creatinine;
        } else if (same_text(c, "29463-7") || same_text(c, "3141-9")) {
            kind = FhirObservationKind::weight;
        } else if (same_text(c, "33914-3") || same_text(c, "48642-3") || same_text(c, "48643-3") ||
                   same_text(c, "62238-1") || same_text(c, "88293-6") || same_text(c, "88294-4") ||
                   same_text(c, "98979-8") || same_text(c, "50044-7")) {
            kind = FhirObservationKind::egfr;
        }
        return kind.has_value();
    });
    return kind;
}

// The value in the unit the checker takes (creatinine mg/dL, weight kg, eGFR as given); nullopt,
// with the record rejected, for a unit that cannot be converted.
std::optional<double> fhir_observation_value(FhirObservationKind kind, double value, std::string_view unit,
                                             std::uint64_t record, FhirSink& sink) {
    // Compared with ASCII case ignored, without a lower-case copy of every unit.
    const auto is = [unit](std::string_view lower) { return util::equals_ignore_case(unit, lower); };
    switch (kind) {
    case FhirObservationKind::creatinine:
        if (is("mg/dl")) {
            return value;
        }
        if (is("umol/l") || is("\xC2\xB5mol/l") || is("\xCE\xBCmol/l")) {
            return value / k_umol_l_per_mg_dl;
        }
        sink.rejected(record, "Observation.valueQuantity.unit",
                      "creatinine unit '" + std::string(unit) + "' (mg/dL or umol/L)");
        return std::nullopt;
    case FhirObservationKind::weight:
        if (is("kg")) {
            return value;
        }
        if (is("g")) {
            return value / 1000.0;
        }
        if (is("[lb_av]") || is("lb") || is("lbs")) {
            return value * units::k_kg_per_lb;
        }
        sink.rejected(record, "Observation.valueQuantity.unit",
                      "body weight unit '" + std::string(unit) + "' (kg, g or [lb_av])");
        return std::nullopt;
    case FhirObservationKind::egfr:
        return value;
    }
    return value;
}

// Whether a value given with a comparator ("eGFR > 60") can stand for the patient's factor: only when
// the true value may lie beyond it on the side that makes the factor better (a higher eGFR, a lower
// creatinine, a higher weight), so that reading the value is the worst case. Else ("creatinine > 10",
// "eGFR < 15", "weight < 50 kg") the factor is not known.
bool comparator_is_safe(FhirObservationKind kind, std::string_view comparator) {
    const bool below = comparator == "<" || comparator == "<=";
    const bool above = comparator == ">" || comparator == ">=";
    switch (kind) {
    case FhirObservationKind::creatinine:
        return below;
    case FhirObservationKind::weight:
    case FhirObservationKind::egfr:
        return above;
    }
    return false;
}

void map_observation(TapeValue resource, const RootNotes* notes, std::uint64_t record, FhirSink& sink) {
    enum Key : std::size_t { id, status, code, subject, effective, issued, value_quantity };
    static constexpr KeySet<7> k_keys{
        {"id", "status", "code", "subject", "effectiveDateTime", "issued", "valueQuantity"}};
    static constexpr auto k_noted = root_key_indexes(k_keys);
    const auto fields =
        notes != nullptr ? noted_fields(resource, *notes, k_noted) : Fields<7, TapeValue>(resource, k_keys);
    const std::optional<FhirObservationKind> kind = fhir_observation_kind(fields.get(code));
    if (!kind) {
        sink.skipped(record, "Observation code not used");
        return;
    }
    const std::string_view status_text = fields.text(status);
    if (status_text == "cancelled" || status_text == "entered-in-error" || status_text == "registered") {
        sink.skipped(record, "Observation status " + std::string(status_text));
        return;
    }
    FhirObservation out;
    put_text(out.id, fields.text(id));
    out.kind = *kind;
    const std::string_view reference = subject_of(fields.get(subject));
    if (reference.empty()) {
        sink.rejected(record, "Observation.subject", "missing subject reference (the patient)");
        return;
    }
    put_text(out.patient, reference_target(reference));
    put_text(out.effective, fields.text(effective));
    if (out.effective.empty()) {
        put_text(out.effective, fields.text(issued));
    }
    const auto quantity = fields.get(value_quantity);
    if (!quantity) {
        sink.rejected(record, "Observation.valueQuantity", "no quantity value");
        return;
    }
    static constexpr KeySet<4> k_quantity_keys{{"value", "code", "unit", "comparator"}};
    const Fields<4, TapeValue> amount(*quantity, k_quantity_keys);
    const auto value = amount.number(0);
    if (!value) {
        sink.rejected(record, "Observation.valueQuantity.value", "not a number");
        return;
    }
    if (amount.has(3) && !comparator_is_safe(*kind, amount.text(3))) {
        sink.rejected(record, "Observation.valueQuantity.comparator",
                      "a value given as '" + std::string(amount.text(3).substr(0, 8)) +
                          "' it may be beyond, on the side that worsens the patient's factor: not used");
        return;
    }
    std::string_view unit = amount.text(1);
    if (unit.empty()) {
        unit = amount.text(2);
    }
    const auto converted = fhir_observation_value(*kind, *value, unit, record, sink);
    if (!converted) {
        return;
    }
    out.value = *converted;
    sink.observation(record, std::move(out));
}

// Why a resource cannot be used as simdjson parsed it: a duplicate key, or a string (value or key)
// longer than k_max_fhir_string_bytes. `path` holds the keys down to `element`.
struct StructureProblem {
    std::string field;
    std::string reason;
};

// A value that holds no key: nothing in it to check unless strings may be too long.
bool scalar(dom::element element) {
    const auto type = element.type();
    return type != dom::element_type::OBJECT && type != dom::element_type::ARRAY;
}

std::optional<StructureProblem> structure_problem(dom::element element, std::vector<std::string_view>& path,
                                                  bool check_lengths);

// The dotted path of a problem: the keys down to it, then `last` (each cut at 64 bytes).
std::string field_name(const std::vector<std::string_view>& path, std::string_view last) {
    std::string out;
    for (const std::string_view key : path) {
        out += (out.empty() ? "" : ".") + std::string(key.substr(0, 64));
    }
    return last.empty() ? out : out + "." + std::string(last.substr(0, 64));
}

std::string too_long() {
    return fmt::format("longer than {} bytes", k_max_fhir_string_bytes);
}

// The first keys of one object, compared pairwise as they come: resources have a handful of keys
// per object, so no allocation. Past the window an object is left to sorted_duplicate.
class KeyWindow {
  public:
    // Whether `key` repeats one of the keys in the window; false once the window is full.
    bool repeats(std::string_view key) {
        if (m_count >= k_size) {
            ++m_count;
            return false;
        }
        for (std::size_t i = 0; i < m_count; ++i) {
            if (std::string_view(m_keys[i].data, m_keys[i].size) == key) {
                return true;
            }
        }
        m_keys[m_count++] = {key.data(), key.size()};
        return false;
    }
    // More keys came than the window compared: only sorted_duplicate can tell.
    bool overflowed() const { return m_count > k_size; }

  private:
    static constexpr std::size_t k_size = 16;
    // Left uninitialised: only the first m_count are read, and a window is made for every object of
    // every line (zeroing it was a tenth of the structure check).
    struct Key {
        const char* data;
        std::size_t size;
    };
    std::array<Key, k_size> m_keys; // NOLINT(cppcoreguidelines-pro-type-member-init)
    std::size_t m_count = 0;
};

// Any key given twice in a large object (the smallest such key), by sorting them all.
std::optional<std::string_view> sorted_duplicate(dom::object object) {
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

// One pass over an object's pairs: a key seen twice at this level is reported before any problem
// inside a value (so later keys are still compared after the first such problem); among the rest,
// the first in document order.
std::optional<StructureProblem> object_problem(dom::object object, std::vector<std::string_view>& path,
                                               bool check_lengths) {
    KeyWindow keys;
    std::optional<StructureProblem> first;
    for (const dom::key_value_pair pair : object) {
        if (keys.repeats(pair.key)) {
            return StructureProblem{field_name(path, pair.key), duplicate_reason(pair.key)};
        }
        if (first) {
            continue;
        }
        if (pair.key.size() > k_max_fhir_string_bytes) {
            first = StructureProblem{field_name(path, "(key)"), "key " + too_long()};
            continue;
        }
        if (!check_lengths && scalar(pair.value)) {
            continue;
        }
        path.push_back(pair.key);
        first = structure_problem(pair.value, path, check_lengths);
        path.pop_back();
    }
    if (keys.overflowed()) {
        if (const auto twice = sorted_duplicate(object)) {
            return StructureProblem{field_name(path, *twice), duplicate_reason(*twice)};
        }
    }
    return first;
}

std::optional<StructureProblem> structure_problem(dom::element element, std::vector<std::string_view>& path,
                                                  bool check_lengths) {
    switch (element.type()) {
    case dom::element_type::STRING: {
        std::string_view text;
        if (element.get_string().get(text) == simdjson::SUCCESS && text.size() > k_max_fhir_string_bytes) {
            return StructureProblem{field_name(path, ""), "string " + too_long()};
        }
        return std::nullopt;
    }
    case dom::element_type::ARRAY: {
        dom::array array;
        if (element.get_array().get(array) != simdjson::SUCCESS) {
            return std::nullopt;
        }
        for (const dom::element item : array) {
            if (!check_lengths && scalar(item)) {
                continue;
            }
            if (auto problem = structure_problem(item, path, check_lengths)) {
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
        return object_problem(object, path, check_lengths);
    }
    default:
        return std::nullopt;
    }
}

} // namespace

// A key given twice in one object, if any: simdjson would silently use the first value where other
// readers use the last, so which value is meant cannot be told.
std::optional<std::string_view> duplicate_key(dom::object object) {
    KeyWindow keys;
    for (const dom::key_value_pair pair : object) {
        if (keys.repeats(pair.key)) {
            return pair.key;
        }
        if (keys.overflowed()) {
            return sorted_duplicate(object);
        }
    }
    return std::nullopt;
}

std::string duplicate_reason(std::string_view key) {
    return "duplicate key '" + std::string(key.substr(0, 64)) + "' (which value is meant cannot be told)";
}

void map_resource(ParsedResource resource, std::uint64_t record, FhirSink& sink, std::size_t source_bytes) {
    if (resource.element.type() != dom::element_type::OBJECT) {
        sink.rejected(record, "resource", "not a JSON object");
        return;
    }
    const std::string_view type = text_of(resource.element, "resourceType");
    std::vector<std::string_view> path{type.empty() || type.size() > 64 ? std::string_view("resource")
                                                                        : type};
    if (const auto problem =
            structure_problem(resource.element, path, source_bytes > k_max_fhir_string_bytes)) {
        sink.rejected(record, problem->field, problem->reason);
        return;
    }
    map_checked_resource(resource, type, record, sink);
}

void map_root_resource(const dom::document& document, std::uint64_t record, FhirSink& sink,
                       std::size_t source_bytes, DosageMemo* memo, FhirMedicationRequest* room) {
    const ParsedResource resource{TapeValue(document, 1), document.root()};
    // The type and dosages noted by the pass: a known dosage value is skipped by it.
    if (RootNotes notes{memo}; resource.tape.type() == '{' &&
                               structure_clean(document, source_bytes > k_max_fhir_string_bytes, &notes)) {
        // Read by a MedicationRequest's mapping only.
        const DosageSource dosages{memo, notes.dosages, room};
        map_checked_resource(resource, notes.resource_type, record, sink, dosages, &notes);
        return;
    }
    map_resource(resource, record, sink, source_bytes);
}

void map_checked_resource(ParsedResource resource, std::string_view type, std::uint64_t record,
                          FhirSink& sink, DosageSource dosages, const RootNotes* notes) {
    // Told in one lookup, where comparing the type with each in turn cost some 60 instructions a line.
    static constexpr KeySet<6> k_types{
        {"MedicationRequest", "Patient", "Condition", "Observation", "Medication", "Bundle"}};
    switch (k_types.find(type, ~std::uint32_t{0})) {
    case 0:
        map_medication_request(resource, notes, record, sink, dosages);
        break;
    case 1:
        map_patient(resource.tape, notes, record, sink);
        break;
    case 2:
        map_condition(resource.tape, notes, record, sink);
        break;
    case 3:
        map_observation(resource.tape, notes, record, sink);
        break;
    case 4:
        map_medication_resource(resource.tape, record, sink);
        break;
    case 5:
        // Its entries would be skipped unseen: named instead.
        sink.rejected(record, "Bundle",
                      "a Bundle inside a Bundle entry or on an NDJSON line is not read; give it as an input "
                      "of its own (--format fhir-bundle)");
        break;
    default:
        if (type.empty()) {
            sink.rejected(record, "resourceType", "missing resourceType");
        } else {
            sink.skipped(record, "resource type " + std::string(type.substr(0, 64)) + " not used");
        }
    }
}

} // namespace medcheck::io::fhir_detail

namespace medcheck::io {

using namespace std::string_view_literals;

bool is_medication_request_status(std::string_view status) {
    static constexpr std::array<std::string_view, 8> k_codes{
        "active", "on-hold", "cancelled", "completed", "entered-in-error", "stopped", "draft", "unknown"};
    return std::find(k_codes.begin(), k_codes.end(), status) != k_codes.end();
}

namespace {

std::string_view form_in(std::string_view name) {
    struct Form {
        std::string_view word;
        std::string_view unit;
    };
    static constexpr std::array<Form, 9> k_forms{{{"tablet", "tablet"},
                                                  {"tablets", "tablet"},
                                                  {"caplet", "tablet"},
                                                  {"caplets", "tablet"},
                                                  {"capsule", "capsule"},
                                                  {"capsules", "capsule"},
                                                  {"patch", "patch"},
                                                  {"patches", "patch"},
                                                  {"system", "patch"}}};
    std::string_view found;
    // Words as runs of letters: "Tablet," and "(Tablet)" name a tablet too.
    std::vector<std::string> words;
    std::string word;
    for (const char c : util::to_lower(name)) {
        if (c >= 'a' && c <= 'z') {
            word.push_back(c);
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) {
        words.push_back(std::move(word));
    }
    for (std::size_t i = 0; i < words.size(); ++i) {
        for (const Form& form : k_forms) {
            // "system" only as RxNorm writes a patch: "Transdermal System".
            if (words[i] != form.word ||
                (form.word == "system" && (i == 0 || words[i - 1] != "transdermal"))) {
                continue;
            }
            if (!found.empty() && found != form.unit) {
                return {}; // two forms named: not one countable unit
            }
            found = form.unit;
        }
    }
    return found;
}

} // namespace

std::string_view countable_dose_form(std::string_view text, const std::vector<FhirCoding>& codings) {
    if (!util::trim(text).empty()) {
        return form_in(text);
    }
    std::string_view found;
    for (const FhirCoding& coding : codings) {
        const std::string_view form = form_in(coding.display);
        if (!form.empty() && !found.empty() && form != found) {
            return {};
        }
        if (!form.empty()) {
            found = form;
        }
    }
    return found;
}

} // namespace medcheck::io
