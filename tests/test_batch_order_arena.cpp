#include <medcheck/batch/order_arena.hpp>

#include <doctest/doctest.h>

#include "support/stored_order_check.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

using namespace medcheck;

TEST_SUITE("batch::OrderArena") {
    TEST_CASE("every number comes back as the same double, whole or not") {
        // Whole numbers are kept as varints; the rest, and what a varint cannot hold exactly, as bytes.
        const std::vector<double> numbers{0.0,
                                          -0.0,
                                          0.1,
                                          1,
                                          127,
                                          128,
                                          500,
                                          2.5e-7,
                                          -4,
                                          9007199254740991.0, // 2^53 - 1: whole, a varint
                                          9007199254740992.0, // 2^53: bytes
                                          1e300,
                                          std::numeric_limits<double>::denorm_min()};
        batch::OrderArena arena;
        std::vector<std::uint32_t> handles;
        std::vector<batch::StoredOrder> given;
        std::uint32_t previous = 0;
        for (const double x : numbers) {
            batch::StoredOrder order;
            order.dose = x;
            order.dose_min = -x;
            order.duration_days = x * 3;
            order.max_doses_per_day = x / 7;
            order.daily_dose = x * 5;
            given.push_back(order);
            previous = arena.add(order, previous);
            handles.push_back(previous);
        }
        for (std::size_t i = 0; i < handles.size(); ++i) {
            CAPTURE(numbers[i]);
            test::check_same_order(arena.get(handles[i]), given[i]);
        }
    }

    TEST_CASE("ids, indexes, times and flags; a source id equal to the resource id") {
        batch::StoredOrder order;
        order.location = {65535, (std::uint64_t{1} << 48U) - 1};
        order.drug = 0xFFFFFFFFU;
        order.unit = 1;
        order.route = 300;
        order.frequency = 70000;
        order.sig = 2;
        const std::string id(200, 'x');
        order.resource_id = id;
        order.source_id = id;
        order.start_s = std::numeric_limits<std::int64_t>::min() + 1;
        order.end_s = -1;
        order.prn = true;
        order.frequency_unreadable = true;
        batch::OrderArena arena;
        const std::uint32_t a = arena.add(order, 0);
        batch::StoredOrder other = order;
        other.source_id = "RX1";
        other.resource_id = {};
        other.continuing = true;
        other.dose_unreadable = true;
        other.prn = false;
        other.start_s = 0;
        const std::uint32_t b = arena.add(other, a);
        test::check_same_order(arena.get(a), order);
        test::check_same_order(arena.get(b), other);
        CHECK(arena.previous(b) == a);
        CHECK(arena.previous(a) == 0);

        batch::StoredOrder long_id;
        const std::string huge(5000, 'y');
        long_id.source_id = huge;
        CHECK(arena.get(arena.add(long_id, 0)).source_id == huge.substr(0, 1024)); // bounded
    }

    TEST_CASE("ids of every length up to past two words come back whole") {
        // An id is copied in words from both ends up to 16 bytes, by memcpy past that.
        batch::OrderArena arena;
        std::vector<std::string> ids;
        std::vector<std::uint32_t> handles;
        for (std::size_t length = 0; length <= 40; ++length) {
            ids.push_back(std::string(length, 'r') + (length == 0 ? "" : "!"));
        }
        std::uint32_t previous = 0;
        for (std::size_t i = 0; i < ids.size(); ++i) {
            batch::StoredOrder order;
            order.source_id = ids[i];
            order.resource_id = ids[ids.size() - 1 - i];
            order.dose = static_cast<double>(i);
            previous = arena.add(order, previous);
            handles.push_back(previous);
        }
        for (std::size_t i = 0; i < ids.size(); ++i) {
            CAPTURE(i);
            const batch::StoredOrder order = arena.get(handles[i]);
            CHECK(order.source_id == ids[i]);
            CHECK(order.resource_id == ids[ids.size() - 1 - i]);
            CHECK(order.dose == static_cast<double>(i));
            CHECK(arena.previous(handles[i]) == (i == 0 ? 0 : handles[i - 1]));
        }
    }

    TEST_CASE("an order read into a reused one keeps nothing of what it held") {
        batch::OrderArena arena;
        const batch::StoredOrder full = test::full_stored_order(200, 300);
        const batch::StoredOrder bare; // nothing present
        batch::StoredOrder same_ids;
        same_ids.resource_id = "req-2";
        same_ids.source_id = "req-2";
        const std::uint32_t a = arena.add(full, 0);
        const std::uint32_t b = arena.add(bare, a);
        const std::uint32_t c = arena.add(same_ids, b);
        batch::StoredOrder reused;
        arena.get(a, reused);
        test::check_same_order(reused, full);
        arena.get(b, reused);
        test::check_same_order(reused, bare);
        arena.get(c, reused);
        test::check_same_order(reused, same_ids);
        arena.get(a, reused);
        test::check_same_order(reused, full);
    }

    TEST_CASE("orders past many blocks keep their links and contents") {
        batch::OrderArena arena;
        std::vector<std::uint32_t> handles;
        std::vector<std::string> ids;
        ids.reserve(250000);
        std::uint32_t previous = 0;
        for (int i = 0; i < 250000; ++i) { // ~10 MB of records: several 2 MB blocks
            ids.push_back("RX" + std::to_string(i) + std::string(static_cast<std::size_t>(i % 13), 'z'));
            batch::StoredOrder order;
            order.location = {0, static_cast<std::uint64_t>(i) + 2};
            order.source_id = ids.back();
            order.dose = i % 3 == 0 ? 0.5 * i : i;
            previous = arena.add(order, i % 2 == 0 ? 0 : previous); // pairs linked
            handles.push_back(previous);
        }
        for (std::size_t i = 0; i < handles.size(); ++i) {
            const batch::StoredOrder got = arena.get(handles[i]);
            REQUIRE(got.source_id == ids[i]);
            REQUIRE(std::uint64_t{got.location.record} == i + 2);
            REQUIRE(got.dose == (i % 3 == 0 ? 0.5 * static_cast<double>(i) : static_cast<double>(i)));
            REQUIRE(arena.previous(handles[i]) == (i % 2 == 1 ? handles[i - 1] : 0));
        }
    }

    TEST_CASE("a replaced order keeps its place, whether the new one fits or moves") {
        batch::OrderArena arena;
        batch::StoredOrder first;
        first.drug = 1;
        first.dose = 500;
        const std::uint32_t a = arena.add(first, 0);
        batch::StoredOrder second;
        second.drug = 2;
        const std::uint32_t b = arena.add(second, a);

        batch::StoredOrder shorter = first;
        shorter.dose = batch::k_absent;
        arena.replace(a, shorter); // fits in place
        test::check_same_order(arena.get(a), shorter);
        CHECK(arena.previous(b) == a);
        CHECK(arena.previous(a) == 0);

        batch::StoredOrder longer = first;
        const std::string id(300, 'p');
        longer.source_id = id;
        longer.frequency = 12345;
        longer.duration_days = 0.25;
        longer.start_s = 1700000000;
        arena.replace(a, longer); // moved elsewhere: the list still goes b -> a
        test::check_same_order(arena.get(a), longer);
        CHECK(arena.previous(b) == a);
        CHECK(arena.previous(a) == 0);
        test::check_same_order(arena.get(b), second);

        batch::StoredOrder again = longer;
        again.prn = true;
        arena.replace(a, again); // replaced again, in its new place
        test::check_same_order(arena.get(a), again);
        batch::StoredOrder longest = again;
        const std::string more(900, 'q');
        longest.resource_id = more;
        arena.replace(a, longest); // and moved a second time
        test::check_same_order(arena.get(a), longest);
        CHECK(arena.previous(b) == a);
        CHECK(arena.previous(a) == 0);
        test::check_same_order(arena.get(b), second);
    }

    TEST_CASE("a record's key fields: the same bytes for the same fields, read apart from the rest") {
        batch::OrderArena arena;
        batch::StoredOrder order;
        order.drug = 3;
        order.unit = 200;
        order.frequency = 4;
        order.dose = 2.5;
        order.duration_days = 10;
        order.prn = true;
        order.location = {1, 12};
        order.source_id = "RX12";
        batch::StoredOrder elsewhere = order; // what a reading does not follow from
        elsewhere.location = {2, 99999};
        elsewhere.source_id = "another id";
        elsewhere.resource_id = "rx";
        elsewhere.sig = 5;
        elsewhere.start_s = 86400;
        elsewhere.end_s = std::int64_t{2} * 86400;
        batch::StoredOrder other_dose = order;
        other_dose.dose = 3;
        batch::StoredOrder other_flag = order;
        other_flag.prn = false;
        const batch::OrderArena::Record first = arena.record(arena.add(order, 0));
        const batch::OrderArena::Record second = arena.record(arena.add(elsewhere, 0));
        const batch::OrderArena::Record third = arena.record(arena.add(other_dose, 0));
        const batch::OrderArena::Record fourth = arena.record(arena.add(other_flag, 0));
        const auto bytes = [](const batch::OrderArena::Record& r) {
            const std::span<const std::uint8_t> key = r.key_fields();
            return std::vector<std::uint8_t>(key.begin(), key.end());
        };
        CHECK(first.keyed());
        CHECK_FALSE(first.has_window());
        CHECK_FALSE(second.keyed());
        CHECK(second.has_window());
        CHECK(bytes(first) == bytes(second));
        CHECK(first.key_flags() == second.key_flags());
        CHECK(bytes(first) != bytes(third));
        CHECK(bytes(first) == bytes(fourth));
        CHECK(first.key_flags() != fourth.key_flags());
        // Beside the key: the sig, the window, the location and the ids; the key fields as they were.
        batch::StoredOrder read;
        read.drug = 77;
        read.dose = 1;
        second.get_beside_key(second.key_fields(), read);
        CHECK(read.drug == 77);
        CHECK(read.dose == 1);
        CHECK(read.sig == 5);
        CHECK(read.start_s == 86400);
        CHECK(read.end_s == 2 * 86400);
        CHECK(std::uint64_t{read.location.input} == 2);
        CHECK(std::uint64_t{read.location.record} == 99999);
        CHECK(read.source_id == "another id");
        CHECK(read.resource_id == "rx");
        second.get(read);
        test::check_same_order(read, elsewhere);
    }
}
