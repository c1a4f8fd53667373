#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <streambuf>
#include <string>

#include <sys/types.h>

namespace medcheck::batch {

// A stream buffer over a file descriptor that checks every write(2): the first failure is kept
// (errno) and the stream goes bad, so a full disk or a closed descriptor is never silently lost.
class FdBuffer : public std::streambuf {
  public:
    explicit FdBuffer(int fd = -1);
    // `drop_behind`: the descriptor is a regular file written once from the start; the page cache of
    // what was written a while ago is released as the file grows (see drop_written_pages).
    void reset(int fd, bool drop_behind = false);
    // errno of the first failed write, 0 when none failed.
    int error() const { return m_error; }
    // With drop_behind: how much of the start of the file stays in the page cache (default 1 GiB).
    void cache_limit(std::uint64_t bytes) { m_cached_bytes = bytes; }
    // With drop_behind: releases the room reserved ahead of what was written (see reserve_ahead).
    void release_reserved();

  protected:
    int_type overflow(int_type c) override;
    std::streamsize xsputn(const char* data, std::streamsize size) override;
    int sync() override;

  private:
    bool drain();
    bool write_all(const char* at, const char* end);
    void drop_written_pages();
    void reserve_ahead(std::uint64_t bytes);
    int m_fd;
    int m_error = 0;
    bool m_drop_behind = false;
    std::uint64_t m_written = 0; // bytes written so far
    std::uint64_t m_flushed = 0; // write-back started up to here
    std::uint64_t m_dropped = 0; // page cache released up to here
    std::uint64_t m_cached_bytes = std::uint64_t{1} << 30U;
    std::uint64_t m_reserved = 0; // disk blocks allocated up to here (fallocate), 0 when none
    bool m_can_reserve = false;   // cleared when the file system refuses
    std::array<char, 1 << 16> m_buffer{};
};

// An output file written beside its target under a temporary name and renamed over the target only
// on commit(), so a failed batch never leaves a half-written file. Not committed: removed. The
// temporary file is created with mkstemp (O_CREAT | O_EXCL, an unpredictable name "TARGET.tmp-XXXXXX"),
// so nothing planted beside the target can redirect the write. A target that is a symbolic link
// replaces the file it points to; a target that is a device or pipe (/dev/null, /dev/stdout, a FIFO)
// is written directly, since it cannot be replaced.
//
// While any OutputFile is open, a signal that ends the process (INT, TERM, HUP, QUIT, XFSZ, ALRM,
// USR1, USR2; PIPE unless ignored) removes its temporary file, prints
// "medcheck: interrupted: <target> was not written" and ends the process by the same signal (default
// action), so the shell sees the conventional status 128 + signal: 130 for SIGINT, 143 for SIGTERM.
class OutputFile {
  public:
    explicit OutputFile(std::filesystem::path target);
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    std::ostream& stream() { return m_stream; }
    // A regular file keeps at most its first `bytes` in the page cache; what is written beyond is
    // released as the file grows (default 1 GiB; see FdBuffer::drop_written_pages).
    void cache_limit(std::uint64_t bytes) { m_buffer.cache_limit(bytes); }
    // Flushes, checks every write and the close, and renames into place; throws
    // util::Error(cannot_write), the temporary file removed, saying the output was not written.
    void commit();

  private:
    void discard();
    std::filesystem::path m_target;
    std::filesystem::path m_temporary;
    int m_fd = -1;
    FdBuffer m_buffer;
    std::ostream m_stream;
    std::size_t m_slot;    // this file's entry in the signal handler's table
    bool m_direct = false; // a device or pipe: no temporary file
    bool m_committed = false;
};

// A file's identity (device and inode), to tell that two names are one file.
struct FileId {
    dev_t device = 0;
    ino_t inode = 0;
    bool operator==(const FileId&) const = default;
};

// The identity of an existing file (symbolic links followed), or of an open descriptor.
std::optional<FileId> file_id(const std::filesystem::path& path);
std::optional<FileId> file_id(int fd);

// True when the two names are one file: the same device and inode when both exist, else the same
// path once made absolute and normalised (an output that does not exist yet).
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b);

// True when writing `output` would write the file `input` reads; "-" is standard input for the input
// and standard output for the output (compared when they are regular files).
bool input_is_output(const std::string& input, const std::string& output);

} // namespace medcheck::batch
