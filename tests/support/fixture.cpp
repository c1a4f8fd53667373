#include "fixture.hpp"

#include <medcheck/check/order_cache.hpp>
#include <medcheck/db/builder.hpp>
#include <medcheck/db/database.hpp>
#include <medcheck/io/sig.hpp>

#include <doctest/doctest.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <memory>

namespace medcheck::test {

const rules::RuleSet& seeded_rules() {
    static const rules::RuleSet rules = [] {
        const std::filesystem::path root = MEDCHECK_SOURCE_DIR;
        auto database = db::build_database(root / "schema.sql", db::seed_files(root / "seed"));
        static std::vector<unsigned char> image; // must outlive the deserialized connection
        image = db::serialize(*database);
        return db::RuleDatabase::open_image(image, "seed (test)", "test").load();
    }();
    return rules;
}

CaseBuilder::CaseBuilder() {
    m_case.indication = "acute_low_back_pain";
    model::Patient& p = m_case.patient;
    p.id = "T1";
    p.age_years = 40;
    p.weight_kg = 70;
    p.sex = model::Sex::male;
    p.crcl_ml_min = 100;
    p.hepatic = model::Hepatic::none;
    p.tried = std::vector<std::string>{"nonpharmacologic"};
}

CaseBuilder& CaseBuilder::age(std::optional<double> years) {
    m_case.patient.age_years = years;
    return *this;
}
CaseBuilder& CaseBuilder::weight(std::optional<double> kg) {
    m_case.patient.weight_kg = kg;
    return *this;
}
CaseBuilder& CaseBuilder::sex(model::Sex sex) {
    m_case.patient.sex = sex;
    return *this;
}
CaseBuilder& CaseBuilder::crcl(std::optional<double> ml_min) {
    m_case.patient.crcl_ml_min = ml_min;
    return *this;
}
CaseBuilder& CaseBuilder::scr(std::optional<double> mg_dl) {
    m_case.patient.serum_creatinine_mg_dl = mg_dl;
    return *this;
}
CaseBuilder& CaseBuilder::hepatic(model::Hepatic hepatic) {
    m_case.patient.hepatic = hepatic;
    return *this;
}
CaseBuilder& CaseBuilder::pregnancy(std::optional<double> weeks) {
    m_case.patient.pregnancy_weeks = weeks;
    return *this;
}
CaseBuilder& CaseBuilder::condition(const std::string& condition) {
    m_case.patient.conditions.push_back(condition);
    return *this;
}
CaseBuilder& CaseBuilder::tried(std::optional<std::vector<std::string>> tried) {
    m_case.patient.tried = std::move(tried);
    return *this;
}
CaseBuilder& CaseBuilder::indication(std::optional<std::string> indication) {
    m_case.indication = std::move(indication);
    return *this;
}
CaseBuilder& CaseBuilder::med(const std::string& drug, double dose, const std::string& unit,
                              const std::string& frequency, std::optional<double> duration_days) {
    model::MedicationOrder order;
    order.drug = drug;
    order.dose = dose;
    order.unit = unit;
    order.frequency = frequency;
    order.duration_days = duration_days;
    m_case.medications.push_back(std::move(order));
    return *this;
}
CaseBuilder& CaseBuilder::sig(const std::string& sig) {
    const int index = static_cast<int>(m_case.medications.size());
    m_case.medications.push_back(io::parse_sig(sig, index, "sig", m_case.issues));
    return *this;
}
CaseBuilder& CaseBuilder::route(const std::string& route) {
    REQUIRE(!m_case.medications.empty());
    m_case.medications.back().route = route;
    return *this;
}
CaseBuilder& CaseBuilder::continuing(bool continuing) {
    REQUIRE(!m_case.medications.empty());
    m_case.medications.back().continuing = continuing;
    return *this;
}
CaseBuilder& CaseBuilder::prn(std::optional<double> max_doses_per_day) {
    REQUIRE(!m_case.medications.empty());
    m_case.medications.back().prn = true;
    m_case.medications.back().max_doses_per_day = max_doses_per_day;
    return *this;
}

namespace {

// A finding as text, every field the contract writes plus the rule and orders.
std::string finding_text(const model::Finding& f) {
    return fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", model::to_string(f.severity), f.kind.str(),
                       f.drug ? f.drug->str() : std::string("-"), f.message.str(),
                       f.actual ? fmt::format("{}", *f.actual) : "-",
                       f.limit ? fmt::format("{}", *f.limit) : "-", f.unit.str(), f.source.str(),
                       f.rule_id.str(), f.order.value_or(-1), fmt::join(f.orders, ","));
}

std::vector<std::string> findings_text(const check::CheckResult& result) {
    std::vector<std::string> out;
    out.reserve(result.findings.size());
    for (std::size_t k = 0; k < result.findings.size(); ++k) {
        out.push_back(finding_text(result.finding_at(k)));
    }
    return out;
}

} // namespace

check::CheckResult CaseBuilder::check() const {
    check::CheckResult result = check::check_case(m_case, seeded_rules());
    // Every case a test checks is also checked as a batch checks it (orders not described, readings
    // from a cache one thread keeps across every case of the run, read anew and then remembered):
    // the findings must be the same, in output order though left unsorted (as a batch writes them).
    thread_local check::OrderCache cache;
    const check::CheckOptions batch{.describe_orders = false, .order_cache = &cache, .sort_findings = false};
    const std::vector<std::string> expected = findings_text(result);
    for (int pass = 0; pass < 2; ++pass) {
        INFO("checked as a batch, pass ", pass + 1);
        const check::CheckResult batched = check::check_case(m_case, seeded_rules(), batch);
        CHECK(findings_text(batched) == expected);
        CHECK(batched.verdict == result.verdict);
    }
    return result;
}

std::vector<model::Finding> fired(const check::CheckResult& result, const std::string& rule_id) {
    std::vector<model::Finding> out;
    for (const auto& f : result.findings) {
        if (f.rule_id == rule_id) {
            out.push_back(f);
        }
    }
    return out;
}

bool has_rule(const check::CheckResult& result, const std::string& rule_id) {
    return !fired(result, rule_id).empty();
}

bool has_kind(const check::CheckResult& result, const std::string& kind) {
    for (const auto& f : result.findings) {
        if (f.kind == kind) {
            return true;
        }
    }
    return false;
}

model::Finding only(const check::CheckResult& result, const std::string& rule_id) {
    const auto found = fired(result, rule_id);
    INFO("rule ", rule_id, "; findings: ", list_findings(result));
    REQUIRE(found.size() == 1);
    return found.front();
}

std::string list_findings(const check::CheckResult& result) {
    std::string out;
    for (const auto& f : result.findings) {
        out += (out.empty() ? "" : ", ") + f.rule_id + " (" + std::string(model::to_string(f.severity)) + ")";
    }
    return out.empty() ? "none" : out;
}

} // namespace medcheck::test
