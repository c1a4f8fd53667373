// FHIR resources into the patient store: the batch side of io::read_fhir_ndjson / read_fhir_bundle.
#include <medcheck/batch/ingest.hpp>
#include <medcheck/batch/patient_hash.hpp>

#include <medcheck/check/resolve.hpp>
#include <medcheck/io/fhir_reader.hpp>
#include <medcheck/util/text.hpp>

#include <absl/container/flat_hash_map.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

namespace medcheck::batch {

namespace {

// Distinct lists of condition codes remembered (a hostile input cannot grow the memory without
// bound: past this, lists are mapped each time).
constexpr std::size_t k_max_remembered_condition_codes = 10000;

// Why a record whose patient reference exceeds the id limit is rejected.
std::string long_reference() {
    return "reference longer than " + std::to_string(k_max_patient_id) + " characters";
}

// Digits of an ISO timestamp as a number that sorts like the time ("2024-05-01T10:00" -> 202405011000).
std::uint64_t time_key(std::string_view text) {
    std::uint64_t key = 0;
    int digits = 0;
    for (const char c : text) {
        if (c >= '0' && c <= '9' && digits < 14) {
            key = key * 10 + static_cast<std::uint64_t>(c - '0');
            ++digits;
        }
    }
    while (digits < 14) {
        key *= 10;
        ++digits;
    }
    return key;
}

// "Medication/123" for a reference written relative or absolute (https://host/fhir/Medication/123).
std::string medication_key(std::string_view reference) {
    if (const std::size_t at = reference.rfind("Medication/");
        at != std::string_view::npos && (at == 0 || reference[at - 1] == '/')) {
        reference.remove_prefix(at);
        if (const std::size_t history = reference.find("/_history"); history != std::string_view::npos) {
            reference = reference.substr(0, history);
        }
    }
    return std::string(reference);
}

// An ICD-10-CM code as the rule database writes it: upper case, with the dot after the category
// (F1020 is F10.20).
std::string icd10cm_code(std::string_view written) {
    std::string code = util::to_upper_ascii(util::trim(written));
    if (code.size() > 3 && code.find('.') == std::string::npos) {
        code.insert(3, 1, '.');
    }
    return code;
}

class StoreSink : public io::FhirSink {
  public:
    StoreSink(Ingest& ingest, std::uint32_t input) : m_ingest(ingest), m_input(input) {}

    void patient(std::uint64_t record, io::FhirPatient&& resource) override {
        StoredPatient& patient = find(resource.id, record);
        patient.indirect().has_patient_resource = true;
        // FHIR's other and unknown genders leave sex absent (Cockcroft-Gault then reports it missing).
        if (const auto sex = model::parse_sex(resource.gender); sex && *sex != model::Sex::absent) {
            patient.factors.sex = *sex;
        }
        if (!resource.birth_date.empty()) {
            if (const auto date = parse_date(resource.birth_date)) {
                patient.indirect().birth_date = *date;
            } else {
                PatientStore::add_issue(patient, {"patient.birthDate",
                                                  "cannot read '" + resource.birth_date.substr(0, 40) +
                                                      "' as a date (" + where(record) + ")",
                                                  std::nullopt});
            }
        }
        m_ingest.count_checked();
    }

    void medication(std::uint64_t record, io::FhirMedication&& medication) override {
        if (medication.id.size() > k_max_source_id) {
            rejected(record, "Medication.id",
                     "id longer than " + std::to_string(k_max_source_id) + " characters");
            return;
        }
        const std::string key = "Medication/" + medication.id;
        m_medications.insert_or_assign(key, std::move(medication));
        m_ingest.count_checked();
    }

    void medication_request(std::uint64_t record, io::FhirMedicationRequest&& request) override {
        m_ingest.medication_order();
        const auto& statuses = m_ingest.options().statuses;
        if (std::find(statuses.begin(), statuses.end(), request.status) == statuses.end()) {
            // Not an order in force (or not asked for): skipped, whatever else is wrong with it.
            m_ingest.count_skipped("status " + request.status.substr(0, 32));
            return;
        }
        if (request.rejection) {
            rejected(record, request.rejection->first, request.rejection->second);
            return;
        }
        if (request.patient.size() > k_max_patient_id) {
            rejected(record, "MedicationRequest.subject", long_reference());
            return;
        }
        if (!request.medication_reference.empty() && request.medication_text.empty() &&
            request.medication_codings.empty()) {
            // Resolved once the whole input is read: Medication resources may come later.
            m_pending.emplace_back(record, std::move(request));
            return;
        }
        add_request(record, std::move(request));
    }

    void upcoming(std::string_view patient) override {
        if (!patient.empty()) {
            m_ingest.store().prefetch(patient);
        }
    }
    void upcoming_soon(std::string_view patient) override {
        if (!patient.empty()) {
            m_ingest.store().prefetch_patient(patient);
        }
    }

    // Resolves the medicationReferences that waited for the input's Medication resources, which
    // `holder` was given (this sink, or owner 0's when patients are split between sinks); files them
    // as late records (Ingest::begin_late).
    void finish(const StoreSink& holder) {
        m_ingest.begin_late(m_input);
        const auto& medications = holder.m_medications;
        for (auto& [record, request] : m_pending) {
            const auto it = medications.find(medication_key(request.medication_reference));
            if (it == medications.end() || (it->second.text.empty() && it->second.codings.empty())) {
                rejected(record, "MedicationRequest.medicationReference",
                         "'" + request.medication_reference.substr(0, 120) +
                             "' is not a Medication with a code in this input (contained, Bundle or NDJSON)");
                continue;
            }
            request.medication_text = it->second.text;
            request.medication_codings = it->second.codings;
            add_request(record, std::move(request));
        }
        m_pending.clear();
        m_ingest.end_late();
    }

  private:
    void add_request(std::uint64_t record, io::FhirMedicationRequest&& request) {
        m_ingest.filing({m_input, record});
        const ScopedDrug& scoped = classify(request);
        if (scoped.scope == Scope::out_of_scope && !m_ingest.options().strict) {
            m_ingest.out_of_scope(scoped.summary_name);
            return;
        }
        StoredPatient& patient = find(request.patient, record);
        if (const auto authored = parse_date(request.authored_on)) {
            patient.latest_authored = std::max(patient.latest_authored, *authored);
        }
        if (add_dosage_order(record, request, request, patient, scoped, true)) {
            for (const auto& part : request.concurrent) {
                // Concurrent dosage instructions of one request: separate orders (one record) that add up.
                add_dosage_order(record, request, part, patient, scoped, false);
            }
        }
    }

    // Adds one order for a dosage of the request; `first` counts the record. False when rejected.
    bool add_dosage_order(std::uint64_t record, const io::FhirMedicationRequest& request,
                          const io::FhirMedicationRequest& dosage, StoredPatient& patient,
                          const ScopedDrug& scoped, bool first) {
        PatientStore& store = m_ingest.store();
        StoredOrder order;
        order.location = {m_input, record};
        if (!request.id.empty()) {
            order.resource_id = std::string_view(request.id).substr(0, k_max_source_id);
            order.source_id = order.resource_id;
        }
        order.dose = dosage.dose.value_or(k_absent);
        order.dose_min = dosage.dose_min.value_or(k_absent);
        order.daily_dose = dosage.daily_dose.value_or(k_absent);
        // Contract decision 12: a dose value with no unit, for a product of a countable form, counts
        // that form's units ("2" of "Acetaminophen 500 MG Oral Tablet" is 2 tablets).
        order.unit = store.strings.intern(
            dosage.unit.empty() && dosage.dose
                ? io::countable_dose_form(request.medication_text, request.medication_codings)
                : std::string_view(dosage.unit));
        order.route = store.strings.intern(dosage.route);
        order.frequency = store.strings.intern(dosage.frequency);
        order.duration_days = dosage.duration_days.value_or(k_absent);
        order.max_doses_per_day = dosage.max_doses_per_day.value_or(k_absent);
        order.prn = dosage.prn;
        order.continuing = request.continuing;
        const int index = add_order(m_ingest, patient, order, scoped, first);
        if (index < 0) {
            return false;
        }
        if (!m_disagreement.empty() && first) {
            PatientStore::add_issue(patient,
                                    {"medications[" + std::to_string(index) + "].medicationCodeableConcept",
                                     m_disagreement + " (" + where(record) + ")", index});
        }
        for (const auto& [field, message] : dosage.issues) {
            PatientStore::add_issue(patient, {"medications[" + std::to_string(index) + "]." + field,
                                              message + " (" + where(record) + ")", index});
        }
        if (!dosage.dose && dosage.frequency.empty() && !dosage.dosage_text.empty()) {
            PatientStore::add_issue(patient,
                                    {"medications[" + std::to_string(index) + "].dosageInstruction",
                                     "cannot verify: no structured dose or timing, only the text '" +
                                         dosage.dosage_text.substr(0, 120) + "' (" + where(record) + ")",
                                     index});
        }
        return true;
    }

    void condition(std::uint64_t record, io::FhirCondition&& condition) override {
        if (condition.patient.size() > k_max_patient_id) {
            rejected(record, "Condition.subject", long_reference());
            return;
        }
        const std::optional<std::uint32_t> interned = condition_index(condition);
        if (!interned) {
            m_ingest.count_skipped("Condition code not in the rule database");
            return;
        }
        StoredPatient& patient = find(condition.patient, record);
        m_ingest.store().add_item(patient.conditions, *interned, true);
        m_ingest.count_checked();
    }

    void observation(std::uint64_t record, io::FhirObservation&& observation) override {
        if (observation.patient.size() > k_max_patient_id) {
            rejected(record, "Observation.subject", long_reference());
            return;
        }
        StoredPatient& patient = find(observation.patient, record);
        Measurement& slot = observation.kind == io::FhirObservationKind::creatinine
                                ? patient.indirect().creatinine
                            : observation.kind == io::FhirObservationKind::weight ? patient.indirect().weight
                                                                                  : patient.indirect().egfr;
        const std::uint64_t when = time_key(observation.effective);
        if (std::isnan(slot.value) || when > slot.when) {
            slot.value = observation.value;
            slot.when = when;
        }
        m_ingest.count_checked();
    }

    void skipped(std::uint64_t, const std::string& reason) override { m_ingest.count_skipped(reason); }

    void rejected(std::uint64_t record, const std::string& field, const std::string& reason) override {
        m_ingest.rejected(m_input, record, field, reason);
    }

    std::string where(std::uint64_t record) const {
        return m_ingest.prefix(m_input) + std::to_string(record);
    }

    StoredPatient& find(const std::string& id, std::uint64_t record) {
        return m_ingest.store().patient(id, {m_input, record});
    }

    // The drug: the text, then coding displays, then RxNorm codes; the first in scope wins. A text
    // that names another drug than its RxNorm coding is noted in m_disagreement (the order is then
    // unverifiable, naming both); an unknown RxNorm code with no text is an unknown drug.
    const ScopedDrug& classify(const io::FhirMedicationRequest& request) {
        note_code_disagreement(request);
        const bool has_text =
            !request.medication_text.empty() ||
            std::any_of(request.medication_codings.begin(), request.medication_codings.end(),
                        [](const io::FhirCoding& coding) { return !coding.display.empty(); });
        if (!has_text && !request.medication_codings.empty() && !any_known_rxnorm(request)) {
            // Only codes, none known: never out of scope, since which drug it is cannot be told.
            m_unknown_code.scope = Scope::near_miss;
            m_unknown_code.engine_name = "RxNorm " + request.medication_codings.front().code.substr(0, 20);
            m_unknown_code.summary_name = m_unknown_code.engine_name;
            return m_unknown_code;
        }
        return best_named(request);
    }

    // Sets m_disagreement when the text and an RxNorm coding name different catalogue drugs.
    void note_code_disagreement(const io::FhirMedicationRequest& request) {
        m_disagreement.clear();
        if (request.medication_text.empty()) {
            return;
        }
        const rules::Drug* text_drug = nullptr;
        bool text_resolved = false;
        for (const auto& coding : request.medication_codings) {
            if (coding.system != "rxnorm" || coding.code.empty()) {
                continue;
            }
            const auto key = m_ingest.scope().drug_for_rxcui(coding.code);
            if (key && !text_resolved) {
                // The scope's answer for the text, resolved once per distinct text (and kept for the
                // checker); a text too long to be a name resolves to nothing.
                const auto& answer = m_ingest.scope().classify(request.medication_text).resolution;
                text_drug = answer ? answer->drug : nullptr;
                text_resolved = true;
            }
            if (key && (text_drug == nullptr || text_drug->key != *key)) {
                m_disagreement = "cannot verify: medicationCodeableConcept.text '" +
                                 request.medication_text.substr(0, 80) +
                                 "' does not name the drug of its RxNorm code " + coding.code.substr(0, 20) +
                                 " (" + *key + ")";
                return;
            }
        }
    }

    bool any_known_rxnorm(const io::FhirMedicationRequest& request) const {
        return std::any_of(request.medication_codings.begin(), request.medication_codings.end(),
                           [&](const io::FhirCoding& c) {
                               return c.system == "rxnorm" && !c.code.empty() &&
                                      m_ingest.scope().drug_for_rxcui(c.code).has_value();
                           });
    }

    // The text, coding displays and known RxNorm codes classified in that order; the first in scope
    // wins, else the most specific scope; the first code when nothing else was given.
    const ScopedDrug& best_named(const io::FhirMedicationRequest& request) {
        DrugScope& scope = m_ingest.scope();
        const ScopedDrug* best = nullptr;
        auto consider = [&](const ScopedDrug& candidate) {
            if (best == nullptr || static_cast<int>(candidate.scope) < static_cast<int>(best->scope)) {
                best = &candidate;
            }
        };
        if (!request.medication_text.empty()) {
            consider(scope.classify(request.medication_text));
        }
        for (const auto& coding : request.medication_codings) {
            if (best != nullptr && best->scope == Scope::in_scope) {
                break;
            }
            if (coding.system == "rxnorm" && !coding.code.empty()) {
                if (const auto key = scope.drug_for_rxcui(coding.code)) {
                    consider(scope.classify(*key));
                }
            }
            if (!coding.display.empty()) {
                consider(scope.classify(coding.display));
            }
        }
        return best != nullptr ? *best : scope.classify(request.medication_codings.front().code);
    }

    // The pooled condition a Condition's codes map to (map_condition), remembered per distinct list
    // of codes: an export repeats few codes many times. Each system and code is keyed with its length
    // first, so that no two lists share a key.
    std::optional<std::uint32_t> condition_index(const io::FhirCondition& condition) {
        m_condition_key.clear();
        for (const auto& coding : condition.codes) {
            for (const std::string* part : {&coding.system, &coding.code}) {
                m_condition_key += std::to_string(part->size());
                m_condition_key += ':';
                m_condition_key += *part;
            }
        }
        if (const auto it = m_conditions.find(m_condition_key); it != m_conditions.end()) {
            return it->second;
        }
        std::optional<std::uint32_t> index;
        if (const auto key = map_condition(condition)) {
            index = m_ingest.store().strings.intern(*key);
        }
        if (m_conditions.size() < k_max_remembered_condition_codes) {
            m_conditions.emplace(m_condition_key, index);
        }
        return index;
    }

    std::optional<std::string> map_condition(const io::FhirCondition& condition) const {
        const auto& codes = m_ingest.rules().condition_codes;
        for (const auto& coding : condition.codes) {
            if (coding.system != "icd10cm" && coding.system != "snomed") {
                continue;
            }
            std::string code = coding.system == "icd10cm" ? icd10cm_code(coding.code) : coding.code;
            // ICD-10-CM: the code, then its parents (I50.22 -> I50.2 -> I50).
            while (!code.empty()) {
                if (const auto it = codes.find({coding.system, code}); it != codes.end()) {
                    return it->second;
                }
                if (coding.system != "icd10cm" || code.size() <= 3) {
                    break;
                }
                code.pop_back();
                if (!code.empty() && code.back() == '.') {
                    code.pop_back();
                }
            }
        }
        return std::nullopt;
    }

    Ingest& m_ingest;
    std::uint32_t m_input;
    std::map<std::string, io::FhirMedication, std::less<>> m_medications; // "Medication/<id>"
    std::vector<std::pair<std::uint64_t, io::FhirMedicationRequest>> m_pending;
    std::string m_disagreement;                                                  // of the request being added
    absl::flat_hash_map<std::string, std::optional<std::uint32_t>> m_conditions; // by condition_index key
    std::string m_condition_key;
    ScopedDrug m_unknown_code;
};

} // namespace

void Ingest::read_fhir(std::istream& in, Format format, std::uint32_t input,
                       const std::function<void(std::string_view)>& observer) {
    StoreSink sink(*this, input);
    if (format == Format::fhir_bundle) {
        io::read_fhir_bundle(in, sink, {}, observer);
    } else {
        io::read_fhir_ndjson(in, sink, {}, observer, m_options.parse_threads);
    }
    sink.finish(sink);
}

void read_fhir_ndjson_owned(const std::vector<Ingest*>& owners, std::istream& in, std::uint32_t input,
                            const std::function<void(std::string_view)>& observer,
                            const std::function<void(std::uint64_t)>& lines) {
    std::vector<std::unique_ptr<StoreSink>> sinks;
    std::vector<io::FhirSink*> targets;
    sinks.reserve(owners.size());
    targets.reserve(owners.size());
    for (Ingest* owner : owners) {
        targets.push_back(sinks.emplace_back(std::make_unique<StoreSink>(*owner, input)).get());
    }
    const std::size_t count = owners.size();
    const io::NdjsonOwners routing{[count](std::string_view id) { return patient_owner(id, count); }, lines};
    io::read_fhir_ndjson_owned(in, targets, routing, {}, observer);
    for (const auto& sink : sinks) {
        sink->finish(*sinks.front()); // owner 0 was given the Medication resources
    }
}

} // namespace medcheck::batch
