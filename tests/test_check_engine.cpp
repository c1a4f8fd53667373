// Engine behaviour independent of particular drugs' numbers: verdicts, fail-closed handling,
// missing factors, determinism.
#include "support/fixture.hpp"

#include <medcheck/check/evaluators.hpp>
#include <medcheck/check/input_finding.hpp>
#include <medcheck/util/text.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using namespace medcheck;
using test::CaseBuilder;

TEST_SUITE("check::engine") {
    TEST_CASE("an input finding added in place is the one input_finding builds") {
        std::vector<model::Finding> findings(1);
        model::Finding& added = check::add_input_finding(findings, "patient.weight_kg", "weight: too low");
        REQUIRE(findings.size() == 2);
        CHECK(&added == &findings.back());
        const model::Finding built = check::input_finding("patient.weight_kg", "weight: too low");
        CHECK(added.severity == built.severity);
        CHECK(added.kind == built.kind);
        CHECK(added.message == built.message);
        CHECK(added.source == built.source);
        CHECK(added.source.borrowed() != nullptr);
        CHECK(added.rule_id == "input.patient.weight_kg");
        CHECK(added.rule_id == built.rule_id);
        CHECK_FALSE(added.drug);
        CHECK_FALSE(added.order);
    }

    TEST_CASE("a rule's finding borrows the rule's texts and the rule set's drug key") {
        const rules::RuleSet& rules = test::seeded_rules();
        const rules::Drug& drug = rules.drugs.at("ibuprofen");
        rules::Rule rule;
        rule.id = "x.rule";
        rule.kind = "max_daily_dose";
        rule.severity = model::Severity::violation;
        rule.unit = "mg/day";
        rule.message = "a message";
        rule.source = "a source";
        rule.alternative = "an alternative";
        check::OrderFacts order;
        order.index = 3;
        order.drug = &drug;
        std::vector<model::Finding> findings(1);
        findings[0].kind = "owned before";
        model::Finding& f = check::detail::add_rule_finding(findings, rule, order);
        REQUIRE(findings.size() == 2);
        CHECK(&f == &findings.back());
        CHECK(f.severity == model::Severity::violation);
        CHECK(f.kind.borrowed() == &rule.kind);
        REQUIRE(f.drug);
        CHECK(f.drug->borrowed() == &drug.key);
        CHECK(f.message.borrowed() == &rule.message);
        CHECK(f.unit.borrowed() == &rule.unit);
        CHECK(f.source.borrowed() == &rule.source);
        CHECK(f.rule_id.borrowed() == &rule.id);
        CHECK(f.alternative.borrowed() == &rule.alternative);
        CHECK(f.order == 3);
        CHECK_FALSE(f.actual);
        CHECK_FALSE(f.limit);
        CHECK(f.orders.empty());
        CHECK(findings[0].kind == "owned before");
    }

    TEST_CASE("a finding made in place starts empty: info, no texts, numbers or orders") {
        std::vector<model::Finding> findings;
        const model::Finding& f = findings.emplace_back();
        CHECK(f.severity == model::Severity::info);
        CHECK(f.kind.empty());
        CHECK(f.kind.borrowed() == nullptr);
        CHECK_FALSE(f.drug);
        CHECK(f.message.empty());
        CHECK_FALSE(f.actual);
        CHECK_FALSE(f.limit);
        CHECK(f.unit.empty());
        CHECK(f.source.empty());
        CHECK(f.rule_id.empty());
        CHECK_FALSE(f.order);
        CHECK(f.orders.empty());
        CHECK(f.alternative.empty());
    }

    TEST_CASE("a regimen inside every limit is ok") {
        const auto r = CaseBuilder().med("naproxen", 500, "mg", "bid", 10).check();
        INFO(test::list_findings(r));
        CHECK(r.verdict == model::Verdict::ok);
    }

    TEST_CASE("the verdict is the worst severity above info") {
        const auto r = CaseBuilder().med("acetaminophen", 1000, "mg", "q6h").check();
        CHECK(r.verdict == model::Verdict::violation);
        CHECK(r.findings.front().severity == model::Severity::violation); // worst first
    }

    TEST_CASE("a frequency read again gives the same answer, remembered or not") {
        // Acetaminophen 1000 mg q6h = 4000 mg/day: above the 3000 mg/day maximum. The same field
        // is read from the per-thread memory the second time; a field longer than 64 bytes is
        // read afresh each time.
        const std::string padded = "q6h" + std::string(80, ' ');
        for (const std::string& frequency : {std::string("q6h"), std::string("q6h"), padded, padded}) {
            INFO("'" << frequency << "'");
            const auto r = CaseBuilder().med("acetaminophen", 1000, "mg", frequency).check();
            CHECK(r.verdict == model::Verdict::violation);
            CHECK(test::only(r, "acetaminophen.daily_max").actual == 4000);
        }
        const auto unknown = CaseBuilder().med("acetaminophen", 1000, "mg", "sometimes").check();
        CHECK(test::has_kind(unknown, "invalid_input"));
        CHECK(unknown.verdict == model::Verdict::unverifiable);
    }

    TEST_CASE("an unknown drug is unverifiable, with suggestions for near misses") {
        const auto r = CaseBuilder().med("cyclobenzaprin", 10, "mg", "tid").check();
        CHECK(r.verdict == model::Verdict::unverifiable);
        const auto f = test::only(r, "catalogue.unknown_drug");
        CHECK(f.kind == "unknown_drug");
        CHECK(f.message.find("cyclobenzaprine") != std::string::npos);
        const auto z = CaseBuilder().med("zorblaxin", 10, "mg", "bid").check();
        CHECK(z.verdict == model::Verdict::unverifiable);
    }

    TEST_CASE("names resolve regardless of case, spacing and underscores") {
        for (const char* name :
             {"ACETAMINOPHEN", " acetaminophen ", "Tylenol", "naproxen sodium", "Naproxen_Sodium"}) {
            INFO(name);
            const auto r = CaseBuilder().med(name, 200, "mg", "daily").check();
            CHECK_FALSE(test::has_kind(r, "unknown_drug"));
        }
    }

    TEST_CASE("bad dose, unit or frequency is never ok") {
        SUBCASE("negative dose") {
            const auto r = CaseBuilder().med("ibuprofen", -400, "mg", "q6h").check();
            CHECK(r.verdict == model::Verdict::unverifiable);
            CHECK(test::has_rule(r, "input.dose"));
        }
        SUBCASE("zero dose") {
            CHECK(CaseBuilder().med("ibuprofen", 0, "mg", "q6h").check().verdict ==
                  model::Verdict::unverifiable);
        }
        SUBCASE("absurd dose") {
            CHECK(CaseBuilder().med("ibuprofen", 5e6, "mg", "q6h").check().verdict ==
                  model::Verdict::unverifiable);
        }
        SUBCASE("unknown unit") {
            CHECK(test::has_rule(CaseBuilder().med("ibuprofen", 400, "grains", "q6h").check(), "input.unit"));
        }
        SUBCASE("volume unit for a tablet drug") {
            const auto r = CaseBuilder().med("ibuprofen", 10, "mL", "q6h").check();
            CHECK(r.verdict == model::Verdict::unverifiable);
            CHECK(test::has_rule(r, "input.unit"));
        }
        SUBCASE("unknown frequency") {
            CHECK(test::has_rule(CaseBuilder().med("ibuprofen", 400, "mg", "sometimes").check(),
                                 "input.frequency"));
        }
        SUBCASE("route with no rules") {
            const auto r = CaseBuilder().med("ibuprofen", 400, "mg", "q6h").route("transdermal").check();
            CHECK(r.verdict == model::Verdict::unverifiable);
            CHECK(test::has_rule(r, "input.route"));
        }
        SUBCASE("a route as exports write it is the vocabulary's; a cell that is more than a route is not") {
            // "PO" was a route with no rules: every such order unverifiable, its limits unchecked.
            for (const char* route : {"PO", "p.o.", "by mouth", "per os"}) {
                INFO(route);
                const auto r = CaseBuilder().med("acetaminophen", 1000, "mg", "q6h").route(route).check();
                CHECK_FALSE(test::has_rule(r, "input.route"));
                CHECK(test::only(r, "acetaminophen.daily_max").actual == 4000);
            }
            for (const char* route : {"SL", "po q6h", "oral-ish"}) {
                INFO(route);
                const auto r = CaseBuilder().med("acetaminophen", 1000, "mg", "q6h").route(route).check();
                CHECK(test::has_rule(r, "input.route"));
                CHECK(r.verdict == model::Verdict::unverifiable);
            }
        }
    }

    TEST_CASE("a drug no rule reads the dose of needs none (contract decision 16), and still interacts") {
        // lisinopril and furosemide are interaction partners only: no dose, unit or frequency, and a
        // route without rules (furosemide IV in hospital exports), is no finding.
        for (const char* sig :
             {"lisinopril", "lisinopril 10 mg", "lisinopril 10 mg iv daily", "furosemide 40 mg iv bid"}) {
            INFO(sig);
            const auto r = CaseBuilder().sig(sig).check();
            CHECK(r.findings.empty());
            CHECK(r.verdict == model::Verdict::ok);
            REQUIRE(r.orders.size() == 1);
            CHECK_FALSE(r.orders[0].reading.read);
            CHECK(r.orders[0].reading.text.find("no rule reads the dose") != std::string::npos);
        }
        // Its interactions still fire without a dose.
        const auto both = CaseBuilder().med("ibuprofen", 400, "mg", "q6h").sig("lisinopril").check();
        CHECK(test::has_kind(both, "interaction"));
        // A drug whose dose a rule reads still needs it: unverifiable, naming what is missing.
        for (const char* sig :
             {"ibuprofen", "aspirin", "ibuprofen 400 mg", "ibuprofen 400 mg q6h transdermal"}) {
            INFO(sig);
            const auto r = CaseBuilder().sig(sig).check();
            CHECK(r.verdict == model::Verdict::unverifiable);
            CHECK(test::has_kind(r, "invalid_input"));
        }
    }

    TEST_CASE("a contraindication still fires when the dose cannot be read") {
        const auto r = CaseBuilder().condition("recent_cabg").med("ibuprofen", -1, "mg", "q6h").check();
        CHECK(r.verdict == model::Verdict::contraindicated);
    }

    TEST_CASE("units convert: 1 g = 1000 mg, 1000000 mcg = 1000 mg") {
        const auto grams = CaseBuilder().med("acetaminophen", 1, "g", "q6h").check();
        CHECK(test::only(grams, "acetaminophen.daily_max").actual == 4000);
        const auto micrograms = CaseBuilder().med("acetaminophen", 1000000, "mcg", "q6h").check();
        CHECK(test::only(micrograms, "acetaminophen.daily_max").actual == 4000);
    }

    TEST_CASE("PRN with a maximum uses the maximum; without one, the frequency's maximum") {
        const auto capped = CaseBuilder().med("acetaminophen", 1000, "mg", "q4h").prn(3).check();
        CHECK_FALSE(test::has_rule(capped, "acetaminophen.daily_max"));
        const auto uncapped =
            CaseBuilder().med("acetaminophen", 1000, "mg", "q4-6h").prn(std::nullopt).check();
        CHECK(test::only(uncapped, "acetaminophen.daily_max").actual == 6000);
    }

    TEST_CASE("missing renal function follows policy decision 3") {
        SUBCASE("under 65, no CKD/HF: info, assumed adequate") {
            const auto r = CaseBuilder().crcl(std::nullopt).med("naproxen", 250, "mg", "bid").check();
            const auto f = test::only(r, "missing.crcl");
            CHECK(f.severity == model::Severity::info);
            CHECK(r.verdict == model::Verdict::ok);
        }
        SUBCASE("65 or older: unverifiable") {
            const auto r = CaseBuilder().age(70).crcl(std::nullopt).med("naproxen", 250, "mg", "bid").check();
            CHECK(test::only(r, "missing.crcl").severity == model::Severity::unverifiable);
        }
        SUBCASE("CKD: unverifiable") {
            const auto r =
                CaseBuilder().condition("ckd").crcl(std::nullopt).med("naproxen", 250, "mg", "bid").check();
            CHECK(test::only(r, "missing.crcl").severity == model::Severity::unverifiable);
        }
        SUBCASE("a drug without renal rules needs no CrCl") {
            const auto r = CaseBuilder().crcl(std::nullopt).med("cyclobenzaprine", 5, "mg", "tid", 7).check();
            CHECK_FALSE(test::has_rule(r, "missing.crcl"));
        }
    }

    TEST_CASE("missing weight for a weight-based rule is an info note") {
        const auto r = CaseBuilder().weight(std::nullopt).med("acetaminophen", 500, "mg", "q6h").check();
        CHECK(test::only(r, "missing.weight").severity == model::Severity::info);
        CHECK(r.verdict == model::Verdict::ok);
    }

    TEST_CASE("missing age makes the case unverifiable") {
        const auto r = CaseBuilder().age(std::nullopt).med("naproxen", 250, "mg", "bid").check();
        CHECK(r.verdict == model::Verdict::unverifiable);
        CHECK(test::has_rule(r, "missing.age"));
    }

    TEST_CASE("the same case gives the same findings in the same order") {
        const auto builder = CaseBuilder()
                                 .age(72)
                                 .condition("heart_failure")
                                 .med("cyclobenzaprine", 10, "mg", "tid", 30)
                                 .med("ibuprofen", 800, "mg", "q4h")
                                 .med("naproxen", 500, "mg", "bid");
        const auto a = builder.check();
        const auto b = builder.check();
        REQUIRE(a.findings.size() == b.findings.size());
        for (std::size_t i = 0; i < a.findings.size(); ++i) {
            CHECK(a.findings[i].rule_id == b.findings[i].rule_id);
            CHECK(a.findings[i].message == b.findings[i].message);
        }
    }

    TEST_CASE("findings are sorted worst first") {
        const auto r = CaseBuilder()
                           .age(72)
                           .condition("heart_failure")
                           .med("cyclobenzaprine", 10, "mg", "tid", 30)
                           .check();
        for (std::size_t i = 1; i < r.findings.size(); ++i) {
            CHECK(r.findings[i - 1].severity >= r.findings[i].severity);
        }
    }
}

TEST_SUITE("check::engine finalize") {
    // The order finalize gives, written out in full: worst first, then drug (none as empty), kind,
    // rule, order (none first) and message; findings equal in all of them keep their places.
    bool reference_before(const model::Finding& a, const model::Finding& b) {
        if (a.severity != b.severity) {
            return a.severity > b.severity;
        }
        const std::string_view drug_a = a.drug ? a.drug->view() : std::string_view();
        const std::string_view drug_b = b.drug ? b.drug->view() : std::string_view();
        if (drug_a != drug_b) {
            return drug_a < drug_b;
        }
        if (a.kind.view() != b.kind.view()) {
            return a.kind.view() < b.kind.view();
        }
        if (a.rule_id.view() != b.rule_id.view()) {
            return a.rule_id.view() < b.rule_id.view();
        }
        if (a.order != b.order) {
            return a.order < b.order;
        }
        return a.message.view() < b.message.view();
    }

    // Findings in random order with many ties: drugs and kinds that share their first seven or eight
    // bytes and differ after them, are shorter than eight bytes, empty, absent or have bytes above 0x7f,
    // borrowed or owned; each finding's `actual` is its place as found.
    check::CheckResult random_findings(std::uint32_t & state) {
        static const std::vector<std::string> drugs = {
            "",         "ibuprof",        "ibuprofe", "ibuprofen", "ibuprofen + naproxen",
            "ibuprofz", "ibupro\xc3\xa9", "naproxen", "a",         "ibuprofen + codeine"};
        static const std::vector<std::string> kinds = {"max_daily_dose", "max_daily",   "max_dail",
                                                       "max_dai",        "interaction", ""};
        static const std::vector<std::string> rule_ids = {"a.b", "a.c"};
        static const std::vector<std::string> messages = {"m", "n"};
        const auto next = [&](std::size_t n) {
            state = state * 1103515245U + 12345U;
            return static_cast<std::size_t>((state >> 16U) % n);
        };
        check::CheckResult result;
        const std::size_t count = next(40); // above 32 too: the other sort
        for (std::size_t i = 0; i < count; ++i) {
            model::Finding& f = result.findings.emplace_back();
            f.severity = static_cast<model::Severity>(next(5));
            if (const std::size_t d = next(drugs.size() + 1); d < drugs.size()) {
                // Borrowed or owned: a borrowed text equals itself without its bytes compared.
                f.drug = next(2) == 0 ? model::Text::borrow(drugs[d]) : model::Text(drugs[d]);
            }
            f.kind = next(2) == 0 ? model::Text::borrow(kinds[next(kinds.size())])
                                  : model::Text(kinds[next(kinds.size())]);
            f.rule_id = model::Text::borrow(rule_ids[next(rule_ids.size())]);
            if (const std::size_t o = next(3); o < 2) {
                f.order = static_cast<int>(o);
            }
            f.message = model::Text::borrow(messages[next(messages.size())]);
            f.actual = static_cast<double>(i); // which finding it is
        }
        return result;
    }

    TEST_CASE("findings are sorted by severity, drug, kind, rule, order and message, ties kept in place") {
        std::uint32_t state = 12345;
        for (int round = 0; round < 300; ++round) {
            check::CheckResult result = random_findings(state);
            std::vector<model::Finding> expected = result.findings;
            std::stable_sort(expected.begin(), expected.end(), reference_before);
            check::finalize(result);
            CHECK(result.finding_order.empty());
            REQUIRE(result.findings.size() == expected.size());
            for (std::size_t i = 0; i < expected.size(); ++i) {
                CAPTURE(round);
                CAPTURE(i);
                CHECK(result.findings[i].actual == expected[i].actual);
            }
        }
    }

    TEST_CASE("finalize_order gives finalize's order and verdict as positions, no finding moved") {
        std::uint32_t state = 777;
        for (int round = 0; round < 300; ++round) {
            check::CheckResult sorted = random_findings(state);
            check::CheckResult positioned = sorted;
            check::finalize(sorted);
            check::finalize_order(positioned);
            CAPTURE(round);
            CHECK(positioned.verdict == sorted.verdict);
            REQUIRE(positioned.finding_order.size() == sorted.findings.size());
            for (std::size_t i = 0; i < sorted.findings.size(); ++i) {
                CAPTURE(i);
                CHECK(positioned.findings[i].actual == static_cast<double>(i)); // left as found
                CHECK(positioned.finding_order[i] == static_cast<std::uint32_t>(*sorted.findings[i].actual));
                CHECK(positioned.finding_at(i).actual == sorted.findings[i].actual);
            }
        }
        // Sorting again in place gives the same findings and no positions.
        check::CheckResult again = random_findings(state);
        check::finalize_order(again);
        const std::vector<std::uint32_t> order = again.finding_order;
        check::finalize(again);
        CHECK(again.finding_order.empty());
        for (std::size_t i = 0; i < order.size(); ++i) {
            CHECK(again.findings[i].actual == static_cast<double>(order[i]));
        }
    }

    TEST_CASE("a case checked without sorting its findings gives the same findings through its order") {
        // The same drug ordered three times (two of them alike): findings that tie in severity, drug,
        // kind and rule, apart only by their order, and findings the orders share (daily sums).
        const model::Case c = CaseBuilder()
                                  .age(72)
                                  .crcl(25)
                                  .med("ibuprofen", 800, "mg", "q6h")
                                  .med("acetaminophen", 1000, "mg", "q4h")
                                  .med("ibuprofen", 800, "mg", "q6h")
                                  .med("ibuprofen", 600, "mg", "q6h")
                                  .med("naproxen", 500, "mg", "bid")
                                  .build();
        const check::CheckResult sorted = check::check_case(c, test::seeded_rules());
        REQUIRE(sorted.findings.size() > 8);
        for (const bool described : {true, false}) {
            CAPTURE(described);
            const check::CheckResult left = check::check_case(
                c, test::seeded_rules(), {.describe_orders = described, .sort_findings = false});
            REQUIRE(left.finding_order.size() == sorted.findings.size());
            CHECK(left.verdict == sorted.verdict);
            bool moved = false;
            for (std::size_t k = 0; k < sorted.findings.size(); ++k) {
                CAPTURE(k);
                moved = moved || left.finding_order[k] != k;
                CHECK(left.finding_at(k).rule_id == sorted.findings[k].rule_id);
                CHECK(left.finding_at(k).order == sorted.findings[k].order);
                CHECK(left.finding_at(k).message == sorted.findings[k].message);
                CHECK(left.finding_at(k).actual == sorted.findings[k].actual);
            }
            CHECK(moved); // found out of output order: the positions did the sorting
        }
    }

    TEST_CASE("the verdict is the worst severity above info, or ok when every finding is info") {
        const auto verdict = [](const std::vector<model::Severity>& severities) {
            check::CheckResult result;
            for (const model::Severity severity : severities) {
                result.findings.emplace_back().severity = severity;
            }
            check::finalize(result);
            return result.verdict;
        };
        CHECK(verdict({}) == model::Verdict::ok);
        CHECK(verdict({model::Severity::info, model::Severity::info}) == model::Verdict::ok);
        CHECK(verdict({model::Severity::info, model::Severity::warning, model::Severity::info}) ==
              model::Verdict::warning);
        CHECK(verdict({model::Severity::warning, model::Severity::contraindicated,
                       model::Severity::unverifiable}) == model::Verdict::contraindicated);
    }
}

TEST_SUITE("check::engine orders") {
    TEST_CASE("an order read without some of its words is never shown as read, and is still checked") {
        // "2 at weekends" is not read: the reading (three a day, 900 mg/day) is less than the order
        // allows (6 capsules on a weekend day, 1800 mg), so no amount of it is shown as the order's.
        const auto r = CaseBuilder().crcl(90).sig("gabapentin 300 mg 1 capsule tid, 2 at weekends").check();
        REQUIRE(r.orders.size() == 1);
        const auto& reading = r.orders[0].reading;
        CHECK_FALSE(reading.read);
        CHECK_FALSE(reading.dose_max);
        CHECK_FALSE(reading.doses_per_day_max);
        CHECK(r.orders[0].ingredients.empty());
        CHECK_FALSE(r.orders[0].daily_mg);
        CHECK(reading.text.starts_with(
            "partly read: words not read ('2', 'at', 'weekends'); the words read give 1 "));
        CHECK(reading.text.ends_with("gabapentin 900 mg/day, and the order may allow more"));
        CHECK(r.verdict == model::Verdict::unverifiable);
        CHECK(test::has_kind(r, "invalid_input"));
    }

    TEST_CASE("what was read of a partly read order still fires its limits") {
        // 1000 mg q4h is 6000 mg/day before the unknown word: the violation stands.
        const auto r = CaseBuilder().sig("acetaminophen 1000 mg po q4h skipping weekends").check();
        CHECK(test::only(r, "acetaminophen.daily_max").actual == 6000);
        CHECK(r.verdict == model::Verdict::violation);
        REQUIRE(r.orders.size() == 1);
        CHECK_FALSE(r.orders[0].reading.read);
        CHECK(r.orders[0].reading.text.find("'skipping'") != std::string::npos);
    }

    TEST_CASE("a sig read whole, and a structured order, are read") {
        const auto r = CaseBuilder()
                           .sig("acetaminophen 500 mg 1-2 tabs po q6h prn pain")
                           .med("naproxen", 500, "mg", "bid")
                           .check();
        REQUIRE(r.orders.size() == 2);
        CHECK(r.orders[0].reading.read);
        CHECK(r.orders[0].reading.dose_max == 2);
        CHECK(r.orders[0].reading.doses_per_day_max == 4);
        CHECK(r.orders[1].reading.read);
        CHECK(r.orders[1].reading.text.starts_with("500 mg twice a day"));
    }
}

TEST_SUITE("check::interactions") {
    // A case gathers only the rules two orders touch, or one order with two of their ingredients
    // (rules::Drug's masks): a combination product alone can fire a group rule; never a pair.
    TEST_CASE("rules across orders need two orders, or one order with two of their ingredients") {
        rules::RuleSet set = test::seeded_rules();
        for (const char* ingredient : {"acetaminophen", "codeine"}) {
            auto& groups = set.ingredients.at(ingredient).groups;
            groups.emplace_back("zz_test");
            std::sort(groups.begin(), groups.end());
        }
        auto rule = [](std::string id, rules::TargetType type, std::string a, std::string b) {
            rules::InteractionRule r;
            r.id = std::move(id);
            r.a = {type, std::move(a), std::nullopt, std::nullopt};
            r.b = {type, std::move(b), std::nullopt, std::nullopt};
            r.kind = "interaction";
            r.message = "test rule";
            r.source = "test";
            return r;
        };
        set.interactions.push_back(
            rule("zz.pair", rules::TargetType::ingredient, "acetaminophen", "codeine"));
        set.interactions.push_back(rule("zz.group", rules::TargetType::group, "zz_test", "zz_test"));
        set.build_indexes();
        const auto fired = [&](const CaseBuilder& c, const std::string& id) {
            const auto r = check::check_case(c.build(), set);
            INFO(test::list_findings(r));
            return std::count_if(r.findings.begin(), r.findings.end(),
                                 [&](const model::Finding& f) { return f.rule_id == id; });
        };
        const CaseBuilder combination = CaseBuilder().med("Tylenol #3", 1, "tablet", "q6h", 3);
        CHECK(fired(combination, "zz.group") == 1);
        CHECK(fired(combination, "zz.pair") == 0); // one order is not a pair
        const CaseBuilder two =
            CaseBuilder().med("acetaminophen", 500, "mg", "q6h").med("codeine", 30, "mg", "q6h", 3);
        CHECK(fired(two, "zz.group") == 1);
        CHECK(fired(two, "zz.pair") == 1);
        const CaseBuilder one = CaseBuilder().med("acetaminophen", 500, "mg", "q6h");
        CHECK(fired(one, "zz.group") == 0);
        CHECK(fired(one, "zz.pair") == 0);
        // A rule set changed after indexing, without indexing again, still finds them (every rule).
        rules::RuleSet stale = set;
        stale.interactions.push_back(
            rule("zz.late", rules::TargetType::ingredient, "acetaminophen", "codeine"));
        for (std::size_t i = 0; i < 64; ++i) {
            stale.interactions.push_back(rule("zz.filler", rules::TargetType::ingredient, "none", "none"));
        }
        const auto r = check::check_case(two.build(), stale);
        CHECK(std::any_of(r.findings.begin(), r.findings.end(),
                          [](const model::Finding& f) { return f.rule_id == "zz.pair"; }));
    }

    TEST_CASE("cumulative sums when the orders touch more cumulative rules than are kept in place") {
        // Eleven cumulative rules touched (acetaminophen's three and one of each other ingredient's):
        // more than evaluate_cumulative sorts in place, so the rest go by the sorted list.
        CaseBuilder many;
        many.med("acetaminophen", 1000, "mg", "q6h").med("acetaminophen", 1000, "mg", "q6h");
        for (const char* drug :
             {"aspirin", "codeine", "cyclobenzaprine", "diclofenac", "etodolac", "naproxen"}) {
            many.med(drug, 1, "mg", "daily");
        }
        many.med("ibuprofen", 800, "mg", "tid").med("ibuprofen", 800, "mg", "tid");
        many.med("tramadol", 100, "mg", "q6h").med("tramadol", 100, "mg", "q6h");
        const auto r = many.check();
        INFO(test::list_findings(r));
        for (const auto& expected :
             std::vector<std::pair<std::string, int>>{{"acetaminophen.cumulative.daily_max", 0},
                                                      {"ibuprofen.cumulative.daily_max", 8},
                                                      {"tramadol.cumulative.daily_max", 10}}) {
            const std::string& id = expected.first;
            const int first = expected.second;
            const auto it = std::find_if(r.findings.begin(), r.findings.end(),
                                         [&](const model::Finding& f) { return f.rule_id == id; });
            REQUIRE_MESSAGE(it != r.findings.end(), id);
            const std::vector<int> pair{first, first + 1};
            CHECK_MESSAGE(it->orders == pair, id);
        }
    }
    TEST_CASE("a group duplicate names one order per ingredient and lists every order of them") {
        CaseBuilder c;
        c.med("ibuprofen", 400, "mg", "tid")
            .med("naproxen", 250, "mg", "bid")
            .med("ibuprofen", 200, "mg", "bid");
        const auto r = c.check();
        INFO(test::list_findings(r));
        const auto f = test::only(r, "nsaid.duplicate");
        REQUIRE(f.drug);
        CHECK(f.drug->str() == "ibuprofen + naproxen");
        CHECK(f.order == 0);
        CHECK(f.orders == std::vector<int>{0, 1, 2});
    }
}

TEST_SUITE("check::daily totals") {
    TEST_CASE("ten orders of one ingredient add up, each named in input order") {
        CaseBuilder c;
        for (int i = 0; i < 10; ++i) {
            c.med("gabapentin", 300, "mg", "tid");
        }
        const auto r = c.check();
        INFO(test::list_findings(r));
        const auto f = test::only(r, "gabapentin.daily_max");
        CHECK(f.actual == 9000);
        CHECK(f.limit == 3600);
        CHECK(f.order == 0);
        CHECK(f.orders == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        std::string parts = " (10 orders add up: ";
        for (int i = 0; i < 10; ++i) {
            parts +=
                (i == 0 ? "medications[" : " + medications[") + std::to_string(i) + "] gabapentin 900 mg/day";
        }
        parts += ')';
        CHECK(f.message.ends_with(parts));
    }

    TEST_CASE("a sum a cumulative-ingredient finding reports at or below its limit is not repeated") {
        const auto r = CaseBuilder()
                           .med("acetaminophen", 1000, "mg", "q6h")
                           .med("acetaminophen", 500, "mg", "q6h")
                           .check();
        INFO(test::list_findings(r));
        CHECK(test::only(r, "acetaminophen.cumulative.daily_max").actual == 6000);
        CHECK_FALSE(test::has_rule(r, "acetaminophen.daily_max"));       // the same orders, the same limit
        const auto doses = test::only(r, "acetaminophen.doses_per_day"); // 8 doses/day: a limit of its own
        CHECK(doses.actual == 8);
        CHECK(doses.orders == std::vector<int>{0, 1});
        CHECK(doses.message.ends_with(" (2 orders add up: medications[0] acetaminophen 4 doses/day + "
                                      "medications[1] acetaminophen 4 doses/day)"));
    }

    TEST_CASE("a group's daily limit takes the largest ingredient of a combination, alone or added to") {
        rules::RuleSet set = test::seeded_rules();
        for (const char* ingredient : {"acetaminophen", "codeine"}) {
            auto& groups = set.ingredients.at(ingredient).groups;
            groups.emplace_back("zz_test");
            std::sort(groups.begin(), groups.end());
        }
        rules::Rule rule;
        rule.id = "zz.group_daily";
        rule.target_type = rules::TargetType::group;
        rule.target = "zz_test";
        rule.kind = "max_daily_dose";
        rule.severity = model::Severity::warning;
        rule.measure = rules::Measure::daily_mg;
        rule.limit = 500;
        rule.unit = "mg/day";
        rule.message = "test rule";
        rule.source = "test";
        set.rules.push_back(rule);
        set.build_indexes();
        const auto check = [&](const CaseBuilder& c) { return check::check_case(c.build(), set); };

        // Tylenol #3 (acetaminophen 300 mg, codeine 30 mg) 1 tablet q6h: 1200 mg and 120 mg a day.
        const auto alone = check(CaseBuilder().med("Tylenol #3", 1, "tablet", "q6h", 3));
        INFO(test::list_findings(alone));
        const auto combination = test::only(alone, "zz.group_daily");
        CHECK(combination.actual == 1200);
        CHECK(combination.message == "test rule (measured as acetaminophen)");
        CHECK(combination.orders.empty());

        const auto added = check(
            CaseBuilder().med("Tylenol #3", 1, "tablet", "q6h", 3).med("acetaminophen", 500, "mg", "q6h"));
        INFO(test::list_findings(added));
        const auto sum = test::only(added, "zz.group_daily");
        CHECK(sum.actual == 3200);
        CHECK(sum.orders == std::vector<int>{0, 1});
        CHECK(sum.message.starts_with(
            "test rule (measured as acetaminophen) (2 orders add up: medications[0] "));
        CHECK(sum.message.ends_with(" 1200 mg/day + medications[1] acetaminophen 2000 mg/day)"));

        // One ingredient in the group: its order alone; an order of none of them is not reached.
        CHECK(test::only(check(CaseBuilder().med("acetaminophen", 500, "mg", "q6h")), "zz.group_daily")
                  .actual == 2000);
        CHECK_FALSE(
            test::has_rule(check(CaseBuilder().med("ibuprofen", 400, "mg", "q6h")), "zz.group_daily"));
    }
}

TEST_SUITE("check::mme texts") {
    TEST_CASE("one opioid's total names its drug and its factor's source") {
        const auto r = CaseBuilder().med("oxycodone", 5, "mg", "bid").check();
        INFO(test::list_findings(r));
        const auto f = test::only(r, "mme.total");
        CHECK(f.message == "opioid dose total 15 MME/day: oxycodone 15 (x1.5)");
        CHECK(f.drug == "oxycodone");
        CHECK(f.source == "CDC 2022 MME conversion factor table [CDC22]");
        CHECK(f.unit == "MME/day");
        CHECK(f.kind == "mme");
        CHECK(f.limit == 50);
        CHECK(f.orders == std::vector<int>{0});
    }

    TEST_CASE("several opioids' total names each, and each factor's source once") {
        const auto two =
            CaseBuilder().med("oxycodone", 5, "mg", "bid").med("fentanyl", 12, "mcg/h", "q72h").check();
        INFO(test::list_findings(two));
        const auto f = test::only(two, "mme.total");
        CHECK(f.message == "opioid dose total 43.8 MME/day: oxycodone 15 (x1.5), fentanyl 28.8 (x2.4)");
        CHECK(f.drug == "oxycodone + fentanyl");
        CHECK(f.source == "CDC 2022 MME conversion factor table [CDC22]; CDC 2022 MME conversion factor "
                          "table: fentanyl transdermal 2.4 per mcg/h [CDC22]");
        CHECK(f.orders == std::vector<int>{0, 1});
        // A source already within the sources written is not written again.
        const auto within =
            CaseBuilder().med("methadone", 2, "mg", "daily").med("oxycodone", 5, "mg", "bid").check();
        INFO(test::list_findings(within));
        CHECK(test::only(within, "mme.total").source ==
              "CDC 2022 MME conversion factor table [CDC22]; CDC 2016 tiers for reference [CDC16]");
    }

    TEST_CASE("a total at a threshold takes its message, and an unread dose makes it a minimum") {
        const auto r =
            CaseBuilder().med("oxycodone", 20, "mg", "bid").med("tramadol", 50, "mg", "sometimes").check();
        INFO(test::list_findings(r));
        const auto f = test::only(r, "mme.ge50");
        CHECK(f.message ==
              "Opioid total 50 MME/day or more: reassess benefit and risk before increasing; offer "
              "naloxone (total 60 MME/day: oxycodone 60 (x1.5); some opioid doses could not be "
              "read, so the total is a minimum)");
        CHECK(f.drug == "oxycodone");
        CHECK(f.source == "CDC 2022 [CDC22]; warning per check contract policy decision 7 [contract]");
        CHECK(f.orders == std::vector<int>{0});
    }
}

TEST_SUITE("check::interactions") {
    // Ten orders (a drug twice) touch many rules at once: each rule sees every order's ingredients on
    // each of its sides, in the order of the orders, and the findings come out in the same order.
    TEST_CASE("every rule across orders fires for a patient with many orders, in a fixed order") {
        const auto r = CaseBuilder()
                           .age(70)
                           .sig("oxycodone 5 mg po q6h")
                           .sig("diazepam 5 mg po tid")
                           .sig("cyclobenzaprine 5 mg po tid")
                           .sig("tramadol 50 mg po q6h")
                           .sig("ibuprofen 400 mg po q6h")
                           .sig("naproxen 500 mg po bid")
                           .sig("warfarin 5 mg po daily")
                           .sig("sertraline 50 mg po daily")
                           .sig("diazepam 2 mg po bid")
                           .sig("gabapentin 300 mg po tid")
                           .sig("prednisone 10 mg po daily")
                           .check();
        std::string got;
        for (const auto& f : r.findings) {
            got += f.rule_id.str() + " " + (f.drug ? f.drug->str() : "-") + " [";
            for (const int order : f.orders) {
                got += std::to_string(order) + ",";
            }
            got += "]\n";
        }
        const std::string expected = "diazepam.age65.daily_max diazepam [1,8,]\n"
                                     "diazepam.doses_per_day diazepam [1,8,]\n"
                                     "diazepam.start.age65.daily diazepam [1,8,]\n"
                                     "nsaid.duplicate ibuprofen + naproxen [4,5,]\n"
                                     "opioid.benzodiazepine oxycodone + diazepam [0,1,8,]\n"
                                     "opioid.benzodiazepine tramadol + diazepam [1,3,8,]\n"
                                     "cyclobenzaprine.beers.age65 cyclobenzaprine []\n"
                                     "cyclobenzaprine.duration_max cyclobenzaprine []\n"
                                     "cyclobenzaprine.ssri cyclobenzaprine + sertraline [2,7,]\n"
                                     "benzodiazepine.beers.age65 diazepam []\n"
                                     "benzodiazepine.beers.age65 diazepam []\n"
                                     "diazepam.duration_max diazepam []\n"
                                     "diazepam.duration_max diazepam []\n"
                                     "diazepam.start.daily diazepam [1,8,]\n"
                                     "diazepam.start.single diazepam []\n"
                                     "benzodiazepine.muscle_relaxant diazepam + cyclobenzaprine [1,2,8,]\n"
                                     "benzodiazepine.gabapentinoid diazepam + gabapentin [1,8,9,]\n"
                                     "gabapentin.start.age65 gabapentin []\n"
                                     "nsaid.beers.age65 ibuprofen []\n"
                                     "nsaid.corticosteroid ibuprofen + prednisone [4,10,]\n"
                                     "nsaid.ssri ibuprofen + sertraline [4,7,]\n"
                                     "nsaid.anticoagulant ibuprofen + warfarin [4,6,]\n"
                                     "nsaid.beers.age65 naproxen []\n"
                                     "nsaid.corticosteroid naproxen + prednisone [5,10,]\n"
                                     "nsaid.ssri naproxen + sertraline [5,7,]\n"
                                     "nsaid.anticoagulant naproxen + warfarin [5,6,]\n"
                                     "opioid.duration_max.acute_low_back_pain oxycodone []\n"
                                     "opioid.muscle_relaxant oxycodone + cyclobenzaprine [0,2,]\n"
                                     "beers.cns_active.3 oxycodone + diazepam + cyclobenzaprine + tramadol + "
                                     "sertraline + gabapentin [0,1,2,3,7,9,]\n"
                                     "opioid.gabapentinoid oxycodone + gabapentin [0,9,]\n"
                                     "opioid.duplicate oxycodone + tramadol [0,3,]\n"
                                     "mme.ge50 oxycodone + tramadol [0,3,]\n"
                                     "tramadol.beers.age65 tramadol []\n"
                                     "opioid.duration_max.acute_low_back_pain tramadol []\n"
                                     "tramadol.start.age65 tramadol []\n"
                                     "opioid.muscle_relaxant tramadol + cyclobenzaprine [2,3,]\n"
                                     "tramadol.cyclobenzaprine tramadol + cyclobenzaprine [2,3,]\n"
                                     "opioid.gabapentinoid tramadol + gabapentin [3,9,]\n"
                                     "tramadol.ssri tramadol + sertraline [3,7,]\n"
                                     "tramadol.warfarin tramadol + warfarin [3,6,]\n"
                                     "anticoagulant.ssri warfarin + sertraline [6,7,]\n"
                                     "ssri.beers.age65 sertraline []\n"
                                     "warfarin.beers.new_start warfarin []\n";
        CHECK(got == expected);
    }
}
