#include <medcheck/batch/findings_writer.hpp>
#include <medcheck/batch/ingest.hpp>
#include <medcheck/batch/runner.hpp>
#include <medcheck/batch/time_axis.hpp>
#include <medcheck/io/result_json.hpp>

#include "support/finding_line.hpp"
#include "support/fixture.hpp"

#include <doctest/doctest.h>

#include <set>
#include <sstream>

using namespace medcheck;

namespace {

std::string many_patients(int patients = 1100, int rows = 3000) {
    std::string csv = "patient_id,age,weight_kg,sex,crcl_ml_min,drug,dose,unit,frequency,duration_days\n";
    const char* drugs[] = {"ibuprofen",       "naproxen",  "acetaminophen",
                           "cyclobenzaprine", "metformin", "tramadol"};
    for (int i = 0; i < rows; ++i) {
        csv += "P" + std::to_string(i % patients) + "," + std::to_string(30 + i % 60) + ",70,male,80," +
               drugs[i % 6] + "," + std::to_string(100 * (1 + i % 9)) + ",mg,q6h,5\n";
    }
    return csv;
}

std::string run(unsigned jobs, batch::FindingsFormat format, batch::RunStats& stats, int patients = 1100,
                int rows = 3000) {
    batch::Ingest ingest(test::seeded_rules(), {});
    std::istringstream in(many_patients(patients, rows));
    ingest.read(in, batch::Format::csv, 0, "m.csv:", {});
    batch::RunOptions options;
    options.jobs = jobs;
    options.format = format;
    options.record_prefixes = {"m.csv:"};
    std::ostringstream out;
    stats = batch::run_checks(ingest.store(), test::seeded_rules(), options, out);
    return out.str();
}

} // namespace

TEST_SUITE("batch::run_checks") {
    TEST_CASE("a run's findings are each patient's checked afresh, whatever its orders share") {
        // Orders repeated across patients (read once, then found by their stored fields), some differing
        // in their frequency alone, one whose reading has findings (never kept), sigs and windows (built
        // and read every time), and the same order at other places in a patient: each line against the
        // patient checked on its own.
        std::string csv = "patient_id,prescription_id,age,weight_kg,sex,crcl_ml_min,drug,dose,unit,frequency,"
                          "duration_days,sig,start,end\n";
        for (int i = 0; i < 400; ++i) {
            const std::string p = "P" + std::to_string(i % 130);
            const std::string front = p + ",RX" + std::to_string(i) + "," + std::to_string(40 + i % 40) +
                                      ",70," + (i % 2 == 0 ? "male" : "female") + "," +
                                      (i % 7 == 0 ? "" : "60");
            switch (i % 7) {
            case 0:
            case 6:
                csv += front + ",acetaminophen,1000,mg,q6h,5,,,\n";
                break;
            case 1:
                csv += front + ",ibuprofen,800,mg,q6h,,,,\n";
                break;
            case 2:
                csv += front + ",acetaminophen,1000,mg," + (i % 14 == 2 ? "q99x" : "q4h") + ",5,,,\n";
                break;
            case 3:
                csv += front + ",,,,,,naproxen 500 mg po bid x 10 days,,\n";
                break;
            case 4:
                csv += front + ",cyclobenzaprine,10,mg,tid,30,," +
                       (i % 3 == 0 ? "2024-01-01,2024-01-31" : ",") + "\n";
                break;
            default:
                csv += front + ",tramadol,100,mg,q4h,,,,\n";
                break;
            }
        }
        batch::Ingest ingest(test::seeded_rules(), {});
        std::istringstream in(csv);
        ingest.read(in, batch::Format::csv, 0, "s.csv:", {});
        batch::RunOptions options;
        options.jobs = 1;
        options.record_prefixes = {"s.csv:"};
        std::ostringstream out;
        batch::run_checks(ingest.store(), test::seeded_rules(), options, out);
        // Each finding as its line has it, without the references a fresh check does not make.
        std::vector<std::string> expected;
        for (const batch::PatientRef& ref : batch::patients_of(ingest.store())) {
            const model::Case input =
                batch::build_case(*ref.patient, *ref.store, {}, options.record_prefixes);
            for (const model::Finding& f :
                 batch::check_patient(input, *ref.patient, test::seeded_rules(), {}).findings) {
                nlohmann::ordered_json line;
                line["patient_id"] = ref.patient->id();
                const nlohmann::ordered_json contract = io::finding_json(f);
                for (auto it = contract.begin(); it != contract.end(); ++it) {
                    line[it.key()] = *it;
                }
                expected.push_back(line.dump());
            }
        }
        std::istringstream lines(out.str());
        std::string text;
        std::size_t n = 0;
        while (std::getline(lines, text)) {
            REQUIRE(n < expected.size());
            nlohmann::ordered_json line = nlohmann::ordered_json::parse(text);
            for (const char* key : {"record", "prescription_id", "prescription_ids"}) {
                line.erase(key);
            }
            CHECK(line.dump() == expected[n]);
            ++n;
        }
        CHECK(n == expected.size());
        CHECK(n > 400);
    }
    TEST_CASE("the bytes do not depend on the number of jobs") {
        batch::RunStats one;
        batch::RunStats two;
        batch::RunStats four;
        const std::string a = run(1, batch::FindingsFormat::jsonl, one);
        CHECK(a == run(2, batch::FindingsFormat::jsonl, two));
        CHECK(a == run(4, batch::FindingsFormat::jsonl, four));
        CHECK(one.findings == two.findings);
        CHECK(one.findings_by_kind == four.findings_by_kind);
        CHECK(one.patients_checked == 1100);
        CHECK_FALSE(a.empty());
    }
    TEST_CASE("blocks written reuse their buffers: a run of many more blocks than are in flight, any jobs") {
        // 40 blocks of 256 patients: each job's buffers come back from the writer many times, and a
        // buffer reused with text left in it, or handed to two blocks, would show in the bytes.
        batch::RunStats one;
        batch::RunStats two;
        const std::string a = run(1, batch::FindingsFormat::jsonl, one, 10240, 12000);
        CHECK(one.patients_checked > 8000); // some patients have no order in scope
        CHECK(a == run(2, batch::FindingsFormat::jsonl, two, 10240, 12000));
        CHECK(a == run(3, batch::FindingsFormat::jsonl, two, 10240, 12000));
        std::size_t lines = 0;
        for (const char c : a) {
            lines += c == '\n' ? 1 : 0;
        }
        CHECK(lines == one.findings);
    }
    TEST_CASE("JSONL lines carry the contract's finding object") {
        model::Finding f;
        f.severity = model::Severity::violation;
        f.kind = "max_daily_dose";
        f.drug = "acetaminophen";
        f.message = "above \"3000\" mg/day\n\x01 caf\xC3\xA9 \xFF";
        f.actual = 4000.123456;
        f.limit = 3000;
        f.unit = "mg/day";
        f.source = "label";
        const batch::FindingSource source{"RX1", {"RX1", "RX\"2"}};
        std::string line;
        batch::append_finding(line, batch::FindingsFormat::jsonl, "P\"1", "x.csv:2", source, f);
        CHECK(line == test::expected_finding_line("P\"1", "x.csv:2", source, f));
    }
    TEST_CASE("JSONL lines of plain findings (the fast path) are the contract's bytes") {
        // Every text plain ASCII: written at a known size. Each variant against nlohmann's bytes,
        // appended after earlier text, as a block of findings is.
        model::Finding full;
        full.severity = model::Severity::contraindicated;
        full.kind = "cumulative_ingredient";
        full.drug = "tramadol";
        full.message = std::string(300, 'm') + " (tramadol 200 mg/day + tramadol 400 mg/day)";
        full.actual = 600.25;
        full.limit = 400;
        full.unit = "mg/day";
        full.source = "Tramadol PI [LBL-TRM]";
        model::Finding bare; // no drug, numbers or unit: nulls where the contract has them
        bare.kind = "missing_patient_factor";
        bare.message = "m";
        const std::vector<std::pair<batch::FindingSource, const model::Finding*>> variants{
            {{"RX1", {"RX1"}}, &full},
            {{"", {"RX1", "RX22", "RX333"}}, &full},
            {{"", {}}, &bare},
            {{"RX9", {"RX9"}}, &bare},
        };
        std::string line = "earlier\n";
        std::string expected = line;
        for (const auto& [source, finding] : variants) {
            batch::append_finding(line, batch::FindingsFormat::jsonl, "P0000001", "x.csv:2", source,
                                  *finding);
            expected += test::expected_finding_line("P0000001", "x.csv:2", source, *finding);
        }
        CHECK(line == expected);
    }
    TEST_CASE("JSONL: findings that borrow rule texts write the same bytes, escaped where a text needs it") {
        // PlainRuleTexts spares the scan of rule texts found plain at load; a borrowed rule text that is
        // not plain (a quote, a control byte, non-ASCII) must still take the escaping path.
        rules::RuleSet rules;
        rules::Rule plain_rule;
        plain_rule.kind = "max_daily_dose";
        plain_rule.message = "Acetaminophen above 3000 mg/day";
        plain_rule.unit = "mg/day";
        plain_rule.source = "Design card [POLICY]";
        rules::Rule escaped_rule = plain_rule;
        escaped_rule.message = "above \"3000\"\n caf\xC3\xA9 \xFF";
        escaped_rule.source = "label \\ [LBL]";
        rules.rules = {plain_rule, escaped_rule};
        const batch::PlainRuleTexts plain(rules);
        CHECK(plain.contains(model::Text::borrow(rules.rules[0].message)));
        CHECK(plain.contains(model::Text::borrow(rules.rules[0].source)));
        CHECK_FALSE(plain.contains(model::Text::borrow(rules.rules[1].message)));
        CHECK_FALSE(plain.contains(model::Text::borrow(rules.rules[1].source)));
        CHECK_FALSE(plain.contains(model::Text(rules.rules[0].message))); // owned: not the rule's string
        const std::string outside = rules.rules[0].message;
        CHECK_FALSE(plain.contains(model::Text::borrow(outside))); // equal text, another string
        for (const rules::Rule& rule : rules.rules) {
            model::Finding borrowed;
            borrowed.severity = model::Severity::violation;
            borrowed.kind = model::Text::borrow(rule.kind);
            borrowed.drug = "acetaminophen";
            borrowed.message = model::Text::borrow(rule.message);
            borrowed.actual = 4000;
            borrowed.limit = 3000;
            borrowed.unit = model::Text::borrow(rule.unit);
            borrowed.source = model::Text::borrow(rule.source);
            model::Finding owned = borrowed;
            owned.kind = rule.kind;
            owned.message = rule.message;
            owned.unit = rule.unit;
            owned.source = rule.source;
            const batch::FindingSource source{"RX1", {"RX1"}};
            std::string with_plain;
            std::string without;
            batch::append_finding(with_plain, batch::FindingsFormat::jsonl, "P1", "x.csv:2", source, borrowed,
                                  &plain);
            batch::append_finding(without, batch::FindingsFormat::jsonl, "P1", "x.csv:2", source, owned);
            CHECK(with_plain == without);
            CHECK(with_plain == test::expected_finding_line("P1", "x.csv:2", source, owned));
        }
    }
    TEST_CASE("CSV findings quote what needs quoting") {
        model::Finding f;
        f.kind = "caution";
        f.message = "a, \"b\"";
        std::string line;
        batch::append_finding(line, batch::FindingsFormat::csv, "P1", "x.csv:2", {}, f);
        CHECK(line == "P1,x.csv:2,,,info,caution,,\"a, \"\"b\"\"\",,,,\r\n");
        line.clear();
        batch::append_finding(line, batch::FindingsFormat::csv, "P1", "x.csv:2", {"", {"A", "B"}}, f);
        CHECK(line == "P1,x.csv:2,,A;B,info,caution,,\"a, \"\"b\"\"\",,,,\r\n");
    }
    TEST_CASE("JSONL from a run: ids and references that need escaping are escaped wherever they appear") {
        // A run works out once per order whether its reference and id need escaping; each must count,
        // including an id that appears only in prescription_ids of a finding about another order.
        const std::string csv =
            "patient_id,prescription_id,age,weight_kg,sex,crcl_ml_min,drug,dose,unit,frequency\n"
            "P1,RX1,50,70,male,80,naproxen,500,mg,bid\n"
            "P1,\"RX\"\"2\",50,70,male,80,ibuprofen,400,mg,tid\n"
            "\"P\"\"3\",RX4,50,70,male,80,tramadol,50,mg,q6h\n"
            "P5,RX\\6,50,70,male,80,tramadol,50,mg,q6h\n";
        // A plain record prefix, and ones that need escaping themselves (a run finds that once per
        // input, for every record reference of its orders).
        for (const std::string prefix : {"x.csv:", "caf\xC3\xA9.csv:", "say \"x\".csv:"}) {
            CAPTURE(prefix);
            batch::Ingest ingest(test::seeded_rules(), {});
            std::istringstream in(csv);
            ingest.read(in, batch::Format::csv, 0, prefix, {});
            batch::RunOptions options;
            options.jobs = 1;
            options.record_prefixes = {prefix};
            std::ostringstream out;
            batch::run_checks(ingest.store(), test::seeded_rules(), options, out);
            std::istringstream lines(out.str());
            std::set<std::string> patients;
            std::set<std::string> ids;
            bool paired = false;
            std::size_t count = 0;
            for (std::string line; std::getline(lines, line); ++count) {
                nlohmann::json finding;
                REQUIRE_NOTHROW(finding = nlohmann::json::parse(line));
                patients.insert(finding["patient_id"].get<std::string>());
                CHECK(finding["record"].get<std::string>().starts_with(prefix));
                for (const auto& id : finding["prescription_ids"]) {
                    ids.insert(id.get<std::string>());
                }
                paired = paired ||
                         (finding["prescription_id"] == "RX1" && finding["prescription_ids"].size() == 2 &&
                          finding["prescription_ids"][1] == "RX\"2");
            }
            CHECK(count > 0);
            CHECK(patients == std::set<std::string>{"P1", "P\"3", "P5"});
            CHECK(ids.count("RX\"2") == 1);
            CHECK(ids.count("RX\\6") == 1);
            CHECK(paired); // the two NSAIDs of P1, named from the first
        }
    }
}
