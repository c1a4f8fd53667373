#pragma once

#include <medcheck/check/order_facts.hpp>
#include <medcheck/check/patient_context.hpp>
#include <medcheck/model/finding.hpp>
#include <medcheck/model/severity.hpp>

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
    std::vector<model::Finding> findings; // sorted: severity (worst first), drug, kind, rule id
    PatientContext patient;               // the patient factors the rules used
    std::vector<CheckedOrder> orders;
    std::optional<double> total_mme; // when any opioid with an MME factor was checked
    std::size_t rules_evaluated = 0;
};

} // namespace medcheck::check
