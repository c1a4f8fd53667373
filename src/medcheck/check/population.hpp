#pragma once

#include <medcheck/check/patient_context.hpp>
#include <medcheck/rules/rule_set.hpp>

#include <optional>
#include <string>

namespace medcheck::check {

// A patient factor a rule needed but the case did not give.
enum class MissingFactor { age, weight, crcl };

struct PopulationMatch {
    bool applies = false;
    std::optional<MissingFactor> missing; // set when the only reason it cannot be decided is a missing factor
};

// Whether a rule's population filter holds for this patient and order. A definite mismatch on any
// given factor wins over a missing one (a CrCl band for an 18-year-old with no CrCl still applies
// only if every other filter holds).
PopulationMatch match_population_filters(const rules::Population& population, const PatientContext& patient,
                                         bool continuing);
// match_population_filters, without a call for the third of the rules that filter nothing: every rule
// of every order is matched.
inline PopulationMatch match_population(const rules::Population& population, const PatientContext& patient,
                                        bool continuing) {
    if (population.everyone) {
        return {true, std::nullopt};
    }
    return match_population_filters(population, patient, continuing);
}

// The patient value and bound that make a filter-only rule fire, for "actual vs limit" display.
struct FilterValue {
    std::optional<double> actual;
    std::optional<double> limit;
    std::string unit;
};
FilterValue describe_filter(const rules::Population& population, const PatientContext& patient);

} // namespace medcheck::check
