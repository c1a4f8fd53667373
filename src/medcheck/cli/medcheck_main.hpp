#pragma once

#include <iosfwd>

namespace medcheck::cli {

// The whole command-line program: parses arguments, runs a subcommand, maps every failure to a
// documented exit code. The only place that catches errors.
int medcheck_main(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err);

} // namespace medcheck::cli
