#include <medcheck/rules/coverage.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <iomanip>

namespace medcheck::rules {

namespace {

// Column order: dose limits, populations, conditions, across-order rules.
const std::vector<std::string> k_kinds{"max_single_dose",
                                       "max_daily_dose",
                                       "max_duration",
                                       "start_dose",
                                       "renal",
                                       "hepatic",
                                       "contraindication",
                                       "caution",
                                       "pregnancy",
                                       "beers",
                                       "cumulative_ingredient",
                                       "interaction",
                                       "duplicate_therapy",
                                       "first_line",
                                       "mme"};

// Short column headings so the table fits a terminal.
const std::vector<std::string> k_headings{"single", "daily",  "durat", "start", "renal",
                                          "hepat",  "contra", "caut",  "preg",  "beers",
                                          "cumul",  "inter",  "dupl",  "1line", "mme"};

} // namespace

Coverage coverage(const RuleSet& rules) {
    Coverage table;
    table.kinds = k_kinds;
    auto column = [&](const std::string& kind) {
        return static_cast<std::size_t>(std::find(k_kinds.begin(), k_kinds.end(), kind) - k_kinds.begin());
    };
    for (const auto& [key, drug] : rules.drugs) {
        std::vector<int> counts(k_kinds.size(), 0);
        auto add = [&](const std::string& kind) {
            if (const std::size_t c = column(kind); c < counts.size()) {
                ++counts[c];
            }
        };
        for (const std::size_t i : drug.rule_indexes) {
            const Rule& rule = rules.rules[i];
            if (!rule.release || *rule.release == drug.release) {
                add(rule.kind);
            }
        }
        for (const std::size_t i : drug.cumulative_indexes) {
            add(rules.rules[i].kind);
        }
        for (const auto& rule : rules.interactions) {
            if (rules.drug_matches(drug, rule.a.type, rule.a.key) ||
                rules.drug_matches(drug, rule.b.type, rule.b.key) ||
                (rule.c && rules.drug_matches(drug, rule.c->type, rule.c->key))) {
                add(rule.kind);
            }
        }
        for (const auto& rule : rules.group_counts) {
            if (rules.drug_matches(drug, TargetType::group, rule.group)) {
                add(rule.kind);
            }
        }
        for (const auto& rule : rules.first_line) {
            if (rules.drug_matches(drug, TargetType::group, rule.group)) {
                add("first_line");
            }
        }
        for (const auto& component : drug.components) {
            if (rules.mme_factors.count(component.ingredient) != 0) {
                add("mme");
            }
        }
        table.rows.emplace_back(key, std::move(counts));
    }
    return table;
}

void write_coverage(std::ostream& out, const Coverage& table) {
    std::size_t width = 4;
    for (const auto& [key, counts] : table.rows) {
        width = std::max(width, key.size());
    }
    out << std::left << std::setw(static_cast<int>(width)) << "drug";
    for (const auto& heading : k_headings) {
        out << ' ' << std::right << std::setw(6) << heading;
    }
    out << "  total\n";
    std::vector<int> totals(table.kinds.size(), 0);
    for (const auto& [key, counts] : table.rows) {
        out << std::left << std::setw(static_cast<int>(width)) << key;
        int total = 0;
        for (std::size_t i = 0; i < counts.size(); ++i) {
            out << ' ' << std::right << std::setw(6)
                << (counts[i] == 0 ? std::string("-") : fmt::to_string(counts[i]));
            total += counts[i];
            totals[i] += counts[i] > 0 ? 1 : 0;
        }
        out << "  " << std::setw(5) << total << '\n';
    }
    out << std::left << std::setw(static_cast<int>(width)) << "drugs covered";
    for (const int n : totals) {
        out << ' ' << std::right << std::setw(6) << n;
    }
    out << "\nColumns: ";
    for (std::size_t i = 0; i < k_headings.size(); ++i) {
        out << (i == 0 ? "" : ", ") << k_headings[i] << " = " << table.kinds[i];
    }
    out << '\n';
}

} // namespace medcheck::rules
