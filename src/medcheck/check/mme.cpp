// Opioid morphine milligram equivalents per day, summed over orders, against the thresholds.
#include <medcheck/check/evaluators.hpp>
#include <medcheck/util/text.hpp>

#include <cstdint>

namespace medcheck::check::detail {

namespace {

// MME/day of one order's ingredient (by id) with its factor row: none when the row has no factor or the
// dose is unread.
std::optional<double> mme_with(const OrderFacts& order, std::uint32_t ingredient,
                               const rules::MmeFactor* factor) {
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

} // namespace

std::optional<double> order_mme(const OrderFacts& order, const std::string& ingredient,
                                const rules::RuleSet& rules) {
    const std::uint32_t id = rules.ingredient_id(ingredient);
    return mme_with(order, id, rules.mme_factor(id));
}

double continuing_mme(const OrderList& orders, const rules::RuleSet& rules) {
    double total = 0;
    for (const auto& order : orders) {
        // An order whose dose is unread adds nothing: its factors are not looked up.
        if (order.drug != nullptr && order.continuing && order.dose_ok) {
            for (const auto& component : order.drug->components) {
                const std::uint32_t id = component.ingredient_id;
                total += mme_with(order, id, rules.mme_factor(id)).value_or(0);
            }
        }
    }
    return total;
}

namespace {

// The total finding's texts that are always the same, borrowed by each.
const std::string k_mme_kind = "mme";
const std::string k_mme_unit = "MME/day";
const std::string k_mme_total_id = "mme.total";

// One opioid ingredient of one order in the total.
struct MmeShare {
    const OrderFacts* order;
    const rules::MmeFactor* factor;
    double mme;
};

// The opioid doses summed, with each share kept for the finding's text (written once, at the end).
struct MmeSum {
    double total = 0;
    bool incomplete = false; // an order with a factor whose dose could not be read
    absl::InlinedVector<MmeShare, 4> shares;
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
void sum_mme(const OrderList& orders, const rules::RuleSet& rules, std::vector<model::Finding>& findings,
             MmeSum& sum) {
    for (const auto& order : orders) {
        if (order.drug == nullptr) {
            continue;
        }
        for (const auto& component : order.drug->components) {
            const rules::MmeFactor* factor = rules.mme_factor(component.ingredient_id);
            if (factor == nullptr) {
                continue;
            }
            if (!factor->factor) {
                findings.push_back(mme_excluded_finding(order, component.ingredient, *factor));
                continue;
            }
            if (const auto mme = mme_with(order, component.ingredient_id, factor)) {
                sum.total += *mme;
                sum.shares.push_back({&order, factor, *mme});
            } else {
                sum.incomplete = true;
            }
        }
    }
}

// "total 45 MME/day: oxycodone 30 (x1.5), tramadol 15 (x0.2)", appended to `message`.
void append_detail(const MmeSum& sum, std::string& message) {
    message += "total ";
    util::append_number(message, sum.total);
    message += " MME/day: ";
    for (std::size_t i = 0; i < sum.shares.size(); ++i) {
        const MmeShare& share = sum.shares[i];
        if (i != 0) {
            message += ", ";
        }
        message += share.order->drug->key;
        message += ' ';
        util::append_number(message, share.mme);
        message += " (x";
        util::append_number(message, *share.factor->factor);
        message += ')';
    }
    if (sum.incomplete) {
        message += "; some opioid doses could not be read, so the total is a minimum";
    }
}

// The drugs of the shares, "oxycodone + tramadol"; one drug's own key borrowed.
model::Text share_drugs(const MmeSum& sum) {
    if (sum.shares.size() == 1) {
        return model::Text::borrow(sum.shares.front().order->drug->key);
    }
    std::string drugs;
    for (const MmeShare& share : sum.shares) {
        if (!drugs.empty()) {
            drugs += " + ";
        }
        drugs += share.order->drug->key;
    }
    return drugs;
}

// The factors' sources, each once, "; " between them; one factor's own source borrowed.
model::Text share_sources(const MmeSum& sum) {
    if (sum.shares.size() == 1) {
        return model::Text::borrow(sum.shares.front().factor->source);
    }
    std::string sources;
    for (const MmeShare& share : sum.shares) {
        const std::string& source = share.factor->source;
        if (sources.find(source) == std::string::npos) {
            if (!sources.empty()) {
                sources += "; ";
            }
            sources += source;
        }
    }
    return sources;
}

// The total against the highest threshold it reaches; an info finding below them all. Built where it
// stays in `findings` (a finding is large).
void add_mme_total_finding(const MmeSum& sum, const rules::RuleSet& rules,
                           std::vector<model::Finding>& findings) {
    const rules::MmeThreshold* reached = nullptr;
    for (const auto& threshold : rules.mme_thresholds) {
        if (sum.total >= threshold.min_mme - 1e-9) {
            reached = &threshold;
        }
    }
    model::Finding& f = findings.emplace_back();
    f.kind = model::Text::borrow(k_mme_kind);
    f.drug = share_drugs(sum);
    f.actual = sum.total;
    f.unit = model::Text::borrow(k_mme_unit);
    for (const MmeShare& share : sum.shares) {
        if (f.orders.empty() || f.orders.back() != share.order->index) {
            f.orders.push_back(share.order->index);
        }
    }
    // Room for the detail: about 30 bytes a share, and the rest.
    constexpr std::size_t k_share_room = 32;
    constexpr std::size_t k_other_room = 112;
    std::string message;
    if (reached != nullptr) {
        message.reserve(reached->message.size() + sum.shares.size() * k_share_room + k_other_room);
        message += reached->message;
        message += " (";
        append_detail(sum, message);
        message += ')';
        f.severity = reached->severity;
        f.limit = reached->min_mme;
        f.source = model::Text::borrow(reached->source);
        f.rule_id = model::Text::borrow(reached->id);
    } else {
        message.reserve(sum.shares.size() * k_share_room + k_other_room);
        message += "opioid dose ";
        append_detail(sum, message);
        f.severity = model::Severity::info;
        if (!rules.mme_thresholds.empty()) {
            f.limit = rules.mme_thresholds.front().min_mme;
        }
        f.source = share_sources(sum);
        f.rule_id = model::Text::borrow(k_mme_total_id);
    }
    f.message = std::move(message);
}

} // namespace

std::optional<double> evaluate_mme(const OrderList& orders, const rules::RuleSet& rules,
                                   std::vector<model::Finding>& findings) {
    MmeSum sum;
    sum_mme(orders, rules, findings, sum);
    if (sum.shares.empty()) {
        return std::nullopt;
    }
    add_mme_total_finding(sum, rules, findings);
    return sum.total;
}

} // namespace medcheck::check::detail
