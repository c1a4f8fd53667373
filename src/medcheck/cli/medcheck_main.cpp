#include <medcheck/cli/medcheck_main.hpp>

#include <medcheck/cli/context.hpp>
#include <medcheck/cli/exit_code.hpp>
#include <medcheck/db/database.hpp>
#include <medcheck/util/allocator.hpp>
#include <medcheck/util/error.hpp>
#include <medcheck/version.hpp>

#include <array>
#include <csignal>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace medcheck::cli {

namespace {

constexpr const char* k_usage = R"(usage: medcheck [--db PATH] COMMAND [OPTIONS]

Medication safety and dosing checker (decision support; never replaces clinical judgement).

Commands:
  check     check one case: --case FILE|- or patient flags and --med "SIG" (see medcheck check --help)
  rules     list the rules, for one drug or all, with their sources; --coverage: drug x kind table
  db lint   check the rule database's content (sources, targets, limits, bands, names)
  batch     check CSV or FHIR exports of many patients: INPUT... [--out FILE] [--summary FILE] (see --help)
  report    review report of many cases for a pharmacist: INPUT... --out FILE [--format html|md|json]
  serve     CDS Hooks 2.0 service (order-select, order-sign) on 127.0.0.1:8080 (see medcheck serve --help)

Global options:
  --db PATH     rule database file (default: $MEDCHECK_DB, else the database built into medcheck)
  --version     print the program version, the rule database version and SHA-256, and the allocator
  --help        this help

Exit codes: 0 ok, 1 warning, 2 unverifiable/violation/contraindicated, 64 usage, 65 bad input data,
66 input or database cannot be opened, 70 internal error, 74 an output cannot be written.
)";

// Size standard output had when it is a regular file (prepare_process), to cut off a failed run.
std::optional<off_t> g_stdout_start;

int print_version(Context& context) {
    const rules::DatabaseInfo& db = context.rules().database;
    context.out << "medcheck " << k_version << '\n'
                << "rule database " << db.version << " (schema " << db.schema_version << ", " << db.origin
                << ")\n"
                << "sha256 " << db.sha256 << '\n'
                << "allocator " << util::allocator_name() << '\n';
    return 0;
}

} // namespace

const rules::RuleSet& Context::rules() {
    if (!m_rules) {
        m_rules = db::load_rules(db_path, validate_rules);
    }
    return *m_rules;
}

boost::program_options::variables_map
parse_options(const Context& context, const std::string& command,
              const boost::program_options::options_description& options, const char* inputs) {
    namespace po = boost::program_options;
    po::positional_options_description positional;
    if (inputs != nullptr) {
        positional.add(inputs, -1);
    }
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(context.args).options(options).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        usage_error(command, e.what());
    }
    return vm;
}

void usage_error(const std::string& command, const std::string& message) {
    throw util::Error(util::ErrorKind::usage,
                      message + " (see medcheck " + (command.empty() ? "" : command + " ") + "--help)");
}

namespace {
bool g_whole_process = false; // set by prepare_process: the real program, not a test calling in
} // namespace

bool whole_process() {
    return g_whole_process;
}

void prepare_process() {
    g_whole_process = true;
    std::signal(SIGPIPE, SIG_IGN);
    std::signal(SIGXFSZ, SIG_IGN); // past the file size limit: write() fails (EFBIG), exit 74

    for (const int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
        if (::fcntl(fd, F_GETFD) == -1) {
            // open() takes the lowest free number: this one.
            ::open("/dev/null", fd == STDIN_FILENO ? O_WRONLY : O_RDONLY);
        }
    }
    struct stat info {};
    if (::fstat(STDOUT_FILENO, &info) == 0 && S_ISREG(info.st_mode)) {
        // `>>` appends after what is there; `>` (or 1<>) writes from the current offset.
        const int flags = ::fcntl(STDOUT_FILENO, F_GETFL);
        const off_t at = ::lseek(STDOUT_FILENO, 0, SEEK_CUR);
        g_stdout_start = (flags != -1 && (flags & O_APPEND) != 0) || at < 0 ? info.st_size : at;
    }
}

void discard_partial_stdout() {
    struct stat info {};
    if (g_stdout_start && ::fstat(STDOUT_FILENO, &info) == 0 && S_ISREG(info.st_mode) &&
        info.st_size > *g_stdout_start) {
        const int ignored = ::ftruncate(STDOUT_FILENO, *g_stdout_start);
        static_cast<void>(ignored);
    }
}

namespace {

// What stands on the command line outside the subcommand's own arguments.
struct GlobalArgs {
    std::string command;
    bool version = false;
    bool help = false;
};

// Global options may stand before or after the command; the rest belongs to the command.
GlobalArgs read_global_args(Context& context, int argc, const char* const* argv) {
    GlobalArgs global;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--db") {
            if (i + 1 >= argc) {
                usage_error("", "--db needs a path");
            }
            context.db_path = argv[++i];
        } else if (arg.rfind("--db=", 0) == 0) {
            context.db_path = arg.substr(5);
        } else if (global.command.empty() && (arg == "--version" || arg == "-V")) {
            global.version = true;
        } else if (global.command.empty() && (arg == "--help" || arg == "-h")) {
            global.help = true;
        } else if (global.command.empty() && !arg.empty() && arg[0] != '-') {
            global.command = arg;
        } else if (global.command.empty()) {
            usage_error("", "unknown option '" + arg + "'");
        } else {
            context.args.push_back(arg);
        }
    }
    return global;
}

int run_subcommand(Context& context, const std::string& command) {
    static constexpr std::array<std::pair<std::string_view, int (*)(Context&)>, 6> k_commands{{
        {"check", run_check},
        {"rules", run_rules},
        {"batch", run_batch},
        {"db", run_db},
        {"report", run_report},
        {"serve", run_serve},
    }};
    for (const auto& [name, run] : k_commands) {
        if (command == name) {
            return run(context);
        }
    }
    if (command.empty()) {
        context.err << k_usage;
        return static_cast<int>(ExitCode::usage);
    }
    usage_error("", "unknown command '" + command + "'");
}

int run_command(Context& context, int argc, const char* const* argv) {
    std::ostream& err = context.err;
    try {
        const GlobalArgs global = read_global_args(context, argc, argv);
        if (global.help) {
            context.out << k_usage;
            return 0;
        }
        if (global.version) {
            return print_version(context);
        }
        return run_subcommand(context, global.command);
    } catch (const util::Error& e) {
        err << "medcheck: error: " << e.what() << '\n';
        return static_cast<int>(exit_code_for(e.kind()));
    } catch (const std::bad_alloc&) {
        err << "medcheck: error: out of memory\n";
        return static_cast<int>(ExitCode::internal);
    } catch (const std::exception& e) {
        err << "medcheck: internal error: " << e.what() << '\n';
        return static_cast<int>(ExitCode::internal);
    }
}

} // namespace

int medcheck_main(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err) {
    Context context(in, out, err);
    const int code = run_command(context, argc, argv);
    out.flush();
    if (!out) {
        // Whatever the command found, its output did not arrive: never exit as if it had.
        if (code != static_cast<int>(ExitCode::cannot_write)) {
            err << "medcheck: error: standard output: write error (closed, full, or a broken pipe); the "
                   "output was not written completely\n";
        }
        discard_partial_stdout();
        return static_cast<int>(ExitCode::cannot_write);
    }
    return code;
}

} // namespace medcheck::cli
