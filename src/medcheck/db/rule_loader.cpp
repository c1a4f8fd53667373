// Reads the rule tables into a RuleSet. Every query is a prepared statement run once at start-up.
#include <medcheck/db/database.hpp>

#include <medcheck/rules/validate.hpp>
#include <medcheck/util/error.hpp>

#include <fmt/format.h>

#include <SQLiteCpp/Statement.h>

#include <algorithm>

namespace medcheck::db {

namespace {

using rules::TargetType;

std::optional<double> opt_double(const SQLite::Column& column) {
    if (column.isNull()) {
        return std::nullopt;
    }
    return column.getDouble();
}

std::optional<std::string> opt_text(const SQLite::Column& column) {
    if (column.isNull()) {
        return std::nullopt;
    }
    return column.getString();
}

std::string text(const SQLite::Column& column) {
    return column.isNull() ? std::string() : column.getString();
}

[[noreturn]] void bad_value(const std::string& table, const std::string& id, const std::string& what) {
    throw util::Error(util::ErrorKind::cannot_open, "rule database: " + table + " row '" + id + "': " + what);
}

model::Severity severity(const SQLite::Column& column, const std::string& table, const std::string& id) {
    const auto parsed = model::parse_severity(text(column));
    if (!parsed) {
        bad_value(table, id, "unknown severity '" + text(column) + "'");
    }
    return *parsed;
}

TargetType target_type(const std::string& value, const std::string& table, const std::string& id) {
    if (value == "drug") {
        return TargetType::drug;
    }
    if (value == "ingredient") {
        return TargetType::ingredient;
    }
    if (value == "group") {
        return TargetType::group;
    }
    bad_value(table, id, "unknown target type '" + value + "'");
}

rules::Release release(const std::string& value, const std::string& table, const std::string& id) {
    if (value == "ir") {
        return rules::Release::ir;
    }
    if (value == "er") {
        return rules::Release::er;
    }
    if (value == "patch") {
        return rules::Release::patch;
    }
    bad_value(table, id, "unknown release '" + value + "'");
}

std::optional<model::Hepatic> hepatic(const std::optional<std::string>& value, const std::string& id) {
    if (!value) {
        return std::nullopt;
    }
    // A rule names an impairment: none and absent are no hepatic class (the schema allows neither).
    if (const auto grade = model::parse_hepatic(*value);
        grade && *grade != model::Hepatic::absent && *grade != model::Hepatic::none) {
        return *grade;
    }
    bad_value("rule", id, "unknown hepatic class '" + *value + "'");
}

rules::Measure measure(const std::string& value, const std::string& id) {
    for (int i = 0; i <= static_cast<int>(rules::Measure::units_per_dose); ++i) {
        const auto candidate = static_cast<rules::Measure>(i);
        if (rules::to_string(candidate) == value) {
            return candidate;
        }
    }
    bad_value("rule", id, "unknown measure '" + value + "'");
}

void load_catalogue(SQLite::Database& db, rules::RuleSet& set) {
    SQLite::Statement groups(db, "SELECT key, description FROM drug_group ORDER BY key");
    while (groups.executeStep()) {
        set.groups.emplace(groups.getColumn(0).getString(), groups.getColumn(1).getString());
    }
    SQLite::Statement ingredients(
        db, "SELECT key, display_name, rxcui, rxcui_verified FROM ingredient ORDER BY key");
    while (ingredients.executeStep()) {
        rules::Ingredient ingredient;
        ingredient.key = ingredients.getColumn(0).getString();
        ingredient.display_name = ingredients.getColumn(1).getString();
        ingredient.rxcui = text(ingredients.getColumn(2));
        ingredient.rxcui_verified = ingredients.getColumn(3).getInt() != 0;
        set.ingredients.emplace(ingredient.key, std::move(ingredient));
    }
    SQLite::Statement membership(db, "SELECT ingredient, grp FROM ingredient_group ORDER BY ingredient, grp");
    while (membership.executeStep()) {
        set.ingredients.at(membership.getColumn(0).getString())
            .groups.push_back(membership.getColumn(1).getString());
    }
    SQLite::Statement drugs(db, "SELECT key, display_name, release, dose_basis FROM drug ORDER BY key");
    while (drugs.executeStep()) {
        rules::Drug drug;
        drug.key = drugs.getColumn(0).getString();
        drug.display_name = drugs.getColumn(1).getString();
        drug.release = release(drugs.getColumn(2).getString(), "drug", drug.key);
        const std::string basis = drugs.getColumn(3).getString();
        drug.basis = basis == "rate"   ? rules::DoseBasis::rate
                     : basis == "unit" ? rules::DoseBasis::unit
                                       : rules::DoseBasis::mass;
        set.drugs.emplace(drug.key, std::move(drug));
    }
    SQLite::Statement components(
        db, "SELECT drug, ingredient, amount FROM drug_component ORDER BY drug, ingredient");
    while (components.executeStep()) {
        set.drugs.at(components.getColumn(0).getString())
            .components.push_back({components.getColumn(1).getString(), components.getColumn(2).getDouble()});
    }
    SQLite::Statement routes(db, "SELECT drug, route, is_default FROM drug_route ORDER BY drug, route");
    while (routes.executeStep()) {
        auto& drug = set.drugs.at(routes.getColumn(0).getString());
        drug.routes.push_back(routes.getColumn(1).getString());
        if (routes.getColumn(2).getInt() != 0) {
            drug.default_route = drug.routes.back();
        }
    }
    SQLite::Statement names(db, "SELECT name, drug, unit_strength FROM drug_name ORDER BY name, drug");
    while (names.executeStep()) {
        const std::string name = names.getColumn(0).getString();
        set.names[name].push_back(names.getColumn(1).getString());
        if (!names.getColumn(2).isNull()) {
            set.name_strengths[name] = names.getColumn(2).getDouble();
        }
    }
    SQLite::Statement outside(db, "SELECT name FROM out_of_scope_drug ORDER BY name");
    while (outside.executeStep()) {
        set.out_of_scope_names.insert(outside.getColumn(0).getString());
    }
}

void load_vocabulary(SQLite::Database& db, rules::RuleSet& set) {
    SQLite::Statement conditions(db, "SELECT key FROM condition");
    while (conditions.executeStep()) {
        set.conditions.insert(conditions.getColumn(0).getString());
    }
    SQLite::Statement codes(db, "SELECT system, code, condition FROM condition_code");
    while (codes.executeStep()) {
        set.condition_codes.emplace(
            std::make_pair(codes.getColumn(0).getString(), codes.getColumn(1).getString()),
            codes.getColumn(2).getString());
    }
    SQLite::Statement indications(db, "SELECT key, first_line_applies FROM indication");
    while (indications.executeStep()) {
        set.indications.emplace(indications.getColumn(0).getString(), indications.getColumn(1).getInt() != 0);
    }
    SQLite::Statement tags(db, "SELECT tag, citation FROM source_tag");
    while (tags.executeStep()) {
        set.source_tags.emplace(tags.getColumn(0).getString(), tags.getColumn(1).getString());
    }
    SQLite::Statement routes(db, "SELECT key FROM route");
    while (routes.executeStep()) {
        set.routes.insert(routes.getColumn(0).getString());
    }
}

void load_rules(SQLite::Database& db, rules::RuleSet& set) {
    SQLite::Statement query(db, R"(
        SELECT id, target_type, target, release, route, kind, severity, measure, limit_value, unit,
               new_only, age_min, age_max, weight_min, weight_max, crcl_min, crcl_max,
               pregnancy_min, pregnancy_max, hepatic_min, hepatic_max, condition,
               message, alternative, source, evidence, indication, unless_condition, unless_continuing_group
        FROM rule ORDER BY id)");
    while (query.executeStep()) {
        rules::Rule rule;
        rule.id = query.getColumn(0).getString();
        rule.target_type = target_type(query.getColumn(1).getString(), "rule", rule.id);
        rule.target = query.getColumn(2).getString();
        if (const auto value = opt_text(query.getColumn(3))) {
            rule.release = release(*value, "rule", rule.id);
        }
        rule.route = opt_text(query.getColumn(4));
        rule.kind = query.getColumn(5).getString();
        rule.severity = severity(query.getColumn(6), "rule", rule.id);
        if (const auto value = opt_text(query.getColumn(7))) {
            rule.measure = measure(*value, rule.id);
        }
        rule.limit = opt_double(query.getColumn(8));
        rule.unit = text(query.getColumn(9));
        auto& p = rule.population;
        p.new_only = query.getColumn(10).getInt() != 0;
        p.age_min = opt_double(query.getColumn(11));
        p.age_max = opt_double(query.getColumn(12));
        p.weight_min = opt_double(query.getColumn(13));
        p.weight_max = opt_double(query.getColumn(14));
        p.crcl_min = opt_double(query.getColumn(15));
        p.crcl_max = opt_double(query.getColumn(16));
        p.pregnancy_min = opt_double(query.getColumn(17));
        p.pregnancy_max = opt_double(query.getColumn(18));
        p.hepatic_min = hepatic(opt_text(query.getColumn(19)), rule.id);
        p.hepatic_max = hepatic(opt_text(query.getColumn(20)), rule.id);
        p.condition = opt_text(query.getColumn(21));
        rule.message = query.getColumn(22).getString();
        rule.alternative = text(query.getColumn(23));
        rule.source = query.getColumn(24).getString();
        rule.evidence = query.getColumn(25).getString();
        p.indication = opt_text(query.getColumn(26));
        p.unless_condition = opt_text(query.getColumn(27));
        p.unless_continuing_group = opt_text(query.getColumn(28));
        set.rules.push_back(std::move(rule));
    }
}

rules::InteractionSide side(SQLite::Statement& query, int first, const std::string& id) {
    rules::InteractionSide s;
    s.type = target_type(query.getColumn(first).getString(), "interaction_rule", id);
    s.key = query.getColumn(first + 1).getString();
    return s;
}

void load_interactions(SQLite::Database& db, rules::RuleSet& set) {
    SQLite::Statement query(db, R"(
        SELECT id, a_type, a, a_max_daily_mg, b_type, b, b_max_daily_mg, c_type, c,
               kind, severity, age_min, message, source, evidence, a_above_daily_mg, b_above_daily_mg
        FROM interaction_rule ORDER BY id)");
    while (query.executeStep()) {
        rules::InteractionRule rule;
        rule.id = query.getColumn(0).getString();
        rule.a = side(query, 1, rule.id);
        rule.a.max_daily_mg = opt_double(query.getColumn(3));
        rule.b = side(query, 4, rule.id);
        rule.b.max_daily_mg = opt_double(query.getColumn(6));
        if (!query.getColumn(7).isNull()) {
            rule.c = side(query, 7, rule.id);
        }
        rule.kind = query.getColumn(9).getString();
        rule.severity = severity(query.getColumn(10), "interaction_rule", rule.id);
        rule.age_min = opt_double(query.getColumn(11));
        rule.message = query.getColumn(12).getString();
        rule.source = query.getColumn(13).getString();
        rule.evidence = query.getColumn(14).getString();
        rule.a.above_daily_mg = opt_double(query.getColumn(15));
        rule.b.above_daily_mg = opt_double(query.getColumn(16));
        set.interactions.push_back(std::move(rule));
    }
    SQLite::Statement counts(db, R"(
        SELECT id, grp, min_count, age_min, kind, severity, message, source, evidence
        FROM group_count_rule ORDER BY id)");
    while (counts.executeStep()) {
        rules::GroupCountRule rule;
        rule.id = counts.getColumn(0).getString();
        rule.group = counts.getColumn(1).getString();
        rule.min_count = counts.getColumn(2).getInt();
        rule.age_min = opt_double(counts.getColumn(3));
        rule.kind = counts.getColumn(4).getString();
        rule.severity = severity(counts.getColumn(5), "group_count_rule", rule.id);
        rule.message = counts.getColumn(6).getString();
        rule.source = counts.getColumn(7).getString();
        rule.evidence = counts.getColumn(8).getString();
        set.group_counts.push_back(std::move(rule));
    }
}

void load_policies(SQLite::Database& db, rules::RuleSet& set) {
    SQLite::Statement first_line(db, R"(
        SELECT id, grp, severity_none_tried, severity_tried_unknown, severity_continuing,
               applies_without_indication, message, source, evidence
        FROM first_line_rule ORDER BY id)");
    while (first_line.executeStep()) {
        rules::FirstLineRule rule;
        rule.id = first_line.getColumn(0).getString();
        rule.group = first_line.getColumn(1).getString();
        rule.none_tried = severity(first_line.getColumn(2), "first_line_rule", rule.id);
        rule.tried_unknown = severity(first_line.getColumn(3), "first_line_rule", rule.id);
        rule.continuing = severity(first_line.getColumn(4), "first_line_rule", rule.id);
        rule.applies_without_indication = first_line.getColumn(5).getInt() != 0;
        rule.message = first_line.getColumn(6).getString();
        rule.source = first_line.getColumn(7).getString();
        rule.evidence = first_line.getColumn(8).getString();
        set.first_line.push_back(std::move(rule));
    }
    SQLite::Statement therapies(db, "SELECT tried FROM first_line_therapy");
    while (therapies.executeStep()) {
        set.first_line_therapies.insert(therapies.getColumn(0).getString());
    }
    SQLite::Statement factors(
        db, "SELECT ingredient, factor, basis, note, source FROM mme_factor ORDER BY ingredient");
    while (factors.executeStep()) {
        rules::MmeFactor factor;
        factor.ingredient = factors.getColumn(0).getString();
        factor.factor = opt_double(factors.getColumn(1));
        factor.per_rate = factors.getColumn(2).getString() == "rate_mcg_h";
        factor.note = text(factors.getColumn(3));
        factor.source = factors.getColumn(4).getString();
        set.mme_factors.emplace(factor.ingredient, std::move(factor));
    }
    SQLite::Statement thresholds(
        db, "SELECT id, min_mme, severity, message, source FROM mme_threshold ORDER BY min_mme");
    while (thresholds.executeStep()) {
        rules::MmeThreshold threshold;
        threshold.id = thresholds.getColumn(0).getString();
        threshold.min_mme = thresholds.getColumn(1).getDouble();
        threshold.severity = severity(thresholds.getColumn(2), "mme_threshold", threshold.id);
        threshold.message = thresholds.getColumn(3).getString();
        threshold.source = thresholds.getColumn(4).getString();
        set.mme_thresholds.push_back(std::move(threshold));
    }
}

} // namespace

rules::RuleSet RuleDatabase::load(bool validate) const {
    rules::RuleSet set;
    set.database = m_info;
    try {
        load_catalogue(*m_database, set);
        load_vocabulary(*m_database, set);
        load_rules(*m_database, set);
        load_interactions(*m_database, set);
        load_policies(*m_database, set);
    } catch (const SQLite::Exception& e) {
        throw util::Error(util::ErrorKind::cannot_open, "rule database " + m_info.origin + ": " + e.what());
    } catch (const std::out_of_range&) {
        throw util::Error(util::ErrorKind::cannot_open,
                          "rule database " + m_info.origin +
                              ": a row refers to a drug or ingredient that is missing");
    }
    set.build_indexes();
    if (validate || !m_constraint_failures.empty()) {
        const auto problems = rules::validate(set);
        if (validate && !problems.empty()) {
            throw util::Error(
                util::ErrorKind::cannot_open,
                fmt::format("rule database {} refused: {}: {} ({} problem{}; 'medcheck --db FILE db "
                            "lint' lists them)",
                            m_info.origin, problems.front().where, problems.front().what, problems.size(),
                            problems.size() == 1 ? "" : "s"));
        }
        // A broken constraint validate() cannot name still refuses the file (db lint included).
        if (problems.empty() && !m_constraint_failures.empty()) {
            throw util::Error(util::ErrorKind::cannot_open, "rule database " + m_info.origin +
                                                                " refused: " + m_constraint_failures.front());
        }
    }
    return set;
}

} // namespace medcheck::db
