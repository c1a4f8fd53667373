#pragma once

#include <medcheck/check/patient_context.hpp>
#include <medcheck/rules/rule_set.hpp>

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

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

// What a patient and order settle of every rule before its population is read (patient_gate): a rule
// that fails the gate does not apply, and no missing factor but age is the reason (a missing age is
// reported once for the case).
struct PatientGate {
    std::uint64_t absent_conditions = 0; // the term bits of the conditions the patient does not have
    std::uint32_t outside_ranges = 0;    // the term ranges its age, weight or CrCl is not in
    std::uint8_t hepatic_grade = 0xFF;   // 1 << the patient's hepatic grade
    std::uint8_t excluded = 0;           // rules::OrderRule flags that exclude the patient and order
};
// Inline: it is read for every order checked.
inline PatientGate patient_gate(const PatientContext& patient, bool continuing) {
    PatientGate gate;
    // Without term bits a condition is matched by name, which the gate leaves to match_population.
    gate.absent_conditions = patient.terms_indexed ? ~patient.condition_bits : 0;
    gate.outside_ranges = patient.terms_indexed ? ~patient.range_bits : 0;
    gate.hepatic_grade = static_cast<std::uint8_t>(1U << static_cast<unsigned>(patient.hepatic));
    gate.excluded = static_cast<std::uint8_t>((continuing ? rules::OrderRule::k_new_only : 0) |
                                              (patient.pregnancy_weeks ? 0 : rules::OrderRule::k_pregnancy));
    return gate;
}

// The place of an order's route among those its drug's order rules name (OrderRule::route: 1 + its
// index; 0 when none names it). Inline: it is read for every order checked, of a few routes at most.
inline std::size_t order_rule_route(const rules::Drug& drug, std::string_view route) {
    for (std::size_t r = 0; r < drug.order_rule_routes.size(); ++r) {
        if (drug.order_rule_routes[r] == route) {
            return r + 1;
        }
    }
    return 0;
}

// Room for the bits of an order's rules over Drug::order_rules (OrderRuleRows): inline for a drug's
// first 128 rules (nothing allocated per order), allocated past them.
class OrderRuleBits {
  public:
    // `count` words, their values unspecified.
    std::span<std::uint64_t> words(std::size_t count) {
        if (count <= m_inline.size()) {
            return {m_inline.data(), count};
        }
        m_allocated.resize(count);
        return m_allocated;
    }

  private:
    std::array<std::uint64_t, 2> m_inline{};
    std::vector<std::uint64_t> m_allocated;
};

// The drug's order rules that an order of route `route` (order_rule_route) reaches and that `gate`
// lets through, found row by row: `live` holds rows.words words. A rule is let through unless it
// cannot apply to the patient (a condition not had, an age, weight or CrCl outside its range or no
// age, a hepatic grade outside its range, no pregnancy, a continuing order for new starts only);
// match_population decides the rest.
void select_order_rules(const rules::OrderRuleRows& rows, std::size_t route, const PatientGate& gate,
                        std::span<std::uint64_t> live);

// Calls visit(i) for each bit i set in `bits`, ascending.
template <typename Visit> void each_bit(std::span<const std::uint64_t> bits, Visit&& visit) {
    for (std::size_t w = 0; w < bits.size(); ++w) {
        for (std::uint64_t word = bits[w]; word != 0; word &= word - 1) {
            visit(w * 64 + static_cast<std::size_t>(std::countr_zero(word)));
        }
    }
}

// The patient value and bound that make a filter-only rule fire, for "actual vs limit" display.
struct FilterValue {
    std::optional<double> actual;
    std::optional<double> limit;
    std::string_view unit; // a literal: no string built for each finding
};
FilterValue describe_filter(const rules::Population& population, const PatientContext& patient);

} // namespace medcheck::check
