#include <medcheck/report/feedback_rates.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace medcheck;

TEST_SUITE("report::feedback_rates") {
    TEST_CASE("override rate per rule from a serve feedback log, highest first") {
        std::ifstream in(std::filesystem::path(MEDCHECK_SOURCE_DIR) / "tests/data/serve/feedback-log.jsonl");
        REQUIRE(in);
        const report::FeedbackRates rates = report::read_feedback_log(in);
        CHECK(rates.cards == 4);
        CHECK(rates.outcomes == 3);
        CHECK(rates.unreadable_lines == 1);
        REQUIRE(rates.rules.size() == 2);
        // Beers: 2 cards, both overridden (one rule taken from its card line) = 100%.
        CHECK(rates.rules[0].rule == "cyclobenzaprine.beers.age65");
        CHECK(rates.rules[0].cards == 2);
        CHECK(rates.rules[0].overridden == 2);
        CHECK(rates.rules[0].override_reasons.at("patient-tolerates") == 1);
        CHECK(rates.rules[0].override_reasons.at("(no reason)") == 1);
        CHECK(rates.rules[1].rule == "acetaminophen.daily_max");
        CHECK(rates.rules[1].accepted == 1);
        CHECK(rates.rules[1].overridden == 0);
        std::ostringstream md;
        report::write_feedback_rates(md, rates, report::ReportFormat::markdown);
        CHECK(md.str().find("| cyclobenzaprine.beers.age65 | 2 | 0 | 2 | 100% |") != std::string::npos);
        CHECK(md.str().find("| acetaminophen.daily_max | 2 | 1 | 0 | 0% |") != std::string::npos);
        std::ostringstream html;
        report::write_feedback_rates(html, rates, report::ReportFormat::html);
        CHECK(html.str().find("<td>cyclobenzaprine.beers.age65</td><td>2</td>") != std::string::npos);
    }

    TEST_CASE("an empty log is an empty table") {
        std::istringstream in("");
        const report::FeedbackRates rates = report::read_feedback_log(in);
        CHECK(rates.rules.empty());
        std::ostringstream json;
        report::write_feedback_rates(json, rates, report::ReportFormat::json);
        CHECK(json.str().find("\"rules\": []") != std::string::npos);
    }
}
