// A batch thread finds an order's reading in its cache by the order's stored fields, without building
// the order: every field the built order is made of keys it, nothing else does, and orders whose
// reading needs more than those fields (a sig, a window) are not keyed.
#include <medcheck/batch/stored_order_key.hpp>

#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

using namespace medcheck;

namespace {

batch::StoredOrder base_order(batch::PatientStore& store) {
    batch::StoredOrder order;
    order.drug = store.strings.intern("acetaminophen");
    order.unit = store.strings.intern("mg");
    order.route = store.strings.intern("oral");
    order.frequency = store.strings.intern("q6h");
    order.dose = 1000;
    order.duration_days = 5;
    order.source_id = "RX1";
    return order;
}

std::string key_of(const batch::StoredOrder& order, const batch::PatientStore& store) {
    std::string key;
    batch::make_stored_order_key(key, order, store);
    return key;
}

} // namespace

TEST_SUITE("batch::stored_order_key") {
    TEST_CASE("every field the built order is made of changes the key") {
        batch::PatientStore store;
        const batch::StoredOrder base = base_order(store);
        const std::string base_key = key_of(base, store);
        CHECK(std::string_view(base_key).starts_with(check::k_caller_key_tag));
        using Change = std::function<void(batch::StoredOrder&)>;
        const std::vector<std::pair<const char*, Change>> changes = {
            {"drug", [&](auto& o) { o.drug = store.strings.intern("ibuprofen"); }},
            {"unit", [&](auto& o) { o.unit = store.strings.intern("tablet"); }},
            {"route", [&](auto& o) { o.route = store.strings.intern("iv"); }},
            {"frequency", [&](auto& o) { o.frequency = store.strings.intern("q4h"); }},
            {"dose", [](auto& o) { o.dose = 1001; }},
            {"dose absent", [](auto& o) { o.dose = batch::k_absent; }},
            {"dose_min", [](auto& o) { o.dose_min = 500; }},
            {"daily_dose", [](auto& o) { o.daily_dose = 3000; }},
            {"duration_days", [](auto& o) { o.duration_days = 14; }},
            {"max_doses_per_day", [](auto& o) { o.max_doses_per_day = 4; }},
            {"prn", [](auto& o) { o.prn = true; }},
            {"continuing", [](auto& o) { o.continuing = true; }},
            {"dose_unreadable", [](auto& o) { o.dose_unreadable = true; }},
            {"frequency_unreadable", [](auto& o) { o.frequency_unreadable = true; }},
        };
        for (const auto& change : changes) {
            batch::StoredOrder changed = base;
            change.second(changed);
            INFO(change.first);
            CHECK(key_of(changed, store) != base_key);
            CHECK_FALSE(batch::StoredOrderFields(changed, store) == batch::StoredOrderFields(base, store));
        }
    }

    TEST_CASE("where an order came from does not change the key; another store does") {
        batch::PatientStore store;
        const batch::StoredOrder base = base_order(store);
        batch::StoredOrder moved = base;
        moved.location = batch::RecordLocation(2, 99);
        moved.source_id = "RX2";
        moved.resource_id = "rx2";
        CHECK(key_of(moved, store) == key_of(base, store));
        CHECK(batch::StoredOrderFields(moved, store) == batch::StoredOrderFields(base, store));
        // Another store numbers its strings its own way: its orders are keyed apart.
        batch::PatientStore other;
        CHECK(key_of(base_order(other), other) != key_of(base, store));
        CHECK_FALSE(batch::StoredOrderFields(base_order(other), other) ==
                    batch::StoredOrderFields(base, store));
    }

    TEST_CASE("an order with a sig or a window is not keyed by its stored fields") {
        batch::PatientStore store;
        batch::StoredOrder order = base_order(store);
        CHECK(batch::keyed_by_stored_fields(order));
        order.sig = 1;
        CHECK_FALSE(batch::keyed_by_stored_fields(order));
        order = base_order(store);
        order.start_s = 0;
        CHECK_FALSE(batch::keyed_by_stored_fields(order));
        order = base_order(store);
        order.end_s = 86400;
        CHECK_FALSE(batch::keyed_by_stored_fields(order));
    }

    TEST_CASE("readings are looked up for the orders keyed, and none for a patient with a window") {
        batch::PatientStore store;
        check::OrderCache cache;
        check::OrderFacts facts;
        facts.doses_per_day = 4;
        const batch::StoredOrder keyed = base_order(store);
        cache.remember(std::string_view(key_of(keyed, store)), facts);
        batch::StoredOrder with_sig = base_order(store);
        with_sig.sig = 1;
        batch::StoredOrder unknown = base_order(store);
        unknown.dose = 500;
        const std::vector<batch::StoredOrder> orders{with_sig, keyed, unknown};
        batch::StoredOrderReadings readings;
        std::vector<check::OrderFacts> read;
        readings.look_up(orders, store, cache, read);
        REQUIRE(read.size() == 3);
        REQUIRE(readings.known().size() == 3);
        CHECK(readings.known()[0] == 0);
        CHECK(readings.keys()[0].empty()); // left to the engine
        CHECK(readings.known()[1] == 1);
        CHECK(read[1].doses_per_day == 4);
        CHECK(readings.known()[2] == 0);
        CHECK(readings.keys()[2] == key_of(unknown, store)); // read by the engine, kept under this key
        batch::StoredOrder windowed = base_order(store);
        windowed.start_s = 0;
        const std::vector<batch::StoredOrder> with_window{keyed, windowed};
        readings.look_up(with_window, store, cache, read);
        CHECK(readings.known().empty());
        CHECK(readings.keys().empty());
    }

    TEST_CASE("readings found are kept by the orders' fields, for the next patients") {
        batch::PatientStore store;
        check::OrderCache cache;
        check::OrderFacts facts;
        facts.doses_per_day = 4;
        facts.route = "oral";
        facts.amounts.push_back({"acetaminophen", 1000, 4000});
        const batch::StoredOrder keyed = base_order(store);
        cache.remember(std::string_view(key_of(keyed, store)), facts);
        batch::StoredOrderReadings readings;
        std::vector<check::OrderFacts> read;
        readings.look_up(std::vector<batch::StoredOrder>{keyed}, store, cache, read);
        REQUIRE(readings.known().size() == 1);
        CHECK(readings.known()[0] == 1);
        CHECK(readings.keys()[0].empty()); // found: nothing for the engine to keep
        // The same fields again (another patient's order, another place) are found without the cache,
        // with the reading as the cache had it, over what the place held.
        check::OrderCache empty;
        batch::StoredOrder again = keyed;
        again.location = batch::RecordLocation(0, 7);
        again.source_id = "RX7";
        read.assign(2, check::OrderFacts{});
        read[1].frequency = "q4h";
        readings.look_up(std::vector<batch::StoredOrder>{again, again}, store, empty, read);
        REQUIRE(readings.known().size() == 2);
        REQUIRE(read.size() == 2);
        for (std::size_t i = 0; i < 2; ++i) {
            CAPTURE(i);
            CHECK(readings.known()[i] == 1);
            CHECK(read[i].doses_per_day == 4);
            CHECK(read[i].route == "oral");
            CHECK(read[i].frequency.empty());
            REQUIRE(read[i].amounts.size() == 1);
            CHECK(read[i].amounts[0].daily_mg == 4000);
        }
        // Other fields, or the same in another store, are not.
        batch::StoredOrder other_dose = keyed;
        other_dose.dose = 500;
        batch::PatientStore other;
        readings.look_up(std::vector<batch::StoredOrder>{other_dose}, store, empty, read);
        CHECK(readings.known()[0] == 0);
        CHECK(readings.keys()[0] == key_of(other_dose, store));
        readings.look_up(std::vector<batch::StoredOrder>{base_order(other)}, other, empty, read);
        CHECK(readings.known()[0] == 0);
    }

    TEST_CASE("more distinct orders than the cache keeps: each still found with its own reading") {
        batch::PatientStore store;
        check::OrderCache cache;
        batch::StoredOrderReadings readings;
        std::vector<check::OrderFacts> read;
        const std::size_t count = check::k_max_cached_orders + 100;
        for (int pass = 0; pass < 2; ++pass) {
            std::size_t found = 0;
            std::size_t right = 0;
            for (std::size_t n = 0; n < count; ++n) {
                batch::StoredOrder order = base_order(store);
                order.dose = static_cast<double>(n + 1);
                const std::string key = key_of(order, store);
                check::OrderFacts facts;
                facts.doses_per_day = static_cast<double>(n + 1);
                cache.remember(std::string_view(key), facts);
                readings.look_up(std::vector<batch::StoredOrder>{order}, store, cache, read);
                found += readings.known()[0];
                right +=
                    static_cast<std::size_t>(readings.known()[0] == 1 && read[0].doses_per_day == order.dose);
            }
            CAPTURE(pass);
            CHECK(found == count);
            CHECK(right == count);
        }
    }
}
