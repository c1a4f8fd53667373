#include <medcheck/check/patient_context.hpp>

#include <medcheck/check/input_finding.hpp>

#include <medcheck/util/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string_view>

namespace medcheck::check {

namespace {

// Field names and units are views of literals: every patient passes through here, and a string
// parameter would build (and allocate) each name whether or not there is anything to report.
void invalid(std::vector<model::Finding>& findings, std::string_view field, std::string_view message,
             std::optional<double> actual = std::nullopt, std::string_view unit = {}) {
    std::string text(field);
    text.append(": ").append(message);
    model::Finding& f = add_input_finding(findings, field, std::move(text));
    f.actual = actual;
    f.unit = unit;
}

// Reports a number outside [low, high] (bounded's rare path, kept out of line so that the common one
// saves no registers for fmt::format).
[[gnu::noinline, gnu::cold]] void report_out_of_range(std::vector<model::Finding>& findings,
                                                      std::string_view field, double value, double low,
                                                      double high, std::string_view unit) {
    invalid(findings, field,
            fmt::format("{} {} is outside the plausible range ({}-{} {})", util::format_number(value), unit,
                        util::format_number(low), util::format_number(high), unit),
            value, unit);
}

// A number is usable only inside [low, high]; otherwise it is reported and dropped.
inline std::optional<double> bounded(std::vector<model::Finding>& findings, std::string_view field,
                                     std::optional<double> value, double low, double high,
                                     std::string_view unit, bool low_inclusive = true) {
    if (!value) {
        return std::nullopt;
    }
    const bool too_low = low_inclusive ? *value < low : *value <= low;
    if (!std::isfinite(*value) || too_low || *value > high) [[unlikely]] {
        report_out_of_range(findings, field, *value, low, high, unit);
        return std::nullopt;
    }
    return value;
}

} // namespace

std::optional<std::string> condition_for_code(std::string_view text, const rules::RuleSet& rules) {
    std::string system;
    std::string code(util::trim(text));
    if (const auto colon = code.find(':'); colon != std::string::npos) {
        const std::string prefix = util::to_lower(code.substr(0, colon));
        code = std::string(util::trim(code.substr(colon + 1)));
        if (prefix == "icd10" || prefix == "icd10cm" || prefix == "icd-10" || prefix == "icd-10-cm") {
            system = "icd10cm";
        } else if (prefix == "snomed" || prefix == "sct" || prefix == "snomedct" || prefix == "snomed-ct") {
            system = "snomed";
        } else {
            return std::nullopt;
        }
    }
    if (code.empty() || code.size() > 20) {
        return std::nullopt;
    }
    if (system.empty() || system == "icd10cm") {
        // ICD-10-CM: upper case, dot after the 3-character category; parents by shortening.
        std::string icd;
        for (char c : code) {
            if (c != '.') {
                icd.push_back(util::to_upper_ascii(c));
            }
        }
        for (std::size_t length = icd.size(); length >= 3; --length) {
            std::string candidate = icd.substr(0, length);
            if (candidate.size() > 3) {
                candidate.insert(3, ".");
            }
            if (const auto it = rules.condition_codes.find({"icd10cm", candidate});
                it != rules.condition_codes.end()) {
                return it->second;
            }
        }
    }
    if (system.empty() || system == "snomed") {
        if (const auto it = rules.condition_codes.find({"snomed", code}); it != rules.condition_codes.end()) {
            return it->second;
        }
    }
    return std::nullopt;
}

double cockcroft_gault(double age_years, double weight_kg, model::Sex sex, double scr_mg_dl) {
    const double crcl = ((140.0 - age_years) * weight_kg) / (72.0 * scr_mg_dl);
    return sex == model::Sex::female ? crcl * 0.85 : crcl;
}

namespace {

// Age: under 18 is outside the rules' population, not merely implausible; a missing age is a finding
// of its own (contract policy decision 3).
std::optional<double> checked_patient_age(const model::Patient& p, std::vector<model::Finding>& findings) {
    std::optional<double> age;
    if (p.age_years && std::isfinite(*p.age_years) && *p.age_years >= 0 &&
        *p.age_years < k_min_adult_age_years) {
        invalid(
            findings, "patient.age",
            "age " + util::format_number(*p.age_years) +
                " years: medcheck v1 rules are for adults (18 years and over); nothing was checked for age",
            *p.age_years, "years");
    } else {
        age = bounded(findings, "patient.age", p.age_years, k_min_adult_age_years, k_max_age_years, "years");
    }
    if (!p.age_years) {
        model::Finding f;
        f.severity = model::Severity::unverifiable;
        f.kind = "missing_patient_factor";
        f.message =
            "patient.age not given: age gates start doses, elderly limits and Beers criteria, which could "
            "not be checked";
        f.source = "medcheck check contract, policy decision 3 (missing age is always unverifiable)";
        f.rule_id = "missing.age";
        findings.push_back(std::move(f));
    }
    return age;
}

// CrCl as given, else by Cockcroft-Gault from serum creatinine when age, weight and sex are known.
void derive_patient_crcl(const model::Patient& p, PatientContext& ctx,
                         std::vector<model::Finding>& findings) {
    const auto crcl = bounded(findings, "patient.crcl_ml_min", p.crcl_ml_min, 0, k_max_crcl_ml_min, "mL/min");
    const auto scr = bounded(findings, "patient.serum_creatinine_mg_dl", p.serum_creatinine_mg_dl,
                             k_min_scr_mg_dl, k_max_scr_mg_dl, "mg/dL");
    std::string_view origin;
    if (crcl) {
        ctx.crcl_ml_min = crcl;
        origin = "given";
    } else if (!p.crcl_ml_min && scr && ctx.age_years && ctx.weight_kg && ctx.sex != model::Sex::absent) {
        ctx.crcl_ml_min = cockcroft_gault(*ctx.age_years, *ctx.weight_kg, ctx.sex, *scr);
        origin = "Cockcroft-Gault";
    }
    // Written only when it changes: consecutive patients mostly share it.
    if (ctx.crcl_origin != origin) {
        ctx.crcl_origin.assign(origin);
    }
}

// True when `set` holds exactly the distinct `items`: as many elements as items, each among them (so the
// items hold no duplicate and none outside the set).
bool same_items(const std::set<std::string>& set, const std::vector<std::string>& items) {
    if (set.size() != items.size()) {
        return false;
    }
    if (items.size() == 1) { // the common list of one, without walking the tree
        return *set.begin() == items.front();
    }
    return std::all_of(set.begin(), set.end(), [&items](const std::string& element) {
        return std::find(items.begin(), items.end(), element) != items.end();
    });
}

// `set` made the set of `items`, left as it is when it already is (a patient's list is often the one
// before's), else rebuilt in the nodes it had or, when it had none, those of `room` (spare nodes);
// nodes left over are kept in `room` when it has none.
void assign_items(std::set<std::string>& set, const std::vector<std::string>& items,
                  std::set<std::string>& room) {
    if (same_items(set, items)) {
        return;
    }
    std::set<std::string> old;
    old.swap(set);
    if (old.empty()) {
        old.swap(room);
    }
    for (const std::string& item : items) {
        if (old.empty()) {
            set.insert(item);
            continue;
        }
        auto node = old.extract(old.begin());
        node.value() = item;
        set.insert(std::move(node)); // a duplicate's node is dropped
    }
    if (room.empty()) {
        room.swap(old);
    }
}

// Conditions by vocabulary key or by ICD-10-CM / SNOMED code; an unknown one is reported and dropped.
void derive_patient_conditions(const model::Patient& p, const rules::RuleSet& rules, PatientContext& ctx,
                               std::vector<model::Finding>& findings) {
    // The common case: every condition a vocabulary key, so the set is the list's and nothing is reported.
    if (std::all_of(p.conditions.begin(), p.conditions.end(),
                    [&rules](const std::string& condition) { return rules.known_condition(condition); })) {
        assign_items(ctx.conditions, p.conditions, ctx.conditions_room);
        return;
    }
    ctx.conditions.clear();
    for (const auto& condition : p.conditions) {
        if (rules.known_condition(condition)) {
            ctx.conditions.insert(condition);
        } else if (const auto coded = condition_for_code(condition, rules)) {
            ctx.conditions.insert(*coded);
        } else {
            invalid(
                findings, "patient.conditions",
                "unknown condition '" + condition +
                    "': not in the condition vocabulary, so rules that depend on it could not be checked");
        }
    }
}

} // namespace

void index_population_terms(const rules::PopulationTerms& terms, PatientContext& patient) {
    patient.condition_bits = 0;
    for (const auto* set : {&patient.conditions, &patient.derived_conditions}) {
        for (const std::string& condition : *set) {
            patient.condition_bits |= terms.condition_bit(condition);
        }
    }
    patient.group_bits = 0;
    for (const std::string& group : patient.continuing_groups) {
        patient.group_bits |= terms.group_bit(group);
    }
    using Factor = rules::PopulationTerms::Factor;
    patient.range_bits = terms.range_bits(Factor::age, patient.age_years) |
                         terms.range_bits(Factor::weight, patient.weight_kg) |
                         terms.range_bits(Factor::crcl, patient.crcl_ml_min);
    patient.terms_indexed = true;
}

namespace {

// Back to a patient of no factors, keeping the strings' room. crcl_origin, conditions and tried (and
// their rooms) are left for derive_patient, which replaces them only where the new patient's differ.
void clear_patient(PatientContext& ctx) {
    static_assert(sizeof(PatientContext) == 504, "a PatientContext field changed: clear it here");
    ctx.id.clear();
    ctx.age_years.reset();
    ctx.weight_kg.reset();
    ctx.sex = model::Sex::absent;
    ctx.crcl_ml_min.reset();
    ctx.hepatic = model::Hepatic::none;
    ctx.hepatic_given = false;
    ctx.pregnancy_weeks.reset();
    ctx.indication.reset();
    ctx.continuing_groups.clear();
    ctx.derived_conditions.clear();
    ctx.condition_bits = 0;
    ctx.group_bits = 0;
    ctx.terms_indexed = false;
    ctx.range_bits = 0;
}

} // namespace

PatientContext derive_patient(const model::Case& input, const rules::RuleSet& rules,
                              std::vector<model::Finding>& findings) {
    PatientContext ctx;
    derive_patient(input, rules, findings, ctx);
    return ctx;
}

void derive_patient(const model::Case& input, const rules::RuleSet& rules,
                    std::vector<model::Finding>& findings, PatientContext& patient) {
    const model::Patient& p = input.patient;
    clear_patient(patient);
    patient.id = p.id;
    patient.sex = p.sex;
    patient.age_years = checked_patient_age(p, findings);
    patient.weight_kg =
        bounded(findings, "patient.weight_kg", p.weight_kg, k_min_weight_kg, k_max_weight_kg, "kg");
    derive_patient_crcl(p, patient, findings);
    if (p.hepatic != model::Hepatic::absent) {
        patient.hepatic = p.hepatic;
        patient.hepatic_given = true;
    }
    patient.pregnancy_weeks =
        bounded(findings, "patient.pregnancy_weeks", p.pregnancy_weeks, 0, k_max_pregnancy_weeks, "weeks");
    if (patient.pregnancy_weeks && patient.sex == model::Sex::male) {
        invalid(findings, "patient.pregnancy_weeks", "pregnancy given for a male patient",
                *patient.pregnancy_weeks, "weeks");
        patient.pregnancy_weeks.reset();
    }
    derive_patient_conditions(p, rules, patient, findings);
    if (p.tried) {
        if (!patient.tried) {
            patient.tried.emplace().swap(patient.tried_room);
        }
        assign_items(*patient.tried, *p.tried, patient.tried_room);
    } else if (patient.tried) {
        patient.tried_room.swap(*patient.tried);
        patient.tried.reset();
    }
    if (input.indication) {
        if (rules.indications.count(*input.indication) != 0) {
            patient.indication = input.indication;
        } else {
            invalid(findings, "indication", "unknown indication '" + *input.indication + "'");
        }
    }
}

} // namespace medcheck::check
