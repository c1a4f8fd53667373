#pragma once

#include <medcheck/model/finding.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace medcheck::check {

// An invalid_input finding (unverifiable: the contract never lets bad input pass as ok) about
// `field`, with rule id "input.<field>" and the message as given.
model::Finding input_finding(std::string_view field, std::string message);

// The same appended to `findings` and returned to be completed there: built where it stays (a
// finding is large), not built aside and moved in.
model::Finding& add_input_finding(std::vector<model::Finding>& findings, std::string_view field,
                                  std::string message);

} // namespace medcheck::check
