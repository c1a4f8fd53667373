#pragma once

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <ostream>

namespace medcheck::batch {

// An output file written beside its target under a temporary name and renamed over the target only
// on commit(), so a failed batch never leaves a half-written file. Not committed: removed. A target
// that is a symbolic link replaces the file it points to; a target that is a device or pipe
// (/dev/null, /dev/stdout, a FIFO) is written directly, since it cannot be replaced.
//
// While any OutputFile is open, SIGINT and SIGTERM remove its temporary file, print
// "medcheck: interrupted: <target> was not written" and end the process by the same signal (default
// action), so the shell sees the conventional status 128 + signal: 130 for SIGINT, 143 for SIGTERM.
class OutputFile {
  public:
    explicit OutputFile(std::filesystem::path target);
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    std::ostream& stream() { return m_stream; }
    // Flushes, checks for write errors and renames into place; throws util::Error(cannot_open), the
    // temporary file removed, saying the output was not written.
    void commit();

  private:
    std::filesystem::path m_target;
    std::filesystem::path m_temporary;
    std::ofstream m_stream;
    std::size_t m_slot;    // this file's entry in the signal handler's table
    bool m_direct = false; // a device or pipe: no temporary file
    bool m_committed = false;
};

} // namespace medcheck::batch
