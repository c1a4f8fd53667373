#pragma once

#include <filesystem>
#include <fstream>
#include <ostream>

namespace medcheck::batch {

// An output file written beside its target under a temporary name and renamed over the target only
// on commit(), so a failed batch never leaves a half-written file. Not committed: removed.
class OutputFile {
public:
    explicit OutputFile(std::filesystem::path target);
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    std::ostream& stream() { return m_stream; }
    // Flushes, checks for write errors and renames into place; throws util::Error(cannot_open).
    void commit();

private:
    std::filesystem::path m_target;
    std::filesystem::path m_temporary;
    std::ofstream m_stream;
    bool m_committed = false;
};

} // namespace medcheck::batch
