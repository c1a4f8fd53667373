#include <medcheck/check/input_finding.hpp>

namespace medcheck::check {

namespace {
// Borrowed by every input finding (a tenth of a batch's findings) instead of copied.
const std::string k_input_source =
    "medcheck input validation (check contract: invalid input is unverifiable)";

void fill_input_finding(model::Finding& f, std::string_view field, std::string message) {
    f.severity = model::Severity::unverifiable;
    f.kind = "invalid_input";
    f.message = std::move(message);
    f.source = model::Text::borrow(k_input_source);
    std::string& rule_id = f.rule_id.edit();
    rule_id.reserve(6 + field.size());
    rule_id.append("input.").append(field);
}

} // namespace

model::Finding input_finding(std::string_view field, std::string message) {
    model::Finding f;
    fill_input_finding(f, field, std::move(message));
    return f;
}

model::Finding& add_input_finding(std::vector<model::Finding>& findings, std::string_view field,
                                  std::string message) {
    model::Finding& f = findings.emplace_back();
    fill_input_finding(f, field, std::move(message));
    return f;
}

} // namespace medcheck::check
