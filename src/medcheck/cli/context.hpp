#pragma once

#include <medcheck/rules/rule_set.hpp>

#include <boost/program_options.hpp>

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace medcheck::cli {

// What every subcommand gets: its own arguments, the streams, and the rules (loaded on first use,
// once, so commands that fail on usage never open the database).
class Context {
  public:
    Context(std::istream& input, std::ostream& output, std::ostream& errors)
        : in(input), out(output), err(errors) {}

    std::vector<std::string> args; // after the subcommand name, global options removed
    std::istream& in;
    std::ostream& out;
    std::ostream& err;
    std::optional<std::filesystem::path> db_path;
    // False only for `db lint`, which lists a database's problems instead of refusing it.
    bool validate_rules = true;

    const rules::RuleSet& rules();

  private:
    std::optional<rules::RuleSet> m_rules;
};

// Subcommands: each returns the process exit status and throws util::Error for failures.
int run_check(Context& context);
int run_rules(Context& context);
int run_batch(Context& context);
int run_db(Context& context);
int run_report(Context& context);
int run_serve(Context& context);

// Parses a subcommand's arguments; with `inputs`, bare arguments are collected under that option name.
// Boost's errors become usage errors naming the command.
boost::program_options::variables_map
parse_options(const Context& context, const std::string& command,
              const boost::program_options::options_description& options, const char* inputs = nullptr);

// Usage errors with a pointer to --help.
[[noreturn]] void usage_error(const std::string& command, const std::string& message);

} // namespace medcheck::cli
