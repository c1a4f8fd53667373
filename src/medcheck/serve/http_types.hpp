#pragma once

#include <string>
#include <utility>
#include <vector>

namespace medcheck::serve {

// One HTTP request as the router sees it: only what it uses, already bounded by the server.
struct HttpRequest {
    std::string method; // "GET", "POST", "OPTIONS", ...
    std::string target; // path and query as sent
    std::string authorization;
    std::string origin;
    std::string body;
};

// What a request was about, for the access log (never tokens or request bodies).
struct LogFields {
    std::string service;
    std::string hook_instance;
    std::string iss;
    std::string jti;
};

// One HTTP response; the server adds Content-Length, Connection and Server.
struct HttpResponse {
    unsigned status = 200;
    std::string body;                                         // JSON, or empty
    std::vector<std::pair<std::string, std::string>> headers; // besides Content-Type
    LogFields log;
};

} // namespace medcheck::serve
