#include <medcheck/util/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace medcheck::util {

std::string to_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

std::string normalize_name(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    for (char c : trim(text)) {
        if (is_ascii_space(c) || c == '_') {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) {
            out.push_back(' ');
            pending_space = false;
        }
        out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return out;
}

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(separator, start);
        if (end == std::string_view::npos) {
            out.emplace_back(text.substr(start));
            return out;
        }
        out.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
}

std::vector<std::string> split_words(std::string_view text) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && is_ascii_space(text[i])) {
            ++i;
        }
        const std::size_t start = i;
        while (i < text.size() && !is_ascii_space(text[i])) {
            ++i;
        }
        if (i > start) {
            out.emplace_back(text.substr(start, i - start));
        }
    }
    return out;
}

namespace {

// A plain decimal ("500", "0.7", "-12.25": digits with a point between them) of at most 15 digits,
// read without from_chars (most numbers of a batch are such); nullopt for anything else. The digits
// make a whole number below 2^53 and the decimals a power of ten up to 1e15, both exact doubles, so
// their one quotient is rounded as from_chars rounds the text.
std::optional<double> plain_decimal(std::string_view text) {
    constexpr std::array<double, 16> k_powers{1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                              1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    constexpr std::size_t k_most_digits = 15;
    const bool negative = text.front() == '-';
    std::uint64_t whole = 0;
    std::size_t digits = 0;
    std::size_t point = std::string_view::npos; // digits before the point
    for (std::size_t i = negative ? 1 : 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            whole = whole * 10 + static_cast<std::uint64_t>(c - '0');
            ++digits;
        } else if (c == '.' && point == std::string_view::npos) {
            point = digits;
        } else {
            return std::nullopt;
        }
    }
    if (digits == 0 || digits > k_most_digits || point == 0 || point == digits) {
        return std::nullopt; // "", ".5", "5." and longer numbers: the general path
    }
    const double value =
        static_cast<double>(whole) / k_powers[point == std::string_view::npos ? 0 : digits - point];
    return negative ? -value : value;
}

} // namespace

std::optional<double> parse_number_text(std::string_view text) {
    text = trim(text);
    if (text.empty() || text.size() > 64) {
        return std::nullopt;
    }
    if (const auto plain = plain_decimal(text)) {
        return plain;
    }
    // from_chars accepts "inf"/"nan" and hex only with options we do not pass; reject letters
    // other than an exponent marker to keep "0x10", "nan", "1e309" out.
    for (char c : text) {
        const bool ok = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
        if (!ok) {
            return std::nullopt;
        }
    }
    if (text.front() == '+') {
        text.remove_prefix(1);
    }
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

void append_number(std::string& out, double value) {
    // format_number rounds to 4 decimals and prints the rounded number (a whole one without a
    // point), trailing zeros dropped. Below 1e11 the rounded value, n / 10000 for the integer n below,
    // is within 8e-6 of that decimal, so its digits are n's: the quotient, and the remainder's (n / 1e4
    // is not whole unless the remainder is 0).
    constexpr double k_direct_below = 1e11;
    if (!(value >= 0 && value < k_direct_below)) {
        out += format_number(value); // NaN, negative, huge
        return;
    }
    const auto n = static_cast<std::uint64_t>(std::round(value * 10000.0));
    char buffer[32];
    char* end = std::to_chars(buffer, buffer + sizeof buffer, n / 10000).ptr;
    if (std::uint64_t fraction = n % 10000; fraction != 0) {
        *end++ = '.';
        for (std::uint64_t unit = 1000; fraction != 0; unit /= 10) {
            *end++ = static_cast<char>('0' + fraction / unit);
            fraction %= unit;
        }
    }
    out.append(buffer, static_cast<std::size_t>(end - buffer));
}

std::string format_number(double value) {
    if (!std::isfinite(value)) {
        return std::isnan(value) ? "NaN" : (value > 0 ? "Infinity" : "-Infinity");
    }
    double rounded = std::round(value * 10000.0) / 10000.0;
    if (rounded == 0.0) {
        rounded = 0.0; // no "-0"
    }
    char buffer[64];
    if (std::fabs(rounded) < 1e15 && rounded == std::trunc(rounded)) {
        const auto end = std::to_chars(buffer, buffer + sizeof buffer, static_cast<long long>(rounded)).ptr;
        return std::string(buffer, end);
    }
    if (std::fabs(rounded) >= 1e15) {
        return fmt::format("{:.6g}", rounded);
    }
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, rounded, std::chars_format::fixed, 4).ptr;
    std::string out(buffer, end);
    while (!out.empty() && out.back() == '0') {
        out.pop_back();
    }
    if (!out.empty() && out.back() == '.') {
        out.pop_back();
    }
    return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t cap) {
    const std::size_t diff = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
    if (diff > cap) {
        return cap + 1;
    }
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        std::size_t row_min = row[0];
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0U : 1U)});
            diagonal = above;
            row_min = std::min(row_min, row[j]);
        }
        if (row_min > cap) {
            return cap + 1;
        }
    }
    return std::min(row[b.size()], cap + 1);
}

bool exceeds(double actual, double limit) {
    return actual > limit + 1e-9 * std::max(1.0, std::fabs(limit));
}

std::string to_upper_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = to_upper_ascii(c);
    }
    return out;
}

bool dot_grouped_number(std::string_view text) {
    const auto dot = text.find('.');
    if (dot == 0 || dot == std::string_view::npos || dot > 3 || text.size() != dot + 4 ||
        text.front() == '0') {
        return false;
    }
    const auto digits = [](std::string_view part) {
        return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    return digits(text.substr(0, dot)) && digits(text.substr(dot + 1));
}

std::string dot_grouped_reason(std::string_view text) {
    const double read = parse_number(text).value_or(0);
    return "'" + std::string(text) + "' may be a decimal point or a thousands separator (" +
           format_number(read) + " or " + format_number(read * 1000) + ")";
}

} // namespace medcheck::util
