#include <medcheck/model/severity.hpp>

#include <array>

namespace medcheck::model {

namespace {
constexpr std::array<std::string_view, 5> k_severity_names{"info", "warning", "unverifiable", "violation",
                                                           "contraindicated"};
constexpr std::array<std::string_view, 5> k_verdict_names{"ok", "warning", "unverifiable", "violation",
                                                          "contraindicated"};
} // namespace

std::string_view to_string(Severity severity) {
    return k_severity_names[static_cast<std::size_t>(severity)];
}

std::optional<Severity> parse_severity(std::string_view text) {
    for (std::size_t i = 0; i < k_severity_names.size(); ++i) {
        if (k_severity_names[i] == text) {
            return static_cast<Severity>(i);
        }
    }
    return std::nullopt;
}

std::string_view to_string(Verdict verdict) {
    return k_verdict_names[static_cast<std::size_t>(verdict)];
}

Verdict verdict_for(std::optional<Severity> worst_above_info) {
    if (!worst_above_info || *worst_above_info == Severity::info) {
        return Verdict::ok;
    }
    return static_cast<Verdict>(static_cast<int>(*worst_above_info));
}

} // namespace medcheck::model
