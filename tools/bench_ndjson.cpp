// The floor for reading FHIR NDJSON: one streaming simdjson On-Demand pass over the file that counts
// MedicationRequests and touches what a reader must (resourceType, id, subject reference), nothing
// else. tools/bench prints its rate beside `medcheck batch`. usage: medcheck-bench-ndjson FILE.ndjson
#include <simdjson.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string_view>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: medcheck-bench-ndjson FILE.ndjson\n");
        return 2;
    }
    const auto start = std::chrono::steady_clock::now();
    simdjson::padded_string text;
    if (simdjson::padded_string::load(argv[1]).get(text) != simdjson::SUCCESS) {
        std::fprintf(stderr, "medcheck-bench-ndjson: cannot read %s\n", argv[1]);
        return 1;
    }
    simdjson::ondemand::parser parser;
    std::uint64_t resources = 0;
    std::uint64_t requests = 0;
    std::uint64_t errors = 0;
    std::uint64_t checksum = 0;
    // Line by line, as a reader that names the line of a bad record must: each line is parsed in place
    // (the file's padding lies beyond the last line).
    const char* const end = text.data() + text.size();
    for (const char* line = text.data(); line < end;) {
        const char* newline =
            static_cast<const char*>(std::memchr(line, '\n', static_cast<std::size_t>(end - line)));
        const char* line_end = newline != nullptr ? newline : end;
        const auto length = static_cast<std::size_t>(line_end - line);
        const simdjson::padded_string_view view(
            line, length, static_cast<std::size_t>(end - line) + simdjson::SIMDJSON_PADDING);
        line = line_end + 1;
        if (length == 0) {
            continue;
        }
        simdjson::ondemand::document document;
        if (parser.iterate(view).get(document) != simdjson::SUCCESS) {
            ++errors;
            continue;
        }
        simdjson::ondemand::object object;
        if (document.get_object().get(object) != simdjson::SUCCESS) {
            ++errors;
            continue;
        }
        ++resources;
        std::string_view type;
        std::string_view id;
        std::string_view subject;
        for (auto field : object) {
            std::string_view key;
            if (field.unescaped_key().get(key) != simdjson::SUCCESS) {
                ++errors;
                break;
            }
            if (key == "resourceType") {
                errors += field.value().get_string().get(type) != simdjson::SUCCESS ? 1 : 0;
            } else if (key == "id") {
                errors += field.value().get_string().get(id) != simdjson::SUCCESS ? 1 : 0;
            } else if (key == "subject") {
                simdjson::ondemand::object reference;
                if (field.value().get_object().get(reference) == simdjson::SUCCESS) {
                    errors += reference["reference"].get_string().get(subject) != simdjson::SUCCESS ? 1 : 0;
                }
            }
        }
        if (type == "MedicationRequest") {
            ++requests;
            checksum += id.size() + subject.size();
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("simdjson pass: %llu resources, %llu MedicationRequests in %.2f s, %.0f MedicationRequests/s "
                "(%llu unreadable, checksum %llu)\n",
                static_cast<unsigned long long>(resources), static_cast<unsigned long long>(requests),
                seconds, static_cast<double>(requests) / seconds, static_cast<unsigned long long>(errors),
                static_cast<unsigned long long>(checksum));
    return 0;
}
