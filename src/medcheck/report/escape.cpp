#include <medcheck/report/escape.hpp>

namespace medcheck::report {

namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD"; // U+FFFD

bool is_control(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7F;
}

} // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            if (is_control(c)) {
                out += k_replacement;
            } else {
                out += c;
            }
        }
    }
    return out;
}

std::string markdown_escape(std::string_view text) {
    static constexpr std::string_view k_special = "\\`*_[]<>|~&#!";
    const auto is_alnum = [&](std::size_t i) {
        if (i >= text.size()) {
            return false;
        }
        const char c = text[i];
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    };
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        // An underscore inside a word (start_dose) is never emphasis in CommonMark: left as is.
        if (c == '_' && i > 0 && is_alnum(i - 1) && is_alnum(i + 1)) {
            out += c;
            continue;
        }
        if (c == '\n' || c == '\r' || c == '\t') {
            out += ' ';
        } else if (is_control(c)) {
            out += k_replacement;
        } else {
            if (k_special.find(c) != std::string_view::npos) {
                out += '\\';
            }
            out += c;
        }
    }
    return out;
}

} // namespace medcheck::report
