// The CDS Hooks endpoints through serve::Router (no sockets): golden responses for both hooks, a
// schema check on every response, the error cases, feedback, CORS and bearer tokens.
#include <medcheck/serve/discovery.hpp>
#include <medcheck/serve/router.hpp>

#include "support/cds_schema.hpp"
#include "support/fixture.hpp"
#include "support/jwt_signer.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

using namespace medcheck;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

const fs::path k_data = fs::path(MEDCHECK_SOURCE_DIR) / "tests" / "data" / "serve";
constexpr std::int64_t k_router_now = 1'800'000'000;

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in, "missing " << path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

serve::RouterOptions fixed_options() {
    serve::RouterOptions options;
    options.base_url = "https://cds.example.org";
    auto counter = std::make_shared<int>(0);
    options.new_uuid = [counter] {
        char text[40];
        std::snprintf(text, sizeof text, "00000000-0000-4000-8000-%012d", ++*counter);
        return std::string(text);
    };
    options.today = [] { return 20261201U; };
    options.now_s = [] { return k_router_now; };
    return options;
}

serve::HttpResponse call(const serve::Router& router, const std::string& method, const std::string& target,
                         const std::string& body = {}, const std::string& authorization = {},
                         const std::string& origin = {}) {
    serve::HttpRequest request{method, target, authorization, origin, body};
    return router.handle(request);
}

// Every service response is checked against the CDS Hooks response schema.
json cards_of(const serve::HttpResponse& response) {
    REQUIRE_MESSAGE(response.status == 200, response.body);
    const json body = json::parse(response.body);
    CHECK_MESSAGE(test::cds_response_problems(body).empty(), test::cds_response_problems(body));
    return body;
}

void check_golden(const json& actual, const std::string& name) {
    const fs::path path = k_data / name;
    const std::string text = actual.dump(1) + "\n";
    if (std::getenv("MEDCHECK_UPDATE_GOLDEN") != nullptr) {
        std::ofstream(path, std::ios::binary) << text;
    }
    CHECK_MESSAGE(read_file(path) == text, "response differs from "
                                               << path.string()
                                               << "; if intended, regenerate with MEDCHECK_UPDATE_GOLDEN=1");
}

const std::string k_sign = "/cds-services/medcheck-order-sign";
const std::string k_select = "/cds-services/medcheck-order-select";

json sign_request() {
    return json::parse(read_file(k_data / "order-sign.request.json"));
}

} // namespace

TEST_SUITE("serve::Router") {
    TEST_CASE("discovery lists both hooks with prefetch templates in the query subset") {
        const serve::Router router(test::seeded_rules(), fixed_options());
        const auto response = call(router, "GET", "/cds-services");
        REQUIRE(response.status == 200);
        const json body = json::parse(response.body);
        CHECK(test::cds_discovery_problems(body).empty());
        REQUIRE(body["services"].size() == 2);
        CHECK(body["services"][0]["hook"] == "order-select");
        CHECK(body["services"][1]["hook"] == "order-sign");
        for (const json& service : body["services"]) {
            for (const auto& item : service["prefetch"].items()) {
                // Not a structured binding: clang 14 cannot capture one in CHECK_MESSAGE.
                const std::string key = item.key();
                const std::string text = item.value();
                // Instance read of the context patient, or a type search by patient and tokens.
                const bool read = text == "Patient/{{context.patientId}}";
                const bool search = text.find("?patient={{context.patientId}}") != std::string::npos &&
                                    text.find("_include") == std::string::npos &&
                                    text.find("_has") == std::string::npos;
                CHECK_MESSAGE((read || search), key << ": " << text);
            }
            CHECK(service["prefetch"].contains("weight"));
            CHECK(service["prefetch"].contains("creatinine"));
            CHECK(service["prefetch"].contains("medications"));
            CHECK(service["prefetch"].contains("conditions"));
        }
    }

    TEST_CASE("order-sign golden: three drafts, prefetch patient, weight, creatinine, conditions, meds") {
        const serve::Router router(test::seeded_rules(), fixed_options());
        const json body =
            cards_of(call(router, "POST", k_sign, read_file(k_data / "order-sign.request.json")));
        check_golden(body, "order-sign.response.json");
        // The acetaminophen daily maximum is a critical card about draft-apap.
        bool apap = false;
        for (const json& card : body["cards"]) {
            apap = apap || (card["source"]["topic"]["code"] == "acetaminophen.daily_max" &&
                            card["indicator"] == "critical" &&
                            card["detail"].get<std::string>().find("draft-apap") != std::string::npos);
        }
        CHECK(apap);
    }

    TEST_CASE("order-select golden: only the selected draft's cards") {
        const serve::Router router(test::seeded_rules(), fixed_options());
        const json body =
            cards_of(call(router, "POST", k_select, read_file(k_data / "order-select.request.json")));
        check_golden(body, "order-select.response.json");
        REQUIRE_FALSE(body["cards"].empty());
        for (const json& card : body["cards"]) {
            CHECK(card["detail"].get<std::string>().find("draft-apap") == std::string::npos);
        }
    }

    TEST_CASE("the public CDS Hooks R4 order-sign example replayed as-is: no card, no error") {
        const serve::Router router(test::seeded_rules(), fixed_options());
        const auto response =
            call(router, "POST", k_sign, read_file(k_data / "public-cds-hooks-order-sign-r4.request.json"));
        cards_of(response);
        CHECK(response.body == R"({"cards":[]})");
    }

    TEST_CASE("no finding: exactly {\"cards\":[]}") {
        const serve::Router router(test::seeded_rules(), fixed_options());
        json request = sign_request();
        auto& entries = request["context"]["draftOrders"]["entry"];
        entries.erase(entries.begin(), entries.end() - 1); // keep cyclobenzaprine only
        auto& order = entries[0]["resource"];
        order["medicationCodeableConcept"] = {{"text", "acetaminophen 500 MG Oral Tablet"}};
        order["dosageInstruction"][0]["doseAndRate"][0]["doseQuantity"]["value"] = 500;
        request["prefetch"]["medications"] = nullptr;
        request["prefetch"]["conditions"] = nullptr;
        const auto response = call(router, "POST", k_sign, request.dump());
        CHECK(response.body == R"({"cards":[]})");
    }

    TEST_CASE("prefetch absent, null or OperationOutcome: a missing age is an info card, never silence") {
        const serve::Router router(test::seeded_rules(), fixed_options());
        json request = sign_request();
        SUBCASE("absent") {
            request.erase("prefetch");
        }
        SUBCASE("null") {
            request["prefetch"] = nullptr;
        }
        SUBCASE("OperationOutcome") {
            for (auto& [key, value] : request["prefetch"].items()) {
                value = {{"resourceType", "OperationOutcome"},
                         {"issue", json::array({{{"severity", "error"}, {"code", "not-found"}}})}};
            }
        }
        const json body = cards_of(call(router, "POST", k_sign, request.dump()));
        bool could_not_check = false;
        for (const json& card : body["cards"]) {
            could_not_check =
                could_not_check || (card["indicator"] == "info" &&
                                    card["summary"].get<std::string>().starts_with("could not check"));
        }
        CHECK(could_not_check);
    }

    TEST_CASE("medicationReference resolved from a Medication in the draft Bundle; extensions ignored") {
        const serve::Router router(test::seeded_rules(), fixed_options());
        json request = sign_request();
        auto& entries = request["context"]["draftOrders"]["entry"];
        auto& order = entries[0]["resource"];
        order.erase("medicationCodeableConcept");
        order["medicationReference"] = {{"reference", "Medication/med-apap"}};
        order["extension"] = json::array({{{"url", "http://example.org/x"}, {"valueString", "ignored"}}});
        entries.push_back(
            {{"resource",
              {{"resourceType", "Medication"},
               {"id", "med-apap"},
               {"code",
                {{"coding", json::array({{{"system", "http://www.nlm.nih.gov/research/umls/rxnorm"},
                                          {"code", "198440"},
                                          {"display", "acetaminophen 500 MG Oral Tablet"}}})}}}}}});
        request["extension"] = {{"com.example.flag", true}};
        const json body = cards_of(call(router, "POST", k_sign, request.dump()));
        bool apap = false;
        for (const json& card : body["cards"]) {
            apap = apap || card["source"]["topic"].value("code", "") == "acetaminophen.daily_max";
        }
        CHECK(apap);
    }

    TEST_CASE("errors: 400 with a JSON error, 404 unknown service, 405 wrong method") {
        const serve::Router router(test::seeded_rules(), fixed_options());
        json request = sign_request();
        auto expect_400 = [&](const std::string& body, const std::string& target, const std::string& words) {
            const auto response = call(router, "POST", target, body);
            CHECK(response.status == 400);
            const json error = json::parse(response.body);
            CHECK_MESSAGE(error["error"].get<std::string>().find(words) != std::string::npos, error.dump());
        };
        SUBCASE("malformed JSON") {
            expect_400("{\"hook\": ", k_sign, "malformed JSON");
        }
        SUBCASE("not an object") {
            expect_400("[1,2]", k_sign, "not a JSON object");
        }
        SUBCASE("duplicate key") {
            expect_400(R"({"hook":"order-sign","hook":"order-select"})", k_sign, "duplicate key");
        }
        SUBCASE("too deep") {
            expect_400(std::string(100, '[') + std::string(100, ']'), k_sign, "deeper");
        }
        SUBCASE("missing hook") {
            request.erase("hook");
            expect_400(request.dump(), k_sign, "missing 'hook'");
        }
        SUBCASE("missing hookInstance") {
            request.erase("hookInstance");
            expect_400(request.dump(), k_sign, "missing 'hookInstance'");
        }
        SUBCASE("missing context") {
            request.erase("context");
            expect_400(request.dump(), k_sign, "missing 'context'");
        }
        SUBCASE("missing patientId") {
            request["context"].erase("patientId");
            expect_400(request.dump(), k_sign, "context.patientId");
        }
        SUBCASE("missing userId") {
            request["context"].erase("userId");
            expect_400(request.dump(), k_sign, "context.userId");
        }
        SUBCASE("missing draftOrders") {
            request["context"].erase("draftOrders");
            expect_400(request.dump(), k_sign, "context.draftOrders");
        }
        SUBCASE("draftOrders not a Bundle") {
            request["context"]["draftOrders"] = request["context"]["draftOrders"]["entry"][0]["resource"];
            expect_400(request.dump(), k_sign, "not a FHIR Bundle");
        }
        SUBCASE("order-select without selections") {
            request["hook"] = "order-select";
            expect_400(request.dump(), k_select, "selections");
        }
        SUBCASE("hook not matching the service") {
            expect_400(request.dump(), k_select, "does not match");
        }
        SUBCASE("a draft for another patient") {
            request["context"]["draftOrders"]["entry"][0]["resource"]["subject"]["reference"] =
                "Patient/other";
            expect_400(request.dump(), k_sign, "another patient");
        }
        SUBCASE("unknown service and paths") {
            CHECK(call(router, "POST", "/cds-services/nope", request.dump()).status == 404);
            CHECK(call(router, "POST", "/cds-services/medcheck-order-sign/extra", request.dump()).status ==
                  404);
            CHECK(call(router, "GET", "/", "").status == 404);
            CHECK(json::parse(call(router, "POST", "/cds-services/nope", "").body).contains("error"));
        }
        SUBCASE("wrong method") {
            CHECK(call(router, "GET", k_sign).status == 405);
            CHECK(call(router, "POST", "/cds-services", "{}").status == 405);
        }
    }

    TEST_CASE(
        "feedback: accepted and overridden recorded once with card uuid, outcome and time; invalid is 400") {
        const fs::path log_path =
            fs::temp_directory_path() / ("medcheck-feedback-" + std::to_string(::getpid()) + ".jsonl");
        fs::remove(log_path);
        {
            serve::FeedbackLog log(log_path);
            serve::RouterOptions options = fixed_options();
            options.feedback = &log;
            const serve::Router router(test::seeded_rules(), options);
            const json cards = cards_of(
                call(router, "POST", k_sign, read_file(k_data / "order-sign.request.json")))["cards"];
            REQUIRE(cards.size() >= 2);
            std::string suggestion;
            std::string suggested_card;
            for (const json& card : cards) {
                if (card.contains("suggestions")) {
                    suggestion = card["suggestions"][0]["uuid"];
                    suggested_card = card["uuid"];
                }
            }
            REQUIRE_FALSE(suggestion.empty());
            const json accepted{
                {"feedback", json::array({{{"card", suggested_card},
                                           {"outcome", "accepted"},
                                           {"acceptedSuggestions", json::array({{{"id", suggestion}}})},
                                           {"outcomeTimestamp", "2026-12-01T10:00:00Z"}}})}};
            const json overridden{
                {"feedback", json::array({{{"card", cards[0]["uuid"]},
                                           {"outcome", "overridden"},
                                           {"overrideReason",
                                            {{"reason", cards[0]["overrideReasons"][1]},
                                             {"userComment", "discussed with patient"}}},
                                           {"outcomeTimestamp", "2026-12-01T10:01:00Z"}}})}};
            CHECK(call(router, "POST", k_sign + "/feedback", accepted.dump()).status == 200);
            CHECK(call(router, "POST", k_sign + "/feedback", overridden.dump()).status == 200);
            CHECK(call(router, "POST", k_sign + "/feedback", overridden.dump()).status == 200); // idempotent
            SUBCASE("invalid feedback") {
                for (const std::string& bad :
                     {std::string("{"), std::string("{}"), std::string(R"({"feedback":[]})"),
                      std::string(
                          R"({"feedback":[{"card":"x","outcome":"accepted","outcomeTimestamp":"t"}]})"),
                      std::string(
                          R"({"feedback":[{"card":"x","outcome":"ignored","outcomeTimestamp":"t"}]})"),
                      std::string(R"({"feedback":[{"outcome":"overridden","outcomeTimestamp":"t"}]})"),
                      std::string(R"({"feedback":[{"card":"x","outcome":"overridden"}]})")}) {
                    const auto response = call(router, "POST", k_sign + "/feedback", bad);
                    CHECK_MESSAGE(response.status == 400, bad);
                    CHECK(json::parse(response.body).contains("error"));
                }
            }
        }
        std::ifstream in(log_path);
        std::string line;
        int card_lines = 0;
        std::vector<json> feedback;
        while (std::getline(in, line)) {
            const json entry = json::parse(line);
            if (entry["type"] == "card") {
                ++card_lines;
                CHECK_FALSE(entry["rule"].get<std::string>().empty());
            } else {
                feedback.push_back(entry);
            }
        }
        CHECK(card_lines >= 2);
        REQUIRE(feedback.size() == 2);
        CHECK(feedback[0]["outcome"] == "accepted");
        CHECK(feedback[0]["acceptedSuggestions"].size() == 1);
        CHECK(feedback[1]["outcome"] == "overridden");
        CHECK(feedback[1]["overrideReason"]["code"] == "benefit-outweighs-risk");
        CHECK(feedback[1]["userComment"] == "discussed with patient");
        CHECK_FALSE(feedback[1]["rule"].get<std::string>().empty());
        CHECK(feedback[1].contains("time"));
        fs::remove(log_path);
    }

    TEST_CASE("CORS: preflight and responses only for allowed origins") {
        serve::RouterOptions options = fixed_options();
        options.allow_origins = {"https://sandbox.cds-hooks.org"};
        const serve::Router router(test::seeded_rules(), options);
        const auto preflight = call(router, "OPTIONS", k_sign, "", "", "https://sandbox.cds-hooks.org");
        CHECK(preflight.status == 204);
        auto has = [](const serve::HttpResponse& response, const std::string& name,
                      const std::string& value) {
            for (const auto& [n, v] : response.headers) {
                if (n == name && v == value) {
                    return true;
                }
            }
            return false;
        };
        CHECK(has(preflight, "Access-Control-Allow-Origin", "https://sandbox.cds-hooks.org"));
        CHECK(has(preflight, "Access-Control-Allow-Headers", "Authorization, Content-Type"));
        const auto refused = call(router, "OPTIONS", k_sign, "", "", "https://evil.example.org");
        CHECK(refused.status == 403);
        CHECK_FALSE(has(refused, "Access-Control-Allow-Origin", "https://evil.example.org"));
        CHECK(has(call(router, "GET", "/cds-services", "", "", "https://sandbox.cds-hooks.org"),
                  "Access-Control-Allow-Origin", "https://sandbox.cds-hooks.org"));
    }

    TEST_CASE("bearer tokens: every endpoint needs one; aud is the endpoint URL; 401 says nothing more") {
        const test::JwtSigner signer("ES384", "k1");
        serve::JwtVerifier verifier(signer.jwk().dump(), {"https://ehr.example.org"});
        serve::RouterOptions options = fixed_options();
        options.verifier = &verifier;
        const serve::Router router(test::seeded_rules(), options);
        int serial = 0;
        auto token = [&](const std::string& path) {
            return "Bearer " + signer.sign({{"iss", "https://ehr.example.org"},
                                            {"aud", "https://cds.example.org" + path},
                                            {"exp", k_router_now + 300},
                                            {"iat", k_router_now},
                                            {"jti", "t" + std::to_string(++serial)}});
        };
        CHECK(call(router, "GET", "/cds-services", "", token("/cds-services")).status == 200);
        const auto unauthorized = call(router, "GET", "/cds-services");
        CHECK(unauthorized.status == 401);
        CHECK(unauthorized.body == R"({"error":"unauthorized"})");
        // A token for discovery does not open the service.
        CHECK(call(router, "POST", k_sign, sign_request().dump(), token("/cds-services")).status == 401);
        const auto ok = call(router, "POST", k_sign, sign_request().dump(), token(k_sign));
        cards_of(ok);
        CHECK(ok.log.iss == "https://ehr.example.org");
        CHECK_FALSE(ok.log.jti.empty());
        CHECK(ok.log.hook_instance == "5f1c2a9e-0000-4000-8000-000000000001");
        CHECK(call(router, "POST", k_sign + "/feedback", "{}", token(k_sign + "/feedback")).status == 400);
        CHECK(call(router, "POST", k_sign + "/feedback", "{}").status == 401);
    }
}
