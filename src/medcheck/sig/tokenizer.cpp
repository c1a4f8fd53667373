#include <medcheck/sig/tokenizer.hpp>

#include <medcheck/sig/vocabulary.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>

namespace medcheck::sig {

namespace {

// Character classes, one table lookup per byte (the tokenizer runs on every sig of a batch).
constexpr std::uint8_t k_digit = 1U;
constexpr std::uint8_t k_alpha = 2U; // letters, bytes of UTF-8 sequences, '#' (tylenol #3), '\''
constexpr std::uint8_t k_sign = 4U;  // / - : ( ) , + & = < > % @: tokens of their own
constexpr std::array<std::uint8_t, 256> k_classes = [] {
    std::array<std::uint8_t, 256> classes{};
    for (int c = '0'; c <= '9'; ++c) {
        classes[static_cast<std::size_t>(c)] = k_digit;
    }
    for (int c = 'a'; c <= 'z'; ++c) {
        classes[static_cast<std::size_t>(c)] = k_alpha;
    }
    for (std::size_t c = 0x80; c < 256; ++c) {
        classes[c] = k_alpha;
    }
    classes['#'] = k_alpha;
    classes['\''] = k_alpha;
    for (const char c : std::string_view("/-:(),+&=<>%@")) {
        classes[static_cast<unsigned char>(c)] = k_sign;
    }
    return classes;
}();

std::uint8_t class_of(char c) {
    return k_classes[static_cast<unsigned char>(c)];
}

bool is_digit(char c) {
    return class_of(c) == k_digit;
}

bool is_alpha(char c) {
    return class_of(c) == k_alpha;
}

bool is_sign(char c) {
    return class_of(c) == k_sign;
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

// The normalised sig as it is written: lowercased bytes and, for each, the offset of the source byte
// it came from (a token's raw_begin/raw_end point back into the text as written).
struct NormalisedSig {
    char* bytes;
    std::size_t* origin;
    std::size_t size = 0;

    void put(char c, std::size_t from) {
        bytes[size] = c;
        origin[size] = from;
        ++size;
    }
};

// Writes the ASCII for the UTF-8 sequence at text[i] ("½" -> " 1/2 "); returns the bytes read,
// 0 when no replacement starts there.
std::size_t put_sig_replacement(std::string_view text, std::size_t i, NormalisedSig& out) {
    for (const auto& r : k_replacements) {
        if (text.substr(i, r.from.size()) == r.from) {
            for (char t : r.to) {
                out.put(t, i);
            }
            return r.from.size();
        }
    }
    return 0;
}

// A decimal point stays ("2.5", ".5"); other dots go ("p.o.", "q.i.d.", "tablets.").
void put_sig_dot(std::string_view text, std::size_t i, NormalisedSig& out) {
    const bool next_digit = i + 1 < text.size() && is_digit(text[i + 1]);
    const bool prev_alpha = out.size > 0 && is_alpha(out.bytes[out.size - 1]);
    if (next_digit && !prev_alpha) {
        out.put('.', i);
    } else if (!next_digit && !prev_alpha) {
        out.put(' ', i);
    }
}

// "1,000 mg" (Epic's "(1,000 mg total)"): a comma between digit groups of three is a thousands
// separator. It is dropped, so the number reads as the larger of its two readings (never an under-read);
// "1,5" and "0,500" keep their comma (two numbers, then unreadable as a dose).
bool thousands_comma(std::string_view text, std::size_t i) {
    std::size_t begin = i;
    while (begin > 0 && is_digit(text[begin - 1])) {
        --begin;
    }
    const std::size_t before = i - begin;
    if (before == 0 || before > 3) {
        return false;
    }
    if (begin > 0 && text[begin - 1] == ',') {
        if (before != 3 || !thousands_comma(text, begin - 1)) {
            return false;
        }
    } else if (text[begin] == '0' || (begin > 0 && text[begin - 1] == '.')) {
        return false;
    }
    return i + 3 < text.size() && is_digit(text[i + 1]) && is_digit(text[i + 2]) && is_digit(text[i + 3]) &&
           (i + 4 == text.size() || !is_digit(text[i + 4]));
}

// Step 1 of tokenize: lowercase, replace, drop the dots that are not decimal points.
void normalise_sig(std::string_view text, NormalisedSig& out) {
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (static_cast<unsigned char>(c) >= 0x80) {
            if (const std::size_t read = put_sig_replacement(text, i, out); read > 0) {
                i += read;
                continue;
            }
        }
        if (c == '.') {
            put_sig_dot(text, i, out);
        } else if (c == ',' && thousands_comma(text, i)) {
            // dropped: "1,000" is one number
        } else {
            out.put(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c, i);
        }
        ++i;
    }
}

// The value of a token that starts with a digit or a dot, if the whole token is a number.
void read_sig_number(Token& t) {
    // Whole numbers exactly without from_chars (most numbers of a sig are).
    std::uint64_t whole = 0;
    std::size_t k = 0;
    while (k < t.text.size() && k < 15 && is_digit(t.text[k])) {
        whole = whole * 10 + static_cast<std::uint64_t>(t.text[k] - '0');
        ++k;
    }
    if (k == t.text.size()) {
        t.number = static_cast<double>(whole);
        t.is_number = true;
    } else {
        const auto [ptr, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), t.number);
        t.is_number = ec == std::errc() && ptr == t.text.data() + t.text.size();
    }
}

// Step 2 of tokenize: cuts the normalised text into tokens (at most k_max_tokens).
class SigTokenCutter {
  public:
    SigTokenCutter(Tokens& out, const std::size_t* origin, std::size_t raw_size)
        : m_out(out), m_text(out.buffer), m_origin(origin), m_raw_size(raw_size) {}

    void run() {
        const std::size_t n = m_text.size();
        std::size_t i = 0;
        while (i < n) {
            const char c = m_text[i];
            if (is_digit(c) || c == '.') {
                std::size_t j = i;
                while (j < n && (is_digit(m_text[j]) || m_text[j] == '.')) {
                    ++j;
                }
                emit(i, j);
                i = j;
            } else if (is_alpha(c)) {
                i = cut_word(i);
            } else if (is_sign(c)) {
                emit(i, i + 1);
                ++i;
            } else {
                ++i; // spaces, semicolons, other punctuation separate
            }
        }
    }

  private:
    // The letters from i; returns the first byte after them.
    std::size_t cut_word(std::size_t i) {
        const std::size_t n = m_text.size();
        std::size_t j = i;
        while (j < n && is_alpha(m_text[j])) {
            ++j;
        }
        // "dailyx90", "bidx5": a known word glued to the duration sign x.
        if (j - i > 1 && m_text[j - 1] == 'x' && j < n && is_digit(m_text[j]) &&
            !is_known_word(m_text.substr(i, j - i)) && is_known_word(m_text.substr(i, j - i - 1))) {
            emit(i, j - 1);
            emit(j - 1, j);
        } else {
            emit(i, j);
        }
        return j;
    }

    void emit(std::size_t from, std::size_t to) {
        if (m_out.items.size() >= k_max_tokens) {
            return;
        }
        Token& t = m_out.items.emplace_back();
        t.text = m_text.substr(from, to - from);
        t.raw_begin = m_origin[from];
        t.raw_end = to <= m_text.size() ? m_origin[to - 1] + 1 : m_raw_size;
        if (is_digit(t.text.front()) || t.text.front() == '.') {
            read_sig_number(t);
        }
        t.word = look_up_word(t.text);
    }

    Tokens& m_out;
    std::string_view m_text; // the normalised text, out.buffer
    const std::size_t* m_origin;
    std::size_t m_raw_size;
};

} // namespace

Tokens tokenize(std::string_view text) {
    Tokens out;
    // A replacement writes at most 5 bytes for 2, so three times the text bounds the normalised
    // buffer; the offsets of an ordinary sig fit on the stack (no allocation per sig: this is the
    // batch hot path).
    const std::size_t bound = text.size() * 3 + 8;
    constexpr std::size_t k_stack_bytes = 1024;
    std::array<std::size_t, k_stack_bytes> stack_origin; // not initialised: written before read
    std::vector<std::size_t> heap_origin;
    if (bound > k_stack_bytes) {
        heap_origin.resize(bound);
    }
    std::size_t* origin = bound > k_stack_bytes ? heap_origin.data() : stack_origin.data();
    out.buffer.resize(bound);
    NormalisedSig normalised{out.buffer.data(), origin};
    normalise_sig(text, normalised);
    const std::size_t n = normalised.size;
    out.buffer.resize(n); // shrinking: the views of the tokens stay valid
    origin[n] = text.size();
    out.items.reserve(std::min(n, k_max_tokens));
    SigTokenCutter(out, origin, text.size()).run();
    return out;
}

} // namespace medcheck::sig
