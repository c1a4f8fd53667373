// The floor for reading FHIR NDJSON: one streaming simdjson On-Demand pass over the file that counts
// MedicationRequests and touches what a reader must (resourceType, id, subject reference), nothing
// else; then the SHA-256 of the file that `medcheck batch` reports for every input, timed apart.
// tools/bench prints both beside `medcheck batch` and adds them to the batch's own checking and
// writing time into a floor no reader can go under on the machine's cores.
// usage: medcheck-bench-ndjson FILE.ndjson
//
// The file is read in blocks into one reused buffer, as medcheck reads it: loading a whole file of
// hundreds of megabytes first would time the kernel handing out fresh pages (on the virtual machines
// measured, 1-2 s per GB), not JSON parsing, and make the floor look lower than it is.
#include <openssl/evp.h>
#include <simdjson.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string_view>

namespace {

struct Counts {
    std::uint64_t resources = 0;
    std::uint64_t requests = 0;
    std::uint64_t errors = 0;
    std::uint64_t checksum = 0;
};

// One line, parsed in place: `capacity` counts the bytes readable after it (the padding included).
void read_line(simdjson::ondemand::parser& parser, const char* line, std::size_t length, std::size_t capacity,
               Counts& counts) {
    simdjson::ondemand::document document;
    if (parser.iterate(simdjson::padded_string_view(line, length, capacity)).get(document) !=
        simdjson::SUCCESS) {
        ++counts.errors;
        return;
    }
    simdjson::ondemand::object object;
    if (document.get_object().get(object) != simdjson::SUCCESS) {
        ++counts.errors;
        return;
    }
    ++counts.resources;
    std::string_view type;
    std::string_view id;
    std::string_view subject;
    for (auto field : object) {
        std::string_view key;
        if (field.unescaped_key().get(key) != simdjson::SUCCESS) {
            ++counts.errors;
            break;
        }
        if (key == "resourceType") {
            counts.errors += field.value().get_string().get(type) != simdjson::SUCCESS ? 1 : 0;
        } else if (key == "id") {
            counts.errors += field.value().get_string().get(id) != simdjson::SUCCESS ? 1 : 0;
        } else if (key == "subject") {
            simdjson::ondemand::object reference;
            if (field.value().get_object().get(reference) == simdjson::SUCCESS) {
                counts.errors +=
                    reference["reference"].get_string().get(subject) != simdjson::SUCCESS ? 1 : 0;
            }
        }
    }
    if (type == "MedicationRequest") {
        ++counts.requests;
        counts.checksum += id.size() + subject.size();
    }
}

// CPU seconds this process has used so far, user and system.
struct CpuTime {
    double user = 0;
    double system = 0;
};
CpuTime cpu_time() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return {seconds(usage.ru_utime), seconds(usage.ru_stime)};
}

// The file's SHA-256 in 16 MiB blocks (OpenSSL, as medcheck computes it); false if it cannot be read.
bool hash_file(std::FILE* file) {
    constexpr std::size_t k_block = std::size_t{16} << 20U;
    const std::unique_ptr<unsigned char[]> buffer(new unsigned char[k_block]);
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    bool ok = context != nullptr && EVP_DigestInit_ex(context, EVP_sha256(), nullptr) == 1;
    for (std::size_t got = 0; ok && (got = std::fread(buffer.get(), 1, k_block, file)) > 0;) {
        ok = EVP_DigestUpdate(context, buffer.get(), got) == 1;
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    ok = ok && EVP_DigestFinal_ex(context, digest, &size) == 1 && std::ferror(file) == 0;
    EVP_MD_CTX_free(context);
    return ok;
}

// Every line of the file, in blocks of 16 MiB (a line longer than the buffer counts as unreadable
// and is skipped).
Counts read_lines(std::FILE* file) {
    constexpr std::size_t k_block = std::size_t{16} << 20U;
    const std::size_t capacity = k_block + simdjson::SIMDJSON_PADDING;
    const std::unique_ptr<char[]> buffer(new char[capacity]);
    simdjson::ondemand::parser parser;
    Counts counts;
    std::size_t kept = 0;  // bytes of an unfinished line carried to the front of the buffer
    bool skipping = false; // inside a line longer than the buffer
    for (;;) {
        const std::size_t got = std::fread(buffer.get() + kept, 1, k_block - kept, file);
        const std::size_t filled = kept + got;
        const bool last = got == 0;
        std::memset(buffer.get() + filled, ' ', simdjson::SIMDJSON_PADDING);
        const char* line = buffer.get();
        const char* const end = buffer.get() + filled;
        while (line < end) {
            const auto* newline =
                static_cast<const char*>(std::memchr(line, '\n', static_cast<std::size_t>(end - line)));
            if (newline == nullptr && !last) {
                break; // finished by the next block
            }
            const char* line_end = newline != nullptr ? newline : end;
            const auto length = static_cast<std::size_t>(line_end - line);
            if (skipping) {
                skipping = false;
            } else if (length > 0) {
                read_line(parser, line, length, static_cast<std::size_t>(buffer.get() + capacity - line),
                          counts);
            }
            line = line_end + 1;
        }
        if (last) {
            break;
        }
        kept = line < end ? static_cast<std::size_t>(end - line) : 0;
        if (kept == k_block) {
            counts.errors += skipping ? 0 : 1; // one line, however many blocks it spans
            skipping = true;
            kept = 0;
        } else {
            std::memmove(buffer.get(), line, kept);
        }
    }
    return counts;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: medcheck-bench-ndjson FILE.ndjson\n");
        return 2;
    }
    const auto start = std::chrono::steady_clock::now();
    std::FILE* file = std::fopen(argv[1], "rb");
    if (file == nullptr) {
        std::fprintf(stderr, "medcheck-bench-ndjson: cannot read %s\n", argv[1]);
        return 1;
    }
    const Counts counts = read_lines(file);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const CpuTime parsed = cpu_time();
    std::printf("simdjson pass: %llu resources, %llu MedicationRequests in %.2f s, %.0f MedicationRequests/s "
                "(%llu unreadable, checksum %llu); cpu %.2f s\n",
                static_cast<unsigned long long>(counts.resources),
                static_cast<unsigned long long>(counts.requests), seconds,
                static_cast<double>(counts.requests) / seconds,
                static_cast<unsigned long long>(counts.errors),
                static_cast<unsigned long long>(counts.checksum), parsed.user + parsed.system);
    // Only the hashing's user time counts: medcheck hashes the blocks it has read for parsing, so the
    // second read here (system time) is not part of the floor.
    std::rewind(file);
    const bool hashed = hash_file(file);
    std::fclose(file);
    const CpuTime total = cpu_time();
    if (!hashed) {
        std::fprintf(stderr, "medcheck-bench-ndjson: cannot hash %s\n", argv[1]);
        return 1;
    }
    std::printf("sha-256 pass: cpu %.2f s\n", total.user - parsed.user);
    return 0;
}
