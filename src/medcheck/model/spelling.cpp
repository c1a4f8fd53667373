#include <medcheck/model/spelling.hpp>

namespace medcheck::model {

bool spells(std::string_view text, std::string_view word, Spelling spelling) {
    if (spelling == Spelling::exact || text.size() != word.size()) {
        return text == word;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != word[i]) {
            return false;
        }
    }
    return true;
}

} // namespace medcheck::model
