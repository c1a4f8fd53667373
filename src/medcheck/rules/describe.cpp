#include <medcheck/rules/describe.hpp>

#include <medcheck/util/text.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace medcheck::rules {

namespace {

std::string range(const char* name, const std::optional<double>& min, const std::optional<double>& max,
                  const char* unit) {
    const std::string suffix = *unit ? std::string(" ") + unit : "";
    if (min && max) {
        return std::string(name) + " " + util::format_number(*min) + " to < " + util::format_number(*max) +
               suffix;
    }
    if (min) {
        return std::string(name) + " >= " + util::format_number(*min) + suffix;
    }
    return std::string(name) + " < " + util::format_number(*max) + suffix;
}

std::string type_name(TargetType type) {
    return type == TargetType::drug ? "drug" : type == TargetType::ingredient ? "ingredient" : "group";
}

std::string side(const InteractionSide& s) {
    std::string out = s.key + " (" + type_name(s.type) + ")";
    if (s.max_daily_mg) {
        out += " at <= " + util::format_number(*s.max_daily_mg) + " mg/day";
    }
    if (s.above_daily_mg) {
        out += " above " + util::format_number(*s.above_daily_mg) + " mg/day";
    }
    return out;
}

} // namespace

std::string describe_population(const Population& p) {
    std::vector<std::string> parts;
    if (p.age_min || p.age_max) {
        parts.push_back(range("age", p.age_min, p.age_max, "years"));
    }
    if (p.weight_min || p.weight_max) {
        parts.push_back(range("weight", p.weight_min, p.weight_max, "kg"));
    }
    if (p.crcl_min || p.crcl_max) {
        parts.push_back(range("CrCl", p.crcl_min, p.crcl_max, "mL/min"));
    }
    if (p.pregnancy_min || p.pregnancy_max) {
        parts.push_back(range("pregnancy", p.pregnancy_min, p.pregnancy_max, "weeks"));
    }
    if (p.hepatic_min) {
        parts.push_back(*p.hepatic_min == *p.hepatic_max
                            ? "hepatic " + std::string(model::to_string(*p.hepatic_min))
                            : "hepatic " + std::string(model::to_string(*p.hepatic_min)) + " to " +
                                  std::string(model::to_string(*p.hepatic_max)));
    }
    if (p.condition) {
        parts.push_back("condition " + *p.condition);
    }
    if (p.indication) {
        parts.push_back("indication " + *p.indication);
    }
    if (p.unless_condition) {
        parts.push_back("unless " + *p.unless_condition);
    }
    if (p.unless_continuing_group) {
        parts.push_back("unless a continuing " + *p.unless_continuing_group + " order");
    }
    if (p.new_only) {
        parts.emplace_back("new starts only");
    }
    if (parts.empty()) {
        return "all adults";
    }
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::string describe_limit(const Rule& rule) {
    if (!rule.measure) {
        return "fires when the population matches";
    }
    return std::string(to_string(*rule.measure)) + " > " + util::format_number(*rule.limit) + " " + rule.unit;
}

std::string describe_target(const Rule& rule) {
    std::string out = rule.target + " (" + type_name(rule.target_type) + ")";
    if (rule.release) {
        out += ", " + std::string(to_string(*rule.release));
    }
    if (rule.route) {
        out += ", " + *rule.route;
    }
    return out;
}

std::string describe_sides(const InteractionRule& rule) {
    std::string out = side(rule.a) + " + " + side(rule.b);
    if (rule.c) {
        out += " + " + side(*rule.c);
    }
    return out;
}

} // namespace medcheck::rules
