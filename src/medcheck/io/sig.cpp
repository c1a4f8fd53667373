#include <medcheck/io/sig.hpp>

#include <medcheck/sig/reader.hpp>

namespace medcheck::io {

void apply_reading(const sig::Reading& reading, model::MedicationOrder& order) {
    order.dose = reading.dose_max;
    order.dose_min = reading.dose_min != reading.dose_max ? reading.dose_min : std::nullopt;
    order.unit = reading.unit;
    order.route = reading.route;
    order.frequency = reading.frequency ? reading.frequency->canonical : std::string();
    order.duration_days = reading.duration_days;
    order.prn = reading.prn;
    order.max_stated = reading.max_stated;
    order.indication = reading.prn_reason;
    order.strength_mg = reading.strength_mg;
    order.total_mg = reading.total_mg_max;
    order.ambiguities = reading.ambiguities;
    order.continuing = reading.continuing;
}

model::MedicationOrder parse_sig(std::string_view text, int index, const std::string& field_prefix,
                                 std::vector<model::InputIssue>& issues) {
    model::MedicationOrder order;
    order.reference = field_prefix;
    order.input = std::string(text.substr(0, k_max_sig_bytes));
    const auto split = sig::split_drug(order.input);
    order.drug = std::string(split.drug);
    const sig::Reading reading = sig::read_regimen(split.regimen);
    apply_reading(reading, order);
    if (reading.as_directed && !reading.frequency) {
        order.ambiguities.push_back("'as directed': no frequency in the sig");
    }
    for (const auto& word : reading.unrecognised) {
        issues.push_back(
            {field_prefix + " sig", "unrecognised word '" + word + "' in \"" + order.input + "\"", index});
    }
    if (!reading.dose_max) {
        issues.push_back({field_prefix + " dose", "no dose found in \"" + order.input + "\"", index});
    }
    return order;
}

} // namespace medcheck::io
