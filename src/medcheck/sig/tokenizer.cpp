#include <medcheck/sig/tokenizer.hpp>

#include <medcheck/sig/vocabulary.hpp>

#include <charconv>

namespace medcheck::sig {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80 || c == '#' || c == '\'';
}

bool is_sign(char c) {
    return c == '/' || c == '-' || c == ':' || c == '(' || c == ')' || c == ',' || c == '+' || c == '&' ||
           c == '=' || c == '<' || c == '>' || c == '%' || c == '@';
}

// Replacements applied before splitting, as (UTF-8 bytes, ASCII text).
struct Replacement {
    std::string_view from;
    std::string_view to;
};
constexpr Replacement k_replacements[] = {
    {"\xc2\xbd", " 1/2 "}, {"\xc2\xbc", " 1/4 "}, {"\xc2\xbe", " 3/4 "}, {"\xc2\xb5", "mc"},
    {"\xce\xbc", "mc"},    {"\xc3\x97", " x "},   {"\xe2\x80\x93", "-"}, {"\xe2\x80\x94", "-"},
};

} // namespace

Tokens tokenize(std::string_view text) {
    Tokens out;
    // 1. Lowercase and normalise into buffer, remembering each byte's source offset.
    std::vector<std::size_t> origin;
    out.buffer.reserve(text.size() + 8);
    origin.reserve(text.size() + 8);
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (static_cast<unsigned char>(c) >= 0x80) {
            bool replaced = false;
            for (const auto& r : k_replacements) {
                if (text.substr(i, r.from.size()) == r.from) {
                    for (char t : r.to) {
                        out.buffer.push_back(t);
                        origin.push_back(i);
                    }
                    i += r.from.size();
                    replaced = true;
                    break;
                }
            }
            if (replaced) {
                continue;
            }
        }
        if (c == '.') {
            // A decimal point stays ("2.5", ".5"); other dots go ("p.o.", "q.i.d.", "tablets.").
            const bool next_digit = i + 1 < text.size() && is_digit(text[i + 1]);
            const bool prev_alpha = !out.buffer.empty() && is_alpha(out.buffer.back());
            if (next_digit && !prev_alpha) {
                out.buffer.push_back('.');
                origin.push_back(i);
            } else if (!next_digit && !prev_alpha) {
                out.buffer.push_back(' ');
                origin.push_back(i);
            }
            ++i;
            continue;
        }
        out.buffer.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
        origin.push_back(i);
        ++i;
    }
    origin.push_back(text.size());
    // 2. Split.
    const std::string& b = out.buffer;
    auto emit = [&](std::size_t from, std::size_t to) {
        if (out.items.size() >= k_max_tokens) {
            return;
        }
        Token t;
        t.text = std::string_view(b).substr(from, to - from);
        t.raw_begin = origin[from];
        t.raw_end = to < origin.size() ? origin[to - 1] + 1 : text.size();
        if (is_digit(t.text.front()) || t.text.front() == '.') {
            const auto [ptr, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), t.number);
            t.is_number = ec == std::errc() && ptr == t.text.data() + t.text.size();
        }
        out.items.push_back(t);
    };
    std::size_t i = 0;
    while (i < b.size()) {
        const char c = b[i];
        if (is_digit(c) || c == '.') {
            std::size_t j = i;
            while (j < b.size() && (is_digit(b[j]) || b[j] == '.')) {
                ++j;
            }
            emit(i, j);
            i = j;
        } else if (is_alpha(c)) {
            std::size_t j = i;
            while (j < b.size() && is_alpha(b[j])) {
                ++j;
            }
            // "dailyx90", "bidx5": a known word glued to the duration sign x.
            if (j - i > 1 && b[j - 1] == 'x' && j < b.size() && is_digit(b[j]) &&
                !is_known_word(std::string_view(b).substr(i, j - i)) &&
                is_known_word(std::string_view(b).substr(i, j - i - 1))) {
                emit(i, j - 1);
                emit(j - 1, j);
            } else {
                emit(i, j);
            }
            i = j;
        } else if (is_sign(c)) {
            emit(i, i + 1);
            ++i;
        } else {
            ++i; // spaces, semicolons, other punctuation separate
        }
    }
    return out;
}

} // namespace medcheck::sig
