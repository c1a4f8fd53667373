#include <medcheck/util/unicode.hpp>

#include <fmt/format.h>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <set>
#include <vector>

namespace medcheck::util {

namespace {

// Letters of other scripts that look like Latin letters (a reviewable subset of Unicode's
// confusables.txt for Cyrillic, Greek and Armenian), and Latin letters without a decomposition.
struct LookAlike {
    char32_t from;
    char to;
};
constexpr std::array<LookAlike, 72> k_look_alikes{{
    // Cyrillic lower case
    {U'\u0430', 'a'},
    {U'\u0432', 'b'},
    {U'\u0435', 'e'},
    {U'\u0451', 'e'},
    {U'\u0456', 'i'},
    {U'\u0457', 'i'},
    {U'\u0458', 'j'},
    {U'\u043A', 'k'},
    {U'\u043C', 'm'},
    {U'\u043D', 'h'},
    {U'\u043E', 'o'},
    {U'\u043F', 'n'},
    {U'\u0440', 'p'},
    {U'\u0441', 'c'},
    {U'\u0442', 't'},
    {U'\u0443', 'y'},
    {U'\u0445', 'x'},
    {U'\u0455', 's'},
    {U'\u0501', 'd'},
    {U'\u04BB', 'h'},
    {U'\u04CF', 'l'},
    {U'\u051B', 'q'},
    {U'\u051D', 'w'},
    {U'\u044C', 'b'},
    // Cyrillic upper case
    {U'\u0410', 'A'},
    {U'\u0412', 'B'},
    {U'\u0415', 'E'},
    {U'\u041A', 'K'},
    {U'\u041C', 'M'},
    {U'\u041D', 'H'},
    {U'\u041E', 'O'},
    {U'\u0420', 'P'},
    {U'\u0421', 'C'},
    {U'\u0422', 'T'},
    {U'\u0425', 'X'},
    {U'\u0405', 'S'},
    {U'\u0406', 'I'},
    {U'\u0408', 'J'},
    {U'\u0423', 'Y'},
    // Greek lower case
    {U'\u03B1', 'a'},
    {U'\u03BF', 'o'},
    {U'\u03C1', 'p'},
    {U'\u03BD', 'v'},
    {U'\u03B9', 'i'},
    {U'\u03BA', 'k'},
    {U'\u03C4', 't'},
    {U'\u03C5', 'u'},
    {U'\u03C7', 'x'},
    {U'\u03B3', 'y'},
    {U'\u03F2', 'c'},
    // Greek upper case
    {U'\u0391', 'A'},
    {U'\u0392', 'B'},
    {U'\u0395', 'E'},
    {U'\u0396', 'Z'},
    {U'\u0397', 'H'},
    {U'\u0399', 'I'},
    {U'\u039A', 'K'},
    {U'\u039C', 'M'},
    {U'\u039D', 'N'},
    {U'\u039F', 'O'},
    {U'\u03A1', 'P'},
    {U'\u03A4', 'T'},
    {U'\u03A5', 'Y'},
    {U'\u03A7', 'X'},
    // Armenian
    {U'\u0585', 'o'},
    {U'\u057D', 'u'},
    {U'\u0570', 'h'},
    {U'\u0578', 'n'},
    // Latin letters that do not decompose to an ASCII letter and a mark
    {U'\u0131', 'i'},
    {U'\u0142', 'l'},
    {U'\u00F8', 'o'},
    {U'\u0251', 'a'},
}};

std::optional<char> look_alike_of(char32_t c) {
    for (const auto& entry : k_look_alikes) {
        if (entry.from == c) {
            return entry.to;
        }
    }
    return std::nullopt;
}

bool is_ascii_text(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u >= 0x20 && u < 0x7F) || (u >= 0x09 && u <= 0x0D);
    });
}

// Strict UTF-8 decoding (no overlong forms, surrogates or values above U+10FFFF); a byte that
// starts no valid sequence is read as Latin-1 (the usual cause: a Latin-1 export) and sets `valid`
// to false.
std::vector<char32_t> decode(std::string_view text, bool& valid) {
    std::vector<char32_t> out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto b0 = static_cast<unsigned char>(text[i]);
        std::size_t length = b0 < 0x80             ? 1
                             : (b0 & 0xE0) == 0xC0 ? 2
                             : (b0 & 0xF0) == 0xE0 ? 3
                             : (b0 & 0xF8) == 0xF0 ? 4
                                                   : 0;
        char32_t c = length == 1   ? b0
                     : length == 2 ? (b0 & 0x1Fu)
                     : length == 3 ? (b0 & 0x0Fu)
                                   : (b0 & 0x07u);
        bool ok = length != 0 && i + length <= text.size();
        for (std::size_t k = 1; ok && k < length; ++k) {
            const auto b = static_cast<unsigned char>(text[i + k]);
            ok = (b & 0xC0) == 0x80;
            c = (c << 6) | (b & 0x3Fu);
        }
        static constexpr std::array<char32_t, 5> k_min{0, 0, 0x80, 0x800, 0x10000};
        ok = ok && c >= k_min[length] && c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF);
        if (!ok) {
            valid = false;
            out.push_back(b0);
            ++i;
            continue;
        }
        out.push_back(c);
        i += length;
    }
    return out;
}

void encode(char32_t c, std::string& out) {
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

bool is_ignorable(char32_t c) {
    return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT) != 0;
}

bool is_removed_sign(char32_t c) {
    return c == U'\u00AE' || c == U'\u2122' || c == U'\u2120' || c == U'\u00A9';
}

std::string describe(char32_t c) {
    UErrorCode status = U_ZERO_ERROR;
    std::array<char, 128> name{};
    u_charName(static_cast<UChar32>(c), U_UNICODE_CHAR_NAME, name.data(), static_cast<int32_t>(name.size()),
               &status);
    const std::string code = fmt::format("U+{:04X}", static_cast<unsigned>(c));
    std::string out = "'";
    if (c >= 0x20 && !is_ignorable(c)) {
        encode(c, out);
    }
    out += "' (" + code;
    if (U_SUCCESS(status) && name[0] != '\0') {
        out += " " + std::string(name.data());
    }
    return out + ")";
}

// The ASCII letter a Latin letter with accents decomposes to (é -> e), if it does.
std::optional<char> base_letter(char32_t c) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status)) {
        return std::nullopt;
    }
    icu::UnicodeString decomposed;
    if (!nfd->getDecomposition(static_cast<UChar32>(c), decomposed) || decomposed.length() < 2) {
        return std::nullopt;
    }
    const UChar32 first = decomposed.char32At(0);
    if (first >= 0x80 || !u_isalpha(first)) {
        return std::nullopt;
    }
    for (int32_t k = decomposed.moveIndex32(0, 1); k < decomposed.length();
         k = decomposed.moveIndex32(k, 1)) {
        if (u_charType(decomposed.char32At(k)) != U_NON_SPACING_MARK) {
            return std::nullopt;
        }
    }
    return static_cast<char>(first);
}

// Drops registered and trademark signs and invisible characters, and turns control characters into
// spaces, ahead of NFKC.
icu::UnicodeString prepared_for_nfkc(const std::vector<char32_t>& decoded) {
    icu::UnicodeString prepared;
    for (const char32_t c : decoded) {
        if (is_removed_sign(c) || is_ignorable(c)) {
            continue;
        }
        const bool control = c < 0x20 || (c >= 0x7F && c < 0xA0) || c == U'\u2028' || c == U'\u2029';
        prepared.append(static_cast<UChar32>(control ? U' ' : c));
    }
    return prepared;
}

icu::UnicodeString nfkc_normalized(const icu::UnicodeString& prepared) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    icu::UnicodeString normalized = U_SUCCESS(status) ? nfkc->normalize(prepared, status) : prepared;
    if (U_FAILURE(status)) {
        normalized = prepared; // never expected; the checks after it still see every character
    }
    return normalized;
}

// Spaces, dashes and slashes of every kind as their ASCII character; other characters unchanged.
char32_t ascii_punctuation(char32_t c) {
    if (u_isUWhiteSpace(static_cast<UChar32>(c))) {
        return U' ';
    }
    if (u_charType(static_cast<UChar32>(c)) == U_DASH_PUNCTUATION || c == U'\u2212') {
        return U'-'; // hyphens, en and em dashes, minus: punctuation, not a letter that could spoof one
    }
    if (c == U'\u2044' || c == U'\u2215') {
        return U'/'; // fraction and division slashes
    }
    return c;
}

// What a normalised name holds beyond ASCII.
struct NameCharacters {
    std::vector<char32_t> foreign; // characters beyond ASCII, first seen first
    std::set<std::string> scripts; // of the letters that are neither Latin nor common
    bool latin = false;            // a Latin letter seen
    bool foldable = true;          // every character has an ASCII look-alike or base letter
    std::string look_alike;        // the name in those ASCII letters
};

void note_foreign_character(char32_t c, NameCharacters& seen) {
    if (std::find(seen.foreign.begin(), seen.foreign.end(), c) == seen.foreign.end()) {
        seen.foreign.push_back(c);
    }
    UErrorCode script_status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &script_status);
    if (u_isalpha(static_cast<UChar32>(c)) && U_SUCCESS(script_status)) {
        if (script == USCRIPT_LATIN) {
            seen.latin = true;
        } else if (script != USCRIPT_COMMON && script != USCRIPT_INHERITED) {
            seen.scripts.insert(uscript_getName(script));
        }
    }
    const auto folded = look_alike_of(c) ? look_alike_of(c) : base_letter(c);
    if (folded) {
        seen.look_alike.push_back(*folded);
    } else {
        seen.foldable = false;
    }
}

// Writes the normalised name as UTF-8 to `text` and returns what it holds.
NameCharacters encode_normalized_name(const icu::UnicodeString& normalized, std::string& text) {
    NameCharacters seen;
    for (int32_t k = 0; k < normalized.length(); k = normalized.moveIndex32(k, 1)) {
        char32_t c = static_cast<char32_t>(normalized.char32At(k));
        if (is_ignorable(c)) {
            continue;
        }
        c = ascii_punctuation(c);
        encode(c, text);
        if (c < 0x80) {
            seen.latin = seen.latin || (c < 0x80 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'));
            seen.look_alike.push_back(static_cast<char>(c));
            continue;
        }
        note_foreign_character(c, seen);
    }
    return seen;
}

// Why a name with characters beyond ASCII cannot be resolved as written, naming up to three of them.
std::string foreign_name_problem(const NameCharacters& seen) {
    std::string listed;
    for (std::size_t i = 0; i < seen.foreign.size() && i < 3; ++i) {
        listed += (i == 0 ? "" : ", ") + describe(seen.foreign[i]);
    }
    if (seen.foreign.size() > 3) {
        listed += ", ...";
    }
    if (!seen.scripts.empty() && seen.latin) {
        std::string names;
        for (const auto& script : seen.scripts) {
            names += " and " + script;
        }
        return "the name mixes Latin" + names + " letters: " + listed;
    }
    if (!seen.scripts.empty()) {
        return "the name is written in " + *seen.scripts.begin() + " letters: " + listed;
    }
    return "the name holds characters that are not plain ASCII: " + listed;
}

} // namespace

CleanName clean_name(std::string_view utf8) {
    CleanName out;
    if (is_ascii_text(utf8)) {
        out.text = std::string(utf8);
        return out;
    }
    bool valid = true;
    const std::vector<char32_t> decoded = decode(utf8, valid);
    const NameCharacters seen = encode_normalized_name(nfkc_normalized(prepared_for_nfkc(decoded)), out.text);
    if (!valid) {
        out.problem = "the name is not valid UTF-8";
        if (seen.foldable) {
            out.look_alike = seen.look_alike; // read as Latin-1
        }
        return out;
    }
    if (seen.foreign.empty()) {
        return out;
    }
    out.problem = foreign_name_problem(seen);
    if (seen.foldable) {
        out.look_alike = seen.look_alike;
    }
    return out;
}

} // namespace medcheck::util
