#pragma once

#include <string>
#include <string_view>

namespace medcheck::report {

// Text for HTML element content and quoted attribute values: & < > " ' become character
// references, and control characters other than tab and line breaks become U+FFFD, so no input
// string can open a tag, end an attribute or start a script.
std::string html_escape(std::string_view text);

// Text for a Markdown paragraph or table cell: line breaks become spaces and every character that
// Markdown or inline HTML could read as syntax (\ ` * _ [ ] < > | ~ & # !) is backslash-escaped; an
// underscore inside a word is left alone (it cannot open or close emphasis).
std::string markdown_escape(std::string_view text);

} // namespace medcheck::report
