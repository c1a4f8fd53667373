#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace medcheck::util {

// ASCII lower-case copy (drug names and vocabulary are ASCII; other bytes pass through).
std::string to_lower(std::string_view text);

// ASCII whitespace: space, tab, line feed, vertical tab, form feed, carriage return. All are at or
// below 0x20, so most bytes are ruled out by one compare.
inline bool is_ascii_space(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte <= 0x20 && (byte == 0x20 || (byte >= 0x09 && byte <= 0x0d));
}

// Trims ASCII whitespace at both ends. Inline: every cell of every batch row is trimmed.
inline std::string_view trim(std::string_view text) {
    while (!text.empty() && is_ascii_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_ascii_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

// Lower-case, trimmed, runs of whitespace and underscores collapsed to one space.
std::string normalize_name(std::string_view text);

// Splits on a single character; empty fields are kept.
std::vector<std::string> split(std::string_view text, char separator);

// Splits on runs of ASCII whitespace; no empty fields.
std::vector<std::string> split_words(std::string_view text);

// parse_number for any text (what its inline reading of short whole numbers leaves).
std::optional<double> parse_number_text(std::string_view text);

// Parses a whole string as a finite decimal number ("12", "0.5", "-3", "1e3"); nullopt otherwise.
// Hex, "nan", "inf" and trailing garbage are rejected. Up to six characters of digits with at most one
// point between them, most numbers of a batch (ages, weights, doses, days, "1.2" mg/dL), are read
// inline, without a call: as parse_number_text reads them, the digits as one whole number divided
// once by a power of ten (both exact doubles).
inline std::optional<double> parse_number(std::string_view text) {
    constexpr std::array<double, 5> k_powers{1e0, 1e1, 1e2, 1e3, 1e4};
    if (text.empty() || text.size() > 6) {
        return parse_number_text(text);
    }
    unsigned whole = 0;
    std::size_t point = 0; // the point's place, 0 for none (never first)
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            whole = whole * 10 + static_cast<unsigned>(c - '0');
        } else if (c == '.' && point == 0 && i != 0 && i + 1 != text.size()) {
            point = i;
        } else {
            return parse_number_text(text);
        }
    }
    return point == 0 ? static_cast<double>(whole)
                      : static_cast<double>(whole) / k_powers[text.size() - 1 - point];
}

// "1.000", "2.500", "12.125": one to three digits (not starting with 0), a dot and exactly three
// digits. Written by hand it is a decimal number or a thousand-fold one with a dot between digit
// groups (European writing, "Paracetamol 1.000 mg"), so a reader must not pick either.
bool dot_grouped_number(std::string_view text);
// Why such a number cannot be read: "'1.000' may be a decimal point or a thousands separator (1 or
// 1000)"; the sig reader and the name resolver say it alike.
std::string dot_grouped_reason(std::string_view text);

// Deterministic, locale-independent rendering: integers without a decimal point, otherwise
// rounded to 4 decimals with trailing zeros removed.
std::string format_number(double value);
// How many decimal digits `number` has (1 for 0): its bit count times log10(2) (1233 / 4096), which is
// the count or one less, set right by one compare. A loop of compares took some 3 instructions a digit.
inline std::size_t decimal_digits(std::uint64_t number) {
    static constexpr std::array<std::uint64_t, 20> k_powers = [] {
        std::array<std::uint64_t, 20> powers{};
        std::uint64_t power = 1;
        for (std::uint64_t& p : powers) {
            p = power;
            power *= 10;
        }
        return powers;
    }();
    const std::uint64_t nonzero = number | 1U;
    const auto low = (static_cast<std::size_t>(std::bit_width(nonzero)) * 1233U) >> 12U; // 0 to 19
    return low + (nonzero >= k_powers[low] ? 1 : 0);
}

// Writes `number` in decimal at `at` (room for 20 digits); returns where it ends. Counted by
// decimal_digits and written two digits at a time from the end, about half of std::to_chars's
// instructions for the numbers a batch writes per finding (record numbers, whole doses and limits).
inline char* put_decimal(char* at, std::uint64_t number) {
    static constexpr std::string_view k_pairs = "00010203040506070809101112131415161718192021222324"
                                                "25262728293031323334353637383940414243444546474849"
                                                "50515253545556575859606162636465666768697071727374"
                                                "75767778798081828384858687888990919293949596979899";
    constexpr std::uint64_t k_base = 10;
    char* const end = at + decimal_digits(number);
    char* place = end;
    while (number >= k_base * k_base) {
        place -= 2;
        std::memcpy(place, k_pairs.data() + 2 * (number % (k_base * k_base)), 2);
        number /= k_base * k_base;
    }
    if (number >= k_base) {
        std::memcpy(place - 2, k_pairs.data() + 2 * number, 2);
    } else {
        *(place - 1) = static_cast<char>('0' + number);
    }
    return end;
}

// Appends format_number(value) to `out`, without building a string for the usual value (from 0 to
// 1e11): the numbers of texts built for many findings (MME shares, orders adding up).
void append_number(std::string& out, double value);

// Whether `text` equals `lower` (written in lower case) with ASCII case ignored: to_lower(text) ==
// lower without building the copy.
constexpr bool equals_ignore_case(std::string_view text, std::string_view lower) {
    if (text.size() != lower.size()) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != lower[i]) {
            return false;
        }
    }
    return true;
}

// ASCII letters upper-cased ("violation" -> "VIOLATION"); other bytes unchanged.
std::string to_upper_ascii(std::string_view text);
// One byte of the same.
constexpr char to_upper_ascii(char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

// The strings of a range joined with ", " ("a, b, c"); empty for none.
template <typename Range> std::string join_list(const Range& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) {
            out += ", ";
        }
        out += item;
    }
    return out;
}

// The UTF-8 byte order mark that some editors and exporters write before the text.
inline constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

// Bytes of a UTF-8 byte order mark at the start of `text`: 3, or 0 when there is none. Every
// reader skips the mark through this one test.
constexpr std::size_t utf8_bom_length(std::string_view text) {
    return text.starts_with(k_utf8_bom) ? k_utf8_bom.size() : 0;
}

// Levenshtein distance, capped: returns cap + 1 once the distance is known to exceed cap.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t cap);

// True when `actual` is above `limit` beyond floating-point noise (550 mg x 200/220 is not > 500).
bool exceeds(double actual, double limit);

} // namespace medcheck::util
