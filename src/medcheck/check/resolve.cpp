#include <medcheck/check/resolve.hpp>

#include <medcheck/util/text.hpp>

#include <algorithm>

namespace medcheck::check {

Resolution resolve_drug(std::string_view name, const rules::RuleSet& rules) {
    Resolution resolution;
    const std::string normalized = util::normalize_name(name);
    if (const auto it = rules.names.find(normalized); it != rules.names.end()) {
        if (it->second.size() == 1) {
            resolution.drug = rules.find_drug(it->second.front());
            return resolution;
        }
        resolution.ambiguous = true;
        resolution.candidates = it->second;
        return resolution;
    }
    // Near misses (typos) as suggestions only: at most 2 edits, and never for very short names.
    if (normalized.size() >= 5) {
        std::vector<std::pair<std::size_t, std::string>> near;
        for (const auto& [known, drugs] : rules.names) {
            const std::size_t distance = util::edit_distance(normalized, known, 2);
            if (distance <= 2) {
                near.emplace_back(distance, known);
            }
        }
        std::sort(near.begin(), near.end());
        for (std::size_t i = 0; i < near.size() && i < 3; ++i) {
            resolution.candidates.push_back(near[i].second);
        }
    }
    return resolution;
}

} // namespace medcheck::check
