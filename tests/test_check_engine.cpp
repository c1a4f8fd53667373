// Engine behaviour independent of particular drugs' numbers: verdicts, fail-closed handling,
// missing factors, determinism.
#include "support/fixture.hpp"

#include <medcheck/check/input_finding.hpp>

#include <doctest/doctest.h>

#include <algorithm>
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
}
