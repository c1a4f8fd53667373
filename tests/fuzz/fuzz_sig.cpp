// libFuzzer harness: the sig-string parser must accept any bytes without crashing.
#include <medcheck/io/sig.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<medcheck::model::InputIssue> issues;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)medcheck::io::parse_sig(text, 0, "fuzz", issues);
    return 0;
}
