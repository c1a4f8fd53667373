#pragma once

#include <cstdint>
#include <string_view>

namespace medcheck::model {

// How strictly a reader takes a vocabulary word. The case JSON and FHIR take the check contract's
// lower-case words only; the command line and the CSV columns also take any case, and for sex the
// initials ("F", "m").
enum class Spelling : std::uint8_t { exact, lenient };

// Whether `text` spells the lower-case `word`: exactly, or (lenient) in any ASCII case. No copy is
// made: the CSV reader calls this for every row.
bool spells(std::string_view text, std::string_view word, Spelling spelling);

} // namespace medcheck::model
