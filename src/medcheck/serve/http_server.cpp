#include <medcheck/serve/http_server.hpp>

#include <medcheck/util/error.hpp>

#include <fmt/format.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <thread>
#include <vector>

namespace medcheck::serve {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct HttpServer::Impl {
    // Declared before the io_context: pending sessions it destroys still count down `connections`.
    ServerOptions options;
    Handler handler;
    std::ostream* log = nullptr;
    std::mutex log_mutex;
    std::atomic<std::size_t> connections{0};
    std::uint16_t bound_port = 0;
    asio::io_context io;
    tcp::acceptor acceptor{io};
    std::optional<asio::signal_set> signals;

    void accept();
    void write_log(const HttpRequest& request, unsigned status, std::chrono::steady_clock::duration took,
                   const LogFields& fields);
};

namespace {

const char* reason_json(unsigned status) {
    switch (status) {
    case 400:
        return R"({"error":"bad request"})";
    case 408:
        return R"({"error":"request timeout"})";
    case 413:
        return R"({"error":"request body too large"})";
    case 431:
        return R"({"error":"request headers too large"})";
    default:
        return R"({"error":"error"})";
    }
}

// One connection: read a request, answer it, repeat while keep-alive holds.
class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(tcp::socket socket, HttpServer::Impl& server) : m_stream(std::move(socket)), m_server(server) {}
    ~Session() { --m_server.connections; }
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    void start() {
        asio::dispatch(m_stream.get_executor(), [self = shared_from_this()] { self->read(); });
    }

  private:
    void read() {
        m_parser.emplace();
        m_parser->body_limit(m_server.options.max_body_bytes);
        m_parser->header_limit(static_cast<std::uint32_t>(m_server.options.max_header_bytes));
        m_stream.expires_after(m_server.options.read_timeout);
        http::async_read(
            m_stream, m_buffer, *m_parser,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
    }

    void on_read(beast::error_code ec) {
        if (ec) {
            on_read_error(ec);
            return;
        }
        const auto start = std::chrono::steady_clock::now();
        auto& message = m_parser->get();
        HttpRequest request;
        request.method = std::string(message.method_string());
        request.target = std::string(message.target());
        request.authorization = std::string(message[http::field::authorization]);
        request.origin = std::string(message[http::field::origin]);
        request.body = std::move(message.body());
        HttpResponse answer;
        try {
            answer = m_server.handler(request);
        } catch (...) {
            answer.status = 500;
            answer.body = R"({"error":"internal error"})";
        }
        m_server.write_log(request, answer.status, std::chrono::steady_clock::now() - start, answer.log);
        send(response_to(message, std::move(answer)));
    }

    // A read that ended without a whole request: closed, timed out, too large or not HTTP.
    void on_read_error(beast::error_code ec) {
        if (ec == http::error::end_of_stream || ec == asio::error::connection_reset ||
            ec == asio::error::eof) {
            close();
            return;
        }
        if (ec == beast::error::timeout) {
            // A slow or idle client: a half-read request gets 408, an idle keep-alive is just closed.
            if (m_parser && m_parser->got_some()) {
                fail(408);
            } else {
                close();
            }
            return;
        }
        if (ec == http::error::body_limit) {
            fail(413);
            return;
        }
        if (ec == http::error::header_limit) {
            fail(431);
            return;
        }
        if (ec.category() == http::make_error_code(http::error::body_limit).category()) {
            fail(400); // unparseable HTTP
        } else {
            close();
        }
    }

    static std::shared_ptr<http::response<http::string_body>>
    response_to(const http::request<http::string_body>& message, HttpResponse answer) {
        auto response = std::make_shared<http::response<http::string_body>>();
        response->version(message.version());
        response->result(answer.status);
        response->set(http::field::server, "medcheck");
        response->set(http::field::cache_control, "no-store");
        if (!answer.body.empty()) {
            response->set(http::field::content_type, "application/json; charset=utf-8");
        }
        for (const auto& [name, value] : answer.headers) {
            response->set(name, value);
        }
        response->body() = std::move(answer.body);
        response->keep_alive(message.keep_alive());
        response->prepare_payload();
        return response;
    }

    void send(std::shared_ptr<http::response<http::string_body>> response) {
        m_stream.expires_after(m_server.options.write_timeout);
        const bool keep = response->keep_alive();
        // The lambda owns the response until the write completes.
        http::response<http::string_body>& written = *response;
        http::async_write(m_stream, written,
                          [self = shared_from_this(), response = std::move(response),
                           keep](beast::error_code ec, std::size_t) {
                              if (ec || !keep) {
                                  self->close();
                              } else {
                                  self->read();
                              }
                          });
    }

    // Answers an unreadable request and closes the connection.
    void fail(unsigned status) {
        auto response = std::make_shared<http::response<http::string_body>>();
        response->version(11);
        response->result(status);
        response->set(http::field::server, "medcheck");
        response->set(http::field::content_type, "application/json; charset=utf-8");
        response->body() = reason_json(status);
        response->keep_alive(false);
        response->prepare_payload();
        HttpRequest request;
        if (m_parser && m_parser->is_header_done()) {
            request.method = std::string(m_parser->get().method_string());
            request.target = std::string(m_parser->get().target());
        }
        m_server.write_log(request, status, std::chrono::steady_clock::duration::zero(), {});
        send(std::move(response));
    }

    void close() {
        beast::error_code ignored;
        m_stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        m_stream.socket().close(ignored);
    }

    beast::tcp_stream m_stream;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    HttpServer::Impl& m_server;
};

} // namespace

void HttpServer::Impl::write_log(const HttpRequest& request, unsigned status,
                                 std::chrono::steady_clock::duration took, const LogFields& fields) {
    if (log == nullptr) {
        return;
    }
    // Never the Authorization header, the body (fhirAuthorization) or a token: only what identifies
    // the call.
    nlohmann::json line{{"method", request.method.substr(0, 16)},
                        {"path", request.target.substr(0, request.target.find('?')).substr(0, 200)},
                        {"status", status},
                        {"latency_ms", std::chrono::duration<double, std::milli>(took).count()}};
    for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"service", &fields.service},
                                     {"hookInstance", &fields.hook_instance},
                                     {"iss", &fields.iss},
                                     {"jti", &fields.jti}}) {
        if (!value->empty()) {
            line[key] = value->substr(0, 200);
        }
    }
    const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    const std::lock_guard lock(log_mutex);
    *log << text << '\n';
}

void HttpServer::Impl::accept() {
    acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) {
            return;
        }
        if (!ec) {
            if (connections.load() >= options.max_connections) {
                beast::error_code ignored;
                socket.close(ignored); // over the bound: refused at once rather than queued
            } else {
                ++connections;
                std::make_shared<Session>(std::move(socket), *this)->start();
            }
        }
        accept();
    });
}

HttpServer::HttpServer(ServerOptions options, Handler handler, std::ostream* log)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->options = std::move(options);
    m_impl->handler = std::move(handler);
    m_impl->log = log;
    beast::error_code ec;
    const auto address = asio::ip::make_address(m_impl->options.host, ec);
    if (ec) {
        throw util::Error(util::ErrorKind::usage,
                          "--host '" + m_impl->options.host + "' is not an IP address");
    }
    const tcp::endpoint endpoint(address, m_impl->options.port);
    auto& acceptor = m_impl->acceptor;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) {
        acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    }
    if (!ec) {
        acceptor.bind(endpoint, ec);
    }
    if (!ec) {
        acceptor.listen(asio::socket_base::max_listen_connections, ec);
    }
    if (ec) {
        throw util::Error(util::ErrorKind::cannot_open,
                          fmt::format("cannot listen on {}:{}: {}", m_impl->options.host,
                                      m_impl->options.port, ec.message()));
    }
    m_impl->bound_port = acceptor.local_endpoint().port();
    if (m_impl->options.handle_signals) {
        m_impl->signals.emplace(m_impl->io, SIGINT, SIGTERM);
        m_impl->signals->async_wait([this](beast::error_code error, int) {
            if (!error) {
                stop();
            }
        });
    }
}

HttpServer::~HttpServer() {
    stop();
}

std::uint16_t HttpServer::port() const {
    return m_impl->bound_port;
}

void HttpServer::run() {
    m_impl->accept();
    std::vector<std::thread> threads;
    const unsigned count = std::max(1U, m_impl->options.threads);
    for (unsigned i = 1; i < count; ++i) {
        threads.emplace_back([this] { m_impl->io.run(); });
    }
    m_impl->io.run();
    for (auto& thread : threads) {
        thread.join();
    }
}

void HttpServer::stop() {
    asio::post(m_impl->io, [impl = m_impl.get()] {
        beast::error_code ignored;
        impl->acceptor.close(ignored);
        if (impl->signals) {
            impl->signals->cancel(ignored);
        }
        impl->io.stop();
    });
}

} // namespace medcheck::serve
