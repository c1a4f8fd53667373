// JSON access helpers shared by the FHIR reader's parts (the generic ones are in fhir_parts.hpp).
#include <medcheck/io/fhir_parts.hpp>

namespace medcheck::io::fhir_detail {

std::string_view short_system_name(std::string_view system) {
    if (same_text(system, "http://hl7.org/fhir/sid/icd-10-cm") ||
        same_text(system, "http://hl7.org/fhir/sid/icd-10")) {
        return "icd10cm";
    }
    if (same_text(system, "http://snomed.info/sct")) {
        return "snomed";
    }
    if (same_text(system, "http://www.nlm.nih.gov/research/umls/rxnorm")) {
        return "rxnorm";
    }
    if (same_text(system, "http://loinc.org")) {
        return "loinc";
    }
    return system;
}

// "Patient/123" -> "123", and so does an absolute "https://host/fhir/Patient/123" (the same resource
// on its server); other references (urn:uuid:...) are kept whole.
std::string_view reference_target(std::string_view reference) {
    if (starts_with_text(reference, "http://") || starts_with_text(reference, "https://")) {
        if (const std::size_t at = reference.rfind("/Patient/"); at != std::string_view::npos) {
            reference.remove_prefix(at + 1);
        }
    }
    if (starts_with_text(reference, "Patient/")) {
        reference.remove_prefix(8);
        if (const std::size_t history = reference.find("/_history"); history != std::string_view::npos) {
            reference = reference.substr(0, history);
        }
    }
    return reference;
}

} // namespace medcheck::io::fhir_detail
