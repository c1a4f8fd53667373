// `medcheck db lint`: checks the rule database's content beyond its schema constraints.
#include <medcheck/cli/context.hpp>
#include <medcheck/cli/exit_code.hpp>
#include <medcheck/rules/lint.hpp>

#include <ostream>

namespace medcheck::cli {

int run_db(Context& context) {
    if (context.args.empty() || context.args[0] == "--help") {
        context.out
            << "usage: medcheck [--db PATH] db lint\n"
               "  Checks the rule database: the schema's constraints on every row (what opening it\n"
               "  refuses: finite positive limits, known kinds, required core rules), every row sourced\n"
               "  and every cited tag known, no rule for an unknown drug, limits consistent (single <= "
               "daily), renal/hepatic bands contiguous and\n"
               "  non-overlapping, every name resolving to one drug. Exit 0 when clean, 65 otherwise.\n";
        return context.args.empty() ? static_cast<int>(ExitCode::usage) : 0;
    }
    if (context.args[0] != "lint" || context.args.size() != 1) {
        usage_error("db", "unknown db command '" + context.args[0] + "' (expected: lint)");
    }
    context.validate_rules = false; // list every problem rather than refuse at the first
    const rules::RuleSet& set = context.rules();
    const auto problems = rules::lint(set);
    for (const auto& p : problems) {
        context.out << "lint: " << p.where << ": " << p.what << '\n';
    }
    context.out << "rule database " << set.database.version << " (" << set.database.origin
                << "): " << set.rules.size() << " rules, " << set.interactions.size()
                << " interaction rules, " << set.drugs.size() << " drugs, " << set.names.size() << " names; "
                << problems.size() << " problem" << (problems.size() == 1 ? "" : "s") << '\n';
    return problems.empty() ? 0 : static_cast<int>(ExitCode::bad_data);
}

} // namespace medcheck::cli
