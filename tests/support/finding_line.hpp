#pragma once

// The JSONL line a batch writes for a finding, as nlohmann::json writes it: the writer's tests and the
// runner's compare their lines with it.

#include <medcheck/batch/findings_writer.hpp>
#include <medcheck/io/result_json.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace medcheck::test {

// patient_id, record, prescription_id (null when none) and prescription_ids first, then the
// contract's finding object; invalid UTF-8 replaced.
inline std::string expected_finding_line(std::string_view patient, std::string_view record,
                                         const batch::FindingSource& source, const model::Finding& f) {
    nlohmann::ordered_json expected;
    expected["patient_id"] = patient;
    expected["record"] = record;
    expected["prescription_id"] = source.prescription_id.empty()
                                      ? nlohmann::ordered_json()
                                      : nlohmann::ordered_json(source.prescription_id);
    expected["prescription_ids"] = nlohmann::ordered_json::array();
    for (const std::string_view id : source.prescription_ids) {
        expected["prescription_ids"].push_back(id);
    }
    const nlohmann::ordered_json contract = io::finding_json(f);
    for (auto it = contract.begin(); it != contract.end(); ++it) {
        expected[it.key()] = *it;
    }
    return expected.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

} // namespace medcheck::test
