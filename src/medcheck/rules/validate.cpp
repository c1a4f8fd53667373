#include <medcheck/rules/validate.hpp>

#include <medcheck/util/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace medcheck::rules {

const std::vector<RequiredRule> k_required_rules = {
    {"acetaminophen.daily_max", "daily_mg", 3000, model::Severity::violation},
    {"acetaminophen.cumulative.daily_max", "cumulative_daily_mg", 3000, model::Severity::violation},
    {"cyclobenzaprine.duration_max", "duration_days", 21, model::Severity::violation},
    {"cyclobenzaprine.start.age65", "single_mg", 5, model::Severity::violation},
    {"cyclobenzaprine.start.hepatic_mild", "single_mg", 5, model::Severity::violation},
    {"nsaid.renal.crcl_lt30", "", 0, model::Severity::violation},
    {"nsaid.contra.recent_cabg", "", 0, model::Severity::contraindicated},
    {"nsaid.pregnancy.wk30", "", 0, model::Severity::contraindicated},
    {"fentanyl.contra.not_opioid_tolerant", "", 0, model::Severity::contraindicated},
};

namespace {

// The largest limit that is still a dose, per measure (the engine's plausibility bounds for an order:
// 100 g per administration, 48 doses/day, 10 years, 1000 mcg/h, 100 units per dose).
double plausible_max(Measure measure) {
    switch (measure) {
    case Measure::single_mg:
    case Measure::daily_mg:
    case Measure::cumulative_daily_mg:
        return 100000;
    case Measure::single_mg_per_kg:
    case Measure::daily_mg_per_kg:
        return 1000;
    case Measure::doses_per_day:
        return 48;
    case Measure::duration_days:
        return 3650;
    case Measure::rate_mcg_h:
        return 1000;
    case Measure::units_per_day:
        return 4800;
    case Measure::units_per_dose:
        return 100;
    }
    return 0;
}

// The finding kinds of the check contract (schema.sql's finding_kind table).
bool known_kind(const std::string& kind) {
    static const std::vector<std::string> k_kinds = {"max_single_dose",
                                                     "max_daily_dose",
                                                     "max_duration",
                                                     "start_dose",
                                                     "hepatic",
                                                     "renal",
                                                     "contraindication",
                                                     "caution",
                                                     "first_line",
                                                     "interaction",
                                                     "duplicate_therapy",
                                                     "cumulative_ingredient",
                                                     "mme",
                                                     "pregnancy",
                                                     "beers",
                                                     "unknown_drug",
                                                     "invalid_input",
                                                     "missing_patient_factor"};
    return std::find(k_kinds.begin(), k_kinds.end(), kind) != k_kinds.end();
}

// A stored number as it is, never rounded into something else (1e308 stays 1e+308, -0.5 stays -0.5).
std::string show(double value) {
    return fmt::format("{:.15g}", value);
}

bool known_evidence(const std::string& evidence) {
    return evidence == "label" || evidence == "policy" || evidence == "contract" || evidence == "unverified";
}

class Validator {
  public:
    explicit Validator(const RuleSet& rules) : m_rules(rules) {}

    std::vector<LintProblem> run() {
        if (m_rules.rules.empty()) {
            problem("rule", "", "the rule table is empty");
        }
        for (const auto& rule : m_rules.rules) {
            check_rule(rule);
        }
        check_required();
        for (const auto& [key, drug] : m_rules.drugs) {
            for (const auto& component : drug.components) {
                positive("drug_component", key + "/" + component.ingredient, "amount", component.amount,
                         100000);
            }
        }
        for (const auto& rule : m_rules.interactions) {
            const std::string& id = rule.id;
            text("interaction_rule", id, "message", rule.message);
            text("interaction_rule", id, "source", rule.source);
            evidence("interaction_rule", id, rule.evidence, rule.severity);
            if (rule.kind != "interaction" && rule.kind != "duplicate_therapy") {
                problem("interaction_rule", id,
                        "kind '" + rule.kind + "' is not interaction or duplicate_therapy");
            }
            const std::pair<const char*, const InteractionSide*> sides[] = {{"a", &rule.a}, {"b", &rule.b}};
            for (const auto& [name, s] : sides) {
                optional_positive("interaction_rule", id, std::string(name) + "_max_daily_mg",
                                  s->max_daily_mg, 100000);
                optional_positive("interaction_rule", id, std::string(name) + "_above_daily_mg",
                                  s->above_daily_mg, 100000);
            }
            optional_range("interaction_rule", id, "age_min", rule.age_min);
        }
        for (const auto& rule : m_rules.group_counts) {
            text("group_count_rule", rule.id, "message", rule.message);
            text("group_count_rule", rule.id, "source", rule.source);
            evidence("group_count_rule", rule.id, rule.evidence, rule.severity);
            if (!known_kind(rule.kind)) {
                problem("group_count_rule", rule.id, "kind '" + rule.kind + "' is not a finding kind");
            }
            if (rule.min_count < 2) {
                problem("group_count_rule", rule.id, fmt::format("min_count {} is below 2", rule.min_count));
            }
            optional_range("group_count_rule", rule.id, "age_min", rule.age_min);
        }
        for (const auto& rule : m_rules.first_line) {
            text("first_line_rule", rule.id, "message", rule.message);
            text("first_line_rule", rule.id, "source", rule.source);
        }
        for (const auto& [ingredient, factor] : m_rules.mme_factors) {
            text("mme_factor", ingredient, "source", factor.source);
            optional_positive("mme_factor", ingredient, "factor", factor.factor, 1000);
        }
        for (const auto& threshold : m_rules.mme_thresholds) {
            text("mme_threshold", threshold.id, "message", threshold.message);
            text("mme_threshold", threshold.id, "source", threshold.source);
            positive("mme_threshold", threshold.id, "min_mme", threshold.min_mme, 100000);
        }
        return std::move(m_problems);
    }

  private:
    void problem(const std::string& table, const std::string& id, std::string what) {
        m_problems.push_back({id.empty() ? table : table + " " + id, std::move(what)});
    }

    void text(const std::string& table, const std::string& id, const char* column, const std::string& value) {
        if (util::trim(value).empty()) {
            problem(table, id, std::string(column) + " is empty");
        }
    }

    void evidence(const std::string& table, const std::string& id, const std::string& value,
                  model::Severity severity) {
        if (!known_evidence(value)) {
            problem(table, id, "evidence '" + value + "' is not label, policy, contract or unverified");
        } else if (value == "unverified" && severity > model::Severity::warning) {
            problem(table, id,
                    "severity " + std::string(model::to_string(severity)) +
                        " for an unverified number (at most warning)");
        }
    }

    void positive(const std::string& table, const std::string& id, const std::string& column, double value,
                  double max) {
        if (!std::isfinite(value) || value <= 0 || value > max) {
            problem(table, id,
                    column + " " + show(value) + " is not a finite positive value up to " + show(max));
        }
    }

    void optional_positive(const std::string& table, const std::string& id, const std::string& column,
                           const std::optional<double>& value, double max) {
        if (value) {
            positive(table, id, column, *value, max);
        }
    }

    // Population bounds: finite and not negative.
    void optional_range(const std::string& table, const std::string& id, const std::string& column,
                        const std::optional<double>& value) {
        if (value && (!std::isfinite(*value) || *value < 0)) {
            problem(table, id, column + " " + show(*value) + " is not a finite value >= 0");
        }
    }

    void bounds(const std::string& id, const char* name, const std::optional<double>& min,
                const std::optional<double>& max) {
        optional_range("rule", id, std::string(name) + "_min", min);
        optional_range("rule", id, std::string(name) + "_max", max);
        if (min && max && !(*min < *max)) {
            problem("rule", id,
                    std::string(name) + "_min " + show(*min) + " is not below " + name + "_max " +
                        show(*max));
        }
    }

    void check_rule(const Rule& rule) {
        const std::string& id = rule.id;
        if (!known_kind(rule.kind)) {
            problem("rule", id, "kind '" + rule.kind + "' is not a finding kind");
        }
        text("rule", id, "message", rule.message);
        text("rule", id, "source", rule.source);
        evidence("rule", id, rule.evidence, rule.severity);
        if (rule.measure && !rule.limit) {
            problem("rule", id, "limit_value is NULL for measure " + std::string(to_string(*rule.measure)));
        } else if (!rule.measure && rule.limit) {
            problem("rule", id, "limit_value " + show(*rule.limit) + " without a measure");
        } else if (rule.measure) {
            positive("rule", id, "limit_value", *rule.limit, plausible_max(*rule.measure));
            if (util::trim(rule.unit).empty()) {
                problem("rule", id, "unit is empty for measure " + std::string(to_string(*rule.measure)));
            }
        }
        const Population& p = rule.population;
        bounds(id, "age", p.age_min, p.age_max);
        bounds(id, "weight", p.weight_min, p.weight_max);
        bounds(id, "crcl", p.crcl_min, p.crcl_max);
        bounds(id, "pregnancy", p.pregnancy_min, p.pregnancy_max);
        if (p.hepatic_min.has_value() != p.hepatic_max.has_value()) {
            problem("rule", id, "hepatic_min and hepatic_max must both be set or both be NULL");
        }
    }

    void check_required() {
        for (const auto& required : k_required_rules) {
            const auto it = std::find_if(m_rules.rules.begin(), m_rules.rules.end(),
                                         [&](const Rule& rule) { return rule.id == required.id; });
            if (it == m_rules.rules.end()) {
                problem("rule", required.id, "required core rule is missing");
                continue;
            }
            const std::string measure = it->measure ? std::string(to_string(*it->measure)) : std::string();
            if (measure != required.measure) {
                problem("rule", required.id,
                        "measure '" + measure + "' differs from the required '" + required.measure + "'");
            } else if (it->limit && *it->limit > required.limit) {
                problem("rule", required.id,
                        "limit_value " + show(*it->limit) + " is above the required " + show(required.limit));
            }
            if (it->severity < required.severity) {
                problem("rule", required.id,
                        "severity " + std::string(model::to_string(it->severity)) +
                            " is below the required " + std::string(model::to_string(required.severity)));
            }
        }
        const auto benzo =
            std::find_if(m_rules.interactions.begin(), m_rules.interactions.end(),
                         [](const InteractionRule& r) { return r.id == "opioid.benzodiazepine"; });
        if (benzo == m_rules.interactions.end() || benzo->severity < model::Severity::violation) {
            problem("interaction_rule", "opioid.benzodiazepine",
                    "required core rule is missing or below violation");
        }
        for (const char* group : {"opioid", "benzodiazepine"}) {
            const auto rule = std::find_if(m_rules.first_line.begin(), m_rules.first_line.end(),
                                           [&](const FirstLineRule& r) { return r.group == group; });
            if (rule == m_rules.first_line.end() || rule->none_tried < model::Severity::violation) {
                problem("first_line_rule", std::string("first_line.") + group,
                        "required core rule is missing or below violation");
            }
        }
        const bool mme90 = std::any_of(m_rules.mme_thresholds.begin(), m_rules.mme_thresholds.end(),
                                       [](const MmeThreshold& t) {
                                           return t.min_mme <= 90 && t.severity >= model::Severity::violation;
                                       });
        if (!mme90) {
            problem("mme_threshold", "mme.ge90", "required core rule (violation from 90 MME/day) is missing");
        }
    }

    const RuleSet& m_rules;
    std::vector<LintProblem> m_problems;
};

} // namespace

std::vector<LintProblem> validate(const RuleSet& rules) {
    return Validator(rules).run();
}

} // namespace medcheck::rules
