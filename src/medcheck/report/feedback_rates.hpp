#pragma once

#include <medcheck/report/report_format.hpp>

#include <cstdint>
#include <istream>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace medcheck::report {

// What clinicians did with one rule's cards (from the `medcheck serve --feedback-log` JSONL).
struct RuleFeedback {
    std::string rule;
    std::uint64_t cards = 0; // cards issued
    std::uint64_t accepted = 0;
    std::uint64_t overridden = 0;
    std::map<std::string, std::uint64_t> override_reasons; // reason code -> count
};

// Override rates per rule: the measure that tells a site which rules cause alert fatigue.
struct FeedbackRates {
    std::vector<RuleFeedback> rules; // highest override rate first
    std::uint64_t cards = 0;
    std::uint64_t outcomes = 0;
    std::uint64_t unreadable_lines = 0;
};

// Reads a feedback log; lines that are not log entries are counted, not fatal.
FeedbackRates read_feedback_log(std::istream& in);

// Writes the rates as a table (Markdown, HTML) or JSON.
void write_feedback_rates(std::ostream& out, const FeedbackRates& rates, ReportFormat format);

} // namespace medcheck::report
