#pragma once

#include <iosfwd>

namespace medcheck::cli {

// The whole command-line program: parses arguments, runs a subcommand, maps every failure to a
// documented exit code. The only place that catches errors.
// Standard output that cannot be written (closed, full, a broken pipe) is exit 74.
int medcheck_main(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err);

// Process set-up for the real program, before medcheck_main: SIGPIPE and SIGXFSZ are ignored (a broken
// pipe or the file size limit is a write error, exit 74, not a silent death); a closed standard descriptor
// (0, 1, 2) is reopened on /dev/null in the opposite direction, so that using it fails (EBADF) instead of a
// later file taking its number; and where standard output is a regular file, the size it had is noted so that
// a failed run can cut off what it half-wrote.
void prepare_process();

// True after prepare_process: medcheck_main runs as the whole program, so memory it still holds at
// the end goes back with the process.
bool whole_process();

// Cuts standard output back to the size prepare_process noted, when it is a regular file.
void discard_partial_stdout();

} // namespace medcheck::cli
