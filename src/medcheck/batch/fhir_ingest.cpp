// FHIR resources into the patient store: the batch side of io::read_fhir_ndjson / read_fhir_bundle.
#include <medcheck/batch/ingest.hpp>

#include <medcheck/io/fhir_reader.hpp>
#include <medcheck/util/text.hpp>

#include <algorithm>
#include <cmath>

namespace medcheck::batch {

namespace {

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

bool checked_status(std::string_view status) {
    return status == "active" || status == "draft" || status == "on-hold";
}

class StoreSink : public io::FhirSink {
  public:
    StoreSink(Ingest& ingest, std::uint32_t input) : m_ingest(ingest), m_input(input) {}

    void patient(std::uint64_t record, io::FhirPatient&& resource) override {
        StoredPatient& patient = find(resource.id, record);
        patient.has_patient_resource = true;
        if (resource.gender == "female") {
            patient.sex = static_cast<std::int8_t>(model::Sex::female);
        } else if (resource.gender == "male") {
            patient.sex = static_cast<std::int8_t>(model::Sex::male);
        }
        if (!resource.birth_date.empty()) {
            if (const auto date = parse_date(resource.birth_date)) {
                patient.birth_date = *date;
            } else {
                PatientStore::add_issue(patient, {"patient.birthDate",
                                                  "cannot read '" + resource.birth_date.substr(0, 40) +
                                                      "' as a date (" + where(record) + ")",
                                                  std::nullopt});
            }
        }
        m_ingest.checked();
    }

    void medication_request(std::uint64_t record, io::FhirMedicationRequest&& request) override {
        m_ingest.medication_order();
        if (request.patient.size() > k_max_patient_id) {
            rejected(record, "MedicationRequest.subject", "reference longer than 256 characters");
            return;
        }
        if (!checked_status(request.status)) {
            m_ingest.skipped("status " + request.status.substr(0, 32));
            return;
        }
        const ScopedDrug& scoped = classify(request);
        if (scoped.scope == Scope::out_of_scope && !m_ingest.options().strict) {
            m_ingest.out_of_scope(scoped.summary_name);
            return;
        }
        StoredPatient& patient = find(request.patient, record);
        PatientStore& store = m_ingest.store();
        if (const auto authored = parse_date(request.authored_on)) {
            patient.latest_authored = std::max(patient.latest_authored, *authored);
        }
        StoredOrder order;
        order.location = {m_input, record};
        if (!request.id.empty()) {
            order.resource_id = store.ids.intern(request.id.substr(0, k_max_source_id));
            order.source_id = order.resource_id;
        }
        order.dose = request.dose.value_or(k_absent);
        order.unit = store.strings.intern(request.unit);
        order.route = store.strings.intern(request.route);
        order.frequency = store.strings.intern(request.frequency);
        order.duration_days = request.duration_days.value_or(k_absent);
        order.max_doses_per_day = request.max_doses_per_day.value_or(k_absent);
        order.prn = request.prn;
        order.continuing = request.continuing;
        const int index = add_order(m_ingest, patient, order, scoped);
        if (index < 0) {
            return;
        }
        for (const auto& [field, message] : request.issues) {
            PatientStore::add_issue(patient, {"medications[" + std::to_string(index) + "]." + field,
                                              message + " (" + where(record) + ")", index});
        }
        if (!request.dose && request.frequency.empty() && !request.dosage_text.empty()) {
            PatientStore::add_issue(patient,
                                    {"medications[" + std::to_string(index) + "].dosageInstruction",
                                     "cannot verify: no structured dose or timing, only the text '" +
                                         request.dosage_text.substr(0, 120) + "' (" + where(record) + ")",
                                     index});
        }
    }

    void condition(std::uint64_t record, io::FhirCondition&& condition) override {
        if (condition.patient.size() > k_max_patient_id) {
            rejected(record, "Condition.subject", "reference longer than 256 characters");
            return;
        }
        const auto key = map_condition(condition);
        if (!key) {
            m_ingest.skipped("Condition code not in the rule database");
            return;
        }
        StoredPatient& patient = find(condition.patient, record);
        const std::uint32_t interned = m_ingest.store().strings.intern(*key);
        if (std::find(patient.conditions.begin(), patient.conditions.end(), interned) ==
            patient.conditions.end()) {
            patient.conditions.push_back(interned);
        }
        m_ingest.checked();
    }

    void observation(std::uint64_t record, io::FhirObservation&& observation) override {
        if (observation.patient.size() > k_max_patient_id) {
            rejected(record, "Observation.subject", "reference longer than 256 characters");
            return;
        }
        StoredPatient& patient = find(observation.patient, record);
        Measurement& slot = observation.kind == io::FhirObservationKind::creatinine ? patient.creatinine
                            : observation.kind == io::FhirObservationKind::weight   ? patient.weight
                                                                                    : patient.egfr;
        const std::uint64_t when = time_key(observation.effective);
        if (std::isnan(slot.value) || when > slot.when) {
            slot.value = observation.value;
            slot.when = when;
        }
        m_ingest.checked();
    }

    void skipped(std::uint64_t, const std::string& reason) override { m_ingest.skipped(reason); }

    void rejected(std::uint64_t record, const std::string& field, const std::string& reason) override {
        m_ingest.rejected(m_input, record, field, reason);
    }

  private:
    std::string where(std::uint64_t record) const {
        return m_ingest.prefix(m_input) + std::to_string(record);
    }

    StoredPatient& find(const std::string& id, std::uint64_t record) {
        return m_ingest.store().patient(id, {m_input, record});
    }

    // The drug: the text, then coding displays, then RxNorm codes; the first in scope wins.
    const ScopedDrug& classify(const io::FhirMedicationRequest& request) {
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
        if (best == nullptr) {
            const std::string& code = request.medication_codings.front().code;
            best = &scope.classify(code);
        }
        return *best;
    }

    std::optional<std::string> map_condition(const io::FhirCondition& condition) const {
        const auto& codes = m_ingest.rules().condition_codes;
        for (const auto& coding : condition.codes) {
            if (coding.system != "icd10cm" && coding.system != "snomed") {
                continue;
            }
            std::string code = coding.code;
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
};

} // namespace

void Ingest::read_fhir(std::istream& in, Format format, std::uint32_t input,
                       const std::function<void(std::string_view)>& observer) {
    StoreSink sink(*this, input);
    if (format == Format::fhir_bundle) {
        io::read_fhir_bundle(in, sink, {}, observer);
    } else {
        io::read_fhir_ndjson(in, sink, {}, observer);
    }
}

} // namespace medcheck::batch
