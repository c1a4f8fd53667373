#include <medcheck/io/sig.hpp>

#include <doctest/doctest.h>

using namespace medcheck;

namespace {

struct Parsed {
    model::MedicationOrder order;
    std::vector<model::InputIssue> issues;
};

Parsed parse(const std::string& sig) {
    Parsed p;
    p.order = io::parse_sig(sig, 0, "--med 1", p.issues);
    return p;
}

} // namespace

TEST_SUITE("io::sig") {
    TEST_CASE("the full grammar") {
        const auto p = parse("ibuprofen 400 mg po q6h prn max 3/day x 7d");
        CHECK(p.issues.empty());
        CHECK(p.order.drug == "ibuprofen");
        CHECK(p.order.dose == 400);
        CHECK(p.order.unit == "mg");
        CHECK(p.order.route == "oral");
        CHECK(p.order.frequency == "q6h");
        CHECK(p.order.prn);
        REQUIRE(p.order.max_stated);
        CHECK(p.order.max_stated->amount == 3);
        CHECK(p.order.max_stated->per_day() == 3);
        CHECK(p.order.max_stated->basis == sig::MaxBasis::doses);
        CHECK(p.order.duration_days == 7);
    }
    TEST_CASE("the design card examples") {
        const auto a = parse("cyclobenzaprine 10 mg tid x 14d");
        CHECK(a.issues.empty());
        CHECK(a.order.drug == "cyclobenzaprine");
        CHECK(a.order.duration_days == 14);
        CHECK(a.order.route.empty());
        const auto b = parse("acetaminophen 1 g q6h");
        CHECK(b.issues.empty());
        CHECK(b.order.dose == 1);
        CHECK(b.order.unit == "g");
    }
    TEST_CASE("multi-word drug names and glued units") {
        const auto p = parse("naproxen sodium 220mg bid");
        CHECK(p.order.drug == "naproxen sodium");
        CHECK(p.order.dose == 220);
        CHECK(p.order.unit == "mg");
    }
    TEST_CASE("a product strength is part of the drug name") {
        const auto p = parse("Norco 10/325 2 tablet q6h x 5d");
        CHECK(p.issues.empty());
        CHECK(p.order.drug == "Norco 10/325");
        CHECK(p.order.dose == 2);
        CHECK(p.order.unit == "tablet");
        CHECK(p.order.frequency == "q6h");
        CHECK(parse("tylenol #3 1 tablet q4h").order.drug == "tylenol #3");
    }
    TEST_CASE("weeks and spelled durations") {
        CHECK(parse("diazepam 2 mg bid x 2w").order.duration_days == 14);
        CHECK(parse("diazepam 2 mg bid x 3 weeks").order.duration_days == 21);
        CHECK(parse("diazepam 2 mg bid x14d").order.duration_days == 14);
        CHECK(parse("diazepam 2 mg bid for 5 days").order.duration_days == 5);
    }
    TEST_CASE("patch rate and route") {
        const auto p = parse("fentanyl 25 mcg/h td q72h");
        CHECK(p.order.unit == "mcg/h");
        CHECK(p.order.route == "transdermal");
        CHECK(p.order.frequency == "q72h");
    }
    TEST_CASE("continuing marker") {
        CHECK(parse("tramadol 50 mg q6h continuing").order.continuing);
    }
    TEST_CASE("negative dose is kept so the checker can report it") {
        CHECK(parse("ibuprofen -400 mg q6h").order.dose == -400);
    }
    TEST_CASE("what cannot be read is an issue") {
        SUBCASE("no dose: the checker's to report, for a drug whose dose a rule reads (decision 16)") {
            const auto p = parse("ibuprofen");
            CHECK(p.issues.empty());
            CHECK_FALSE(p.order.dose);
        }
        SUBCASE("unreadable dose") {
            const auto p = parse("ibuprofen abc mg q6h");
            CHECK_FALSE(p.issues.empty());
            CHECK_FALSE(p.order.dose);
            CHECK(p.order.drug == "ibuprofen");
        }
        SUBCASE("trailing junk") {
            CHECK_FALSE(parse("ibuprofen 400 mg q6h banana").issues.empty());
        }
        SUBCASE("bad duration") {
            CHECK_FALSE(parse("ibuprofen 400 mg q6h x lots").issues.empty());
        }
        SUBCASE("empty: no drug, which the checker reports") {
            CHECK(parse("").order.drug.empty());
        }
    }
}

TEST_SUITE("io::sig") {
    TEST_CASE(
        "a duration counted from doses or a quantity dispensed is dropped when the order is as needed") {
        // "1 tab tid #60" lasts 20 days taken as scheduled; as needed (a PRN field beside the sig) it may
        // last longer, so the order has no duration (a duration rule then says it is not stated).
        std::vector<model::InputIssue> issues;
        model::MedicationOrder given;
        given.prn = true;
        const io::FieldsBesideSig beside{};
        CHECK_FALSE(
            io::order_from_sig("cyclobenzaprine 5 mg tablet 1 tab tid #60", given, beside, 0, "row", issues)
                .duration_days);
        CHECK_FALSE(io::order_from_sig("cyclobenzaprine 5 mg tablet 1 tab tid x 60 doses", given, beside, 0,
                                       "row", issues)
                        .duration_days);
        // A stated duration stays; scheduled, the count gives one.
        CHECK(io::order_from_sig("cyclobenzaprine 5 mg tablet 1 tab tid x 14 days #60", given, beside, 0,
                                 "row", issues)
                  .duration_days == 14);
        given.prn = false;
        CHECK(io::order_from_sig("cyclobenzaprine 5 mg tablet 1 tab tid #60", given, beside, 0, "row", issues)
                  .duration_days == 20);
        bool counted = false;
        io::parse_sig("cyclobenzaprine 5 mg tablet 1 tab tid #60", 0, "row", issues, &counted);
        CHECK(counted);
        io::parse_sig("cyclobenzaprine 5 mg tablet 1 tab tid x 20 days", 0, "row", issues, &counted);
        CHECK_FALSE(counted);
    }
}
