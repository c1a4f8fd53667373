#include <medcheck/cli/exit_code.hpp>

namespace medcheck::cli {

ExitCode exit_code_for(model::Verdict verdict) {
    switch (verdict) {
    case model::Verdict::ok:
        return ExitCode::ok;
    case model::Verdict::warning:
        return ExitCode::warning;
    default:
        return ExitCode::findings;
    }
}

ExitCode exit_code_for(util::ErrorKind kind) {
    switch (kind) {
    case util::ErrorKind::usage:
        return ExitCode::usage;
    case util::ErrorKind::bad_data:
        return ExitCode::bad_data;
    case util::ErrorKind::cannot_open:
        return ExitCode::cannot_open;
    case util::ErrorKind::cannot_write:
        return ExitCode::cannot_write;
    case util::ErrorKind::internal:
        break;
    }
    return ExitCode::internal;
}

} // namespace medcheck::cli
