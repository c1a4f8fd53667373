// `medcheck rules [DRUG]`: the rules as data, with their sources, for review.
#include <medcheck/check/resolve.hpp>
#include <medcheck/cli/context.hpp>
#include <medcheck/rules/coverage.hpp>
#include <medcheck/rules/describe.hpp>
#include <medcheck/util/error.hpp>
#include <medcheck/util/text.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <ostream>

namespace medcheck::cli {

namespace {

void print_rule(std::ostream& out, const rules::Rule& rule) {
    out << rule.id << "  [" << model::to_string(rule.severity) << "] " << rule.kind << '\n'
        << "    applies to: " << rules::describe_target(rule) << "; "
        << rules::describe_population(rule.population) << '\n'
        << "    limit: " << rules::describe_limit(rule) << '\n'
        << "    " << rule.message << '\n';
    if (!rule.alternative.empty()) {
        out << "    suggestion: " << rule.alternative << '\n';
    }
    out << "    source: " << rule.source << " (" << rule.evidence << ")\n";
}

void print_interaction(std::ostream& out, const rules::InteractionRule& rule) {
    out << rule.id << "  [" << model::to_string(rule.severity) << "] " << rule.kind << '\n'
        << "    applies to: " << rules::describe_sides(rule)
        << (rule.age_min ? "; age >= " + util::format_number(*rule.age_min) : std::string()) << '\n'
        << "    " << rule.message << '\n'
        << "    source: " << rule.source << " (" << rule.evidence << ")\n";
}

bool side_touches(const rules::RuleSet& set, const rules::Drug& drug, const rules::InteractionSide& side) {
    return set.drug_matches(drug, side.type, side.key);
}

void print_drug(std::ostream& out, const rules::RuleSet& set, const rules::Drug& drug) {
    out << drug.key << " - " << drug.display_name << " (" << rules::to_string(drug.release) << ")\n";
    for (const auto& component : drug.components) {
        const auto& ingredient = set.ingredients.at(component.ingredient);
        out << "  ingredient " << component.ingredient << " x " << util::format_number(component.amount)
            << (ingredient.groups.empty() ? ""
                                          : fmt::format("; groups: {}", fmt::join(ingredient.groups, ", ")))
            << '\n';
    }
    std::string routes;
    for (const auto& r : drug.routes) {
        routes += (routes.empty() ? "" : ", ") + r + (r == drug.default_route ? " (default)" : "");
    }
    out << "  routes: " << routes << "\n\n";
    std::size_t count = 0;
    for (const auto* indexes : {&drug.rule_indexes, &drug.cumulative_indexes}) {
        for (const std::size_t i : *indexes) {
            print_rule(out, set.rules[i]);
            ++count;
        }
    }
    for (const auto& rule : set.interactions) {
        if (side_touches(set, drug, rule.a) || side_touches(set, drug, rule.b) ||
            (rule.c && side_touches(set, drug, *rule.c))) {
            print_interaction(out, rule);
            ++count;
        }
    }
    for (const auto& rule : set.first_line) {
        if (set.drug_matches(drug, rules::TargetType::group, rule.group)) {
            out << rule.id << "  [" << model::to_string(rule.none_tried) << " / "
                << model::to_string(rule.tried_unknown) << " / " << model::to_string(rule.continuing)
                << "] first_line\n    " << rule.message << "\n    source: " << rule.source << '\n';
            ++count;
        }
    }
    for (const auto& component : drug.components) {
        if (const auto it = set.mme_factors.find(component.ingredient); it != set.mme_factors.end()) {
            out << "mme." << component.ingredient << "  factor "
                << (it->second.factor ? util::format_number(*it->second.factor) : "none (not summed)")
                << " per " << (it->second.per_rate ? "mcg/h" : "mg/day")
                << "\n    source: " << it->second.source << '\n';
            ++count;
        }
    }
    if (count == 0) {
        out << "(no rules: a known drug for interactions only)\n";
    }
}

} // namespace

int run_rules(Context& context) {
    if (std::find(context.args.begin(), context.args.end(), "--help") != context.args.end()) {
        context.out << "usage: medcheck rules [DRUG | --coverage]\n  Lists every rule with its source, or "
                       "the rules that apply to "
                       "DRUG (any name that resolves: generic, brand, salt).\n";
        return 0;
    }
    if (context.args.size() == 1 && context.args[0] == "--coverage") {
        rules::write_coverage(context.out, rules::coverage(context.rules()));
        return 0;
    }
    if (context.args.size() > 1 || (!context.args.empty() && context.args[0].starts_with('-'))) {
        usage_error("rules", "expected at most one drug name");
    }
    const rules::RuleSet& set = context.rules();
    if (!context.args.empty()) {
        const check::Resolution resolution = check::resolve_drug(context.args[0], set);
        if (resolution.drug == nullptr) {
            const std::string candidates = fmt::format("{}", fmt::join(resolution.candidates, ", "));
            const std::string strengths = fmt::format("{}", fmt::join(resolution.strengths, ", "));
            throw util::Error(
                util::ErrorKind::bad_data,
                "unknown drug '" + context.args[0] + "'" +
                    (!strengths.empty()            ? "; it comes in several strengths: " + strengths
                     : !resolution.problem.empty() ? ": " + resolution.problem
                     : candidates.empty()
                         ? ""
                         : (resolution.ambiguous ? "; matches " : "; did you mean ") + candidates));
        }
        print_drug(context.out, set, *resolution.drug);
        return 0;
    }
    context.out << "rule database " << set.database.version << " (sha256 " << set.database.sha256 << ")\n\n";
    for (const auto& rule : set.rules) {
        print_rule(context.out, rule);
    }
    for (const auto& rule : set.interactions) {
        print_interaction(context.out, rule);
    }
    for (const auto& rule : set.group_counts) {
        context.out << rule.id << "  [" << model::to_string(rule.severity) << "] " << rule.kind << "\n    "
                    << rule.min_count << "+ different " << rule.group << " drugs"
                    << (rule.age_min ? ", age >= " + util::format_number(*rule.age_min) : std::string())
                    << "\n    " << rule.message << "\n    source: " << rule.source << '\n';
    }
    for (const auto& rule : set.first_line) {
        context.out << rule.id << "  first_line for group " << rule.group << "\n    " << rule.message
                    << "\n    source: " << rule.source << '\n';
    }
    for (const auto& [ingredient, factor] : set.mme_factors) {
        context.out << "mme." << ingredient << "  factor "
                    << (factor.factor ? util::format_number(*factor.factor) : "none (not summed)")
                    << "\n    source: " << factor.source << '\n';
    }
    for (const auto& threshold : set.mme_thresholds) {
        context.out << threshold.id << "  [" << model::to_string(threshold.severity)
                    << "] mme >= " << util::format_number(threshold.min_mme)
                    << " MME/day\n    source: " << threshold.source << '\n';
    }
    return 0;
}

} // namespace medcheck::cli
