#include <medcheck/check/order_facts.hpp>

#include <medcheck/check/input_finding.hpp>

#include <medcheck/sig/reader.hpp>
#include <medcheck/units/dose_unit.hpp>
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
    const std::size_t findings_before = findings.size();
    auto& reading = facts.reading;
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
    // The frequency field is read with the whole sig vocabulary: it may also carry prn, a stated
    // maximum or a duration ("q6h prn max 4/day").
    bool prn = order.prn;
    std::optional<sig::StatedMax> max_stated = order.max_stated;
    if (!max_stated && order.max_doses_per_day) {
        max_stated = sig::StatedMax{*order.max_doses_per_day, sig::MaxBasis::doses, 24,
                                    "max " + util::format_number(*order.max_doses_per_day) + "/day"};
    }
    std::optional<double> duration = order.duration_days;
    std::vector<std::string> ambiguities = order.ambiguities;
    std::optional<sig::Frequency> frequency;
    bool frequency_ok = true;
    if (!order.frequency.empty()) {
        sig::Reading r = sig::read_regimen(order.frequency);
        if (!r.frequency || r.dose_max || !r.unrecognised.empty()) {
            invalid(findings, index, drug, "frequency", "unknown frequency '" + order.frequency + "'");
            frequency_ok = false;
        } else {
            frequency = std::move(r.frequency);
            prn = prn || r.prn;
            if (!max_stated) {
                max_stated = std::move(r.max_stated);
            }
            if (!duration) {
                duration = r.duration_days;
            }
            ambiguities.insert(ambiguities.end(), r.ambiguities.begin(), r.ambiguities.end());
        }
    }
    reading.prn = prn;
    reading.max_stated = max_stated;
    if (duration) {
        if (positive_finite(*duration) && *duration <= k_max_duration_days) {
            facts.duration_days = duration;
            reading.duration_days = duration;
        } else {
            invalid(findings, index, drug, "duration_days",
                    "duration " + util::format_number(*duration) + " days is not plausible", *duration,
                    "days");
        }
    }

    bool ok = facts.route_checked && frequency_ok;
    for (const auto& reason : ambiguities) {
        invalid(findings, index, drug, "sig", "ambiguous: " + reason);
        ok = false;
    }
    // Dose and unit.
    std::optional<units::DoseUnit> unit;
    if (!order.dose) {
        invalid(findings, index, drug, "dose", "no dose given");
        ok = false;
    } else if (!positive_finite(*order.dose) || (order.dose_min && !positive_finite(*order.dose_min))) {
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
    if (unit && order.dose) {
        reading.unit = unit->canonical;
        reading.dose_max = *order.dose * unit->to_base;
        reading.dose_min = order.dose_min.value_or(*order.dose) * unit->to_base;
    }
    double dose = 0;                // per administration, in the drug's terms (mg, mcg/h or units)
    std::optional<double> per_unit; // mg per tablet, when a count dose was converted
    if (ok && unit) {
        dose = *order.dose * unit->to_base;
        // "2 tablet" of a product whose strength is known counts as 2 x the strength; without a
        // strength, an Epic-style "(10 mg total)" gives the mass of the administration.
        if (unit->kind == units::UnitKind::count && drug.basis == rules::DoseBasis::mass && !unit_strength &&
            order.strength_mg) {
            unit_strength = order.strength_mg;
        }
        if (unit->kind == units::UnitKind::count && drug.basis != rules::DoseBasis::unit && unit_strength) {
            per_unit = *unit_strength;
            dose *= *unit_strength;
            unit = units::DoseUnit{drug.basis == rules::DoseBasis::rate ? units::UnitKind::rate
                                                                        : units::UnitKind::mass,
                                   1.0, drug.basis == rules::DoseBasis::rate ? "mcg/h" : "mg"};
        } else if (unit->kind == units::UnitKind::count && drug.basis == rules::DoseBasis::mass &&
                   order.total_mg && drug.components.size() == 1) {
            per_unit = *order.total_mg / *order.dose;
            dose = *order.total_mg;
            unit = units::DoseUnit{units::UnitKind::mass, 1.0, "mg"};
        }
        const bool fits = (drug.basis == rules::DoseBasis::mass && unit->kind == units::UnitKind::mass) ||
                          (drug.basis == rules::DoseBasis::rate && unit->kind == units::UnitKind::rate) ||
                          (drug.basis == rules::DoseBasis::unit && unit->kind == units::UnitKind::count);
        if (!fits) {
            invalid(findings, index, drug, "unit",
                    unit->kind == units::UnitKind::volume
                        ? "a dose in mL cannot be checked without a stated concentration"
                        : "a dose in '" + order.unit + "' cannot be converted for " + drug.key +
                              " (dosed by " +
                              (drug.basis == rules::DoseBasis::mass   ? "mass: mg, g or mcg"
                               : drug.basis == rules::DoseBasis::rate ? "rate: mcg/h"
                                                                      : "tablets or capsules") +
                              (unit->kind == units::UnitKind::count ? "; no product strength is known" : "") +
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
    // Doses per day: the schedule's most; PRN without a frequency may take it from a stated maximum.
    double doses_per_day = 0;
    if (frequency) {
        facts.frequency = frequency->canonical;
        doses_per_day = frequency->doses_per_day;
    } else if (frequency_ok) {
        const auto per_day = max_stated ? max_stated->per_day() : std::nullopt;
        if (prn && per_day && max_stated->basis == sig::MaxBasis::doses) {
            doses_per_day = *per_day;
            facts.frequency = "prn";
        } else {
            invalid(findings, index, drug, "frequency",
                    order.input.empty() ? "no frequency given" : "no frequency in the sig");
            ok = false;
        }
    }
    if (ok && !(doses_per_day > 0 && doses_per_day <= k_max_doses_per_day)) {
        invalid(findings, index, drug, "frequency",
                util::format_number(doses_per_day) + " doses/day is not plausible", doses_per_day,
                "doses/day");
        ok = false;
    }
    // A stated maximum caps the daily total only where it is lower than the schedule allows.
    double factor = doses_per_day;    // how many written (largest) doses a day, at the most
    double doses_cap = doses_per_day; // administrations a day: the smallest dose may be given most often
    std::string cap_note;
    std::string schedule_most; // the schedule's most in the stated maximum's terms
    if (ok && max_stated) {
        const auto per_day = max_stated->per_day();
        const double range_ratio = reading.dose_min && reading.dose_max && *reading.dose_max > 0
                                       ? *reading.dose_min / *reading.dose_max
                                       : 1.0;
        if (!(per_day && positive_finite(*per_day))) {
            cap_note = ", " + max_stated->text + " stated without a period (not used)";
        } else if (max_stated->basis == sig::MaxBasis::doses) {
            factor = std::min(factor, *per_day);
            doses_cap = factor;
            schedule_most = util::format_number(std::round(doses_per_day * 100) / 100) + " doses/day";
        } else {
            // The largest dose in the stated maximum's terms.
            std::optional<double> per_dose;
            if (max_stated->basis == sig::MaxBasis::units) {
                if (reading.unit == "tablet" || reading.unit == "patch") {
                    per_dose = reading.dose_max.value_or(0);
                } else if (per_unit) {
                    per_dose = dose / *per_unit;
                }
            } else if (drug.components.size() == 1 && drug.basis == rules::DoseBasis::mass) {
                per_dose = dose;
            }
            if (!per_dose || !(*per_dose > 0)) {
                cap_note = ", " + max_stated->text + " (not used: it cannot be compared with this dose)";
            } else {
                factor = std::min(factor, *per_day / *per_dose);
                schedule_most = util::format_number(std::round(*per_dose * doses_per_day * 100) / 100) +
                                (max_stated->basis == sig::MaxBasis::units ? " units/day" : " mg/day");
                doses_cap = std::min(doses_per_day, *per_day / (*per_dose * range_ratio));
            }
        }
        if (factor < doses_per_day) {
            cap_note = ", " + max_stated->text + " (lower than the schedule's " + schedule_most + ")";
        }
    }
    if (ok) {
        facts.doses_per_day = doses_cap;
        reading.doses_per_day_max = doses_cap;
    }
    facts.dose_ok = ok;
    reading.read = ok;
    if (ok) {
        for (const auto& component : drug.components) {
            // Patches: the rate is the dose; their mass amounts are not modelled.
            if (drug.basis == rules::DoseBasis::rate) {
                continue;
            }
            const double single = dose * component.amount;
            facts.amounts.push_back({component.ingredient, single, single * factor});
        }
    }
    // The reading line.
    if (!ok) {
        std::string why;
        for (std::size_t i = findings_before; i < findings.size(); ++i) {
            const std::string& m = findings[i].message;
            const auto colon = m.find(": ");
            const auto tail = m.find("; dose rules for this order could not be checked");
            why += (why.empty() ? "" : "; ") +
                   m.substr(colon == std::string::npos ? 0 : colon + 2,
                            tail == std::string::npos ? std::string::npos : tail - colon - 2);
        }
        reading.text = "not read: " + (why.empty() ? std::string("the dose could not be used") : why);
        return facts;
    }
    auto unit_text = [](double amount, const std::string& canonical) {
        if (amount == 1 || (canonical != "tablet" && canonical != "patch")) {
            return canonical;
        }
        return canonical == "patch" ? std::string("patches") : canonical + "s";
    };
    const double shown = *reading.dose_max;
    std::string line = util::format_number(shown) + " " + unit_text(shown, reading.unit) + " " +
                       (frequency ? sig::describe_frequency(*frequency) : std::string("(no schedule)")) +
                       (prn ? " as needed" : "") + cap_note;
    if (drug.basis != rules::DoseBasis::rate) {
        const double daily = shown * factor;
        line += " = up to " + util::format_number(std::round(daily * 100) / 100) + " " +
                unit_text(daily, reading.unit) + "/day";
        std::vector<const IngredientAmount*> sorted;
        for (const auto& a : facts.amounts) {
            sorted.push_back(&a);
        }
        std::sort(sorted.begin(), sorted.end(), [](const IngredientAmount* a, const IngredientAmount* b) {
            return a->ingredient < b->ingredient;
        });
        std::string list;
        for (const auto* a : sorted) {
            list += (list.empty() ? "" : ", ") + a->ingredient + " " +
                    util::format_number(std::round(a->daily_mg * 100) / 100) + " mg/day";
        }
        if (!list.empty() && !(sorted.size() == 1 && reading.unit == "mg")) {
            line += ": " + list;
        }
    }
    if (facts.duration_days) {
        line += ", for " + util::format_number(*facts.duration_days) + " days";
    }
    reading.text = std::move(line);
    return facts;
}

std::string describe_order(const model::MedicationOrder& order) {
    if (!order.input.empty()) {
        return order.input;
    }
    std::string sig = order.drug;
    if (order.dose) {
        sig += " " + (order.dose_min ? util::format_number(*order.dose_min) + "-" : std::string()) +
               util::format_number(*order.dose);
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
