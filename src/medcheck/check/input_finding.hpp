#pragma once

#include <medcheck/model/finding.hpp>

#include <string>
#include <string_view>

namespace medcheck::check {

// An invalid_input finding (unverifiable: the contract never lets bad input pass as ok) about
// `field`, with rule id "input.<field>" and the message as given.
model::Finding input_finding(std::string_view field, std::string message);

} // namespace medcheck::check
