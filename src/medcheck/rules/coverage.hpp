#pragma once

#include <medcheck/rules/rule_set.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace medcheck::rules {

// How many rules of each finding kind can apply to each drug: what the database covers.
struct Coverage {
    std::vector<std::string> kinds;                             // columns
    std::vector<std::pair<std::string, std::vector<int>>> rows; // drug key -> count per kind
};

Coverage coverage(const RuleSet& rules);

// A fixed-width text table: drugs down, kinds across, "-" for none.
void write_coverage(std::ostream& out, const Coverage& table);

} // namespace medcheck::rules
