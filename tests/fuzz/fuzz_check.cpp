// libFuzzer harness: the whole check pipeline on a case (read, check with the embedded rules, write
// JSON and text). Any input must end in a result or a bad_data rejection, never a crash.
#include <medcheck/check/engine.hpp>
#include <medcheck/db/database.hpp>
#include <medcheck/io/case_json.hpp>
#include <medcheck/io/result_json.hpp>
#include <medcheck/report/text_writer.hpp>
#include <medcheck/util/error.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const medcheck::rules::RuleSet rules = medcheck::db::RuleDatabase::open_embedded().load();
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    medcheck::model::Case input;
    try {
        input = medcheck::io::read_case_json(in, "fuzz");
    } catch (const medcheck::util::Error& e) {
        if (e.kind() != medcheck::util::ErrorKind::bad_data) {
            std::abort();
        }
        return 0;
    }
    const auto result = medcheck::check::check_case(input, rules);
    // A case with medications or patient problems must never come out "ok" with no findings at all
    // when an order could not be resolved.
    for (const auto& order : result.orders) {
        if (order.drug_key.empty() && result.verdict == medcheck::model::Verdict::ok) {
            std::abort();
        }
    }
    std::ostringstream out;
    medcheck::io::write_result_json(out, result, rules.database);
    medcheck::report::write_result_text(out, result, rules.database);
    return 0;
}
