#include <medcheck/serve/cards.hpp>

#include <medcheck/report/escape.hpp>
#include <medcheck/util/text.hpp>

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <set>
#include <stdexcept>

namespace medcheck::serve {

namespace {

using json = nlohmann::json;
using report::markdown_escape;

const char* indicator_of(model::Severity severity) {
    switch (severity) {
    case model::Severity::contraindicated:
    case model::Severity::violation:
        return "critical";
    case model::Severity::warning:
        return "warning";
    default:
        return "info";
    }
}

std::string words(std::string_view kind) {
    std::string out(kind);
    std::replace(out.begin(), out.end(), '_', ' ');
    return out;
}

std::string amount(double value, const std::string& unit) {
    return util::format_number(value) + (unit.empty() ? "" : " " + unit);
}

json override_reasons() {
    static const std::array<std::pair<const char*, const char*>, 4> k_reasons{{
        {"patient-tolerates", "Patient has tolerated this regimen before"},
        {"benefit-outweighs-risk", "Benefit outweighs the risk (reason documented)"},
        {"will-monitor", "Will monitor and adjust"},
        {"data-incorrect", "Patient data in the record is wrong or out of date"},
    }};
    json out = json::array();
    for (const auto& [code, display] : k_reasons) {
        out.push_back(json{{"code", code}, {"system", "urn:medcheck:override-reason"}, {"display", display}});
    }
    return out;
}

// The draft orders a finding is about (indexes into request.drafts), and whether it names any order.
std::set<int> drafts_of(const model::Finding& finding, const HookCase& hook_case, bool& names_orders) {
    std::vector<int> orders = finding.orders;
    if (finding.order) {
        orders.push_back(*finding.order);
    }
    names_orders = !orders.empty();
    std::set<int> out;
    for (const int order : orders) {
        if (order >= 0 && static_cast<std::size_t>(order) < hook_case.draft_of_order.size() &&
            hook_case.draft_of_order[order] >= 0) {
            out.insert(hook_case.draft_of_order[order]);
        }
    }
    return out;
}

// The dose quantity object of a draft's first dosage instruction (R4 doseAndRate, or the older
// doseQuantity directly), or nullptr.
json* dose_quantity(json& resource) {
    auto dosages = resource.find("dosageInstruction");
    if (dosages == resource.end() || !dosages->is_array() || dosages->empty() || !(*dosages)[0].is_object()) {
        return nullptr;
    }
    json& dosage = (*dosages)[0];
    if (auto rates = dosage.find("doseAndRate"); rates != dosage.end()) {
        json* first = rates->is_array() ? (rates->empty() ? nullptr : &(*rates)[0]) : &*rates;
        if (first != nullptr && first->is_object()) {
            auto quantity = first->find("doseQuantity");
            return quantity != first->end() && quantity->is_object() ? &*quantity : nullptr;
        }
        return nullptr;
    }
    auto quantity = dosage.find("doseQuantity");
    return quantity != dosage.end() && quantity->is_object() ? &*quantity : nullptr;
}

bool in_mg(const json& quantity) {
    for (const char* key : {"code", "unit"}) {
        const auto it = quantity.find(key);
        if (it != quantity.end() && it->is_string()) {
            return util::equals_ignore_case(it->get<std::string>(), "mg");
        }
    }
    return false;
}

// An update to the draft with the dose the rule allows: only for a single-dose limit in mg on a
// draft dosed in mg of that same drug, where the rule's limit is itself a dose to give.
std::optional<json> dose_suggestion(const model::Finding& finding, const DraftOrder& draft,
                                    const check::CheckResult& result, int order,
                                    const std::function<std::string()>& new_uuid) {
    if (!draft.has_id || !finding.limit || !finding.actual || *finding.actual <= *finding.limit ||
        finding.unit != "mg" || *finding.limit <= 0 || !finding.orders.empty() ||
        (finding.kind != "max_single_dose" && finding.kind != "start_dose")) {
        return std::nullopt;
    }
    if (order < 0 || static_cast<std::size_t>(order) >= result.orders.size() || !finding.drug ||
        result.orders[order].drug_key != *finding.drug) {
        return std::nullopt;
    }
    json corrected = draft.resource;
    json* quantity = dose_quantity(corrected);
    if (quantity == nullptr || !in_mg(*quantity)) {
        return std::nullopt;
    }
    (*quantity)["value"] = *finding.limit;
    const std::string dose = util::format_number(*finding.limit) + " mg";
    json action{{"type", "update"},
                {"description", "Change the dose of " + draft.id + " to " + dose},
                {"resource", std::move(corrected)}};
    return json{{"label", "Change the dose to " + dose + " (the " + words(finding.kind) + " limit)"},
                {"uuid", new_uuid()},
                {"actions", json::array({std::move(action)})}};
}

std::string order_line(const check::CheckResult& result, const HookCase& hook_case,
                       const HookRequest& request, int order) {
    std::string line;
    const int draft = hook_case.draft_of_order[order];
    line += draft >= 0 ? "draft order " + request.drafts[draft].id : "existing order";
    if (static_cast<std::size_t>(order) < result.orders.size()) {
        const check::CheckedOrder& checked = result.orders[order];
        line += ": " + (checked.sig.empty() ? checked.written_drug : checked.sig);
    }
    return line;
}

// The card's one-line summary (shortened by the caller): drug, amounts against the limit, message.
std::string card_summary(const model::Finding& finding) {
    const std::string drug = finding.drug ? finding.drug->str() : std::string();
    if (finding.severity == model::Severity::unverifiable) {
        return "could not check: " + (drug.empty() ? "" : drug + ": ") + finding.message;
    }
    if (finding.actual && finding.limit) {
        return (drug.empty() ? "" : drug + ": ") + amount(*finding.actual, finding.unit) + " (limit " +
               amount(*finding.limit, finding.unit) + "): " + finding.message;
    }
    return (drug.empty() ? "" : drug + ": ") + finding.message;
}

// The card's Markdown detail: severity, kind and message; amounts; the orders as read; alternative,
// rule and source; the decision-support notice.
std::string card_detail(const model::Finding& finding, const HookRequest& request, const HookCase& hook_case,
                        const check::CheckResult& result, const rules::DatabaseInfo& database) {
    std::string detail = "**" + std::string(model::to_string(finding.severity)) + "** (" +
                         words(finding.kind) + "): " + markdown_escape(finding.message) + "\n\n";
    if (finding.actual && finding.limit) {
        detail += "- Actual: " + markdown_escape(amount(*finding.actual, finding.unit)) +
                  "; limit: " + markdown_escape(amount(*finding.limit, finding.unit)) + "\n";
    }
    std::vector<int> orders = finding.orders;
    if (finding.order && std::find(orders.begin(), orders.end(), *finding.order) == orders.end()) {
        orders.insert(orders.begin(), *finding.order);
    }
    for (const int order : orders) {
        if (order >= 0 && static_cast<std::size_t>(order) < hook_case.draft_of_order.size()) {
            detail +=
                "- Order read as: " + markdown_escape(order_line(result, hook_case, request, order)) + "\n";
        }
    }
    if (!finding.alternative.empty()) {
        detail += "- Alternative: " + markdown_escape(finding.alternative) + "\n";
    }
    detail += "- Rule: " + markdown_escape(finding.rule_id) + " (rule database " +
              markdown_escape(database.version) + ")\n";
    if (!finding.source.empty()) {
        detail += "- Source: " + markdown_escape(finding.source) + "\n";
    }
    detail += "\nDecision support only: check this; it does not replace clinical judgement.";
    return detail;
}

// The dose the rule allows, offered as a suggestion when the finding is about one draft.
void add_dose_suggestion(json& card, const model::Finding& finding, const HookRequest& request,
                         const HookCase& hook_case, const check::CheckResult& result,
                         const std::function<std::string()>& new_uuid) {
    if (!finding.order || *finding.order < 0 ||
        static_cast<std::size_t>(*finding.order) >= hook_case.draft_of_order.size()) {
        return;
    }
    const int draft = hook_case.draft_of_order[*finding.order];
    if (draft < 0) {
        return;
    }
    if (auto suggestion = dose_suggestion(finding, request.drafts[draft], result, *finding.order, new_uuid)) {
        card["suggestions"] = json::array({std::move(*suggestion)});
        card["selectionBehavior"] = "at-most-one";
    }
}

json card_for(const model::Finding& finding, const HookRequest& request, const HookCase& hook_case,
              const check::CheckResult& result, const rules::DatabaseInfo& database,
              const std::function<std::string()>& new_uuid) {
    json card{
        {"uuid", new_uuid()},
        {"summary", shorten(card_summary(finding), k_max_summary_bytes)},
        {"indicator", indicator_of(finding.severity)},
        {"detail", card_detail(finding, request, hook_case, result, database)},
        {"source",
         {{"label", shorten("medcheck rule " + finding.rule_id + ", rule database " + database.version, 200)},
          {"topic", {{"code", finding.rule_id}, {"display", words(finding.kind)}}}}}};
    if (finding.rule_id.empty()) {
        card["source"].erase("topic");
        card["source"]["label"] = "medcheck, rule database " + database.version;
    }
    if (finding.severity != model::Severity::unverifiable) {
        card["overrideReasons"] = override_reasons();
    }
    add_dose_suggestion(card, finding, request, hook_case, result, new_uuid);
    return card;
}

} // namespace

std::string shorten(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) {
        return std::string(text);
    }
    std::size_t cut = max_bytes - 3;
    // Never end inside a UTF-8 sequence: back up to the start of the character at `cut`.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) {
        --cut;
    }
    return std::string(text.substr(0, cut)) + "...";
}

std::string random_uuid() {
    std::array<unsigned char, 16> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        throw std::runtime_error("random number generator failed");
    }
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0FU) | 0x40U);
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3FU) | 0x80U);
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            out += '-';
        }
        out += k_hex[bytes[i] >> 4U];
        out += k_hex[bytes[i] & 0x0FU];
    }
    return out;
}

json build_cards(const HookRequest& request, const HookCase& hook_case, const check::CheckResult& result,
                 const rules::DatabaseInfo& database, const std::function<std::string()>& new_uuid,
                 std::vector<IssuedCard>* issued) {
    json cards = json::array();
    auto issue = [&](json card, const std::string& rule_id) {
        if (issued != nullptr) {
            issued->push_back(
                {card["uuid"].get<std::string>(), rule_id, card["indicator"].get<std::string>()});
        }
        cards.push_back(std::move(card));
    };
    for (const model::Finding& finding : result.findings) {
        if (finding.severity == model::Severity::info) {
            continue;
        }
        bool names_orders = false;
        const std::set<int> drafts = drafts_of(finding, hook_case, names_orders);
        if (names_orders && drafts.empty()) {
            continue; // only about existing regimens: not this order's business
        }
        const bool relevant = !names_orders || std::any_of(drafts.begin(), drafts.end(), [&](int draft) {
            return request.drafts[draft].selected;
        });
        if (!relevant) {
            continue;
        }
        issue(card_for(finding, request, hook_case, result, database, new_uuid), finding.rule_id);
    }
    for (const auto& [draft, reason] : hook_case.unreadable) {
        if (!request.drafts[draft].selected) {
            continue;
        }
        const std::string& id = request.drafts[draft].id;
        json card{
            {"uuid", new_uuid()},
            {"summary", shorten("could not check: draft order " + id + ": " + reason, k_max_summary_bytes)},
            {"indicator", "info"},
            {"detail", "The draft order " + markdown_escape(id) +
                           " could not be read, so it was not checked: " + markdown_escape(reason) +
                           "\n\nDecision support only."},
            {"source", {{"label", "medcheck, rule database " + database.version}}}};
        issue(std::move(card), "input.unreadable");
    }
    return json{{"cards", std::move(cards)}};
}

} // namespace medcheck::serve
