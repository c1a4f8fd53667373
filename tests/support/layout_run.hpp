#pragma once

// Runs an export layout through the batch pipeline for the layout tests.

#include <medcheck/batch/findings_writer.hpp>
#include <medcheck/batch/ingest.hpp>
#include <medcheck/batch/runner.hpp>
#include <medcheck/layouts/layout.hpp>

#include "support/fixture.hpp"

#include <filesystem>
#include <sstream>
#include <string>

namespace medcheck::test {

inline std::string layout_data(const std::string& name) {
    return (std::filesystem::path(MEDCHECK_SOURCE_DIR) / "tests" / "data" / "layouts" / name).string();
}

struct LayoutRun {
    batch::RecordCounts counts;
    batch::RunStats stats;
    std::string findings; // JSONL
    std::vector<layouts::TableInput> inputs;
};

inline LayoutRun run_layout(layouts::Layout layout, const std::string& path,
                            const layouts::LayoutOptions& options = {}, unsigned jobs = 1) {
    LayoutRun run;
    batch::Ingest ingest(seeded_rules(), {});
    run.inputs = layouts::read_layout(layout, path, options, ingest);
    batch::RunOptions run_options;
    run_options.jobs = jobs;
    for (const auto& input : run.inputs) {
        run_options.record_prefixes.push_back(input.prefix);
    }
    std::ostringstream out;
    run.stats = batch::run_checks(ingest.store(), seeded_rules(), run_options, out);
    run.findings = out.str();
    run.counts = ingest.counts();
    return run;
}

// The finding lines that contain every one of `parts`.
inline std::vector<std::string> lines_with(const std::string& text,
                                           std::initializer_list<std::string> parts) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        bool all = true;
        for (const auto& part : parts) {
            all = all && line.find(part) != std::string::npos;
        }
        if (all) {
            out.push_back(line);
        }
    }
    return out;
}

} // namespace medcheck::test
