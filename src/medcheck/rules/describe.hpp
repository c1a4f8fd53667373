#pragma once

#include <medcheck/rules/rule_set.hpp>

#include <string>

namespace medcheck::rules {

// "age >= 65, CrCl < 30 mL/min, new starts only"; "all adults" when there is no filter.
std::string describe_population(const Population& population);

// "daily_mg > 3000 mg/day" or "applies when the population matches".
std::string describe_limit(const Rule& rule);

// "acetaminophen (ingredient)", "nsaid (group)", "cyclobenzaprine_er (drug)" plus release/route.
std::string describe_target(const Rule& rule);

// "tramadol + benzodiazepine (group)"
std::string describe_sides(const InteractionRule& rule);

} // namespace medcheck::rules
