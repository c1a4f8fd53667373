#include <medcheck/batch/progress.hpp>

#include <algorithm>
#include <cstdio>
#include <string>

namespace medcheck::batch {

Progress::Progress(std::ostream& out, bool enabled, std::uint64_t total_bytes)
    : m_out(out), m_enabled(enabled), m_total_bytes(total_bytes), m_start(std::chrono::steady_clock::now()),
      m_last(m_start) {}

bool Progress::due() {
    if (!m_enabled) {
        return false;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - m_last < std::chrono::milliseconds(200)) {
        return false;
    }
    m_last = now;
    return true;
}

void Progress::reading(std::uint64_t bytes, std::uint64_t records) {
    if (!due()) {
        return;
    }
    const double seconds = std::chrono::duration<double>(m_last - m_start).count();
    const double rate = seconds > 0 ? static_cast<double>(records) / seconds : 0;
    char line[160];
    if (m_total_bytes > 0) {
        const double fraction = static_cast<double>(bytes) / static_cast<double>(m_total_bytes);
        const int filled = static_cast<int>(fraction * 30);
        const double eta = fraction > 0 ? seconds * (1 - fraction) / fraction : 0;
        std::snprintf(line, sizeof line, "\rreading [%-30s] %5.1f%% %.1f/%.1f MB %.0f records/s ETA %.0fs ",
                      std::string(static_cast<std::size_t>(std::max(0, std::min(filled, 30))), '#').c_str(),
                      fraction * 100, static_cast<double>(bytes) / 1e6,
                      static_cast<double>(m_total_bytes) / 1e6, rate, eta);
    } else {
        std::snprintf(line, sizeof line, "\rreading %.1f MB %.0f records/s ",
                      static_cast<double>(bytes) / 1e6, rate);
    }
    m_out << line << std::flush;
    m_drawn = true;
}

void Progress::checking(std::uint64_t done, std::uint64_t total) {
    if (!due()) {
        return;
    }
    char line[160];
    std::snprintf(line, sizeof line, "\rchecking %llu/%llu patients                                        ",
                  static_cast<unsigned long long>(done), static_cast<unsigned long long>(total));
    m_out << line << std::flush;
    m_drawn = true;
}

void Progress::finish() {
    if (m_drawn) {
        m_out << '\r' << std::string(100, ' ') << '\r' << std::flush;
        m_drawn = false;
    }
}

} // namespace medcheck::batch
