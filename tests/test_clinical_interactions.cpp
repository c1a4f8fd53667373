// Interactions, duplicate therapy and the Beers ">= 3 CNS-active drugs" count (seed 60): every pair
// in both orders of prescription, and two products of one ingredient are not an interaction.
// Doses are ordinary starts so that only the pair under test colours the verdict; opioid and
// diazepam orders carry a 7-day course.
#include "support/clinical_table.hpp"

#include <doctest/doctest.h>

#include <array>
#include <optional>
#include <string>
#include <vector>

using namespace medcheck;
using test::CaseBuilder;
using S = model::Severity;
using V = model::Verdict;
using test::C;
using test::check_table;
using test::silent;

namespace {

struct Order {
    const char* drug;
    double dose;
    const char* frequency;
    std::optional<double> days = std::nullopt;
};

const Order ibuprofen{"ibuprofen", 400, "tid"};
const Order naproxen{"naproxen", 250, "bid"};
const Order celecoxib{"celecoxib", 200, "daily"};
const Order ketorolac{"ketorolac", 10, "q6h", 5};
const Order warfarin{"warfarin", 5, "daily"};
const Order apixaban{"apixaban", 5, "bid"};
const Order rivaroxaban{"rivaroxaban", 20, "daily"};
const Order clopidogrel{"clopidogrel", 75, "daily"};
const Order sertraline{"sertraline", 50, "daily"};
const Order fluoxetine{"fluoxetine", 20, "daily"};
const Order fluvoxamine{"fluvoxamine", 50, "daily"};
const Order phenelzine{"phenelzine", 15, "tid"};
const Order selegiline{"selegiline", 5, "bid"};
const Order linezolid{"linezolid", 600, "bid"};
const Order prednisone{"prednisone", 20, "daily"};
const Order cyclobenzaprine{"cyclobenzaprine", 5, "tid", 7};
const Order cyclobenzaprine_er{"cyclobenzaprine_er", 15, "daily", 7};
const Order oxycodone{"oxycodone", 5, "q6h", 7};         // 30 MME
const Order tramadol{"tramadol", 50, "q6h", 7};          // 40 MME
const Order codeine{"codeine", 30, "q6h", 7};            // 18 MME
const Order hydrocodone{"hydrocodone", 5, "q6h", 7};     // 20 MME
const Order morphine{"morphine", 15, "q8h", 7};          // 45 MME
const Order hydromorphone{"hydromorphone", 2, "q6h", 7}; // 40 MME
const Order diazepam{"diazepam", 2, "bid", 7};
const Order lorazepam{"lorazepam", 0.5, "bid"};
const Order alprazolam{"alprazolam", 0.25, "tid"};

CaseBuilder& add(CaseBuilder& c, const Order& o) {
    return c.med(o.drug, o.dose, "mg", o.frequency, o.days);
}

CaseBuilder both(const Order& first, const Order& second, CaseBuilder c = CaseBuilder()) {
    add(c, first);
    add(c, second);
    return c;
}

struct Pair {
    Order a;
    Order b;
    std::string rule;
    S severity;
    V verdict;
};

// Each pair as "A then B" and "B then A": the same rule, once, with the same severity and verdict.
void check_pairs(const std::vector<Pair>& pairs) {
    for (const Pair& p : pairs) {
        const std::string ab = std::string(p.a.drug) + " + " + p.b.drug;
        const std::string ba = std::string(p.b.drug) + " + " + p.a.drug;
        check_table({
            {ab + " (A then B)", both(p.a, p.b), p.rule, p.severity, p.verdict},
            {ba + " (B then A)", both(p.b, p.a), p.rule, p.severity, p.verdict},
        });
        const auto f = test::only(both(p.a, p.b).check(), p.rule);
        CHECK(f.drug.value_or("").find(" + ") != std::string::npos); // names both drugs
    }
}

} // namespace

TEST_SUITE("clinical::interactions") {
    TEST_CASE("NSAID pairs: duplicate NSAIDs, ketorolac, bleeding partners") {
        check_pairs({
            {ibuprofen, naproxen, "nsaid.duplicate", S::violation, V::violation},
            {celecoxib, ibuprofen, "nsaid.duplicate", S::violation, V::violation},
            {ketorolac, ibuprofen, "ketorolac.nsaid", S::contraindicated, V::contraindicated},
            {ketorolac, celecoxib, "ketorolac.nsaid", S::contraindicated, V::contraindicated},
            {ibuprofen, warfarin, "nsaid.anticoagulant", S::warning, V::warning},
            {naproxen, apixaban, "nsaid.anticoagulant", S::warning, V::warning},
            {celecoxib, rivaroxaban, "nsaid.anticoagulant", S::warning, V::warning},
            {naproxen, clopidogrel, "nsaid.antiplatelet", S::warning, V::warning},
            {ibuprofen, sertraline, "nsaid.ssri", S::warning, V::warning},
            {ibuprofen, prednisone, "nsaid.corticosteroid", S::warning, V::warning},
        });
    }

    TEST_CASE("cyclobenzaprine pairs: MAOI contraindicated, serotonergic and CYP1A2 warnings") {
        check_pairs({
            {cyclobenzaprine, phenelzine, "cyclobenzaprine.maoi", S::contraindicated, V::contraindicated},
            {cyclobenzaprine, selegiline, "cyclobenzaprine.maoi", S::contraindicated, V::contraindicated},
            {cyclobenzaprine, linezolid, "cyclobenzaprine.maoi", S::contraindicated, V::contraindicated},
            {cyclobenzaprine_er, phenelzine, "cyclobenzaprine.maoi", S::contraindicated, V::contraindicated},
            {cyclobenzaprine, sertraline, "cyclobenzaprine.ssri", S::warning, V::warning},
            {cyclobenzaprine, fluvoxamine, "cyclobenzaprine.fluvoxamine", S::warning, V::warning},
            {cyclobenzaprine, fluvoxamine, "cyclobenzaprine.ssri", S::warning, V::warning},
        });
    }

    TEST_CASE("opioid pairs: benzodiazepine, muscle relaxant, second opioid, MAOI, serotonergic") {
        check_pairs({
            {oxycodone, diazepam, "opioid.benzodiazepine", S::violation, V::violation},
            {tramadol, alprazolam, "opioid.benzodiazepine", S::violation, V::violation},
            {hydromorphone, lorazepam, "opioid.benzodiazepine", S::violation, V::violation},
            {oxycodone, cyclobenzaprine, "opioid.muscle_relaxant", S::warning, V::warning},
            {oxycodone, morphine, "opioid.duplicate", S::warning,
             V::warning}, // 30 + 45 = 75 MME: warning too
            {tramadol, phenelzine, "tramadol.maoi", S::contraindicated, V::contraindicated},
            {tramadol, linezolid, "tramadol.maoi", S::contraindicated, V::contraindicated},
            {codeine, phenelzine, "codeine.maoi", S::violation, V::violation},
            {hydrocodone, selegiline, "hydrocodone.maoi", S::violation, V::violation},
            {oxycodone, phenelzine, "oxycodone.maoi", S::violation, V::violation},
            {morphine, linezolid, "morphine.maoi", S::violation, V::violation},
            {hydromorphone, phenelzine, "hydromorphone.maoi", S::violation, V::violation},
            {tramadol, sertraline, "tramadol.ssri", S::warning, V::warning},
            {tramadol, fluoxetine, "tramadol.fluoxetine", S::warning, V::warning},
            {tramadol, cyclobenzaprine, "tramadol.cyclobenzaprine", S::warning, V::warning},
            {tramadol, warfarin, "tramadol.warfarin", S::warning, V::warning},
            {codeine, fluoxetine, "codeine.fluoxetine", S::info, V::ok},
            {hydrocodone, fluoxetine, "hydrocodone.fluoxetine", S::info, V::ok},
        });
    }

    TEST_CASE("benzodiazepine pairs") {
        check_pairs({
            {diazepam, cyclobenzaprine, "benzodiazepine.muscle_relaxant", S::warning, V::warning},
            {diazepam, lorazepam, "benzodiazepine.duplicate", S::warning, V::warning},
            {alprazolam, fluvoxamine, "alprazolam.fluvoxamine", S::warning, V::warning},
            {diazepam, fluvoxamine, "diazepam.fluvoxamine", S::warning, V::warning},
        });
    }

    TEST_CASE("a finding names every order of its ingredients, not only the first of each") {
        // A second diazepam order between two others: one finding per set of ingredients, naming all
        // three orders, so neither diazepam order is left without it. Duplicate therapy of one group
        // likewise.
        const std::array<std::array<const char*, 3>, 2> rows{{
            {"oxycodone", "opioid.benzodiazepine", "oxycodone + diazepam"},
            {"lorazepam", "benzodiazepine.duplicate", "diazepam + lorazepam"},
        }};
        for (const auto& [middle, rule, drugs] : rows) {
            const auto result = test::C()
                                    .med("diazepam", 2, "mg", "bid")
                                    .med(middle, 1, "mg", "q6h")
                                    .med("diazepam", 5, "mg", "qhs")
                                    .check();
            const auto finding = test::only(result, rule);
            CHECK(finding.orders == std::vector<int>{0, 1, 2});
            CHECK(*finding.drug == drugs);
        }
    }

    TEST_CASE("two products of one ingredient are not an interaction") {
        const Order ibuprofen_otc{"advil", 200, "tid"};
        const Order naproxen_sodium{"naproxen sodium", 220, "bid"};
        const Order tramadol_er{"tramadol_er", 100, "daily", 7};
        const Order oxycodone_er{"oxycodone_er", 10, "q12h", 7};
        const Order diazepam_hs{"diazepam", 2, "qhs", 7};
        check_table({
            {"ibuprofen + Advil", both(ibuprofen, ibuprofen_otc), "nsaid.duplicate", silent, V::ok},
            {"naproxen + naproxen sodium", both(naproxen, naproxen_sodium), "nsaid.duplicate", silent, V::ok},
            {"tramadol + tramadol ER", both(tramadol, tramadol_er), "opioid.duplicate", silent,
             V::warning}, // 40 + 20 = 60 MME
            {"oxycodone + oxycodone ER", both(oxycodone, oxycodone_er), "opioid.duplicate", silent,
             V::warning}, // 30 + 30 = 60 MME
            {"cyclobenzaprine + cyclobenzaprine ER", both(cyclobenzaprine, cyclobenzaprine_er),
             "cyclobenzaprine.cumulative.daily_max", silent, V::ok},
            {"diazepam bid + diazepam qhs", both(diazepam, diazepam_hs), "benzodiazepine.duplicate", silent,
             V::ok},
        });
        const auto r = both(ibuprofen, ibuprofen_otc).check();
        CHECK_FALSE(test::has_kind(r, "duplicate_therapy"));
        CHECK_FALSE(test::has_kind(r, "interaction"));
    }

    TEST_CASE("a drug alone has no interaction") {
        for (const Order& o : {ibuprofen, cyclobenzaprine, oxycodone, diazepam, phenelzine, warfarin}) {
            CaseBuilder c;
            add(c, o);
            const auto r = c.check();
            INFO(o.drug, ": ", test::list_findings(r));
            CHECK_FALSE(test::has_kind(r, "interaction"));
            CHECK_FALSE(test::has_kind(r, "duplicate_therapy"));
        }
    }

    TEST_CASE("Beers: three or more CNS-active drugs from age 65") {
        auto three = [](double age) {
            CaseBuilder c = C().age(age);
            add(c, oxycodone);
            add(c, cyclobenzaprine);
            add(c, sertraline);
            return c;
        };
        check_table({
            {"65 y: oxycodone + cyclobenzaprine + sertraline", three(65), "beers.cns_active.3", S::warning,
             V::warning},
            {"64 y: the same three", three(64), "beers.cns_active.3", silent,
             V::warning}, // opioid + muscle relaxant warning
            {"70 y: two CNS-active drugs", both(oxycodone, sertraline, C().age(70)), "beers.cns_active.3",
             silent, V::ok},
        });
        const auto f = test::only(three(65).check(), "beers.cns_active.3");
        CHECK(f.actual == doctest::Approx(3));
    }
}
