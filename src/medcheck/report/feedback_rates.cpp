#include <medcheck/report/feedback_rates.hpp>

#include <medcheck/report/escape.hpp>
#include <medcheck/util/text.hpp>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace medcheck::report {

namespace {

using json = nlohmann::json;

constexpr std::size_t k_max_line_bytes = 1U << 20U;

double rate(std::uint64_t part, std::uint64_t whole) {
    return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

std::string percent(std::uint64_t part, std::uint64_t whole) {
    return whole == 0 ? "-" : util::format_number(std::round(rate(part, whole) * 10) / 10) + "%";
}

std::string reasons_text(const RuleFeedback& rule) {
    std::string out;
    for (const auto& [code, count] : rule.override_reasons) {
        fmt::format_to(std::back_inserter(out), "{}{} {}", out.empty() ? "" : ", ", code, count);
    }
    return out;
}

} // namespace

FeedbackRates read_feedback_log(std::istream& in) {
    FeedbackRates out;
    std::map<std::string, RuleFeedback> by_rule;
    std::unordered_map<std::string, std::string> rule_of_card;
    std::string line;
    while (std::getline(in, line)) {
        if (line.size() > k_max_line_bytes) {
            ++out.unreadable_lines;
            continue;
        }
        const json entry = json::parse(line, nullptr, false);
        if (!entry.is_object() || !entry.contains("type") || !entry["type"].is_string() ||
            !entry.contains("card") || !entry["card"].is_string()) {
            ++out.unreadable_lines;
            continue;
        }
        const std::string card = entry["card"];
        if (entry["type"] == "card") {
            const std::string rule = entry.value("rule", "(unknown rule)");
            rule_of_card[card] = rule;
            ++by_rule[rule].cards;
            ++out.cards;
        } else if (entry["type"] == "feedback") {
            std::string rule = entry.contains("rule") && entry["rule"].is_string()
                                   ? entry["rule"].get<std::string>()
                                   : std::string();
            if (rule.empty()) {
                const auto it = rule_of_card.find(card);
                rule = it != rule_of_card.end() ? it->second : "(unknown rule)";
            }
            RuleFeedback& counts = by_rule[rule];
            ++out.outcomes;
            if (entry.value("outcome", "") == "accepted") {
                ++counts.accepted;
            } else if (entry.value("outcome", "") == "overridden") {
                ++counts.overridden;
                std::string reason = "(no reason)";
                if (entry.contains("overrideReason") && entry["overrideReason"].is_object() &&
                    entry["overrideReason"].contains("code") && entry["overrideReason"]["code"].is_string()) {
                    reason = entry["overrideReason"]["code"].get<std::string>().substr(0, 64);
                }
                if (counts.override_reasons.size() < 50 || counts.override_reasons.count(reason) != 0) {
                    ++counts.override_reasons[reason];
                }
            }
        } else {
            ++out.unreadable_lines;
        }
    }
    for (auto& [rule, counts] : by_rule) {
        counts.rule = rule;
        out.rules.push_back(std::move(counts));
    }
    std::stable_sort(out.rules.begin(), out.rules.end(), [](const RuleFeedback& a, const RuleFeedback& b) {
        const double ra = rate(a.overridden, std::max(a.cards, a.accepted + a.overridden));
        const double rb = rate(b.overridden, std::max(b.cards, b.accepted + b.overridden));
        return ra != rb ? ra > rb : a.cards > b.cards;
    });
    return out;
}

void write_feedback_rates(std::ostream& out, const FeedbackRates& rates, ReportFormat format) {
    // Cards issued is the denominator; a log started mid-way may hold outcomes for earlier cards.
    auto shown = [](const RuleFeedback& rule) {
        return std::max(rule.cards, rule.accepted + rule.overridden);
    };
    if (format == ReportFormat::json) {
        json rules = json::array();
        for (const RuleFeedback& rule : rates.rules) {
            rules.push_back({{"rule", rule.rule},
                             {"cards", rule.cards},
                             {"accepted", rule.accepted},
                             {"overridden", rule.overridden},
                             {"override_rate_percent", rate(rule.overridden, shown(rule))},
                             {"override_reasons", rule.override_reasons}});
        }
        out << json{{"cards", rates.cards},
                    {"outcomes", rates.outcomes},
                    {"unreadable_lines", rates.unreadable_lines},
                    {"rules", rules}}
                   .dump(2, ' ', false, json::error_handler_t::replace)
            << '\n';
        return;
    }
    const std::string intro =
        fmt::format("{} cards issued, {} outcomes reported", rates.cards, rates.outcomes) +
        (rates.unreadable_lines > 0 ? fmt::format(", {} unreadable log lines", rates.unreadable_lines)
                                    : std::string());
    if (format == ReportFormat::markdown) {
        out << "# CDS Hooks card feedback: override rate per rule\n\n"
            << intro << ".\n\n"
            << "| rule | cards | accepted | overridden | override rate | override reasons |\n"
            << "|---|---:|---:|---:|---:|---|\n";
        for (const RuleFeedback& rule : rates.rules) {
            out << "| " << markdown_escape(rule.rule) << " | " << rule.cards << " | " << rule.accepted
                << " | " << rule.overridden << " | " << percent(rule.overridden, shown(rule)) << " | "
                << markdown_escape(reasons_text(rule)) << " |\n";
        }
        return;
    }
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Card "
           "feedback</title></head>"
           "<body>\n<h1>CDS Hooks card feedback: override rate per rule</h1>\n<p>"
        << html_escape(intro)
        << ".</p>\n<table>\n<tr><th>rule</th><th>cards</th><th>accepted</th><th>overridden</th><th>override "
           "rate</th><th>override reasons</th></tr>\n";
    for (const RuleFeedback& rule : rates.rules) {
        out << "<tr><td>" << html_escape(rule.rule) << "</td><td>" << rule.cards << "</td><td>"
            << rule.accepted << "</td><td>" << rule.overridden << "</td><td>"
            << percent(rule.overridden, shown(rule)) << "</td><td>" << html_escape(reasons_text(rule))
            << "</td></tr>\n";
    }
    out << "</table>\n</body></html>\n";
}

} // namespace medcheck::report
