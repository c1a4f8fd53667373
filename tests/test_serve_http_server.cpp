// serve::HttpServer on loopback, port 0 (the kernel picks a free port: no collisions between parallel
// test runs): keep-alive, the body limit, the read timeout, the connection bound, a short load smoke.
#include <medcheck/serve/http_server.hpp>
#include <medcheck/serve/router.hpp>

#include "support/cds_schema.hpp"
#include "support/fixture.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using namespace medcheck;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// A server running on its own thread for the duration of a test.
class Running {
  public:
    Running(serve::ServerOptions options, const serve::Router& router)
        : m_server(
              std::move(options), [&router](const serve::HttpRequest& r) { return router.handle(r); },
              &m_log),
          m_thread([this] { m_server.run(); }) {}
    ~Running() {
        m_server.stop();
        m_thread.join();
    }
    Running(const Running&) = delete;
    Running& operator=(const Running&) = delete;
    std::uint16_t port() const { return m_server.port(); }
    std::string log() const { return m_log.str(); }

  private:
    std::ostringstream m_log;
    serve::HttpServer m_server;
    std::thread m_thread;
};

serve::ServerOptions options() {
    serve::ServerOptions out;
    out.host = "127.0.0.1";
    out.port = 0;
    out.threads = 2;
    out.max_body_bytes = 64 * 1024;
    out.read_timeout = std::chrono::milliseconds(500);
    return out;
}

std::string request_text() {
    std::ifstream in(std::filesystem::path(MEDCHECK_SOURCE_DIR) / "tests/data/serve/order-sign.request.json");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

http::response<http::string_body> exchange(beast::tcp_stream& stream, http::verb verb,
                                           const std::string& target, const std::string& body,
                                           bool keep_alive = true) {
    http::request<http::string_body> request{verb, target, 11};
    request.set(http::field::host, "127.0.0.1");
    request.set(http::field::content_type, "application/json");
    request.body() = body;
    request.keep_alive(keep_alive);
    request.prepare_payload();
    stream.expires_after(std::chrono::seconds(10));
    http::write(stream, request);
    beast::flat_buffer buffer;
    http::response<http::string_body> response;
    http::read(stream, buffer, response);
    return response;
}

beast::tcp_stream connect(asio::io_context& io, std::uint16_t port) {
    beast::tcp_stream stream(io);
    stream.expires_after(std::chrono::seconds(10));
    stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    return stream;
}

} // namespace

TEST_SUITE("serve::HttpServer") {
    TEST_CASE("keep-alive: discovery and both hooks on one connection; the log names calls, never tokens") {
        const serve::Router router(test::seeded_rules(), {});
        Running server(options(), router);
        asio::io_context io;
        beast::tcp_stream stream = connect(io, server.port());
        const auto discovery = exchange(stream, http::verb::get, "/cds-services", "");
        CHECK(discovery.result_int() == 200);
        CHECK(discovery[http::field::content_type] == "application/json; charset=utf-8");
        for (int i = 0; i < 3; ++i) {
            const auto response =
                exchange(stream, http::verb::post, "/cds-services/medcheck-order-sign", request_text());
            REQUIRE(response.result_int() == 200);
            CHECK(response.keep_alive());
            CHECK(test::cds_response_problems(nlohmann::json::parse(response.body())).empty());
        }
        const std::string log = server.log();
        CHECK(log.find("\"hookInstance\":\"5f1c2a9e-0000-4000-8000-000000000001\"") != std::string::npos);
        CHECK(log.find("\"latency_ms\"") != std::string::npos);
        CHECK(log.find("secret-token-never-logged") == std::string::npos); // fhirAuthorization
    }

    TEST_CASE("a body over the limit is 413; malformed HTTP is 400") {
        const serve::Router router(test::seeded_rules(), {});
        Running server(options(), router);
        asio::io_context io;
        beast::tcp_stream stream = connect(io, server.port());
        const auto big = exchange(stream, http::verb::post, "/cds-services/medcheck-order-sign",
                                  std::string(70 * 1024, ' '));
        CHECK(big.result_int() == 413);
        beast::tcp_stream raw = connect(io, server.port());
        const std::string garbage = "NOT HTTP AT ALL\r\n\r\n";
        asio::write(raw.socket(), asio::buffer(garbage));
        beast::flat_buffer buffer;
        http::response<http::string_body> response;
        beast::error_code ec;
        http::read(raw, buffer, response, ec);
        CHECK_FALSE(ec);
        CHECK(response.result_int() == 400);
    }

    TEST_CASE("a slow client is cut off by the read timeout") {
        const serve::Router router(test::seeded_rules(), {});
        Running server(options(), router);
        asio::io_context io;
        beast::tcp_stream stream = connect(io, server.port());
        const std::string partial =
            "POST /cds-services/medcheck-order-sign HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{";
        asio::write(stream.socket(), asio::buffer(partial));
        const auto start = std::chrono::steady_clock::now();
        beast::flat_buffer buffer;
        http::response<http::string_body> response;
        beast::error_code ec;
        stream.expires_after(std::chrono::seconds(5));
        http::read(stream, buffer, response, ec);
        const auto waited = std::chrono::steady_clock::now() - start;
        CHECK(waited < std::chrono::seconds(3));
        CHECK((ec || response.result_int() == 408));
    }

    TEST_CASE("connections over the bound are closed at once; the server keeps serving") {
        const serve::Router router(test::seeded_rules(), {});
        serve::ServerOptions bounded = options();
        bounded.max_connections = 2;
        Running server(bounded, router);
        asio::io_context io;
        beast::tcp_stream a = connect(io, server.port());
        beast::tcp_stream b = connect(io, server.port());
        CHECK(exchange(a, http::verb::get, "/cds-services", "").result_int() == 200);
        CHECK(exchange(b, http::verb::get, "/cds-services", "").result_int() == 200);
        beast::tcp_stream c = connect(io, server.port());
        beast::error_code ec;
        http::request<http::string_body> request{http::verb::get, "/cds-services", 11};
        http::write(c, request, ec);
        beast::flat_buffer buffer;
        http::response<http::string_body> response;
        http::read(c, buffer, response, ec);
        CHECK(ec); // closed without an answer
        a.socket().close();
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        beast::tcp_stream d = connect(io, server.port());
        CHECK(exchange(d, http::verb::get, "/cds-services", "").result_int() == 200);
    }

    TEST_CASE("load smoke: 4 clients x 50 order-sign calls, all answered 200") {
        const serve::Router router(test::seeded_rules(), {});
        Running server(options(), router);
        const std::string body = request_text();
        std::atomic<int> ok{0};
        std::vector<std::thread> clients;
        for (int c = 0; c < 4; ++c) {
            clients.emplace_back([&] {
                asio::io_context io;
                beast::tcp_stream stream = connect(io, server.port());
                for (int i = 0; i < 50; ++i) {
                    if (exchange(stream, http::verb::post, "/cds-services/medcheck-order-sign", body)
                            .result_int() == 200) {
                        ++ok;
                    }
                }
            });
        }
        for (auto& client : clients) {
            client.join();
        }
        CHECK(ok.load() == 200);
    }
}
