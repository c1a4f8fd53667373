#include <medcheck/batch/ingest.hpp>
#include <medcheck/batch/parallel_ingest.hpp>

#include "support/fixture.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <tuple>
#include <vector>

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

// Plain lines among records a splitting thread copies field by field: quoted fields (commas, line
// ends, quoted ids), bad quoting, CRLF ends, ids with spaces, lines too long to pass unsplit.
std::string mixed_quoting_rows(int rows) {
    std::string csv;
    for (int i = 0; i < rows; ++i) {
        const std::string id = "P" + std::to_string((i * 31) % 23);
        const std::string tail = ",R" + std::to_string(i) + ",70,60,female,40,,none,,,";
        switch (i % 9) {
        case 1:
            csv += "\"" + id + "\"" + tail + "\"naproxen, sodium\",500,mg,oral,bid,5,false,,false\n";
            break;
        case 2:
            csv += id + tail + "ibuprofen,400,mg,oral,\"t\nid\",5,false,,false\r\n";
            break;
        case 4:
            csv += id + tail + "ibuprofen,\"4\"00,mg,oral,tid,5,false,,false\n"; // bad quoting
            break;
        case 5:
            csv += " " + id + " " + tail + "ibuprofen,400,mg,oral,tid,5,false,,false\r\n";
            break;
        case 7:
            csv += id + tail + "ibuprofen,400,mg,oral,tid," + std::string(1200, '5') + ",false,,false\n";
            break;
        default:
            csv += id + tail + "acetaminophen," + std::to_string(100 * (1 + i % 9)) +
                   ",mg,oral,q6h,5,false,,false\n";
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
    CHECK(std::uint64_t{a.patient->first.input} == b.patient->first.input);
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

// FHIR NDJSON lines that exercise what the owners split: patients scattered, requests whose
// Medication comes later, earlier or never (filed once the input is read, after the others: a
// patient they name first comes after the input's other patients, their rejections after the
// others), statuses, out-of-scope names, conditions, observations, bad JSON, blank lines.
std::string owned_tricky_ndjson(int lines, const std::string& tag) {
    const char* drugs[] = {"ibuprofen", "metformin", "acetaminophen", "atorvastatin", "naproxen", "tramadol"};
    std::string out;
    for (int i = 0; i < lines; ++i) {
        const std::string id = tag + std::to_string((i * 7919) % 89);
        const std::string subject = R"("subject":{"reference":"Patient/)" + id + R"("})";
        const std::string dosage =
            R"("dosageInstruction":[{"doseAndRate":[{"doseQuantity":{"value":)" +
            std::to_string(100 * (1 + i % 7)) +
            R"(,"unit":"mg"}}],"timing":{"repeat":{"frequency":1,"period":6,"periodUnit":"h"}}}])";
        const std::string request = R"({"resourceType":"MedicationRequest","id":"R)" + std::to_string(i) +
                                    R"(","status":")" + (i % 17 == 0 ? "completed" : "active") +
                                    R"(","intent":"order",)" + subject + ",";
        switch (i % 13) {
        case 1: // a patient named first by a request that waits for its Medication
            out += R"({"resourceType":"MedicationRequest","id":"W)" + std::to_string(i) +
                   R"(","status":"active","intent":"order","subject":{"reference":"Patient/late)" + tag +
                   std::to_string(i) + R"("},"medicationReference":{"reference":"Medication/m)" +
                   std::to_string(i % 3) + R"("},)" + dosage + "}\n";
            break;
        case 2: // its Medication, given for two references of three (m2 never comes)
            out += i % 3 == 2 ? std::string("\n")
                              : R"({"resourceType":"Medication","id":"m)" + std::to_string(i % 3) +
                                    R"(","code":{"text":")" + drugs[i % 6] + "\"}}\n";
            break;
        case 4:
            out += "{not json\n";
            break;
        case 5:
            out += R"({"resourceType":"Patient","id":")" + id + R"(","gender":"female","birthDate":"19)" +
                   std::to_string(40 + i % 50) + "-01-01\"}\n";
            break;
        case 6:
            out +=
                R"({"resourceType":"Condition","id":"c)" + std::to_string(i) + R"(",)" + subject +
                R"(,"clinicalStatus":{"coding":[{"code":"active"}]},"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"I50.9"}]}})" +
                "\n";
            break;
        case 7:
            out += R"({"resourceType":"Observation","id":"o)" + std::to_string(i) + R"(","status":"final",)" +
                   R"("code":{"coding":[{"system":"http://loinc.org","code":"2160-0"}]},)" + subject +
                   R"(,"effectiveDateTime":"2024-01-)" + std::to_string(10 + i % 19) +
                   R"(","valueQuantity":{"value":1.)" + std::to_string(i % 9) + R"(,"unit":"mg/dL"}})" + "\n";
            break;
        case 8: // a request without a subject: rejected, about no patient
            out +=
                R"({"resourceType":"MedicationRequest","id":"N)" + std::to_string(i) +
                R"(","status":"active","intent":"order","medicationCodeableConcept":{"text":"naproxen"},)" +
                dosage + "}\n";
            break;
        default:
            out +=
                request + R"("medicationCodeableConcept":{"text":")" + drugs[i % 6] + "\"}," + dosage + "}\n";
        }
    }
    return out;
}

void check_ndjson_owned(const std::vector<std::string>& inputs) {
    batch::Ingest single(test::seeded_rules(), {});
    for (std::size_t k = 0; k < inputs.size(); ++k) {
        std::istringstream one(inputs[k]);
        single.read(one, batch::Format::fhir_ndjson, static_cast<std::uint32_t>(k),
                    "i" + std::to_string(k) + ":", {});
    }
    const auto expected = batch::patients_of(single.store());
    for (const unsigned owners : {1U, 2U, 3U, 5U}) {
        CAPTURE(owners);
        batch::ParallelIngest parallel(test::seeded_rules(), {}, owners);
        for (std::size_t k = 0; k < inputs.size(); ++k) {
            std::istringstream in(inputs[k]);
            parallel.read(in, batch::Format::fhir_ndjson, static_cast<std::uint32_t>(k),
                          "i" + std::to_string(k) + ":", {});
        }
        check_owned_same(single.counts(), parallel.counts());
        const auto patients = parallel.patients();
        REQUIRE(patients.size() == expected.size());
        for (std::size_t i = 0; i < patients.size(); ++i) {
            check_owned_same(expected[i], patients[i]);
        }
    }
}

// The merged counts of three owners reading `text`.
batch::RecordCounts counts_of_owners(const std::string& text, batch::Format format,
                                     const std::string& prefix) {
    batch::ParallelIngest parallel(test::seeded_rules(), {}, 3);
    std::istringstream in(text);
    parallel.read(in, format, 0, prefix, {});
    return parallel.counts();
}

} // namespace

TEST_SUITE("batch::ParallelIngest") {
    TEST_CASE("FHIR NDJSON: any number of owners files what one reader files") {
        for (const int lines : {0, 1, 14, 200, 9000}) {
            CAPTURE(lines);
            check_ndjson_owned({owned_tricky_ndjson(lines, "P")});
        }
    }
    TEST_CASE("FHIR NDJSON: several inputs, late requests of each input before the next input's") {
        check_ndjson_owned({owned_tricky_ndjson(300, "P"), owned_tricky_ndjson(120, "Q"), std::string(),
                            owned_tricky_ndjson(300, "P")});
        // The test means something: a late patient (named first by a waiting request) is filed after
        // the input's other patients.
        batch::ParallelIngest parallel(test::seeded_rules(), {}, 2);
        std::istringstream in(owned_tricky_ndjson(40, "P")); // Medication m1 comes at line 29
        parallel.read(in, batch::Format::fhir_ndjson, 0, "i:", {});
        const auto patients = parallel.patients();
        REQUIRE(patients.size() >= 2);
        CHECK(patients.back().patient->id() == "lateP1");
        CHECK(patients.front().patient->id() != "lateP1");
    }
    TEST_CASE("FHIR NDJSON: more rejections than are listed, the first ones in filing order") {
        std::string text;
        for (int i = 0; i < 1500; ++i) {
            text += "{bad\n";
            text +=
                R"({"resourceType":"MedicationRequest","id":"W","status":"active","intent":"order","subject":{"reference":"Patient/X)" +
                std::to_string(i) + R"("},"medicationReference":{"reference":"Medication/none"}})" + "\n";
        }
        check_ndjson_owned({text});
        const auto counts = counts_of_owners(text, batch::Format::fhir_ndjson, "i:");
        CHECK(counts.rejected == 3000);
        REQUIRE(counts.rejections.size() == batch::k_max_listed_rejections);
        CHECK(counts.rejections.front().location == "i:1");
        CHECK(counts.rejections.back().location == "i:1999"); // the bad lines, before any late one
    }
    TEST_CASE("any number of owners reads what one reader reads") {
        const std::string inputs[] = {k_owned_header + owned_tricky_rows(3000),
                                      k_owned_header + owned_tricky_rows(40),
                                      k_owned_header + mixed_quoting_rows(9000),
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
                batch::ParallelIngest parallel(test::seeded_rules(), {}, owners);
                std::istringstream in(text);
                parallel.read(in, batch::Format::csv, 0, "t.csv:", {});
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
        const auto counts = counts_of_owners(text, batch::Format::csv, "t.csv:");
        CHECK(counts.rejected == 2500);
        REQUIRE(counts.rejections.size() == batch::k_max_listed_rejections);
        CHECK(counts.rejections.front().location == "t.csv:2");
        CHECK(counts.rejections.back().location == "t.csv:1001");
        check_owned_same(single.counts(), counts);
    }
    TEST_CASE("several inputs: patients in order of first appearance across them") {
        const std::string a = std::string(k_owned_header) + owned_tricky_rows(200);
        const std::string b = std::string(k_owned_header) +
                              "Q1,R1,50,70,male,80,,none,,,ibuprofen,400,mg,oral,tid,5,false,,false\n" +
                              owned_tricky_rows(50);
        batch::ParallelIngest parallel(test::seeded_rules(), {}, 2);
        batch::Ingest single(test::seeded_rules(), {});
        for (const auto& [text, input, prefix] :
             {std::tuple{&a, 0U, "a.csv:"}, std::tuple{&b, 1U, "b.csv:"}}) {
            std::istringstream for_owners(*text);
            parallel.read(for_owners, batch::Format::csv, input, prefix, {});
            std::istringstream for_single(*text);
            single.read(for_single, batch::Format::csv, input, prefix, {});
        }
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
