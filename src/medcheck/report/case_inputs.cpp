#include <medcheck/report/case_inputs.hpp>

#include <medcheck/check/engine.hpp>
#include <medcheck/io/case_json.hpp>
#include <medcheck/util/error.hpp>
#include <medcheck/util/sha256.hpp>

#include <fstream>
#include <iterator>
#include <span>
#include <sstream>

namespace medcheck::report {

void add_case(ReportInputs& inputs, std::istream& in, const std::string& name, const rules::RuleSet& rules) {
    // Read once: the digest and the parse see the same bytes (standard input cannot be re-read).
    std::string bytes;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (bytes.size() > io::k_max_case_bytes + 1) {
            break;
        }
    }
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    inputs.inputs.push_back({name, util::sha256_hex(std::span<const unsigned char>(data, bytes.size()))});
    std::istringstream stream(std::move(bytes));
    try {
        model::Case input = io::read_case_json(stream, name);
        check::CheckResult result = check::check_case(input, rules);
        inputs.patients.push_back({std::move(input), std::move(result), name});
    } catch (const util::Error& e) {
        if (e.kind() != util::ErrorKind::bad_data) {
            throw;
        }
        inputs.records.rejected.push_back({name, "", e.what()});
        ++inputs.records.rejected_total;
    }
}

void add_case_file(ReportInputs& inputs, const std::filesystem::path& path, const rules::RuleSet& rules) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        throw util::Error(util::ErrorKind::cannot_open, path.string() + ": cannot open input file");
    }
    add_case(inputs, file, path.string(), rules);
    if (file.bad()) {
        throw util::Error(util::ErrorKind::cannot_open, path.string() + ": read error");
    }
}

} // namespace medcheck::report
