#pragma once

#include <medcheck/util/text.hpp>

#include <cstdint>
#include <string_view>

namespace medcheck::batch {

// Which owner a patient belongs to when patients are split between threads or machines: FNV-1a (64
// bit) of the patient id as the CSV reader keys it (trimmed). A fixed function, not std::hash, so
// that the Python module's Dask shuffle and the batch engine agree on every platform and run.
inline std::uint64_t patient_hash(std::string_view id) {
    std::uint64_t hash = 1469598103934665603ULL;
    for (const char c : util::trim(id)) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

// The owner (0 .. owners-1) of a patient id.
inline std::uint64_t patient_owner(std::string_view id, std::uint64_t owners) {
    return owners == 0 ? 0 : patient_hash(id) % owners;
}

} // namespace medcheck::batch
