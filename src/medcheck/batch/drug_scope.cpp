#include <medcheck/batch/drug_scope.hpp>

#include <medcheck/check/product_name.hpp>
#include <medcheck/check/resolve.hpp>
#include <medcheck/util/text.hpp>
#include <medcheck/util/unicode.hpp>
#include <medcheck/util/words.hpp>

#include <algorithm>

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
    const auto*& recent = m_recent[util::recent_slot(written, m_recent.size())];
    if (recent != nullptr && recent->first == written) {
        return recent->second;
    }
    if (const auto it = m_cache.find(written); it != m_cache.end()) {
        recent = &*it;
        return it->second;
    }
    if (m_cache.size() >= k_max_cached_names) {
        m_uncached = compute(written);
        return m_uncached;
    }
    const auto& added = *m_cache.emplace(std::string(written), compute(written)).first;
    recent = &added;
    return added.second;
}

const check::Resolution* DrugScope::known(std::string_view name) const {
    const auto it = m_cache.find(name);
    return it == m_cache.end() || !it->second.resolution ? nullptr : &*it->second.resolution;
}

ScopedDrug DrugScope::compute(std::string_view written) const {
    ScopedDrug out;
    out.engine_name = std::string(written);
    out.scope = Scope::near_miss;
    if (written.size() > k_max_drug_name) {
        out.summary_name = util::normalize_name(written.substr(0, 64));
        return out; // not a name: the checker reports it as an unknown drug
    }
    const util::CleanName clean = util::clean_name(written);
    out.summary_name = util::normalize_name(clean.text).substr(0, 64);
    out.resolution = check::resolve_drug(written, m_rules);
    if (out.resolution->drug != nullptr) {
        out.scope = Scope::in_scope;
    } else if (recognised_out_of_scope(written, m_rules)) {
        out.scope = Scope::out_of_scope;
        // A product name is counted under its first ingredient ("metformin 500 MG Oral Tablet").
        if (const auto product = check::parse_product_name(clean.text);
            product && !product->ingredients.empty()) {
            out.summary_name = util::normalize_name(product->ingredients.front().name).substr(0, 64);
        }
    }
    return out;
}

namespace {

bool listed_phrase(const std::string& phrase, const rules::RuleSet& rules) {
    if (phrase.empty() || rules.names.count(phrase) != 0) {
        return false;
    }
    const auto& list = rules.out_of_scope_names;
    return list.count(phrase) != 0 || list.count(check::without_salt_words(phrase)) != 0;
}

// Every phrase of a written name (or every hyphen-joined part of one) is listed, and nothing else
// is left: no unexplained parenthesised note.
bool listed_name(const std::string& normalized, const rules::RuleSet& rules) {
    if (listed_phrase(normalized, rules)) {
        return true;
    }
    const check::WrittenName parsed = check::parse_written_name(normalized);
    if (parsed.phrases.empty() ||
        !std::all_of(parsed.notes.begin(), parsed.notes.end(), [&](const std::string& note) {
            return listed_phrase(note, rules); // "MetFORMIN (Glucophage)": a listed brand
        })) {
        return false;
    }
    return std::all_of(parsed.phrases.begin(), parsed.phrases.end(), [&](const std::string& phrase) {
        if (listed_phrase(phrase, rules)) {
            return true;
        }
        const auto parts = check::hyphen_parts(phrase);
        return !parts.empty() && std::all_of(parts.begin(), parts.end(), [&](const std::string& part) {
            return listed_phrase(part, rules);
        });
    });
}

// A name without its percent concentrations ("0.9% sodium chloride", "dextrose 50 %" -> "sodium
// chloride", "dextrose"): a solution's strength says nothing about which drug it is. Empty when the
// name has none.
std::string without_percentages(const std::string& normalized) {
    if (normalized.find('%') == std::string::npos) {
        return {};
    }
    std::string out;
    for (const char c : normalized) {
        if (c != '%') {
            out += c;
            continue;
        }
        std::size_t start = out.size();
        while (start > 0 && out[start - 1] == ' ') {
            --start;
        }
        std::size_t digits = start;
        while (digits > 0 && ((out[digits - 1] >= '0' && out[digits - 1] <= '9') || out[digits - 1] == '.')) {
            --digits;
        }
        if (digits == start) {
            return {}; // a '%' after no number: not a concentration
        }
        out.erase(digits);
    }
    return util::normalize_name(out);
}

} // namespace

bool recognised_out_of_scope(std::string_view written, const rules::RuleSet& rules) {
    const util::CleanName clean = util::clean_name(written);
    if (!clean.problem.empty()) {
        return false; // non-ASCII letters left: possibly a disguised catalogue name
    }
    std::string normalized = util::normalize_name(clean.text);
    if (listed_phrase(normalized, rules)) {
        return true;
    }
    if (std::string plain = without_percentages(normalized); !plain.empty()) {
        normalized = std::move(plain);
    }
    if (const auto open = normalized.find('['); open != std::string::npos) {
        normalized = util::normalize_name(normalized.substr(0, open)); // "[Glucophage]": a brand aside
    }
    // An RxNorm-style product name: every ingredient listed.
    if (const auto product = check::parse_product_name(normalized)) {
        return std::all_of(product->ingredients.begin(), product->ingredients.end(),
                           [&](const check::NamedStrength& s) { return listed_name(s.name, rules); });
    }
    return listed_name(normalized, rules);
}

} // namespace medcheck::batch
