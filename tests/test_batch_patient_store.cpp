#include <medcheck/batch/patient_store.hpp>
#include <medcheck/check/order_facts.hpp>
#include <medcheck/util/error.hpp>

#include <doctest/doctest.h>

#include "support/stored_order_check.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

using namespace medcheck;

namespace {

// Counts constructions and destructions, to see StableVector make and destroy exactly its elements.
struct Counted {
    static inline int alive = 0;
    std::uint64_t value = 42;
    Counted() { ++alive; }
    Counted(const Counted&) = delete;
    Counted& operator=(const Counted&) = delete;
    ~Counted() { --alive; }
};

} // namespace

TEST_SUITE("batch::StableVector") {
    TEST_CASE(
        "elements are made when added, never move, and are all destroyed with it, in huge-page blocks too") {
        for (const bool huge : {false, true}) {
            CAPTURE(huge);
            Counted::alive = 0;
            {
                constexpr std::size_t k_block = util::k_huge_block_bytes / sizeof(Counted);
                batch::StableVector<Counted, 3> small;
                batch::StableVector<Counted, k_block, util::HugePageAllocator<Counted>> large;
                const std::size_t count = huge ? 2 * k_block + 5 : 10;
                std::vector<const Counted*> places;
                for (std::size_t i = 0; i < count; ++i) {
                    Counted& added = huge ? large.emplace_back() : small.emplace_back();
                    added.value = i;
                    places.push_back(&added);
                }
                CHECK(Counted::alive == static_cast<int>(count));
                bool kept = true;
                for (std::size_t i = 0; i < count; ++i) {
                    const Counted& at = huge ? large[i] : small[i];
                    kept = kept && &at == places[i] && at.value == i;
                }
                CHECK(kept);
                auto moved = huge ? decltype(large)(std::move(large)) : decltype(large)();
                CHECK(large.size() == 0); // NOLINT(bugprone-use-after-move): a moved-from one is empty
                CHECK(moved.size() == (huge ? count : 0));
                CHECK(Counted::alive == static_cast<int>(count));
            }
            CHECK(Counted::alive == 0);
        }
    }
}

TEST_SUITE("batch::PatientStore") {
    TEST_CASE("kept text stays where it is while more is kept, across blocks and past a block's size") {
        batch::TextArena arena;
        std::vector<std::string> texts;
        std::vector<std::string_view> kept;
        for (int i = 0; i < 40000; ++i) {
            texts.push_back("RX" + std::to_string(i) + std::string(static_cast<std::size_t>(i % 17), 'x'));
            kept.push_back(arena.keep(texts.back()));
        }
        const std::string huge(std::size_t{300} * 1024, 'h'); // larger than a block
        const std::string_view huge_kept = arena.keep(huge);
        const std::string_view after = arena.keep("after");
        for (std::size_t i = 0; i < texts.size(); ++i) {
            REQUIRE(kept[i] == texts[i]);
        }
        CHECK(huge_kept == huge);
        CHECK(after == "after");
        CHECK(arena.keep("").empty());
    }

    TEST_CASE("a pool gives one index per distinct text") {
        batch::StringPool strings;
        CHECK(strings.intern("") == 0);
        CHECK(strings.at(0).empty());
        const auto mg = strings.intern("mg");
        CHECK(strings.intern("mg") == mg);
        CHECK(strings.intern("tablet") != mg);
        CHECK(strings.at(mg) == "mg");
    }

    TEST_CASE("a pool's recent-text slots never give one text's index for another") {
        // More distinct texts than slots, so that texts share slots; interleaved in different orders,
        // each keeps its own index.
        batch::StringPool strings;
        std::vector<std::string> texts;
        texts.reserve(300);
        for (int i = 0; i < 300; ++i) {
            texts.push_back("q" + std::to_string(i % 17) + std::string(static_cast<std::size_t>(i % 5), 'x') +
                            std::to_string(i) + "h");
        }
        std::vector<std::uint32_t> first;
        first.reserve(texts.size());
        for (const std::string& text : texts) {
            first.push_back(strings.intern(text));
        }
        for (int round = 0; round < 3; ++round) {
            for (std::size_t k = 0; k < texts.size(); ++k) {
                const std::size_t i = (k * 7 + static_cast<std::size_t>(round) * 13) % texts.size();
                const std::uint32_t index = strings.intern(texts[i]);
                REQUIRE(index == first[i]);
                REQUIRE(strings.at(index) == texts[i]);
            }
        }
        std::vector<std::uint32_t> sorted = first;
        std::sort(sorted.begin(), sorted.end());
        CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
    }

    TEST_CASE("the patient found last is found again without a lookup, and only that patient") {
        batch::PatientStore store;
        batch::StoredPatient& a = store.patient("A1", {0, 1});
        CHECK(&store.patient("A1", {0, 2}) == &a);
        CHECK(std::uint64_t{store.patient("A1", {0, 3}).first.record} == 1); // the first record stays
        batch::StoredPatient& b = store.patient("A2", {0, 4});
        CHECK(&b != &a);
        CHECK(&store.patient("A1", {0, 5}) == &a);
        CHECK(&store.patient("A2", {0, 6}) == &b);
        CHECK(store.patient("A", {0, 7}).id() == "A"); // a prefix of the last is another patient
        CHECK(store.patient("A10", {0, 8}).id() == "A10");
        CHECK(store.size() == 4);
        batch::PatientStore moved(std::move(store));
        CHECK(std::uint64_t{moved.patient("A10", {0, 9}).first.record} == 8);
        CHECK(moved.size() == 4);
    }

    TEST_CASE("the stored factors are the case's factors; tried absent stays unknown") {
        batch::PatientStore store;
        batch::StoredPatient& stored = store.patient("P1", {0, 2});
        stored.factors.age_years = 70;
        stored.factors.sex = model::Sex::female;
        store.add_item(stored.conditions, store.strings.intern("ckd"));
        batch::StoredOrder order;
        order.drug = store.strings.intern("ibuprofen");
        order.dose = 400;
        order.location = {0, 3};
        store.add_order(stored, order);

        const model::Case unknown_tried = batch::build_case(stored, store, {}, {"t.csv:"});
        CHECK(static_cast<const model::PatientFactors&>(unknown_tried.patient) == stored.factors.model());
        CHECK_FALSE(unknown_tried.patient.weight_kg.has_value());
        CHECK(unknown_tried.patient.conditions == std::vector<std::string>{"ckd"});
        CHECK_FALSE(unknown_tried.patient.tried.has_value());
        CHECK(unknown_tried.medications.at(0).drug == "ibuprofen");
        CHECK(unknown_tried.medications.at(0).reference == "t.csv:3");

        stored.tried_stated = true; // stated: nothing tried
        CHECK(batch::build_case(stored, store, {}, {"t.csv:"}).patient.tried == std::vector<std::string>{});
    }

    TEST_CASE("a case builder gives each patient build_case's case, whatever the case before held") {
        // One builder for patients with more and fewer orders, conditions and drugs tried, orders known
        // (left empty) and built: each case is the one build_case makes afresh.
        batch::PatientStore store;
        auto add_patient = [&](const std::string& id, const std::vector<std::string>& conditions,
                               const std::optional<std::vector<std::string>>& tried,
                               const std::vector<std::string>& drugs) {
            batch::StoredPatient& p = store.patient(id, {0, 2});
            for (const auto& c : conditions) {
                store.add_item(p.conditions, store.strings.intern(c));
            }
            p.tried_stated = tried.has_value();
            for (const auto& t : tried.value_or(std::vector<std::string>{})) {
                store.add_item(p.tried, store.strings.intern(t));
            }
            std::uint64_t line = 3;
            for (const auto& d : drugs) {
                batch::StoredOrder order;
                order.drug = store.strings.intern(d);
                order.dose = 10;
                order.location = {0, line++};
                order.start_s = d == "windowed" ? 0 : batch::k_no_time;
                order.end_s = d == "windowed" ? std::int64_t{2} * 86400 : batch::k_no_time;
                order.sig = d == "with sig" ? store.sigs.intern("1 tab q6h prn pain") : 0;
                store.add_order(p, order);
            }
            p.indication = conditions.empty() ? 0 : store.strings.intern(conditions.front());
            return &p;
        };
        const std::vector<const batch::StoredPatient*> patients{
            add_patient("A", {"hypertension", "a condition longer than any short string"},
                        std::vector<std::string>{"nonpharmacologic"}, {"ibuprofen", "windowed", "with sig"}),
            add_patient("B", {}, std::nullopt, {"acetaminophen"}),
            add_patient("C", {"ckd"}, std::vector<std::string>{},
                        {"windowed", "with sig", "ibuprofen", "naproxen"}),
            add_patient("D", {"hypertension"}, std::vector<std::string>{"nonpharmacologic", "ibuprofen"},
                        {"naproxen", "ibuprofen"}),
        };
        const std::vector<std::vector<std::uint8_t>> known{{},     {1},       {0, 1, 1, 0},
                                                           {1, 1}, {1, 0, 1}, {0, 0, 0}};
        batch::CaseOptions options;
        options.references = false;
        const std::vector<std::string> prefixes{"t.csv:"};
        batch::CaseBuilder builder;
        std::vector<batch::StoredOrder> orders;
        for (std::size_t round = 0; round < 3; ++round) {
            for (std::size_t i = 0; i < patients.size(); ++i) {
                const auto& marks = known[(i + round) % known.size()];
                const check::OrderFacts reading; // an order given a reading is left empty
                std::vector<const check::OrderFacts*> found;
                for (const std::uint8_t mark : marks) {
                    found.push_back(mark != 0 ? &reading : nullptr);
                }
                CAPTURE(round);
                CAPTURE(i);
                store.orders_of(*patients[i], orders);
                const std::span<const check::OrderFacts* const> marked(found.data(),
                                                                       std::min(marks.size(), orders.size()));
                model::Case fresh;
                batch::build_case(*patients[i], orders, store, options, prefixes, fresh, marked);
                const model::Case& built =
                    builder.build(*patients[i], orders, store, options, prefixes, marked);
                CHECK(static_cast<const model::PatientFactors&>(built.patient) ==
                      static_cast<const model::PatientFactors&>(fresh.patient));
                CHECK(built.patient.id == fresh.patient.id);
                CHECK(built.patient.conditions == fresh.patient.conditions);
                CHECK(built.patient.tried == fresh.patient.tried);
                CHECK(built.indication == fresh.indication);
                REQUIRE(built.issues.size() == fresh.issues.size());
                for (std::size_t k = 0; k < built.issues.size(); ++k) {
                    CHECK(built.issues[k].message == fresh.issues[k].message);
                }
                REQUIRE(built.medications.size() == fresh.medications.size());
                for (std::size_t k = 0; k < built.medications.size(); ++k) {
                    const model::MedicationOrder& b = built.medications[k];
                    const model::MedicationOrder& f = fresh.medications[k];
                    CAPTURE(k);
                    CHECK(b.drug == f.drug);
                    CHECK(b.dose == f.dose);
                    CHECK(b.frequency == f.frequency);
                    CHECK(b.prn == f.prn);
                    CHECK(b.input == f.input);
                    CHECK(b.duration_days == f.duration_days);
                    CHECK(b.start_s == f.start_s);
                    CHECK(b.end_s == f.end_s);
                    CHECK(b.max_doses_per_day == f.max_doses_per_day);
                }
            }
        }
    }

    TEST_CASE("record references: an order's and a patient's, appended to what is there") {
        batch::PatientStore store;
        batch::StoredPatient& p = store.patient("P1", {1, 281474976710655ULL});
        batch::StoredOrder order;
        order.location = {0, 12};
        const std::string long_prefix(300, 'd'); // longer than the one-append buffer
        const std::vector<std::string> prefixes{"export.csv:", long_prefix + ":"};
        std::string out = "x ";
        batch::append_order_reference(out, order, prefixes);
        CHECK(out == "x export.csv:12");
        order.location = {1, 0};
        CHECK(batch::order_reference(order, prefixes) == long_prefix + ":0");
        CHECK(batch::patient_reference(p, prefixes) == long_prefix + ":281474976710655");
        out = "y ";
        p.first = {0, 7};
        batch::append_patient_reference(out, p, prefixes);
        CHECK(out == "y export.csv:7");
        p.indirect().has_patient_resource = true;
        CHECK(batch::patient_reference(p, prefixes) == "Patient/P1");
        order.resource_id = "rx-9";
        CHECK(batch::order_reference(order, prefixes) == "MedicationRequest/rx-9");
    }

    TEST_CASE("record references: every count of digits a record number may have") {
        const std::vector<std::string> prefixes{"export.csv:"};
        batch::StoredOrder order;
        std::vector<std::uint64_t> numbers{0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 12345, 99999, 100000};
        for (std::uint64_t power = 10; power < batch::RecordLocation::k_record_mask; power *= 10) {
            numbers.insert(numbers.end(), {power - 1, power, power + 7});
        }
        numbers.push_back(batch::RecordLocation::k_record_mask);
        for (const std::uint64_t number : numbers) {
            CAPTURE(number);
            order.location = {0, number};
            CHECK(batch::order_reference(order, prefixes) == "export.csv:" + std::to_string(number));
        }
    }

    TEST_CASE("an order's window is its duration when none is stated") {
        // MIMIC starttime/stoptime, OMOP exposure dates, CSV start/end: a duration rule reads them instead
        // of a duration not stated. A stated duration stays; a window that ends at its start gives none.
        batch::PatientStore store;
        batch::StoredPatient& stored = store.patient("P1", {0, 2});
        constexpr std::int64_t k_day = 86400;
        auto add = [&](std::int64_t start, std::int64_t end, double duration) {
            batch::StoredOrder order;
            order.drug = store.strings.intern("cyclobenzaprine");
            order.location = {0, 3};
            order.start_s = start;
            order.end_s = end;
            order.duration_days = duration;
            store.add_order(stored, order);
        };
        add(0, 22 * k_day, batch::k_absent);
        add(0, std::int64_t{36} * 3600, batch::k_absent);
        add(0, 22 * k_day, 14);
        add(5 * k_day, 5 * k_day, batch::k_absent);
        add(0, batch::k_no_time, batch::k_absent);
        const model::Case c = batch::build_case(stored, store, {}, {"t.csv:"});
        CHECK(c.medications.at(0).duration_days == 22);
        CHECK(c.medications.at(1).duration_days == 1.5);
        CHECK(c.medications.at(2).duration_days == 14);
        CHECK_FALSE(c.medications.at(3).duration_days);
        CHECK_FALSE(c.medications.at(4).duration_days);
    }
}

TEST_SUITE("batch::PatientStore packed records") {
    TEST_CASE("orders come back as given, per patient in order, whatever the interleaving") {
        batch::PatientStore store;
        batch::StoredPatient& a = store.patient("A", {0, 1});
        batch::StoredPatient& b = store.patient("B", {0, 2});
        const batch::StoredOrder plain = [] {
            batch::StoredOrder order;
            order.location = {0, (std::uint64_t{1} << 40U) + 5}; // record numbers beyond 32 bits
            order.drug = 9;
            order.dose = 0.1;
            return order;
        }();
        const std::uint32_t first = store.add_order(a, test::full_stored_order(1, 10));
        store.add_order(b, plain);
        store.add_order(a, plain);
        const std::uint32_t last = store.add_order(a, test::full_stored_order(8, 12));
        REQUIRE(a.orders.size == 3);
        REQUIRE(b.orders.size == 1);
        const auto orders = store.orders_of(a);
        REQUIRE(orders.size() == 3);
        test::check_same_order(orders[0], test::full_stored_order(1, 10));
        test::check_same_order(orders[1], plain); // the absent fields stay absent
        test::check_same_order(orders[2], test::full_stored_order(8, 12));
        test::check_same_order(store.orders_of(b).at(0), plain);
        test::check_same_order(store.order(first), test::full_stored_order(1, 10));

        // Replaced in place (MIMIC's join): the patient's list is unchanged but for that order.
        batch::StoredOrder changed = store.order(last);
        // Its ids view the record the replacement rewrites (ids come last, after the window it drops):
        // compared as copies.
        const std::string resource_id(changed.resource_id);
        const std::string source_id(changed.source_id);
        changed.resource_id = resource_id;
        changed.source_id = source_id;
        changed.frequency = 40;
        changed.prn = false;
        changed.start_s = batch::k_no_time;
        store.replace_order(last, changed);
        test::check_same_order(store.orders_of(a).at(2), changed);
        batch::StoredOrder gains_extras = plain;
        gains_extras.end_s = 99;
        store.replace_order(b.orders.last, gains_extras);
        test::check_same_order(store.orders_of(b).at(0), gains_extras);
        test::check_same_order(store.orders_of(a).at(1), plain);
    }

    TEST_CASE("prefetch hints leave the store as it was, with or without orders, before and after sealing") {
        batch::PatientStore store;
        store.prefetch("nobody yet"); // an empty index
        batch::StoredPatient& none = store.patient("N", {0, 1});
        batch::StoredPatient& one = store.patient("O", {0, 2});
        batch::StoredPatient& two = store.patient("T", {0, 3});
        store.add_order(one, test::full_stored_order(1, 10));
        store.add_order(two, test::full_stored_order(2, 11));
        store.add_order(two, test::full_stored_order(3, 12));
        store.prefetch_patient("nobody");
        for (const batch::StoredPatient* patient : {&none, &one, &two}) {
            store.prefetch(patient->id());
            store.prefetch_patient(patient->id());
            store.prefetch_orders(*patient, false); // no order: handle 0 is not an address
            store.prefetch_orders(*patient, true);  // fewer than two: nothing to follow
        }
        store.prefetch("unknown");
        store.prefetch_patient("unknown");
        store.seal();
        store.prefetch("N"); // the index is gone: a no-op
        store.prefetch_patient("N");
        CHECK(store.size() == 3);
        CHECK(none.orders.empty());
        REQUIRE(store.orders_of(two).size() == 2);
        test::check_same_order(store.orders_of(two).at(0), test::full_stored_order(2, 11));
        test::check_same_order(store.orders_of(one).at(0), test::full_stored_order(1, 10));
    }

    TEST_CASE("prefetching a patient by its likely slot never changes what a lookup finds") {
        // prefetch_patient searches with a key that matches any slot: lookups must still compare ids.
        batch::PatientStore store;
        for (int i = 0; i < 5000; ++i) {
            store.patient("P" + std::to_string(i), {0, static_cast<std::uint64_t>(i + 1)});
        }
        for (int i = 0; i < 10000; ++i) {
            store.prefetch_patient("P" + std::to_string(i)); // half of them unknown
        }
        REQUIRE(store.size() == 5000);
        for (int i = 0; i < 5000; i += 7) {
            const std::string id = "P" + std::to_string(i);
            const batch::StoredPatient& found = store.patient(id, {0, 99999});
            CHECK(found.id() == id);
            CHECK(std::uint64_t{found.first.record} == static_cast<std::uint64_t>(i + 1));
        }
        CHECK(store.patient("P5000", {0, 5001}).id() == "P5000"); // unknown: created, not another's
        CHECK(store.size() == 5001);
    }

    TEST_CASE(
        "every patient is found again as the id index grows and after a move, whatever its id's length") {
        batch::PatientStore store;
        const auto id_of = [](int i) {
            return i % 3 == 0 ? "a-long-patient-identifier-" + std::to_string(i) : std::to_string(i);
        };
        for (int i = 0; i < 3000; ++i) {
            const batch::StoredPatient& created =
                store.patient(id_of(i), {0, static_cast<std::uint64_t>(i + 1)});
            CHECK(created.id() == id_of(i));
            // Each earlier patient of a few is still the one stored, not a new one.
            const int earlier = i / 2;
            CHECK(std::uint64_t{store.patient(id_of(earlier), {0, 0}).first.record} ==
                  static_cast<std::uint64_t>(earlier + 1));
        }
        CHECK(store.size() == 3000);
        batch::PatientStore moved(std::move(store));
        for (int i = 2999; i >= 0; i -= 11) {
            CHECK(std::uint64_t{moved.patient(id_of(i), {0, 0}).first.record} ==
                  static_cast<std::uint64_t>(i + 1));
        }
        CHECK(moved.size() == 3000);
    }

    TEST_CASE("lists keep their order; unique adds skip what is there") {
        batch::PatientStore store;
        batch::StoredPatient& p = store.patient("P", {});
        batch::StoredPatient& q = store.patient("Q", {});
        store.add_item(p.conditions, 5);
        store.add_item(q.conditions, 5);
        store.add_item(p.conditions, 7, true);
        store.add_item(p.conditions, 5, true);
        store.add_item(p.conditions, 5); // not unique: kept twice
        CHECK(store.items_of(p.conditions) == std::vector<std::uint32_t>{5, 7, 5});
        CHECK(p.conditions.size == 3);
        CHECK(store.items_of(q.conditions) == std::vector<std::uint32_t>{5});
        CHECK(store.items_of(p.tried).empty());
    }

    TEST_CASE("a moved store still finds its patients; a sealed one has them all") {
        batch::PatientStore store;
        for (int i = 0; i < 10000; ++i) {
            store.patient("P" + std::to_string(i), {0, static_cast<std::uint64_t>(i)});
        }
        batch::PatientStore moved(std::move(store));
        CHECK(std::uint64_t{moved.patient("P7777", {0, 1}).first.record} == 7777);
        CHECK(moved.size() == 10000);
        moved.patient("new", {0, 1});
        CHECK(moved.size() == 10001);
        moved.seal();
        CHECK(moved.at(10000).id() == "new");
        CHECK_THROWS_AS(moved.patient("late", {0, 1}), util::Error); // never a second, unindexed record
        CHECK(moved.at(42).id() == "P42");
    }

    TEST_CASE("patient ids: short ones inline, longer ones in the arena, all found again") {
        batch::PatientStore store;
        std::vector<std::string> ids{"",
                                     "P",
                                     std::string(14, 'a'),
                                     std::string(15, 'b'),
                                     std::string(16, 'c'),
                                     std::string(256, 'd'),
                                     std::string("nul\0inside", 10)};
        for (std::size_t i = 0; i < ids.size(); ++i) {
            store.patient(ids[i], {0, i});
        }
        REQUIRE(store.size() == ids.size());
        for (std::size_t i = 0; i < ids.size(); ++i) {
            CHECK(store.at(i).id() == ids[i]);
            CHECK(std::uint64_t{store.patient(ids[i], {0, 99}).first.record} == i); // found, not made anew
        }
        CHECK(store.size() == ids.size());
    }

    TEST_CASE("patients placed anew by every growth of the id index are each found once") {
        // The index doubles at three quarters full, placing every patient from its slot: after many
        // growths each id still finds its own patient, and a new id makes a new one.
        batch::PatientStore store;
        constexpr std::size_t k_patients = 20000;
        for (std::size_t i = 0; i < k_patients; ++i) {
            store.patient("P" + std::to_string(i * 7919 % k_patients), {0, i});
            if (i % 3 == 0) {
                const std::size_t earlier = i / 2 * 7919 % k_patients;
                CHECK(store.patient("P" + std::to_string(earlier), {0, 0}).id() ==
                      "P" + std::to_string(earlier));
            }
        }
        REQUIRE(store.size() == k_patients);
        for (std::size_t i = 0; i < k_patients; ++i) {
            const batch::StoredPatient& found =
                store.patient("P" + std::to_string(i * 7919 % k_patients), {0, 0});
            if (std::uint64_t{found.first.record} != i) {
                CAPTURE(i);
                CHECK(std::uint64_t{found.first.record} == i);
                break;
            }
        }
        CHECK(store.size() == k_patients);
        CHECK(store.patient("Q1", {0, 1}).id() == "Q1");
        CHECK(store.size() == k_patients + 1);
    }

    TEST_CASE("factors: absent stays absent, given values come back") {
        model::PatientFactors given;
        given.age_years = 0; // zero is a value, not an absence
        given.crcl_ml_min = 42.5;
        given.sex = model::Sex::female;
        given.hepatic = model::Hepatic::mild;
        const batch::StoredFactors stored(given);
        CHECK(stored.model() == given);
        CHECK(batch::StoredFactors().model() == model::PatientFactors());
    }
}

TEST_SUITE("batch::StableVector") {
    TEST_CASE("elements keep their place and address across blocks") {
        batch::StableVector<std::string, 4> v;
        std::vector<const std::string*> addresses;
        for (int i = 0; i < 10; ++i) {
            v.emplace_back() = "e" + std::to_string(i);
            addresses.push_back(&v[static_cast<std::size_t>(i)]);
        }
        REQUIRE(v.size() == 10);
        for (std::size_t i = 0; i < 10; ++i) {
            CHECK(v[i] == "e" + std::to_string(i));
            CHECK(&v[i] == addresses[i]); // never moved by later blocks
        }
        const auto& read_only = v;
        CHECK(read_only[9] == "e9");
    }
}
