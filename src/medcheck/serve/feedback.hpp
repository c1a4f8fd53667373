#pragma once

#include <medcheck/serve/cards.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace medcheck::serve {

// Cards remembered (uuid -> rule) so that feedback lines name the rule; the oldest are forgotten.
inline constexpr std::size_t k_max_remembered_cards = 200000;
// Most feedback items in one call.
inline constexpr std::size_t k_max_feedback_items = 100;

// The feedback log: one JSON line per card issued ({"type":"card",...}) and per first outcome
// reported for a card ({"type":"feedback",...}). Thread-safe. Without a file it validates and
// remembers, and writes nothing.
class FeedbackLog {
  public:
    // Appends to `path` (created if missing); outcomes already in it are not recorded again.
    explicit FeedbackLog(std::optional<std::filesystem::path> path);

    // Records the cards of one response.
    void cards_issued(const std::string& service, const std::string& hook_instance,
                      const std::vector<IssuedCard>& cards, const std::string& time);

    // Validates a feedback call body and records each new outcome. Returns the reason it is invalid
    // (then nothing is recorded), or nullopt. Repeats of an outcome already recorded are accepted.
    std::optional<std::string> record(const std::string& service, const nlohmann::json& body,
                                      const std::string& time);

  private:
    void write(const nlohmann::json& line);

    std::mutex m_mutex;
    std::optional<std::filesystem::path> m_path;
    std::ofstream m_out;
    std::unordered_map<std::string, std::string> m_rule_of_card;
    std::deque<std::string> m_card_order;
    std::set<std::string> m_recorded; // card uuid + '\n' + outcome
};

// The current UTC time as ISO 8601 with milliseconds.
std::string utc_now();

} // namespace medcheck::serve
