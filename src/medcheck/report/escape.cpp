#include <medcheck/report/escape.hpp>

#include <algorithm>

namespace medcheck::report {

namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD"; // U+FFFD

bool is_control(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7F;
}

// Length of a bidirectional formatting character at text[i] (UTF-8), else 0: the embeddings and
// overrides U+202A-U+202E, the isolates U+2066-U+2069, and the marks U+200E, U+200F, U+061C. In a
// report they could make "1234" display as "4321" or move a value into another cell's reading order.
std::size_t bidi_control_length(std::string_view text, std::size_t i) {
    if (i + 1 < text.size() && static_cast<unsigned char>(text[i]) == 0xD8 &&
        static_cast<unsigned char>(text[i + 1]) == 0x9C) {
        return 2; // U+061C
    }
    if (i + 2 >= text.size() || static_cast<unsigned char>(text[i]) != 0xE2) {
        return 0;
    }
    const auto second = static_cast<unsigned char>(text[i + 1]);
    const auto third = static_cast<unsigned char>(text[i + 2]);
    const bool embedding = second == 0x80 && third >= 0xAA && third <= 0xAE;
    const bool mark = second == 0x80 && (third == 0x8E || third == 0x8F);
    const bool isolate = second == 0x81 && third >= 0xA6 && third <= 0xA9;
    return embedding || mark || isolate ? 3 : 0;
}

// Control characters (but tab and line breaks) and bidi controls become U+FFFD.
std::string neutralise(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (const std::size_t length = bidi_control_length(text, i); length > 0) {
            out += k_replacement;
            i += length - 1;
        } else if (is_control(text[i])) {
            out += k_replacement;
        } else {
            out += text[i];
        }
    }
    return out;
}

bool contains_ci(std::string_view text, std::string_view what) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return std::search(text.begin(), text.end(), what.begin(), what.end(),
                       [&](char a, char b) { return lower(a) == b; }) != text.end();
}

// A word a Markdown renderer could turn into a link by itself (GFM extended autolinks, linkify): a
// URL with a scheme, www., mailto:, or an e-mail address.
bool looks_like_link(std::string_view word) {
    if (word.find("://") != std::string_view::npos || contains_ci(word, "www.") ||
        contains_ci(word, "mailto:")) {
        return true;
    }
    const std::size_t at = word.find('@');
    return at != std::string_view::npos && at > 0 && word.find('.', at) != std::string_view::npos;
}

// A word as a code span, which no renderer links: fenced by one more backtick than its longest run,
// padded when it starts or ends with one; | escaped for GFM table cells.
void append_code_span(std::string& out, std::string_view word) {
    std::size_t longest = 0;
    std::size_t run = 0;
    for (const char c : word) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const std::string fence(longest + 1, '`');
    const bool pad = word.front() == '`' || word.back() == '`';
    out += fence;
    out += pad ? " " : "";
    for (const char c : word) {
        out += c == '|' ? std::string_view("\\|") : std::string_view(&c, 1);
    }
    out += pad ? " " : "";
    out += fence;
}

void append_markdown_word(std::string& out, std::string_view text) {
    static constexpr std::string_view k_special = "\\`*_[]<>|~&#!";
    const auto is_alnum = [&](std::size_t i) {
        if (i >= text.size()) {
            return false;
        }
        const char c = text[i];
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        // An underscore inside a word (start_dose) is never emphasis in CommonMark: left as is.
        if (c == '_' && i > 0 && is_alnum(i - 1) && is_alnum(i + 1)) {
            out += c;
            continue;
        }
        if (k_special.find(c) != std::string_view::npos) {
            out += '\\';
        }
        out += c;
    }
}

} // namespace

std::string html_escape(std::string_view raw) {
    const std::string text = neutralise(raw);
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

std::string markdown_escape(std::string_view raw) {
    std::string text = neutralise(raw);
    std::replace_if(
        text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t space = text.find(' ', start);
        const std::size_t end = space == std::string::npos ? text.size() : space;
        const std::string_view word(text.data() + start, end - start);
        if (!word.empty() && looks_like_link(word)) {
            append_code_span(out, word);
        } else {
            append_markdown_word(out, word);
        }
        if (space == std::string::npos) {
            break;
        }
        out += ' ';
        start = space + 1;
    }
    return out;
}

} // namespace medcheck::report
