// libFuzzer harness: `medcheck batch` ingest of CSV bytes (reader, patient grouping, case building,
// checks on small stores). Any input must end in counted records, never a crash, leak or hang.
#include "fuzz_batch.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return medcheck::fuzz::ingest_batch(data, size, medcheck::batch::Format::csv);
}
