#pragma once

#include <medcheck/report/report_data.hpp>
#include <medcheck/rules/rule_set.hpp>

#include <filesystem>
#include <istream>
#include <string>
#include <vector>

namespace medcheck::report {

// Patients, inputs and unreadable records gathered for one report.
struct ReportInputs {
    std::vector<CheckedPatient> patients;
    std::vector<InputDigest> inputs;
    RecordAccounting records;
};

// Reads one case JSON (check contract v1) from `in`, records its SHA-256 under `name`, and checks it.
// A document that is not a valid case becomes a rejected record with the reader's reason, so one bad
// file does not hide the others.
void add_case(ReportInputs& inputs, std::istream& in, const std::string& name, const rules::RuleSet& rules);

// Opens a case file and calls add_case; throws util::Error(cannot_open) when it cannot be read.
void add_case_file(ReportInputs& inputs, const std::filesystem::path& path, const rules::RuleSet& rules);

} // namespace medcheck::report
