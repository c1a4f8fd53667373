#pragma once

#include <string>
#include <string_view>

namespace medcheck::util {

// A name as people type or export it, cleaned for comparison with the (ASCII) catalogue.
struct CleanName {
    // Unicode NFKC (fullwidth letters, ligatures, no-break spaces folded), with default-ignorable
    // characters (zero-width spaces and joiners, soft hyphens, bidi and other format controls)
    // and trademark signs (® ™ ℠ ©) removed; control characters become spaces.
    std::string text;
    // Empty when `text` is plain ASCII. Otherwise why the name cannot be a catalogue name as written:
    // invalid UTF-8, or the non-ASCII letters it holds ("a Cyrillic letter U+043E that looks like
    // Latin 'o'", "mixes Latin and Greek letters"). Such a name is never resolved silently.
    std::string problem;
    // The ASCII text the name looks like once look-alike letters (Cyrillic/Greek confusables, Latin
    // letters with accents) are folded: a suggestion to show, never a match. Empty when there is none.
    std::string look_alike;
};

// Cleans a UTF-8 name. Plain printable ASCII is returned as it is without further work (the batch
// hot path); anything else goes through ICU.
CleanName clean_name(std::string_view utf8);

} // namespace medcheck::util
