#pragma once

#include <medcheck/batch/ingest.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace medcheck::layouts {

// Export layouts read natively, besides the documented CSV and FHIR.
enum class Layout { mimic_iv, omop, claims };

// "mimic-iv", "omop", "claims".
std::optional<Layout> parse_layout(std::string_view text);

// Options of a layout read.
struct LayoutOptions {
    std::string ndc_map; // claims: the NDC to product map (CSV of ndc, rxnorm or name, strength; or CONCEPT)
};

// One file read, for the summary.
struct TableInput {
    std::string path;
    std::string prefix; // what goes before a record number in references: "prescriptions.csv.gz:"
    std::uint64_t bytes = 0;
    std::string sha256;
};

// Reads an export (a directory for mimic-iv and omop, a file for claims) into `ingest`: each table
// once, joined by hash maps; each order's window, source id and patient factors with their times.
// Throws util::Error (cannot_open) when a required table is missing, (usage) when an option is.
std::vector<TableInput> read_layout(Layout layout, const std::string& path, const LayoutOptions& options,
                                    batch::Ingest& ingest);

} // namespace medcheck::layouts
