#include <medcheck/batch/ingest.hpp>
#include <medcheck/batch/parallel_csv.hpp>

#include "support/fixture.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace medcheck;

namespace {

const char* const k_owned_header =
    "patient_id,prescription_id,age,weight_kg,sex,crcl_ml_min,serum_creatinine_mg_"
    "dl,hepatic,conditions,tried,drug,"
    "dose,unit,route,frequency,duration_days,prn,max_doses_per_day,continuing\n";

// Rows that exercise everything a reader decides per record: patients scattered through the file,
// rows of one patient that disagree, unreadable values, out-of-scope names, rejected records.
std::string owned_tricky_rows(int rows) {
    const char* drugs[] = {"ibuprofen",    "metformin",      "acetaminophen",
                           "atorvastatin", "cyclobenzaprin", "naproxen"};
    std::string csv;
    for (int i = 0; i < rows; ++i) {
        const int patient = (i * 7919) % 97;
        const std::string id = "P" + std::to_string(patient);
        switch (i % 11) {
        case 3:
            csv += id + ",R" + std::to_string(i) + ",70\n"; // too few fields: rejected
            break;
        case 5:
            csv += ",R" + std::to_string(i) +
                   ",70,60,female,40,,none,,,ibuprofen,400,mg,oral,tid,5,false,,false\n";
            break;
        case 7: // a later row of the patient with other values
            csv += id + ",R" + std::to_string(i) +
                   ",71,sixty,female,40,,none,,,naproxen,500,mg,oral,bid,5,false,,false\n";
            break;
        default:
            csv += id + ",R" + std::to_string(i) + "," + std::to_string(60 + patient % 30) +
                   ",70,male,80,,mild,,," + drugs[i % 6] + "," + std::to_string(100 * (1 + i % 9)) +
                   ",mg,oral,q6h," + (i % 13 == 0 ? "x" : "5") + ",false,,false\n";
        }
    }
    return csv;
}

void check_owned_same(const batch::RecordCounts& a, const batch::RecordCounts& b) {
    CHECK(a.read == b.read);
    CHECK(a.checked == b.checked);
    CHECK(a.skipped == b.skipped);
    CHECK(a.rejected == b.rejected);
    CHECK(a.medication_orders == b.medication_orders);
    CHECK(a.skipped_by_reason == b.skipped_by_reason);
    CHECK(a.rejected_by_reason == b.rejected_by_reason);
    CHECK(a.out_of_scope_by_drug == b.out_of_scope_by_drug);
    REQUIRE(a.rejections.size() == b.rejections.size());
    for (std::size_t i = 0; i < a.rejections.size(); ++i) {
        CHECK(a.rejections[i].location == b.rejections[i].location);
        CHECK(a.rejections[i].field == b.rejections[i].field);
        CHECK(a.rejections[i].reason == b.rejections[i].reason);
    }
}

void check_owned_same(const batch::PatientRef& a, const batch::PatientRef& b) {
    CHECK(a.patient->id() == b.patient->id());
    CHECK(std::uint64_t{a.patient->first.record} == b.patient->first.record);
    const auto a_orders = a.store->orders_of(*a.patient);
    const auto b_orders = b.store->orders_of(*b.patient);
    REQUIRE(a_orders.size() == b_orders.size());
    for (std::size_t i = 0; i < a_orders.size(); ++i) {
        CHECK(std::uint64_t{a_orders[i].location.record} == b_orders[i].location.record);
        CHECK(a.store->strings.at(a_orders[i].drug) == b.store->strings.at(b_orders[i].drug));
    }
    const auto& a_issues = a.patient->issues();
    const auto& b_issues = b.patient->issues();
    REQUIRE(a_issues.size() == b_issues.size());
    for (std::size_t i = 0; i < a_issues.size(); ++i) {
        CHECK(a_issues[i].field == b_issues[i].field);
        CHECK(a_issues[i].message == b_issues[i].message);
    }
}

} // namespace

TEST_SUITE("batch::ParallelCsvIngest") {
    TEST_CASE("any number of owners reads what one reader reads") {
        const std::string inputs[] = {k_owned_header + owned_tricky_rows(3000),
                                      k_owned_header + owned_tricky_rows(40),
                                      std::string(k_owned_header),
                                      std::string(),
                                      "patient_id,drug,dose,crcl\nP1,ibuprofen,400,30\n",
                                      "\"unterminated,header\nP1,x\n"};
        for (const std::string& text : inputs) {
            batch::Ingest single(test::seeded_rules(), {});
            std::istringstream one(text);
            single.read(one, batch::Format::csv, 0, "t.csv:", {});
            const auto expected = batch::patients_of(single.store());
            for (const unsigned owners : {1U, 2U, 3U, 5U}) {
                CAPTURE(owners);
                CAPTURE(text.substr(0, 60));
                batch::ParallelCsvIngest parallel(test::seeded_rules(), {}, owners);
                std::istringstream in(text);
                parallel.read(in, 0, "t.csv:", {});
                check_owned_same(single.counts(), parallel.counts());
                const auto patients = parallel.patients();
                REQUIRE(patients.size() == expected.size());
                for (std::size_t i = 0; i < patients.size(); ++i) {
                    check_owned_same(expected[i], patients[i]);
                }
            }
        }
    }
    TEST_CASE("more rejections than are listed: the input's first ones, in input order") {
        std::string text = k_owned_header;
        for (int i = 0; i < 2500; ++i) {
            text += "P" + std::to_string(i % 300) + ",R,70\n";
        }
        batch::Ingest single(test::seeded_rules(), {});
        std::istringstream one(text);
        single.read(one, batch::Format::csv, 0, "t.csv:", {});
        batch::ParallelCsvIngest parallel(test::seeded_rules(), {}, 3);
        std::istringstream in(text);
        parallel.read(in, 0, "t.csv:", {});
        const auto counts = parallel.counts();
        CHECK(counts.rejected == 2500);
        REQUIRE(counts.rejections.size() == batch::k_max_listed_rejections);
        CHECK(counts.rejections.front().location == "t.csv:2");
        CHECK(counts.rejections.back().location == "t.csv:1001");
        check_owned_same(single.counts(), counts);
    }
    TEST_CASE("several inputs: patients in order of first appearance across them") {
        batch::ParallelCsvIngest parallel(test::seeded_rules(), {}, 2);
        std::istringstream a(std::string(k_owned_header) + owned_tricky_rows(200));
        std::istringstream b(std::string(k_owned_header) +
                             "Q1,R1,50,70,male,80,,none,,,ibuprofen,400,mg,oral,tid,5,false,,false\n" +
                             owned_tricky_rows(50));
        parallel.read(a, 0, "a.csv:", {});
        parallel.read(b, 1, "b.csv:", {});
        batch::Ingest single(test::seeded_rules(), {});
        std::istringstream a1(std::string(k_owned_header) + owned_tricky_rows(200));
        std::istringstream b1(std::string(k_owned_header) +
                              "Q1,R1,50,70,male,80,,none,,,ibuprofen,400,mg,oral,tid,5,false,,false\n" +
                              owned_tricky_rows(50));
        single.read(a1, batch::Format::csv, 0, "a.csv:", {});
        single.read(b1, batch::Format::csv, 1, "b.csv:", {});
        check_owned_same(single.counts(), parallel.counts());
        const auto patients = parallel.patients();
        const auto expected = batch::patients_of(single.store());
        REQUIRE(patients.size() == expected.size());
        for (std::size_t i = 0; i < patients.size(); ++i) {
            check_owned_same(expected[i], patients[i]);
        }
        CHECK(patients.back().patient->id() == "Q1");
    }
}
