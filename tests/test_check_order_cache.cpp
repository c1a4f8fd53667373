// The order-reading cache a batch's checking thread keeps: orders that say the same share a reading,
// orders that differ in anything their reading may read never do, and it stays bounded.
#include "support/fixture.hpp"

#include <medcheck/check/order_cache.hpp>

#include <doctest/doctest.h>

#include <array>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace medcheck;

namespace {

model::MedicationOrder base_order() {
    model::MedicationOrder order;
    order.drug = "acetaminophen";
    order.dose = 1000;
    order.unit = "mg";
    order.route = "oral";
    order.frequency = "q6h";
    return order;
}

std::string key_of(const model::MedicationOrder& order) {
    std::string key;
    check::append_order_key(key, order);
    return key;
}

} // namespace

TEST_SUITE("check::order_cache") {
    TEST_CASE("every field a reading may read changes the key") {
        using Change = std::function<void(model::MedicationOrder&)>;
        const std::vector<std::pair<const char*, Change>> changes = {
            {"drug", [](auto& o) { o.drug = "ibuprofen"; }},
            {"dose", [](auto& o) { o.dose = 1001; }},
            {"dose absent", [](auto& o) { o.dose.reset(); }},
            {"dose_min", [](auto& o) { o.dose_min = 500; }},
            {"dose_unreadable", [](auto& o) { o.dose_unreadable = true; }},
            {"unit", [](auto& o) { o.unit = "tablet"; }},
            {"route", [](auto& o) { o.route = "iv"; }},
            {"frequency", [](auto& o) { o.frequency = "q4h"; }},
            {"frequency_unreadable", [](auto& o) { o.frequency_unreadable = true; }},
            {"duration_days", [](auto& o) { o.duration_days = 14; }},
            {"prn", [](auto& o) { o.prn = true; }},
            {"max_doses_per_day", [](auto& o) { o.max_doses_per_day = 4; }},
            {"max_stated",
             [](auto& o) {
                 o.max_stated = sig::StatedMax{3000, sig::MaxBasis::mass, 24, "max 3 g/day"};
             }},
            {"indication", [](auto& o) { o.indication = "pain"; }},
            {"strength_mg", [](auto& o) { o.strength_mg = 500; }},
            {"total_mg", [](auto& o) { o.total_mg = 1000; }},
            {"daily_dose", [](auto& o) { o.daily_dose = 3000; }},
            {"phases", [](auto& o) { o.phases = 2; }},
            {"start_dose", [](auto& o) { o.start_dose = 500; }},
            {"start_daily", [](auto& o) { o.start_daily = 2000; }},
            {"ambiguities", [](auto& o) { o.ambiguities.push_back("more than one regimen ('then')"); }},
            {"input", [](auto& o) { o.input = "1 g po q6h"; }},
            {"continuing", [](auto& o) { o.continuing = true; }},
        };
        const std::string base = key_of(base_order());
        for (const auto& entry : changes) {
            INFO(entry.first);
            model::MedicationOrder changed = base_order();
            entry.second(changed);
            CHECK(key_of(changed) != base);
        }
    }

    TEST_CASE("where an order came from and when it runs do not change the key") {
        model::MedicationOrder elsewhere = base_order();
        elsewhere.reference = "file.csv:14";
        elsewhere.source_id = "RX9";
        elsewhere.start_s = 1'700'000'000;
        elsewhere.end_s = 1'700'086'400;
        CHECK(key_of(elsewhere) == key_of(base_order()));
    }

    TEST_CASE("texts cannot run together into the same key") {
        model::MedicationOrder a = base_order();
        model::MedicationOrder b = base_order();
        a.unit = "mg";
        a.route = "oral";
        b.unit = "mgo";
        b.route = "ral";
        CHECK(key_of(a) != key_of(b));
    }

    TEST_CASE("a remembered reading is found for the same order, not for another") {
        check::OrderCache cache;
        CHECK(cache.find(base_order()) == nullptr);
        check::OrderFacts facts;
        facts.index = 3;
        facts.doses_per_day = 4;
        cache.remember(facts);
        const check::OrderFacts* known = cache.find(base_order());
        REQUIRE(known != nullptr);
        CHECK(known->doses_per_day == 4);
        model::MedicationOrder other = base_order();
        other.frequency = "q4h";
        CHECK(cache.find(other) == nullptr);
    }

    TEST_CASE("a kept reading leaves out how the order reads, which only described orders show") {
        check::OrderCache cache;
        REQUIRE(cache.find(base_order()) == nullptr);
        check::OrderFacts facts;
        facts.route = "oral";
        facts.amounts.push_back({"acetaminophen", 1000, 4000});
        facts.reading.read = true;
        facts.reading.unit = "mg";
        facts.reading.text = "1000 mg every 6 h = up to 4000 mg/day";
        cache.remember(facts);
        const check::OrderFacts* known = cache.find(base_order());
        REQUIRE(known != nullptr);
        CHECK(known->route == "oral");
        REQUIRE(known->amounts.size() == 1);
        CHECK(known->amounts.front().daily_mg == 4000);
        CHECK_FALSE(known->reading.read);
        CHECK(known->reading.unit.empty());
        CHECK(known->reading.text.empty());
    }

    TEST_CASE("the cache is bounded: it starts again when full") {
        check::OrderCache cache;
        model::MedicationOrder order = base_order();
        for (std::size_t i = 0; i <= check::k_max_cached_orders; ++i) {
            order.dose = static_cast<double>(i + 1);
            REQUIRE(cache.find(order) == nullptr);
            cache.remember(check::OrderFacts{});
        }
        order.dose = 1; // the first, forgotten when the cache filled
        CHECK(cache.find(order) == nullptr);
        order.dose = static_cast<double>(check::k_max_cached_orders + 1); // the last, kept
        CHECK(cache.find(order) != nullptr);
    }

    TEST_CASE("readings with findings are bounded apart: they start again when full") {
        check::OrderCache cache;
        const model::Finding finding;
        const auto key_of_number = [](std::size_t i) {
            return std::string(check::k_caller_key_tag) + "order " + std::to_string(i);
        };
        for (std::size_t i = 0; i <= check::k_max_cached_readings_with_findings; ++i) {
            REQUIRE(cache.find_with_findings(key_of_number(i), 0) == nullptr);
            cache.remember_with_findings(key_of_number(i), 0, check::OrderFacts{},
                                         std::span<const model::Finding>(&finding, 1));
        }
        CHECK(cache.find_with_findings(key_of_number(0), 0) == nullptr); // forgotten when it filled
        const auto* last =
            cache.find_with_findings(key_of_number(check::k_max_cached_readings_with_findings), 0);
        REQUIRE(last != nullptr);
        CHECK(last->findings.size() == 1);
    }

    TEST_CASE("a caller's keys: found when remembered, and never taken for an order's fields") {
        check::OrderCache cache;
        const std::string key = std::string(check::k_caller_key_tag) + "order 1";
        CHECK(cache.find(std::string_view(key)) == nullptr);
        check::OrderFacts facts;
        facts.doses_per_day = 3;
        cache.remember(std::string_view(key), facts);
        const check::OrderFacts* known = cache.find(std::string_view(key));
        REQUIRE(known != nullptr);
        CHECK(known->doses_per_day == 3);
        CHECK(cache.find(std::string_view(std::string(check::k_caller_key_tag) + "order 2")) == nullptr);
        // A key without the tag could be an order's fields: neither looked up nor kept.
        const std::string fields = key_of(base_order());
        CHECK_FALSE(std::string_view(fields).starts_with(check::k_caller_key_tag));
        cache.remember(std::string_view(fields), facts);
        CHECK(cache.find(std::string_view(fields)) == nullptr);
        CHECK(cache.find(base_order()) == nullptr);
    }

    TEST_CASE("caller's keys of every length, and keys one byte apart, each find their own reading") {
        // Keys shorter than a word, of whole words and of words and a tail; each byte changed once.
        check::OrderCache cache;
        std::vector<std::string> keys;
        for (std::size_t length = 0; length <= 40; ++length) {
            std::string key = std::string(check::k_caller_key_tag) + std::string(length, 'x');
            keys.push_back(key);
            for (std::size_t at = check::k_caller_key_tag.size(); at < key.size(); ++at) {
                std::string changed = key;
                changed[at] = 'y';
                keys.push_back(changed);
            }
        }
        for (std::size_t i = 0; i < keys.size(); ++i) {
            check::OrderFacts facts;
            facts.index = static_cast<int>(i);
            cache.remember(std::string_view(keys[i]), facts);
        }
        std::size_t wrong = 0;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            const check::OrderFacts* known = cache.find(std::string_view(keys[i]));
            wrong += known == nullptr || known->index != static_cast<int>(i) ? 1 : 0;
        }
        CHECK(keys.size() > 800);
        CHECK(wrong == 0);
    }

    TEST_CASE("orders whose readings the caller gives are read in place, not read again") {
        // What a batch does for orders it found by their stored fields: the reading where the batch
        // keeps it, the order itself left empty. The findings are those of checking the whole case
        // afresh.
        const auto whole = test::CaseBuilder()
                               .med("ibuprofen", 800, "mg", "q6h")
                               .med("acetaminophen", 1000, "mg", "q4h")
                               .build();
        const check::CheckResult fresh = check::check_case(whole, test::seeded_rules());
        check::OrderCache cache;
        const check::CheckOptions batch{.describe_orders = false, .order_cache = &cache};
        check::CheckResult first;
        std::vector<check::OrderFacts> read;
        check::check_case(whole, test::seeded_rules(), batch, first, read);
        REQUIRE(read.size() == 2);
        model::Case placeholders = whole;
        placeholders.medications[1] = model::MedicationOrder(); // known: not built
        const check::OrderFacts kept = read[1];
        const std::array<const check::OrderFacts*, 2> known{nullptr, &kept};
        const std::array<std::string_view, 2> keys{};
        check::CheckOptions with_known = batch;
        with_known.orders_known = known;
        with_known.order_keys = keys;
        check::CheckResult result;
        std::vector<check::OrderFacts> orders(2);
        orders[1].index = 7; // the engine's own room for it: neither read nor written
        orders[1].doses_per_day = 1;
        check::check_case(placeholders, test::seeded_rules(), with_known, result, orders);
        REQUIRE(result.findings.size() == fresh.findings.size());
        for (std::size_t i = 0; i < fresh.findings.size(); ++i) {
            CHECK(result.findings[i].rule_id.str() == fresh.findings[i].rule_id.str());
            CHECK(result.findings[i].message.str() == fresh.findings[i].message.str());
            CHECK(result.findings[i].order == fresh.findings[i].order);
        }
        CHECK(orders[1].index == 7);
        CHECK(orders[1].doses_per_day == 1);
        CHECK(test::has_rule(result, "acetaminophen.daily_max")); // 6000 mg/day, from the given reading
        // A reading of another place would report this order's findings there: refused.
        check::OrderFacts elsewhere = kept;
        elsewhere.index = 0;
        const std::array<const check::OrderFacts*, 2> misplaced{nullptr, &elsewhere};
        with_known.orders_known = misplaced;
        CHECK_THROWS_AS(check::check_case(placeholders, test::seeded_rules(), with_known, result, orders),
                        std::invalid_argument);
        // Orders described are read, every one: known readings are refused there.
        const check::CheckOptions described{.orders_known = known};
        CHECK_THROWS_AS(check::check_case(placeholders, test::seeded_rules(), described, result, orders),
                        std::invalid_argument);
    }

    TEST_CASE("a caller's key remembers a reading made by the engine") {
        check::OrderCache cache;
        const std::string key = std::string(check::k_caller_key_tag) + "acetaminophen 1000 q6h";
        const std::array<const check::OrderFacts*, 1> known{};
        const std::array<std::string_view, 1> keys{key};
        const check::CheckOptions batch{
            .describe_orders = false, .order_cache = &cache, .orders_known = known, .order_keys = keys};
        const auto one = test::CaseBuilder().med("acetaminophen", 1000, "mg", "q6h").build();
        check::CheckResult result;
        std::vector<check::OrderFacts> orders;
        check::check_case(one, test::seeded_rules(), batch, result, orders);
        const check::OrderFacts* kept = cache.find(std::string_view(key));
        REQUIRE(kept != nullptr);
        CHECK(kept->doses_per_day == 4);
        CHECK(cache.find(one.medications[0]) == nullptr); // kept under the caller's key only
        // A reading with findings (its messages name the order's place) is not kept.
        check::OrderCache other;
        const check::CheckOptions batch_other{
            .describe_orders = false, .order_cache = &other, .orders_known = known, .order_keys = keys};
        const auto unreadable = test::CaseBuilder().med("acetaminophen", 1000, "mg", "q99x").build();
        check::check_case(unreadable, test::seeded_rules(), batch_other, result, orders);
        CHECK(other.find(std::string_view(key)) == nullptr);
    }

    TEST_CASE("a batch reads an order from the cache as it reads it afresh") {
        // Two patients with the same order: the second reads it from the cache. Its findings name
        // its own place (medications[1]), and an order with findings is never taken from the cache.
        check::OrderCache cache;
        const check::CheckOptions batch{.describe_orders = false, .order_cache = &cache};
        const auto first = test::CaseBuilder().med("acetaminophen", 1000, "mg", "q6h").build();
        const auto second = test::CaseBuilder()
                                .med("ibuprofen", 400, "mg", "q6h")
                                .med("acetaminophen", 1000, "mg", "q6h")
                                .med("acetaminophen", 1000, "mg", "q99x")
                                .build();
        check::check_case(first, test::seeded_rules(), batch);
        const auto cached = check::check_case(second, test::seeded_rules(), batch);
        const auto fresh = check::check_case(second, test::seeded_rules());
        REQUIRE(cached.findings.size() == fresh.findings.size());
        for (std::size_t i = 0; i < fresh.findings.size(); ++i) {
            INFO(fresh.findings[i].message.str());
            CHECK(cached.findings[i].rule_id.str() == fresh.findings[i].rule_id.str());
            CHECK(cached.findings[i].message.str() == fresh.findings[i].message.str());
            CHECK(cached.findings[i].order == fresh.findings[i].order);
            CHECK(cached.findings[i].orders == fresh.findings[i].orders);
            CHECK(cached.findings[i].actual == fresh.findings[i].actual);
        }
        CHECK(test::has_rule(cached, "acetaminophen.daily_max")); // 4000 mg/day from the cached reading
    }
    TEST_CASE("an order read with findings is replayed at its own place only") {
        // Its findings name the order's place (medications[1]): kept by key and place, apart from clean
        // readings, and copied in only for an order at the same place. By the fields and by a caller's key.
        const auto unreadable = test::CaseBuilder()
                                    .med("ibuprofen", 400, "mg", "q6h")
                                    .med("acetaminophen", 1000, "mg", "q99x")
                                    .build();
        const auto moved = test::CaseBuilder()
                               .med("acetaminophen", 1000, "mg", "q99x")
                               .med("ibuprofen", 400, "mg", "q6h")
                               .build();
        const std::string key = std::string(check::k_caller_key_tag) + "acetaminophen 1000 q99x";
        const std::array<const check::OrderFacts*, 2> known{};
        const std::array<std::string_view, 2> at_second{std::string_view(), key};
        const std::array<std::string_view, 2> at_first{key, std::string_view()};
        for (const bool by_caller_key : {false, true}) {
            CAPTURE(by_caller_key);
            check::OrderCache cache;
            check::CheckOptions batch{.describe_orders = false, .order_cache = &cache};
            if (by_caller_key) {
                batch.orders_known = known;
                batch.order_keys = at_second;
            }
            check::CheckResult first;
            std::vector<check::OrderFacts> orders;
            check::check_case(unreadable, test::seeded_rules(), batch, first, orders);
            if (by_caller_key) {
                CHECK(cache.find(std::string_view(key)) == nullptr); // never taken for a clean reading
                const auto* kept = cache.find_with_findings(key, 1);
                REQUIRE(kept != nullptr);
                CHECK(kept->facts.index == 1);
                REQUIRE_FALSE(kept->findings.empty());
                CHECK(kept->findings.front().message.str().starts_with("medications[1]."));
                CHECK(cache.find_with_findings(key, 0) == nullptr);
            }
            check::CheckResult again;
            check::check_case(unreadable, test::seeded_rules(), batch, again, orders);
            const auto fresh = check::check_case(unreadable, test::seeded_rules());
            if (by_caller_key) {
                batch.order_keys = at_first;
            }
            check::CheckResult elsewhere;
            check::check_case(moved, test::seeded_rules(), batch, elsewhere, orders);
            const auto fresh_elsewhere = check::check_case(moved, test::seeded_rules());
            for (const auto& compared :
                 {std::pair{&again, &fresh}, std::pair{&elsewhere, &fresh_elsewhere}}) {
                const check::CheckResult* cached = compared.first;
                const check::CheckResult* expected = compared.second;
                REQUIRE(cached->findings.size() == expected->findings.size());
                CHECK(cached->verdict == expected->verdict);
                for (std::size_t i = 0; i < expected->findings.size(); ++i) {
                    CHECK(cached->findings[i].rule_id.str() == expected->findings[i].rule_id.str());
                    CHECK(cached->findings[i].message.str() == expected->findings[i].message.str());
                    CHECK(cached->findings[i].order == expected->findings[i].order);
                    CHECK(cached->findings[i].orders == expected->findings[i].orders);
                }
            }
            CHECK(test::has_rule(again, "input.frequency"));
        }
    }
}
