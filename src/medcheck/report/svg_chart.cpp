#include <medcheck/report/svg_chart.hpp>

#include <medcheck/report/escape.hpp>

#include <algorithm>

namespace medcheck::report {

namespace {

constexpr int k_width = 520;
constexpr int k_label_width = 240;
constexpr int k_bar_max = 230;
constexpr int k_row = 26;
constexpr int k_bar_height = 16;
constexpr std::size_t k_max_label_chars = 40;

} // namespace

std::string shorten_label(std::string_view text, std::size_t max_chars) {
    // Offsets of UTF-8 lead bytes: cutting there never splits a code point.
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) {
            starts.push_back(i);
        }
    }
    if (starts.size() <= max_chars || max_chars == 0) {
        return std::string(text);
    }
    return std::string(text.substr(0, starts[max_chars - 1])) + "\xE2\x80\xA6"; // U+2026
}

void write_bar_chart(std::ostream& out, std::string_view id, std::string_view title,
                     const std::vector<Bar>& bars) {
    std::uint64_t max = 1;
    for (const auto& bar : bars) {
        max = std::max(max, bar.value);
    }
    const int height = static_cast<int>(bars.size()) * k_row + 8;
    const std::string safe_id = html_escape(id);
    out << "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 " << k_width << ' ' << height << "\" width=\""
        << k_width << "\" height=\"" << height << "\" aria-labelledby=\"" << safe_id << "-title " << safe_id
        << "-desc\">\n"
        << "<title id=\"" << safe_id << "-title\">" << html_escape(title) << "</title>\n<desc id=\""
        << safe_id << "-desc\">";
    for (std::size_t i = 0; i < bars.size(); ++i) {
        out << (i == 0 ? "" : "; ") << html_escape(bars[i].label) << ": " << bars[i].value;
    }
    out << "</desc>\n";
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const Bar& bar = bars[i];
        const int y = static_cast<int>(i) * k_row + 4;
        const int text_y = y + 13;
        const auto length =
            static_cast<int>(static_cast<double>(bar.value) * k_bar_max / static_cast<double>(max));
        const int bar_width = bar.value == 0 ? 0 : std::max(length, 2);
        if (!bar.icon.empty()) {
            out << "<use href=\"#" << html_escape(bar.icon) << "\" x=\"" << k_label_width - 20 << "\" y=\""
                << y + 1 << "\" width=\"14\" height=\"14\" class=\"" << html_escape(bar.css_class)
                << "-icon\"/>";
        }
        const int label_end = bar.icon.empty() ? k_label_width - 8 : k_label_width - 26;
        out << "<text x=\"" << label_end << "\" y=\"" << text_y << "\" text-anchor=\"end\">"
            << html_escape(shorten_label(bar.label, k_max_label_chars)) << "</text>";
        out << "<rect x=\"" << k_label_width << "\" y=\"" << y << "\" width=\"" << bar_width << "\" height=\""
            << k_bar_height << "\" class=\"" << html_escape(bar.css_class) << "\"/>";
        out << "<text x=\"" << k_label_width + bar_width + 6 << "\" y=\"" << text_y << "\">" << bar.value
            << "</text>\n";
    }
    out << "</svg>\n";
}

} // namespace medcheck::report
