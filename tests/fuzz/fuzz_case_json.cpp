// libFuzzer harness: the case JSON reader either reads a case or throws util::Error(bad_data).
#include <medcheck/io/case_json.hpp>
#include <medcheck/util/error.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    try {
        (void)medcheck::io::read_case_json(in, "fuzz");
    } catch (const medcheck::util::Error& e) {
        if (e.kind() != medcheck::util::ErrorKind::bad_data) {
            std::abort(); // only bad_data is a valid rejection of in-memory bytes
        }
    }
    return 0;
}
