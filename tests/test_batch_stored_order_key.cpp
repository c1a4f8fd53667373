// A batch thread finds an order's reading in its cache by the order's stored fields, without building
// the order: every field the built order is made of keys it, nothing else does, and orders whose
// reading needs more than those fields (a sig, a window) are not keyed.
#include <medcheck/batch/stored_order_key.hpp>

#include <doctest/doctest.h>

#include <cstdint>
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

// A patient of its own in `store`, with these orders.
const batch::StoredPatient& patient_with(batch::PatientStore& store,
                                         const std::vector<batch::StoredOrder>& orders) {
    batch::StoredPatient& patient = store.patient("P" + std::to_string(store.size()), {});
    for (const batch::StoredOrder& order : orders) {
        store.add_order(patient, order);
    }
    return patient;
}

// The order's record, stored for a patient of its own.
batch::OrderArena::Record record_of(batch::PatientStore& store, const batch::StoredOrder& order) {
    std::vector<batch::OrderArena::Record> records;
    store.records_of(patient_with(store, {order}), records);
    REQUIRE(records.size() == 1);
    return records[0];
}

batch::StoredOrderFields fields_of(batch::PatientStore& store, const batch::StoredOrder& order) {
    const batch::OrderArena::Record record = record_of(store, order);
    return {record, record.key_fields(), store};
}

// Looks the orders up as a patient of their own; returns them as read.
std::vector<batch::StoredOrder> look_up(batch::StoredOrderReadings& readings, batch::PatientStore& store,
                                        const std::vector<batch::StoredOrder>& orders,
                                        check::OrderCache& cache) {
    std::vector<batch::StoredOrder> read;
    readings.look_up(patient_with(store, orders), store, read, cache);
    return read;
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
            CHECK_FALSE(fields_of(store, changed) == fields_of(store, base));
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
        CHECK(fields_of(store, moved) == fields_of(store, base));
        // Another store numbers its strings its own way: its orders are keyed apart.
        batch::PatientStore other;
        CHECK(key_of(base_order(other), other) != key_of(base, store));
        CHECK_FALSE(fields_of(other, base_order(other)) == fields_of(store, base));
    }

    TEST_CASE("an order with a sig or a window is not keyed by its stored fields") {
        batch::PatientStore store;
        batch::StoredOrder order = base_order(store);
        CHECK(record_of(store, order).keyed());
        CHECK_FALSE(record_of(store, order).has_window());
        order.sig = 1;
        CHECK_FALSE(record_of(store, order).keyed());
        order = base_order(store);
        order.start_s = 0;
        CHECK_FALSE(record_of(store, order).keyed());
        CHECK(record_of(store, order).has_window());
        order = base_order(store);
        order.end_s = 86400;
        CHECK_FALSE(record_of(store, order).keyed());
        CHECK(record_of(store, order).has_window());
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
        look_up(readings, store, orders, cache);
        REQUIRE(readings.readings().size() == 3);
        REQUIRE(readings.readings().size() == 3);
        CHECK(readings.readings()[0] == nullptr);
        CHECK(readings.readings()[0] == nullptr);
        CHECK(readings.keys()[0].empty()); // left to the engine
        CHECK(readings.readings()[1] != nullptr);
        REQUIRE(readings.readings()[1] != nullptr);
        CHECK(readings.readings()[1]->doses_per_day == 4);
        CHECK(readings.readings()[1]->index == 1); // its place here, not the cache's
        CHECK(readings.readings()[2] == nullptr);
        CHECK(readings.readings()[2] == nullptr);
        CHECK(readings.keys()[2] == key_of(unknown, store)); // read by the engine, kept under this key
        batch::StoredOrder windowed = base_order(store);
        windowed.start_s = 0;
        const std::vector<batch::StoredOrder> with_window{keyed, windowed};
        look_up(readings, store, with_window, cache);
        CHECK(readings.readings().empty());
        CHECK(readings.keys().empty());
    }

    TEST_CASE("readings found are kept by the orders' fields and places, for the next patients") {
        batch::PatientStore store;
        check::OrderCache cache;
        check::OrderFacts facts;
        facts.index = 5; // where the cache's reading was made
        facts.doses_per_day = 4;
        facts.route = "oral";
        facts.amounts.push_back({"acetaminophen", 1000, 4000});
        const batch::StoredOrder keyed = base_order(store);
        cache.remember(std::string_view(key_of(keyed, store)), facts);
        batch::StoredOrderReadings readings;
        look_up(readings, store, std::vector<batch::StoredOrder>{keyed}, cache);
        REQUIRE(readings.readings().size() == 1);
        CHECK(readings.readings()[0] != nullptr);
        CHECK(readings.keys()[0].empty()); // found: nothing for the engine to keep
        const check::OrderFacts* at_first = readings.readings()[0];
        // The same fields again (another patient's order, another place) are found without the cache,
        // with the reading as the cache had it, each place its own reading with its own index (the
        // engine tells orders apart by their readings' addresses, and names them by index).
        check::OrderCache empty;
        batch::StoredOrder again = keyed;
        again.location = batch::RecordLocation(0, 7);
        again.source_id = "RX7";
        look_up(readings, store, std::vector<batch::StoredOrder>{again, again}, cache);
        REQUIRE(readings.readings().size() == 2);
        CHECK(readings.readings()[0] == at_first);
        CHECK(readings.readings()[0] != readings.readings()[1]);
        look_up(readings, store, std::vector<batch::StoredOrder>{again, again}, empty);
        REQUIRE(readings.readings().size() == 2);
        REQUIRE(readings.readings().size() == 2);
        for (std::size_t i = 0; i < 2; ++i) {
            CAPTURE(i);
            CHECK(readings.readings()[i] != nullptr);
            const check::OrderFacts* read = readings.readings()[i];
            REQUIRE(read != nullptr);
            CHECK(read->index == static_cast<int>(i));
            CHECK(read->doses_per_day == 4);
            CHECK(read->route == "oral");
            REQUIRE(read->amounts.size() == 1);
            CHECK(read->amounts[0].daily_mg == 4000);
        }
        // Other fields, or the same in another store, are not.
        batch::StoredOrder other_dose = keyed;
        other_dose.dose = 500;
        batch::PatientStore other;
        look_up(readings, store, std::vector<batch::StoredOrder>{other_dose}, empty);
        CHECK(readings.readings()[0] == nullptr);
        CHECK(readings.readings()[0] == nullptr);
        CHECK(readings.keys()[0] == key_of(other_dose, store));
        look_up(readings, other, std::vector<batch::StoredOrder>{base_order(other)}, empty);
        CHECK(readings.readings()[0] == nullptr);
    }

    TEST_CASE("a patient's readings are each its own order's, whatever the cache does after") {
        // Orders of distinct readings, at places they were not read at: each order gets its own. The
        // cache then starts again and reads them differently: what was found is what the cache had
        // when found (copied, not the cache's own, which the engine may clear or move by keeping
        // others while the patient is checked).
        batch::PatientStore store;
        check::OrderCache cache;
        std::vector<batch::StoredOrder> orders;
        for (int n = 0; n < 4; ++n) {
            batch::StoredOrder order = base_order(store);
            order.dose = 100.0 * (n + 1);
            check::OrderFacts facts;
            facts.index = 3 - n;
            facts.doses_per_day = n + 1;
            facts.amounts.push_back({"acetaminophen", order.dose, order.dose * (n + 1)});
            cache.remember(std::string_view(key_of(order, store)), facts);
            orders.push_back(order);
        }
        batch::StoredOrderReadings readings;
        look_up(readings, store, orders, cache);
        const std::vector<const check::OrderFacts*> found(readings.readings().begin(),
                                                          readings.readings().end());
        for (std::size_t n = 0; n < 4 + check::k_max_cached_orders; ++n) {
            batch::StoredOrder order = base_order(store);
            order.dose = static_cast<double>(n < 4 ? 100 * (n + 1) : 10000 + n); // the same four first
            check::OrderFacts facts;
            facts.doses_per_day = 99;
            cache.remember(std::string_view(key_of(order, store)), facts);
        }
        REQUIRE(found.size() == 4);
        std::size_t right = 0;
        for (std::size_t n = 0; n < 4; ++n) {
            right += static_cast<std::size_t>(found[n] != nullptr && found[n]->index == static_cast<int>(n) &&
                                              found[n]->doses_per_day == static_cast<double>(n + 1) &&
                                              found[n]->amounts.size() == 1 &&
                                              found[n]->amounts[0].single_mg == orders[n].dose);
        }
        CHECK(right == 4);
    }

    TEST_CASE("a full table starts again before a patient's orders are found, never while") {
        // Filled to one short of its bound, then a patient of three orders not kept yet: the readings
        // handed out for the first stay (the engine reads them in place) while the others are kept.
        batch::PatientStore store;
        check::OrderCache cache;
        batch::StoredOrderReadings readings;
        auto order_of = [&](std::size_t n) {
            batch::StoredOrder order = base_order(store);
            order.dose = static_cast<double>(n + 1);
            return order;
        };
        auto remember = [&](check::OrderCache& in, const batch::StoredOrder& order) {
            check::OrderFacts facts;
            facts.doses_per_day = order.dose;
            in.remember(std::string_view(key_of(order, store)), facts);
        };
        std::size_t n = 0;
        for (; n + 1 < batch::k_max_stored_readings; ++n) {
            const batch::StoredOrder order = order_of(n);
            remember(cache, order); // the cache keeps the last 4,096: each new one is there when looked up
            look_up(readings, store, std::vector<batch::StoredOrder>{order}, cache);
            REQUIRE(readings.readings()[0] != nullptr);
        }
        const std::vector<batch::StoredOrder> patient{order_of(n), order_of(n + 1), order_of(n + 2)};
        check::OrderCache patient_cache; // all three found there
        for (const batch::StoredOrder& order : patient) {
            remember(patient_cache, order);
        }
        look_up(readings, store, patient, patient_cache);
        const std::vector<const check::OrderFacts*> found(readings.readings().begin(),
                                                          readings.readings().end());
        // Found again without the cache: all three still kept, where they were.
        check::OrderCache empty;
        look_up(readings, store, patient, empty);
        for (std::size_t i = 0; i < patient.size(); ++i) {
            CAPTURE(i);
            CHECK(readings.readings()[i] != nullptr);
            CHECK(readings.readings()[i] == found[i]);
            REQUIRE(found[i] != nullptr);
            CHECK(found[i]->doses_per_day == patient[i].dose);
            CHECK(found[i]->index == static_cast<int>(i));
        }
    }

    TEST_CASE("more distinct orders than the cache keeps: each still found with its own reading") {
        batch::PatientStore store;
        check::OrderCache cache;
        batch::StoredOrderReadings readings;
        const std::size_t count = batch::k_max_stored_readings + 100;
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
                look_up(readings, store, std::vector<batch::StoredOrder>{order}, cache);
                found += readings.readings()[0] != nullptr ? 1U : 0U;
                const check::OrderFacts* read = readings.readings()[0];
                right += static_cast<std::size_t>(read != nullptr && read->doses_per_day == order.dose);
            }
            CAPTURE(pass);
            CHECK(found == count);
            CHECK(right == count);
        }
    }

    TEST_CASE("an order found is read as far as its findings name it; the others in full") {
        batch::PatientStore store;
        check::OrderCache cache;
        batch::StoredOrder keyed = base_order(store);
        keyed.location = batch::RecordLocation(1, 12);
        keyed.source_id = "RX12";
        cache.remember(std::string_view(key_of(keyed, store)), check::OrderFacts{});
        batch::StoredOrder unknown = base_order(store);
        unknown.dose = 500;
        unknown.source_id = "RX13";
        batch::StoredOrderReadings readings;
        std::vector<batch::StoredOrder> read;
        readings.look_up(patient_with(store, {keyed}), store, read, cache); // read in full, then kept
        REQUIRE(read.size() == 1);
        CHECK(read[0].drug == keyed.drug);
        batch::StoredOrder held; // what the reused orders held before: a found order's key fields keep it
        held.drug = 99;
        read.assign(3, held);
        readings.look_up(patient_with(store, {keyed, unknown}), store, read, cache);
        REQUIRE(read.size() == 2);
        REQUIRE(readings.readings()[0] != nullptr);
        CHECK(std::uint64_t{read[0].location.input} == 1);
        CHECK(std::uint64_t{read[0].location.record} == 12);
        CHECK(read[0].source_id == "RX12");
        CHECK(read[0].resource_id.empty());
        CHECK(read[0].drug == 99);
        CHECK(readings.readings()[1] == nullptr);
        CHECK(read[1].drug == unknown.drug);
        CHECK(read[1].dose == 500);
        CHECK(read[1].duration_days == 5);
        CHECK(read[1].source_id == "RX13");
        // A patient with a window: every order read in full, none looked up.
        batch::StoredOrder windowed = base_order(store);
        windowed.start_s = 0;
        read.assign(2, held);
        readings.look_up(patient_with(store, {keyed, windowed}), store, read, cache);
        CHECK(readings.readings().empty());
        REQUIRE(read.size() == 2);
        CHECK(read[0].drug == keyed.drug);
        CHECK(read[0].dose == 1000);
        CHECK(read[1].drug == windowed.drug);
        CHECK(read[1].start_s == 0);
    }
}
