#include <medcheck/batch/output_file.hpp>

#include <medcheck/util/error.hpp>

#include <unistd.h>

namespace medcheck::batch {

OutputFile::OutputFile(std::filesystem::path target) : m_target(std::move(target)) {
    m_temporary = m_target;
    m_temporary += ".tmp-" + std::to_string(::getpid());
    m_stream.open(m_temporary, std::ios::binary | std::ios::trunc);
    if (!m_stream) {
        throw util::Error(util::ErrorKind::cannot_open, m_target.string() + ": cannot write output file");
    }
}

OutputFile::~OutputFile() {
    if (!m_committed) {
        m_stream.close();
        std::error_code ignored;
        std::filesystem::remove(m_temporary, ignored);
    }
}

void OutputFile::commit() {
    m_stream.flush();
    m_stream.close();
    if (!m_stream) {
        throw util::Error(util::ErrorKind::cannot_open, m_target.string() + ": write error");
    }
    std::error_code error;
    std::filesystem::rename(m_temporary, m_target, error);
    if (error) {
        throw util::Error(util::ErrorKind::cannot_open, m_target.string() + ": cannot rename into place: " +
                                                            error.message());
    }
    m_committed = true;
}

} // namespace medcheck::batch
