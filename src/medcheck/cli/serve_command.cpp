// `medcheck serve`: the CDS Hooks 2.0 service (order-select, order-sign, feedback) over HTTP.
#include <medcheck/cli/context.hpp>
#include <medcheck/serve/auth.hpp>
#include <medcheck/serve/feedback.hpp>
#include <medcheck/serve/http_server.hpp>
#include <medcheck/serve/router.hpp>
#include <medcheck/util/error.hpp>

#include <fmt/format.h>

#include <boost/program_options.hpp>

#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

namespace medcheck::cli {

namespace {

namespace po = boost::program_options;

constexpr const char* k_serve_usage =
    "usage: medcheck serve [--host 127.0.0.1] [--port 8080] [--base-url URL] [--jwks FILE --issuer ISS...]\n"
    "                      [--allow-origin ORIGIN]... [--max-body BYTES] [--threads N] [--feedback-log "
    "FILE]\n\n"
    "Serves the CDS Hooks 2.0 services medcheck-order-select and medcheck-order-sign (discovery at\n"
    "GET /cds-services, feedback at POST /cds-services/{id}/feedback). One access-log line (JSON) per\n"
    "request on standard error; never tokens or request bodies. SIGINT or SIGTERM stop it (exit 0).\n"
    "A non-loopback --host needs --jwks (or --no-auth, to accept unauthenticated calls knowingly).\n\n";

po::options_description serve_options() {
    po::options_description options("medcheck serve options");
    options.add_options()("help,h", "this help")("host", po::value<std::string>()->default_value("127.0.0.1"),
                                                 "address to listen on")(
        "port", po::value<unsigned>()->default_value(8080), "port (0: any free port, printed at start)")(
        "base-url", po::value<std::string>(),
        "public URL of this server as the EHR calls it (token audience); default http://HOST:PORT")(
        "jwks", po::value<std::string>(), "JWKS file of the EHR's keys: every call needs a Bearer JWT")(
        "issuer", po::value<std::vector<std::string>>()->composing(), "accepted JWT issuer (repeatable)")(
        "no-auth", "accept unauthenticated calls on a non-loopback address")(
        "allow-origin", po::value<std::vector<std::string>>()->composing(),
        "browser origin allowed by CORS (repeatable)")("max-body",
                                                       po::value<std::size_t>()->default_value(1U << 20U),
                                                       "largest request body in bytes (413 above)")(
        "threads", po::value<unsigned>(), "request threads (default: the number of cores)")(
        "feedback-log", po::value<std::string>(),
        "append issued cards and feedback outcomes (JSONL) to FILE")(
        "read-timeout", po::value<unsigned>()->default_value(10), "seconds a client has to send a request");
    return options;
}

// A small order-sign call run once at start.
constexpr const char* k_warm_up =
    R"({"hook":"order-sign","hookInstance":"warm-up","context":{"userId":"Practitioner/0","patientId":"0",)"
    R"("draftOrders":{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"MedicationRequest","id":"0",)"
    R"("status":"draft","subject":{"reference":"Patient/0"},"medicationCodeableConcept":{"text":"acetaminophen"},)"
    R"("dosageInstruction":[{"timing":{"code":{"text":"q6h"}},"doseAndRate":[{"doseQuantity":{"value":500,"code":"mg"}}]}]}}]}}})";

bool loopback(const std::string& host) {
    return host == "127.0.0.1" || host == "::1" || host.starts_with("127.");
}

// --host, --port, --max-body, --threads, --read-timeout, checked.
serve::ServerOptions server_options_of(const po::variables_map& vm) {
    serve::ServerOptions server;
    server.host = vm["host"].as<std::string>();
    const unsigned port = vm["port"].as<unsigned>();
    if (port > 65535) {
        usage_error("serve", "--port must be 0 to 65535");
    }
    server.port = static_cast<std::uint16_t>(port);
    server.max_body_bytes = vm["max-body"].as<std::size_t>();
    if (server.max_body_bytes < 1024 || server.max_body_bytes > (64U << 20U)) {
        usage_error("serve", "--max-body must be 1024 to 67108864 bytes");
    }
    server.threads = vm.count("threads") != 0 ? vm["threads"].as<unsigned>()
                                              : std::max(1U, std::thread::hardware_concurrency());
    if (server.threads == 0 || server.threads > 256) {
        usage_error("serve", "--threads must be 1 to 256");
    }
    const unsigned read_timeout = vm["read-timeout"].as<unsigned>();
    if (read_timeout == 0 || read_timeout > 300) {
        usage_error("serve", "--read-timeout must be 1 to 300 seconds");
    }
    server.read_timeout = std::chrono::seconds(read_timeout);
    server.handle_signals = true;
    return server;
}

// --jwks and --issuer go together; without them only a loopback address (or --no-auth) is served.
std::vector<std::string> serve_issuers_of(const po::variables_map& vm, const std::string& host) {
    const bool auth = vm.count("jwks") != 0;
    std::vector<std::string> issuers =
        vm.count("issuer") != 0 ? vm["issuer"].as<std::vector<std::string>>() : std::vector<std::string>();
    if (auth && issuers.empty()) {
        usage_error("serve", "--jwks needs at least one --issuer (the EHRs whose tokens are accepted)");
    }
    if (!auth && !issuers.empty()) {
        usage_error("serve", "--issuer needs --jwks");
    }
    if (!auth && !loopback(host) && vm.count("no-auth") == 0) {
        usage_error("serve",
                    "listening on " + host + " without --jwks: give --jwks and --issuer, or --no-auth");
    }
    return issuers;
}

// The verifier of the keys in the JWKS file at `path` (a verifier holds a mutex: built in place).
void load_serve_verifier(const std::string& path, const std::vector<std::string>& issuers,
                         std::optional<serve::JwtVerifier>& verifier) {
    std::ifstream file(path);
    if (!file) {
        throw util::Error(util::ErrorKind::cannot_open, "cannot open the JWKS " + path);
    }
    std::ostringstream text;
    text << file.rdbuf();
    try {
        verifier.emplace(text.str(), issuers);
    } catch (const util::Error& e) {
        throw util::Error(e.kind(), path + ": " + e.what());
    }
}

} // namespace

int run_serve(Context& context) {
    const po::options_description options = serve_options();
    const po::variables_map vm = parse_options(context, "serve", options);
    if (vm.count("help") != 0) {
        context.out << k_serve_usage << options;
        return 0;
    }
    const serve::ServerOptions server = server_options_of(vm);
    const bool auth = vm.count("jwks") != 0;
    const std::vector<std::string> issuers = serve_issuers_of(vm, server.host);
    std::optional<serve::JwtVerifier> verifier;
    if (auth) {
        load_serve_verifier(vm["jwks"].as<std::string>(), issuers, verifier);
    }
    serve::FeedbackLog feedback(vm.count("feedback-log") != 0 ? std::optional<std::filesystem::path>(
                                                                    vm["feedback-log"].as<std::string>())
                                                              : std::nullopt);
    const rules::RuleSet& rules = context.rules(); // loaded once, shared read-only by every thread
    serve::RouterOptions router_options;
    router_options.allow_origins = vm.count("allow-origin") != 0
                                       ? vm["allow-origin"].as<std::vector<std::string>>()
                                       : std::vector<std::string>();
    router_options.verifier = verifier ? &*verifier : nullptr;
    router_options.feedback = &feedback;
    std::optional<serve::Router> router;
    serve::HttpServer http(
        server, [&router](const serve::HttpRequest& request) { return router->handle(request); },
        &context.err);
    const std::string host =
        server.host.find(':') != std::string::npos ? "[" + server.host + "]" : server.host;
    router_options.base_url = vm.count("base-url") != 0 ? vm["base-url"].as<std::string>()
                                                        : fmt::format("http://{}:{}", host, http.port());
    router.emplace(rules, router_options);
    // One call before listening pays the first-use costs (name tables, parsers), not the first EHR.
    // (A router of its own, so the warm-up card is not in the feedback log.)
    serve::Router(rules, {}).handle({"POST", "/cds-services/medcheck-order-sign", "", "", k_warm_up});
    context.err << "medcheck serve: listening on http://" << host << ":" << http.port() << " (rule database "
                << rules.database.version << ", " << server.threads << " threads, auth "
                << (auth ? "JWT" : "off") << ")" << std::endl;
    http.run();
    context.err << "medcheck serve: stopped" << std::endl;
    return 0;
}

} // namespace medcheck::cli
