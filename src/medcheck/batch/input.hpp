#pragma once

#include <medcheck/batch/ingest.hpp>

#include <istream>
#include <memory>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>

namespace medcheck::batch {

// "csv", "fhir-bundle", "fhir-ndjson".
std::optional<Format> parse_format(std::string_view text);

// Guesses the format from the first bytes: a JSON object whose first resourceType is Bundle is a
// Bundle, other JSON objects are NDJSON, anything else is CSV.
Format detect_format(std::string_view head);

// A stream that replays bytes already read (for format detection) and then continues with the
// underlying stream, so that standard input can be sniffed without seeking.
class PrefixedStream : public std::istream {
  public:
    PrefixedStream(std::string prefix, std::istream& rest);

  private:
    class Buffer : public std::streambuf {
      public:
        Buffer(std::string prefix, std::istream& rest);

      protected:
        int_type underflow() override;
        std::streamsize xsgetn(char_type* s, std::streamsize count) override;

      private:
        std::string m_data;
        std::istream& m_rest;
    };
    Buffer m_buffer;
};

// What goes before a record number in a reference: "file.csv:" or "bundle.json#entry ".
std::string record_prefix(std::string_view name, Format format);

// Reads up to `count` bytes from the start of `in` (for detect_format).
std::string read_head(std::istream& in, std::size_t count);

} // namespace medcheck::batch
