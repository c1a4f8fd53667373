// The case model's shared wording: the issue a sig reader writes for a word it does not know.
#include <medcheck/model/case.hpp>

#include <doctest/doctest.h>

using namespace medcheck;

TEST_SUITE("model::case") {
    TEST_CASE("an unrecognised-word issue gives back its word; any other issue none") {
        const model::InputIssue issue{
            "--med 1 sig", model::unrecognised_word_message("lunchtime", "\"1 cap at lunchtime\""), 0};
        CHECK(issue.message == "unrecognised word 'lunchtime' in \"1 cap at lunchtime\"");
        CHECK(model::unrecognised_word(issue) == "lunchtime");
        // A batch adds the record after the message; a word with an apostrophe stays whole.
        const model::InputIssue batch{
            "sig", model::unrecognised_word_message("o'clock", "\"2 at 8 o'clock\"") + " (export.csv:12)", 3};
        CHECK(model::unrecognised_word(batch) == "o'clock");
        CHECK(model::unrecognised_word({"sig", "no dose found in \"tid\"", 0}).empty());
        CHECK(model::unrecognised_word({"sig", "unrecognised word 'x", 0}).empty());
    }
}
