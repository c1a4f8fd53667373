#include <medcheck/batch/drug_scope.hpp>

#include <medcheck/check/product_name.hpp>
#include <medcheck/check/resolve.hpp>
#include <medcheck/util/text.hpp>

namespace medcheck::batch {

DrugScope::DrugScope(const rules::RuleSet& rules) : m_rules(rules) {
    for (const auto& [key, ingredient] : rules.ingredients) {
        if (!ingredient.rxcui.empty() && rules.drugs.count(key) != 0) {
            m_rxcui.emplace(ingredient.rxcui, key);
        }
    }
}

std::optional<std::string> DrugScope::drug_for_rxcui(std::string_view code) const {
    const std::string normalized = util::normalize_name(code);
    for (const std::string& name : {"rxcui:" + normalized, normalized}) {
        if (const auto it = m_rules.names.find(name); it != m_rules.names.end() && it->second.size() == 1) {
            return it->second.front();
        }
    }
    if (const auto it = m_rxcui.find(normalized); it != m_rxcui.end()) {
        return it->second;
    }
    return std::nullopt;
}

const ScopedDrug& DrugScope::classify(std::string_view written) {
    if (const auto it = m_cache.find(written); it != m_cache.end()) {
        return it->second;
    }
    if (m_cache.size() >= k_max_cached_names) {
        m_uncached = compute(written);
        return m_uncached;
    }
    return m_cache.emplace(std::string(written), compute(written)).first->second;
}

ScopedDrug DrugScope::compute(std::string_view written) const {
    // The checker resolves the name again from the order, so the written name is what it gets.
    ScopedDrug out;
    out.engine_name = std::string(written);
    const std::string normalized = util::normalize_name(written);
    out.summary_name = normalized.substr(0, 64);
    if (normalized.size() > k_max_drug_name) {
        out.scope = Scope::near_miss; // not a name: the checker reports it as an unknown drug
        return out;
    }
    const check::Resolution resolution = check::resolve_drug(written, m_rules);
    if (resolution.drug != nullptr) {
        out.scope = Scope::in_scope;
        return out;
    }
    if (resolution.ambiguous || !resolution.candidates.empty()) {
        out.scope = Scope::near_miss;
        return out;
    }
    // A product name: in scope for reporting if any of its ingredients is a catalogue name.
    if (const auto product = check::parse_product_name(written)) {
        for (const auto& ingredient : product->ingredients) {
            if (m_rules.names.count(util::normalize_name(ingredient.name)) != 0) {
                out.scope = Scope::near_miss;
                return out;
            }
        }
        if (!product->ingredients.empty()) {
            out.summary_name = util::normalize_name(product->ingredients.front().name).substr(0, 64);
        }
    }
    return out;
}

} // namespace medcheck::batch
