#include "support/cds_schema.hpp"

#include <set>

namespace medcheck::test {

namespace {

using json = nlohmann::json;

void no_empty(const json& value, const std::string& path, std::string& out) {
    if (value.is_null()) {
        out += path + " is null; ";
    } else if (value.is_string() &&
               value.get<std::string>().find_first_not_of(" \t\r\n") == std::string::npos) {
        out += path + " is an empty string; ";
    } else if ((value.is_array() || value.is_object()) && value.empty() && path != "$.cards") {
        out += path + " is empty; ";
    }
    if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            no_empty(value[i], path + "[" + std::to_string(i) + "]", out);
        }
    } else if (value.is_object()) {
        for (const auto& [key, item] : value.items()) {
            no_empty(item, path + "." + key, out);
        }
    }
}

bool is_text(const json& object, const char* key) {
    return object.contains(key) && object[key].is_string() && !object[key].get<std::string>().empty();
}

void coding(const json& value, const std::string& path, std::string& out) {
    if (!value.is_object() || !is_text(value, "code") || !is_text(value, "system") ||
        !is_text(value, "display")) {
        out += path + " is not a Coding with code, system and display; ";
    }
}

} // namespace

std::size_t utf8_length(const std::string& text) {
    std::size_t count = 0;
    for (const char c : text) {
        count += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
    }
    return count;
}

std::string cds_response_problems(const json& response) {
    std::string out;
    if (!response.is_object() || !response.contains("cards") || !response["cards"].is_array()) {
        return "no 'cards' array";
    }
    static const std::set<std::string> k_members{"cards", "systemActions"};
    for (const auto& [key, value] : response.items()) {
        if (k_members.count(key) == 0) {
            out += "unexpected member " + key + "; ";
        }
    }
    no_empty(response, "$", out);
    std::set<std::string> uuids;
    for (std::size_t i = 0; i < response["cards"].size(); ++i) {
        const json& card = response["cards"][i];
        const std::string at = "cards[" + std::to_string(i) + "]";
        if (!card.is_object()) {
            out += at + " is not an object; ";
            continue;
        }
        if (!is_text(card, "uuid") || !uuids.insert(card["uuid"].get<std::string>()).second) {
            out += at + ".uuid missing or repeated; ";
        }
        if (!is_text(card, "summary") || utf8_length(card["summary"].get<std::string>()) >= 140) {
            out += at + ".summary missing or 140 characters or more; ";
        }
        if (!card.contains("indicator") ||
            !std::set<std::string>{"info", "warning", "critical"}.count(card.value("indicator", ""))) {
            out += at + ".indicator not info|warning|critical; ";
        }
        if (!card.contains("source") || !card["source"].is_object() || !is_text(card["source"], "label")) {
            out += at + ".source.label missing; ";
        }
        if (card.contains("detail") && !card["detail"].is_string()) {
            out += at + ".detail not a string; ";
        }
        if (card.contains("selectionBehavior") &&
            (!card.contains("suggestions") || card["selectionBehavior"] != "at-most-one")) {
            out += at + ".selectionBehavior without suggestions or not at-most-one; ";
        }
        if (card.contains("suggestions") && !card.contains("selectionBehavior")) {
            out += at + " has suggestions but no selectionBehavior; ";
        }
        if (card.contains("suggestions")) {
            for (const json& suggestion : card["suggestions"]) {
                if (!is_text(suggestion, "label") || !is_text(suggestion, "uuid") ||
                    !uuids.insert(suggestion["uuid"].get<std::string>()).second) {
                    out += at + " suggestion without label or unique uuid; ";
                }
                for (const json& action : suggestion.value("actions", json::array())) {
                    const std::string type = action.value("type", "");
                    if (type != "create" && type != "update" && type != "delete") {
                        out += at + " action type '" + type + "'; ";
                    }
                    if (!is_text(action, "description")) {
                        out += at + " action without description; ";
                    }
                    if (type == "update" &&
                        (!action.contains("resource") || !action["resource"].is_object())) {
                        out += at + " update action without a resource; ";
                    }
                }
            }
        }
        if (card.contains("overrideReasons")) {
            for (const json& reason : card["overrideReasons"]) {
                coding(reason, at + ".overrideReasons[]", out);
            }
        }
        static const std::set<std::string> k_card_members{
            "uuid",        "summary",           "detail",          "indicator", "source",
            "suggestions", "selectionBehavior", "overrideReasons", "links"};
        for (const auto& [key, value] : card.items()) {
            if (k_card_members.count(key) == 0) {
                out += at + " has unexpected member " + key + "; ";
            }
        }
    }
    return out;
}

std::string cds_discovery_problems(const json& discovery) {
    std::string out;
    if (!discovery.is_object() || !discovery.contains("services") || !discovery["services"].is_array() ||
        discovery["services"].empty()) {
        return "no 'services' array";
    }
    no_empty(discovery, "$", out);
    for (const json& service : discovery["services"]) {
        for (const char* key : {"hook", "id", "description"}) {
            if (!is_text(service, key)) {
                out += std::string("service without ") + key + "; ";
            }
        }
        if (service.contains("prefetch")) {
            for (const auto& [key, query] : service["prefetch"].items()) {
                if (!query.is_string()) {
                    out += "prefetch " + key + " is not a string; ";
                }
            }
        }
    }
    return out;
}

} // namespace medcheck::test
