#include <medcheck/batch/output_file.hpp>

#include <medcheck/util/error.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <csignal>
#include <cstring>
#include <mutex>
#include <string>

#include <signal.h>
#include <unistd.h>

namespace medcheck::batch {

namespace {

// What the signal handler needs about one open output, prepared beforehand: the handler may only
// call async-signal-safe functions (unlink, write, sigaction, raise), so it never allocates or
// formats. A slot is published by setting `armed` after its text is written, and retired by
// clearing it before the text may change.
struct Slot {
    std::atomic<bool> armed{false};
    std::array<char, 4096> temporary{};
    std::array<char, 4096 + 64> message{};
    std::size_t message_length = 0;
};

// More outputs open at once than any command uses (findings and summary); a further one is simply
// not cleaned up on a signal, which never happens.
constexpr std::size_t k_slots = 8;
constexpr std::size_t k_no_slot = k_slots;
std::array<Slot, k_slots> g_slots;
std::mutex g_slots_mutex; // taken by threads claiming or releasing slots, never by the handler
std::array<bool, k_slots> g_slot_used{};

static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler reads atomics");

extern "C" void remove_outputs_and_exit(int signal_number) {
    for (Slot& slot : g_slots) {
        if (slot.armed.load(std::memory_order_acquire)) {
            ::unlink(slot.temporary.data());
            const ssize_t ignored = ::write(STDERR_FILENO, slot.message.data(), slot.message_length);
            static_cast<void>(ignored);
        }
    }
    // End by the signal itself, so that the parent sees what happened (status 128 + signal).
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    sigemptyset(&default_action.sa_mask);
    ::sigaction(signal_number, &default_action, nullptr);
    ::raise(signal_number);
}

void install_handlers() {
    static std::once_flag once;
    std::call_once(once, [] {
        struct sigaction action {};
        action.sa_handler = remove_outputs_and_exit;
        sigemptyset(&action.sa_mask);
        sigaddset(&action.sa_mask, SIGINT);
        sigaddset(&action.sa_mask, SIGTERM);
        for (const int signal_number : {SIGINT, SIGTERM}) {
            struct sigaction previous {};
            ::sigaction(signal_number, nullptr, &previous);
            if (previous.sa_handler != SIG_IGN) { // keep a signal ignored by the parent (nohup) ignored
                ::sigaction(signal_number, &action, nullptr);
            }
        }
    });
}

void copy_text(std::array<char, 4096>& to, const std::string& text) {
    const std::size_t length = std::min(text.size(), to.size() - 1);
    std::memcpy(to.data(), text.data(), length);
    to[length] = '\0';
}

std::size_t claim_slot(const std::filesystem::path& temporary, const std::filesystem::path& target) {
    const std::string path = temporary.string();
    if (path.size() >= 4096) {
        return k_no_slot;
    }
    std::lock_guard lock(g_slots_mutex);
    for (std::size_t i = 0; i < k_slots; ++i) {
        if (!g_slot_used[i]) {
            g_slot_used[i] = true;
            Slot& slot = g_slots[i];
            copy_text(slot.temporary, path);
            const std::string message =
                "medcheck: interrupted: " + target.string().substr(0, 4000) + " was not written\n";
            std::memcpy(slot.message.data(), message.data(), message.size());
            slot.message_length = message.size();
            slot.armed.store(true, std::memory_order_release);
            return i;
        }
    }
    return k_no_slot;
}

void release_slot(std::size_t index) {
    if (index == k_no_slot) {
        return;
    }
    g_slots[index].armed.store(false, std::memory_order_release);
    std::lock_guard lock(g_slots_mutex);
    g_slot_used[index] = false;
}

} // namespace

OutputFile::OutputFile(std::filesystem::path target) : m_target(std::move(target)), m_slot(k_no_slot) {
    std::error_code error;
    const auto status = std::filesystem::status(m_target, error);
    if (!error && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status) &&
        !std::filesystem::is_directory(status)) {
        // A device or pipe (/dev/null, /dev/stdout, a FIFO) is written as it is: renaming a file over
        // it would replace the device node itself.
        m_direct = true;
        m_stream.open(m_target, std::ios::binary);
        if (!m_stream) {
            throw util::Error(util::ErrorKind::cannot_open, m_target.string() + ": cannot write output file");
        }
        return;
    }
    if (std::filesystem::is_symlink(std::filesystem::symlink_status(m_target, error))) {
        // Replace the file the link points to, not the link.
        m_target = std::filesystem::weakly_canonical(m_target, error);
    }
    m_temporary = m_target;
    m_temporary += ".tmp-" + std::to_string(::getpid());
    install_handlers();
    // Armed before the file exists: a signal in between unlinks a name that is not there, harmlessly.
    m_slot = claim_slot(m_temporary, m_target);
    m_stream.open(m_temporary, std::ios::binary | std::ios::trunc);
    if (!m_stream) {
        release_slot(m_slot);
        throw util::Error(util::ErrorKind::cannot_open, m_target.string() + ": cannot write output file");
    }
}

OutputFile::~OutputFile() {
    if (!m_committed && !m_direct) {
        m_stream.close();
        std::error_code ignored;
        std::filesystem::remove(m_temporary, ignored);
    }
    release_slot(m_slot);
}

void OutputFile::commit() {
    m_stream.flush();
    m_stream.close();
    if (!m_stream) {
        throw util::Error(util::ErrorKind::cannot_open,
                          m_target.string() + ": write error (disk full?); the output was not written" +
                              (m_direct ? " completely" : ""));
    }
    if (m_direct) {
        m_committed = true;
        return;
    }
    // A signal between the rename and the release would report a written file as not written, so
    // both happen with SIGINT and SIGTERM held back (on this thread; workers have ended by now).
    sigset_t held;
    sigset_t previous;
    sigemptyset(&held);
    sigaddset(&held, SIGINT);
    sigaddset(&held, SIGTERM);
    ::pthread_sigmask(SIG_BLOCK, &held, &previous);
    std::error_code error;
    std::filesystem::rename(m_temporary, m_target, error);
    if (!error) {
        m_committed = true;
        release_slot(m_slot);
        m_slot = k_no_slot;
    }
    ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    if (error) {
        throw util::Error(util::ErrorKind::cannot_open, m_target.string() + ": cannot rename into place (" +
                                                            error.message() +
                                                            "); the output was not written");
    }
}

} // namespace medcheck::batch
