#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace medcheck::check {

// One ingredient of a product name with its labelled strength per unit.
struct NamedStrength {
    std::string name; // as written, normalised: "hydrocodone bitartrate"
    double amount = 0;
    std::string unit; // "mg", "mcg", "mcg/h", "mg/ml"
};

// A clinical or branded drug name as EHRs export it (RxNorm style), taken apart.
struct ProductName {
    std::vector<NamedStrength> ingredients; // in the order written
    bool extended_release = false;
    std::string route; // "oral", "transdermal", ... when the dose form says so
    std::string brand; // text in [brackets], normalised
};

// Parses names like "Acetaminophen 325 MG / HYDROcodone Bitartrate 10 MG Oral Tablet",
// "Ibuprofen 400 MG Oral Tablet [Ibu]", "12 HR Hydrocodone Bitartrate 10 MG Extended Release Oral
// Capsule", "fentanyl 0.025 MG/HR Transdermal System". nullopt when it has no "name amount unit" part.
std::optional<ProductName> parse_product_name(std::string_view text);

} // namespace medcheck::check
