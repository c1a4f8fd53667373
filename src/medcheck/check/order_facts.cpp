#include <medcheck/check/order_facts.hpp>

#include <medcheck/check/input_finding.hpp>

#include <medcheck/units/dose_unit.hpp>
#include <medcheck/units/frequency.hpp>
#include <medcheck/util/text.hpp>

#include <algorithm>
#include <cmath>

namespace medcheck::check {

namespace {

void invalid(std::vector<model::Finding>& findings, int index, const rules::Drug& drug,
             const std::string& field, const std::string& message,
             std::optional<double> actual = std::nullopt, std::string unit = {}) {
    model::Finding f = input_finding(field, "medications[" + std::to_string(index) + "]." + field + ": " +
                                                message + "; dose rules for this order could not be checked");
    f.drug = drug.key;
    f.actual = actual;
    f.unit = std::move(unit);
    f.order = index;
    findings.push_back(std::move(f));
}

bool positive_finite(double value) {
    return std::isfinite(value) && value > 0;
}

} // namespace

const IngredientAmount* OrderFacts::amount_of(const std::string& ingredient) const {
    for (const auto& amount : amounts) {
        if (amount.ingredient == ingredient) {
            return &amount;
        }
    }
    return nullptr;
}

OrderFacts interpret_order(const model::MedicationOrder& order, int index, const rules::Drug& drug,
                           std::optional<double> unit_strength, std::vector<model::Finding>& findings) {
    OrderFacts facts;
    facts.index = index;
    facts.drug = &drug;
    facts.continuing = order.continuing;
    facts.route = order.route.empty() ? drug.default_route : order.route;
    facts.route_checked = std::binary_search(drug.routes.begin(), drug.routes.end(), facts.route);
    if (!facts.route_checked) {
        invalid(
            findings, index, drug,
            "route", "route '" + facts.route + "' has no rules for " + drug.key + " (checked routes: " + [&] {
                std::string list;
                for (const auto& r : drug.routes) {
                    list += (list.empty() ? "" : ", ") + r;
                }
                return list;
            }() + ")");
    }
    if (order.duration_days) {
        if (positive_finite(*order.duration_days) && *order.duration_days <= k_max_duration_days) {
            facts.duration_days = order.duration_days;
        } else {
            invalid(findings, index, drug, "duration_days",
                    "duration " + util::format_number(*order.duration_days) + " days is not plausible",
                    *order.duration_days, "days");
        }
    }

    bool ok = facts.route_checked;
    // Dose and unit.
    std::optional<units::DoseUnit> unit;
    if (!order.dose) {
        invalid(findings, index, drug, "dose", "no dose given");
        ok = false;
    } else if (!positive_finite(*order.dose)) {
        invalid(findings, index, drug, "dose",
                "dose " + util::format_number(*order.dose) + " must be above zero", *order.dose, order.unit);
        ok = false;
    }
    if (order.unit.empty()) {
        invalid(findings, index, drug, "unit", "no unit given");
        ok = false;
    } else if (!(unit = units::parse_dose_unit(order.unit))) {
        invalid(findings, index, drug, "unit", "unknown unit '" + order.unit + "'");
        ok = false;
    }
    double dose = 0;
    if (ok && unit) {
        dose = *order.dose * unit->to_base;
        // "2 tablet" of a product whose strength is known counts as 2 x the strength.
        if (unit->kind == units::UnitKind::count && drug.basis != rules::DoseBasis::unit && unit_strength) {
            dose *= *unit_strength;
            unit = units::DoseUnit{drug.basis == rules::DoseBasis::rate ? units::UnitKind::rate
                                                                        : units::UnitKind::mass,
                                   1.0, drug.basis == rules::DoseBasis::rate ? "mcg/h" : "mg"};
        }
        const bool fits = (drug.basis == rules::DoseBasis::mass && unit->kind == units::UnitKind::mass) ||
                          (drug.basis == rules::DoseBasis::rate && unit->kind == units::UnitKind::rate) ||
                          (drug.basis == rules::DoseBasis::unit && unit->kind == units::UnitKind::count);
        if (!fits) {
            invalid(findings, index, drug, "unit",
                    "a dose in '" + order.unit + "' cannot be converted for " + drug.key + " (dosed by " +
                        (drug.basis == rules::DoseBasis::mass   ? "mass: mg, g or mcg"
                         : drug.basis == rules::DoseBasis::rate ? "rate: mcg/h"
                                                                : "tablets or capsules") +
                        ")");
            ok = false;
        } else {
            const double cap = drug.basis == rules::DoseBasis::mass   ? k_max_single_mg
                               : drug.basis == rules::DoseBasis::rate ? k_max_rate_mcg_h
                                                                      : k_max_units;
            if (dose > cap) {
                invalid(findings, index, drug, "dose",
                        "dose " + util::format_number(*order.dose) + " " + order.unit + " is not plausible",
                        *order.dose, order.unit);
                ok = false;
            } else if (drug.basis == rules::DoseBasis::rate) {
                facts.rate_mcg_h = dose;
            } else if (drug.basis == rules::DoseBasis::unit) {
                facts.units_per_dose = dose;
            }
        }
    }
    // Frequency.
    const auto frequency = units::parse_frequency(order.frequency);
    if (order.frequency.empty()) {
        invalid(findings, index, drug, "frequency", "no frequency given");
        ok = false;
    } else if (!frequency) {
        invalid(findings, index, drug, "frequency", "unknown frequency '" + order.frequency + "'");
        ok = false;
    } else {
        facts.frequency = frequency->canonical;
        facts.doses_per_day = frequency->doses_per_day;
        if (order.prn && order.max_doses_per_day) {
            if (positive_finite(*order.max_doses_per_day) &&
                *order.max_doses_per_day <= k_max_doses_per_day) {
                facts.doses_per_day = *order.max_doses_per_day;
            } else {
                invalid(findings, index, drug, "max_doses_per_day",
                        "PRN maximum " + util::format_number(*order.max_doses_per_day) +
                            " doses/day is not plausible",
                        *order.max_doses_per_day, "doses/day");
                ok = false;
            }
        }
    }
    facts.dose_ok = ok;
    if (!ok) {
        return facts;
    }
    const double written = dose;
    for (const auto& component : drug.components) {
        // Patches: the rate is the dose; their mass amounts are not modelled.
        if (drug.basis == rules::DoseBasis::rate) {
            continue;
        }
        const double single = written * component.amount;
        facts.amounts.push_back({component.ingredient, single, single * facts.doses_per_day});
    }
    return facts;
}

std::string describe_order(const model::MedicationOrder& order) {
    std::string sig = order.drug;
    if (order.dose) {
        sig += " " + util::format_number(*order.dose);
    }
    if (!order.unit.empty()) {
        sig += " " + order.unit;
    }
    if (!order.route.empty()) {
        sig += " " + order.route;
    }
    if (!order.frequency.empty()) {
        sig += " " + order.frequency;
    }
    if (order.prn) {
        sig += " prn";
        if (order.max_doses_per_day) {
            sig += " max " + util::format_number(*order.max_doses_per_day) + "/day";
        }
    }
    if (order.duration_days) {
        sig += " x " + util::format_number(*order.duration_days) + "d";
    }
    if (order.continuing) {
        sig += " (continuing)";
    }
    return sig;
}

} // namespace medcheck::check
