// libFuzzer harness: the CDS Hooks request handler (serve::Router) on any body. The first byte picks
// the endpoint; the rest is the body. Every answer must be 200 with a conforming cards document (or
// an empty feedback answer), or a 4xx with a JSON error: never a crash, a 5xx or invalid JSON.
#include <medcheck/db/database.hpp>
#include <medcheck/serve/router.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const medcheck::rules::RuleSet rules = medcheck::db::RuleDatabase::open_embedded().load();
    static medcheck::serve::FeedbackLog feedback(std::nullopt);
    static const medcheck::serve::Router router = [] {
        medcheck::serve::RouterOptions options;
        options.feedback = &feedback;
        options.today = [] { return 20261201U; };
        return medcheck::serve::Router(rules, options);
    }();
    if (size == 0) {
        return 0;
    }
    static const char* const k_targets[] = {"/cds-services/medcheck-order-sign",
                                            "/cds-services/medcheck-order-select",
                                            "/cds-services/medcheck-order-sign/feedback", "/cds-services"};
    medcheck::serve::HttpRequest request;
    request.method = data[0] % 8 == 7 ? "GET" : "POST";
    request.target = k_targets[data[0] % 4];
    request.body.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
    const medcheck::serve::HttpResponse response = router.handle(request);
    if (response.status >= 500) {
        std::abort();
    }
    if (!response.body.empty()) {
        const auto body = nlohmann::json::parse(response.body, nullptr, false);
        if (body.is_discarded() || !body.is_object()) {
            std::abort();
        }
        if (response.status == 200 && request.target.ends_with("sign") && !body.contains("cards")) {
            std::abort();
        }
        if (response.status >= 400 && !body.contains("error")) {
            std::abort();
        }
    }
    return 0;
}
