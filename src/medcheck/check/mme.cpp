// Opioid morphine milligram equivalents per day, summed over orders, against the thresholds.
#include <medcheck/check/evaluators.hpp>
#include <medcheck/util/text.hpp>

namespace medcheck::check::detail {

std::optional<double> order_mme(const OrderFacts& order, const std::string& ingredient,
                                const rules::RuleSet& rules) {
    const auto it = rules.mme_factors.find(ingredient);
    if (order.drug == nullptr || !order.dose_ok || it == rules.mme_factors.end() || !it->second.factor) {
        return std::nullopt;
    }
    if (it->second.per_rate) {
        if (!order.rate_mcg_h) {
            return std::nullopt;
        }
        return *order.rate_mcg_h * *it->second.factor;
    }
    const IngredientAmount* amount = order.amount_of(ingredient);
    if (amount == nullptr) {
        return std::nullopt;
    }
    return amount->daily_mg * *it->second.factor;
}

double continuing_mme(const std::vector<OrderFacts>& orders, const rules::RuleSet& rules) {
    double total = 0;
    for (const auto& order : orders) {
        if (order.drug != nullptr && order.continuing) {
            for (const auto& component : order.drug->components) {
                total += order_mme(order, component.ingredient, rules).value_or(0);
            }
        }
    }
    return total;
}

std::optional<double> evaluate_mme(const std::vector<OrderFacts>& orders, const rules::RuleSet& rules,
                                   std::vector<model::Finding>& findings) {
    double total = 0;
    bool any = false;
    bool incomplete = false;
    std::string shares;
    std::string drugs;
    std::string sources;
    std::vector<int> contributing; // orders in the total, ascending
    for (const auto& order : orders) {
        if (order.drug == nullptr) {
            continue;
        }
        for (const auto& component : order.drug->components) {
            const auto it = rules.mme_factors.find(component.ingredient);
            if (it == rules.mme_factors.end()) {
                continue;
            }
            const rules::MmeFactor& factor = it->second;
            if (!factor.factor) {
                model::Finding f;
                f.severity = model::Severity::info;
                f.kind = "mme";
                f.drug = order.drug->key;
                f.message = component.ingredient + " is not included in the MME total" +
                            (factor.note.empty() ? std::string() : ": " + factor.note);
                f.source = factor.source;
                f.rule_id = "mme." + component.ingredient + ".excluded";
                f.order = order.index;
                findings.push_back(std::move(f));
                continue;
            }
            const std::optional<double> order_total = order_mme(order, component.ingredient, rules);
            if (!order_total) {
                incomplete = true;
                continue;
            }
            const double mme = *order_total;
            any = true;
            if (contributing.empty() || contributing.back() != order.index) {
                contributing.push_back(order.index);
            }
            total += mme;
            shares += (shares.empty() ? "" : ", ") + order.drug->key + " " + util::format_number(mme) +
                      " (x" + util::format_number(*factor.factor) + ")";
            drugs += (drugs.empty() ? "" : " + ") + order.drug->key;
            if (sources.find(factor.source) == std::string::npos) {
                sources += (sources.empty() ? "" : "; ") + factor.source;
            }
        }
    }
    if (!any) {
        return std::nullopt;
    }
    const rules::MmeThreshold* reached = nullptr;
    for (const auto& threshold : rules.mme_thresholds) {
        if (total >= threshold.min_mme - 1e-9) {
            reached = &threshold;
        }
    }
    model::Finding f;
    f.kind = "mme";
    f.drug = drugs;
    f.actual = total;
    f.unit = "MME/day";
    f.orders = std::move(contributing);
    const std::string detail =
        "total " + util::format_number(total) + " MME/day: " + shares +
        (incomplete ? "; some opioid doses could not be read, so the total is a minimum" : "");
    if (reached != nullptr) {
        f.severity = reached->severity;
        f.message = reached->message + " (" + detail + ")";
        f.limit = reached->min_mme;
        f.source = reached->source;
        f.rule_id = reached->id;
    } else {
        f.severity = model::Severity::info;
        f.message = "opioid dose " + detail;
        if (!rules.mme_thresholds.empty()) {
            f.limit = rules.mme_thresholds.front().min_mme;
        }
        f.source = sources;
        f.rule_id = "mme.total";
    }
    findings.push_back(std::move(f));
    return total;
}

} // namespace medcheck::check::detail
