// Opioid morphine milligram equivalents per day, summed over orders, against the thresholds.
#include <medcheck/check/evaluators.hpp>
#include <medcheck/util/text.hpp>

namespace medcheck::check::detail {

std::optional<double> order_mme(const OrderFacts& order, const std::string& ingredient,
                                const rules::RuleSet& rules) {
    const rules::MmeFactor* factor = rules.mme_factor(ingredient);
    if (order.drug == nullptr || !order.dose_ok || factor == nullptr || !factor->factor) {
        return std::nullopt;
    }
    if (factor->per_rate) {
        if (!order.rate_mcg_h) {
            return std::nullopt;
        }
        return *order.rate_mcg_h * *factor->factor;
    }
    const IngredientAmount* amount = order.amount_of(ingredient);
    if (amount == nullptr) {
        return std::nullopt;
    }
    return amount->daily_mg * *factor->factor;
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

namespace {

// The opioid doses summed so far, with the text that shows each share.
struct MmeSum {
    double total = 0;
    bool any = false;        // an order with a factor and a read dose
    bool incomplete = false; // an order with a factor whose dose could not be read
    std::string shares;
    std::string drugs;
    std::string sources;
    std::vector<int> contributing; // orders in the total, ascending

    void add(const OrderFacts& order, const rules::MmeFactor& factor, double mme) {
        any = true;
        if (contributing.empty() || contributing.back() != order.index) {
            contributing.push_back(order.index);
        }
        total += mme;
        // Appended piece by piece: every opioid order of a batch adds to these.
        if (!shares.empty()) {
            shares += ", ";
        }
        shares += order.drug->key;
        shares += ' ';
        shares += util::format_number(mme);
        shares += " (x";
        shares += util::format_number(*factor.factor);
        shares += ')';
        if (!drugs.empty()) {
            drugs += " + ";
        }
        drugs += order.drug->key;
        if (sources.find(factor.source) == std::string::npos) {
            if (!sources.empty()) {
                sources += "; ";
            }
            sources += factor.source;
        }
    }
};

// An opioid whose MME factor is deliberately absent (the factor table says why).
model::Finding mme_excluded_finding(const OrderFacts& order, const std::string& ingredient,
                                    const rules::MmeFactor& factor) {
    model::Finding f;
    f.severity = model::Severity::info;
    f.kind = "mme";
    f.drug = model::Text::borrow(order.drug->key);
    f.message = ingredient + " is not included in the MME total" +
                (factor.note.empty() ? std::string() : ": " + factor.note);
    f.source = model::Text::borrow(factor.source);
    f.rule_id = "mme." + ingredient + ".excluded";
    f.order = order.index;
    return f;
}

// Every ingredient with an MME factor, over the orders; an excluded one gets an info finding.
MmeSum sum_mme(const std::vector<OrderFacts>& orders, const rules::RuleSet& rules,
               std::vector<model::Finding>& findings) {
    MmeSum sum;
    for (const auto& order : orders) {
        if (order.drug == nullptr) {
            continue;
        }
        for (const auto& component : order.drug->components) {
            const rules::MmeFactor* factor = rules.mme_factor(component.ingredient);
            if (factor == nullptr) {
                continue;
            }
            if (!factor->factor) {
                findings.push_back(mme_excluded_finding(order, component.ingredient, *factor));
                continue;
            }
            if (const auto mme = order_mme(order, component.ingredient, rules)) {
                sum.add(order, *factor, *mme);
            } else {
                sum.incomplete = true;
            }
        }
    }
    return sum;
}

// The total against the highest threshold it reaches; an info finding below them all. Built where it
// stays in `findings` (a finding is large).
void add_mme_total_finding(MmeSum& sum, const rules::RuleSet& rules, std::vector<model::Finding>& findings) {
    const rules::MmeThreshold* reached = nullptr;
    for (const auto& threshold : rules.mme_thresholds) {
        if (sum.total >= threshold.min_mme - 1e-9) {
            reached = &threshold;
        }
    }
    model::Finding& f = findings.emplace_back();
    f.kind = "mme";
    f.drug = std::move(sum.drugs);
    f.actual = sum.total;
    f.unit = "MME/day";
    f.orders = std::move(sum.contributing);
    std::string detail = "total ";
    detail += util::format_number(sum.total);
    detail += " MME/day: ";
    detail += sum.shares;
    if (sum.incomplete) {
        detail += "; some opioid doses could not be read, so the total is a minimum";
    }
    if (reached != nullptr) {
        f.severity = reached->severity;
        std::string message;
        message.reserve(reached->message.size() + detail.size() + 3);
        message += reached->message;
        message += " (";
        message += detail;
        message += ')';
        f.message = std::move(message);
        f.limit = reached->min_mme;
        f.source = model::Text::borrow(reached->source);
        f.rule_id = model::Text::borrow(reached->id);
    } else {
        f.severity = model::Severity::info;
        f.message = "opioid dose " + detail;
        if (!rules.mme_thresholds.empty()) {
            f.limit = rules.mme_thresholds.front().min_mme;
        }
        f.source = sum.sources;
        f.rule_id = "mme.total";
    }
}

} // namespace

std::optional<double> evaluate_mme(const std::vector<OrderFacts>& orders, const rules::RuleSet& rules,
                                   std::vector<model::Finding>& findings) {
    MmeSum sum = sum_mme(orders, rules, findings);
    if (!sum.any) {
        return std::nullopt;
    }
    const double total = sum.total;
    add_mme_total_finding(sum, rules, findings);
    return total;
}

} // namespace medcheck::check::detail
