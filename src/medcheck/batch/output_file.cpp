#include <medcheck/batch/output_file.hpp>

#include <medcheck/util/error.hpp>

#include <cerrno>

#include <algorithm>
#include <array>
#include <atomic>
#include <csignal>
#include <cstring>
#include <mutex>
#include <string>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
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

// Signals whose default action ends the process: each removes the temporary files first.
constexpr std::array<int, 9> k_ending_signals{SIGINT,  SIGTERM, SIGHUP,  SIGQUIT, SIGPIPE,
                                              SIGXFSZ, SIGALRM, SIGUSR1, SIGUSR2};

sigset_t ending_signals() {
    sigset_t set;
    sigemptyset(&set);
    for (const int signal_number : k_ending_signals) {
        sigaddset(&set, signal_number);
    }
    return set;
}

void install_handlers() {
    static std::once_flag once;
    std::call_once(once, [] {
        struct sigaction action {};
        action.sa_handler = remove_outputs_and_exit;
        action.sa_mask = ending_signals();
        for (const int signal_number : k_ending_signals) {
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

std::string system_error(int error) {
    return std::strerror(error);
}

[[noreturn]] void not_written(const std::filesystem::path& target, const std::string& why, bool direct) {
    throw util::Error(util::ErrorKind::cannot_write, target.string() + ": " + why +
                                                         (direct ? "; the output was not written completely"
                                                                 : "; the output was not written"));
}

} // namespace

FdBuffer::FdBuffer(int fd) : m_fd(fd) {
    setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
}

void FdBuffer::reset(int fd, bool drop_behind) {
    m_fd = fd;
    m_error = 0;
    m_drop_behind = drop_behind;
    m_written = m_flushed = m_dropped = m_reserved = 0;
    m_can_reserve = drop_behind;
    setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
}

// A findings file of a large batch is gigabytes that this run never reads back. Left to the page
// cache, every megabyte takes fresh pages (on the virtual machines measured, copying into fresh
// pages cost 1-2 s of system time per GB, most of a writer's time); so past m_cached_bytes (a file
// that size is left to the cache: a reader may open it next, and forcing its write-back early only
// competes for the cores), every k_drop_step bytes, write-back of the last step is started and the
// pages of what was written a step earlier, clean by then, are released for the next writes.
// Advice only: nothing written depends on it.
void FdBuffer::drop_written_pages() {
    constexpr std::uint64_t k_drop_step = std::uint64_t{32} << 20U;
    if (m_written < m_cached_bytes) {
        return;
    }
    if (m_flushed < m_cached_bytes) {
        m_flushed = m_dropped = m_cached_bytes; // the start of the file stays cached
    }
    if (m_written - m_flushed < k_drop_step) {
        return;
    }
    if (m_flushed > m_dropped) {
        ::posix_fadvise(m_fd, static_cast<off_t>(m_dropped), static_cast<off_t>(m_flushed - m_dropped),
                        POSIX_FADV_DONTNEED);
        m_dropped = m_flushed;
    }
    ::sync_file_range(m_fd, static_cast<off_t>(m_flushed), static_cast<off_t>(m_written - m_flushed),
                      SYNC_FILE_RANGE_WRITE);
    m_flushed = m_written;
}

bool FdBuffer::drain() {
    write_all(pbase(), pptr());
    setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
    if (m_drop_behind && m_error == 0) {
        drop_written_pages();
    }
    return m_error == 0;
}

// A batch hands over blocks of findings far larger than the buffer: written as they are, not
// copied through it.
std::streamsize FdBuffer::xsputn(const char* data, std::streamsize size) {
    if (size < static_cast<std::streamsize>(m_buffer.size())) {
        return std::streambuf::xsputn(data, size);
    }
    if (!drain() || !write_all(data, data + size)) {
        return 0;
    }
    if (m_drop_behind) {
        drop_written_pages();
    }
    return size;
}

// The disk blocks of a growing file are allocated ahead of the writes, in steps that grow with the
// file (1 MiB doubling up to 64 MiB): ext4 otherwise reserves and maps them page by page as each 4 KB
// is copied in, which measured about 30% of the kernel's time to write a findings file. The room
// reserved past the end does not change the file's size and is released on commit
// (release_reserved). A file system that cannot allocate ahead (or a full disk) is written as before.
void FdBuffer::reserve_ahead(std::uint64_t bytes) {
    constexpr std::uint64_t k_first_step = std::uint64_t{1} << 20U;
    constexpr std::uint64_t k_max_step = std::uint64_t{64} << 20U;
    if (!m_can_reserve || m_written + bytes <= m_reserved) {
        return;
    }
    const std::uint64_t step = std::clamp(m_reserved, k_first_step, k_max_step);
    const std::uint64_t until = std::max(m_written + bytes, m_reserved + step);
    if (::fallocate(m_fd, FALLOC_FL_KEEP_SIZE, static_cast<off_t>(m_reserved),
                    static_cast<off_t>(until - m_reserved)) != 0) {
        m_can_reserve = false;
        return;
    }
    m_reserved = until;
}

void FdBuffer::release_reserved() {
    if (m_reserved > m_written) {
        // Only room past the end is given back: the file's bytes are complete either way.
        [[maybe_unused]] const int ignored = ::ftruncate(m_fd, static_cast<off_t>(m_written));
        m_reserved = m_written;
    }
}

bool FdBuffer::write_all(const char* at, const char* const end) {
    reserve_ahead(static_cast<std::uint64_t>(end - at));
    while (at < end && m_error == 0) {
        const ssize_t wrote = ::write(m_fd, at, static_cast<std::size_t>(end - at));
        if (wrote > 0) {
            at += wrote;
            m_written += static_cast<std::uint64_t>(wrote);
        } else if (wrote < 0 && errno == EINTR) {
            continue;
        } else {
            m_error = wrote < 0 ? errno : EIO;
        }
    }
    return m_error == 0;
}

FdBuffer::int_type FdBuffer::overflow(int_type c) {
    if (!drain()) {
        return traits_type::eof();
    }
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
        *pptr() = traits_type::to_char_type(c);
        pbump(1);
    }
    return traits_type::not_eof(c);
}

int FdBuffer::sync() {
    return drain() ? 0 : -1;
}

OutputFile::OutputFile(std::filesystem::path target)
    : m_target(std::move(target)), m_stream(&m_buffer), m_slot(k_no_slot) {
    std::error_code error;
    const auto status = std::filesystem::status(m_target, error);
    if (!error && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status) &&
        !std::filesystem::is_directory(status)) {
        // A device or pipe (/dev/null, /dev/stdout, a FIFO) is written as it is: renaming a file over
        // it would replace the device node itself.
        m_direct = true;
        m_fd = ::open(m_target.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
        if (m_fd < 0) {
            throw util::Error(util::ErrorKind::cannot_write,
                              m_target.string() + ": cannot write output file (" + system_error(errno) + ")");
        }
        m_buffer.reset(m_fd);
        return;
    }
    if (std::filesystem::is_symlink(std::filesystem::symlink_status(m_target, error))) {
        // Replace the file the link points to, not the link.
        m_target = std::filesystem::weakly_canonical(m_target, error);
    }
    std::string name = m_target.string() + ".tmp-XXXXXX";
    install_handlers();
    // The file and its slot in the signal handler's table come into being together: no signal can
    // leave a temporary file the handler does not know.
    const sigset_t held = ending_signals();
    sigset_t previous;
    ::pthread_sigmask(SIG_BLOCK, &held, &previous);
    m_fd = ::mkostemp(name.data(), O_CLOEXEC);
    const int open_error = errno;
    if (m_fd >= 0) {
        m_temporary = name;
        m_slot = claim_slot(m_temporary, m_target);
    }
    ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    if (m_fd < 0) {
        throw util::Error(util::ErrorKind::cannot_write, m_target.string() + ": cannot write output file (" +
                                                             system_error(open_error) + ")");
    }
    // mkstemp makes the file 0600; an output gets the usual 0666 less the umask.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(m_fd, 0666 & ~mask);
    m_buffer.reset(m_fd, true); // a new regular file, written once from the start
}

void OutputFile::discard() {
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_direct && !m_temporary.empty()) {
        ::unlink(m_temporary.c_str());
    }
}

OutputFile::~OutputFile() {
    if (!m_committed) {
        discard();
    }
    release_slot(m_slot);
}

void OutputFile::commit() {
    m_stream.flush();
    m_buffer.release_reserved();
    int error = m_buffer.error();
    if (error == 0 && !m_stream) {
        error = EIO;
    }
    if (error == 0 && ::close(m_fd) != 0) {
        error = errno;
    }
    m_fd = error == 0 ? -1 : m_fd;
    if (error != 0) {
        discard();
        not_written(m_target, "write error (" + system_error(error) + ")", m_direct);
    }
    if (m_direct) {
        m_committed = true;
        return;
    }
    // A signal between the rename and the release would report a written file as not written, so
    // both happen with the ending signals held back (on this thread; workers have ended by now).
    const sigset_t held = ending_signals();
    sigset_t previous;
    ::pthread_sigmask(SIG_BLOCK, &held, &previous);
    std::error_code rename_error;
    std::filesystem::rename(m_temporary, m_target, rename_error);
    if (!rename_error) {
        m_committed = true;
        release_slot(m_slot);
        m_slot = k_no_slot;
    }
    ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    if (rename_error) {
        discard();
        not_written(m_target, "cannot rename into place (" + rename_error.message() + ")", false);
    }
}

std::optional<FileId> file_id(const std::filesystem::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        return std::nullopt;
    }
    return FileId{info.st_dev, info.st_ino};
}

std::optional<FileId> file_id(int fd) {
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        return std::nullopt;
    }
    return FileId{info.st_dev, info.st_ino};
}

bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
    const auto id_a = file_id(a);
    const auto id_b = file_id(b);
    if (id_a && id_b) {
        return *id_a == *id_b;
    }
    std::error_code error;
    return std::filesystem::weakly_canonical(a, error) == std::filesystem::weakly_canonical(b, error);
}

bool input_is_output(const std::string& input, const std::string& output) {
    if (input != "-" && output != "-") {
        return same_file(input, output);
    }
    // A terminal or pipe on standard input or output is never "the same file" as another name.
    auto standard = [](int fd) -> std::optional<FileId> {
        struct stat info {};
        if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
            return std::nullopt;
        }
        return FileId{info.st_dev, info.st_ino};
    };
    const auto in_id = input == "-" ? standard(STDIN_FILENO) : file_id(std::filesystem::path(input));
    const auto out_id = output == "-" ? standard(STDOUT_FILENO) : file_id(std::filesystem::path(output));
    return in_id && out_id && *in_id == *out_id;
}

} // namespace medcheck::batch
