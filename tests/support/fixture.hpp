#pragma once

// Shared helpers for the unit and clinical tests: the real rules (built from schema.sql + seed/ in
// memory, once) and a small builder that reads like a prescription.

#include <medcheck/check/engine.hpp>
#include <medcheck/model/case.hpp>
#include <medcheck/rules/rule_set.hpp>

#include <optional>
#include <string>
#include <vector>

namespace medcheck::test {

// The rules of this source tree: schema.sql + seed/*.sql built into an in-memory database.
const rules::RuleSet& seeded_rules();

// A case builder: patient factors default to a healthy 40-year-old, 70 kg man with CrCl 100,
// no hepatic impairment, nonpharmacologic therapy tried, indication acute_low_back_pain.
class CaseBuilder {
  public:
    CaseBuilder();
    CaseBuilder& age(std::optional<double> years);
    CaseBuilder& weight(std::optional<double> kg);
    CaseBuilder& sex(model::Sex sex);
    CaseBuilder& crcl(std::optional<double> ml_min);
    CaseBuilder& scr(std::optional<double> mg_dl);
    CaseBuilder& hepatic(model::Hepatic hepatic);
    CaseBuilder& pregnancy(std::optional<double> weeks);
    CaseBuilder& condition(const std::string& condition);
    CaseBuilder& tried(std::optional<std::vector<std::string>> tried);
    CaseBuilder& indication(std::optional<std::string> indication);
    // Adds an order; frequency in the contract vocabulary.
    CaseBuilder& med(const std::string& drug, double dose, const std::string& unit,
                     const std::string& frequency, std::optional<double> duration_days = std::nullopt);
    // Adds an order from a sig string ("ibuprofen 400 mg po q6h prn x 7d").
    CaseBuilder& sig(const std::string& sig);
    // Changes the last order added.
    CaseBuilder& route(const std::string& route);
    CaseBuilder& continuing(bool continuing = true);
    CaseBuilder& prn(std::optional<double> max_doses_per_day);

    const model::Case& build() const { return m_case; }
    check::CheckResult check() const;

  private:
    model::Case m_case;
};

// Findings produced by a rule id (empty when it did not fire).
std::vector<model::Finding> fired(const check::CheckResult& result, const std::string& rule_id);
bool has_rule(const check::CheckResult& result, const std::string& rule_id);
bool has_kind(const check::CheckResult& result, const std::string& kind);
// The single finding of a rule; fails the test if it fired zero or several times.
model::Finding only(const check::CheckResult& result, const std::string& rule_id);
// "rule_id (severity)" of every finding, for failure messages.
std::string list_findings(const check::CheckResult& result);

} // namespace medcheck::test
