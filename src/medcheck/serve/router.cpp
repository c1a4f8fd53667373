#include <medcheck/serve/router.hpp>

#include <medcheck/check/engine.hpp>
#include <medcheck/serve/cards.hpp>
#include <medcheck/serve/discovery.hpp>
#include <medcheck/serve/json_input.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>

namespace medcheck::serve {

namespace {

using json = nlohmann::json;

constexpr std::string_view k_root = "/cds-services";

std::string dump(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

HttpResponse json_response(unsigned status, const json& body) {
    HttpResponse out;
    out.status = status;
    out.body = dump(body);
    return out;
}

std::uint32_t utc_today() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    return static_cast<std::uint32_t>((parts.tm_year + 1900) * 10000 + (parts.tm_mon + 1) * 100 +
                                      parts.tm_mday);
}

std::int64_t system_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

HttpResponse error_response(unsigned status, const std::string& message) {
    return json_response(status, json{{"error", message}});
}

Router::Router(const rules::RuleSet& rules, RouterOptions options)
    : m_rules(rules), m_options(std::move(options)) {
    if (!m_options.new_uuid) {
        m_options.new_uuid = random_uuid;
    }
    if (!m_options.now_s) {
        m_options.now_s = system_now;
    }
    if (!m_options.today) {
        m_options.today = utc_today;
    }
    while (!m_options.base_url.empty() && m_options.base_url.back() == '/') {
        m_options.base_url.pop_back();
    }
}

bool Router::origin_allowed(const std::string& origin) const {
    return !origin.empty() && std::find(m_options.allow_origins.begin(), m_options.allow_origins.end(),
                                        origin) != m_options.allow_origins.end();
}

HttpResponse Router::handle(const HttpRequest& request) const {
    std::string path = request.target.substr(0, request.target.find_first_of("?#"));
    while (path.size() > 1 && path.back() == '/') {
        path.pop_back();
    }
    HttpResponse out;
    try {
        out = route(request, path);
    } catch (const std::bad_alloc&) {
        out = error_response(503, "out of memory");
    } catch (const std::exception&) {
        out = error_response(500, "internal error");
    }
    if (origin_allowed(request.origin)) {
        out.headers.emplace_back("Access-Control-Allow-Origin", request.origin);
        out.headers.emplace_back("Vary", "Origin");
    }
    return out;
}

HttpResponse Router::route(const HttpRequest& request, const std::string& path) const {
    const bool ours = path == k_root || path.starts_with(std::string(k_root) + "/");
    if (request.method == "OPTIONS") {
        // CORS preflight: answered without a token (browsers send none), only for allowed origins.
        if (!ours || !origin_allowed(request.origin)) {
            return error_response(403, "origin not allowed");
        }
        HttpResponse out;
        out.status = 204;
        out.headers = {{"Access-Control-Allow-Methods", "GET, POST, OPTIONS"},
                       {"Access-Control-Allow-Headers", "Authorization, Content-Type"},
                       {"Access-Control-Max-Age", "600"}};
        return out;
    }
    if (!ours) {
        return error_response(404, "not found");
    }
    LogFields log;
    if (m_options.verifier != nullptr) {
        const auto claims =
            m_options.verifier->verify(request.authorization, m_options.base_url + path, m_options.now_s());
        if (!claims) {
            HttpResponse out = error_response(401, "unauthorized");
            out.headers.emplace_back("WWW-Authenticate", "Bearer");
            return out;
        }
        log.iss = claims->iss;
        log.jti = claims->jti;
    }
    HttpResponse out;
    const std::string rest = path.size() > k_root.size() ? path.substr(k_root.size() + 1) : std::string();
    const auto slash = rest.find('/');
    const std::string service_id = rest.substr(0, slash);
    const std::string tail = slash == std::string::npos ? std::string() : rest.substr(slash + 1);
    if (rest.empty()) {
        out = request.method == "GET" ? json_response(200, discovery()) : error_response(405, "use GET");
        if (out.status == 405) {
            out.headers.emplace_back("Allow", "GET");
        }
    } else if (!hook_for_service(service_id) || (!tail.empty() && tail != "feedback")) {
        out = error_response(404, "unknown service");
    } else if (request.method != "POST") {
        out = error_response(405, "use POST");
        out.headers.emplace_back("Allow", "POST");
    } else {
        out = tail.empty() ? service_call(request, service_id) : feedback_call(request, service_id);
    }
    out.log.service = service_id;
    out.log.iss = log.iss;
    out.log.jti = log.jti;
    return out;
}

HttpResponse Router::service_call(const HttpRequest& request, const std::string& service_id) const {
    std::string error;
    const auto body = parse_request_json(request.body, error);
    if (!body) {
        return error_response(400, error);
    }
    const ParsedHook parsed = parse_hook_request(*body, *hook_for_service(service_id));
    if (!parsed.request) {
        HttpResponse out = error_response(400, parsed.error);
        if (body->is_object() && body->contains("hookInstance") && (*body)["hookInstance"].is_string()) {
            out.log.hook_instance = (*body)["hookInstance"].get<std::string>().substr(0, 128);
        }
        return out;
    }
    const HookRequest& hook = *parsed.request;
    const HookCase hook_case = build_hook_case(hook, m_rules, m_options.today());
    json cards = json{{"cards", json::array()}};
    std::vector<IssuedCard> issued;
    if (hook_case.drafts_in_scope > 0) {
        const check::CheckResult result = check::check_case(hook_case.input, m_rules);
        cards = build_cards(hook, hook_case, result, m_rules.database, m_options.new_uuid, &issued);
    } else if (!hook_case.unreadable.empty()) {
        cards =
            build_cards(hook, hook_case, check::CheckResult{}, m_rules.database, m_options.new_uuid, &issued);
    }
    if (m_options.feedback != nullptr) {
        m_options.feedback->cards_issued(service_id, hook.hook_instance, issued, utc_now());
    }
    HttpResponse out = json_response(200, cards);
    out.log.hook_instance = hook.hook_instance;
    return out;
}

HttpResponse Router::feedback_call(const HttpRequest& request, const std::string& service_id) const {
    std::string error;
    const auto body = parse_request_json(request.body, error);
    if (!body) {
        return error_response(400, error);
    }
    FeedbackLog scratch(std::nullopt);
    FeedbackLog& log = m_options.feedback != nullptr ? *m_options.feedback : scratch;
    if (const auto invalid = log.record(service_id, *body, utc_now())) {
        return error_response(400, *invalid);
    }
    HttpResponse out;
    out.status = 200; // no body: CDS Hooks asks for none
    return out;
}

} // namespace medcheck::serve
