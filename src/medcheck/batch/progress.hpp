#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>

namespace medcheck::batch {

// A one-line progress display on a terminal (records/s, bytes done, ETA when the size is known);
// does nothing when disabled (standard error is not a terminal).
class Progress {
  public:
    Progress(std::ostream& out, bool enabled, std::uint64_t total_bytes);

    // While reading: bytes and records so far.
    void reading(std::uint64_t bytes, std::uint64_t records);
    // While checking: patients done of total.
    void checking(std::uint64_t done, std::uint64_t total);
    // Clears the line.
    void finish();

  private:
    bool due();

    std::ostream& m_out;
    bool m_enabled;
    std::uint64_t m_total_bytes;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_last;
    bool m_drawn = false;
};

} // namespace medcheck::batch
