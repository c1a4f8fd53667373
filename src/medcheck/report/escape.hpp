#pragma once

#include <string>
#include <string_view>

namespace medcheck::report {

// Text for HTML element content and quoted attribute values: & < > " ' become character
// references, and control characters other than tab and line breaks, and bidirectional controls
// (U+202A-U+202E, U+2066-U+2069, U+200E/F, U+061C), become U+FFFD, so no input string can open a tag,
// end an attribute, start a script or display reversed.
std::string html_escape(std::string_view raw);

// Text for a Markdown paragraph or table cell: line breaks become spaces and every character that
// Markdown or inline HTML could read as syntax (\ ` * _ [ ] < > | ~ & # !) is backslash-escaped; an
// underscore inside a word is left alone (it cannot open or close emphasis). A word that a renderer
// could link by itself (a URL, www., mailto:, an e-mail address) becomes a code span. Controls and
// bidirectional controls become U+FFFD as in html_escape.
std::string markdown_escape(std::string_view raw);

} // namespace medcheck::report
