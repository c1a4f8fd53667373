#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace medcheck::report {

// One bar of a chart; strings are plain text (the chart escapes them).
struct Bar {
    std::string label;
    std::uint64_t value = 0;
    std::string css_class; // fill colour class, e.g. "bar-violation"
    std::string icon;      // id of a <symbol> drawn before the label, or empty
};

// Writes an inline SVG horizontal bar chart (no scripts, no external fonts) with a <title> and a
// <desc> that lists every value, so screen readers get the numbers the bars show.
void write_bar_chart(std::ostream& out, std::string_view id, std::string_view title,
                     const std::vector<Bar>& bars);

// Cuts a label to at most `max_chars` code points, ending with an ellipsis when cut.
std::string shorten_label(std::string_view text, std::size_t max_chars);

} // namespace medcheck::report
