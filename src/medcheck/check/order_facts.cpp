#include <medcheck/check/order_facts.hpp>

#include <medcheck/check/input_finding.hpp>

#include <medcheck/sig/reader.hpp>
#include <medcheck/units/dose_unit.hpp>
#include <medcheck/util/text.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace medcheck::check {

namespace {

bool positive_finite(double value) {
    return std::isfinite(value) && value > 0;
}

// The order being interpreted: where its invalid_input findings go and what they name.
struct OrderScope {
    std::vector<model::Finding>& findings;
    int index;
    const rules::Drug& drug;

    void invalid(const std::string& field, const std::string& message,
                 std::optional<double> actual = std::nullopt, std::string unit = {}) const {
        model::Finding& f = add_input_finding(
            findings, field,
            fmt::format("medications[{}].{}: {}; dose rules for this order could not be checked", index,
                        field, message));
        f.drug = model::Text::borrow(drug.key);
        f.actual = actual;
        f.unit = std::move(unit);
        f.order = index;
    }
    // A value the order lacks (or a route without rules): a finding only when a rule reads the dose.
    void missing(const std::string& field, const std::string& message) const {
        if (drug.dose_rules) {
            invalid(field, message);
        }
    }
};

void check_order_route(const model::MedicationOrder& order, const OrderScope& scope, OrderFacts& facts) {
    const rules::Drug& drug = scope.drug;
    facts.route = order.route.empty() ? drug.default_route : order.route;
    facts.route_checked = std::binary_search(drug.routes.begin(), drug.routes.end(), facts.route);
    if (!facts.route_checked && !order.route.empty()) {
        // A route cell as exports write it ("PO", "by mouth", "IVPB"): the sig vocabulary's name for it.
        const sig::Reading& read = sig::remembered_reading(order.route);
        if (!read.route.empty() && read.unrecognised.empty() && read.ambiguities.empty() && !read.dose_max &&
            !read.frequency) {
            facts.route = read.route;
            facts.route_checked = std::binary_search(drug.routes.begin(), drug.routes.end(), facts.route);
        }
    }
    if (!facts.route_checked) {
        scope.missing("route", fmt::format("route '{}' has no rules for {} (checked routes: {})", facts.route,
                                           drug.key, fmt::join(drug.routes, ", ")));
    }
}

// The schedule as written in the order's fields.
struct WrittenSchedule {
    bool prn = false;
    std::optional<sig::StatedMax> max_stated;
    std::optional<double> duration;
    std::vector<std::string> ambiguities;
    std::optional<sig::Frequency> frequency;
    bool frequency_ok = true; // false when a frequency was written and could not be read
};

// The frequency field is read with the whole sig vocabulary: it may also carry prn, a stated
// maximum or a duration ("q6h prn max 4/day").
WrittenSchedule read_order_schedule(const model::MedicationOrder& order, const OrderScope& scope) {
    WrittenSchedule schedule;
    schedule.prn = order.prn;
    schedule.max_stated = order.max_stated;
    if (!schedule.max_stated && order.max_doses_per_day) {
        schedule.max_stated =
            sig::StatedMax{*order.max_doses_per_day, sig::MaxBasis::doses, 24,
                           fmt::format("max {}/day", util::format_number(*order.max_doses_per_day))};
    }
    schedule.duration = order.duration_days;
    schedule.ambiguities = order.ambiguities;
    if (order.frequency.empty()) {
        return schedule;
    }
    const sig::Reading& r = sig::remembered_reading(order.frequency);
    if (!sig::usable_as_frequency(r)) {
        if (!order.frequency_unreadable) { // else the reader reported it, naming its cell
            scope.invalid("frequency", fmt::format("unknown frequency '{}'", order.frequency));
        }
        schedule.frequency_ok = false;
        return schedule;
    }
    schedule.frequency = r.frequency;
    schedule.prn = schedule.prn || r.prn;
    if (!schedule.max_stated) {
        schedule.max_stated = r.max_stated;
    }
    if (!schedule.duration) {
        schedule.duration = r.duration_days;
    }
    schedule.ambiguities.insert(schedule.ambiguities.end(), r.ambiguities.begin(), r.ambiguities.end());
    return schedule;
}

void check_order_duration(std::optional<double> duration, const OrderScope& scope, OrderFacts& facts) {
    if (!duration) {
        return;
    }
    if (positive_finite(*duration) && *duration <= k_max_duration_days) {
        facts.duration_days = duration;
        facts.reading.duration_days = duration;
    } else {
        scope.invalid("duration_days",
                      fmt::format("duration {} days is not plausible", util::format_number(*duration)),
                      *duration, "days");
    }
}

// The written dose and unit; findings for a missing or unusable one clear `ok`.
std::optional<units::DoseUnit> read_order_dose(const model::MedicationOrder& order, const OrderScope& scope,
                                               OrderReading& reading, bool& ok) {
    std::optional<units::DoseUnit> unit;
    if (!order.dose) {
        if (!order.dose_unreadable) {
            scope.missing("dose", "no dose given");
        }
        ok = false;
    } else if (!positive_finite(*order.dose) || (order.dose_min && !positive_finite(*order.dose_min))) {
        scope.invalid("dose", fmt::format("dose {} must be above zero", util::format_number(*order.dose)),
                      *order.dose, order.unit);
        ok = false;
    }
    if (order.unit.empty()) {
        scope.missing("unit", "no unit given");
        ok = false;
    } else if (!(unit = units::parse_dose_unit(order.unit))) {
        scope.invalid("unit", fmt::format("unknown unit '{}'", order.unit));
        ok = false;
    }
    if (unit && order.dose) {
        reading.unit = unit->canonical;
        reading.dose_max = *order.dose * unit->to_base;
        reading.dose_min = order.dose_min.value_or(*order.dose) * unit->to_base;
    }
    return unit;
}

// One administration in the drug's terms (mg, mcg/h or units).
struct DoseInDrugTerms {
    double dose = 0;
    std::optional<double> per_unit; // mg per tablet, when a count dose was converted
};

const char* dosed_by(rules::DoseBasis basis) {
    return basis == rules::DoseBasis::mass   ? "mass: mg, g or mcg"
           : basis == rules::DoseBasis::rate ? "rate: mcg/h"
                                             : "tablets or capsules";
}

// Converts a readable dose to the drug's terms and checks it is plausible; findings clear `ok`.
DoseInDrugTerms convert_order_dose(const model::MedicationOrder& order, const OrderScope& scope,
                                   units::DoseUnit unit, const NameStrength& strength, OrderFacts& facts,
                                   bool& ok) {
    std::optional<double> unit_strength = strength.per_unit;
    const rules::Drug& drug = scope.drug;
    DoseInDrugTerms out;
    out.dose = *order.dose * unit.to_base;
    // "2 tablet" of a product whose strength is known counts as 2 x the strength; without a
    // strength, an Epic-style "(10 mg total)" gives the mass of the administration.
    if (unit.kind == units::UnitKind::count && drug.basis == rules::DoseBasis::mass && !unit_strength &&
        order.strength_mg) {
        unit_strength = order.strength_mg;
    }
    if (unit.kind == units::UnitKind::count && drug.basis != rules::DoseBasis::unit && unit_strength) {
        out.per_unit = *unit_strength;
        out.dose *= *unit_strength;
        unit = units::DoseUnit{drug.basis == rules::DoseBasis::rate ? units::UnitKind::rate
                                                                    : units::UnitKind::mass,
                               1.0, drug.basis == rules::DoseBasis::rate ? "mcg/h" : "mg"};
    } else if (unit.kind == units::UnitKind::volume && drug.basis == rules::DoseBasis::mass &&
               strength.per_ml) {
        // "15 mL" of "160 mg/5 mL": 480 mg.
        out.dose *= *strength.per_ml;
        unit = units::DoseUnit{units::UnitKind::mass, 1.0, "mg"};
    } else if (unit.kind == units::UnitKind::count && drug.basis == rules::DoseBasis::mass &&
               order.total_mg && drug.components.size() == 1) {
        out.per_unit = *order.total_mg / *order.dose;
        out.dose = *order.total_mg;
        unit = units::DoseUnit{units::UnitKind::mass, 1.0, "mg"};
    }
    const bool fits = (drug.basis == rules::DoseBasis::mass && unit.kind == units::UnitKind::mass) ||
                      (drug.basis == rules::DoseBasis::rate && unit.kind == units::UnitKind::rate) ||
                      (drug.basis == rules::DoseBasis::unit && unit.kind == units::UnitKind::count);
    if (!fits) {
        scope.invalid(
            "unit",
            unit.kind == units::UnitKind::volume
                ? std::string("a dose in mL cannot be checked without a stated concentration")
                : fmt::format("a dose in '{}' cannot be converted for {} (dosed by {}{})", order.unit,
                              drug.key, dosed_by(drug.basis),
                              unit.kind == units::UnitKind::count ? "; no product strength is known" : ""));
        ok = false;
        return out;
    }
    const double cap = drug.basis == rules::DoseBasis::mass   ? k_max_single_mg
                       : drug.basis == rules::DoseBasis::rate ? k_max_rate_mcg_h
                                                              : k_max_units;
    if (out.dose > cap) {
        scope.invalid(
            "dose", fmt::format("dose {} {} is not plausible", util::format_number(*order.dose), order.unit),
            *order.dose, order.unit);
        ok = false;
    } else if (drug.basis == rules::DoseBasis::rate) {
        facts.rate_mcg_h = out.dose;
    } else if (drug.basis == rules::DoseBasis::unit) {
        facts.units_per_dose = out.dose;
    }
    return out;
}

// Doses per day: the schedule's most; PRN without a frequency may take it from a stated maximum.
double order_doses_per_day(const model::MedicationOrder& order, const WrittenSchedule& schedule,
                           const OrderScope& scope, OrderFacts& facts, bool& ok) {
    double doses_per_day = 0;
    if (schedule.frequency) {
        facts.frequency = schedule.frequency->canonical;
        doses_per_day = schedule.frequency->doses_per_day;
    } else if (schedule.frequency_ok) {
        const auto per_day = schedule.max_stated ? schedule.max_stated->per_day() : std::nullopt;
        if (schedule.prn && per_day && schedule.max_stated->basis == sig::MaxBasis::doses) {
            doses_per_day = *per_day;
            facts.frequency = "prn";
        } else {
            scope.missing("frequency",
                          order.input.empty() ? "no frequency given" : "no frequency in the sig");
            ok = false;
        }
    }
    if (ok && !(doses_per_day > 0 && doses_per_day <= k_max_doses_per_day)) {
        scope.invalid("frequency",
                      fmt::format("{} doses/day is not plausible", util::format_number(doses_per_day)),
                      doses_per_day, "doses/day");
        ok = false;
    }
    return doses_per_day;
}

std::string format_hundredths(double value) {
    return util::format_number(std::round(value * 100) / 100);
}

// How far a stated maximum caps the day.
struct StatedCap {
    double factor;    // how many written (largest) doses a day, at the most
    double doses_cap; // administrations a day: the smallest dose may be given most often
    std::string note; // for the reading line, ", max 4/day (lower than the schedule's 6 doses/day)"
};

// How many of the largest doses the schedule gives a day: its administrations, or fewer when a sig gives
// different doses at different times ("1 in the morning, 2 at night": 1.5 doses of 2).
double schedule_factor(const model::MedicationOrder& order, double doses_per_day) {
    if (order.daily_dose && order.dose && *order.dose > 0 && positive_finite(*order.daily_dose) &&
        *order.daily_dose >= *order.dose) {
        return *order.daily_dose / *order.dose;
    }
    return doses_per_day;
}

// A stated maximum caps the daily total only where it is lower than the schedule allows (`factor`
// of the largest doses a day, in `doses_per_day` administrations).
StatedCap apply_stated_max(const sig::StatedMax& max_stated, double doses_per_day, double factor,
                           const OrderReading& reading, const DoseInDrugTerms& dose,
                           const rules::Drug& drug) {
    StatedCap cap{factor, doses_per_day, {}};
    std::string schedule_most; // the schedule's most in the stated maximum's terms
    const auto per_day = max_stated.per_day();
    const double range_ratio = reading.dose_min && reading.dose_max && *reading.dose_max > 0
                                   ? *reading.dose_min / *reading.dose_max
                                   : 1.0;
    if (!(per_day && positive_finite(*per_day))) {
        cap.note = fmt::format(", {} stated without a period (not used)", max_stated.text);
    } else if (max_stated.basis == sig::MaxBasis::doses) {
        cap.factor = std::min(cap.factor, *per_day);
        cap.doses_cap = cap.factor;
        schedule_most = format_hundredths(doses_per_day) + " doses/day";
    } else {
        // The largest dose in the stated maximum's terms.
        std::optional<double> per_dose;
        if (max_stated.basis == sig::MaxBasis::units) {
            if (reading.unit == "tablet" || reading.unit == "patch") {
                per_dose = reading.dose_max.value_or(0);
            } else if (dose.per_unit) {
                per_dose = dose.dose / *dose.per_unit;
            }
        } else if (drug.components.size() == 1 && drug.basis == rules::DoseBasis::mass) {
            per_dose = dose.dose;
        }
        if (!per_dose || !(*per_dose > 0)) {
            cap.note = fmt::format(", {} (not used: it cannot be compared with this dose)", max_stated.text);
        } else {
            cap.factor = std::min(cap.factor, *per_day / *per_dose);
            schedule_most = format_hundredths(*per_dose * factor) +
                            (max_stated.basis == sig::MaxBasis::units ? " units/day" : " mg/day");
            cap.doses_cap = std::min(doses_per_day, *per_day / (*per_dose * range_ratio));
        }
    }
    if (cap.factor < factor) {
        cap.note = fmt::format(", {} (lower than the schedule's {})", max_stated.text, schedule_most);
    }
    return cap;
}

// "not read: ...": the messages of this order's findings without their field path and tail; for a drug
// no rule reads the dose of, that it needs none.
std::string not_read_text(const rules::Drug& drug, const std::vector<model::Finding>& findings,
                          std::size_t findings_before) {
    if (!drug.dose_rules && findings.size() == findings_before) {
        return "not read: no rule reads the dose of " + drug.key +
               " (its interactions and conditions are checked)";
    }
    std::string why;
    for (std::size_t i = findings_before; i < findings.size(); ++i) {
        const std::string& m = findings[i].message;
        const auto colon = m.find(": ");
        const auto tail = m.find("; dose rules for this order could not be checked");
        why += (why.empty() ? "" : "; ") +
               m.substr(colon == std::string::npos ? 0 : colon + 2,
                        tail == std::string::npos ? std::string::npos : tail - colon - 2);
    }
    return "not read: " + (why.empty() ? std::string("the dose could not be used") : why);
}

std::string reading_unit_text(double amount, const std::string& canonical) {
    if (amount == 1 || (canonical != "tablet" && canonical != "patch")) {
        return canonical;
    }
    return canonical == "patch" ? std::string("patches") : canonical + "s";
}

// "2 tablets every 4 h as needed = up to 12 tablets/day: acetaminophen 3900 mg/day"; different doses at
// different times: "1 to 2 tablets (by time of day) twice a day = up to 3 tablets/day"; a taper read as
// its phases (`phases` >= 2): "20 to 40 mg (most of 2 phases) once a day = up to 40 mg/day".
std::string reading_line(const OrderFacts& facts, const WrittenSchedule& schedule, const StatedCap& cap,
                         bool divided, int phases) {
    const OrderReading& reading = facts.reading;
    const double shown = *reading.dose_max;
    const bool ranged = divided || phases >= 2;
    const std::string lowest = ranged && reading.dose_min && *reading.dose_min < shown
                                   ? util::format_number(*reading.dose_min) + " to "
                                   : std::string();
    const std::string how = phases >= 2 ? fmt::format(" (most of {} phases)", phases)
                            : divided   ? std::string(" (by time of day)")
                                        : std::string();
    std::string line = fmt::format(
        "{}{} {}{} {}{}{}", lowest, util::format_number(shown), reading_unit_text(shown, reading.unit), how,
        schedule.frequency ? sig::describe_frequency(*schedule.frequency) : std::string("(no schedule)"),
        schedule.prn ? " as needed" : "", cap.note);
    if (facts.drug->basis != rules::DoseBasis::rate) {
        const double daily = shown * cap.factor;
        fmt::format_to(std::back_inserter(line), " = up to {} {}/day", format_hundredths(daily),
                       reading_unit_text(daily, reading.unit));
        std::vector<const IngredientAmount*> sorted;
        for (const auto& a : facts.amounts) {
            sorted.push_back(&a);
        }
        std::sort(sorted.begin(), sorted.end(), [](const IngredientAmount* a, const IngredientAmount* b) {
            return a->ingredient < b->ingredient;
        });
        std::vector<std::string> amounts;
        amounts.reserve(sorted.size());
        for (const auto* a : sorted) {
            amounts.push_back(fmt::format("{} {} mg/day", a->ingredient, format_hundredths(a->daily_mg)));
        }
        if (!amounts.empty() && !(sorted.size() == 1 && reading.unit == "mg")) {
            fmt::format_to(std::back_inserter(line), ": {}", fmt::join(amounts, ", "));
        }
    }
    if (facts.duration_days) {
        fmt::format_to(std::back_inserter(line), ", for {} {}", util::format_number(*facts.duration_days),
                       *facts.duration_days == 1 ? "day" : "days");
    }
    return line;
}

// A regimen read as phases starts at its first: its single dose and day as shares of the regimen's
// (`factor`: the regimen's largest doses a day), for start-dose rules.
void set_start_shares(const model::MedicationOrder& order, double factor, OrderFacts& facts) {
    if (!order.dose || !(*order.dose > 0)) {
        return;
    }
    if (order.start_dose) {
        facts.start_single_share = std::clamp(*order.start_dose / *order.dose, 0.0, 1.0);
    }
    if (order.start_daily && factor > 0) {
        facts.start_daily_share = std::clamp(*order.start_daily / (*order.dose * factor), 0.0, 1.0);
    }
}

} // namespace

OrderFacts interpret_order(const model::MedicationOrder& order, int index, const rules::Drug& drug,
                           NameStrength strength, std::vector<model::Finding>& findings, bool describe) {
    const OrderScope scope{findings, index, drug};
    OrderFacts facts;
    facts.index = index;
    facts.drug = &drug;
    facts.continuing = order.continuing;
    const std::size_t findings_before = findings.size();
    auto& reading = facts.reading;
    check_order_route(order, scope, facts);
    const WrittenSchedule schedule = read_order_schedule(order, scope);
    reading.prn = schedule.prn;
    reading.max_stated = schedule.max_stated;
    check_order_duration(schedule.duration, scope, facts);

    bool ok = facts.route_checked && schedule.frequency_ok;
    for (const auto& reason : schedule.ambiguities) {
        scope.invalid("sig", "ambiguous: " + reason);
        ok = false;
    }
    const std::optional<units::DoseUnit> unit = read_order_dose(order, scope, reading, ok);
    DoseInDrugTerms dose;
    if (ok && unit) {
        dose = convert_order_dose(order, scope, *unit, strength, facts, ok);
    }
    const double doses_per_day = order_doses_per_day(order, schedule, scope, facts, ok);
    const double factor = schedule_factor(order, doses_per_day);
    const StatedCap cap = ok && schedule.max_stated ? apply_stated_max(*schedule.max_stated, doses_per_day,
                                                                       factor, reading, dose, drug)
                                                    : StatedCap{factor, doses_per_day, {}};
    if (ok) {
        facts.doses_per_day = cap.doses_cap;
        reading.doses_per_day_max = cap.doses_cap;
        if (facts.units_per_dose) {
            // Different doses at different times: the day's units, not the largest dose at each time.
            facts.units_per_day =
                *facts.units_per_dose * (factor < doses_per_day ? cap.factor : cap.doses_cap);
        }
    }
    facts.dose_ok = ok;
    reading.read = ok;
    if (!ok) {
        if (describe) {
            reading.text = not_read_text(drug, findings, findings_before);
        }
        return facts;
    }
    for (const auto& component : drug.components) {
        // Patches: the rate is the dose; their mass amounts are not modelled.
        if (drug.basis == rules::DoseBasis::rate) {
            continue;
        }
        const double single = dose.dose * component.amount;
        facts.amounts.push_back({component.ingredient, single, single * cap.factor, component.ingredient_id});
    }
    set_start_shares(order, cap.factor, facts);
    if (describe) {
        reading.text = reading_line(facts, schedule, cap, factor < doses_per_day, order.phases);
    }
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
