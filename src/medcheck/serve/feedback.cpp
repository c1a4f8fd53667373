#include <medcheck/serve/feedback.hpp>

#include <medcheck/util/error.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace medcheck::serve {

namespace {

using json = nlohmann::json;

constexpr std::size_t k_max_text = 2000;

bool text(const json& object, const char* key, std::size_t max = 256) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() && !it->get<std::string>().empty() &&
           it->get<std::string>().size() <= max;
}

// Why one feedback item is invalid, or empty.
std::string invalid_item(const json& item) {
    if (!item.is_object()) {
        return "a feedback item is not an object";
    }
    if (!text(item, "card")) {
        return "feedback item without 'card' (the card's uuid)";
    }
    if (!text(item, "outcome")) {
        return "feedback item without 'outcome'";
    }
    if (!text(item, "outcomeTimestamp", 64)) {
        return "feedback item without 'outcomeTimestamp'";
    }
    const std::string outcome = item["outcome"].get<std::string>();
    const auto accepted = item.find("acceptedSuggestions");
    if (outcome == "accepted") {
        if (accepted == item.end() || !accepted->is_array() || accepted->empty() || accepted->size() > 20) {
            return "an accepted outcome needs 'acceptedSuggestions' (the suggestion ids)";
        }
        for (const json& suggestion : *accepted) {
            if (!suggestion.is_object() || !text(suggestion, "id")) {
                return "each accepted suggestion needs an 'id'";
            }
        }
        if (item.contains("overrideReason")) {
            return "an accepted outcome has no 'overrideReason'";
        }
    } else if (outcome == "overridden") {
        if (accepted != item.end()) {
            return "an overridden outcome has no 'acceptedSuggestions'";
        }
        if (const auto reason = item.find("overrideReason"); reason != item.end()) {
            if (!reason->is_object()) {
                return "'overrideReason' is not an object";
            }
            if (const auto coding = reason->find("reason"); coding != reason->end()) {
                if (!coding->is_object() || !text(*coding, "code")) {
                    return "'overrideReason.reason' needs a 'code'";
                }
            }
            if (reason->contains("userComment") && !text(*reason, "userComment", k_max_text)) {
                return "'overrideReason.userComment' is not a string of at most 2000 bytes";
            }
        }
    } else {
        return "outcome '" + outcome.substr(0, 32) + "' is neither accepted nor overridden";
    }
    return {};
}

} // namespace

std::string utc_now() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", parts.tm_year + 1900, parts.tm_mon + 1,
                       parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec, static_cast<int>(millis));
}

FeedbackLog::FeedbackLog(std::optional<std::filesystem::path> path) : m_path(std::move(path)) {
    if (!m_path) {
        return;
    }
    // Outcomes already recorded stay recorded once, across restarts.
    if (std::ifstream existing(*m_path); existing) {
        std::string line;
        while (std::getline(existing, line)) {
            const json entry = json::parse(line, nullptr, false);
            if (entry.is_object() && entry.value("type", "") == "feedback") {
                m_recorded.insert(entry.value("card", "") + '\n' + entry.value("outcome", ""));
            } else if (entry.is_object() && entry.value("type", "") == "card") {
                m_rule_of_card[entry.value("card", "")] = entry.value("rule", "");
                m_card_order.push_back(entry.value("card", ""));
            }
        }
    }
    m_out.open(*m_path, std::ios::app);
    if (!m_out) {
        throw util::Error(util::ErrorKind::cannot_open, "cannot open the feedback log " + m_path->string());
    }
}

void FeedbackLog::write(const json& line) {
    if (m_out.is_open()) {
        m_out << line.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
        m_out.flush();
    }
}

void FeedbackLog::cards_issued(const std::string& service, const std::string& hook_instance,
                               const std::vector<IssuedCard>& cards, const std::string& time) {
    if (cards.empty()) {
        return;
    }
    const std::lock_guard lock(m_mutex);
    for (const IssuedCard& card : cards) {
        m_rule_of_card[card.uuid] = card.rule_id;
        m_card_order.push_back(card.uuid);
        while (m_card_order.size() > k_max_remembered_cards) {
            m_rule_of_card.erase(m_card_order.front());
            m_card_order.pop_front();
        }
        write(json{{"type", "card"},
                   {"time", time},
                   {"service", service},
                   {"hookInstance", hook_instance},
                   {"card", card.uuid},
                   {"rule", card.rule_id},
                   {"indicator", card.indicator}});
    }
}

std::optional<std::string> FeedbackLog::record(const std::string& service, const json& body,
                                               const std::string& time) {
    if (!body.is_object()) {
        return "the feedback body is not a JSON object";
    }
    const auto items = body.find("feedback");
    if (items == body.end() || !items->is_array() || items->empty()) {
        return "missing 'feedback' (a non-empty array)";
    }
    if (items->size() > k_max_feedback_items) {
        return fmt::format("more than {} feedback items", k_max_feedback_items);
    }
    for (const json& item : *items) {
        if (std::string reason = invalid_item(item); !reason.empty()) {
            return reason;
        }
    }
    const std::lock_guard lock(m_mutex);
    for (const json& item : *items) {
        const std::string card = item["card"].get<std::string>();
        const std::string outcome = item["outcome"].get<std::string>();
        if (!m_recorded.insert(card + '\n' + outcome).second) {
            continue; // already recorded: feedback is idempotent
        }
        json line{{"type", "feedback"}, {"time", time},       {"service", service},
                  {"card", card},       {"outcome", outcome}, {"outcomeTimestamp", item["outcomeTimestamp"]}};
        if (const auto rule = m_rule_of_card.find(card); rule != m_rule_of_card.end()) {
            line["rule"] = rule->second;
        }
        if (outcome == "accepted") {
            json ids = json::array();
            for (const json& suggestion : item["acceptedSuggestions"]) {
                ids.push_back(suggestion["id"]);
            }
            line["acceptedSuggestions"] = std::move(ids);
        } else if (const auto reason = item.find("overrideReason"); reason != item.end()) {
            if (const auto coding = reason->find("reason"); coding != reason->end()) {
                line["overrideReason"] = *coding;
            }
            if (const auto comment = reason->find("userComment"); comment != reason->end()) {
                line["userComment"] = *comment;
            }
        }
        write(line);
    }
    return std::nullopt;
}

} // namespace medcheck::serve
