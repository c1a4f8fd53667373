#include <medcheck/units/frequency.hpp>

#include <medcheck/util/text.hpp>

#include <array>

namespace medcheck::units {

namespace {

std::optional<double> parse_hours(std::string_view digits) {
    if (digits.empty() || digits.size() > 3) {
        return std::nullopt;
    }
    for (char c : digits) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
    }
    const auto hours = util::parse_number(digits);
    if (!hours || *hours < 1 || *hours > 24 * 14) {
        return std::nullopt;
    }
    return hours;
}

} // namespace

std::optional<Frequency> parse_frequency(std::string_view text) {
    std::string spelled;
    for (char c : util::to_lower(util::trim(text))) {
        if (c != '.' && c != ' ') {
            spelled.push_back(c);
        }
    }
    struct Entry {
        std::string_view name;
        std::string_view canonical;
        double doses_per_day;
    };
    static constexpr std::array<Entry, 10> k_named{{
        {"daily", "daily", 1},
        {"qd", "qd", 1},
        {"od", "daily", 1},
        {"qday", "daily", 1},
        {"qhs", "qhs", 1},
        {"hs", "qhs", 1},
        {"bid", "bid", 2},
        {"tid", "tid", 3},
        {"qid", "qid", 4},
        {"weekly", "weekly", 1.0 / 7.0},
    }};
    if (spelled == "once" || spelled == "x1" || spelled == "stat") {
        return Frequency{"once", 1, true};
    }
    for (const auto& entry : k_named) {
        if (entry.name == spelled) {
            return Frequency{std::string(entry.canonical), entry.doses_per_day, false};
        }
    }
    // qNh, qNhr, qN-Mh: the shortest interval counts (contract).
    if (spelled.size() >= 3 && spelled.front() == 'q') {
        std::string_view rest(spelled);
        rest.remove_prefix(1);
        if (rest.ends_with("hr")) {
            rest.remove_suffix(2);
        } else if (rest.ends_with("h")) {
            rest.remove_suffix(1);
        } else {
            return std::nullopt;
        }
        const std::size_t dash = rest.find('-');
        const auto shortest = parse_hours(rest.substr(0, dash));
        if (!shortest) {
            return std::nullopt;
        }
        std::string canonical = "q" + util::format_number(*shortest);
        if (dash != std::string_view::npos) {
            const auto longest = parse_hours(rest.substr(dash + 1));
            if (!longest || *longest < *shortest) {
                return std::nullopt;
            }
            canonical += "-" + util::format_number(*longest);
        }
        return Frequency{canonical + "h", 24.0 / *shortest, false};
    }
    return std::nullopt;
}

} // namespace medcheck::units
