// FHIR Dosage -> medcheck's order vocabulary (dose, unit, route, frequency, PRN, maximum, duration).
#include <medcheck/io/fhir_parts.hpp>

#include <medcheck/io/sig.hpp>
#include <medcheck/model/route.hpp>
#include <medcheck/sig/phases.hpp>
#include <medcheck/sig/reader.hpp>
#include <medcheck/units/dose_unit.hpp>
#include <medcheck/util/date_time.hpp>
#include <medcheck/util/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <span>

namespace medcheck::io {

using namespace std::string_view_literals;

namespace fhir_detail {

namespace {

// A dose unit in the spelling parse_dose_unit reads, from a Quantity's code and unit: UCUM code
// preferred, annotations unwrapped.
std::string dose_unit_from(std::string_view code, std::string_view unit) {
    static constexpr std::array<std::string_view, 4> k_tablet{"tbl", "tab", "tabs", "tablets"};
    static constexpr std::array<std::string_view, 3> k_capsule{"cap", "caps", "capsules"};
    std::string out = util::to_lower(util::trim(code.empty() ? unit : code));
    std::string_view word = out;
    if (word.size() >= 2 && word.front() == '{' && word.back() == '}') {
        word = word.substr(1, word.size() - 2);
    }
    const auto spelled = [word](const auto& spellings) {
        return std::any_of(spellings.begin(), spellings.end(),
                           [word](std::string_view spelling) { return same_text(word, spelling); });
    };
    if (spelled(k_tablet)) {
        return "tablet";
    }
    if (spelled(k_capsule)) {
        return "capsule";
    }
    return word.size() == out.size() ? out : std::string(word);
}

std::string dose_unit_of(dom::element quantity) {
    static constexpr KeySet<2> k_keys{{"code", "unit"}};
    const Fields<2> fields(quantity, k_keys);
    return dose_unit_from(fields.text(0), fields.text(1));
}

std::string route_of(dom::element route) {
    using model::Route;
    static const std::map<std::string, Route, std::less<>> k_snomed{
        {"26643006", Route::oral},       {"47625008", Route::iv},           {"45890007", Route::transdermal},
        {"78421000", Route::im},         {"34206005", Route::subcutaneous}, {"37161004", Route::rectal},
        {"37839007", Route::sublingual}, {"6064005", Route::topical},
    };
    std::optional<Route> coded;
    for_each_coding(route, [&](const CodingView& coding) {
        if (coding.system == "snomed") {
            if (const auto it = k_snomed.find(coding.code); it != k_snomed.end()) {
                coded = it->second;
            }
        }
        return coded.has_value();
    });
    if (coded) {
        return std::string(model::to_string(*coded));
    }
    std::string words = util::to_lower(text_of(route, "text"));
    if (words.empty()) {
        for_each_coding(route, [&](const CodingView& coding) {
            words = util::to_lower(coding.display);
            return !words.empty();
        });
    }
    if (words.find("oral") != std::string::npos || words.find("mouth") != std::string::npos ||
        words == "po") {
        return std::string(model::to_string(Route::oral));
    }
    if (words.find("intravenous") != std::string::npos || words == "iv") {
        return std::string(model::to_string(Route::iv));
    }
    if (words.find("transdermal") != std::string::npos) {
        return std::string(model::to_string(Route::transdermal));
    }
    return std::string(util::trim(words));
}

std::string timing_code_frequency(std::string_view code) {
    std::string lower = util::to_lower(util::trim(code)); // not const: returned by move
    if (lower == "am" || lower == "pm") {
        return "daily";
    }
    if (lower == "bed") {
        return "qhs";
    }
    if (lower == "wk") {
        return "weekly";
    }
    if (lower == "mo") {
        return "q672h"; // monthly, at the shortest month (28 days): never fewer doses than written
    }
    return lower; // BID, Q4H, QOD, AM ...: read by the checker with the sig vocabulary
}

std::string quoted_text(std::string_view text) {
    return "'" + std::string(text.substr(0, 120)) + (text.size() > 120 ? "...'" : "'");
}

// "2 tablet", "6 a day": one side of a disagreement between the text and the structured fields.
std::string describe_regimen(std::optional<double> dose, const std::string& unit,
                             std::optional<double> doses_per_day) {
    std::string out = dose ? util::format_number(*dose) + " " + unit : std::string("no dose");
    out += doses_per_day ? ", " + util::format_number(*doses_per_day) + " a day" : std::string(", no timing");
    return out;
}

// The sig reading of a dosage text. A text that starts with a drug name ("ibuprofen 400 mg q6h") is
// read from its regimen; the coded medication, not the text, names the drug.
sig::Reading read_text(std::string_view text) {
    sig::Reading reading = sig::read_regimen(text);
    if (!reading.unrecognised.empty()) {
        const auto split = sig::split_drug(text);
        if (!split.drug.empty()) {
            sig::Reading regimen = sig::read_regimen(split.regimen);
            if (regimen.unrecognised.size() < reading.unrecognised.size()) {
                return regimen;
            }
        }
    }
    return reading;
}

// A stated maximum as doses a day, when it can be counted in doses of `dose` `unit`.
std::optional<double> max_doses_of(const sig::StatedMax& max, std::optional<double> dose,
                                   const std::string& unit) {
    const auto per_day = max.per_day();
    if (!per_day) {
        return std::nullopt;
    }
    if (max.basis == sig::MaxBasis::doses) {
        return per_day;
    }
    const auto parsed = units::parse_dose_unit(unit);
    if (!dose || !(*dose > 0) || !parsed) {
        return std::nullopt;
    }
    const bool counts = max.basis == sig::MaxBasis::units && parsed->kind == units::UnitKind::count;
    const bool mass = max.basis == sig::MaxBasis::mass && parsed->kind == units::UnitKind::mass;
    return counts || mass ? std::optional<double>(*per_day / (*dose * parsed->to_base)) : std::nullopt;
}

// Why a dosage text that reads to more than the structured dose and timing (compared before
// filling), or to a dose in a unit that cannot be compared, cannot be verified; nullopt when it agrees.
std::optional<std::string> text_disagreement(const FhirMedicationRequest& out, const sig::Reading& r,
                                             std::string_view text) {
    const bool structured_dose = out.dose.has_value();
    const bool structured_timing = !out.frequency.empty();
    const auto structured_frequency =
        structured_timing ? sig::read_frequency(out.frequency) : std::optional<sig::Frequency>();
    bool higher = false;
    bool incomparable = false;
    if (structured_dose && r.dose_max) {
        const auto text_unit = units::parse_dose_unit(r.unit);
        const auto given_unit = units::parse_dose_unit(out.unit);
        if (text_unit && given_unit && text_unit->canonical == given_unit->canonical) {
            higher = *r.dose_max * text_unit->to_base > *out.dose * given_unit->to_base * (1 + 1e-9);
        } else {
            incomparable = true;
        }
    }
    if (structured_frequency && r.frequency && !r.frequency->single_administration &&
        r.frequency->doses_per_day > structured_frequency->doses_per_day * (1 + 1e-9)) {
        higher = true;
    }
    if (!higher && !incomparable) {
        return std::nullopt;
    }
    return fmt::format(
        "cannot verify: the text {} {} the structured dose and timing (text: {}; structured: {}); the "
        "structured "
        "values were checked",
        quoted_text(text), higher ? "reads to more than" : "gives a dose that cannot be compared with",
        describe_regimen(r.dose_max, r.unit,
                         r.frequency ? std::optional(r.frequency->doses_per_day) : std::nullopt),
        describe_regimen(out.dose, out.unit,
                         structured_frequency ? std::optional(structured_frequency->doses_per_day)
                                              : std::nullopt));
}

// dosageInstruction.text through the sig reader. The structured fields win where they give a dose or
// a timing; the text fills what they lack (unless it is ambiguous). A text that reads to a higher dose,
// more doses a day, a dose in a unit that cannot be compared, or an ambiguity is an issue naming both
// (the order is then unverifiable, with the structured values still checked): a higher amount in the
// text is never silently ignored. True when the text says as needed (filling or not).
bool read_dosage_text(FhirMedicationRequest& out) {
    const std::string_view text = util::trim(std::string_view(out.dosage_text).substr(0, k_max_sig_bytes));
    if (text.empty()) {
        return false;
    }
    const sig::Reading r = read_text(text);
    const bool structured_dose = out.dose.has_value();
    const bool structured_timing = !out.frequency.empty();
    const bool fills = !structured_dose || !structured_timing;
    if (!fills && !r.dose_max && !r.frequency && r.ambiguities.empty()) {
        return r.prn; // a note beside a complete structured dosage ("Take with food")
    }
    const std::string field = "dosageInstruction.text";
    if (fills) {
        for (const auto& word : r.unrecognised) {
            out.issues.emplace_back(field, model::unrecognised_word_message(word, quoted_text(text)));
        }
        if (!structured_timing && !r.frequency && r.as_directed) {
            out.issues.emplace_back(field, "cannot verify: 'as directed': no frequency in the text " +
                                               quoted_text(text));
        }
    }
    for (const auto& why : r.ambiguities) {
        out.issues.emplace_back(field, "cannot verify: ambiguous text " + quoted_text(text) + ": " + why);
    }
    if (auto issue = text_disagreement(out, r, text)) {
        out.issues.emplace_back(field, std::move(*issue));
    }
    if (!r.ambiguities.empty()) {
        return r.prn; // not read, as an ambiguous sig is not: the issues say why
    }
    // Fill what the structured fields lack.
    if (!structured_dose && r.dose_max) {
        out.dose = r.dose_max;
        out.dose_min = r.dose_min != r.dose_max ? r.dose_min : std::nullopt;
        out.unit = r.unit;
    }
    if (!structured_timing && r.frequency) {
        out.frequency = r.frequency->canonical;
    }
    if (!structured_dose && !structured_timing) {
        out.daily_dose = r.daily_dose_max; // with structured timing the largest dose counts at each
    }
    if (fills) {
        out.prn = out.prn || r.prn;
        if (!out.duration_days && !(out.prn && r.duration_if_scheduled)) {
            out.duration_days = r.duration_days; // not "#90" at tid when asNeeded says as needed
        }
        if (out.route.empty()) {
            out.route = r.route;
        }
        if (!out.max_doses_per_day && r.max_stated) {
            out.max_doses_per_day = max_doses_of(*r.max_stated, out.dose, out.unit);
        }
    }
    return r.prn;
}

bool is_whole(double value) {
    return std::fabs(value - std::round(value)) < 1e-9;
}

} // namespace

// Days in one unit of a UCUM time unit; nullopt for units other than time.
std::optional<double> days_per(std::string_view unit) {
    if (unit == "d" || unit == "day" || unit == "days") {
        return 1.0;
    }
    if (unit == "wk" || unit == "week" || unit == "weeks") {
        return 7.0;
    }
    if (unit == "h" || unit == "hour" || unit == "hours") {
        return 1.0 / 24.0;
    }
    if (unit == "mo" || unit == "month" || unit == "months") {
        return 30.0;
    }
    if (unit == "min") {
        return 1.0 / 1440.0;
    }
    return std::nullopt;
}

template <typename Value> std::optional<double> duration_days_of(Value duration) {
    static constexpr KeySet<3> k_keys{{"value", "code", "unit"}};
    const Fields<3, Value> fields(duration, k_keys);
    const auto value = fields.number(0);
    std::string_view unit = fields.text(1);
    if (unit.empty()) {
        unit = fields.text(2);
    }
    const auto factor = days_per(unit);
    if (!value || !factor) {
        return std::nullopt;
    }
    return *value * *factor;
}
template std::optional<double> duration_days_of(dom::element duration);
template std::optional<double> duration_days_of(TapeValue duration);

namespace {

// An edge of what a FHIR date or dateTime can mean, in seconds since 1970 (UTC): its first instant
// (a date starts its day, a month or year its first day), or with `after_last` the instant just after
// its last one (a date runs to the next midnight, "2024-05-31" to 2024-06-01 00:00; a month or a year
// to its end). A time is itself either way.
std::optional<std::int64_t> date_time_edge(std::string_view text, bool after_last) {
    text = util::trim(text);
    if (text.size() > 10) {
        return util::parse_timestamp(text);
    }
    const auto date = util::parse_date(text);
    if (!date) {
        return std::nullopt;
    }
    const std::int64_t year = *date / 10000;
    const unsigned month = *date / 100 % 100;
    const unsigned day = *date % 100;
    if (!after_last) {
        return util::days_from_civil(year, month, day) * 86400;
    }
    if (text.size() == 4) {
        return util::days_from_civil(year + 1, 1, 1) * 86400;
    }
    if (text.size() == 7) {
        return (month == 12 ? util::days_from_civil(year + 1, 1, 1)
                            : util::days_from_civil(year, month + 1, 1)) *
               86400;
    }
    return (util::days_from_civil(year, month, day) + 1) * 86400;
}

// A Timing.repeat.boundsPeriod in days, counted at its longest: from the first instant its start can
// mean to the last its end can ("2024-05-01" to "2024-05-31" is 31 days). A part of a day stays a part
// (phases that share a day are told by it). None without both ends, or with an end before its start.
std::optional<double> period_days_of(dom::element period) {
    static constexpr KeySet<2> k_keys{{"end", "start"}};
    const Fields<2> fields(period, k_keys);
    const auto start = date_time_edge(fields.text(1), false);
    const auto end = date_time_edge(fields.text(0), true);
    if (!start || !end || *end <= *start) {
        return std::nullopt;
    }
    return static_cast<double>(*end - *start) / 86400.0;
}

} // namespace

namespace {

// A Quantity's dose unit: its UCUM code, else its unit text (dose_unit_from). Where both are dose
// units that disagree ("unit": "g", "code": "mg"), the larger of the same kind is read (never an
// under-read) and an issue names both; of different kinds, the code, with the issue.
std::string checked_dose_unit(std::string_view code, std::string_view unit, std::string_view field,
                              FhirMedicationRequest& out) {
    if (util::trim(code).empty() || util::trim(unit).empty()) {
        return dose_unit_from(code, unit); // one of them: nothing to compare
    }
    std::string from_code = dose_unit_from(code, {});
    std::string from_unit = dose_unit_from({}, unit);
    if (from_code == from_unit) {
        return from_code;
    }
    const auto by_code = units::parse_dose_unit(from_code);
    const auto by_unit = units::parse_dose_unit(from_unit);
    if (!by_code || !by_unit ||
        (by_code->kind == by_unit->kind && by_code->canonical == by_unit->canonical &&
         by_code->to_base == by_unit->to_base)) {
        return from_code; // one spelling is no dose unit ("tablet(s)"), or both say the same
    }
    const bool unit_larger = by_code->kind == by_unit->kind && by_unit->to_base > by_code->to_base;
    out.issues.emplace_back(
        std::string(field),
        fmt::format("cannot verify: the unit '{}' and the code '{}' disagree; {} was checked", unit, code,
                    unit_larger ? "the unit, the larger," : "the code"));
    return unit_larger ? from_unit : from_code;
}

// One doseAndRate entry's dose: its doseQuantity, or the top of its doseRange (and the range).
struct EntryDose {
    dom::element quantity;
    std::optional<dom::element> range;
};

std::optional<EntryDose> entry_dose(dom::element entry_element) {
    static constexpr KeySet<2> k_entry_keys{{"doseQuantity", "doseRange"}};
    const Fields<2> entry(entry_element, k_entry_keys);
    EntryDose dose{{}, entry.get(1)};
    if (const auto dose_quantity = entry.get(0)) {
        dose.quantity = *dose_quantity;
    } else if (!dose.range || (*dose.range)["high"sv].get(dose.quantity) != simdjson::SUCCESS) {
        return std::nullopt;
    }
    if (dose.quantity.type() != dom::element_type::OBJECT) {
        return std::nullopt;
    }
    return dose;
}

// Further doseAndRate entries (an "ordered" and a "calculated" dose, say): one that gives another
// amount is an issue; in the same unit the larger is checked, in another unit the first.
void compare_other_doses(dom::array dose_and_rate, FhirMedicationRequest& out) {
    for (std::size_t i = 1; i < dose_and_rate.size(); ++i) {
        const auto other = entry_dose(dose_and_rate.at(i).value_unsafe());
        double value = 0;
        if (!other || other->quantity["value"sv].get_double().get(value) != simdjson::SUCCESS) {
            continue;
        }
        const std::string unit = dose_unit_of(other->quantity);
        if (unit == out.unit && value == *out.dose) {
            continue;
        }
        const std::string first = util::format_number(*out.dose) + " " + out.unit;
        const std::string second = util::format_number(value) + " " + unit;
        if (unit == out.unit) {
            out.issues.emplace_back(
                "dosageInstruction.doseAndRate",
                fmt::format("cannot verify: two doses given ('{}' and '{}'); the larger was checked", first,
                            second));
            if (value > *out.dose) {
                out.dose = value;
                out.dose_min.reset();
            }
        } else {
            out.issues.emplace_back(
                "dosageInstruction.doseAndRate",
                fmt::format("cannot verify: doses given in two units ('{}' and '{}'); the "
                            "first was checked",
                            first, second));
        }
    }
}

// Dose: the first doseAndRate's doseQuantity, or the top of a doseRange; further entries compared.
void map_dose_quantity(std::optional<dom::element> dose_and_rate_list, FhirMedicationRequest& out) {
    dom::array dose_and_rate;
    if (!dose_and_rate_list || dose_and_rate_list->get_array().get(dose_and_rate) != simdjson::SUCCESS ||
        dose_and_rate.size() == 0) {
        return;
    }
    const auto dose = entry_dose(dose_and_rate.at(0).value_unsafe());
    if (!dose) {
        return;
    }
    const std::optional<dom::element>& range = dose->range;
    static constexpr KeySet<4> k_quantity_keys{{"code", "unit", "value", "comparator"}};
    const Fields<4> fields(dose->quantity, k_quantity_keys);
    out.unit = checked_dose_unit(fields.text(0), fields.text(1), "dosageInstruction.doseAndRate.dose", out);
    const std::optional<dom::element> value = fields.get(2);
    if (!value) {
        return;
    }
    // "comparator": ">" 500 mg is more than 500 mg, with no top: the value is checked, unverifiable.
    // "<" or "<=" keeps the value the most, as read.
    if (const std::string_view comparator = fields.text(3);
        fields.has(3) && comparator != "<" && comparator != "<=") {
        out.issues.emplace_back(
            "dosageInstruction.doseAndRate.dose.comparator",
            fmt::format("cannot verify: comparator '{}' makes the dose a lower bound with no top; its "
                        "value was checked",
                        comparator.substr(0, 8)));
    }
    double number = 0;
    std::string_view written;
    if (value->get_double().get(number) == simdjson::SUCCESS) {
        out.dose = number;
        double low = 0; // a doseRange's low end, for the reading
        dom::element low_quantity;
        if (range && (*range)["low"sv].get(low_quantity) == simdjson::SUCCESS &&
            low_quantity["value"sv].get_double().get(low) == simdjson::SUCCESS &&
            dose_unit_of(low_quantity) == out.unit && low != number) {
            // A range written high to low ("low" 1000, "high" 500 mg) still counts at its top.
            out.dose = std::max(low, number);
            out.dose_min = std::min(low, number);
        }
        compare_other_doses(dose_and_rate, out);
    } else if (value->get_string().get(written) == simdjson::SUCCESS) {
        out.dose = util::parse_number(written);
        if (!out.dose) {
            out.issues.emplace_back("dosageInstruction.doseQuantity.value",
                                    fmt::format("cannot read '{}' as a number", written));
        }
    } else {
        out.issues.emplace_back("dosageInstruction.doseQuantity.value", "not a number");
    }
}

// The distinct non-empty strings of a JSON array, in order; none when it is absent or not an array.
std::vector<std::string_view> distinct_strings(std::optional<dom::element> list) {
    std::vector<std::string_view> out;
    dom::array items;
    if (!list || list->get_array().get(items) != simdjson::SUCCESS) {
        return out;
    }
    for (const dom::element item : items) {
        const std::string_view text = text_value(item);
        if (!text.empty() && std::find(out.begin(), out.end(), text) == out.end()) {
            out.push_back(text);
        }
    }
    return out;
}

// `times` per `period` `unit` in the vocabulary's spelling, or as written when it has none (the
// checker then names it).
std::string spelled_frequency(double times, double period, std::optional<double> period_max,
                              std::string_view unit) {
    std::string named = fhir_repeat_frequency(times, period, period_max, unit);
    return named.empty()
               ? fmt::format("{} per {} {}", util::format_number(times), util::format_number(period), unit)
               : named;
}

// `count` administrations per `unit` named by a repeat's times of day or days of the week: the
// frequency when none is stated; a stated one that allows fewer is raised to them, with an issue,
// since the two disagree (never an under-read).
void give_or_raise(FhirMedicationRequest& out, bool stated, const std::optional<sig::Frequency>& current,
                   double count, std::string_view unit, std::string_view field, std::string_view named) {
    const double per_day = unit == "wk" ? count / 7 : count;
    if (stated && !(current && per_day > current->doses_per_day * (1 + 1e-9))) {
        return;
    }
    if (stated) {
        out.issues.emplace_back(field,
                                fmt::format("cannot verify: {} {} named but a frequency of '{}' stated; "
                                            "the higher, {} a {}, was checked",
                                            util::format_number(count), named, out.frequency,
                                            util::format_number(count), unit == "wk" ? "week" : "day"));
    }
    out.frequency = spelled_frequency(count, 1, std::nullopt, unit);
}

// Times of day named in a repeat ("timeOfDay": ["08:00", "20:00"], "when": ["MORN", "HS"]) are as many
// administrations a day (a meal event, "C", "AC" or "PC", is every meal: three). Over a schedule
// longer than a day several cannot be counted: one time of day there only says when.
void apply_times_of_day(std::optional<dom::element> time_of_day, std::optional<dom::element> when,
                        bool stated, std::optional<double> length, std::string_view unit,
                        FhirMedicationRequest& out) {
    const std::vector<std::string_view> times = distinct_strings(time_of_day);
    auto events = static_cast<double>(times.size());
    for (const std::string_view time : times) {
        out.times_of_day.push_back("t:" + std::string(time));
    }
    for (const std::string_view code : distinct_strings(when)) {
        if (std::find(times.begin(), times.end(), code) == times.end()) {
            events += code == "C" || code == "AC" || code == "PC" ? 3 : 1;
        }
        out.times_of_day.push_back("w:" + std::string(code));
    }
    if (events == 0) {
        return;
    }
    const auto current = stated ? sig::read_frequency(out.frequency) : std::nullopt;
    if ((length && !(unit == "d" && *length == 1)) || (current && current->doses_per_day < 1)) {
        // "weekly, at bedtime": one time of day on the days it is taken; several cannot be counted.
        if (events > 1) {
            out.issues.emplace_back(
                "dosageInstruction.timing.repeat",
                fmt::format("cannot verify: {} times of day in a schedule longer than a day",
                            util::format_number(events)));
        }
        return;
    }
    give_or_raise(out, stated, current, events, "d", "dosageInstruction.timing.repeat", "times of day");
}

// Days of the week a repeat names ("dayOfWeek": ["mon", "wed", "fri"]) over a weekly schedule are as
// many administrations a week. Over a daily schedule they only choose the days (each dosing day is
// read whole).
void apply_days_of_week(std::optional<dom::element> day_of_week, bool stated, std::optional<double> length,
                        std::string_view unit, FhirMedicationRequest& out) {
    const auto count = static_cast<double>(distinct_strings(day_of_week).size());
    if (count == 0) {
        return; // most repeats: no frequency read again for nothing
    }
    const auto current = stated ? sig::read_frequency(out.frequency) : std::nullopt;
    const bool daily_or_shorter = unit == "d" || unit == "h" || unit == "min" || unit == "s";
    if ((length && daily_or_shorter) || (current && current->doses_per_day >= 1)) {
        return;
    }
    const std::string_view field = "dosageInstruction.timing.repeat.dayOfWeek";
    if (length && !(unit == "wk" && *length == 1)) {
        out.issues.emplace_back(field,
                                fmt::format("cannot verify: {} days of the week in a schedule of every {} {}",
                                            util::format_number(count), util::format_number(*length), unit));
        return;
    }
    give_or_raise(out, stated, current, count, "wk", field, "days of the week");
}

// The duration a repeat's bounds give, at their longest: a boundsDuration, the top of a boundsRange
// ("14 to 28 days": 28; a range with no top bounds nothing), or a boundsPeriod's days.
void read_bounds(std::optional<dom::element> duration, std::optional<dom::element> range,
                 std::optional<dom::element> period, FhirMedicationRequest& out) {
    dom::element high;
    if (duration) {
        out.duration_days = duration_days_of(*duration);
    } else if (range && (*range)["high"sv].get(high) == simdjson::SUCCESS &&
               high.type() == dom::element_type::OBJECT) {
        out.duration_days = duration_days_of(high);
        dom::element low;
        if (out.duration_days && (*range)["low"sv].get(low) == simdjson::SUCCESS &&
            low.type() == dom::element_type::OBJECT) {
            if (const auto low_days = duration_days_of(low); low_days && *low_days > *out.duration_days) {
                out.duration_days = low_days; // written high to low: still the longer
            }
        }
    } else if (period && period->type() == dom::element_type::OBJECT) {
        out.duration_days = period_days_of(*period);
    }
}

// The frequency a repeat states, `times` (up to `times_max`) every `length` (up to `length_max`)
// `unit`, at the most it allows, in the vocabulary's spelling (or as written); "once" for a count of one
// without a period; empty when it states none.
std::string repeat_frequency(std::optional<double> times_given, std::optional<double> times_max,
                             std::optional<double> length, std::optional<double> length_max,
                             std::string_view unit, std::optional<double> count) {
    if (unit == "min" && length) {
        // UCUM minutes ("every 360 min"): in hours, which the frequency vocabulary reads.
        *length /= 60;
        if (length_max) {
            *length_max /= 60;
        }
        unit = "h";
    }
    if (length && length_max && *length_max < *length) {
        std::swap(*length, *length_max); // written longest first: still every shortest at most
    }
    if (length && !unit.empty()) {
        // The most times the repeat allows, whichever of frequency and frequencyMax holds it.
        const double times = std::max(times_given.value_or(1.0), times_max.value_or(0.0));
        return spelled_frequency(times, *length, length_max, unit);
    }
    return count && *count == 1 ? "once" : "";
}

// A Timing.repeat's frequency in the vocabulary's spelling (or as written), and its bounds (or, for a
// scheduled order, its count) as a duration.
void map_repeat(dom::element repeat, FhirMedicationRequest& out) {
    enum Key : std::size_t {
        count,
        count_max,
        frequency,
        frequency_max,
        period,
        period_max,
        period_unit,
        bounds,
        bounds_range,
        bounds_period,
        time_of_day,
        when,
        day_of_week
    };
    static constexpr KeySet<13> k_keys{{"count", "countMax", "frequency", "frequencyMax", "period",
                                        "periodMax", "periodUnit", "boundsDuration", "boundsRange",
                                        "boundsPeriod", "timeOfDay", "when", "dayOfWeek"}};
    const Fields<13> fields(repeat, k_keys);
    // The numbers (count ... periodMax), each read once. One that is not a number (`"frequency": "4"`)
    // would read as absent: once a day, a period of one. Never silently.
    std::array<std::optional<double>, period_max + 1> number;
    for (const Key key : {count, count_max, frequency, frequency_max, period, period_max}) {
        number[key] = fields.number(key);
        if (fields.has(key) && !number[key]) {
            out.issues.emplace_back("dosageInstruction.timing.repeat." + std::string(k_keys[key]),
                                    "cannot verify: not a number");
        }
    }
    const std::string_view unit = fields.text(period_unit);
    // A timing code ("BID") or a frequency in the repeat states how often; times of day may add to it.
    const bool stated = !out.frequency.empty() || fields.has(frequency) || fields.has(frequency_max);
    if (out.frequency.empty()) {
        out.frequency = repeat_frequency(number[frequency], number[frequency_max], number[period],
                                         number[period_max], unit, number[count]);
    }
    if (out.frequency != "once") {
        apply_times_of_day(fields.get(time_of_day), fields.get(when), stated, number[period], unit, out);
        apply_days_of_week(fields.get(day_of_week), stated, number[period], unit, out);
    }
    read_bounds(fields.get(bounds), fields.get(bounds_range), fields.get(bounds_period), out);
    out.count_total = fields.has(count_max) ? number[count_max] : number[count];
}

// "count": 60 administrations at "every 8 hours" last 20 days when taken as scheduled (10 last 3.33
// days: a part of a day stays a part). Not for an as-needed order, whether the structure or the text
// (`text_prn`) says so: taken less often it lasts longer, so its count bounds nothing.
void duration_of_count(FhirMedicationRequest& out, bool text_prn) {
    if (out.duration_days || out.prn || text_prn || !out.count_total || *out.count_total <= 0 ||
        out.frequency == "once") {
        return;
    }
    if (const auto schedule = sig::read_frequency(out.frequency); schedule && schedule->doses_per_day > 0) {
        out.duration_days = *out.count_total / schedule->doses_per_day;
    }
}

// Timing: an abbreviation code, else repeat frequency per period; the repeat's bounds give a duration.
void map_dosage_timing(dom::element timing, FhirMedicationRequest& out) {
    static constexpr KeySet<2> k_keys{{"code", "repeat"}};
    const Fields<2> fields(timing, k_keys);
    if (const auto code = fields.get(0)) {
        for_each_coding(*code, [&](const CodingView& coding) {
            if (!coding.code.empty()) {
                out.frequency = timing_code_frequency(coding.code);
            }
            return !coding.code.empty();
        });
        if (out.frequency.empty()) {
            out.frequency = timing_code_frequency(text_of(*code, "text"));
        }
    }
    if (const auto repeat = fields.get(1)) {
        map_repeat(*repeat, out);
    }
}

// maxDosePerPeriod (R4: one Ratio; R5: a list): a cap in doses per day for PRN orders.
void map_max_dose(dom::element max_dose, FhirMedicationRequest& out) {
    dom::array list;
    if (max_dose.get_array().get(list) == simdjson::SUCCESS) {
        if (list.size() == 0) {
            return;
        }
        max_dose = list.at(0).value_unsafe();
    }
    if (max_dose.type() != dom::element_type::OBJECT) {
        return;
    }
    dom::element numerator;
    dom::element denominator;
    const bool has_numerator = max_dose["numerator"sv].get(numerator) == simdjson::SUCCESS &&
                               numerator.type() == dom::element_type::OBJECT;
    const bool has_denominator = max_dose["denominator"sv].get(denominator) == simdjson::SUCCESS &&
                                 denominator.type() == dom::element_type::OBJECT;
    double amount = 0;
    std::string amount_unit;
    bool has_amount = false;
    if (has_numerator) {
        has_amount =
            numerator["value"sv].get_double().get(amount) == simdjson::SUCCESS && std::isfinite(amount);
        amount_unit = dose_unit_of(numerator);
    }
    double per_days = 1.0;
    bool has_period = true;
    if (has_denominator) {
        const auto value = number_of(denominator, "value");
        std::string_view unit = text_of(denominator, "code");
        if (unit.empty()) {
            unit = text_of(denominator, "unit");
        }
        const auto factor = days_per(unit);
        has_period = value && factor && *value > 0;
        per_days = has_period ? *value * *factor : 1.0;
    }
    if (!has_amount || !has_period) {
        return;
    }
    if (amount_unit.empty() || amount_unit == "dose" || amount_unit == "doses") {
        out.max_doses_per_day = amount / per_days;
    } else if (out.dose && *out.dose > 0 && amount_unit == out.unit) {
        out.max_doses_per_day = amount / *out.dose / per_days;
    }
}

} // namespace

namespace {

// The fields of a dosageInstruction that are read, found in one pass.
enum DosageKey : std::size_t {
    ds_text,
    ds_as_needed_boolean,
    ds_as_needed_concept,
    ds_route,
    ds_dose_and_rate,
    ds_timing,
    ds_max_dose,
    ds_sequence,
    ds_as_needed, // R5
    ds_as_needed_for,
};
constexpr KeySet<10> k_dosage_keys{{"text", "asNeededBoolean", "asNeededCodeableConcept", "route",
                                    "doseAndRate", "timing", "maxDosePerPeriod", "sequence", "asNeeded",
                                    "asNeededFor"}};
using DosageFields = Fields<k_dosage_keys.size()>;

// Maps one dosageInstruction onto the order.
void map_dosage(const DosageFields& dosage, FhirMedicationRequest& out) {
    out.dosage_text = std::string(dosage.text(ds_text));
    bool as_needed = false;
    if (const auto flag = dosage.get(ds_as_needed_boolean);
        flag && flag->get_bool().get(as_needed) == simdjson::SUCCESS) {
        out.prn = as_needed;
    } else if (dosage.has(ds_as_needed_concept)) {
        out.prn = true;
    }
    // FHIR R5 writes "asNeeded" (boolean) and "asNeededFor" (the reasons).
    if (const auto flag = dosage.get(ds_as_needed);
        flag && flag->get_bool().get(as_needed) == simdjson::SUCCESS && as_needed) {
        out.prn = true;
    }
    if (dosage.has(ds_as_needed_for)) {
        out.prn = true;
    }
    if (const auto route = dosage.get(ds_route)) {
        out.route = route_of(*route);
    }
    map_dose_quantity(dosage.get(ds_dose_and_rate), out);
    if (const auto timing = dosage.get(ds_timing)) {
        map_dosage_timing(*timing, out);
    }
    if (const auto max_dose = dosage.get(ds_max_dose)) {
        map_max_dose(*max_dose, out);
    }
    const bool text_prn = read_dosage_text(out);
    duration_of_count(out, text_prn);
}

} // namespace

namespace {

// Moves the dosage fields of one mapped dosageInstruction onto an order.
void take_dosage(FhirMedicationRequest& to, FhirMedicationRequest&& from) {
    to.dose = from.dose;
    to.dose_min = from.dose_min;
    to.daily_dose = from.daily_dose;
    to.unit = std::move(from.unit);
    to.route = std::move(from.route);
    to.frequency = std::move(from.frequency);
    to.prn = from.prn;
    to.max_doses_per_day = from.max_doses_per_day;
    to.duration_days = from.duration_days;
    to.times_of_day = std::move(from.times_of_day);
    to.dosage_text = std::move(from.dosage_text);
    for (auto& issue : from.issues) {
        to.issues.push_back(std::move(issue));
    }
}

// Administrations a day of one entry whose frequency the vocabulary reads.
std::optional<double> administrations(const FhirMedicationRequest& part) {
    const auto frequency = sig::read_frequency(part.frequency);
    return frequency ? std::optional<double>(sig::administrations(*frequency)) : std::nullopt;
}

// The daily amount of a phase (its entries add up), when every entry has a dose in `unit` and a
// frequency the vocabulary reads.
std::optional<double> phase_daily(const std::vector<FhirMedicationRequest>& phase, const std::string& unit) {
    double total = 0;
    for (const auto& part : phase) {
        const auto given = administrations(part);
        if (!part.dose || part.unit != unit || !given) {
            return std::nullopt;
        }
        double doses = *given;
        if (part.prn && part.max_doses_per_day) {
            doses = std::min(doses, *part.max_doses_per_day);
        }
        // Different doses at different times: the day's own total, as the checker counts it (the
        // largest dose at every time would choose a phase the checker then reads lower).
        total += part.daily_dose ? std::min(*part.daily_dose, *part.dose * doses) : *part.dose * doses;
    }
    return total;
}

using Phases = std::map<std::int64_t, std::vector<FhirMedicationRequest>>;

void add_issues(FhirMedicationRequest& to, const FhirMedicationRequest& from) {
    for (const auto& issue : from.issues) {
        if (std::find(to.issues.begin(), to.issues.end(), issue) == to.issues.end()) {
            to.issues.push_back(issue);
        }
    }
}

// Phases follow one another by whole days: one that is not the last but has no duration, or one of
// part of a day, leaves open when the next begins, and the day it ends may hold the doses of both
// ("2 tablets once, then 1 every 4 hours": 8 in the first day, not 6). The reason, or none.
std::optional<std::string> open_ended_phase(const Phases& phases) {
    for (auto it = phases.begin(); std::next(it) != phases.end(); ++it) {
        const auto& days = it->second.front().duration_days;
        if (!days || !is_whole(*days)) {
            return fmt::format("cannot verify: sequence {} is followed by sequence {} but {}, so a day may "
                               "hold the doses of both; each phase was checked on its own",
                               it->first, std::next(it)->first,
                               days ? "does not last whole days" : "has no duration");
        }
    }
    return std::nullopt;
}

// Consecutive phases of one entry each (a taper, a titration), all comparable (phase_daily, `days` in
// phase order): one order that allows what every phase allows (sig::merge_phase_amounts), the phase of
// the highest day (`chosen`) kept where phases tie. Reading only that phase would miss a larger dose
// given less often ("1300 mg bid for 2 days, then 500 mg 6 times a day") and the days of the other
// phases (cyclobenzaprine 14 days at 10 mg, then 14 days at 5 mg). Phases by different routes are not
// merged: an issue says why.
void merge_phases(Phases& phases, Phases::iterator chosen, std::span<const double> days,
                  FhirMedicationRequest& out) {
    FhirMedicationRequest& base = chosen->second.front();
    std::vector<sig::PhaseAmounts> amounts;
    amounts.reserve(phases.size());
    std::vector<const FhirMedicationRequest*> parts;
    std::optional<double> max_doses = base.max_doses_per_day;
    std::size_t prefer = 0;
    for (auto& [sequence, phase] : phases) {
        const FhirMedicationRequest& part = phase.front();
        if (part.route != base.route) {
            base.issues.emplace_back(
                "dosageInstruction.sequence",
                fmt::format("cannot verify: consecutive dosage phases (sequence) by different routes ('{}' "
                            "in sequence {}, '{}' in sequence {}); only sequence {} was read",
                            base.route, chosen->first, part.route, sequence, chosen->first));
            take_dosage(out, std::move(base));
            return;
        }
        prefer = &part == &base ? parts.size() : prefer;
        max_doses = part.prn && part.max_doses_per_day && max_doses
                        ? std::optional<double>(std::max(*max_doses, *part.max_doses_per_day))
                        : std::nullopt;
        amounts.push_back({*part.dose, part.dose_min.value_or(*part.dose), administrations(part).value_or(1),
                           days[parts.size()], part.prn, part.duration_days});
        parts.push_back(&part);
    }
    const sig::MergedPhases together = sig::merge_phase_amounts(amounts, prefer);
    for (const FhirMedicationRequest* part : parts) {
        if (part != &base) {
            add_issues(base, *part);
        }
    }
    base.frequency = parts[together.most_administrations]->frequency;
    base.dose = together.dose_max;
    if (together.dose_min < together.dose_max) {
        base.dose_min = together.dose_min;
    }
    if (const auto open = open_ended_phase(phases)) {
        base.issues.emplace_back("dosageInstruction.sequence", *open);
    }
    base.prn = together.prn;
    base.max_doses_per_day = together.prn ? max_doses : std::nullopt;
    base.duration_days = together.duration_days;
    base.daily_dose = together.daily;
    take_dosage(out, std::move(base));
}

// Consecutive phases of several entries each: the phase with the highest day is read with its
// entries; the other phases' larger doses, their days and the days where two phases meet cannot be
// followed entry by entry, so the order is unverifiable.
void add_unmerged_phases_issue(const Phases& phases, Phases::const_iterator chosen,
                               FhirMedicationRequest& out) {
    out.issues.emplace_back("dosageInstruction.sequence",
                            fmt::format("cannot verify: {} consecutive dosage phases (sequence) of several "
                                        "entries each; only sequence {}, the highest daily dose, was read",
                                        phases.size(), chosen->first));
}

// A meal event ("C", "ACM", "PCV" ...): a meal may fall at any other time of day named.
bool meal_event(std::string_view time) {
    return time.starts_with("w:C") || time.starts_with("w:AC") || time.starts_with("w:PC");
}

// Whether two entries given concurrently are given at different times: both name times of day, in the
// same way (clock times, or event codes: "08:00" and "MORN" may be one time), none in common, and no
// meal beside them.
bool given_apart(const FhirMedicationRequest& a, const FhirMedicationRequest& b) {
    if (a.times_of_day.empty() || b.times_of_day.empty()) {
        return false;
    }
    for (const std::string& x : a.times_of_day) {
        for (const std::string& y : b.times_of_day) {
            if (x == y || x.substr(0, 2) != y.substr(0, 2) || meal_event(x) || meal_event(y)) {
                return false;
            }
        }
    }
    return true;
}

// Concurrent entries (no sequence between them) are checked each as an order of its own, which sums
// their days but not their doses: two that may be given at the same time may be one administration of
// both ("600 mg every 12 hours" twice: 1200 mg at once). Unverifiable unless times of day keep them
// apart ("1 tablet" MORN, "2 tablets" NIGHT).
void check_concurrent_times(const std::vector<FhirMedicationRequest>& phase, FhirMedicationRequest& out) {
    for (std::size_t i = 0; i < phase.size(); ++i) {
        for (std::size_t j = i + 1; j < phase.size(); ++j) {
            if (!given_apart(phase[i], phase[j])) {
                out.issues.emplace_back(
                    "dosageInstruction",
                    fmt::format("cannot verify: dosage entries {} and {} are given concurrently and no times "
                                "of day keep them apart, so one administration may hold both ({} + {} {}); "
                                "each entry was checked on its own",
                                i + 1, j + 1, util::format_number(phase[i].dose.value_or(0)),
                                util::format_number(phase[j].dose.value_or(0)), phase[j].unit));
                return;
            }
        }
    }
}

// The entries mapped, by sequence, in order; entries without a sequence run alongside every phase.
Phases phases_of(dom::array dosages) {
    Phases phases;
    std::vector<FhirMedicationRequest> unsequenced;
    for (const dom::element dosage : dosages) {
        const DosageFields fields(dosage, k_dosage_keys);
        FhirMedicationRequest part;
        map_dosage(fields, part);
        std::int64_t sequence = 0;
        if (const auto written = fields.get(ds_sequence);
            written && written->get_int64().get(sequence) == simdjson::SUCCESS) {
            phases[sequence].push_back(std::move(part));
        } else {
            unsequenced.push_back(std::move(part));
        }
    }
    if (phases.empty()) {
        phases[0] = std::move(unsequenced);
    } else {
        for (auto& [sequence, phase] : phases) {
            phase.insert(phase.end(), unsequenced.begin(), unsequenced.end());
        }
    }
    return phases;
}

} // namespace

void map_dosages(dom::array dosages, FhirMedicationRequest& out) {
    if (dosages.size() == 1) {
        // One entry, as most orders have: nothing to add up or to choose between, and the order's
        // dosage fields are still as a new part's would be, so it is mapped in place.
        map_dosage(DosageFields(dosages.at(0).value_unsafe(), k_dosage_keys), out);
        return;
    }
    Phases phases = phases_of(dosages);
    auto chosen = phases.begin();
    if (phases.size() > 1) {
        // Consecutive phases: each is a regimen of its own, and the order allows what each allows.
        const std::string unit = chosen->second.front().unit;
        std::optional<double> best;
        std::vector<double> days; // each phase's, in order
        bool comparable = true;
        bool single_entries = true;
        for (auto it = phases.begin(); it != phases.end() && comparable; ++it) {
            const auto daily = phase_daily(it->second, unit);
            comparable = daily.has_value();
            single_entries = single_entries && it->second.size() == 1;
            if (daily) {
                days.push_back(*daily);
            }
            if (daily && (!best || *daily > *best)) {
                best = daily;
                chosen = it;
            }
        }
        if (!comparable) {
            chosen = phases.begin();
            out.issues.emplace_back(
                "dosageInstruction.sequence",
                fmt::format("cannot verify: {} consecutive dosage phases (sequence) whose "
                            "daily doses cannot be compared (a missing dose or frequency, "
                            "or different units); only sequence {} was read",
                            phases.size(), chosen->first));
        } else if (single_entries) {
            merge_phases(phases, chosen, days, out);
            return;
        } else {
            add_unmerged_phases_issue(phases, chosen, out);
        }
    }
    auto& phase = chosen->second;
    if (phases.size() == 1) {
        check_concurrent_times(phase, out);
    }
    take_dosage(out, std::move(phase.front()));
    for (std::size_t i = 1; i < phase.size(); ++i) {
        FhirMedicationRequest& part = out.concurrent.emplace_back();
        take_dosage(part, std::move(phase[i]));
    }
}

} // namespace fhir_detail

using fhir_detail::is_whole;
using fhir_detail::same_text;

std::string fhir_repeat_frequency(double frequency, double period, std::optional<double> period_max,
                                  std::string_view period_unit) {
    if (!(frequency > 0) || !(period > 0)) {
        return {};
    }
    const bool days = same_text(period_unit, "d");
    const bool weeks = same_text(period_unit, "wk");
    double hours_per_unit = 0;
    if (same_text(period_unit, "h")) {
        hours_per_unit = 1;
    } else if (days) {
        hours_per_unit = 24;
    } else if (weeks) {
        hours_per_unit = 168;
    } else {
        return {};
    }
    const double interval_h = period * hours_per_unit / frequency;
    if (days && period == 1 && is_whole(frequency) && frequency <= 4) {
        static constexpr std::array<std::string_view, 4> k_names{"daily", "bid", "tid", "qid"};
        return std::string(k_names[static_cast<std::size_t>(frequency) - 1]);
    }
    if (weeks && period == 1 && frequency == 1) {
        return "weekly";
    }
    if (!is_whole(interval_h) || interval_h < 1 || interval_h > 336) {
        return {};
    }
    std::string out = "q";
    out += util::format_number(interval_h);
    if (period_max && frequency == 1 && *period_max > period) {
        const double longest = *period_max * hours_per_unit;
        if (is_whole(longest) && longest <= 336) {
            out += '-';
            out += util::format_number(longest);
        }
    }
    out += 'h';
    return out;
}

} // namespace medcheck::io
