#include <medcheck/batch/ingest.hpp>
#include <medcheck/batch/input.hpp>
#include <medcheck/check/engine.hpp>
#include <medcheck/util/error.hpp>

#include "support/fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <sstream>

using namespace medcheck;

namespace {

const char* const k_header = "patient_id,prescription_id,age,weight_kg,sex,crcl_ml_min,serum_creatinine_mg_"
                             "dl,hepatic,conditions,tried,drug,"
                             "dose,unit,route,frequency,duration_days,prn,max_doses_per_day,continuing\n";

batch::Ingest read_csv(const std::string& body, batch::IngestOptions options = {}) {
    batch::Ingest ingest(test::seeded_rules(), std::move(options));
    std::istringstream in(k_header + body);
    ingest.read(in, batch::Format::csv, 0, "t.csv:", {});
    return ingest;
}

void check_invariant(const batch::RecordCounts& c) {
    CHECK(c.read == c.checked + c.skipped + c.rejected);
}

} // namespace

TEST_SUITE("batch::Ingest") {
    TEST_CASE("at most 65,535 inputs: a record's location keeps the input in 16 bits") {
        CHECK_NOTHROW(batch::check_input_count(batch::k_max_inputs));
        CHECK_THROWS_AS(batch::check_input_count(batch::k_max_inputs + 1), util::Error);
        batch::Ingest ingest(test::seeded_rules(), {});
        CHECK_NOTHROW(ingest.add_input(batch::k_max_inputs - 1, "last.csv:"));
        CHECK_THROWS_AS(ingest.add_input(batch::k_max_inputs, "one-too-many.csv:"), util::Error);
    }
    TEST_CASE("rows of one patient need not be adjacent") {
        auto ingest = read_csv("P1,1,70,60,female,40,,none,,,ibuprofen,400,mg,oral,tid,5,false,,false\n"
                               "P2,2,40,80,male,100,,none,,,naproxen,500,mg,oral,bid,5,false,,false\n"
                               "P1,3,70,60,female,40,,none,,,naproxen,500,mg,oral,bid,5,false,,false\n");
        REQUIRE(ingest.store().size() == 2);
        const auto& p1 = ingest.store().at(0);
        CHECK(p1.id() == "P1");
        REQUIRE(p1.orders.size == 2);
        CHECK(std::uint64_t{ingest.store().orders_of(p1)[1].location.record} == 4);
        CHECK(p1.factors.age_years == 70);
        CHECK(p1.issues().empty());
        check_invariant(ingest.counts());
    }
    TEST_CASE("out-of-scope drugs are counted by name, near misses are kept") {
        auto ingest = read_csv("P1,1,70,60,female,40,,none,,,metformin,500,mg,oral,bid,,false,,true\n"
                               "P1,2,70,60,female,40,,none,,,Metformin,500,mg,oral,bid,,false,,true\n"
                               "P1,3,70,60,female,40,,none,,,cyclobenzaprin,5,mg,oral,tid,,false,,false\n");
        const auto& c = ingest.counts();
        CHECK(c.out_of_scope_by_drug.at("metformin") == 2);
        CHECK(c.skipped_by_reason.at("out_of_scope") == 2);
        CHECK(ingest.store().at(0).orders.size == 1);
        check_invariant(c);
    }
    TEST_CASE("--strict keeps out-of-scope orders") {
        batch::IngestOptions options;
        options.strict = true;
        auto ingest =
            read_csv("P1,1,70,60,female,40,,none,,,metformin,500,mg,oral,bid,,false,,true\n", options);
        CHECK(ingest.store().at(0).orders.size == 1);
        CHECK(ingest.counts().skipped == 0);
    }
    TEST_CASE("unreadable records are rejected; readable bad values become issues") {
        auto ingest =
            read_csv("P1,1,70,60,female,40,,none,,,ibuprofen,abc,mg,oral,tid,5,maybe,,false\n"
                     ",2,70,60,female,40,,none,,,ibuprofen,400,mg,oral,tid,5,false,,false\n"
                     "P3,3,70\n"
                     "P4,\"4\"x,70,60,female,40,,none,,,ibuprofen,400,mg,oral,tid,5,false,,false\n");
        const auto& c = ingest.counts();
        CHECK(c.rejected == 3);
        CHECK(c.checked == 1);
        REQUIRE(c.rejections.size() == 3);
        CHECK(c.rejections[0].location == "t.csv:3");
        CHECK(c.rejections[0].field == "patient_id");
        CHECK(c.rejections[1].reason == "expected 19 fields, found 3");
        const auto& issues = ingest.store().at(0).issues();
        REQUIRE(issues.size() == 2);
        CHECK(issues[0].field == "dose");
        CHECK(issues[0].message.find("'abc'") != std::string::npos);
        CHECK(issues[0].message.find("t.csv:2") != std::string::npos);
        CHECK(issues[1].field == "prn");
        check_invariant(c);
        // One bad value, one finding: the checker does not add "no dose given" beside it.
        REQUIRE(ingest.store().at(0).orders.size == 1);
        CHECK(ingest.store().orders_of(ingest.store().at(0)).at(0).dose_unreadable);
        const auto built = batch::build_case(ingest.store().at(0), ingest.store(), {}, {"t.csv:"});
        const auto result = check::check_case(built, test::seeded_rules());
        const auto about_dose =
            std::count_if(result.findings.begin(), result.findings.end(), [](const auto& f) {
                return f.message.find("dose") != std::string::npos && f.kind == "invalid_input";
            });
        CHECK(about_dose == 1);
        CHECK(result.verdict == model::Verdict::unverifiable);
    }
    TEST_CASE("repeated order cells read as the first time; each row's own issues name that row") {
        // The same order cells on every row (read once: CsvOrderMemo), per-row cells that differ.
        auto ingest = read_csv("P1,1,70,60,female,40,,none,,,ibuprofen,400,mg,oral,tid,5,false,,false\n"
                               "P2,2,40,80,male,100,,none,,,ibuprofen,400,mg,oral,tid,x,false,,false\n"
                               "P1,3,70,60,female,40,,none,,,ibuprofen,400,mg,oral,tid,,false,,false\n"
                               "P2,4,40,80,male,100,,none,,,ibuprofen,abc,mg,oral,tid,,false,,false\n"
                               "P2,5,40,80,male,100,,none,,,ibuprofen,abc,mg,oral,tid,,false,,false\n"
                               "P1,6,70,60,female,40,,none,,,metformin,500,mg,oral,bid,,false,,true\n"
                               "P2,7,40,80,male,100,,none,,,metformin,500,mg,oral,bid,,false,,true\n");
        const auto& c = ingest.counts();
        CHECK(c.checked == 5);
        CHECK(c.out_of_scope_by_drug.at("metformin") == 2);
        const auto& store = ingest.store();
        const auto p1 = store.orders_of(store.at(0));
        REQUIRE(p1.size() == 2);
        CHECK(p1[1].dose == 400);
        CHECK(store.strings.at(p1[1].drug) == "ibuprofen");
        CHECK(store.strings.at(p1[1].frequency) == "tid");
        CHECK(std::isnan(p1[1].duration_days));
        CHECK(p1[1].source_id == "3");
        const auto& issues = store.at(1).issues();
        REQUIRE(issues.size() == 3);
        CHECK(issues[0].field == "duration_days");
        CHECK(issues[0].message.find("t.csv:3") != std::string::npos);
        CHECK(issues[1].field == "dose");
        CHECK(issues[1].message.find("t.csv:5") != std::string::npos);
        CHECK(issues[2].message.find("t.csv:6") != std::string::npos);
        check_invariant(c);
    }
    TEST_CASE("the same order bytes under another header's columns are read by that header") {
        // One reader, two inputs: "400,2" is dose then max_doses_per_day in one, the other way round
        // in the other.
        batch::Ingest ingest(test::seeded_rules(), {});
        std::istringstream first("patient_id,drug,dose,max_doses_per_day,unit,frequency\n"
                                 "P1,ibuprofen,400,2,mg,bid\n");
        ingest.read(first, batch::Format::csv, 0, "a.csv:", {});
        std::istringstream second("patient_id,drug,max_doses_per_day,dose,unit,frequency\n"
                                  "P2,ibuprofen,400,2,mg,bid\n"
                                  "P2,\"ibuprofen\",400,2,mg,bid\n");
        ingest.read(second, batch::Format::csv, 1, "b.csv:", {});
        const auto& store = ingest.store();
        REQUIRE(store.size() == 2);
        const auto p1 = store.orders_of(store.at(0));
        const auto p2 = store.orders_of(store.at(1));
        REQUIRE(p1.size() == 1);
        REQUIRE(p2.size() == 2);
        CHECK(p1[0].dose == 400);
        CHECK(p1[0].max_doses_per_day == 2);
        for (const auto& order : p2) {
            CHECK(order.dose == 2);
            CHECK(order.max_doses_per_day == 400);
        }
    }
    TEST_CASE("a header without a required column rejects every row") {
        batch::Ingest ingest(test::seeded_rules(), {});
        std::istringstream in("patient_id,dose\nP1,5\nP2,6\n");
        ingest.read(in, batch::Format::csv, 0, "t.csv:", {});
        CHECK(ingest.counts().rejected == 2);
        CHECK(ingest.counts().rejections[0].field == "drug");
    }
    TEST_CASE("a sig column reads the order like a case's sig; a range is kept at its top") {
        batch::Ingest ingest(test::seeded_rules(), {});
        std::istringstream in("patient_id,prescription_id,drug,dose,unit,frequency,sig\n"
                              "P1,R1,,,,,Norco 10/325 1-2 tabs po q4-6h prn pain\n"
                              "P2,R2,naproxen,,,,500 mg twice daily for 2 weeks\n"
                              "P3,R3,naproxen,250,mg,,naproxen 500 mg bid\n"
                              "P4,R4,,,,,metformin 500 mg bid\n"
                              "P5,R5,metformin,,,,oxycodone 5 mg q6h\n"
                              "P6,R6,acetaminophen,1-2,tablet,every 4 to 6 hours as needed,\n"
                              "P7,R7,,,,,ibuprofen 400 mg q6h zzz\n"
                              "P8,R8,naproxen,500,mg,twice daily,naproxen 500 mg bid\n");
        ingest.read(in, batch::Format::csv, 0, "t.csv:", {});
        const auto& counts = ingest.counts();
        CHECK(counts.out_of_scope_by_drug.at("metformin") == 1); // P4 only: P5's sig names oxycodone
        CHECK(counts.checked == 7);
        check_invariant(counts);
        const auto order_of = [&](std::size_t patient) {
            auto built = batch::build_case(ingest.store().at(patient), ingest.store(), {}, {"t.csv:"});
            REQUIRE(built.medications.size() == 1);
            return built;
        };
        const auto norco = order_of(0);
        const auto& n = norco.medications[0];
        CHECK(n.drug == "Norco 10/325");
        CHECK(n.input == "Norco 10/325 1-2 tabs po q4-6h prn pain");
        CHECK(n.dose == doctest::Approx(2));
        CHECK(n.dose_min == doctest::Approx(1));
        CHECK(n.frequency == "q4-6h");
        CHECK(n.prn);
        CHECK(n.reference == "t.csv:2");
        CHECK(n.source_id == "R1");
        CHECK(n.ambiguities.empty());
        CHECK(norco.issues.empty());
        const auto naproxen = order_of(1);
        CHECK(naproxen.medications[0].drug == "naproxen"); // the sig names no drug: the drug cell does
        CHECK(naproxen.medications[0].duration_days == doctest::Approx(14));
        CHECK(naproxen.medications[0].ambiguities.empty());
        const auto clash = order_of(2);
        REQUIRE(clash.medications[0].ambiguities.size() == 1);
        CHECK(clash.medications[0].ambiguities[0] ==
              "the sig \"naproxen 500 mg bid\" and the fields disagree: dose 250");
        CHECK(ingest.store().at(3).orders.empty()); // P4: out of scope
        const auto named_twice = order_of(4);
        REQUIRE(named_twice.medications[0].ambiguities.size() == 1);
        CHECK(named_twice.medications[0].ambiguities[0].find("drug \"metformin\"") != std::string::npos);
        const auto range = order_of(5);
        CHECK(range.medications[0].dose == doctest::Approx(2));
        CHECK(range.medications[0].dose_min == doctest::Approx(1));
        CHECK(range.medications[0].frequency == "every 4 to 6 hours as needed"); // the engine reads it
        CHECK(range.issues.empty());
        const auto unknown_word = order_of(6);
        REQUIRE(unknown_word.issues.size() == 1);
        CHECK(unknown_word.issues[0].message ==
              "unrecognised word 'zzz' in \"ibuprofen 400 mg q6h zzz\" (t.csv:8)");
        CHECK(unknown_word.issues[0].order == 0);
        CHECK(order_of(7).medications[0].ambiguities.empty()); // fields that agree with the sig
    }
    TEST_CASE("a sig column may stand for the drug column; without either every row is rejected") {
        batch::Ingest ingest(test::seeded_rules(), {});
        std::istringstream in("patient_id,sig\nP1,ibuprofen 400 mg tid\n");
        ingest.read(in, batch::Format::csv, 0, "t.csv:", {});
        CHECK(ingest.counts().checked == 1);
        batch::Ingest neither(test::seeded_rules(), {});
        std::istringstream none("patient_id,dose\nP1,400\n");
        neither.read(none, batch::Format::csv, 0, "t.csv:", {});
        CHECK(neither.counts().rejected == 1);
    }
    TEST_CASE("--map renames export columns") {
        batch::IngestOptions options;
        options.column_map = {{"pid", "patient_id"}, {"medication", "drug"}};
        batch::Ingest ingest(test::seeded_rules(), options);
        std::istringstream in("pid,medication,dose,unit,frequency\nP1,ibuprofen,400,mg,tid\n");
        ingest.read(in, batch::Format::csv, 0, "t.csv:", {});
        REQUIRE(ingest.store().size() == 1);
        CHECK(ingest.store().at(0).orders.size == 1);
    }
    TEST_CASE("rows that disagree on patient values are reported") {
        auto ingest = read_csv("P1,1,70,60,female,40,,none,,,ibuprofen,400,mg,oral,tid,5,false,,false\n"
                               "P1,2,71,60,female,40,,none,,,naproxen,500,mg,oral,bid,5,false,,false\n");
        const auto& issues = ingest.store().at(0).issues();
        REQUIRE(issues.size() == 1);
        CHECK(issues[0].field == "age");
        // Named by their CSV columns, in column order; cells that differ only as text name no column.
        auto two = read_csv("P1,1,70,60,female,40,,none,,,ibuprofen,400,mg,oral,tid,5,false,,false\n"
                            "P1,2,71,60,male,40,,none,,,naproxen,500,mg,oral,bid,5,false,,false\n");
        REQUIRE(two.store().at(0).issues().size() == 1);
        CHECK(two.store().at(0).issues()[0].field == "age,sex");
        auto same = read_csv("P1,1,70,60,female,40,,none,,,ibuprofen,400,mg,oral,tid,5,false,,false\n"
                             "P1,2,70.0,60,female,40,,none,,,naproxen,500,mg,oral,bid,5,false,,false\n");
        REQUIRE(same.store().at(0).issues().size() == 1);
        CHECK(same.store().at(0).issues()[0].field == "patient columns");
    }
    TEST_CASE("rows of one patient compare by their trimmed cells, however each row was written") {
        // Read in place (a plain row), quoted, with spaces: the same cells.
        auto alike = read_csv("P1,1,70,60,female,40,,none,a;b,,ibuprofen,400,mg,oral,tid,5,false,,false\n"
                              "P1,2,\"70\",60,female,40,,none,a;b,,naproxen,500,mg,oral,bid,5,false,,false\n"
                              "P1,3,70, 60 ,female,40,,none,a;b ,,naproxen,500,mg,oral,bid,5,false,,false\n");
        CHECK(alike.store().at(0).issues().empty());
        // A space inside a cell (the row still read in place), and spaces around one: the same cells.
        auto spaced =
            read_csv("P1,1,70,60,female,40,,none,heart failure,,ibuprofen,400,mg,oral,tid,5,false,,false\n"
                     "P1,2,70,60,female,40,,none, heart failure\t,,naproxen,500,mg,oral,bid,5,false,,false\n"
                     "P1,3,70,60,female,40,,none,heart failure,,naproxen,500,mg,oral,bid,5,false,,false\n");
        CHECK(spaced.store().at(0).issues().empty());
        auto inner =
            read_csv("P1,1,70,60,female,40,,none,heart failure,,ibuprofen,400,mg,oral,tid,5,false,,false\n"
                     "P1,2,70,60,female,40,,none,heart  failure,,naproxen,500,mg,oral,bid,5,false,,false\n");
        REQUIRE(inner.store().at(0).issues().size() == 1);
        CHECK(inner.store().at(0).issues()[0].field == "conditions");
        // Patient columns shorter than a word: age alone.
        batch::Ingest short_span(test::seeded_rules(), {});
        std::istringstream short_rows(
            "patient_id,age,drug\nP1,70,ibuprofen\nP1, 70 ,naproxen\nP1,7 0,naproxen\n");
        short_span.read(short_rows, batch::Format::csv, 0, "t.csv:", {});
        REQUIRE(short_span.store().at(0).issues().size() == 1);
        CHECK(short_span.store().at(0).issues()[0].message.find("t.csv:4") != std::string::npos);
        // A quoted comma moves text from one cell to the next: different cells.
        auto moved =
            read_csv("P1,1,70,60,female,40,,none,\"a,b\",c,ibuprofen,400,mg,oral,tid,5,false,,false\n"
                     "P1,2,70,60,female,40,,none,a,\"b,c\",naproxen,500,mg,oral,bid,5,false,,false\n");
        REQUIRE(moved.store().at(0).issues().size() == 1);
        CHECK(moved.store().at(0).issues()[0].field == "conditions,tried");
        // Empty cells at the end of the patient columns, and a row that differs only there.
        auto tail = read_csv("P1,1,70,60,female,40,,none,,,ibuprofen,400,mg,oral,tid,5,false,,false\n"
                             "P1,2,70,60,female,40,,none,,x,naproxen,500,mg,oral,bid,5,false,,false\n");
        REQUIRE(tail.store().at(0).issues().size() == 1);
        CHECK(tail.store().at(0).issues()[0].field == "tried");
        // A space in the patient columns' last bytes (the word that overlaps the one before) or their
        // first: trimmed, the same cells; kept inside a cell, another one.
        auto ends = read_csv("P1,1,70,60,female,40,,none,,x,ibuprofen,400,mg,oral,tid,5,false,,false\n"
                             "P1,2,70,60,female,40,,none,,x ,naproxen,500,mg,oral,bid,5,false,,false\n"
                             "P1,3,\t70,60,female,40,,none,,x,naproxen,500,mg,oral,bid,5,false,,false\n"
                             "P1,4,70,60,female,40,,none,,x y,naproxen,500,mg,oral,bid,5,false,,false\n");
        REQUIRE(ends.store().at(0).issues().size() == 1);
        CHECK(ends.store().at(0).issues()[0].field == "tried");
        CHECK(ends.store().at(0).issues()[0].message.find("t.csv:5") != std::string::npos);
    }
    TEST_CASE("a row's cells are trimmed wherever its one space is, the line's first or last byte") {
        // A plain row without a byte up to a space is read without trimming; one with a space, a tab or
        // a form feed anywhere (here at its very ends) is trimmed as a quoted row is.
        for (const std::string& row :
             {std::string(" P1,1,70,60,female,40,,none,,,ibuprofen,400,mg,oral,tid,5,false,,false\t\n"),
              std::string("P1 ,1,70 ,60,female,40,,none,,,ibuprofen\f,400,mg,oral,tid,5,false,,false\n"),
              std::string("P1,1,70,60,female,40,,none,,,\"ibuprofen \",400,mg,oral,tid,5,false,, false\n"),
              std::string("P1,1,70,60,female,40,,none,,,ibuprofen,400,mg,oral,tid,5,false,,false\n")}) {
            CAPTURE(row);
            const auto ingest =
                read_csv(row + "P1,2,70,60,female,40,,none,,,ibuprofen,400,mg,oral,tid,5,false,,false\n");
            REQUIRE(ingest.store().size() == 1);
            const auto& store = ingest.store();
            CHECK(store.at(0).id() == "P1");
            CHECK(store.at(0).issues().empty());
            CHECK(store.at(0).factors.age_years == 70);
            const auto orders = store.orders_of(store.at(0));
            REQUIRE(orders.size() == 2);
            CHECK(store.strings.at(orders[0].drug) == "ibuprofen");
            CHECK(store.strings.at(orders[1].drug) == "ibuprofen");
            CHECK_FALSE(orders[0].continuing);
        }
    }
    TEST_CASE("unreadable cells: each message word for word, with the row's place") {
        batch::Ingest ingest(test::seeded_rules(), {});
        std::istringstream in("patient_id,age,drug,dose,unit,frequency,duration_days,prn,start\n"
                              "P1,x7,ibuprofen,400,mg,tid,soon,maybe,yesterday\n");
        ingest.read(in, batch::Format::csv, 0, "t.csv:", {});
        REQUIRE(ingest.store().size() == 1);
        std::vector<std::string> messages;
        for (const auto& issue : ingest.store().at(0).issues()) {
            messages.push_back(issue.field + ": " + issue.message);
        }
        std::sort(messages.begin(), messages.end());
        CHECK(messages == std::vector<std::string>{
                              "age: cannot read 'x7' as a number (t.csv:2)",
                              "duration_days: cannot read 'soon' as a number of days (t.csv:2)",
                              "prn: expected true or false, got 'maybe' (t.csv:2)",
                              "start: cannot read 'yesterday' as an ISO 8601 date or date-time; the order is "
                              "taken as concurrent with every other order (t.csv:2)"});
    }
    TEST_CASE("an unreadable patient cell is named by its CSV column") {
        auto ingest = read_csv("P1,1,70,sixty,female,40,,none,,,ibuprofen,400,mg,oral,tid,5,false,,false\n");
        const auto& issues = ingest.store().at(0).issues();
        REQUIRE(issues.size() == 1);
        CHECK(issues[0].field == "weight_kg");
        CHECK(issues[0].message.rfind("cannot read 'sixty' as a number", 0) == 0);
    }
    TEST_CASE("a dose cell with its unit: the unit column may be empty, or must agree") {
        auto ingest = read_csv(
            "P1,1,70,60,female,40,,none,,,acetaminophen,1000 mg,,oral,q6h,,false,,false\n"
            "P2,2,70,60,female,40,,none,,,acetaminophen,\"1,000 mg\",mg,oral,q6h,,false,,false\n"
            "P3,3,70,60,female,40,,none,,,acetaminophen 500 mg tablet,1-2 tabs,,oral,q6h,,false,,false\n"
            "P4,4,70,60,female,40,,none,,,acetaminophen,1 g,mg,oral,q6h,,false,,false\n"
            "P5,5,70,60,female,40,,none,,,acetaminophen,1000 mg q6h,,oral,q6h,,false,,false\n"
            "P6,6,70,60,female,40,,none,,,acetaminophen,1.000 mg,,oral,q6h,,false,,false\n");
        const auto& store = ingest.store();
        auto order = [&](std::size_t i) { return store.orders_of(store.at(i)).at(0); };
        CHECK(order(0).dose == 1000);
        CHECK(store.strings.at(order(0).unit) == "mg");
        CHECK(store.at(0).issues().empty());
        CHECK(order(1).dose == 1000);
        CHECK(store.strings.at(order(1).unit) == "mg");
        CHECK(order(2).dose == 2); // a range at its top, its bottom kept
        CHECK(order(2).dose_min == 1);
        CHECK(store.strings.at(order(2).unit) == "tabs");
        // The cell's unit and the column's disagree: not read, one finding naming both.
        CHECK(order(3).dose_unreadable);
        CHECK(std::isnan(order(3).dose));
        REQUIRE(store.at(3).issues().size() == 1);
        CHECK(store.at(3).issues()[0].message ==
              "the dose '1 g' and the unit column 'mg' disagree (t.csv:5)");
        // More than a dose and its unit, or a dot that may group thousands: not read.
        CHECK(order(4).dose_unreadable);
        CHECK(order(5).dose_unreadable);
        REQUIRE(store.at(5).issues().size() == 1);
        CHECK(store.at(5).issues()[0].message.find("thousands separator") != std::string::npos);
        // Checked as written: 1000 mg q6h = 4000 mg/day.
        const model::Case first = batch::build_case(store.at(0), store, {}, {"t.csv:"});
        CHECK(test::only(check::check_case(first, test::seeded_rules()), "acetaminophen.daily_max").actual ==
              4000);
    }
    TEST_CASE("a duration cell in words is read whole, at the top of a range") {
        auto ingest =
            read_csv("P1,1,70,60,female,40,,none,,,cyclobenzaprine,10,mg,oral,tid,4 weeks,false,,false\n"
                     "P2,2,70,60,female,40,,none,,,cyclobenzaprine,10,mg,oral,tid,x 14 days,false,,false\n"
                     "P3,3,70,60,female,40,,none,,,cyclobenzaprine,10,mg,oral,tid,1-3 weeks,false,,false\n"
                     "P4,4,70,60,female,40,,none,,,cyclobenzaprine,10,mg,oral,tid,a while,false,,false\n"
                     "P5,5,70,60,female,40,,none,,,cyclobenzaprine,10,mg,oral,tid,10 mg,false,,false\n");
        const auto& store = ingest.store();
        auto days = [&](std::size_t i) { return store.orders_of(store.at(i)).at(0).duration_days; };
        CHECK(days(0) == 28);
        CHECK(days(1) == 14);
        CHECK(days(2) == 21);
        for (std::size_t i : {std::size_t{3}, std::size_t{4}}) {
            CHECK(std::isnan(days(i)));
            REQUIRE(store.at(i).issues().size() == 1);
            CHECK(store.at(i).issues()[0].field == "duration_days");
        }
    }
    TEST_CASE("an unreadable frequency cell gives one finding, named by its column") {
        auto ingest =
            read_csv("P1,1,70,60,female,40,,none,,,ibuprofen,400,mg,oral,sometimes,5,false,,false\n"
                     "P2,2,70,60,female,40,,none,,,ibuprofen,400,mg,oral,q6h prn max 4/day,5,false,,false\n"
                     "P3,3,70,60,female,40,,none,,,ibuprofen,400,mg,oral,400 mg tid,5,false,,false\n");
        const auto& bad = ingest.store().at(0);
        REQUIRE(bad.issues().size() == 1);
        CHECK(bad.issues()[0].field == "frequency");
        CHECK(bad.issues()[0].message ==
              "unknown frequency 'sometimes'; dose rules for this order could not be checked (t.csv:2)");
        CHECK(bad.issues()[0].order == 0);
        CHECK(ingest.store().orders_of(bad).at(0).frequency_unreadable);
        // The whole sig vocabulary is a frequency here, as in the checker.
        CHECK(ingest.store().at(1).issues().empty());
        CHECK_FALSE(ingest.store().orders_of(ingest.store().at(1)).at(0).frequency_unreadable);
        // A dose in the frequency cell is not a frequency.
        CHECK(ingest.store().orders_of(ingest.store().at(2)).at(0).frequency_unreadable);

        // Checked: one unverifiable finding for the one bad value, not a second from the checker.
        const model::Case input = batch::build_case(bad, ingest.store(), {}, {"t.csv:"});
        const check::CheckResult result = check::check_case(input, test::seeded_rules());
        CHECK(result.verdict == model::Verdict::unverifiable);
        const auto frequency_findings =
            std::count_if(result.findings.begin(), result.findings.end(), [](const model::Finding& f) {
                return f.message.find("unknown frequency") != std::string::npos;
            });
        CHECK(frequency_findings == 1);
        // Without the reader's mark the checker reports it itself, as for a case file.
        model::Case unmarked = input;
        unmarked.medications[0].frequency_unreadable = false;
        unmarked.issues.clear();
        const check::CheckResult own = check::check_case(unmarked, test::seeded_rules());
        CHECK(std::count_if(own.findings.begin(), own.findings.end(), [](const model::Finding& f) {
                  return f.message.rfind("medications[0].frequency: unknown frequency 'sometimes'", 0) == 0;
              }) == 1);
    }
    TEST_CASE("FHIR: status filter, ages from birthDate, conditions by code, observations") {
        batch::Ingest ingest(test::seeded_rules(), {});
        std::istringstream in(
            R"({"resourceType":"MedicationRequest","id":"a","status":"completed","subject":{"reference":"Patient/p1"},"medicationCodeableConcept":{"text":"ibuprofen"}})"
            "\n"
            R"({"resourceType":"MedicationRequest","id":"b","status":"active","subject":{"reference":"Patient/p1"},"authoredOn":"2024-03-01","medicationCodeableConcept":{"text":"ibuprofen"}})"
            "\n"
            R"({"resourceType":"Patient","id":"p1","birthDate":"1950-06-15","gender":"female"})"
            "\n"
            R"({"resourceType":"Condition","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"I50.9"}]}})"
            "\n"
            R"({"resourceType":"Observation","status":"final","subject":{"reference":"Patient/p1"},"effectiveDateTime":"2024-01-01","code":{"coding":[{"system":"http://loinc.org","code":"2160-0"}]},"valueQuantity":{"value":1.0,"unit":"mg/dL"}})"
            "\n"
            R"({"resourceType":"Observation","status":"final","subject":{"reference":"Patient/p1"},"effectiveDateTime":"2024-02-01","code":{"coding":[{"system":"http://loinc.org","code":"2160-0"}]},"valueQuantity":{"value":2.0,"unit":"mg/dL"}})"
            "\n");
        ingest.read(in, batch::Format::fhir_ndjson, 0, "t.ndjson:", {});
        const auto& c = ingest.counts();
        CHECK(c.skipped_by_reason.at("status completed") == 1);
        check_invariant(c);
        REQUIRE(ingest.store().size() == 1);
        const auto& patient = ingest.store().at(0);
        const model::Case built = batch::build_case(patient, ingest.store(), {}, {"t.ndjson:"});
        CHECK(built.patient.age_years == 73);
        CHECK(built.patient.sex == model::Sex::female);
        CHECK(built.patient.serum_creatinine_mg_dl == 2.0);
        CHECK(built.patient.conditions == std::vector<std::string>{"heart_failure"});
        REQUIRE(built.medications.size() == 1);
        CHECK(built.medications[0].reference == "MedicationRequest/b");
        batch::CaseOptions as_of;
        as_of.as_of = 20000101;
        CHECK(batch::build_case(patient, ingest.store(), as_of, {"t.ndjson:"}).patient.age_years == 49);
    }
    TEST_CASE("FHIR: a dose with no unit counts the product's dose form (contract decision 12)") {
        // 2 of "Acetaminophen 500 MG Oral Tablet" four times a day is 8 tablets, 4000 mg/day: above 3000.
        // A product with no countable form (a solution) stays unverifiable for its missing unit.
        batch::Ingest ingest(test::seeded_rules(), {});
        const auto request = [](const char* id, const char* medication) {
            return std::string(R"({"resourceType":"MedicationRequest","id":")") + id +
                   R"(","status":"active","subject":{"reference":"Patient/)" + id +
                   R"("},"medicationCodeableConcept":{"text":")" + medication +
                   R"("},"dosageInstruction":[{"timing":{"repeat":{"frequency":4,"period":1,"periodUnit":"d"}},"doseAndRate":[{"doseQuantity":{"value":2}}]}]})"
                   "\n";
        };
        std::istringstream in(request("tab", "Acetaminophen 500 MG Oral Tablet") +
                              request("cap", "Acetaminophen 500 MG Oral Capsule") +
                              request("liquid", "Acetaminophen 32 MG/ML Oral Solution"));
        ingest.read(in, batch::Format::fhir_ndjson, 0, "t.ndjson:", {});
        REQUIRE(ingest.store().size() == 3);
        for (std::size_t i = 0; i < 3; ++i) {
            const auto& patient = ingest.store().at(i);
            const model::Case built = batch::build_case(patient, ingest.store(), {}, {"t.ndjson:"});
            const check::CheckResult r = check::check_case(built, test::seeded_rules());
            INFO(patient.id() << ": " << test::list_findings(r));
            if (patient.id() == "liquid") {
                CHECK(built.medications[0].unit.empty());
                CHECK(r.verdict == model::Verdict::unverifiable);
            } else {
                CHECK(built.medications[0].unit == (patient.id() == "tab" ? "tablet" : "capsule"));
                CHECK(test::only(r, "acetaminophen.daily_max").actual == 4000);
            }
        }
    }

    TEST_CASE("FHIR: conditions map by their codes, repeated lists of codes the same as the first time") {
        // Condition mappings are remembered per list of codes; every repeat must map as it did, and
        // lists that only differ in how their parts split must not share an answer.
        auto condition = [](const std::string& patient, const std::string& codings) {
            return R"({"resourceType":"Condition","subject":{"reference":"Patient/)" + patient +
                   R"("},"code":{"coding":[)" + codings + "]}}\n";
        };
        const std::string icd = R"("system":"http://hl7.org/fhir/sid/icd-10-cm")";
        const std::string text =
            condition("p1", "{" + icd + R"(,"code":"I50.9"})") +
            condition("p2", "{" + icd + R"(,"code":"Z99.9"})") +
            condition("p3", "{" + icd + R"(,"code":"I50.9"})") +
            condition("p4", "{" + icd + R"(,"code":"Z99.9"},{)" + icd + R"(,"code":"N18.3"})") +
            condition("p5", "{" + icd + R"(,"code":"Z99.9"})") +
            condition("p6", R"({"system":"icd10cm","code":"I50.9"})") +
            condition("p7", R"({"system":"icd","code":"10cmI50.9"})");
        batch::Ingest ingest(test::seeded_rules(), {});
        std::istringstream in(text);
        ingest.read(in, batch::Format::fhir_ndjson, 0, "t.ndjson:", {});
        const auto& c = ingest.counts();
        check_invariant(c);
        // p2, p5 (Z99.9) and p7 (an unknown system) are skipped.
        CHECK(c.skipped_by_reason.at("Condition code not in the rule database") == 3);
        auto conditions_of = [&](std::string_view id) {
            for (std::size_t i = 0; i < ingest.store().size(); ++i) {
                const auto& patient = ingest.store().at(i);
                if (patient.id() == id) {
                    return batch::build_case(patient, ingest.store(), {}, {"t.ndjson:"}).patient.conditions;
                }
            }
            return std::vector<std::string>{"(no such patient)"};
        };
        CHECK(conditions_of("p1") == std::vector<std::string>{"heart_failure"});
        CHECK(conditions_of("p3") == std::vector<std::string>{"heart_failure"});
        CHECK(conditions_of("p4") == std::vector<std::string>{"ckd"});
        CHECK(conditions_of("p6") == std::vector<std::string>{"heart_failure"});
        CHECK(conditions_of("p2") == std::vector<std::string>{"(no such patient)"});
    }
    TEST_CASE("format detection") {
        CHECK(batch::detect_format("patient_id,drug\n") == batch::Format::csv);
        CHECK(batch::detect_format("\xEF\xBB\xBF{\"resourceType\":\"Bundle\",\"entry\":[") ==
              batch::Format::fhir_bundle);
        CHECK(batch::detect_format("{\"resourceType\" : \"Patient\"}\n{") == batch::Format::fhir_ndjson);
    }
    TEST_CASE("dates") {
        CHECK(batch::parse_date("1950-06-15") == 19500615U);
        CHECK(batch::parse_date("1950") == 19500101U);
        CHECK_FALSE(batch::parse_date("1950-13-01"));
        CHECK_FALSE(batch::parse_date("abc"));
        CHECK(batch::age_years(19500615, 20240614) == 73);
        CHECK(batch::age_years(19500615, 20240615) == 74);
    }
}
