#pragma once

#include <stdexcept>
#include <string>

namespace medcheck::util {

// What went wrong, as far as the caller needs to know: the CLI maps each to an exit code.
enum class ErrorKind {
    usage,        // the command line itself is wrong
    bad_data,     // input could be read but is not valid (malformed JSON, unknown keys)
    cannot_open,  // an input file or the rule database cannot be opened or is unusable
    cannot_write, // an output cannot be written (full disk, closed or broken standard output)
    internal,     // a bug: should never happen
};

// The one exception type medcheck throws on purpose; caught once, in the CLI.
class Error : public std::runtime_error {
  public:
    Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), m_kind(kind) {}
    ErrorKind kind() const noexcept { return m_kind; }

  private:
    ErrorKind m_kind;
};

} // namespace medcheck::util
