#include <medcheck/batch/patient_store.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace medcheck;

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

    TEST_CASE("a pool gives one index per distinct text; an id pool one per text") {
        batch::StringPool strings;
        CHECK(strings.intern("") == 0);
        CHECK(strings.at(0).empty());
        const auto mg = strings.intern("mg");
        CHECK(strings.intern("mg") == mg);
        CHECK(strings.intern("tablet") != mg);
        CHECK(strings.at(mg) == "mg");

        batch::StringPool ids(false);
        const auto first = ids.intern("RX1");
        const auto second = ids.intern("RX1");
        CHECK(first != second);
        CHECK(ids.at(first) == "RX1");
        CHECK(ids.at(second) == "RX1");
        CHECK(ids.intern("") == 0);
    }

    TEST_CASE("the stored factors are the case's factors; tried absent stays unknown") {
        batch::PatientStore store;
        batch::StoredPatient& stored = store.patient("P1", {0, 2});
        stored.factors.age_years = 70;
        stored.factors.sex = model::Sex::female;
        stored.conditions.push_back(store.strings.intern("ckd"));
        batch::StoredOrder order;
        order.drug = store.strings.intern("ibuprofen");
        order.dose = 400;
        order.location = {0, 3};
        stored.orders.push_back(order);

        const model::Case unknown_tried = batch::build_case(stored, store, {}, {"t.csv:"});
        CHECK(static_cast<const model::PatientFactors&>(unknown_tried.patient) == stored.factors);
        CHECK_FALSE(unknown_tried.patient.weight_kg.has_value());
        CHECK(unknown_tried.patient.conditions == std::vector<std::string>{"ckd"});
        CHECK_FALSE(unknown_tried.patient.tried.has_value());
        CHECK(unknown_tried.medications.at(0).drug == "ibuprofen");
        CHECK(unknown_tried.medications.at(0).reference == "t.csv:3");

        stored.tried.emplace(); // stated: nothing tried
        CHECK(batch::build_case(stored, store, {}, {"t.csv:"}).patient.tried == std::vector<std::string>{});
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
