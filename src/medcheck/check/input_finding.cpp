#include <medcheck/check/input_finding.hpp>

namespace medcheck::check {

model::Finding input_finding(const std::string& field, std::string message) {
    model::Finding f;
    f.severity = model::Severity::unverifiable;
    f.kind = "invalid_input";
    f.message = std::move(message);
    f.source = "medcheck input validation (check contract: invalid input is unverifiable)";
    f.rule_id = "input." + field;
    return f;
}

} // namespace medcheck::check
