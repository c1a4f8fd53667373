#include <medcheck/io/sig.hpp>

#include <medcheck/sig/reader.hpp>
#include <medcheck/units/dose_unit.hpp>
#include <medcheck/util/text.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace medcheck::io {

void apply_reading(const sig::Reading& reading, model::MedicationOrder& order) {
    order.dose = reading.dose_max;
    order.dose_min = reading.dose_min != reading.dose_max ? reading.dose_min : std::nullopt;
    order.unit = reading.unit;
    order.route = reading.route;
    order.frequency = reading.frequency ? reading.frequency->canonical : std::string();
    order.duration_days = reading.duration_days;
    order.prn = reading.prn;
    order.max_stated = reading.max_stated;
    order.indication = reading.prn_reason;
    order.strength_mg = reading.strength_mg;
    order.total_mg = reading.total_mg_max;
    order.daily_dose = reading.daily_dose_max;
    order.phases = reading.phases;
    order.start_dose = reading.first_dose_max;
    order.start_daily = reading.first_day;
    order.ambiguities = reading.ambiguities;
    order.continuing = reading.continuing;
}

model::MedicationOrder parse_sig(std::string_view text, int index, const std::string& field_prefix,
                                 std::vector<model::InputIssue>& issues, bool* duration_if_scheduled) {
    model::MedicationOrder order;
    order.reference = field_prefix;
    order.input = std::string(text.substr(0, k_max_sig_bytes));
    const auto split = sig::split_drug(order.input);
    order.drug = std::string(split.drug);
    const sig::Reading reading = sig::read_regimen(split.regimen);
    apply_reading(reading, order);
    if (duration_if_scheduled != nullptr) {
        *duration_if_scheduled = reading.duration_if_scheduled;
    }
    if (reading.as_directed && !reading.frequency) {
        order.ambiguities.emplace_back("'as directed': no frequency in the sig");
    }
    for (const auto& word : reading.unrecognised) {
        issues.push_back({field_prefix + " sig",
                          model::unrecognised_word_message(word, "\"" + order.input + "\""), index});
    }
    // No dose read is the checker's to report ("no dose given"): only a drug whose dose a rule reads
    // needs one (contract decision 16).
    return order;
}

namespace {

bool same_unit(const std::string& a, const std::string& b) {
    const auto ua = units::parse_dose_unit(a);
    const auto ub = units::parse_dose_unit(b);
    if (ua && ub) {
        return ua->canonical == ub->canonical && ua->to_base == ub->to_base; // "tabs" = "tablet"
    }
    return util::to_lower(a) == util::to_lower(b);
}

// A route as the sig vocabulary names it ("PO" -> "oral"), else lowercase as written.
std::string canonical_route(const std::string& route) {
    const sig::Reading r = sig::read_regimen(route);
    return r.route.empty() || !r.unrecognised.empty() ? util::to_lower(route) : r.route;
}

} // namespace

model::MedicationOrder order_from_sig(std::string_view sig, const model::MedicationOrder& given,
                                      const FieldsBesideSig& beside, int index,
                                      const std::string& field_prefix,
                                      std::vector<model::InputIssue>& issues) {
    bool duration_if_scheduled = false;
    model::MedicationOrder order = parse_sig(sig, index, field_prefix, issues, &duration_if_scheduled);
    order.reference = given.reference;
    order.source_id = given.source_id;
    order.start_s = given.start_s;
    order.end_s = given.end_s;
    order.max_doses_per_day = given.max_doses_per_day;
    order.prn = order.prn || given.prn;
    order.continuing = order.continuing || given.continuing;
    std::vector<std::string> clashes;
    if (beside.drug) {
        if (order.drug.empty()) {
            order.drug = given.drug;
        } else if (util::to_lower(given.drug) != util::to_lower(order.drug)) {
            clashes.push_back("drug \"" + given.drug + "\"");
        }
    }
    if (beside.dose && (given.dose != order.dose || given.dose_min != order.dose_min)) {
        clashes.push_back("dose " + beside.dose_text);
    }
    if (beside.unit && !same_unit(given.unit, order.unit)) {
        clashes.push_back("unit \"" + given.unit + "\"");
    }
    if (beside.route) {
        if (order.route.empty()) {
            order.route = given.route;
        } else if (canonical_route(given.route) != canonical_route(order.route)) {
            clashes.push_back("route \"" + given.route + "\"");
        }
    }
    if (beside.frequency) {
        const sig::Reading freq = sig::read_regimen(given.frequency);
        if (!freq.frequency || !freq.unrecognised.empty() || freq.frequency->canonical != order.frequency) {
            clashes.push_back("frequency \"" + given.frequency + "\"");
        }
        order.prn = order.prn || freq.prn;
    }
    if (order.prn && duration_if_scheduled) {
        order.duration_days.reset(); // "#90" lasts 30 days at tid only when taken as scheduled
    }
    if (beside.duration) {
        if (!order.duration_days) {
            order.duration_days = given.duration_days;
        } else if (given.duration_days != order.duration_days) {
            clashes.push_back("duration_days " + util::format_number(given.duration_days.value_or(0)));
        }
    }
    if (!clashes.empty()) {
        order.ambiguities.push_back(
            fmt::format("the sig \"{}\" and the fields disagree: {}", order.input, fmt::join(clashes, ", ")));
    }
    return order;
}

} // namespace medcheck::io
