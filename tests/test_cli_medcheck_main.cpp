#include <medcheck/cli/medcheck_main.hpp>

#include <doctest/doctest.h>

#include <sstream>
#include <vector>

using namespace medcheck;

namespace {

struct Run {
    int rc = 0;
    std::string out, err;
};

Run run(std::vector<const char*> args, const std::string& input = {}) {
    args.insert(args.begin(), "medcheck");
    std::istringstream in(input);
    std::ostringstream out, err;
    Run r;
    r.rc = cli::medcheck_main(static_cast<int>(args.size()), args.data(), in, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

} // namespace

TEST_SUITE("cli::medcheck_main") {
    TEST_CASE("exit codes per the contract") {
        CHECK(run({"check", "--age", "40", "--weight", "70", "--sex", "male", "--crcl", "100", "--tried",
                   "nonpharmacologic", "--med", "naproxen 500 mg bid x 10d"})
                  .rc == 0);
        CHECK(run({"check", "--age", "40", "--med", "acetaminophen 1 g q4h"}).rc == 2);
        CHECK(run({"check", "--bogus"}).rc == 64);
        CHECK(run({}).rc == 64);
        CHECK(run({"check", "--case", "-"}, "{not json").rc == 65);
        CHECK(run({"check", "--case", "/nonexistent/case.json"}).rc == 66);
        CHECK(
            run({"--db", "/nonexistent/rules.db", "check", "--age", "40", "--med", "naproxen 1 mg bid"}).rc ==
            66);
    }

    TEST_CASE("a warning-only case exits 1") {
        const auto r =
            run({"check", "--age", "40", "--weight", "70", "--sex", "male", "--crcl", "100", "--condition",
                 "hypertension", "--tried", "nonpharmacologic", "--med", "naproxen 250 mg bid x 5d"});
        CHECK(r.rc == 1);
    }

    TEST_CASE("errors go to stderr with the medcheck prefix") {
        const auto r = run({"check", "--case", "/nonexistent/case.json"});
        CHECK(r.err.rfind("medcheck: error: ", 0) == 0);
        CHECK(r.out.empty());
    }

    TEST_CASE("flag values that are not numbers become findings, not crashes") {
        const auto r = run({"check", "--age=abc", "--med", "naproxen 250 mg bid", "--format", "json"});
        CHECK(r.rc == 2);
        CHECK(r.out.find("invalid_input") != std::string::npos);
    }

    TEST_CASE("--tried none means an empty list") {
        const auto r = run({"check", "--age", "40", "--weight", "70", "--sex", "male", "--crcl", "100",
                            "--tried", "none", "--med", "oxycodone 5 mg q6h x 3d", "--format", "json"});
        CHECK(r.out.find("first_line") != std::string::npos);
        CHECK(r.rc == 2);
    }

    TEST_CASE("--version prints program and database identity") {
        const auto r = run({"--version"});
        CHECK(r.rc == 0);
        CHECK(r.out.find("medcheck ") == 0);
        CHECK(r.out.find("sha256 ") != std::string::npos);
        CHECK(r.out.find("\nallocator system\n") != std::string::npos); // the tests do not link mimalloc
    }

    TEST_CASE("help") {
        CHECK(run({"--help"}).rc == 0);
        CHECK(run({"check", "--help"}).out.find("--med") != std::string::npos);
    }
}
