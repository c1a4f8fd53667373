#include <medcheck/check/input_finding.hpp>

namespace medcheck::check {

model::Finding input_finding(std::string_view field, std::string message) {
    model::Finding f;
    f.severity = model::Severity::unverifiable;
    f.kind = "invalid_input";
    f.message = std::move(message);
    f.source = "medcheck input validation (check contract: invalid input is unverifiable)";
    f.rule_id.reserve(6 + field.size());
    f.rule_id.append("input.").append(field);
    return f;
}

} // namespace medcheck::check
