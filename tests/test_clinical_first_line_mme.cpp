// First-line policy for back pain (seed 70; contract decisions 1, 2) and morphine milligram
// equivalents (seed 80; CDC 2022 factors; contract decision 7), with totals computed by hand.
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

using Tried = std::optional<std::vector<std::string>>;

CaseBuilder opioid(const Tried& tried) {
    return C().tried(tried).med("oxycodone", 5, "mg", "q6h", 7);
} // 30 MME
CaseBuilder benzo(const Tried& tried) {
    return C().tried(tried).med("diazepam", 2, "mg", "bid", 7);
}

} // namespace

TEST_SUITE("clinical::first_line_mme") {
    TEST_CASE("first-line: a new opioid for back pain needs a first-line therapy tried") {
        check_table({
            {"tried absent (unknown)", opioid(std::nullopt), "first_line.opioid", S::warning, V::warning},
            {"tried [] (none)", opioid(std::vector<std::string>{}), "first_line.opioid", S::violation,
             V::violation},
            {"tried [nonpharmacologic]", opioid(std::vector<std::string>{"nonpharmacologic"}),
             "first_line.opioid", silent, V::ok},
            {"tried [nsaid]", opioid(std::vector<std::string>{"nsaid"}), "first_line.opioid", silent, V::ok},
            {"tried [acetaminophen]", opioid(std::vector<std::string>{"acetaminophen"}), "first_line.opioid",
             silent, V::ok},
            {"tried [muscle_relaxant]", opioid(std::vector<std::string>{"muscle_relaxant"}),
             "first_line.opioid", silent, V::ok},
            {"tried [duloxetine] (not first-line)", opioid(std::vector<std::string>{"duloxetine"}),
             "first_line.opioid", S::violation, V::violation},
            {"tried [gabapentinoid, opioid]", opioid(std::vector<std::string>{"gabapentinoid", "opioid"}),
             "first_line.opioid", S::violation, V::violation},
            {"tried [duloxetine, nsaid]", opioid(std::vector<std::string>{"duloxetine", "nsaid"}),
             "first_line.opioid", silent, V::ok},
            {"tramadol counts as an opioid, tried []",
             C().tried(std::vector<std::string>{}).med("tramadol", 50, "mg", "q6h", 7), "first_line.opioid",
             S::violation, V::violation},
            {"continuing opioid, tried []", opioid(std::vector<std::string>{}).continuing(),
             "first_line.opioid", S::info, V::ok},
            {"continuing opioid, tried absent", opioid(std::nullopt).continuing(), "first_line.opioid",
             S::info, V::ok},
        });
    }

    TEST_CASE("first-line: indications") {
        const std::vector<std::string> none;
        check_table({
            {"indication absent, tried []", opioid(none).indication(std::nullopt), "first_line.opioid",
             S::violation, V::violation},
            {"indication absent, tried absent", opioid(std::nullopt).indication(std::nullopt),
             "first_line.opioid", S::warning, V::warning},
            {"chronic low back pain, tried []",
             C().indication("chronic_low_back_pain").tried(none).med("oxycodone", 5, "mg", "q6h", 30),
             "first_line.opioid", S::violation, V::violation},
            {"radicular pain, tried []", opioid(none).indication("radicular_pain"), "first_line.opioid",
             S::violation, V::violation},
            {"neuropathic pain, tried []", opioid(none).indication("neuropathic_pain"), "first_line.opioid",
             S::violation, V::violation},
            {"cancer pain, tried []", opioid(none).indication("cancer_pain"), "first_line.opioid", silent,
             V::ok},
            {"palliative care, tried []", opioid(none).indication("palliative_care"), "first_line.opioid",
             silent, V::ok},
            {"other, tried []", opioid(none).indication("other"), "first_line.opioid", silent, V::ok},
        });
    }

    TEST_CASE("first-line: benzodiazepines follow the same policy; other classes do not") {
        const std::vector<std::string> none;
        check_table({
            {"diazepam, tried absent", benzo(std::nullopt), "first_line.benzodiazepine", S::warning,
             V::warning},
            {"diazepam, tried []", benzo(none), "first_line.benzodiazepine", S::violation, V::violation},
            {"diazepam, tried [nsaid]", benzo(std::vector<std::string>{"nsaid"}), "first_line.benzodiazepine",
             silent, V::ok},
            {"diazepam, continuing, tried []", benzo(none).continuing(), "first_line.benzodiazepine", S::info,
             V::ok},
            {"diazepam, cancer pain, tried []", benzo(none).indication("cancer_pain"),
             "first_line.benzodiazepine", silent, V::ok},
            {"ibuprofen, tried []", C().tried(none).med("ibuprofen", 400, "mg", "tid"), "first_line.opioid",
             silent, V::ok},
            {"cyclobenzaprine, tried []", C().tried(none).med("cyclobenzaprine", 5, "mg", "tid", 7),
             "first_line.benzodiazepine", silent, V::ok},
        });
    }

    TEST_CASE("MME by opioid: daily mg x CDC 2022 factor") {
        struct Mme {
            const char* what;
            const char* drug;
            double dose;
            const char* frequency;
            double expected;
            const char* rule;
            V verdict;
        };
        // continuing regimens: no opioid-naive start warnings
        for (const Mme& m : {
                 Mme{"codeine 30 mg q6h = 120 mg x 0.15", "codeine", 30, "q6h", 18, "mme.total", V::ok},
                 Mme{"hydrocodone 10 mg q6h = 40 mg x 1", "hydrocodone", 10, "q6h", 40, "mme.total", V::ok},
                 Mme{"tramadol 50 mg q6h = 200 mg x 0.2", "tramadol", 50, "q6h", 40, "mme.total", V::ok},
                 Mme{"tramadol 100 mg q6h = 400 mg x 0.2", "tramadol", 100, "q6h", 80, "mme.ge50",
                     V::warning},
                 Mme{"tramadol ER 300 mg daily x 0.2", "tramadol_er", 300, "daily", 60, "mme.ge50",
                     V::warning},
                 Mme{"oxycodone 10 mg q6h = 40 mg x 1.5", "oxycodone", 10, "q6h", 60, "mme.ge50", V::warning},
                 Mme{"oxycodone ER 20 mg q12h = 40 mg x 1.5", "oxycodone_er", 20, "q12h", 60, "mme.ge50",
                     V::warning},
                 Mme{"oxycodone 15 mg q6h = 60 mg x 1.5", "oxycodone", 15, "q6h", 90, "mme.ge90",
                     V::violation},
                 Mme{"morphine 30 mg q8h = 90 mg x 1", "morphine", 30, "q8h", 90, "mme.ge90", V::violation},
                 Mme{"morphine ER 30 mg q12h = 60 mg x 1", "morphine_er", 30, "q12h", 60, "mme.ge50",
                     V::warning},
                 Mme{"hydromorphone 4 mg q6h = 16 mg x 5", "hydromorphone", 4, "q6h", 80, "mme.ge50",
                     V::warning},
             }) {
            const auto r = C().med(m.drug, m.dose, "mg", m.frequency, 7).continuing().check();
            INFO(m.what, " | findings: ", test::list_findings(r));
            REQUIRE(r.total_mme.has_value());
            CHECK(*r.total_mme == doctest::Approx(m.expected));
            const auto found = test::fired(r, m.rule);
            REQUIRE(found.size() == 1);
            CHECK(found.front().kind == "mme");
            CHECK(found.front().actual == doctest::Approx(m.expected));
            CHECK(name(r.verdict) == name(m.verdict));
        }
    }

    TEST_CASE("MME thresholds: < 50 info, 50-89 warning, >= 90 violation") {
        auto morphine_er = [](double mg_q12h) {
            return C().med("morphine_er", mg_q12h, "mg", "q12h", 7).continuing();
        };
        check_table({
            {"49.9 MME (24.95 mg q12h)", morphine_er(24.95), "mme.total", S::info, V::ok},
            {"49.9 MME", morphine_er(24.95), "mme.ge50", silent, V::ok},
            {"50 MME (25 mg q12h)", morphine_er(25), "mme.ge50", S::warning, V::warning},
            {"89.9 MME (44.95 mg q12h)", morphine_er(44.95), "mme.ge50", S::warning, V::warning},
            {"89.9 MME", morphine_er(44.95), "mme.ge90", silent, V::warning},
            {"90 MME (45 mg q12h)", morphine_er(45), "mme.ge90", S::violation, V::violation},
            {"90 MME: only the highest threshold", morphine_er(45), "mme.ge50", silent, V::violation},
        });
    }

    TEST_CASE("MME is summed across opioids and ignores non-opioids") {
        const auto sixty = C().med("oxycodone", 10, "mg", "q6h", 7).continuing().check();
        CHECK(test::only(sixty, "mme.ge50").actual == doctest::Approx(60));
        CHECK(sixty.verdict == V::warning);

        // oxycodone 10 mg q6h (60) + tramadol 50 mg q6h (200 mg x 0.2 = 40) = 100 MME
        const auto hundred = C().med("oxycodone", 10, "mg", "q6h", 7)
                                 .continuing()
                                 .med("tramadol", 50, "mg", "q6h", 7)
                                 .continuing()
                                 .check();
        INFO(test::list_findings(hundred));
        CHECK(test::only(hundred, "mme.ge90").actual == doctest::Approx(100));
        CHECK(test::only(hundred, "mme.ge90").severity == S::violation);
        CHECK(hundred.verdict == V::violation);

        // oxycodone 5 mg q6h (30) + morphine 60 mg daily (60) = 90: exactly at the violation threshold
        const auto ninety = C().med("oxycodone", 5, "mg", "q6h", 7)
                                .continuing()
                                .med("morphine", 60, "mg", "daily", 7)
                                .continuing()
                                .check();
        CHECK(test::only(ninety, "mme.ge90").actual == doctest::Approx(90));

        // hydrocodone 5 mg q6h (20) + acetaminophen 500 mg q6h: 20 MME, acetaminophen adds nothing
        const auto twenty =
            C().med("hydrocodone", 5, "mg", "q6h", 7).med("acetaminophen", 500, "mg", "q6h").check();
        REQUIRE(twenty.total_mme.has_value());
        CHECK(*twenty.total_mme == doctest::Approx(20));
        CHECK(test::only(twenty, "mme.total").severity == S::info);
        CHECK(twenty.verdict == V::ok);

        // no opioid: no MME finding
        const auto none = C().med("ibuprofen", 400, "mg", "tid").check();
        CHECK_FALSE(none.total_mme.has_value());
        CHECK_FALSE(test::has_kind(none, "mme"));
    }

    TEST_CASE("MME with PRN orders: the PRN maximum, else the frequency's maximum") {
        const auto capped = C().med("oxycodone", 5, "mg", "q4h", 7).prn(4).continuing().check();
        REQUIRE(capped.total_mme.has_value());
        CHECK(*capped.total_mme == doctest::Approx(30)); // 4 x 5 mg x 1.5
        const auto uncapped =
            C().med("oxycodone", 5, "mg", "q4-6h", 7).prn(std::nullopt).continuing().check();
        REQUIRE(uncapped.total_mme.has_value());
        CHECK(*uncapped.total_mme == doctest::Approx(45)); // 6 x 5 mg x 1.5
    }
}
