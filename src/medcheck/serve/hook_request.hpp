#pragma once

#include <medcheck/model/case.hpp>
#include <medcheck/rules/rule_set.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace medcheck::serve {

// The hooks medcheck answers.
enum class Hook { order_select, order_sign };

std::string_view to_string(Hook hook);

// A MedicationRequest from context.draftOrders.
struct DraftOrder {
    std::string id;          // as sent; a draft without an id gets "medcheck-draft-N" (no suggestions)
    bool has_id = false;     // the EHR gave an id (an update suggestion needs one)
    bool selected = true;    // order-select: named in context.selections; order-sign: always
    nlohmann::json resource; // as sent (medicationReference resolved, subject filled in)
};

// A CDS Hooks call, validated: what medcheck reads of it.
struct HookRequest {
    Hook hook = Hook::order_sign;
    std::string hook_instance;
    std::string patient_id;
    std::vector<DraftOrder> drafts;
    // Prefetch and other resources of the patient: Patient, Observation, Condition, MedicationRequest.
    std::vector<nlohmann::json> resources;
};

// A parsed request, or why it is a 400.
struct ParsedHook {
    std::optional<HookRequest> request;
    std::string error;
};

// Reads a hook call for a service answering `expected`: hook, hookInstance, context (patientId,
// userId, draftOrders Bundle, and selections for order-select) and prefetch (absent, null or an
// OperationOutcome count as not given). medicationReference is resolved from the Medication
// resources of the Bundle, the prefetch or the order's contained resources.
ParsedHook parse_hook_request(const nlohmann::json& body, Hook expected);

// The case the checker sees, with each checked order tied back to its draft.
struct HookCase {
    model::Case input;
    std::vector<int> draft_of_order;                     // per input.medications: draft index, -1 existing
    std::vector<std::pair<int, std::string>> unreadable; // draft index, why it could not be read
    std::size_t drafts_in_scope = 0;                     // draft orders the checker sees
};

// Maps the request's FHIR resources exactly as `medcheck batch` maps a Bundle (io::fhir_reader and
// batch ingest), for the context patient, ages as of `as_of` (YYYYMMDD). Other active
// MedicationRequests are existing regimens (continuing) checked together with the drafts.
HookCase build_hook_case(const HookRequest& request, const rules::RuleSet& rules, std::uint32_t as_of);

} // namespace medcheck::serve
