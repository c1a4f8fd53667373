#include <medcheck/check/population.hpp>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace medcheck::check {

namespace {

enum class Test { pass, fail, missing };

Test in_range(const std::optional<double>& value, const std::optional<double>& min,
              const std::optional<double>& max) {
    if (!min && !max) {
        return Test::pass;
    }
    if (!value) {
        return Test::missing;
    }
    if ((min && *value < *min) || (max && *value >= *max)) {
        return Test::fail;
    }
    return Test::pass;
}

// Whether the patient has the condition, or a continuing order of the group: by the name's bit when the
// population and the patient have term bits (the engine's case), else by name.
bool has_condition(std::uint64_t bit, const PatientContext& patient, const std::string& condition) {
    return bit != 0 && patient.terms_indexed ? (patient.condition_bits & bit) != 0 : patient.has(condition);
}
bool continues_group(std::uint64_t bit, const PatientContext& patient, const std::string& group) {
    return bit != 0 && patient.terms_indexed ? (patient.group_bits & bit) != 0
                                             : patient.continuing_groups.count(group) != 0;
}

} // namespace

PopulationMatch match_population_filters(const rules::Population& population, const PatientContext& patient,
                                         bool continuing) {
    if (population.new_only && continuing) {
        return {};
    }
    using rules::Population;
    const std::uint8_t named = population.named;
    if ((named & Population::k_named_condition) != 0 && population.condition &&
        !has_condition(population.condition_bit, patient, *population.condition)) {
        return {};
    }
    if ((named & Population::k_named_indication) != 0 && population.indication &&
        patient.indication != population.indication) {
        return {};
    }
    if ((named & Population::k_named_unless_condition) != 0 && population.unless_condition &&
        has_condition(population.unless_condition_bit, patient, *population.unless_condition)) {
        return {};
    }
    if ((named & Population::k_named_unless_group) != 0 && population.unless_continuing_group &&
        continues_group(population.unless_group_bit, patient, *population.unless_continuing_group)) {
        return {};
    }
    if (population.hepatic_min) {
        if (patient.hepatic < *population.hepatic_min || patient.hepatic > *population.hepatic_max) {
            return {};
        }
    }
    // Pregnancy not given means not pregnant.
    if (population.pregnancy_min || population.pregnancy_max) {
        if (!patient.pregnancy_weeks || in_range(patient.pregnancy_weeks, population.pregnancy_min,
                                                 population.pregnancy_max) != Test::pass) {
            return {};
        }
    }
    const Test age = in_range(patient.age_years, population.age_min, population.age_max);
    const Test weight = in_range(patient.weight_kg, population.weight_min, population.weight_max);
    const Test crcl = in_range(patient.crcl_ml_min, population.crcl_min, population.crcl_max);
    if (age == Test::fail || weight == Test::fail || crcl == Test::fail) {
        return {};
    }
    if (age == Test::missing) {
        return {false, MissingFactor::age};
    }
    if (crcl == Test::missing) {
        return {false, MissingFactor::crcl};
    }
    if (weight == Test::missing) {
        return {false, MissingFactor::weight};
    }
    return {true, std::nullopt};
}

void select_order_rules(const rules::OrderRuleRows& rows, std::size_t route, const PatientGate& gate,
                        std::span<std::uint64_t> live) {
    // The terms that decide: the conditions needed that the patient has, the ranges it is outside,
    // its hepatic grade (a bit; a rule that admits none of the gate's is out) and the flags it excludes.
    const std::uint64_t had = rows.conditions & ~gate.absent_conditions;
    const std::uint32_t outside = rows.ranges & gate.outside_ranges;
    const bool new_out = (gate.excluded & rules::OrderRule::k_new_only) != 0;
    const bool pregnancy_out = (gate.excluded & rules::OrderRule::k_pregnancy) != 0;
    const std::size_t words = rows.words;
    for (std::size_t w = 0; w < words; ++w) {
        const std::uint64_t reached = rows.by_route[route * words + w];
        // A rule needs one condition: kept when the patient has it.
        std::uint64_t in = reached & ~rows.need_condition[w];
        for (std::uint64_t bits = had; bits != 0; bits &= bits - 1) {
            in |= reached & rows.by_condition[static_cast<std::size_t>(std::countr_zero(bits)) * words + w];
        }
        for (std::uint32_t bits = outside; bits != 0; bits &= bits - 1) {
            in &= ~rows.by_range[static_cast<std::size_t>(std::countr_zero(bits)) * words + w];
        }
        std::uint64_t hepatic_out = ~std::uint64_t{0};
        for (unsigned bits = gate.hepatic_grade; bits != 0; bits &= bits - 1) {
            hepatic_out &= rows.hepatic_out[static_cast<std::size_t>(std::countr_zero(bits)) * words + w];
        }
        in &= ~hepatic_out;
        in &= ~((new_out ? rows.new_only[w] : 0) | (pregnancy_out ? rows.pregnancy[w] : 0));
        live[w] = in;
    }
}

FilterValue describe_filter(const rules::Population& population, const PatientContext& patient) {
    if ((population.crcl_min || population.crcl_max) && patient.crcl_ml_min) {
        return {patient.crcl_ml_min, population.crcl_max ? population.crcl_max : population.crcl_min,
                "mL/min"};
    }
    if ((population.pregnancy_min || population.pregnancy_max) && patient.pregnancy_weeks) {
        return {patient.pregnancy_weeks,
                population.pregnancy_min ? population.pregnancy_min : population.pregnancy_max, "weeks"};
    }
    if ((population.age_min || population.age_max) && patient.age_years) {
        return {patient.age_years, population.age_min ? population.age_min : population.age_max, "years"};
    }
    if ((population.weight_min || population.weight_max) && patient.weight_kg) {
        return {patient.weight_kg, population.weight_max ? population.weight_max : population.weight_min,
                "kg"};
    }
    return {};
}

} // namespace medcheck::check
