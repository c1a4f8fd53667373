#include <medcheck/serve/cards.hpp>

#include "support/cds_schema.hpp"

#include <doctest/doctest.h>

using namespace medcheck;
using json = nlohmann::json;

namespace {

json draft_resource(const std::string& id, double dose, const std::string& unit) {
    return {{"resourceType", "MedicationRequest"},
            {"id", id},
            {"status", "draft"},
            {"dosageInstruction",
             json::array(
                 {{{"doseAndRate", json::array({{{"doseQuantity", {{"value", dose}, {"code", unit}}}}})}}})}};
}

struct Fixture {
    serve::HookRequest request;
    serve::HookCase hook_case;
    check::CheckResult result;
    rules::DatabaseInfo database{"embedded", "2026.test", "2", "abc"};
    int counter = 0;
    std::function<std::string()> uuid = [this] { return "uuid-" + std::to_string(++counter); };

    Fixture() {
        // Order 0: draft d1 (cyclobenzaprine 10 mg), order 1: existing regimen, order 2: draft d2.
        request.drafts.push_back({"d1", true, true, draft_resource("d1", 10, "mg")});
        request.drafts.push_back({"d2", true, true, draft_resource("d2", 2, "{tbl}")});
        hook_case.draft_of_order = {0, -1, 1};
        hook_case.drafts_in_scope = 2;
        const auto order = [](std::string written, std::string key, std::string sig, double daily_mg) {
            check::CheckedOrder checked;
            checked.written_drug = std::move(written);
            checked.drug_key = std::move(key);
            checked.sig = std::move(sig);
            checked.daily_mg = daily_mg;
            return checked;
        };
        result.orders = {
            order("cyclobenzaprine 10 mg", "cyclobenzaprine", "cyclobenzaprine 10 mg oral tid", 30.0),
            order("oxycodone 5 mg", "oxycodone", "oxycodone 5 mg oral q6h", 20.0),
            order("Norco", "hydrocodone_apap_10_325", "Norco 2 tablet oral q6h", 80.0)};
    }

    model::Finding finding(model::Severity severity, const std::string& kind, std::optional<int> order) {
        model::Finding f;
        f.severity = severity;
        f.kind = kind;
        f.drug = "cyclobenzaprine";
        f.message = "message for " + kind;
        f.rule_id = "rule." + kind;
        f.source = "Label [LBL-X]";
        f.order = order;
        return f;
    }

    json cards() { return serve::build_cards(request, hook_case, result, database, uuid)["cards"]; }
};

} // namespace

TEST_SUITE("serve::build_cards") {
    TEST_CASE(
        "severity to indicator: contraindicated and violation critical, warning warning, unverifiable info") {
        Fixture fx;
        fx.result.findings = {fx.finding(model::Severity::contraindicated, "contraindication", 0),
                              fx.finding(model::Severity::violation, "max_daily_dose", 0),
                              fx.finding(model::Severity::warning, "beers", 0),
                              fx.finding(model::Severity::unverifiable, "missing_patient_factor", 0),
                              fx.finding(model::Severity::info, "start_dose", 0)};
        const json cards = fx.cards();
        REQUIRE(cards.size() == 4); // info findings are not carded
        CHECK(cards[0]["indicator"] == "critical");
        CHECK(cards[1]["indicator"] == "critical");
        CHECK(cards[2]["indicator"] == "warning");
        CHECK(cards[3]["indicator"] == "info");
        CHECK(cards[3]["summary"].get<std::string>().starts_with("could not check: "));
        CHECK_FALSE(cards[3].contains("overrideReasons"));
        CHECK(cards[0]["overrideReasons"].size() == 4);
        CHECK(test::cds_response_problems(json{{"cards", cards}}).empty());
    }

    TEST_CASE(
        "source names the rule id and the database version; detail has actual vs limit and the citation") {
        Fixture fx;
        model::Finding f = fx.finding(model::Severity::violation, "max_daily_dose", 0);
        f.actual = 6000;
        f.limit = 3000;
        f.unit = "mg/day";
        fx.result.findings = {f};
        const json card = fx.cards().at(0);
        CHECK(card["source"]["label"] == "medcheck rule rule.max_daily_dose, rule database 2026.test");
        CHECK(card["source"]["topic"]["code"] == "rule.max_daily_dose");
        const std::string detail = card["detail"];
        CHECK(detail.find("Actual: 6000 mg/day; limit: 3000 mg/day") != std::string::npos);
        CHECK(detail.find("Order read as: draft order d1: cyclobenzaprine 10 mg oral tid") !=
              std::string::npos);
        CHECK(detail.find("Source: Label \\[LBL-X\\]") != std::string::npos);
        CHECK(card["summary"] ==
              "cyclobenzaprine: 6000 mg/day (limit 3000 mg/day): message for max_daily_dose");
        CHECK_FALSE(card.contains("suggestions")); // a daily limit gives no single dose to write
    }

    TEST_CASE("a single-dose limit in mg on a draft dosed in mg: update suggestion with the same id") {
        Fixture fx;
        model::Finding f = fx.finding(model::Severity::violation, "start_dose", 0);
        f.actual = 10;
        f.limit = 5;
        f.unit = "mg";
        fx.result.findings = {f};
        const json card = fx.cards().at(0);
        REQUIRE(card.contains("suggestions"));
        CHECK(card["selectionBehavior"] == "at-most-one");
        const json& action = card["suggestions"][0]["actions"][0];
        CHECK(action["type"] == "update");
        CHECK(action["resource"]["id"] == "d1");
        CHECK(action["resource"]["dosageInstruction"][0]["doseAndRate"][0]["doseQuantity"]["value"] == 5.0);
        CHECK(card["suggestions"][0]["uuid"] != card["uuid"]);
        CHECK(test::cds_response_problems(json{{"cards", fx.cards()}}).empty());
    }

    TEST_CASE("no suggestion: tablets, a combining finding, a draft without id") {
        Fixture fx;
        model::Finding tablets = fx.finding(model::Severity::violation, "max_single_dose", 2);
        tablets.drug = "hydrocodone_apap_10_325";
        tablets.actual = 20;
        tablets.limit = 10;
        tablets.unit = "mg";
        model::Finding combined = fx.finding(model::Severity::violation, "max_single_dose", 0);
        combined.actual = 10;
        combined.limit = 5;
        combined.unit = "mg";
        combined.orders = {0, 2};
        fx.result.findings = {tablets, combined};
        for (const json& card : fx.cards()) {
            CHECK_FALSE(card.contains("suggestions"));
            CHECK_FALSE(card.contains("selectionBehavior"));
        }
        Fixture no_id;
        no_id.request.drafts[0].has_id = false;
        model::Finding f = no_id.finding(model::Severity::violation, "start_dose", 0);
        f.actual = 10;
        f.limit = 5;
        f.unit = "mg";
        no_id.result.findings = {f};
        CHECK_FALSE(no_id.cards().at(0).contains("suggestions"));
    }

    TEST_CASE("findings about existing regimens only are not carded; combining ones with a draft are") {
        Fixture fx;
        model::Finding existing = fx.finding(model::Severity::violation, "max_daily_dose", 1);
        model::Finding pair = fx.finding(model::Severity::warning, "interaction", std::nullopt);
        pair.orders = {1, 2};
        model::Finding patient =
            fx.finding(model::Severity::unverifiable, "missing_patient_factor", std::nullopt);
        fx.result.findings = {existing, pair, patient};
        const json cards = fx.cards();
        REQUIRE(cards.size() == 2);
        CHECK(cards[0]["source"]["topic"]["code"] == "rule.interaction");
        CHECK(cards[1]["source"]["topic"]["code"] == "rule.missing_patient_factor");
    }

    TEST_CASE("order-select: only findings about a selected draft (or the whole patient)") {
        Fixture fx;
        fx.request.hook = serve::Hook::order_select;
        fx.request.drafts[0].selected = false;
        fx.result.findings = {
            fx.finding(model::Severity::violation, "max_daily_dose", 0),
            fx.finding(model::Severity::warning, "beers", 2),
            fx.finding(model::Severity::unverifiable, "missing_patient_factor", std::nullopt)};
        const json cards = fx.cards();
        REQUIRE(cards.size() == 2);
        CHECK(cards[0]["source"]["topic"]["code"] == "rule.beers");
    }

    TEST_CASE("no finding: exactly {\"cards\":[]}") {
        Fixture fx;
        CHECK(serve::build_cards(fx.request, fx.hook_case, fx.result, fx.database, fx.uuid).dump() ==
              R"({"cards":[]})");
    }

    TEST_CASE("an unreadable draft is an info card, never silence") {
        Fixture fx;
        fx.hook_case.unreadable = {{1, "MedicationRequest.medication[x]: no medication text"}};
        const json cards = fx.cards();
        REQUIRE(cards.size() == 1);
        CHECK(cards[0]["indicator"] == "info");
        CHECK(cards[0]["summary"].get<std::string>().starts_with("could not check: draft order d2"));
    }

    TEST_CASE("summaries stay under 140 characters, also for long UTF-8 text") {
        Fixture fx;
        model::Finding f = fx.finding(model::Severity::warning, "caution", 0);
        f.message = "";
        for (int i = 0; i < 100; ++i) {
            f.message += "é";
        }
        fx.result.findings = {f};
        const std::string summary = fx.cards().at(0)["summary"];
        CHECK(test::utf8_length(summary) < 140);
        CHECK(summary.size() <= serve::k_max_summary_bytes);
        CHECK(json(summary).dump().size() > 0); // still valid UTF-8
    }

    TEST_CASE("markdown from input in the detail is escaped") {
        Fixture fx;
        model::Finding f = fx.finding(model::Severity::warning, "caution", 0);
        f.message = "[click](javascript:x) <b>*x*</b>\nnext";
        fx.result.findings = {f};
        const std::string detail = fx.cards().at(0)["detail"];
        CHECK(detail.find("\\[click\\](javascript:x) \\<b\\>\\*x\\*\\</b\\> next") != std::string::npos);
    }

    TEST_CASE("random uuids are version 4 and differ") {
        const std::string a = serve::random_uuid();
        const std::string b = serve::random_uuid();
        CHECK(a.size() == 36);
        CHECK(a[14] == '4');
        CHECK(a != b);
    }
}
