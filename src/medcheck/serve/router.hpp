#pragma once

#include <medcheck/rules/rule_set.hpp>
#include <medcheck/serve/auth.hpp>
#include <medcheck/serve/feedback.hpp>
#include <medcheck/serve/http_types.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace medcheck::serve {

// How the service answers, besides the rules.
struct RouterOptions {
    std::string base_url; // e.g. "https://cds.example.org": token audiences are base_url + path
    std::vector<std::string> allow_origins; // CORS: origins allowed to call from a browser
    JwtVerifier* verifier = nullptr;        // none: no authentication (loopback)
    FeedbackLog* feedback = nullptr;        // none: feedback validated, not recorded
    std::function<std::string()> new_uuid;  // default: random_uuid
    std::function<std::int64_t()> now_s;    // default: the system clock
    std::function<std::uint32_t()> today;   // YYYYMMDD for ages; default: the UTC date
};

// The CDS Hooks endpoints: discovery, the two services, feedback, CORS preflight. Pure request ->
// response (no sockets), safe to call from several threads; never throws for anything a client sends.
class Router {
  public:
    Router(const rules::RuleSet& rules, RouterOptions options);

    HttpResponse handle(const HttpRequest& request) const;

  private:
    HttpResponse route(const HttpRequest& request, const std::string& path) const;
    HttpResponse service_call(const HttpRequest& request, const std::string& service_id) const;
    HttpResponse feedback_call(const HttpRequest& request, const std::string& service_id) const;
    bool origin_allowed(const std::string& origin) const;

    const rules::RuleSet& m_rules;
    RouterOptions m_options;
};

// A JSON error response: {"error": message}.
HttpResponse error_response(unsigned status, const std::string& message);

} // namespace medcheck::serve
