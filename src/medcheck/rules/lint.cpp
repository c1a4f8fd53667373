#include <medcheck/rules/lint.hpp>

#include <medcheck/rules/validate.hpp>

#include <medcheck/util/text.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <regex>
#include <tuple>

namespace medcheck::rules {

namespace {

class Linter {
  public:
    explicit Linter(const RuleSet& rules) : m_rules(rules) {}

    std::vector<LintProblem> run() {
        check_catalogue();
        // Rules some drug's index reaches; a per-order rule that none reaches is dead data.
        std::vector<bool> reachable(m_rules.rules.size(), false);
        for (const auto& [key, drug] : m_rules.drugs) {
            for (const std::size_t i : drug.rule_indexes) {
                reachable[i] = true;
            }
        }
        for (std::size_t i = 0; i < m_rules.rules.size(); ++i) {
            check_rule(m_rules.rules[i], reachable[i]);
        }
        for (const auto& rule : m_rules.interactions) {
            const std::string where = "interaction_rule " + rule.id;
            check_source(where, rule.source);
            check_side(where, rule.a);
            check_side(where, rule.b);
            if (rule.c) {
                check_side(where, *rule.c);
            }
            check_evidence(where, rule.evidence, rule.severity);
        }
        for (const auto& rule : m_rules.group_counts) {
            check_source("group_count_rule " + rule.id, rule.source);
            check_group("group_count_rule " + rule.id, rule.group);
        }
        for (const auto& rule : m_rules.first_line) {
            check_source("first_line_rule " + rule.id, rule.source);
            check_group("first_line_rule " + rule.id, rule.group);
        }
        for (const auto& [ingredient, factor] : m_rules.mme_factors) {
            check_source("mme_factor " + ingredient, factor.source);
        }
        for (const auto& threshold : m_rules.mme_thresholds) {
            check_source("mme_threshold " + threshold.id, threshold.source);
        }
        check_single_vs_daily();
        check_bands();
        return std::move(m_problems);
    }

  private:
    void problem(std::string where, std::string what) {
        m_problems.push_back({std::move(where), std::move(what)});
    }

    void check_source(const std::string& where, const std::string& source) {
        if (util::trim(source).empty()) {
            problem(where, "no source");
            return;
        }
        static const std::regex k_tag(R"(\[([A-Za-z0-9-]+)\])");
        bool any = false;
        for (std::sregex_iterator it(source.begin(), source.end(), k_tag), end; it != end; ++it) {
            any = true;
            if (m_rules.source_tags.count((*it)[1].str()) == 0) {
                problem(where, "cites unknown source tag [" + (*it)[1].str() + "]");
            }
        }
        if (!any) {
            problem(where, "source cites no [TAG]");
        }
    }

    void check_group(const std::string& where, const std::string& group) {
        if (m_rules.groups.count(group) == 0) {
            problem(where, "unknown group '" + group + "'");
        }
    }

    void check_target(const std::string& where, TargetType type, const std::string& key) {
        const bool known = type == TargetType::drug         ? m_rules.drugs.count(key) != 0
                           : type == TargetType::ingredient ? m_rules.ingredients.count(key) != 0
                                                            : m_rules.groups.count(key) != 0;
        if (!known) {
            problem(where, "rule for an unknown " +
                               std::string(type == TargetType::drug         ? "drug"
                                           : type == TargetType::ingredient ? "ingredient"
                                                                            : "group") +
                               " '" + key + "'");
        }
    }

    void check_side(const std::string& where, const InteractionSide& side) {
        check_target(where, side.type, side.key);
    }

    void check_evidence(const std::string& where, const std::string& evidence, model::Severity severity) {
        if (evidence == "unverified" && severity > model::Severity::warning) {
            problem(where, "an unverified number is above a warning");
        }
    }

    void check_rule(const Rule& rule, bool reachable) {
        const std::string where = "rule " + rule.id;
        check_source(where, rule.source);
        check_target(where, rule.target_type, rule.target);
        check_evidence(where, rule.evidence, rule.severity);
        if (rule.limit && *rule.limit <= 0) {
            problem(where, "limit is not positive");
        }
        if (rule.measure && rule.unit.empty()) {
            problem(where, "limit has no unit");
        }
        if (rule.route && m_rules.routes.count(*rule.route) == 0) {
            problem(where, "unknown route '" + *rule.route + "'");
        }
        if (rule.population.condition && m_rules.conditions.count(*rule.population.condition) == 0) {
            problem(where, "unknown condition '" + *rule.population.condition + "'");
        }
        if (rule.measure != Measure::cumulative_daily_mg && !m_rules.drugs.empty() && !reachable) {
            problem(where, "applies to no drug in the catalogue (check target, release and route)");
        }
    }

    void check_catalogue() {
        for (const auto& [key, drug] : m_rules.drugs) {
            const std::string where = "drug " + key;
            if (drug.components.empty()) {
                problem(where, "has no ingredient");
            }
            if (drug.default_route.empty()) {
                problem(where, "has no default route");
            }
            const auto own = m_rules.names.find(util::normalize_name(key));
            if (own == m_rules.names.end() ||
                std::find(own->second.begin(), own->second.end(), key) == own->second.end()) {
                problem(where, "its own key is not a name that resolves to it");
            }
        }
        for (const auto& [name, keys] : m_rules.names) {
            if (keys.size() != 1) {
                problem("drug_name '" + name + "'",
                        fmt::format("resolves to several drugs: {}", fmt::join(keys, ", ")));
            }
        }
        for (const auto& name : m_rules.out_of_scope_names) {
            if (m_rules.names.count(name) != 0) {
                problem("out_of_scope_drug '" + name + "'", "is also a name of a checked drug");
            }
        }
        for (const auto& [name, strength] : m_rules.name_strengths) {
            const auto it = m_rules.names.find(name);
            const Drug* drug = it == m_rules.names.end() || it->second.size() != 1
                                   ? nullptr
                                   : m_rules.find_drug(it->second.front());
            if (drug != nullptr && drug->basis == DoseBasis::unit) {
                problem("drug_name '" + name + "'",
                        "has a unit_strength but " + drug->key + " is dosed in units");
            }
        }
        for (const auto& [key, ingredient] : m_rules.ingredients) {
            for (const auto& group : ingredient.groups) {
                check_group("ingredient " + key, group);
            }
        }
    }

    // Same target, release, route, kind and population except the measure.
    static auto family(const Rule& r) {
        const Population& p = r.population;
        return std::make_tuple(static_cast<int>(r.target_type), r.target,
                               r.release ? static_cast<int>(*r.release) : -1, r.route.value_or(""), r.kind,
                               p.new_only, p.age_min, p.age_max, p.weight_min, p.weight_max, p.crcl_min,
                               p.crcl_max, p.hepatic_min, p.hepatic_max, p.condition.value_or(""),
                               p.indication.value_or(""));
    }

    void check_single_vs_daily() {
        for (const auto& single : m_rules.rules) {
            if (single.measure != Measure::single_mg) {
                continue;
            }
            for (const auto& daily : m_rules.rules) {
                if (daily.measure == Measure::daily_mg && family(single) == family(daily) &&
                    *single.limit > *daily.limit) {
                    problem("rule " + single.id, "single-dose limit " + util::format_number(*single.limit) +
                                                     " is above the daily limit of " + daily.id);
                }
            }
        }
    }

    // Renal bands: rules of one target, measure and kind with CrCl ranges must not overlap and must
    // leave no gap between the lowest and the highest band. Hepatic ranges must not overlap.
    void check_bands() {
        using Key = std::tuple<int, std::string, int, std::string, std::string, int>;
        std::map<Key, std::vector<const Rule*>> renal;
        std::map<Key, std::vector<const Rule*>> hepatic;
        for (const auto& rule : m_rules.rules) {
            const Key key{static_cast<int>(rule.target_type),
                          rule.target,
                          rule.release ? static_cast<int>(*rule.release) : -1,
                          rule.kind,
                          rule.route.value_or(""),
                          rule.measure ? static_cast<int>(*rule.measure) : -1};
            const Population& p = rule.population;
            const bool other_filters = p.age_min || p.age_max || p.weight_min || p.weight_max ||
                                       p.condition || p.pregnancy_min || p.pregnancy_max || p.new_only;
            if (other_filters) {
                continue;
            }
            if ((p.crcl_min || p.crcl_max) && !p.hepatic_min) {
                renal[key].push_back(&rule);
            }
            if (p.hepatic_min && !p.crcl_min && !p.crcl_max) {
                hepatic[key].push_back(&rule);
            }
        }
        for (auto& [key, bands] : renal) {
            std::sort(bands.begin(), bands.end(), [](const Rule* a, const Rule* b) {
                return a->population.crcl_min.value_or(0) < b->population.crcl_min.value_or(0);
            });
            for (std::size_t i = 1; i < bands.size(); ++i) {
                const double previous_max = bands[i - 1]->population.crcl_max.value_or(1e9);
                const double current_min = bands[i]->population.crcl_min.value_or(0);
                if (current_min < previous_max) {
                    problem("rule " + bands[i]->id, "CrCl band overlaps " + bands[i - 1]->id);
                } else if (current_min > previous_max) {
                    problem("rule " + bands[i]->id, "gap in CrCl bands after " + bands[i - 1]->id + " (" +
                                                        util::format_number(previous_max) + " to " +
                                                        util::format_number(current_min) + " mL/min)");
                }
            }
        }
        for (auto& [key, bands] : hepatic) {
            for (std::size_t i = 0; i < bands.size(); ++i) {
                for (std::size_t j = i + 1; j < bands.size(); ++j) {
                    const Population& a = bands[i]->population;
                    const Population& b = bands[j]->population;
                    if (*a.hepatic_min <= *b.hepatic_max && *b.hepatic_min <= *a.hepatic_max) {
                        problem("rule " + bands[j]->id, "hepatic band overlaps " + bands[i]->id);
                    }
                }
            }
        }
    }

    const RuleSet& m_rules;
    std::vector<LintProblem> m_problems;
};

} // namespace

std::vector<LintProblem> lint(const RuleSet& rules) {
    // First what opening a database refuses (schema constraints), then the content checks.
    std::vector<LintProblem> problems = validate(rules);
    std::vector<LintProblem> content = Linter(rules).run();
    problems.insert(problems.end(), std::make_move_iterator(content.begin()),
                    std::make_move_iterator(content.end()));
    return problems;
}

} // namespace medcheck::rules
