// Combination products and names as prescriptions write them: tablet limits per product at, below and
// above, acetaminophen summed across a combination and plain acetaminophen, tramadol/acetaminophen
// course and renal limits, naproxen sodium as naproxen base, RxNorm clinical drug names in any
// ingredient order, brand names, an unknown combination strength, and "2 tablet" doses (seed 10, 15,
// 20, 40). Opioid products are continuing regimens with a 3-day course (no start or first-line findings).
#include <medcheck/check/resolve.hpp>

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
using test::Row;
using test::silent;

namespace {

CaseBuilder tabs(const std::string& product, double tablets, const char* frequency,
                 std::optional<double> days = 3) {
    return C().med(product, tablets, "tablet", frequency, days).continuing();
}

std::string key_of(const std::string& name) {
    const auto r = check::resolve_drug(name, test::seeded_rules());
    return r.drug == nullptr ? "(unresolved: " + r.problem + ")" : r.drug->key;
}

} // namespace

TEST_SUITE("clinical::products") {
    TEST_CASE("hydrocodone/acetaminophen tablets per day: 5/325 max 8, 7.5/325 max 6, 10/325 max 6") {
        check_table({
            // 5/325: 2 tablets q6h = 8 tablets (hydrocodone 40 mg = 40 MME, acetaminophen 2600 mg)
            {"5/325 2 tab q6h = 8 (at)", tabs("Norco 5/325", 2, "q6h"),
             "hydrocodone_apap_5_325.units_per_day", silent, V::ok},
            {"5/325 1.9 tab q6h = 7.6 (below)", tabs("hydrocodone_apap_5_325", 1.9, "q6h"),
             "hydrocodone_apap_5_325.units_per_day", silent, V::ok},
            {"5/325 2.1 tab q6h = 8.4 (above)", tabs("hydrocodone_apap_5_325", 2.1, "q6h"),
             "hydrocodone_apap_5_325.units_per_day", S::violation, V::violation},
            // 7.5/325: 1 tablet q4h = 6 tablets (hydrocodone 7.5 mg per dose, 45 MME)
            {"7.5/325 1 tab q4h = 6 (at)", tabs("Norco 7.5/325", 1, "q4h"),
             "hydrocodone_apap_7.5_325.units_per_day", silent, V::ok},
            {"7.5/325 1 tab q5h = 4.8 (below)", tabs("hydrocodone_apap_7.5_325", 1, "q5h"),
             "hydrocodone_apap_7.5_325.units_per_day", silent, V::ok},
            {"7.5/325 1.1 tab q4h = 6.6 (above; 49.5 MME)", tabs("hydrocodone_apap_7.5_325", 1.1, "q4h"),
             "hydrocodone_apap_7.5_325.units_per_day", S::violation, V::violation},
            // 10/325: 1 tablet q4h = 6 tablets = hydrocodone 60 mg = 60 MME (mme.ge50 warning)
            {"10/325 1 tab q4h = 6 (at; 60 MME)", tabs("Norco 10/325", 1, "q4h"),
             "hydrocodone_apap_10_325.units_per_day", silent, V::warning},
            {"10/325 1 tab q5h = 4.8 (below)", tabs("hydrocodone_apap_10_325", 1, "q5h"),
             "hydrocodone_apap_10_325.units_per_day", silent, V::ok},
            // A stated PRN maximum caps only when lower than the schedule (contract decision 11).
            {"10/325 1 tab q3h prn max 7 (above)", tabs("hydrocodone_apap_10_325", 1, "q3h").prn(7),
             "hydrocodone_apap_10_325.units_per_day", S::violation, V::violation},
            {"10/325 1 tab q4h prn max 7: the schedule's 6 stands (at)",
             tabs("hydrocodone_apap_10_325", 1, "q4h").prn(7), "hydrocodone_apap_10_325.units_per_day",
             silent, V::warning},
            {"10/325 2 tab q8h = 6 tablets but 20 mg hydrocodone per dose", tabs("Norco 10/325", 2, "q8h"),
             "hydrocodone.single_max", S::violation, V::violation},
        });
    }

    TEST_CASE("tablets per day of different doses at different times: the day's sum (5/325 max 8)") {
        check_table({
            {"2 at breakfast, lunch and tea, 2 at bedtime = 8 (at; one dose)",
             C().sig("Norco 5/325 2 tabs at breakfast, lunchtime and teatime and 2 at bedtime"),
             "hydrocodone_apap_5_325.units_per_day", silent, V::warning},
            {"... 1 1/2 at bedtime = 7.5 (below; 2 x 4 = 8 if the largest dose counted at every time)",
             C().sig("Norco 5/325 2 tabs at breakfast, lunchtime and teatime and 1 1/2 at bedtime"),
             "hydrocodone_apap_5_325.units_per_day", silent, V::warning},
            {"1 at breakfast, 2 at lunch and tea, 2 1/2 at bedtime = 7.5 (below, with a single-dose "
             "violation)",
             C().sig("Norco 5/325 1 tab at breakfast, 2 at lunchtime and teatime and 2 1/2 at bedtime"),
             "hydrocodone_apap_5_325.units_per_day", silent, V::violation},
            {"2 at breakfast, lunch and tea, 2 1/2 at bedtime = 8.5 (above)",
             C().sig("Norco 5/325 2 tabs at breakfast, lunchtime and teatime and 2 1/2 at bedtime"),
             "hydrocodone_apap_5_325.units_per_day", S::violation, V::violation},
        });
        const auto r =
            C().sig("Norco 5/325 2 tabs at breakfast, lunchtime and teatime and 2 1/2 at bedtime").check();
        CHECK(test::only(r, "hydrocodone_apap_5_325.units_per_day").actual == doctest::Approx(8.5));
        CHECK(test::only(r, "hydrocodone.single_max").actual == doctest::Approx(12.5));
    }

    TEST_CASE("oxycodone/acetaminophen: no more often than every 6 hours; 7.5/325 max 8 tablets") {
        check_table({
            {"Percocet 5/325 1 tab q6h (at)", tabs("Percocet 5/325", 1, "q6h"),
             "oxycodone_apap_5_325.doses_per_day", silent, V::ok},
            {"5/325 1 tab q7h (below)", tabs("oxycodone_apap_5_325", 1, "q7h"),
             "oxycodone_apap_5_325.doses_per_day", silent, V::ok},
            {"5/325 1 tab q5h (above)", tabs("oxycodone_apap_5_325", 1, "q5h"),
             "oxycodone_apap_5_325.doses_per_day", S::violation, V::violation},
            {"7.5/325 1 tab q6h = 4 (below the 8-tablet limit; 45 MME)", tabs("Percocet 7.5/325", 1, "q6h"),
             "oxycodone_apap_7.5_325.units_per_day", silent, V::ok},
            // 2 tablets q6h = 8 tablets = oxycodone 60 mg = 90 MME
            {"7.5/325 2 tab q6h = 8 (at; 90 MME)", tabs("oxycodone_apap_7.5_325", 2, "q6h"),
             "oxycodone_apap_7.5_325.units_per_day", silent, V::violation},
            {"7.5/325 2.1 tab q6h = 8.4 (above)", tabs("oxycodone_apap_7.5_325", 2.1, "q6h"),
             "oxycodone_apap_7.5_325.units_per_day", S::violation, V::violation},
        });
    }

    TEST_CASE("acetaminophen is summed across a combination and plain acetaminophen: 3000 mg/day") {
        const std::string rule = "acetaminophen.cumulative.daily_max";
        // Norco 5/325 2 tablets q6h = 2600 mg acetaminophen (+ 40 MME)
        check_table({
            {"2600 + 400 = 3000 (at)", tabs("Norco 5/325", 2, "q6h").med("acetaminophen", 400, "mg", "daily"),
             rule, silent, V::ok},
            {"2600 + 399 = 2999 (below)",
             tabs("Norco 5/325", 2, "q6h").med("acetaminophen", 399, "mg", "daily"), rule, silent, V::ok},
            {"2600 + 401 = 3001 (above)", tabs("Norco 5/325", 2, "q6h").med("tylenol", 401, "mg", "daily"),
             rule, S::violation, V::violation},
            {"acetaminophen first, then Percocet: 1300 + 2000 = 3300",
             C().med("acetaminophen", 500, "mg", "q6h")
                 .med("Percocet 5/325", 1, "tablet", "q6h", 3)
                 .continuing(),
             rule, S::violation, V::violation},
            {"Tylenol #3 2 tab q6h + acetaminophen 600 mg daily = 3000 (at)",
             tabs("Tylenol #3", 2, "q6h").med("acetaminophen", 600, "mg", "daily"), rule, silent, V::ok},
            {"Tylenol #3 2 tab q6h + acetaminophen 601 mg daily (above)",
             tabs("Tylenol #3", 2, "q6h").med("acetaminophen", 601, "mg", "daily"), rule, S::violation,
             V::violation},
            {"two combination products: Norco 5/325 2 q6h + Ultracet 1 q6h = 3900",
             tabs("Norco 5/325", 2, "q6h").med("Ultracet", 1, "tablet", "q6h", 3).continuing(), rule,
             S::violation, V::violation},
        });
        const auto r = tabs("Norco 5/325", 2, "q6h").med("tylenol", 401, "mg", "daily").check();
        CHECK(test::only(r, rule).actual == doctest::Approx(3001));
    }

    TEST_CASE(
        "tramadol/acetaminophen: 8 tablets/day, 6 doses/day, 5 days; CrCl < 30: 4 tablets, every 12 hours") {
        check_table({
            // 2 tablets q6h = 8 tablets = tramadol 300 mg = 60 MME (mme.ge50 warning)
            {"2 tab q6h = 8 (at; 60 MME)", tabs("ultracet", 2, "q6h"), "tramadol_apap_37.5_325.units_per_day",
             silent, V::warning},
            {"1.9 tab q6h = 7.6 (below)", tabs("tramadol_apap_37.5_325", 1.9, "q6h"),
             "tramadol_apap_37.5_325.units_per_day", silent, V::warning},
            {"2.1 tab q6h = 8.4 (above)", tabs("tramadol_apap_37.5_325", 2.1, "q6h"),
             "tramadol_apap_37.5_325.units_per_day", S::violation, V::violation},
            {"1 tab q4h = 6 doses (at)", tabs("tramadol_apap_37.5_325", 1, "q4h"),
             "tramadol_apap_37.5_325.doses_per_day", silent, V::ok},
            {"1 tab q5h (below)", tabs("tramadol_apap_37.5_325", 1, "q5h"),
             "tramadol_apap_37.5_325.doses_per_day", silent, V::ok},
            {"1 tab q3h = 8 doses (above)", tabs("tramadol_apap_37.5_325", 1, "q3h"),
             "tramadol_apap_37.5_325.doses_per_day", S::violation, V::violation},
            {"1 tab q6h x 5 days (at)", tabs("tramadol_apap_37.5_325", 1, "q6h", 5),
             "tramadol_apap_37.5_325.duration_max", silent, V::ok},
            {"1 tab q6h x 4 days (below)", tabs("tramadol_apap_37.5_325", 1, "q6h", 4),
             "tramadol_apap_37.5_325.duration_max", silent, V::ok},
            {"1 tab q6h x 6 days (above)", tabs("tramadol_apap_37.5_325", 1, "q6h", 6),
             "tramadol_apap_37.5_325.duration_max", S::violation, V::violation},
            {"CrCl 29.9, 2 tab q12h = 4 (at)", tabs("tramadol_apap_37.5_325", 2, "q12h").crcl(29.9),
             "tramadol_apap_37.5_325.renal.crcl_lt30.units_per_day", silent, V::ok},
            {"CrCl 29.9, 1.9 tab q12h (below)", tabs("tramadol_apap_37.5_325", 1.9, "q12h").crcl(29.9),
             "tramadol_apap_37.5_325.renal.crcl_lt30.units_per_day", silent, V::ok},
            {"CrCl 29.9, 2.1 tab q12h = 4.2 (above)", tabs("tramadol_apap_37.5_325", 2.1, "q12h").crcl(29.9),
             "tramadol_apap_37.5_325.renal.crcl_lt30.units_per_day", S::violation, V::violation},
            {"CrCl 30, 2 tab q8h = 6: no renal limit", tabs("tramadol_apap_37.5_325", 2, "q8h").crcl(30),
             "tramadol_apap_37.5_325.renal.crcl_lt30.units_per_day", silent, V::ok},
            {"CrCl 29.9, 1 tab q12h (at)", tabs("tramadol_apap_37.5_325", 1, "q12h").crcl(29.9),
             "tramadol_apap_37.5_325.renal.crcl_lt30.doses_per_day", silent, V::ok},
            {"CrCl 29.9, 1 tab q8h (above)", tabs("tramadol_apap_37.5_325", 1, "q8h").crcl(29.9),
             "tramadol_apap_37.5_325.renal.crcl_lt30.doses_per_day", S::violation, V::violation},
            {"CrCl 30, 1 tab q8h", tabs("tramadol_apap_37.5_325", 1, "q8h").crcl(30),
             "tramadol_apap_37.5_325.renal.crcl_lt30.doses_per_day", silent, V::ok},
        });
    }

    TEST_CASE("naproxen sodium 220 mg = naproxen 200 mg base: limits are naproxen base") {
        check_table({
            {"naproxen sodium 550 mg daily = 500 base (at)", C().med("naproxen sodium", 550, "mg", "daily"),
             "naproxen.single_max", silent, V::ok},
            {"naproxen sodium 549 mg daily (below)", C().med("naproxen_sodium", 549, "mg", "daily"),
             "naproxen.single_max", silent, V::ok},
            {"naproxen sodium 551 mg daily = 500.9 base (above)",
             C().med("naproxen_sodium", 551, "mg", "daily"), "naproxen.single_max", S::violation,
             V::violation},
            {"Aleve 275 mg q6h = 1100 sodium = 1000 base (at)", C().med("aleve", 275, "mg", "q6h"),
             "naproxen.daily_max", silent, V::ok},
            {"naproxen sodium 274 mg q6h (below)", C().med("naproxen_sodium", 274, "mg", "q6h"),
             "naproxen.daily_max", silent, V::ok},
            {"naproxen sodium 276 mg q6h = 1003.6 base (above)", C().med("naproxen_sodium", 276, "mg", "q6h"),
             "naproxen.daily_max", S::violation, V::violation},
            {"Naproxen sodium 220 MG Oral Tablet, 2 tablet q12h = 800 base",
             C().med("Naproxen sodium 220 MG Oral Tablet", 2, "tablet", "q12h"), "naproxen.daily_max", silent,
             V::ok},
            {"Naproxen sodium 220 MG Oral Tablet, 2 tablet q8h = 1200 base",
             C().med("Naproxen sodium 220 MG Oral Tablet", 2, "tablet", "q8h"), "naproxen.daily_max",
             S::violation, V::violation},
        });
        const auto r = C().med("naproxen_sodium", 276, "mg", "q6h").check();
        CHECK(test::only(r, "naproxen.daily_max").actual == doctest::Approx(1104.0 * 200.0 / 220.0));
    }

    TEST_CASE("RxNorm clinical drug names resolve to the product key in any ingredient order") {
        struct Name {
            const char* text;
            const char* key;
        };
        for (const Name& n : {
                 Name{"Acetaminophen 325 MG / HYDROcodone Bitartrate 5 MG Oral Tablet",
                      "hydrocodone_apap_5_325"},
                 Name{"HYDROcodone Bitartrate 5 MG / Acetaminophen 325 MG Oral Tablet",
                      "hydrocodone_apap_5_325"},
                 Name{"Acetaminophen 325 MG / HYDROcodone Bitartrate 7.5 MG Oral Tablet",
                      "hydrocodone_apap_7.5_325"},
                 Name{"Acetaminophen 325 MG / HYDROcodone Bitartrate 10 MG Oral Tablet [Norco]",
                      "hydrocodone_apap_10_325"},
                 Name{"Acetaminophen 300 MG / HYDROcodone Bitartrate 5 MG Oral Tablet",
                      "hydrocodone_apap_5_300"},
                 Name{"Acetaminophen 325 MG / oxyCODONE Hydrochloride 5 MG Oral Tablet",
                      "oxycodone_apap_5_325"},
                 Name{"oxyCODONE Hydrochloride 10 MG / Acetaminophen 325 MG Oral Tablet",
                      "oxycodone_apap_10_325"},
                 Name{"Acetaminophen 300 MG / Codeine Phosphate 30 MG Oral Tablet", "codeine_apap_30_300"},
                 Name{"Codeine Phosphate 60 MG / Acetaminophen 300 MG Oral Tablet", "codeine_apap_60_300"},
                 Name{"Acetaminophen 325 MG / traMADol Hydrochloride 37.5 MG Oral Tablet",
                      "tramadol_apap_37.5_325"},
                 Name{"traMADol Hydrochloride 37.5 MG / Acetaminophen 325 MG Oral Tablet [Ultracet]",
                      "tramadol_apap_37.5_325"},
                 Name{"Hydrocodone Bitartrate 7.5 MG / Ibuprofen 200 MG Oral Tablet",
                      "hydrocodone_ibuprofen_7.5_200"},
                 Name{"Ibuprofen 200 MG / Hydrocodone Bitartrate 7.5 MG Oral Tablet",
                      "hydrocodone_ibuprofen_7.5_200"},
                 Name{"Naproxen sodium 220 MG Oral Tablet", "naproxen_sodium"},
                 Name{"Ibuprofen 400 MG Oral Tablet [Ibu]", "ibuprofen"},
                 Name{"Gabapentin 300 MG Oral Capsule", "gabapentin"},
                 Name{"DULoxetine 30 MG Delayed Release Oral Capsule", "duloxetine"},
                 Name{"12 HR Tapentadol 50 MG Extended Release Oral Tablet", "tapentadol_er"},
                 Name{"fentaNYL 0.025 MG/HR Transdermal System", "fentanyl"},
             }) {
            INFO(n.text);
            CHECK(key_of(n.text) == n.key);
        }
    }

    TEST_CASE("brand names resolve to their drug or product") {
        struct Name {
            const char* text;
            const char* key;
        };
        for (const Name& n : {
                 Name{"Norco 10/325", "hydrocodone_apap_10_325"},
                 Name{"Norco 5/325", "hydrocodone_apap_5_325"},
                 Name{"Norco 7.5/325", "hydrocodone_apap_7.5_325"},
                 Name{"Lortab 5/325", "hydrocodone_apap_5_325"},
                 Name{"Percocet 5/325", "oxycodone_apap_5_325"},
                 Name{"Percocet 10/325", "oxycodone_apap_10_325"},
                 Name{"Endocet 5/325", "oxycodone_apap_5_325"},
                 Name{"Tylenol #3", "codeine_apap_30_300"},
                 Name{"Tylenol with Codeine #4", "codeine_apap_60_300"},
                 Name{"Vicodin 5/300", "hydrocodone_apap_5_300"},
                 Name{"Ultracet", "tramadol_apap_37.5_325"},
                 Name{"Vicoprofen 7.5/200", "hydrocodone_ibuprofen_7.5_200"},
                 Name{"Tylenol", "acetaminophen"},
                 Name{"Aleve", "naproxen_sodium"},
                 Name{"Advil", "ibuprofen"},
                 Name{"Motrin", "ibuprofen"},
                 Name{"Neurontin", "gabapentin"},
                 Name{"Lyrica", "pregabalin"},
                 Name{"Cymbalta", "duloxetine"},
                 Name{"Elavil", "amitriptyline"},
                 Name{"Ultram", "tramadol"},
                 Name{"Nucynta", "tapentadol"},
                 Name{"Nucynta ER", "tapentadol_er"},
                 Name{"Dolophine", "methadone"},
                 Name{"Duragesic", "fentanyl"},
                 Name{"Butrans", "buprenorphine_patch"},
                 Name{"Belbuca", "buprenorphine_buccal"},
                 Name{"Robaxin", "methocarbamol"},
                 Name{"Zanaflex", "tizanidine"},
                 Name{"Lioresal", "baclofen"},
                 Name{"Soma", "carisoprodol"},
                 Name{"Skelaxin", "metaxalone"},
                 Name{"Relafen", "nabumetone"},
                 Name{"Lodine", "etodolac"},
                 Name{"Bayer", "aspirin"},
                 Name{"Ecotrin", "aspirin"},
                 Name{"Opana", "oxymorphone"},
                 Name{"Dilaudid", "hydromorphone"},
                 Name{"Flexeril", "cyclobenzaprine"},
             }) {
            INFO(n.text);
            CHECK(key_of(n.text) == n.key);
        }
    }

    TEST_CASE("an unknown combination strength is unknown_drug (unverifiable), never a guess") {
        for (const char* text : {"Acetaminophen 500 MG / HYDROcodone Bitartrate 5 MG Oral Tablet",
                                 "Acetaminophen 650 MG / oxyCODONE Hydrochloride 10 MG Oral Tablet",
                                 "Acetaminophen 325 MG / traMADol Hydrochloride 50 MG Oral Tablet"}) {
            const auto r = C().med(text, 1, "tablet", "q6h", 3).check();
            INFO(text, " | findings: ", test::list_findings(r));
            const auto f = test::only(r, "catalogue.unknown_drug");
            CHECK(f.kind == "unknown_drug");
            CHECK(f.severity == S::unverifiable);
            CHECK(r.verdict == V::unverifiable);
            CHECK(key_of(text).rfind("(unresolved", 0) == 0);
        }
    }

    TEST_CASE("'2 tablet' of a combination becomes its ingredient amounts") {
        // Tylenol #3 2 tablets q6h: codeine 240 mg/day (36 MME), acetaminophen 2400 mg/day
        const auto r = tabs("Tylenol #3", 2, "q6h").check();
        INFO(test::list_findings(r));
        REQUIRE(r.total_mme.has_value());
        CHECK(*r.total_mme == doctest::Approx(36));
        CHECK(r.verdict == V::ok);
        // 2 tablets of Tylenol #4 = codeine 120 mg per dose: above the 60 mg single maximum
        const auto four = tabs("Tylenol #4", 2, "q6h").check();
        INFO(test::list_findings(four));
        CHECK(test::only(four, "codeine.single_max").actual == doctest::Approx(120));
        CHECK(four.verdict == V::violation);
        // Percocet 5/325 2 tablets q6h: oxycodone 40 mg/day = 60 MME
        const auto perc = tabs("Percocet 5/325", 2, "q6h").check();
        REQUIRE(perc.total_mme.has_value());
        CHECK(*perc.total_mme == doctest::Approx(60));
        // RxNorm name with the strength in it, dosed in tablets: ibuprofen 400 mg x 2 = 800 mg per dose (at)
        const auto ibu = C().med("Ibuprofen 400 MG Oral Tablet [Ibu]", 2, "tablet", "tid").check();
        CHECK_FALSE(test::has_rule(ibu, "ibuprofen.single_max"));
        CHECK(ibu.verdict == V::ok);
        const auto ibu3 = C().med("Ibuprofen 400 MG Oral Tablet [Ibu]", 3, "tablet", "tid").check();
        CHECK(test::only(ibu3, "ibuprofen.single_max").actual == doctest::Approx(1200));
    }
}

TEST_SUITE("clinical::products tramadol/acetaminophen per dose and hepatic") {
    TEST_CASE("tramadol/acetaminophen: at most 2 tablets per dose") {
        check_table({
            {"2 tablets bid: at the per-dose limit", tabs("tramadol_apap_37.5_325", 2, "bid"),
             "tramadol_apap_37.5_325.units_per_dose", silent, V::ok},
            {"1 tablet bid: below", tabs("tramadol_apap_37.5_325", 1, "bid"),
             "tramadol_apap_37.5_325.units_per_dose", silent, V::ok},
            {"3 tablets bid: above (6 tablets/day stays within 8)", tabs("tramadol_apap_37.5_325", 3, "bid"),
             "tramadol_apap_37.5_325.units_per_dose", S::violation, V::violation},
        });
    }
    TEST_CASE("severe hepatic impairment limits the tramadol in tramadol/acetaminophen too") {
        auto severe = [](double tablets, const char* frequency) {
            return tabs("tramadol_apap_37.5_325", tablets, frequency).hepatic(model::Hepatic::severe);
        };
        check_table({
            // 1 tablet q12h: tramadol 37.5 mg per dose (<= 50), 75 mg/day (<= 100), 2 doses/day (<= 2).
            {"1 tablet q12h: tramadol 75 mg/day", severe(1, "q12h"), "tramadol.hepatic.severe.daily_max",
             silent, V::warning},
            {"2 tablets q12h: tramadol 75 mg per dose above 50", severe(2, "q12h"),
             "tramadol.hepatic.severe.single_max", S::violation, V::violation},
            {"1 tablet tid: 3 doses/day above 2", severe(1, "tid"), "tramadol.hepatic.severe.doses_per_day",
             S::violation, V::violation},
        });
    }

    TEST_CASE("two orders of one product add up for its tablets per day (decision 14)") {
        const auto two = [](double tablets, const char* first, const char* second) {
            return C()
                .med("hydrocodone_apap_5_325", 2, "tablet", first, 7)
                .continuing()
                .med("hydrocodone_apap_5_325", tablets, "tablet", second, 7)
                .continuing();
        };
        check_table({
            {"2 tab bid x2 = 8 (at)", two(2, "bid", "bid"), "hydrocodone_apap_5_325.units_per_day", silent,
             V::ok},
            {"2 tab bid + 1.5 tab bid = 7 (below)", two(1.5, "bid", "bid"),
             "hydrocodone_apap_5_325.units_per_day", silent, V::ok},
            {"2 tab bid + 2 tab tid = 10 (above)", two(2, "bid", "tid"),
             "hydrocodone_apap_5_325.units_per_day", S::violation, V::violation},
        });
    }
}
