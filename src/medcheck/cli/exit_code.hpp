#pragma once

#include <medcheck/model/severity.hpp>
#include <medcheck/util/error.hpp>

namespace medcheck::cli {

// Every exit status medcheck uses (check contract v2).
enum class ExitCode : int {
    ok = 0,            // verdict ok
    warning = 1,       // verdict warning
    findings = 2,      // verdict unverifiable, violation or contraindicated
    usage = 64,        // the command line is wrong
    bad_data = 65,     // input data cannot be used (malformed JSON, unknown keys)
    cannot_open = 66,  // an input or the rule database cannot be opened
    internal = 70,     // internal error
    cannot_write = 74, // an output cannot be written (v2)
};

ExitCode exit_code_for(model::Verdict verdict);
ExitCode exit_code_for(util::ErrorKind kind);

} // namespace medcheck::cli
