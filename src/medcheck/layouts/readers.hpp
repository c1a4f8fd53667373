#pragma once

#include <medcheck/layouts/export_reader.hpp>

#include <string>

namespace medcheck::layouts {

// MIMIC-IV hosp tables in `dir` (mimic.cpp).
void read_mimic(const std::string& dir, ExportReader& reader);
// OMOP CDM v5.3/5.4 tables in `dir` (omop.cpp).
void read_omop(const std::string& dir, ExportReader& reader);
// NCPDP-like pharmacy claims in `file`, products from `ndc_map` (claims.cpp).
void read_claims(const std::string& file, const std::string& ndc_map, ExportReader& reader);

} // namespace medcheck::layouts
