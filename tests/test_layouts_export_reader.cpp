#include <medcheck/layouts/export_reader.hpp>
#include <medcheck/layouts/table.hpp>
#include <medcheck/util/error.hpp>

#include "support/fixture.hpp"
#include "support/layout_run.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

using namespace medcheck;

TEST_SUITE("layouts::export_reader") {
    TEST_CASE("a dose range is read as its upper end") {
        CHECK(layouts::read_dose("650") == 650);
        CHECK(layouts::read_dose("325-650") == 650);
        CHECK(layouts::read_dose("1 - 2") == 2);
        CHECK_FALSE(layouts::read_dose("two"));
        CHECK_FALSE(layouts::read_dose("5-x"));
        CHECK_FALSE(layouts::read_dose(""));
    }
    TEST_CASE("a dose with thousands commas is the whole number; a decimal comma is not read") {
        // MIMIC-IV writes "25,000" (was "cannot read dose_val_rx": unverifiable).
        CHECK(layouts::read_dose("25,000") == 25000);
        CHECK(layouts::read_dose("1,000") == 1000);
        CHECK(layouts::read_dose("1,000,000") == 1000000);
        CHECK(layouts::read_dose("1,000.5") == 1000.5);
        CHECK(layouts::read_dose("1,000-2,000") == 2000);
        for (const char* unread :
             {"1,5", "1,00", "1,0000", ",000", "1234,000", "1,000,", "1,000,00", "a,000"}) {
            INFO(unread);
            CHECK_FALSE(layouts::read_dose(unread));
        }
    }
    TEST_CASE("diagnosis codes: ICD-9-CM and ICD-10-CM with their parents; unmapped ones counted") {
        batch::Ingest ingest(test::seeded_rules(), {});
        batch::StoredPatient& patient = ingest.store().patient("p", {});
        layouts::add_diagnosis(ingest, patient, "42822", 9); // 428.22 -> 428 heart failure
        layouts::add_diagnosis(ingest, patient, "4019", 9);  // 401.9 -> 401 hypertension
        layouts::add_diagnosis(ingest, patient, "I5022", 10);
        layouts::add_diagnosis(ingest, patient, "V707", 9); // general medical examination
        layouts::add_diagnosis(ingest, patient, "E8497", 9);
        std::vector<std::string> conditions;
        for (const auto c : ingest.store().items_of(patient.conditions)) {
            conditions.emplace_back(ingest.store().strings.at(c));
        }
        CHECK(conditions == std::vector<std::string>{"heart_failure", "hypertension"});
        CHECK(ingest.counts().checked == 3);
        CHECK(ingest.counts().skipped_by_reason.at("diagnosis code maps to no condition") == 2);
    }

    TEST_CASE("tables: plain or gzip, upper-case names, bad records rejected and reading goes on") {
        const auto dir = std::filesystem::temp_directory_path() / "medcheck-layouts-table";
        std::filesystem::create_directories(dir);
        {
            std::ofstream out(dir / "T.csv", std::ios::binary);
            out << "B,a\n1,2\n3\n\"x,4\n5,6\n";
        }
        REQUIRE(layouts::find_table(dir.string(), "t") == (dir / "T.csv").string());
        CHECK_FALSE(layouts::find_table(dir.string(), "missing"));
        std::vector<std::string> rows;
        std::vector<std::string> rejected;
        layouts::TableEvents events;
        events.row = [&](const layouts::TableRow& row) {
            rows.push_back(std::string(row[0]) + "/" + std::string(row[1]) + std::string(row[2]));
        };
        events.rejected = [&](std::uint64_t line, const std::string& field, const std::string&) {
            rejected.push_back(std::to_string(line) + field);
        };
        layouts::read_table((dir / "T.csv").string(), {"a", "b", "absent"}, events);
        CHECK(rows == std::vector<std::string>{"2/1", "6/5"});
        CHECK(rejected == std::vector<std::string>{"3record", "4record"});
        rows.clear();
        layouts::read_table(test::layout_data("mimic-iv") + "/prescriptions.csv.gz", {"subject_id", "drug"},
                            events);
        CHECK(rows.size() == 8);
        CHECK(rows.front() == "100/Acetaminophen");
        CHECK_THROWS_AS(layouts::read_table((dir / "none.csv").string(), {}, events), util::Error);
        std::filesystem::remove_all(dir);
    }

    TEST_CASE("a damaged gzip stream ends the table with one rejected record") {
        const auto path = std::filesystem::temp_directory_path() / "medcheck-layouts-bad.csv.gz";
        {
            std::ifstream in(test::layout_data("mimic-iv") + "/prescriptions.csv.gz", std::ios::binary);
            std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            REQUIRE(bytes.size() > 200);
            for (std::size_t i = 100; i < 140; ++i) {
                bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);
            }
            std::ofstream out(path, std::ios::binary);
            out << bytes;
        }
        int rejected = 0;
        layouts::TableEvents events;
        events.row = [](const layouts::TableRow&) {};
        events.rejected = [&](std::uint64_t, const std::string& field, const std::string&) {
            rejected += field == "input" ? 1 : 0;
        };
        layouts::read_table(path.string(), {"drug"}, events);
        CHECK(rejected == 1);
        std::filesystem::remove(path);
    }
}
