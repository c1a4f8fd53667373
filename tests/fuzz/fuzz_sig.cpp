// libFuzzer harness: the sig-string parser and the sig reader must accept any bytes without
// crashing, and a reading's numbers stay ordered (dose min <= max).
#include <medcheck/io/sig.hpp>
#include <medcheck/sig/reader.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<medcheck::model::InputIssue> issues;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)medcheck::io::parse_sig(text, 0, "fuzz", issues);

    const auto split = medcheck::sig::split_drug(text);
    const auto reading = medcheck::sig::read_regimen(split.regimen);
    if (reading.dose_min && reading.dose_max && *reading.dose_min > *reading.dose_max) {
        std::abort();
    }
    (void)medcheck::sig::read_regimen(text);
    (void)medcheck::sig::read_frequency(text);
    (void)medcheck::sig::read_dose(text);
    return 0;
}
