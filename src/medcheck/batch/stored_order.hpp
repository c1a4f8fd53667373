#pragma once

#include <cstdint>
#include <limits>
#include <string_view>

namespace medcheck::batch {

// Longest order id (prescription_id, resource id) kept; longer ones are cut.
inline constexpr std::size_t k_max_source_id = 128;

// Absent numbers are stored as NaN to keep records small.
inline constexpr double k_absent = std::numeric_limits<double>::quiet_NaN();
// An absent time (order window side, measurement time).
inline constexpr std::int64_t k_no_time = std::numeric_limits<std::int64_t>::min();

// Most inputs of one batch (RecordLocation keeps an input's number in 16 bits).
inline constexpr std::size_t k_max_inputs = 65535;

// Where a record came from: an input and a line (CSV, NDJSON) or Bundle entry number. Eight bytes:
// a batch keeps one per order.
struct RecordLocation {
    static constexpr std::uint64_t k_record_mask = (std::uint64_t{1} << 48U) - 1;

    RecordLocation() = default;
    // Inputs are numbered below k_max_inputs (checked where they are opened); a record number has
    // 48 bits (no file has 2^48 lines).
    RecordLocation(std::uint64_t input_number, std::uint64_t record_number)
        : input(input_number & 0xFFFFU), record(record_number & k_record_mask) {}

    std::uint64_t input : 16 = 0;
    std::uint64_t record : 48 = 0;
};

// One medication order as readers give it and the checker reads it: strings are StringPool indexes,
// absent numbers NaN, ids views (of the reader's row until the order is added, then of the store's
// orders). The store keeps it encoded (OrderArena).
struct StoredOrder {
    RecordLocation location;
    std::uint32_t drug = 0;
    std::uint32_t unit = 0;
    std::uint32_t route = 0;
    std::uint32_t frequency = 0;
    std::string_view resource_id; // FHIR resource id, empty = none
    // A sig given for the order (index into the sig pool), 0 = none: it is read again when the case is
    // built, with the structured fields above as the fields beside it (io::order_from_sig).
    std::uint32_t sig = 0;
    double dose = k_absent;
    double dose_min = k_absent;   // the lower end of a written range ("1-2"); absent for one number
    double daily_dose = k_absent; // different doses at different times of day: the day's total (FHIR text)
    double duration_days = k_absent;
    double max_doses_per_day = k_absent;
    bool prn = false;
    bool continuing = false;
    bool dose_unreadable = false;      // see model::MedicationOrder
    bool frequency_unreadable = false; // see model::MedicationOrder
    std::string_view source_id;        // the source system's order id, empty = none
    // Active window in seconds since 1970 (end exclusive); k_no_time = open on that side. An order with
    // neither is concurrent with every other order of the patient.
    std::int64_t start_s = k_no_time;
    std::int64_t end_s = k_no_time;
};

} // namespace medcheck::batch
