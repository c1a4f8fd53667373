// Opioid MME (CDC 2022 factors) against hand-computed totals: fentanyl patch 2.4 per mcg/h (25 mcg/h = 60),
// methadone 4.7 (10 mg tid = 30 mg/day = 141), tapentadol 0.4, tramadol 0.2, hydromorphone 5; the 50 and
// 90 MME/day thresholds at 49.9 / 50 / 89.9 / 90; each drug's share in the message (seed 80, contract
// decision 7). All orders are continuing 7-day regimens of a patient listed as opioid_tolerant, so a
// fentanyl patch below 60 MME/day is not contraindicated (decisions 8 and 13; tolerance itself is tested
// in test_clinical_opioids_breadth.cpp). Two different opioids always carry the opioid.duplicate warning.
#include "support/clinical_table.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using namespace medcheck;
using test::CaseBuilder;
using S = model::Severity;
using V = model::Verdict;
using test::C;
using test::check_table;
using test::name;
using test::Row;
using test::silent;

namespace {

CaseBuilder& add(CaseBuilder& c, const char* drug, double dose, const char* unit, const char* frequency) {
    return c.condition("opioid_tolerant").med(drug, dose, unit, frequency, 7).continuing();
}

struct Mix {
    const char* what;
    std::vector<const char*> drugs; // drug, unit, frequency triples are below
    std::vector<double> doses;
    std::vector<const char*> units;
    std::vector<const char*> frequencies;
    double expected;
    const char* rule;
    S severity;
    V verdict;
    std::vector<const char*> shares; // text expected in the message, one per drug
};

CaseBuilder build(const Mix& m) {
    CaseBuilder c = C();
    for (std::size_t i = 0; i < m.drugs.size(); ++i) {
        add(c, m.drugs[i], m.doses[i], m.units[i], m.frequencies[i]);
    }
    return c;
}

} // namespace

TEST_SUITE("clinical::mme") {
    TEST_CASE("MME per drug: CDC 2022 factors") {
        struct One {
            const char* what;
            const char* drug;
            double dose;
            const char* unit;
            const char* frequency;
            double expected;
            const char* share;
        };
        for (const One& o : {
                 One{"fentanyl 25 mcg/h x 2.4", "fentanyl", 25, "mcg/h", "q72h", 60, "fentanyl 60 (x2.4)"},
                 One{"fentanyl 12 mcg/h x 2.4", "fentanyl", 12, "mcg/h", "q72h", 28.8,
                     "fentanyl 28.8 (x2.4)"},
                 One{"methadone 10 mg tid = 30 mg x 4.7", "methadone", 10, "mg", "tid", 141,
                     "methadone 141 (x4.7)"},
                 One{"methadone 2.5 mg q8h = 7.5 mg x 4.7", "methadone", 2.5, "mg", "q8h", 35.25,
                     "methadone 35.25 (x4.7)"},
                 One{"tapentadol 50 mg q6h = 200 mg x 0.4", "tapentadol", 50, "mg", "q6h", 80,
                     "tapentadol 80 (x0.4)"},
                 One{"tapentadol ER 100 mg q12h = 200 mg x 0.4", "tapentadol_er", 100, "mg", "q12h", 80,
                     "tapentadol_er 80 (x0.4)"},
                 One{"tramadol 50 mg q6h = 200 mg x 0.2", "tramadol", 50, "mg", "q6h", 40,
                     "tramadol 40 (x0.2)"},
                 One{"hydromorphone 2 mg q6h = 8 mg x 5", "hydromorphone", 2, "mg", "q6h", 40,
                     "hydromorphone 40 (x5)"},
                 One{"oxymorphone 5 mg q6h = 20 mg x 3", "oxymorphone", 5, "mg", "q6h", 60,
                     "oxymorphone 60 (x3)"},
             }) {
            CaseBuilder c = C();
            add(c, o.drug, o.dose, o.unit, o.frequency);
            const auto r = c.check();
            INFO(o.what, " | findings: ", test::list_findings(r));
            REQUIRE(r.total_mme.has_value());
            CHECK(*r.total_mme == doctest::Approx(o.expected));
            bool found = false;
            for (const auto& f : r.findings) {
                if (f.kind == "mme" && f.actual) {
                    found = true;
                    CHECK(*f.actual == doctest::Approx(o.expected));
                    CHECK(f.message.find(o.share) != std::string::npos);
                }
            }
            CHECK(found);
        }
    }

    TEST_CASE("MME totals across opioids, with each drug's share in the message") {
        for (const Mix& m : {
                 // 60 + 141 = 201
                 Mix{"fentanyl 25 mcg/h + methadone 10 mg tid",
                     {"fentanyl", "methadone"},
                     {25, 10},
                     {"mcg/h", "mg"},
                     {"q72h", "tid"},
                     201,
                     "mme.ge90",
                     S::violation,
                     V::violation,
                     {"fentanyl 60 (x2.4)", "methadone 141 (x4.7)"}},
                 // 40 + 40 = 80
                 Mix{"tramadol 50 mg q6h + hydromorphone 2 mg q6h",
                     {"tramadol", "hydromorphone"},
                     {50, 2},
                     {"mg", "mg"},
                     {"q6h", "q6h"},
                     80,
                     "mme.ge50",
                     S::warning,
                     V::warning,
                     {"tramadol 40 (x0.2)", "hydromorphone 40 (x5)"}},
                 // 60 + 20 (tapentadol 50 mg daily) + 10 (hydromorphone 2 mg daily) = 90
                 Mix{"fentanyl 25 + tapentadol 50 mg daily + hydromorphone 2 mg daily",
                     {"fentanyl", "tapentadol", "hydromorphone"},
                     {25, 50, 2},
                     {"mcg/h", "mg", "mg"},
                     {"q72h", "daily", "daily"},
                     90,
                     "mme.ge90",
                     S::violation,
                     V::violation,
                     {"fentanyl 60 (x2.4)", "tapentadol 20 (x0.4)", "hydromorphone 10 (x5)"}},
                 // 141 + 80 + 40 + 40 = 301
                 Mix{"methadone + tapentadol + tramadol + hydromorphone",
                     {"methadone", "tapentadol", "tramadol", "hydromorphone"},
                     {10, 50, 50, 2},
                     {"mg", "mg", "mg", "mg"},
                     {"tid", "q6h", "q6h", "q6h"},
                     301,
                     "mme.ge90",
                     S::violation,
                     V::violation,
                     {"methadone 141 (x4.7)", "tapentadol 80 (x0.4)", "tramadol 40 (x0.2)",
                      "hydromorphone 40 (x5)"}},
                 // 28.8 + 10 = 38.8: below 50, info; two opioids: duplicate warning
                 Mix{"fentanyl 12 + tramadol 25 mg bid",
                     {"fentanyl", "tramadol"},
                     {12, 25},
                     {"mcg/h", "mg"},
                     {"q72h", "bid"},
                     38.8,
                     "mme.total",
                     S::info,
                     V::warning,
                     {"fentanyl 28.8 (x2.4)", "tramadol 10 (x0.2)"}},
             }) {
            const auto r = build(m).check();
            INFO(m.what, " | findings: ", test::list_findings(r));
            REQUIRE(r.total_mme.has_value());
            CHECK(*r.total_mme == doctest::Approx(m.expected));
            const auto f = test::only(r, m.rule);
            CHECK(f.kind == "mme");
            CHECK(f.severity == m.severity);
            REQUIRE(f.actual.has_value());
            CHECK(*f.actual == doctest::Approx(m.expected));
            CHECK(f.unit == "MME/day");
            for (const char* share : m.shares) {
                CHECK_MESSAGE(f.message.find(share) != std::string::npos, "share '", share,
                              "' in: ", f.message);
            }
            CHECK(name(r.verdict) == name(m.verdict));
            if (m.drugs.size() > 1) {
                CHECK(test::has_rule(r, "opioid.duplicate"));
            }
        }
    }

    TEST_CASE("MME thresholds at 49.9 / 50 / 89.9 / 90 with one opioid") {
        const auto one = [](const char* drug, double dose, const char* unit, const char* frequency) {
            CaseBuilder c = C();
            add(c, drug, dose, unit, frequency);
            return c;
        };
        check_table({
            // hydromorphone x 5: 2.495 mg q6h = 9.98 mg = 49.9; 2.5 mg q6h = 10 mg = 50
            {"hydromorphone 49.9 MME", one("hydromorphone", 2.495, "mg", "q6h"), "mme.total", S::info, V::ok},
            {"hydromorphone 49.9 MME: no ge50", one("hydromorphone", 2.495, "mg", "q6h"), "mme.ge50", silent,
             V::ok},
            {"hydromorphone 50 MME", one("hydromorphone", 2.5, "mg", "q6h"), "mme.ge50", S::warning,
             V::warning},
            // tapentadol x 0.4: 56.1875 mg q6h = 224.75 mg = 89.9; 56.25 mg q6h = 225 mg = 90
            {"tapentadol 89.9 MME", one("tapentadol", 56.1875, "mg", "q6h"), "mme.ge50", S::warning,
             V::warning},
            {"tapentadol 89.9 MME: no ge90", one("tapentadol", 56.1875, "mg", "q6h"), "mme.ge90", silent,
             V::warning},
            {"tapentadol 90 MME", one("tapentadol", 56.25, "mg", "q6h"), "mme.ge90", S::violation,
             V::violation},
            {"tapentadol 90 MME: only the highest threshold", one("tapentadol", 56.25, "mg", "q6h"),
             "mme.ge50", silent, V::violation},
            // fentanyl x 2.4: 20.8 mcg/h = 49.92; 20.8333 (= 50 / 2.4)
            {"fentanyl 20.8 mcg/h = 49.92 MME", one("fentanyl", 20.8, "mcg/h", "q72h"), "mme.total", S::info,
             V::ok},
            {"fentanyl 37.5 mcg/h = 90 MME", one("fentanyl", 37.5, "mcg/h", "q72h"), "mme.ge90", S::violation,
             V::violation},
            {"fentanyl 37.4 mcg/h = 89.76 MME", one("fentanyl", 37.4, "mcg/h", "q72h"), "mme.ge90", silent,
             V::warning},
            // methadone x 4.7: 10 mg daily = 47 (below 50); 10 mg bid = 94
            {"methadone 10 mg daily = 47 MME", one("methadone", 10, "mg", "daily"), "mme.total", S::info,
             V::ok},
            {"methadone 10 mg bid = 94 MME", one("methadone", 10, "mg", "bid"), "mme.ge90", S::violation,
             V::violation},
            // tramadol x 0.2: 62.375 mg q4h = 374.25 mg = 74.85
            {"tramadol 62.375 mg q4h = 74.85 MME", one("tramadol", 62.375, "mg", "q4h"), "mme.ge50",
             S::warning, V::warning},
        });
    }

    TEST_CASE("MME thresholds at 49.9 / 50 / 89.9 / 90 with mixed opioids (duplicate warning in every row)") {
        auto mix = [](double hydromorphone_mg, double tapentadol_mg) {
            CaseBuilder c = C();
            add(c, "fentanyl", 12.5, "mcg/h", "q72h");                // 30
            add(c, "hydromorphone", hydromorphone_mg, "mg", "daily"); // x 5
            add(c, "tapentadol", tapentadol_mg, "mg", "daily");       // x 0.4
            return c;
        };
        check_table({
            // 30 + 9.9 (1.98 mg) + 10 (25 mg) = 49.9
            {"49.9 MME", mix(1.98, 25), "mme.total", S::info, V::warning},
            {"49.9 MME: no ge50", mix(1.98, 25), "mme.ge50", silent, V::warning},
            // 30 + 10 (2 mg) + 10 = 50
            {"50 MME", mix(2, 25), "mme.ge50", S::warning, V::warning},
            // 30 + 20 (4 mg) + 39.9 (99.75 mg) = 89.9
            {"89.9 MME", mix(4, 99.75), "mme.ge50", S::warning, V::warning},
            {"89.9 MME: no ge90", mix(4, 99.75), "mme.ge90", silent, V::warning},
            // 30 + 20 + 40 (100 mg) = 90
            {"90 MME", mix(4, 100), "mme.ge90", S::violation, V::violation},
        });
        const auto r = mix(4, 99.75).check();
        REQUIRE(r.total_mme.has_value());
        CHECK(*r.total_mme == doctest::Approx(89.9));
        const auto f = test::only(r, "mme.ge50");
        for (const char* share : {"fentanyl 30 (x2.4)", "hydromorphone 20 (x5)", "tapentadol 39.9 (x0.4)"}) {
            CHECK_MESSAGE(f.message.find(share) != std::string::npos, "share '", share, "' in: ", f.message);
        }
    }

    TEST_CASE(
        "fentanyl is 2.4 per mcg/h, not the 7.2-per-patch days-supply factor; buprenorphine is not summed") {
        CaseBuilder c = C();
        add(c, "fentanyl", 25, "mcg/h", "q72h");
        const auto r = c.check();
        REQUIRE(r.total_mme.has_value());
        CHECK(*r.total_mme == doctest::Approx(60));
        CHECK(*r.total_mme != doctest::Approx(25 * 7.2));
        CHECK(*r.total_mme != doctest::Approx(25 * 2.4 / 3)); // the q72h frequency does not divide it either

        CaseBuilder b = C();
        add(b, "fentanyl", 25, "mcg/h", "q72h");
        add(b, "buprenorphine_patch", 20, "mcg/h", "weekly");
        const auto rb = b.check();
        INFO(test::list_findings(rb));
        REQUIRE(rb.total_mme.has_value());
        CHECK(*rb.total_mme == doctest::Approx(60));
        CHECK(test::only(rb, "mme.buprenorphine.excluded").severity == S::info);
    }
}
