// The compiled half of the Python module (medcheck._core): JSON and CSV text in, the CLI's bytes out.
// Text crosses the boundary so that the case reader, result writer, batch reader and findings writer
// are the very ones `medcheck check` and `medcheck batch` use; medcheck/__init__.py makes it Pythonic.
#include <medcheck/batch/memory_batch.hpp>
#include <medcheck/batch/patient_hash.hpp>
#include <medcheck/check/engine.hpp>
#include <medcheck/cli/exit_code.hpp>
#include <medcheck/db/database.hpp>
#include <medcheck/io/case_json.hpp>
#include <medcheck/io/csv_reader.hpp>
#include <medcheck/io/result_json.hpp>
#include <medcheck/rules/describe.hpp>
#include <medcheck/util/error.hpp>
#include <medcheck/version.hpp>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace py = pybind11;

namespace {

using namespace medcheck;

// The rules, loaded once per process (MEDCHECK_DB or the embedded database, as the CLI does).
const rules::RuleSet& loaded_rules() {
    static std::once_flag once;
    static std::optional<rules::RuleSet> rules;
    std::call_once(once, [] { rules = db::load_rules(std::nullopt); });
    return *rules;
}

// UTF-8 bytes of a str or bytes object, viewed in place; valid while `text` lives.
std::string_view utf8_view(const py::handle& text) {
    if (PyBytes_Check(text.ptr()) != 0) {
        char* data = nullptr;
        Py_ssize_t size = 0;
        PyBytes_AsStringAndSize(text.ptr(), &data, &size);
        return {data, static_cast<std::size_t>(size)};
    }
    if (PyUnicode_Check(text.ptr()) == 0) {
        throw util::Error(util::ErrorKind::usage, "expected str or bytes");
    }
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(text.ptr(), &size);
    if (data == nullptr) {
        throw py::error_already_set();
    }
    return {data, static_cast<std::size_t>(size)};
}

std::string check_json(const py::handle& text) {
    const std::string_view view = utf8_view(text);
    std::ostringstream out;
    {
        const py::gil_scoped_release release;
        const rules::RuleSet& rules = loaded_rules();
        std::istringstream in{std::string(view)};
        const model::Case input = io::read_case_json(in, "<case>");
        io::write_result_json(out, check::check_case(input, rules), rules.database);
    }
    return std::move(out).str();
}

// Options of check_csv, as medcheck/__init__.py passes them.
struct CsvOptions {
    std::string name;
    std::vector<std::uint64_t> lines;
    bool strict = false;
    std::vector<std::pair<std::string, std::string>> column_map;
    std::vector<std::string> ignored_columns;
    std::string as_of;
    unsigned jobs = 1;
    std::string findings_format;
};

py::tuple check_csv(const py::handle& text, CsvOptions options) {
    const std::string_view view = utf8_view(text);
    batch::MemoryBatchOptions memory;
    memory.name = std::move(options.name);
    memory.ingest.record_lines = std::move(options.lines);
    memory.ingest.strict = options.strict;
    memory.ingest.column_map = std::move(options.column_map);
    memory.ingest.ignored_columns = std::move(options.ignored_columns);
    if (!options.as_of.empty()) {
        const auto date = batch::parse_date(options.as_of);
        if (!date || options.as_of.size() != 10) {
            throw util::Error(util::ErrorKind::usage,
                              "as_of needs a date YYYY-MM-DD, got '" + options.as_of + "'");
        }
        memory.case_options.as_of = *date;
        memory.as_of = options.as_of;
    }
    if (options.jobs == 0 || options.jobs > 256) {
        throw util::Error(util::ErrorKind::usage, "jobs must be between 1 and 256");
    }
    memory.jobs = options.jobs;
    const auto format = batch::parse_findings_format(options.findings_format);
    if (!format) {
        throw util::Error(util::ErrorKind::usage,
                          "unknown findings format '" + options.findings_format + "' (csv or jsonl)");
    }
    memory.format = *format;
    batch::MemoryBatch result;
    std::string summary;
    {
        const py::gil_scoped_release release;
        result = batch::check_csv_text(view, loaded_rules(), memory);
        summary = batch::summary_json(result.report)
                      .dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    }
    return py::make_tuple(py::str(result.findings), py::str(summary));
}

// The line where each data record of a CSV text starts, as the batch reader counts them.
std::vector<std::uint64_t> record_lines(const py::handle& text) {
    const std::string_view view = utf8_view(text);
    std::vector<std::uint64_t> lines;
    const py::gil_scoped_release release;
    std::istringstream in{std::string(view)};
    io::CsvReader reader(in);
    io::CsvRecord record;
    bool header = true;
    while (reader.next(record)) {
        if (!header) {
            lines.push_back(record.line);
        }
        header = false;
    }
    return lines;
}

// The owner (0 .. owners-1) of each patient id, by the batch engine's patient hash.
py::array_t<std::int64_t> patient_owners(const py::sequence& ids, std::uint64_t owners) {
    if (owners == 0) {
        throw util::Error(util::ErrorKind::usage, "owners must be at least 1");
    }
    const auto count = static_cast<py::ssize_t>(py::len(ids));
    py::array_t<std::int64_t> out(count);
    auto view = out.mutable_unchecked<1>();
    for (py::ssize_t i = 0; i < count; ++i) {
        view(i) = static_cast<std::int64_t>(batch::patient_owner(utf8_view(ids[i]), owners));
    }
    return out;
}

py::dict database_dict(const rules::DatabaseInfo& db) {
    py::dict out;
    out["version"] = db.version;
    out["schema_version"] = db.schema_version;
    out["origin"] = db.origin;
    out["sha256"] = db.sha256;
    return out;
}

py::dict version() {
    py::dict out;
    out["medcheck"] = k_version;
    out["database"] = database_dict(loaded_rules().database);
    return out;
}

// The fields every kind of rule starts with, as `medcheck rules` describes them.
template <typename AnyRule>
py::dict rule_dict(const AnyRule& rule, const std::string& kind, model::Severity severity,
                   const std::string& applies_to) {
    py::dict d;
    d["id"] = rule.id;
    d["kind"] = kind;
    d["severity"] = std::string(model::to_string(severity));
    d["applies_to"] = applies_to;
    return d;
}

// Every rule in the database, one dict each, as `medcheck rules` describes them.
py::list rule_list() {
    const rules::RuleSet& set = loaded_rules();
    py::list out;
    // The fields every kind of rule ends with; only dose rules suggest an alternative.
    const auto append = [&out](py::dict d, const auto& rule, const std::string* alternative = nullptr) {
        d["message"] = rule.message;
        if (alternative != nullptr) {
            d["alternative"] = *alternative;
        }
        d["source"] = rule.source;
        d["evidence"] = rule.evidence;
        out.append(d);
    };
    for (const rules::Rule& rule : set.rules) {
        py::dict d = rule_dict(rule, rule.kind, rule.severity, rules::describe_target(rule));
        d["population"] = rules::describe_population(rule.population);
        d["limit"] = rules::describe_limit(rule);
        append(d, rule, &rule.alternative);
    }
    for (const rules::InteractionRule& rule : set.interactions) {
        append(rule_dict(rule, rule.kind, rule.severity, rules::describe_sides(rule)), rule);
    }
    for (const rules::GroupCountRule& rule : set.group_counts) {
        append(rule_dict(rule, rule.kind, rule.severity,
                         std::to_string(rule.min_count) + " or more " + rule.group + " (group)"),
               rule);
    }
    for (const rules::FirstLineRule& rule : set.first_line) {
        append(rule_dict(rule, "first_line", rule.none_tried, rule.group + " (group)"), rule);
    }
    return out;
}

} // namespace

PYBIND11_MODULE(_core, m) {
    m.doc() = "medcheck's engine; use the medcheck package, not this module";
    // Raised as Error(message, kind, exit_code); medcheck/__init__.py turns it into medcheck.Error.
    static const py::exception<util::Error> error(m, "Error");
    // pybind11 takes a function pointer whose parameter is a std::exception_ptr by value.
    py::register_exception_translator(
        [](std::exception_ptr pointer) { // NOLINT(performance-unnecessary-value-param)
            try {
                if (pointer) {
                    std::rethrow_exception(pointer);
                }
            } catch (const util::Error& e) {
                static const char* const k_kinds[] = {"usage", "bad_data", "cannot_open", "cannot_write",
                                                      "internal"};
                const auto kind = static_cast<std::size_t>(e.kind());
                const py::tuple args = py::make_tuple(e.what(), k_kinds[kind < 5 ? kind : 4],
                                                      static_cast<int>(cli::exit_code_for(e.kind())));
                PyErr_SetObject(error.ptr(), args.ptr());
            }
        });
    py::class_<CsvOptions>(m, "CsvOptions")
        .def(py::init<>())
        .def_readwrite("name", &CsvOptions::name)
        .def_readwrite("lines", &CsvOptions::lines)
        .def_readwrite("strict", &CsvOptions::strict)
        .def_readwrite("column_map", &CsvOptions::column_map)
        .def_readwrite("ignored_columns", &CsvOptions::ignored_columns)
        .def_readwrite("as_of", &CsvOptions::as_of)
        .def_readwrite("jobs", &CsvOptions::jobs)
        .def_readwrite("findings_format", &CsvOptions::findings_format);
    m.def("check_json", &check_json, py::arg("case_json"),
          "a case as JSON text -> the result exactly as `medcheck check --format json` writes it");
    m.def("check_csv", &check_csv, py::arg("csv"), py::arg("options"),
          "batch CSV text -> (findings file text, summary JSON text) as `medcheck batch` writes them");
    m.def("patient_owners", &patient_owners, py::arg("ids"), py::arg("owners"),
          "the owner 0..owners-1 of each patient id: the batch engine's patient hash modulo owners");
    m.def(
        "patient_hash", [](const py::handle& id) { return batch::patient_hash(utf8_view(id)); },
        py::arg("id"), "the batch engine's 64-bit patient hash (FNV-1a of the trimmed id)");
    m.def("record_lines", &record_lines, py::arg("csv"),
          "the line where each data record of a CSV text starts, as the batch reader counts them");
    m.def("version", &version);
    m.def("rules", &rule_list);
}
