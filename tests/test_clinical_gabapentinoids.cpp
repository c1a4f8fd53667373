// Gabapentin and pregabalin: the renal bands at every edge (CrCl 14.9 / 15 / 29.9 / 30 / 59.9 / 60,
// half-open [min, max)), each band's daily limit at, just below and just above, start doses by band,
// opioid + gabapentinoid, gabapentin + pregabalin and the COPD caution (seed 20, 30, 40, 50, 60).
// Band rows use continuing regimens so that start-dose rules do not add findings.
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

// A continuing gabapentinoid at a given CrCl, written as a daily total split in the band's regimen.
CaseBuilder cont(const char* drug, double crcl, double dose, const char* frequency) {
    return C().crcl(crcl).med(drug, dose, "mg", frequency).continuing();
}

struct Band {
    double crcl;           // the edge tested
    const char* rule;      // the band's rule id (or the adult daily maximum for >= 60)
    const char* frequency; // the band's regimen
    double per_dose_at;    // dose that reaches the band limit exactly
};

void check_band(const char* drug, const Band& b, double doses_per_day) {
    const std::string at = std::string(drug) + " CrCl " + std::to_string(b.crcl) + " ";
    const double limit = b.per_dose_at * doses_per_day;
    check_table({
        {at + "at " + std::to_string(limit), cont(drug, b.crcl, b.per_dose_at, b.frequency), b.rule, silent,
         V::ok},
        {at + "just below", cont(drug, b.crcl, b.per_dose_at - 0.1, b.frequency), b.rule, silent, V::ok},
        {at + "just above", cont(drug, b.crcl, b.per_dose_at + 0.1, b.frequency), b.rule, S::violation,
         V::violation},
    });
}

} // namespace

TEST_SUITE("clinical::gabapentinoids") {
    TEST_CASE("gabapentin: 1200 mg per dose, 3600 mg/day, 3 doses/day at CrCl >= 60") {
        check_table({
            {"1200 mg tid (at)", cont("gabapentin", 100, 1200, "tid"), "gabapentin.single_max", silent,
             V::ok},
            {"1199.9 mg tid (below)", cont("gabapentin", 100, 1199.9, "tid"), "gabapentin.single_max", silent,
             V::ok},
            {"1200.1 mg bid (above)", cont("gabapentin", 100, 1200.1, "bid"), "gabapentin.single_max",
             S::violation, V::violation},
            {"300 mg q8h = 3 doses (at)", cont("gabapentin", 100, 300, "q8h"), "gabapentin.doses_per_day",
             silent, V::ok},
            {"300 mg q9h (below)", cont("gabapentin", 100, 300, "q9h"), "gabapentin.doses_per_day", silent,
             V::ok},
            {"300 mg q6h = 4 doses (above)", cont("gabapentin", 100, 300, "q6h"), "gabapentin.doses_per_day",
             S::violation, V::violation},
        });
    }

    TEST_CASE("gabapentin renal bands: >= 60 3600, [30, 60) 1400, [15, 30) 700, < 15 300 mg/day") {
        for (const Band& b : {
                 Band{60, "gabapentin.daily_max", "tid", 1200},
                 Band{100, "gabapentin.daily_max", "tid", 1200},
                 Band{59.9, "gabapentin.renal.crcl_30_59", "bid", 700},
                 Band{30, "gabapentin.renal.crcl_30_59", "bid", 700},
                 Band{29.9, "gabapentin.renal.crcl_15_29", "daily", 700},
                 Band{15, "gabapentin.renal.crcl_15_29", "daily", 700},
                 Band{14.9, "gabapentin.renal.crcl_lt15", "daily", 300},
                 Band{5, "gabapentin.renal.crcl_lt15", "daily", 300},
             }) {
            const double per_day = std::string(b.frequency) == "tid"   ? 3
                                   : std::string(b.frequency) == "bid" ? 2
                                                                       : 1;
            check_band("gabapentin", b, per_day);
        }
        // A dose above a band's limit does not fire the neighbouring band's rule.
        check_table({
            {"CrCl 60, 700.1 mg bid: not the 30-59 band", cont("gabapentin", 60, 700.1, "bid"),
             "gabapentin.renal.crcl_30_59", silent, V::ok},
            {"CrCl 29.9, 700.1 mg bid: the 15-29 band, not the 30-59 band",
             cont("gabapentin", 29.9, 700.1, "bid"), "gabapentin.renal.crcl_30_59", silent, V::violation},
            {"CrCl 15, 300.1 mg daily: not the < 15 band", cont("gabapentin", 15, 300.1, "daily"),
             "gabapentin.renal.crcl_lt15", silent, V::ok},
            {"CrCl 14.9, 700 mg daily: not the 15-29 band", cont("gabapentin", 14.9, 700, "daily"),
             "gabapentin.renal.crcl_15_29", silent, V::violation},
        });
    }

    TEST_CASE("pregabalin: 300 mg per dose, 600 mg/day, 3 doses/day at CrCl >= 60") {
        check_table({
            {"300 mg bid (at)", cont("pregabalin", 100, 300, "bid"), "pregabalin.single_max", silent, V::ok},
            {"299.9 mg bid (below)", cont("pregabalin", 100, 299.9, "bid"), "pregabalin.single_max", silent,
             V::ok},
            {"300.1 mg daily (above)", cont("pregabalin", 100, 300.1, "daily"), "pregabalin.single_max",
             S::violation, V::violation},
            {"75 mg q8h = 3 doses (at)", cont("pregabalin", 100, 75, "q8h"), "pregabalin.doses_per_day",
             silent, V::ok},
            {"75 mg q9h (below)", cont("pregabalin", 100, 75, "q9h"), "pregabalin.doses_per_day", silent,
             V::ok},
            {"75 mg q6h = 4 doses (above)", cont("pregabalin", 100, 75, "q6h"), "pregabalin.doses_per_day",
             S::violation, V::violation},
        });
    }

    TEST_CASE("pregabalin renal bands: >= 60 600, [30, 60) 300, [15, 30) 150, < 15 75 mg/day") {
        for (const Band& b : {
                 Band{60, "pregabalin.daily_max", "bid", 300},
                 Band{100, "pregabalin.daily_max", "tid", 200},
                 Band{59.9, "pregabalin.renal.crcl_30_59", "bid", 150},
                 Band{30, "pregabalin.renal.crcl_30_59", "tid", 100},
                 Band{29.9, "pregabalin.renal.crcl_15_29", "bid", 75},
                 Band{15, "pregabalin.renal.crcl_15_29", "daily", 150},
                 Band{14.9, "pregabalin.renal.crcl_lt15", "daily", 75},
                 Band{5, "pregabalin.renal.crcl_lt15", "daily", 75},
             }) {
            const double per_day = std::string(b.frequency) == "tid"   ? 3
                                   : std::string(b.frequency) == "bid" ? 2
                                                                       : 1;
            check_band("pregabalin", b, per_day);
        }
        check_table({
            {"CrCl 60, 150.1 mg bid: not the 30-59 band", cont("pregabalin", 60, 150.1, "bid"),
             "pregabalin.renal.crcl_30_59", silent, V::ok},
            {"CrCl 29.9, 150.1 mg bid: the 15-29 band, not the 30-59 band",
             cont("pregabalin", 29.9, 150.1, "bid"), "pregabalin.renal.crcl_30_59", silent, V::violation},
            {"CrCl 15, 75.1 mg daily: not the < 15 band", cont("pregabalin", 15, 75.1, "daily"),
             "pregabalin.renal.crcl_lt15", silent, V::ok},
            {"CrCl 14.9, 150 mg daily: not the 15-29 band", cont("pregabalin", 14.9, 150, "daily"),
             "pregabalin.renal.crcl_15_29", silent, V::violation},
        });
    }

    TEST_CASE(
        "gabapentin new starts: 300 mg / 900 mg/day (info); 300 mg/day with CrCl < 60 or from 65 (warning)") {
        check_table({
            {"new 300 mg tid = 900 (at)", C().med("gabapentin", 300, "mg", "tid"), "gabapentin.start.daily",
             silent, V::ok},
            {"new 299.9 mg tid (below)", C().med("gabapentin", 299.9, "mg", "tid"), "gabapentin.start.daily",
             silent, V::ok},
            {"new 300.1 mg tid (above)", C().med("gabapentin", 300.1, "mg", "tid"), "gabapentin.start.daily",
             S::info, V::ok},
            {"new 300.1 mg tid: single start (info)", C().med("gabapentin", 300.1, "mg", "tid"),
             "gabapentin.start.single", S::info, V::ok},
            {"CrCl 59.9, new 100 mg tid = 300 (at)", C().crcl(59.9).med("gabapentin", 100, "mg", "tid"),
             "gabapentin.start.renal", silent, V::ok},
            {"CrCl 59.9, new 99.9 mg tid (below)", C().crcl(59.9).med("gabapentin", 99.9, "mg", "tid"),
             "gabapentin.start.renal", silent, V::ok},
            {"CrCl 59.9, new 100.1 mg tid (above)", C().crcl(59.9).med("gabapentin", 100.1, "mg", "tid"),
             "gabapentin.start.renal", S::warning, V::warning},
            {"CrCl 14.9, new 300.1 mg daily (above; also the < 15 band)",
             C().crcl(14.9).med("gabapentin", 300.1, "mg", "daily"), "gabapentin.start.renal", S::warning,
             V::violation},
            {"CrCl 60, new 100.1 mg tid: no renal start", C().crcl(60).med("gabapentin", 100.1, "mg", "tid"),
             "gabapentin.start.renal", silent, V::ok},
            {"CrCl 59.9, continuing 300 mg bid",
             C().crcl(59.9).med("gabapentin", 300, "mg", "bid").continuing(), "gabapentin.start.renal",
             silent, V::ok},
            {"65 y, new 100 mg tid (at)", C().age(65).med("gabapentin", 100, "mg", "tid"),
             "gabapentin.start.age65", silent, V::ok},
            {"65 y, new 100.1 mg tid (above)", C().age(65).med("gabapentin", 100.1, "mg", "tid"),
             "gabapentin.start.age65", S::warning, V::warning},
            {"64 y, new 300 mg tid", C().age(64).med("gabapentin", 300, "mg", "tid"),
             "gabapentin.start.age65", silent, V::ok},
        });
    }

    TEST_CASE("pregabalin new starts by band: >= 60 150 (info); [30, 60) 75, [15, 30) 50, < 15 25 mg/day "
              "(violation)") {
        struct Start {
            double crcl;
            const char* rule;
            double per_dose_at; // bid
            std::optional<S> severity;
        };
        for (const Start& s : {
                 Start{60, "pregabalin.start.daily", 75, S::info},
                 Start{59.9, "pregabalin.start.crcl_30_59", 37.5, S::violation},
                 Start{30, "pregabalin.start.crcl_30_59", 37.5, S::violation},
                 Start{29.9, "pregabalin.start.crcl_15_29", 25, S::violation},
                 Start{15, "pregabalin.start.crcl_15_29", 25, S::violation},
                 Start{14.9, "pregabalin.start.crcl_lt15", 12.5, S::violation},
             }) {
            const std::string at = "CrCl " + std::to_string(s.crcl) + " new pregabalin bid ";
            const V above = *s.severity == S::info ? V::ok : V::violation;
            check_table({
                {at + "at", C().crcl(s.crcl).med("pregabalin", s.per_dose_at, "mg", "bid"), s.rule, silent,
                 V::ok},
                {at + "just below", C().crcl(s.crcl).med("pregabalin", s.per_dose_at - 0.1, "mg", "bid"),
                 s.rule, silent, V::ok},
                {at + "just above", C().crcl(s.crcl).med("pregabalin", s.per_dose_at + 0.1, "mg", "bid"),
                 s.rule, s.severity, above},
                {at + "continuing, above",
                 C().crcl(s.crcl).med("pregabalin", s.per_dose_at + 0.1, "mg", "bid").continuing(), s.rule,
                 silent, V::ok},
            });
        }
        check_table({
            {"CrCl 60, new 37.6 mg bid: not the 30-59 start",
             C().crcl(60).med("pregabalin", 37.6, "mg", "bid"), "pregabalin.start.crcl_30_59", silent, V::ok},
            {"CrCl 29.9, new 37.5 mg bid: the 15-29 start, not the 30-59 one",
             C().crcl(29.9).med("pregabalin", 37.5, "mg", "bid"), "pregabalin.start.crcl_30_59", silent,
             V::violation},
            {"65 y, new 37.5 mg bid = 75 (at)", C().age(65).med("pregabalin", 37.5, "mg", "bid"),
             "pregabalin.start.age65", silent, V::ok},
            {"65 y, new 37.6 mg bid (above)", C().age(65).med("pregabalin", 37.6, "mg", "bid"),
             "pregabalin.start.age65", S::warning, V::warning},
        });
    }

    TEST_CASE("opioid + gabapentinoid: warning, either order") {
        const std::string rule = "opioid.gabapentinoid";
        // oxycodone 5 mg q6h = 30 MME, continuing: no start or MME findings above info
        check_table({
            {"oxycodone + gabapentin",
             C().med("oxycodone", 5, "mg", "q6h", 7)
                 .continuing()
                 .med("gabapentin", 300, "mg", "tid")
                 .continuing(),
             rule, S::warning, V::warning},
            {"gabapentin + oxycodone",
             C().med("gabapentin", 300, "mg", "tid")
                 .continuing()
                 .med("oxycodone", 5, "mg", "q6h", 7)
                 .continuing(),
             rule, S::warning, V::warning},
            {"tramadol + pregabalin",
             C().med("tramadol", 50, "mg", "q6h", 7)
                 .continuing()
                 .med("pregabalin", 75, "mg", "bid")
                 .continuing(),
             rule, S::warning, V::warning},
            {"pregabalin + tramadol",
             C().med("lyrica", 75, "mg", "bid").continuing().med("ultram", 50, "mg", "q6h", 7).continuing(),
             rule, S::warning, V::warning},
            {"gabapentin alone", C().med("gabapentin", 300, "mg", "tid").continuing(), rule, silent, V::ok},
        });
    }

    TEST_CASE("gabapentin + pregabalin: duplicate therapy violation, either order") {
        const std::string rule = "gabapentinoid.duplicate";
        check_table({
            {"gabapentin + pregabalin",
             C().med("gabapentin", 300, "mg", "tid")
                 .continuing()
                 .med("pregabalin", 75, "mg", "bid")
                 .continuing(),
             rule, S::violation, V::violation},
            {"pregabalin + gabapentin",
             C().med("pregabalin", 75, "mg", "bid")
                 .continuing()
                 .med("neurontin", 300, "mg", "tid")
                 .continuing(),
             rule, S::violation, V::violation},
            {"pregabalin alone", C().med("pregabalin", 75, "mg", "bid").continuing(), rule, silent, V::ok},
        });
    }

    TEST_CASE("gabapentinoid cautions: COPD, misuse, falls (Beers), pregabalin in heart failure, depression "
              "(info)") {
        for (const char* drug : {"gabapentin", "pregabalin"}) {
            const double dose = std::string(drug) == "gabapentin" ? 300 : 75;
            const auto order = [&](CaseBuilder c) { return c.med(drug, dose, "mg", "bid").continuing(); };
            check_table({
                {std::string(drug) + ", COPD", order(C().condition("copd")), "gabapentinoid.caution.copd",
                 S::warning, V::warning},
                {std::string(drug) + ", no COPD", order(C()), "gabapentinoid.caution.copd", silent, V::ok},
                {std::string(drug) + ", substance use disorder",
                 order(C().condition("substance_use_disorder")),
                 "gabapentinoid.caution.substance_use_disorder", S::warning, V::warning},
                {std::string(drug) + ", opioid use disorder", order(C().condition("opioid_use_disorder")),
                 "gabapentinoid.caution.opioid_use_disorder", S::warning, V::warning},
                {std::string(drug) + ", 70 y with falls", order(C().age(70).condition("falls_history")),
                 "gabapentinoid.beers.falls_history", S::warning, V::warning},
                {std::string(drug) + ", 40 y with falls", order(C().condition("falls_history")),
                 "gabapentinoid.beers.falls_history", silent, V::ok},
                {std::string(drug) + ", depression", order(C().condition("depression")),
                 "gabapentinoid.caution.depression", S::info, V::ok},
            });
        }
        check_table({
            {"pregabalin, heart failure",
             C().condition("heart_failure").med("pregabalin", 75, "mg", "bid").continuing(),
             "pregabalin.caution.heart_failure", S::warning, V::warning},
            {"gabapentin, heart failure",
             C().condition("heart_failure").med("gabapentin", 300, "mg", "bid").continuing(),
             "pregabalin.caution.heart_failure", silent, V::ok},
        });
    }

    TEST_CASE("two orders of one gabapentinoid add up for its daily limits (decision 14)") {
        check_table({
            {"gabapentin 1200 bid + 1200 daily = 3600 (at)",
             C().med("gabapentin", 1200, "mg", "bid").med("gabapentin", 1200, "mg", "daily"),
             "gabapentin.daily_max", silent, V::ok},
            {"gabapentin 1190 bid + 1200 daily = 3580 (below)",
             C().med("gabapentin", 1190, "mg", "bid").med("gabapentin", 1200, "mg", "daily"),
             "gabapentin.daily_max", silent, V::ok},
            {"gabapentin 1200 bid + 1210 daily = 3610 (above)",
             C().med("gabapentin", 1200, "mg", "bid").med("gabapentin", 1210, "mg", "daily"),
             "gabapentin.daily_max", S::violation, V::violation},
            {"gabapentin 1200 tid x2 = 7200",
             C().med("gabapentin", 1200, "mg", "tid").med("gabapentin", 1200, "mg", "tid"),
             "gabapentin.daily_max", S::violation, V::violation},
            {"gabapentin bid + daily = 3 doses (at)",
             C().med("gabapentin", 300, "mg", "bid").med("gabapentin", 300, "mg", "daily"),
             "gabapentin.doses_per_day", silent, V::ok},
            {"gabapentin bid x2 = 4 doses (above)",
             C().med("gabapentin", 300, "mg", "bid").med("gabapentin", 300, "mg", "bid"),
             "gabapentin.doses_per_day", S::violation, V::violation},
            {"pregabalin 300 daily x2 = 600 (at)",
             C().med("pregabalin", 300, "mg", "daily").med("pregabalin", 300, "mg", "daily"),
             "pregabalin.daily_max", silent, V::ok},
            {"pregabalin 299 daily x2 = 598 (below)",
             C().med("pregabalin", 299, "mg", "daily").med("pregabalin", 299, "mg", "daily"),
             "pregabalin.daily_max", silent, V::ok},
            {"pregabalin 301 daily x2 = 602 (above)",
             C().med("pregabalin", 301, "mg", "daily").med("pregabalin", 301, "mg", "daily"),
             "pregabalin.daily_max", S::violation, V::violation},
            {"pregabalin 300 bid x2 = 1200",
             C().med("pregabalin", 300, "mg", "bid").med("pregabalin", 300, "mg", "bid"),
             "pregabalin.daily_max", S::violation, V::violation},
        });
    }
}
