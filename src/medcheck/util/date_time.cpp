#include <medcheck/util/date_time.hpp>

#include <medcheck/util/text.hpp>

namespace medcheck::util {

// H. Hinnant's days_from_civil.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

namespace {

// `count` (at most 4) decimal digits at `at`, or nothing: the fields of dates and times.
std::optional<int> digits_at(std::string_view text, std::size_t at, std::size_t count) {
    if (at + count > text.size()) {
        return std::nullopt;
    }
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return std::nullopt;
        }
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

} // namespace

std::optional<std::uint32_t> parse_date(std::string_view text) {
    text = util::trim(text);
    const auto year = digits_at(text, 0, 4);
    if (!year || *year < 1800) {
        return std::nullopt;
    }
    std::uint32_t month = 1;
    std::uint32_t day = 1;
    if (text.size() > 4) {
        const auto m = text.size() >= 7 && text[4] == '-' ? digits_at(text, 5, 2) : std::nullopt;
        if (!m || *m < 1 || *m > 12) {
            return std::nullopt;
        }
        month = static_cast<std::uint32_t>(*m);
        if (text.size() > 7) {
            const auto d = text.size() >= 10 && text[7] == '-' ? digits_at(text, 8, 2) : std::nullopt;
            if (!d || *d < 1 || *d > 31) {
                return std::nullopt;
            }
            day = static_cast<std::uint32_t>(*d);
        }
    }
    return static_cast<std::uint32_t>(*year) * 10000 + month * 100 + day;
}

namespace {

// The seconds of "hh:mm[:ss[.fff]]" at text[11...] added to `seconds`; `at` ends after them.
bool add_clock_time(std::string_view text, std::int64_t& seconds, std::size_t& at) {
    const auto hour = text.size() >= 16 && text[13] == ':' ? digits_at(text, 11, 2) : std::nullopt;
    const auto minute = hour ? digits_at(text, 14, 2) : std::nullopt;
    if (!hour || !minute || *hour > 24 || *minute > 59) {
        return false;
    }
    seconds += *hour * 3600 + *minute * 60;
    at = 16;
    if (at < text.size() && text[at] == ':') {
        const auto second = digits_at(text, at + 1, 2);
        if (!second || *second > 60) {
            return false;
        }
        seconds += *second;
        at += 3;
        if (at < text.size() && text[at] == '.') { // fractions of a second are dropped
            ++at;
            while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
                ++at;
            }
        }
    }
    return true;
}

// Local `seconds` in UTC by what is left at `at`: nothing or "Z" (UTC already), or "+hh:mm"/"-hh:mm".
std::optional<std::int64_t> apply_zone(std::string_view text, std::size_t at, std::int64_t seconds) {
    if (at == text.size() || (at + 1 == text.size() && text[at] == 'Z')) {
        return seconds;
    }
    if (at + 6 == text.size() && (text[at] == '+' || text[at] == '-') && text[at + 3] == ':') {
        const auto oh = digits_at(text, at + 1, 2);
        const auto om = digits_at(text, at + 4, 2);
        if (!oh || !om || *oh > 23 || *om > 59) {
            return std::nullopt;
        }
        const int offset = *oh * 3600 + *om * 60;
        return text[at] == '+' ? seconds - offset : seconds + offset;
    }
    return std::nullopt;
}

} // namespace

std::optional<std::int64_t> parse_timestamp(std::string_view text) {
    text = util::trim(text);
    // The date is parse_date's; a window needs all of it, YYYY-MM-DD (parse_date also
    // takes "2024" and "2024-03", and trims what it is given).
    const bool full_date = text.size() >= 10 && text[4] == '-' && text[7] == '-';
    const auto date = full_date ? parse_date(text.substr(0, 10)) : std::nullopt;
    if (!date) {
        return std::nullopt;
    }
    std::int64_t seconds = days_from_civil(*date / 10000, *date / 100 % 100, *date % 100) * 86400;
    if (text.size() == 10) {
        return seconds;
    }
    std::size_t at = 0;
    if ((text[10] != 'T' && text[10] != ' ') || !add_clock_time(text, seconds, at)) {
        return std::nullopt;
    }
    return apply_zone(text, at, seconds);
}

std::uint32_t date_of(std::int64_t seconds) {
    // H. Hinnant's civil_from_days.
    std::int64_t z = (seconds >= 0 ? seconds : seconds - 86399) / 86400 + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
    if (y < 0 || y > 9999) {
        return 0;
    }
    return static_cast<std::uint32_t>(y) * 10000 + m * 100 + d;
}

} // namespace medcheck::util
