#pragma once

#include <medcheck/check/order_facts.hpp>
#include <medcheck/check/patient_context.hpp>
#include <medcheck/model/finding.hpp>
#include <medcheck/model/severity.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace medcheck::check {

// One order as checked, for reports: what was written and what it resolved to.
struct CheckedOrder {
    std::string written_drug;
    std::string drug_key;                      // empty when unresolved
    std::string sig;                           // readable sig of the order as given
    std::optional<double> daily_mg;            // of the first ingredient, when the dose was usable
    OrderReading reading;                      // how the order was read (contract v2 `orders`)
    std::vector<IngredientAmount> ingredients; // mg per dose and per day at the most, when read
};

struct CheckResult {
    model::Verdict verdict = model::Verdict::ok;
    // In output order (severity worst first, then drug, kind, rule id, order, message), unless
    // finding_order is given.
    std::vector<model::Finding> findings;
    // When the check was asked not to sort findings (CheckOptions::sort_findings false): their positions
    // in output order, the findings left as found. Empty when `findings` is itself in output order.
    std::vector<std::uint32_t> finding_order;
    PatientContext patient; // the patient factors the rules used
    std::vector<CheckedOrder> orders;
    std::optional<double> total_mme; // when any opioid with an MME factor was checked
    std::size_t rules_evaluated = 0;

    // The k-th finding in output order, whether the findings were sorted or not.
    const model::Finding& finding_at(std::size_t k) const {
        return finding_order.empty() ? findings[k] : findings[finding_order[k]];
    }
};

} // namespace medcheck::check
