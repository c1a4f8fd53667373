#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace medcheck::util {

// Lower-case hex SHA-256 of a byte range.
std::string sha256_hex(std::span<const unsigned char> bytes);

// Lower-case hex SHA-256 of a file's contents; throws Error(cannot_open) if it cannot be read.
std::string sha256_file_hex(const std::filesystem::path& path);

} // namespace medcheck::util

namespace medcheck::util {

// Incremental SHA-256 for data that arrives in pieces (a stream read once, e.g. standard input).
class Sha256Stream {
  public:
    Sha256Stream();
    ~Sha256Stream();
    Sha256Stream(const Sha256Stream&) = delete;
    Sha256Stream& operator=(const Sha256Stream&) = delete;

    // Adds bytes to the digest.
    void update(const void* data, std::size_t size);
    // Lower-case hex digest of everything added; call once.
    std::string hex();

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace medcheck::util

namespace medcheck::util {

// SHA-256 computed on a worker thread while the caller goes on reading: update() copies the chunk
// into a bounded queue (at most 32 chunks in flight), hex() waits for the digest.
class AsyncSha256 {
  public:
    AsyncSha256();
    ~AsyncSha256();
    AsyncSha256(const AsyncSha256&) = delete;
    AsyncSha256& operator=(const AsyncSha256&) = delete;

    void update(std::string_view chunk);
    std::string hex();

  private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace medcheck::util
