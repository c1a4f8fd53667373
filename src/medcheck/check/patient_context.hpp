#pragma once

#include <medcheck/model/case.hpp>
#include <medcheck/model/finding.hpp>
#include <medcheck/rules/rule_set.hpp>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace medcheck::check {

// Plausibility bounds: values outside are invalid_input findings and are not used by any rule.
inline constexpr double k_min_adult_age_years = 18;
inline constexpr double k_max_age_years = 120;
inline constexpr double k_min_weight_kg = 20;
inline constexpr double k_max_weight_kg = 400;
inline constexpr double k_max_crcl_ml_min = 300;
inline constexpr double k_min_scr_mg_dl = 0.1;
inline constexpr double k_max_scr_mg_dl = 25;
inline constexpr double k_max_pregnancy_weeks = 45;

// Patient factors the rules read, after validation. Absent = not given or not usable.
struct PatientContext {
    std::string id;
    std::optional<double> age_years;
    std::optional<double> weight_kg;
    model::Sex sex = model::Sex::absent;
    std::optional<double> crcl_ml_min;
    std::string crcl_origin;                       // "given", "Cockcroft-Gault" or empty
    model::Hepatic hepatic = model::Hepatic::none; // absent reads as none, and hepatic_given stays false
    bool hepatic_given = false;
    std::optional<double> pregnancy_weeks;
    std::set<std::string> conditions;
    std::optional<std::set<std::string>> tried;
    std::optional<std::string> indication;
    // Groups with at least one continuing order in the case (set by the engine from the orders).
    std::set<std::string> continuing_groups;
    // Conditions the engine derives from the orders (opioid_tolerant: continuing opioids >= 60 MME/day);
    // kept apart from `conditions` so reports show what was given.
    std::set<std::string> derived_conditions;
    // Spare nodes for `conditions` and `tried` (a set of no meaning; read by nothing but derive_patient):
    // the sets of the patients before, kept while a patient has none or fewer, so that the next one's
    // is often the same already or is rebuilt without allocating.
    std::set<std::string> conditions_room;
    std::set<std::string> tried_room;

    // The conditions above (given and derived) and continuing groups as bits of the rule set's
    // population terms (index_population_terms), for match_population; valid only when `terms_indexed`.
    std::uint64_t condition_bits = 0;
    std::uint64_t group_bits = 0;
    bool terms_indexed = false;
    // The population terms' age, weight and CrCl ranges its values are in, and those of a weight or
    // CrCl not given (a missing factor, which the rule reports); valid only when `terms_indexed`.
    std::uint32_t range_bits = 0;

    bool has(const std::string& condition) const {
        return conditions.count(condition) != 0 || derived_conditions.count(condition) != 0;
    }
};

// Sets the patient's term bits from its conditions and continuing groups, and its range bits from its
// age, weight and CrCl; call again after changing them.
void index_population_terms(const rules::PopulationTerms& terms, PatientContext& patient);

// Cockcroft-Gault creatinine clearance in mL/min: ((140 - age) x weight) / (72 x SCr), x 0.85 if
// female; actual body weight, SCr unrounded (medcheck policy).
double cockcroft_gault(double age_years, double weight_kg, model::Sex sex, double scr_mg_dl);

// Maps a coded condition to the condition vocabulary: "icd10cm:I50.9", "ICD10:I509", "snomed:84114007",
// or a bare code (ICD-10-CM tried first). ICD-10-CM codes also match a seeded parent category
// (I50.9 -> I50). nullopt when no seeded code matches.
std::optional<std::string> condition_for_code(std::string_view text, const rules::RuleSet& rules);

// Validates the case's patient and indication, appending invalid_input / missing_patient_factor
// findings for what cannot be used.
PatientContext derive_patient(const model::Case& input, const rules::RuleSet& rules,
                              std::vector<model::Finding>& findings);

// The same into `patient`, which keeps its strings' room from the patient derived before (the engine
// derives one per case of a batch into the same CheckResult). What it held before is replaced.
void derive_patient(const model::Case& input, const rules::RuleSet& rules,
                    std::vector<model::Finding>& findings, PatientContext& patient);

} // namespace medcheck::check
