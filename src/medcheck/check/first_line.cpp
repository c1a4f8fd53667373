// First-line policy: a new opioid or benzodiazepine for back pain needs a first-line therapy tried.
#include <medcheck/check/evaluators.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>

namespace medcheck::check::detail {

void evaluate_first_line(const OrderList& orders, const PatientContext& patient, const rules::RuleSet& rules,
                         std::vector<model::Finding>& findings) {
    // Most patients have no order in a first-line rule's group (opioids, benzodiazepines): nothing to
    // decide, and neither the indication nor `tried` is looked up.
    if (std::all_of(orders.begin(), orders.end(), [](const OrderFacts& order) {
            return order.drug == nullptr || order.drug->first_line_indexes.empty();
        })) {
        return;
    }
    const bool indication_applies =
        patient.indication ? rules.indications.at(*patient.indication) : true; // absent: decided per rule
    const bool tried_first_line =
        patient.tried &&
        std::any_of(patient.tried->begin(), patient.tried->end(),
                    [&](const std::string& tried) { return rules.first_line_therapies.count(tried) != 0; });
    for (std::size_t index = 0; index < rules.first_line.size(); ++index) {
        const rules::FirstLineRule& rule = rules.first_line[index];
        if (patient.indication ? !indication_applies : !rule.applies_without_indication) {
            continue;
        }
        for (const auto& order : orders) {
            // The rule's group holds the drug (indexed at load).
            if (order.drug == nullptr || !std::binary_search(order.drug->first_line_indexes.begin(),
                                                             order.drug->first_line_indexes.end(), index)) {
                continue;
            }
            model::Severity severity = model::Severity::info;
            std::string_view why;
            if (order.continuing) {
                severity = rule.continuing;
                why = " (continuing regimen: the choice was made earlier)";
            } else if (!patient.tried) {
                severity = rule.tried_unknown;
                why = " ('tried' not given: whether first-line therapy was tried is unknown)";
            } else if (!tried_first_line) {
                severity = rule.none_tried;
                why = " ('tried' lists no first-line therapy)";
            } else {
                continue;
            }
            // Built where it stays (a finding is large).
            model::Finding& f = findings.emplace_back();
            f.severity = severity;
            f.kind = "first_line";
            f.drug = model::Text::borrow(order.drug->key);
            std::string message;
            message.reserve(rule.message.size() + why.size());
            message.append(rule.message).append(why);
            f.message = std::move(message);
            f.source = model::Text::borrow(rule.source);
            f.rule_id = model::Text::borrow(rule.id);
            f.order = order.index;
        }
    }
}

} // namespace medcheck::check::detail
