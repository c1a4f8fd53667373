// JSON access helpers shared by the FHIR reader's parts.
#include <medcheck/io/fhir_parts.hpp>

#include <cmath>

namespace medcheck::io::fhir_detail {

using namespace std::string_view_literals;

// The first member of that key, as element[key] finds it, but compared by same_text: at_key calls
// memcmp for every key of the same size.
std::string_view text_of(dom::element element, std::string_view key) {
    dom::object object;
    if (element.get_object().get(object) != simdjson::SUCCESS) {
        return {};
    }
    for (const dom::key_value_pair pair : object) {
        if (pair.key.size() == key.size() && same_text(pair.key, key)) {
            return text_value(pair.value);
        }
    }
    return {};
}

std::string_view text_value(dom::element element) {
    std::string_view value;
    if (element.get_string().get(value) != simdjson::SUCCESS) {
        return {};
    }
    return value;
}

std::optional<double> number_value(dom::element element) {
    double value = 0;
    if (element.get_double().get(value) != simdjson::SUCCESS || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

std::optional<double> number_of(dom::element element, std::string_view key) {
    dom::element value;
    return element[key].get(value) == simdjson::SUCCESS ? number_value(value) : std::nullopt;
}

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

std::vector<FhirCoding> codings_of(dom::element concept_element) {
    dom::element coding_list;
    if (concept_element["coding"].get(coding_list) != simdjson::SUCCESS) {
        return {};
    }
    return codings_in(coding_list);
}

std::vector<FhirCoding> codings_in(dom::element coding_list) {
    std::vector<FhirCoding> out;
    for_each_coding_in(coding_list, [&](const CodingView& coding) {
        out.push_back({std::string(coding.system), std::string(coding.code), std::string(coding.display)});
        return false;
    });
    return out;
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
