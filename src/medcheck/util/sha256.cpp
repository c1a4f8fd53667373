#include <medcheck/util/sha256.hpp>

#include <medcheck/util/error.hpp>

#include <openssl/evp.h>

#include <array>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace medcheck::util {

namespace {

class Hasher {
  public:
    Hasher() : m_ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free) {
        if (!m_ctx || EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr) != 1) {
            throw Error(ErrorKind::internal, "cannot initialise SHA-256");
        }
    }
    void update(const void* data, std::size_t size) {
        if (EVP_DigestUpdate(m_ctx.get(), data, size) != 1) {
            throw Error(ErrorKind::internal, "SHA-256 update failed");
        }
    }
    std::string hex() {
        std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
        unsigned int length = 0;
        if (EVP_DigestFinal_ex(m_ctx.get(), digest.data(), &length) != 1) {
            throw Error(ErrorKind::internal, "SHA-256 final failed");
        }
        static constexpr char k_hex[] = "0123456789abcdef";
        std::string out;
        out.reserve(std::size_t{length} * 2);
        for (unsigned int i = 0; i < length; ++i) {
            out.push_back(k_hex[digest[i] >> 4]);
            out.push_back(k_hex[digest[i] & 0x0f]);
        }
        return out;
    }

  private:
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> m_ctx;
};

} // namespace

std::string sha256_hex(std::span<const unsigned char> bytes) {
    Hasher hasher;
    hasher.update(bytes.data(), bytes.size());
    return hasher.hex();
}

std::string sha256_file_hex(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(ErrorKind::cannot_open, path.string() + ": cannot open for reading");
    }
    Hasher hasher;
    std::array<char, 1 << 16> buffer{};
    while (in) {
        in.read(buffer.data(), buffer.size());
        hasher.update(buffer.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) {
        throw Error(ErrorKind::cannot_open, path.string() + ": read error");
    }
    return hasher.hex();
}

} // namespace medcheck::util

namespace medcheck::util {

struct Sha256Stream::Impl {
    Hasher hasher;
};

Sha256Stream::Sha256Stream() : m_impl(std::make_unique<Impl>()) {}
Sha256Stream::~Sha256Stream() = default;

void Sha256Stream::update(const void* data, std::size_t size) {
    m_impl->hasher.update(data, size);
}

std::string Sha256Stream::hex() {
    return m_impl->hasher.hex();
}

} // namespace medcheck::util

namespace medcheck::util {

// Buffers kept for reuse (the worker usually keeps up, so one or two are in flight).
constexpr std::size_t k_spare_buffers = 4;

struct AsyncSha256::State {
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::string> queue;
    // Hashed chunks' buffers, reused by update(): no allocation (and no fresh pages) per chunk.
    std::vector<std::string> spare;
    bool finished = false;
    Sha256Stream digest;
    std::thread worker;
};

AsyncSha256::AsyncSha256() : m_state(std::make_unique<State>()) {
    State* state = m_state.get();
    state->worker = std::thread([state] {
        std::unique_lock lock(state->mutex);
        while (true) {
            state->changed.wait(lock, [state] { return state->finished || !state->queue.empty(); });
            if (state->queue.empty()) {
                return; // finished and drained
            }
            std::string chunk = std::move(state->queue.front());
            state->queue.pop_front();
            state->changed.notify_all();
            lock.unlock();
            state->digest.update(chunk.data(), chunk.size());
            lock.lock();
            if (state->spare.size() < k_spare_buffers) {
                state->spare.push_back(std::move(chunk));
            }
        }
    });
}

AsyncSha256::~AsyncSha256() {
    if (m_state->worker.joinable()) {
        {
            std::lock_guard lock(m_state->mutex);
            m_state->finished = true;
        }
        m_state->changed.notify_all();
        m_state->worker.join();
    }
}

void AsyncSha256::update(std::string_view chunk) {
    std::string buffer;
    {
        std::unique_lock lock(m_state->mutex);
        m_state->changed.wait(lock, [this] { return m_state->queue.size() < 32; });
        if (!m_state->spare.empty()) {
            buffer = std::move(m_state->spare.back());
            m_state->spare.pop_back();
        }
    }
    buffer.assign(chunk); // outside the lock: the worker goes on hashing meanwhile
    {
        std::lock_guard lock(m_state->mutex);
        m_state->queue.push_back(std::move(buffer));
    }
    m_state->changed.notify_all();
}

std::string AsyncSha256::hex() {
    {
        std::lock_guard lock(m_state->mutex);
        m_state->finished = true;
    }
    m_state->changed.notify_all();
    if (m_state->worker.joinable()) {
        m_state->worker.join();
    }
    return m_state->digest.hex();
}

} // namespace medcheck::util
