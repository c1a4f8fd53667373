#include <medcheck/check/input_finding.hpp>

namespace medcheck::check {

namespace {
// Borrowed by every input finding (a tenth of a batch's findings) instead of copied.
const std::string k_input_source =
    "medcheck input validation (check contract: invalid input is unverifiable)";
} // namespace

model::Finding input_finding(std::string_view field, std::string message) {
    model::Finding f;
    f.severity = model::Severity::unverifiable;
    f.kind = "invalid_input";
    f.message = std::move(message);
    f.source = model::Text::borrow(k_input_source);
    std::string& rule_id = f.rule_id.edit();
    rule_id.reserve(6 + field.size());
    rule_id.append("input.").append(field);
    return f;
}

} // namespace medcheck::check
