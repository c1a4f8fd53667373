#include <medcheck/model/case.hpp>

namespace medcheck::model {

namespace {

constexpr std::string_view k_unrecognised_word = "unrecognised word '";

} // namespace

std::string unrecognised_word_message(std::string_view word, std::string_view where) {
    std::string message(k_unrecognised_word);
    message.append(word).append("' in ").append(where);
    return message;
}

std::string_view unrecognised_word(const InputIssue& issue) {
    const std::string_view message = issue.message;
    if (!message.starts_with(k_unrecognised_word)) {
        return {};
    }
    // A word is one token of the sig: it never holds "' in ", so the first one ends it.
    const std::string_view rest = message.substr(k_unrecognised_word.size());
    const auto end = rest.find("' in ");
    return end == std::string_view::npos ? std::string_view() : rest.substr(0, end);
}

} // namespace medcheck::model
