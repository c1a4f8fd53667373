#include <medcheck/batch/output_file.hpp>
#include <medcheck/util/error.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

using namespace medcheck;
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const std::string& name) {
    fs::path dir =
        fs::temp_directory_path() / ("medcheck-output-file-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

bool nothing_but(const fs::path& dir, std::size_t files) {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator())) ==
           files;
}

} // namespace

TEST_SUITE("batch output file") {
    TEST_CASE("commit renames the temporary file into place and leaves nothing else") {
        const fs::path dir = fresh_dir("commit");
        {
            batch::OutputFile file(dir / "out.jsonl");
            file.stream() << "line\n";
            CHECK_FALSE(fs::exists(dir / "out.jsonl")); // not visible before commit
            file.commit();
        }
        std::ifstream in(dir / "out.jsonl");
        CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == "line\n");
        CHECK(nothing_but(dir, 1));
        fs::remove_all(dir);
    }

    TEST_CASE("an output not committed (an exception on the way) leaves no file and keeps an old target") {
        const fs::path dir = fresh_dir("abandon");
        std::ofstream(dir / "old.jsonl") << "previous run\n";
        {
            batch::OutputFile file(dir / "old.jsonl");
            file.stream() << "half";
        }
        std::ifstream in(dir / "old.jsonl");
        CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == "previous run\n");
        CHECK(nothing_but(dir, 1));
        fs::remove_all(dir);
    }

    TEST_CASE("a directory that disappears before commit is an error saying the output was not written") {
        const fs::path dir = fresh_dir("vanish");
        batch::OutputFile file(dir / "out.jsonl");
        file.stream() << "line\n";
        fs::remove_all(dir);
        try {
            file.commit();
            FAIL("commit succeeded");
        } catch (const util::Error& e) {
            CHECK(e.kind() == util::ErrorKind::cannot_write);
            CHECK(std::string(e.what()).find("out.jsonl") != std::string::npos);
            CHECK(std::string(e.what()).find("not written") != std::string::npos);
        }
        CHECK_FALSE(fs::exists(dir));
    }

    TEST_CASE("a target where no file can be made is refused at once, naming it") {
        try {
            batch::OutputFile file("/proc/self/medcheck-out.jsonl");
            FAIL("opened an output under /proc");
        } catch (const util::Error& e) {
            CHECK(e.kind() == util::ErrorKind::cannot_write);
            CHECK(std::string(e.what()).find("/proc/self/medcheck-out.jsonl") != std::string::npos);
        }
    }
}

TEST_SUITE("batch output file") {
    TEST_CASE("a symbolic link as target: the file it points to is replaced, the link stays") {
        const fs::path dir = fresh_dir("link");
        std::ofstream(dir / "real.jsonl") << "old\n";
        fs::create_symlink(dir / "real.jsonl", dir / "link.jsonl");
        {
            batch::OutputFile file(dir / "link.jsonl");
            file.stream() << "new\n";
            file.commit();
        }
        CHECK(fs::is_symlink(dir / "link.jsonl"));
        std::ifstream in(dir / "real.jsonl");
        CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == "new\n");
        CHECK(nothing_but(dir, 2));
        fs::remove_all(dir);
    }

    TEST_CASE("a device as target is written directly and stays a device") {
        // /dev/null: renaming a temporary file over it would turn it into a regular file.
        {
            batch::OutputFile file("/dev/null");
            file.stream() << "discarded\n";
            file.commit();
        }
        CHECK(fs::is_character_file("/dev/null"));
    }
}

TEST_SUITE("batch output file") {
    TEST_CASE("a write that fails (a full device) is an error naming the target, exit kind cannot_write") {
        batch::OutputFile file("/dev/full");
        file.stream() << std::string(1 << 17, 'x');
        try {
            file.commit();
            FAIL("commit succeeded on /dev/full");
        } catch (const util::Error& e) {
            CHECK(e.kind() == util::ErrorKind::cannot_write);
            CHECK(std::string(e.what()).find("/dev/full: write error (No space left on device)") !=
                  std::string::npos);
        }
    }

    TEST_CASE("the temporary name is not TARGET.tmp-PID: a link planted there is never followed") {
        const fs::path dir = fresh_dir("planted");
        std::ofstream(dir / "victim") << "victim\n";
        fs::create_symlink(dir / "victim", dir / ("out.jsonl.tmp-" + std::to_string(::getpid())));
        {
            batch::OutputFile file(dir / "out.jsonl");
            file.stream() << "new\n";
            file.commit();
        }
        std::ifstream victim(dir / "victim");
        CHECK(std::string(std::istreambuf_iterator<char>(victim), {}) == "victim\n");
        CHECK_FALSE(fs::is_symlink(dir / "out.jsonl"));
        fs::remove_all(dir);
    }

    TEST_CASE("two spellings of one file are the same file; an output that does not exist yet too") {
        const fs::path dir = fresh_dir("same");
        std::ofstream(dir / "a.csv") << "x\n";
        CHECK(batch::same_file(dir / "a.csv", dir / "." / "a.csv"));
        CHECK(batch::same_file(dir / "new.json", dir / ".." / dir.filename() / "new.json"));
        CHECK_FALSE(batch::same_file(dir / "a.csv", dir / "b.csv"));
        CHECK(batch::input_is_output((dir / "a.csv").string(), (dir / "." / "a.csv").string()));
        fs::remove_all(dir);
    }
}

TEST_SUITE("batch output file") {
    TEST_CASE("a large output whose written pages are released as it grows is written whole") {
        // Past the cached start, over steps of the drop-behind (32 MB each): write-back started, pages
        // released, and every byte still where it was written, in blocks of the sizes a batch writes.
        const fs::path dir = fresh_dir("large");
        std::string block;
        std::uint64_t expected = 0;
        {
            batch::OutputFile file(dir / "out.jsonl");
            file.cache_limit(std::uint64_t{8} << 20U); // as past the default 1 GiB, sooner
            for (std::uint32_t i = 0; i < 1600; ++i) {
                block.assign(61'000 + (i % 7) * 1'000, static_cast<char>('a' + i % 26));
                file.stream().write(block.data(), static_cast<std::streamsize>(block.size()));
                expected += block.size();
            }
            file.commit();
        }
        REQUIRE(fs::file_size(dir / "out.jsonl") == expected);
        std::ifstream in(dir / "out.jsonl", std::ios::binary);
        bool same = true;
        for (std::uint32_t i = 0; i < 1600 && same; ++i) {
            block.assign(61'000 + (i % 7) * 1'000, '\0');
            in.read(block.data(), static_cast<std::streamsize>(block.size()));
            same = in.good() && block == std::string(block.size(), static_cast<char>('a' + i % 26));
        }
        CHECK(same);
        fs::remove_all(dir);
    }

    TEST_CASE("room allocated ahead of the writes is given back on commit; the bytes are exact") {
        // 3 MiB and a bit, written in the buffer's pieces and in a large block: the file system is asked
        // for room ahead (1, 2, then 4 MiB); what the file did not use is released on commit.
        const fs::path dir = fresh_dir("reserve");
        const std::string piece(4'000, 'x');
        const std::string large(std::size_t{2} << 20U, 'y');
        const std::uint64_t expected = 250 * piece.size() + large.size() + 123;
        std::uint64_t blocks_before_commit = 0;
        {
            batch::OutputFile file(dir / "out.jsonl");
            for (int i = 0; i < 250; ++i) {
                file.stream() << piece;
            }
            file.stream().write(large.data(), static_cast<std::streamsize>(large.size()));
            file.stream() << std::string(123, 'z');
            file.stream().flush();
            for (const auto& entry : fs::directory_iterator(dir)) {
                struct stat info {};
                REQUIRE(::stat(entry.path().c_str(), &info) == 0);
                blocks_before_commit = static_cast<std::uint64_t>(info.st_blocks) * 512;
            }
            file.commit();
        }
        struct stat info {};
        REQUIRE(::stat((dir / "out.jsonl").c_str(), &info) == 0);
        CHECK(static_cast<std::uint64_t>(info.st_size) == expected);
        // Room ahead is only seen where the file system allocates ahead (ext4, xfs; not every one).
        if (blocks_before_commit >= (std::uint64_t{4} << 20U)) {
            CHECK(static_cast<std::uint64_t>(info.st_blocks) * 512 < expected + (std::uint64_t{256} << 10U));
        } else {
            MESSAGE("this file system did not allocate ahead: only the bytes are checked");
        }
        std::ifstream in(dir / "out.jsonl", std::ios::binary);
        const std::string text(std::istreambuf_iterator<char>(in), {});
        CHECK(text.size() == expected);
        CHECK(text.find_first_not_of('x') == 250 * piece.size());
        CHECK(text.find_first_not_of('y', 250 * piece.size()) == 250 * piece.size() + large.size());
        CHECK(text.substr(text.size() - 123) == std::string(123, 'z'));
        fs::remove_all(dir);
    }
}
