#include <medcheck/report/report_format.hpp>

#include <medcheck/report/html_writer.hpp>
#include <medcheck/report/json_writer.hpp>
#include <medcheck/report/markdown_writer.hpp>
#include <medcheck/util/text.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace medcheck::report {

std::optional<ReportFormat> parse_report_format(std::string_view text) {
    if (text == "html") {
        return ReportFormat::html;
    }
    if (text == "md" || text == "markdown") {
        return ReportFormat::markdown;
    }
    if (text == "json") {
        return ReportFormat::json;
    }
    return std::nullopt;
}

ReportFormat format_for_path(std::string_view path) {
    const std::string lower = util::to_lower(path);
    const auto ends_with = [&](std::string_view suffix) {
        return lower.size() >= suffix.size() &&
               lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (ends_with(".md") || ends_with(".markdown")) {
        return ReportFormat::markdown;
    }
    if (ends_with(".json")) {
        return ReportFormat::json;
    }
    return ReportFormat::html;
}

void write_report(std::ostream& out, const ReportData& report, ReportFormat format) {
    switch (format) {
    case ReportFormat::html:
        write_html(out, report);
        break;
    case ReportFormat::markdown:
        write_markdown(out, report);
        break;
    case ReportFormat::json:
        write_json(out, report);
        break;
    }
}

bool is_report_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    for (const std::size_t i : {0U, 1U, 2U, 3U, 5U, 6U, 8U, 9U}) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
    }
    const auto number = [&](std::size_t at, std::size_t length) {
        int value = 0;
        for (std::size_t i = at; i < at + length; ++i) {
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    const std::chrono::year_month_day date{std::chrono::year(number(0, 4)),
                                           std::chrono::month(static_cast<unsigned>(number(5, 2))),
                                           std::chrono::day(static_cast<unsigned>(number(8, 2)))};
    return date.ok();
}

std::string default_report_date() {
    auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
        if (const auto seconds = util::parse_number(epoch); seconds && *seconds >= 0 && *seconds < 1e11) {
            now = std::chrono::floor<std::chrono::days>(
                std::chrono::sys_seconds(std::chrono::seconds(static_cast<long long>(*seconds))));
        }
    }
    const std::chrono::year_month_day date{now};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

} // namespace medcheck::report
