#pragma once

// Field-by-field comparison of stored orders, for the store and arena tests.

#include <medcheck/batch/stored_order.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>

namespace medcheck::test {

// Equal numbers: NaN (absent) equals NaN, and -0 is told from 0.
inline bool same_number(double a, double b) {
    return std::isnan(a) ? std::isnan(b) : a == b && std::signbit(a) == std::signbit(b);
}

// An order with every field present (and the flags set), for round trips through the store.
inline batch::StoredOrder full_stored_order(std::uint32_t drug, std::uint64_t line) {
    batch::StoredOrder order;
    order.location = {3, line};
    order.drug = drug;
    order.unit = 2;
    order.route = 3;
    order.frequency = 4;
    order.resource_id = "req-5";
    order.sig = 6;
    order.source_id = "RX7";
    order.dose = 2;
    order.dose_min = 1;
    order.daily_dose = 3;
    order.duration_days = 14;
    order.max_doses_per_day = 6;
    order.prn = true;
    order.continuing = true;
    order.dose_unreadable = true;
    order.frequency_unreadable = true;
    order.start_s = -86400;
    order.end_s = 1700000000;
    return order;
}

inline void check_same_order(const batch::StoredOrder& a, const batch::StoredOrder& b) {
    CHECK(std::uint64_t{a.location.input} == b.location.input);
    CHECK(std::uint64_t{a.location.record} == b.location.record);
    CHECK(a.drug == b.drug);
    CHECK(a.unit == b.unit);
    CHECK(a.route == b.route);
    CHECK(a.frequency == b.frequency);
    CHECK(a.sig == b.sig);
    CHECK(a.resource_id == b.resource_id);
    CHECK(a.source_id == b.source_id);
    CHECK(same_number(a.dose, b.dose));
    CHECK(same_number(a.dose_min, b.dose_min));
    CHECK(same_number(a.duration_days, b.duration_days));
    CHECK(same_number(a.max_doses_per_day, b.max_doses_per_day));
    CHECK(same_number(a.daily_dose, b.daily_dose));
    CHECK(a.prn == b.prn);
    CHECK(a.continuing == b.continuing);
    CHECK(a.dose_unreadable == b.dose_unreadable);
    CHECK(a.frequency_unreadable == b.frequency_unreadable);
    CHECK(a.start_s == b.start_s);
    CHECK(a.end_s == b.end_s);
}

} // namespace medcheck::test
