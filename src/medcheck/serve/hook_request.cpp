#include <medcheck/serve/hook_request.hpp>

#include <medcheck/batch/ingest.hpp>
#include <medcheck/batch/patient_store.hpp>

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace medcheck::serve {

namespace {

using json = nlohmann::json;

// Most draft orders and prefetch resources read from one call: far beyond any order session.
constexpr std::size_t k_max_drafts = 200;
constexpr std::size_t k_max_resources = 5000;

const std::string* string_member(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string()) {
        return nullptr;
    }
    return it->get_ptr<const std::string*>();
}

std::string resource_type(const json& resource) {
    const std::string* type = resource.is_object() ? string_member(resource, "resourceType") : nullptr;
    return type != nullptr ? *type : std::string();
}

bool blank(const std::string& text) {
    return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

// The patient id a reference names: "Patient/123", ".../Patient/123", "Patient/123/_history/2".
std::string patient_of(const std::string& reference) {
    std::string_view ref = reference;
    if (const auto at = ref.rfind("Patient/"); at != std::string_view::npos) {
        ref.remove_prefix(at + 8);
        if (const auto slash = ref.find('/'); slash != std::string_view::npos) {
            ref = ref.substr(0, slash);
        }
        return std::string(ref);
    }
    return reference;
}

// Whether a resource belongs to the patient; fills in a missing subject. Resources of another
// patient are not this call's business.
bool for_patient(json& resource, const std::string& patient_id) {
    const std::string type = resource_type(resource);
    if (type == "Patient") {
        const std::string* id = string_member(resource, "id");
        return id != nullptr && *id == patient_id;
    }
    auto subject = resource.find("subject");
    if (subject == resource.end() || !subject->is_object() ||
        string_member(*subject, "reference") == nullptr) {
        // STU3 / DSTU2 orders name the patient in `patient`.
        const auto patient = resource.find("patient");
        if (patient != resource.end() && patient->is_object() &&
            string_member(*patient, "reference") != nullptr) {
            if (patient_of(*string_member(*patient, "reference")) != patient_id) {
                return false;
            }
        }
        resource["subject"] = json{{"reference", "Patient/" + patient_id}};
        return true;
    }
    return patient_of(*string_member(*subject, "reference")) == patient_id;
}

// Resources of a prefetch value: one resource, or the entries of a Bundle. OperationOutcome (the EHR
// could not fetch) and null count as not given.
void collect(const json& value, std::vector<json>& out) {
    if (!value.is_object()) {
        return;
    }
    const std::string type = resource_type(value);
    if (type == "Bundle") {
        const auto entries = value.find("entry");
        if (entries == value.end() || !entries->is_array()) {
            return;
        }
        for (const json& entry : *entries) {
            if (entry.is_object()) {
                if (const auto resource = entry.find("resource"); resource != entry.end()) {
                    collect(*resource, out);
                }
            }
        }
    } else if (!type.empty() && type != "OperationOutcome" && out.size() < k_max_resources) {
        out.push_back(value);
    }
}

// Replaces a medicationReference that names a known Medication by that Medication's code.
void resolve_medication(json& order, const std::map<std::string, const json*, std::less<>>& medications) {
    const auto reference = order.find("medicationReference");
    if (reference == order.end() || !reference->is_object() || order.contains("medicationCodeableConcept")) {
        return;
    }
    const std::string* target = string_member(*reference, "reference");
    if (target == nullptr) {
        return;
    }
    const json* found = nullptr;
    if (target->starts_with("#")) {
        const auto contained = order.find("contained");
        if (contained != order.end() && contained->is_array()) {
            for (const json& resource : *contained) {
                const std::string* id = resource.is_object() ? string_member(resource, "id") : nullptr;
                if (resource_type(resource) == "Medication" && id != nullptr && *id == target->substr(1)) {
                    found = &resource;
                }
            }
        }
    } else {
        std::string_view key = *target;
        if (const auto at = key.rfind("Medication/"); at != std::string_view::npos) {
            key.remove_prefix(at + 11);
        }
        if (const auto it = medications.find(key); it != medications.end()) {
            found = it->second;
        } else if (const auto full = medications.find(*target); full != medications.end()) {
            found = full->second;
        }
    }
    if (found == nullptr) {
        return;
    }
    const auto code = found->find("code");
    if (code != found->end() && code->is_object()) {
        json concept_value = *code;
        if (!concept_value.contains("text")) {
            if (const std::string* display = string_member(*reference, "display")) {
                concept_value["text"] = *display;
            }
        }
        order["medicationCodeableConcept"] = std::move(concept_value);
        order.erase("medicationReference");
    }
}

using Selections = std::set<std::string, std::less<>>;
using MedicationIndex = std::map<std::string, const json*, std::less<>>;

// order-select's context.selections: the references of the orders the user selected.
std::optional<std::string> read_hook_selections(const json& context, Selections& selections) {
    const auto selected = context.find("selections");
    if (selected == context.end() || !selected->is_array()) {
        return "missing 'context.selections' (an array of order references)";
    }
    for (const json& item : *selected) {
        if (!item.is_string()) {
            return "'context.selections' holds a value that is not a string";
        }
        selections.insert(item.get<std::string>());
    }
    return std::nullopt;
}

// Medication resources anywhere in the call, by id and by fullUrl, for medicationReference.
MedicationIndex index_hook_medications(const json& draft_orders, const std::vector<json>& bundle_resources,
                                       const std::vector<json>& prefetched) {
    MedicationIndex medications;
    for (const std::vector<json>* list : {&bundle_resources, &prefetched}) {
        for (const json& resource : *list) {
            if (resource_type(resource) == "Medication") {
                if (const std::string* id = string_member(resource, "id")) {
                    medications.emplace(*id, &resource);
                }
            }
        }
    }
    if (const auto entries = draft_orders.find("entry");
        entries != draft_orders.end() && entries->is_array()) {
        for (const json& entry : *entries) {
            const std::string* full_url = entry.is_object() ? string_member(entry, "fullUrl") : nullptr;
            if (full_url != nullptr && entry.contains("resource") &&
                resource_type(entry["resource"]) == "Medication") {
                medications.emplace(*full_url, &entry["resource"]);
            }
        }
    }
    return medications;
}

// The draft MedicationRequests, each with an id, its selection and its medication resolved.
std::optional<std::string> read_hook_drafts(const std::vector<json>& bundle_resources, Hook expected,
                                            const Selections& selections, const MedicationIndex& medications,
                                            HookRequest& request) {
    for (const json& resource : bundle_resources) {
        if (resource_type(resource) != "MedicationRequest") {
            continue; // other order types (ServiceRequest, NutritionOrder...) are not medcheck's
        }
        if (request.drafts.size() >= k_max_drafts) {
            return fmt::format("more than {} draft orders", k_max_drafts);
        }
        DraftOrder draft;
        draft.resource = resource;
        const std::string* id = string_member(resource, "id");
        draft.has_id = id != nullptr && !blank(*id);
        draft.id = draft.has_id ? *id : fmt::format("medcheck-draft-{}", request.drafts.size() + 1);
        draft.resource["id"] = draft.id;
        if (!for_patient(draft.resource, request.patient_id)) {
            return fmt::format("draft order '{}' is for another patient than context.patientId",
                               draft.id.substr(0, 64));
        }
        if (expected == Hook::order_select) {
            draft.selected =
                selections.count("MedicationRequest/" + draft.id) != 0 || selections.count(draft.id) != 0;
        }
        resolve_medication(draft.resource, medications);
        request.drafts.push_back(std::move(draft));
    }
    return std::nullopt;
}

// Prefetched resources of this patient, Medications dropped (they are resolved into the orders).
void keep_patient_resources(HookRequest& request, const MedicationIndex& medications) {
    std::vector<json> kept;
    for (json& resource : request.resources) {
        const std::string type = resource_type(resource);
        if (type == "Medication" || !for_patient(resource, request.patient_id)) {
            continue;
        }
        if (type == "MedicationRequest") {
            resolve_medication(resource, medications);
        }
        kept.push_back(std::move(resource));
    }
    request.resources = std::move(kept);
}

// hook, hookInstance and context, which every call carries; `context` is set to the context object.
// The error, or nullopt.
std::optional<std::string> read_hook_envelope(const json& body, Hook expected, HookRequest& request,
                                              const json*& context) {
    if (!body.is_object()) {
        return "the request body is not a JSON object";
    }
    const std::string* hook = string_member(body, "hook");
    if (hook == nullptr || blank(*hook)) {
        return "missing 'hook'";
    }
    if (*hook != to_string(expected)) {
        return "hook '" + hook->substr(0, 64) + "' does not match this service (" +
               std::string(to_string(expected)) + ")";
    }
    const std::string* instance = string_member(body, "hookInstance");
    if (instance == nullptr || blank(*instance)) {
        return "missing 'hookInstance'";
    }
    const auto found = body.find("context");
    if (found == body.end() || !found->is_object()) {
        return "missing 'context' (an object)";
    }
    context = &*found;
    request.hook = expected;
    request.hook_instance = instance->substr(0, 128);
    return std::nullopt;
}

// context.userId, context.patientId and context.draftOrders (a Bundle), which `draft_orders` is set
// to. The error, or nullopt.
std::optional<std::string> read_hook_context(const json& context, HookRequest& request,
                                             const json*& draft_orders) {
    for (const char* field : {"userId", "patientId"}) {
        const std::string* value = string_member(context, field);
        if (value == nullptr || blank(*value)) {
            return std::string("missing 'context.") + field + "'";
        }
    }
    request.patient_id = *string_member(context, "patientId");
    if (request.patient_id.size() > batch::k_max_patient_id) {
        return fmt::format("'context.patientId' longer than {} characters", batch::k_max_patient_id);
    }
    const auto found = context.find("draftOrders");
    if (found == context.end()) {
        return "missing 'context.draftOrders'";
    }
    if (resource_type(*found) != "Bundle") {
        return "'context.draftOrders' is not a FHIR Bundle";
    }
    draft_orders = &*found;
    return std::nullopt;
}

} // namespace

std::string_view to_string(Hook hook) {
    return hook == Hook::order_select ? "order-select" : "order-sign";
}

ParsedHook parse_hook_request(const json& body, Hook expected) {
    ParsedHook out;
    HookRequest request;
    const json* context = nullptr;
    const json* draft_orders = nullptr;
    Selections selections;
    std::optional<std::string> error = read_hook_envelope(body, expected, request, context);
    if (!error) {
        error = read_hook_context(*context, request, draft_orders);
    }
    if (!error && expected == Hook::order_select) {
        error = read_hook_selections(*context, selections);
    }
    if (error) {
        out.error = std::move(*error);
        return out;
    }
    std::vector<json> bundle_resources;
    collect(*draft_orders, bundle_resources);
    if (const auto prefetch = body.find("prefetch"); prefetch != body.end() && prefetch->is_object()) {
        for (const auto& [key, value] : prefetch->items()) {
            collect(value, request.resources);
        }
    }
    const MedicationIndex medications =
        index_hook_medications(*draft_orders, bundle_resources, request.resources);
    if (auto drafts_error = read_hook_drafts(bundle_resources, expected, selections, medications, request)) {
        out.error = std::move(*drafts_error);
        return out;
    }
    keep_patient_resources(request, medications);
    out.request = std::move(request);
    return out;
}

namespace {

// One Bundle of the call's resources for the batch reader (record N is entry N): the patient's
// resources, active MedicationRequests other than the drafts as existing regimens, then the drafts,
// whose records go into `draft_of_record`.
json hook_case_bundle(const HookRequest& request, std::map<std::uint64_t, int>& draft_of_record) {
    std::set<std::string, std::less<>> draft_ids;
    for (const DraftOrder& draft : request.drafts) {
        draft_ids.insert(draft.id);
    }
    json bundle{{"resourceType", "Bundle"}, {"type", "collection"}, {"entry", json::array()}};
    for (const json& resource : request.resources) {
        const std::string type = resource_type(resource);
        if (type == "MedicationRequest") {
            // Existing regimens: active orders other than the drafts themselves.
            const std::string* id = string_member(resource, "id");
            const std::string* status = string_member(resource, "status");
            if ((id != nullptr && draft_ids.count(*id) != 0) || status == nullptr || *status != "active") {
                continue;
            }
            json existing = resource;
            existing["priorPrescription"] = json{{"display", "existing regimen"}};
            bundle["entry"].push_back(json{{"resource", std::move(existing)}});
            continue;
        }
        bundle["entry"].push_back(json{{"resource", resource}});
    }
    for (std::size_t i = 0; i < request.drafts.size(); ++i) {
        bundle["entry"].push_back(json{{"resource", request.drafts[i].resource}});
        draft_of_record[bundle["entry"].size()] = static_cast<int>(i);
    }
    return bundle;
}

// The drafts the reader rejected, with why, from rejections located "<prefix>N".
void note_unreadable_drafts(const batch::RecordCounts& counts, std::string_view prefix,
                            const std::map<std::uint64_t, int>& draft_of_record, HookCase& out) {
    for (const batch::Rejection& rejection : counts.rejections) {
        const std::string_view number = std::string_view(rejection.location).substr(prefix.size());
        std::uint64_t record = 0;
        if (std::from_chars(number.data(), number.data() + number.size(), record).ec != std::errc()) {
            continue;
        }
        if (const auto it = draft_of_record.find(record); it != draft_of_record.end()) {
            out.unreadable.emplace_back(it->second, rejection.field + ": " + rejection.reason);
        }
    }
}

} // namespace

HookCase build_hook_case(const HookRequest& request, const rules::RuleSet& rules, std::uint32_t as_of) {
    HookCase out;
    std::map<std::uint64_t, int> draft_of_record;
    const json bundle = hook_case_bundle(request, draft_of_record);
    std::istringstream in(bundle.dump(-1, ' ', false, json::error_handler_t::replace));
    batch::Ingest ingest(rules, {});
    const std::string prefix = "entry ";
    ingest.read(in, batch::Format::fhir_bundle, 0, prefix, {});
    note_unreadable_drafts(ingest.counts(), prefix, draft_of_record, out);
    const batch::PatientStore& store = ingest.store();
    for (std::size_t p = 0; p < store.size(); ++p) {
        const batch::StoredPatient& patient = store.at(p);
        if (patient.id() != request.patient_id) {
            continue;
        }
        batch::CaseOptions options;
        options.as_of = as_of;
        out.input = batch::build_case(patient, store, options, {prefix});
        for (const auto& order : store.orders_of(patient)) {
            const auto it = draft_of_record.find(order.location.record);
            const int draft = it != draft_of_record.end() ? it->second : -1;
            out.draft_of_order.push_back(draft);
            if (draft >= 0) {
                ++out.drafts_in_scope;
            }
        }
    }
    return out;
}

} // namespace medcheck::serve
