#pragma once

#include <medcheck/serve/http_types.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>

namespace medcheck::serve {

// Limits and settings of the HTTP listener.
struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080; // 0: any free port (see HttpServer::port)
    unsigned threads = 2;
    std::size_t max_body_bytes = 1U << 20U;        // larger bodies: 413
    std::size_t max_header_bytes = 16U << 10U;     // larger headers: 431
    std::size_t max_connections = 256;             // further connections are closed at once
    std::chrono::milliseconds read_timeout{10000}; // a whole request (headers and body), and keep-alive idle
    std::chrono::milliseconds write_timeout{10000};
    bool handle_signals = false; // SIGINT/SIGTERM stop the server
};

// The request handler: called on the server's threads, concurrently.
using Handler = std::function<HttpResponse(const HttpRequest&)>;

// HTTP/1.1 on Boost.Beast/Asio: keep-alive, a body limit (413), a read timeout for slow clients,
// a bound on open connections, one access-log line per request (JSON) on `log`.
class HttpServer {
  public:
    // Binds and listens; throws util::Error (cannot_open) when the address cannot be bound.
    HttpServer(ServerOptions options, Handler handler, std::ostream* log);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // The bound port (the one chosen when options.port was 0).
    std::uint16_t port() const;

    // Serves on options.threads threads until stop() or, with handle_signals, SIGINT/SIGTERM.
    void run();
    // Stops accepting and ends run(); safe from any thread.
    void stop();

    // The listener's state (sessions reach it too); defined in http_server.cpp.
    struct Impl;

  private:
    std::unique_ptr<Impl> m_impl;
};

} // namespace medcheck::serve
