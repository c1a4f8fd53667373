// Sig-reading throughput on one core: reads every sig of tests/data/sigs/sigs.tsv repeatedly for
// about two seconds and prints sigs/s, per second of wall time and per second of this thread's CPU
// time (the second is the core's speed even when other processes share it; note the load beside it).
// usage: medcheck-bench-sig SIGS_TSV
#include <medcheck/sig/reader.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: medcheck-bench-sig SIGS_TSV\n");
        return 2;
    }
    std::ifstream in(argv[1]);
    std::vector<std::string> sigs;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("# ", 0) != 0) {
            sigs.push_back(line.substr(0, line.find('\t')));
        }
    }
    if (sigs.empty()) {
        std::fprintf(stderr, "medcheck-bench-sig: no sigs in %s\n", argv[1]);
        return 1;
    }
    using clock = std::chrono::steady_clock;
    const auto cpu_seconds = [] {
        timespec now{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
        return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
    };
    const double cpu_start = cpu_seconds();
    const auto start = clock::now();
    std::size_t read = 0;
    double checksum = 0; // keeps the readings live
    std::chrono::duration<double> elapsed{};
    while (elapsed.count() < 2.0) {
        for (const auto& s : sigs) {
            const auto r = medcheck::sig::read_regimen(s);
            checksum += r.dose_max.value_or(0) + static_cast<double>(r.unrecognised.size());
        }
        read += sigs.size();
        elapsed = clock::now() - start;
    }
    const double cpu = cpu_seconds() - cpu_start;
    std::printf("sig reading: %zu sigs in %.2f s, %.0f sigs/s on one core; %.0f sigs per CPU second "
                "(checksum %.0f)\n",
                read, elapsed.count(), static_cast<double>(read) / elapsed.count(),
                static_cast<double>(read) / cpu, checksum);
    return 0;
}
