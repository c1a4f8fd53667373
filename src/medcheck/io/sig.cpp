#include <medcheck/io/sig.hpp>

#include <medcheck/units/dose_unit.hpp>
#include <medcheck/units/frequency.hpp>
#include <medcheck/util/text.hpp>

#include <array>
#include <cctype>

namespace medcheck::io {

namespace {

// A dose token: a number, optionally with its unit attached ("500", "1g", "25mcg/h"). "10/325" is a
// product strength, part of the drug name ("Norco 10/325"), not a dose.
bool looks_like_dose(std::string_view token) {
    std::size_t i = (!token.empty() && (token[0] == '-' || token[0] == '+')) ? 1 : 0;
    const std::size_t digits_from = i;
    while (i < token.size() && ((token[i] >= '0' && token[i] <= '9') || token[i] == '.')) {
        ++i;
    }
    if (i == digits_from) {
        return false;
    }
    return i == token.size() || std::isalpha(static_cast<unsigned char>(token[i])) != 0 ||
           static_cast<unsigned char>(token[i]) >= 0x80; // "µg"
}

bool starts_numeric(std::string_view token) {
    if (token.empty()) {
        return false;
    }
    std::size_t i = (token[0] == '-' || token[0] == '+') ? 1 : 0;
    if (i < token.size() && token[i] == '.') {
        ++i;
    }
    return i < token.size() && token[i] >= '0' && token[i] <= '9';
}

std::optional<std::string> route_of(std::string_view token) {
    struct Entry {
        std::string_view word;
        std::string_view route;
    };
    static constexpr std::array<Entry, 14> k_routes{{{"po", "oral"},
                                                     {"oral", "oral"},
                                                     {"orally", "oral"},
                                                     {"iv", "iv"},
                                                     {"ivp", "iv"},
                                                     {"im", "im"},
                                                     {"td", "transdermal"},
                                                     {"transdermal", "transdermal"},
                                                     {"patch", "transdermal"},
                                                     {"top", "topical"},
                                                     {"topical", "topical"},
                                                     {"buccal", "buccal"},
                                                     {"bucc", "buccal"},
                                                     {"sl", "sublingual"}}};
    const std::string lower = util::to_lower(token);
    for (const auto& entry : k_routes) {
        if (entry.word == lower) {
            return std::string(entry.route);
        }
    }
    return std::nullopt;
}

// "14d", "14", "2w", "2wk" -> days; the unit may also be the next token ("14 days").
std::optional<double> duration_of(const std::vector<std::string>& tokens, std::size_t& i) {
    std::string token = util::to_lower(tokens[i]);
    std::size_t split = 0;
    while (split < token.size() && ((token[split] >= '0' && token[split] <= '9') || token[split] == '.')) {
        ++split;
    }
    const auto count = util::parse_number(token.substr(0, split));
    if (!count) {
        return std::nullopt;
    }
    std::string unit = token.substr(split);
    if (unit.empty() && i + 1 < tokens.size()) {
        const std::string next = util::to_lower(tokens[i + 1]);
        if (next == "d" || next == "day" || next == "days" || next == "w" || next == "wk" || next == "wks" ||
            next == "week" || next == "weeks") {
            unit = next;
            ++i;
        }
    }
    if (unit.empty() || unit == "d" || unit == "day" || unit == "days") {
        return *count;
    }
    if (unit == "w" || unit == "wk" || unit == "wks" || unit == "week" || unit == "weeks") {
        return *count * 7;
    }
    return std::nullopt;
}

} // namespace

model::MedicationOrder parse_sig(std::string_view sig, int index, const std::string& field_prefix,
                                 std::vector<model::InputIssue>& issues) {
    model::MedicationOrder order;
    order.reference = field_prefix;
    auto report = [&](const std::string& field, const std::string& message) {
        issues.push_back({field_prefix + " " + field, message + " in \"" + std::string(sig) + "\"", index});
    };
    const std::vector<std::string> tokens = util::split_words(sig);
    // The drug name runs up to the first numeric token, or up to the word before a unit.
    std::size_t dose_at = tokens.size();
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (i > 0 && looks_like_dose(tokens[i])) {
            dose_at = i;
            break;
        }
    }
    if (dose_at == tokens.size()) {
        for (std::size_t i = 2; i < tokens.size(); ++i) {
            if (units::parse_dose_unit(tokens[i])) {
                dose_at = i - 1;
                break;
            }
        }
    }
    for (std::size_t i = 0; i < std::min(dose_at, tokens.size()); ++i) {
        order.drug += (i == 0 ? "" : " ") + tokens[i];
    }
    if (dose_at >= tokens.size()) {
        report("dose", "no dose found");
        return order;
    }
    std::size_t i = dose_at;
    // Dose, possibly with its unit attached ("1g", "500mg", "25mcg/h").
    {
        const std::string& token = tokens[i];
        std::size_t split = (token[0] == '-' || token[0] == '+') ? 1 : 0;
        while (split < token.size() &&
               ((token[split] >= '0' && token[split] <= '9') || token[split] == '.')) {
            ++split;
        }
        order.dose = util::parse_number(token.substr(0, split));
        if (!order.dose) {
            report("dose", "cannot read dose '" + token + "'");
        }
        if (split < token.size()) {
            order.unit = token.substr(split);
        }
        ++i;
    }
    if (order.unit.empty() && i < tokens.size()) {
        order.unit = tokens[i++];
    }
    if (i < tokens.size()) {
        if (auto route = route_of(tokens[i])) {
            order.route = *route;
            ++i;
        }
    }
    if (i < tokens.size()) {
        order.frequency = tokens[i++];
    }
    while (i < tokens.size()) {
        const std::string word = util::to_lower(tokens[i]);
        if (word == "prn") {
            order.prn = true;
            ++i;
        } else if (word == "max" && i + 1 < tokens.size()) {
            // "max 4/day", "max 4 per day", "max 4"
            std::string count = util::to_lower(tokens[i + 1]);
            i += 2;
            if (const auto slash = count.find('/'); slash != std::string::npos) {
                count = count.substr(0, slash);
            } else if (i + 1 < tokens.size() && util::to_lower(tokens[i]) == "per" &&
                       util::to_lower(tokens[i + 1]) == "day") {
                i += 2;
            }
            order.max_doses_per_day = util::parse_number(count);
            if (!order.max_doses_per_day) {
                report("max_doses_per_day", "cannot read PRN maximum");
            }
        } else if (word == "x" || word == "for") {
            ++i;
            if (i >= tokens.size() || !(order.duration_days = duration_of(tokens, i))) {
                report("duration_days", "cannot read duration");
            }
            ++i;
        } else if (word.size() > 1 && word[0] == 'x' && starts_numeric(word.substr(1))) {
            std::vector<std::string> rest{word.substr(1)};
            if (i + 1 < tokens.size()) {
                rest.push_back(tokens[i + 1]);
            }
            std::size_t j = 0;
            if (!(order.duration_days = duration_of(rest, j))) {
                report("duration_days", "cannot read duration '" + tokens[i] + "'");
            }
            i += j + 1;
        } else if (word == "continuing" || word == "cont" || word == "(continuing)") {
            order.continuing = true;
            ++i;
        } else {
            report("sig", "unrecognised word '" + tokens[i] + "'");
            ++i;
        }
    }
    return order;
}

} // namespace medcheck::io
