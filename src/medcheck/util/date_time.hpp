#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

// Calendar dates and ISO 8601 times, as exports and FHIR write them.
namespace medcheck::util {

// Days since 1970-01-01 of a proleptic Gregorian date (year, month 1-12, day 1-31).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d);

// Parses YYYY, YYYY-MM or YYYY-MM-DD (a missing month or day counts as the first) into YYYYMMDD.
std::optional<std::uint32_t> parse_date(std::string_view text);

// Reads an ISO 8601 date ("2024-03-01", midnight UTC) or date-time ("2024-03-01T08:00:00Z",
// "2024-03-01 08:00", with an optional offset) as seconds since 1970-01-01 UTC.
std::optional<std::int64_t> parse_timestamp(std::string_view text);

// YYYYMMDD of a time in seconds since 1970 (UTC); 0 outside years 0-9999.
std::uint32_t date_of(std::int64_t seconds);

} // namespace medcheck::util
