// Pharmacy claims (NCPDP-like: member, NDC, fill date, quantity dispensed, days supply) with an NDC map
// given by the user: a CSV of ndc, rxnorm or name, strength; or an OMOP CONCEPT table (NDC concepts).
#include <medcheck/layouts/export_reader.hpp>
#include <medcheck/layouts/readers.hpp>

#include <medcheck/batch/time_axis.hpp>
#include <medcheck/units/dose_unit.hpp>
#include <medcheck/util/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>

namespace medcheck::layouts {

namespace {

struct Product {
    std::string name;                     // RxNorm name, or "rxcui:N"
    double strength_mg = batch::k_absent; // per dispensed unit; absent: the name gives it
};

// An NDC as 11 digits (5-4-2): dashed 4-4-2, 5-3-2 and 5-4-1 forms are padded; plain digits are kept.
std::string normal_ndc(std::string_view text) {
    text = util::trim(text);
    std::vector<std::string> parts(1);
    for (const char c : text) {
        if (c == '-') {
            parts.emplace_back();
        } else if (c >= '0' && c <= '9') {
            parts.back().push_back(c);
        } else if (c != ' ') {
            return {};
        }
    }
    if (parts.size() == 3) {
        const std::size_t widths[3] = {5, 4, 2};
        std::string out;
        for (std::size_t i = 0; i < 3; ++i) {
            if (parts[i].empty() || parts[i].size() > widths[i]) {
                return {};
            }
            out += std::string(widths[i] - parts[i].size(), '0') + parts[i];
        }
        return out;
    }
    return parts.size() == 1 ? parts.front() : std::string();
}

// "500", "500 mg", "0.5 g", "10 mcg": milligrams; absent otherwise.
double strength_mg(std::string_view text) {
    text = util::trim(text);
    if (const auto value = util::parse_number(text)) {
        return *value;
    }
    std::size_t split = 0;
    while (split < text.size() && ((text[split] >= '0' && text[split] <= '9') || text[split] == '.')) {
        ++split;
    }
    const auto value = util::parse_number(text.substr(0, split));
    const auto unit = units::parse_dose_unit(util::trim(text.substr(split)));
    if (!value || !unit || unit->kind != units::UnitKind::mass) {
        return batch::k_absent;
    }
    return *value * unit->to_base;
}

// One row of the NDC map: an OMOP CONCEPT row (NDC concepts only) or ndc,rxnorm|name,strength.
void read_claims_product(const TableRow& row, std::uint32_t input, batch::Ingest& ingest,
                         std::unordered_map<std::string, Product>& products) {
    Product product;
    std::string ndc;
    if (!row[4].empty()) { // CONCEPT
        if (row[6] != "NDC") {
            return;
        }
        ndc = normal_ndc(row[4]);
        product.name = std::string(row[5].substr(0, 512));
    } else {
        ndc = normal_ndc(row[0]);
        product.name = !row[2].empty()   ? std::string(row[2].substr(0, 512))
                       : !row[1].empty() ? "rxcui:" + std::string(row[1].substr(0, 32))
                                         : std::string();
        if (!row[3].empty()) {
            product.strength_mg = strength_mg(row[3]);
            if (std::isnan(product.strength_mg)) {
                ingest.rejected(input, row.line(), "strength",
                                "cannot read strength " + quoted(row[3]) + " as a mass (mg, g, mcg)");
                return;
            }
        }
    }
    if (ndc.empty() || product.name.empty()) {
        ingest.rejected(input, row.line(), "ndc", "no usable NDC and product name or RxNorm code");
        return;
    }
    products.emplace(std::move(ndc), std::move(product));
}

// NCPDP patient segment: date of birth (CCYYMMDD or ISO) and gender code (1 male, 2 female); the
// first claim that gives them sets them.
void read_claims_patient_segment(const TableRow& row, batch::StoredPatient& patient) {
    if (patient.indirect().birth_date == 0 && !row[11].empty()) {
        const std::string_view born = row[11];
        const std::string iso = born.size() == 8 && born.find('-') == std::string_view::npos
                                    ? std::string(born.substr(0, 4)) + "-" + std::string(born.substr(4, 2)) +
                                          "-" + std::string(born.substr(6, 2))
                                    : std::string(born);
        if (const auto date = batch::parse_date(iso); date && iso.size() == 10) {
            patient.indirect().birth_date = *date;
        }
    }
    if (patient.factors.sex == model::Sex::absent) {
        const std::string_view gender = row[12];
        if (gender == "1" || gender == "M" || gender == "m") {
            patient.factors.sex = model::Sex::male;
        } else if (gender == "2" || gender == "F" || gender == "f") {
            patient.factors.sex = model::Sex::female;
        }
    }
}

// A claim's columns, under either naming (ours, or NCPDP's).
struct ClaimColumns {
    std::string_view id;
    std::string_view ndc;
    std::string_view fill;
    std::string_view quantity;
    std::string_view days; // days supply
    std::string_view claim;
};

ClaimColumns claim_columns(const TableRow& row) {
    return {!row[0].empty() ? row[0] : row[6],
            !row[1].empty() ? row[1] : row[7],
            !row[2].empty() ? row[2] : row[8],
            !row[3].empty() ? row[3] : row[9],
            row[4],
            !row[5].empty() ? row[5] : row[10]};
}

// The fill date starts the order; the days supply ends it.
void read_claim_window(const ClaimColumns& columns, std::optional<double> days, const std::string& where,
                       batch::StoredPatient& patient, batch::StoredOrder& order, OrderIssues& issues) {
    const std::string_view fill = columns.fill;
    const auto start = batch::parse_timestamp(fill.substr(0, std::min<std::size_t>(fill.size(), 10)));
    if (start) {
        order.start_s = *start;
        if (days && *days >= 1 && *days <= 3650) {
            order.end_s = *start + static_cast<std::int64_t>(std::ceil(*days)) * 86400;
        }
        patient.latest_authored = std::max(patient.latest_authored, batch::date_of(*start));
    } else {
        issues.emplace_back("fill_date", "cannot read fill date " + quoted(fill) +
                                             "; the claim is taken as concurrent with every other (" + where +
                                             ")");
    }
}

// quantity x strength / days supply, as one daily amount: mg when the map gives the strength, else
// units a day of the named product.
void read_claim_daily_dose(const ClaimColumns& columns, std::optional<double> days, const Product* product,
                           const std::string& where, batch::StringPool& strings, batch::StoredOrder& order,
                           OrderIssues& issues) {
    const auto quantity = util::parse_number(columns.quantity);
    if (quantity && days && *quantity > 0 && *days >= 1) {
        if (product != nullptr && !std::isnan(product->strength_mg)) {
            order.dose = *quantity * product->strength_mg / *days;
            order.unit = strings.intern("mg");
        } else {
            order.dose = *quantity / *days; // units a day of the named product
            order.unit = strings.intern("tablet");
        }
        order.frequency = strings.intern("daily");
    } else {
        // The issue names both cells: not "no dose given" and "no frequency given" as well.
        order.dose_unreadable = true;
        order.frequency_unreadable = true;
        issues.emplace_back("dose", "cannot verify: quantity dispensed " + quoted(columns.quantity) +
                                        " and days supply " + quoted(columns.days) +
                                        " do not give a daily dose (" + where + ")");
    }
}

// Never out of scope: an NDC the map does not name is an unknown drug.
void add_unknown_ndc_order(batch::Ingest& ingest, batch::StoredPatient& patient, const std::string& ndc,
                           const batch::StoredOrder& order, OrderIssues& issues) {
    ingest.medication_order();
    batch::ScopedDrug unknown;
    unknown.scope = batch::Scope::near_miss;
    unknown.engine_name = "NDC " + ndc;
    unknown.summary_name = unknown.engine_name;
    const int index = batch::add_order(ingest, patient, order, unknown);
    for (auto& [field, message] : issues) {
        if (index >= 0) {
            batch::PatientStore::add_issue(
                patient, {fmt::format("medications[{}].{}", index, field), std::move(message), index});
        }
    }
}

// One claim: one order.
void read_claim_row(const TableRow& row, std::uint32_t input, ExportReader& reader,
                    const std::unordered_map<std::string, Product>& products) {
    batch::Ingest& ingest = reader.ingest();
    batch::PatientStore& store = ingest.store();
    const ClaimColumns columns = claim_columns(row);
    if (columns.id.empty() || columns.id.size() > batch::k_max_patient_id) {
        ingest.rejected(input, row.line(), "member_id", "empty or too long member_id");
        return;
    }
    const std::string ndc = normal_ndc(columns.ndc);
    if (ndc.empty()) {
        ingest.rejected(input, row.line(), "ndc", "cannot read NDC " + quoted(columns.ndc));
        return;
    }
    batch::StoredPatient& patient = store.patient(columns.id, {input, row.line()});
    const std::string where = reader.where(input, row.line());
    read_claims_patient_segment(row, patient);
    OrderIssues issues;
    batch::StoredOrder order;
    order.location = {input, row.line()};
    const std::string claim_id =
        columns.claim.empty() ? std::string() : "claim " + std::string(columns.claim.substr(0, 64));
    order.source_id = claim_id; // kept by the store when the order is added
    const auto days = util::parse_number(columns.days);
    read_claim_window(columns, days, where, patient, order, issues);
    const auto it = products.find(ndc);
    const Product* product = it == products.end() ? nullptr : &it->second;
    read_claim_daily_dose(columns, days, product, where, store.strings, order, issues);
    if (product == nullptr) {
        add_unknown_ndc_order(ingest, patient, ndc, order, issues);
        return;
    }
    add_order(ingest, patient, product->name, order, issues);
}

} // namespace

void read_claims(const std::string& file, const std::string& ndc_map, ExportReader& reader) {
    // The map: either ndc,rxnorm|name,strength or an OMOP CONCEPT table.
    std::unordered_map<std::string, Product> products;
    reader.table(ndc_map,
                 {"ndc", "rxnorm", "name", "strength", "concept_code", "concept_name", "vocabulary_id"},
                 [&](const TableRow& row, std::uint32_t input) {
                     read_claims_product(row, input, reader.ingest(), products);
                 });
    reader.table(
        file,
        {"member_id", "ndc", "fill_date", "quantity_dispensed", "days_supply", "claim_id", "patient_id",
         "product_service_id", "date_of_service", "quantity", "prescription_service_reference_number",
         "date_of_birth", "patient_gender_code"},
        [&](const TableRow& row, std::uint32_t input) { read_claim_row(row, input, reader, products); });
}

} // namespace medcheck::layouts
