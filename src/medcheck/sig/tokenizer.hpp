#pragma once

#include <medcheck/sig/vocabulary.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace medcheck::sig {

// One word, number or sign of a sig, lowercased, dots between letters removed ("p.r.n." -> "prn").
struct Token {
    std::string_view text; // into Tokens::buffer
    double number = 0;     // when is_number
    bool is_number = false;
    std::size_t raw_begin = 0; // byte offsets of the token in the original text
    std::size_t raw_end = 0;
    WordInfo word; // the vocabulary's number for the word and the dose unit it spells
};

struct Tokens {
    std::string buffer;
    std::vector<Token> items;
};

// Splits a sig into tokens: letters and digits are split apart ("800mg" -> 800 mg, "q4-6h" -> q 4 - 6 h,
// "x5d" -> x 5 d), signs / - : ( ) are tokens of their own, spaces, commas and semicolons separate
// (a comma becomes the token ","), "½ ¼ ¾" become fractions and "µg" becomes "mcg". Decimal points stay
// in numbers ("2.5", ".5"); every other dot is dropped. A glued "dailyx90" is split after the known
// word. At most k_max_tokens tokens are kept: sigs are hostile input.
inline constexpr std::size_t k_max_tokens = 256;
Tokens tokenize(std::string_view text);

} // namespace medcheck::sig
