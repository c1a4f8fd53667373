#include <medcheck/batch/ingest.hpp>

#include <medcheck/batch/time_axis.hpp>
#include <medcheck/io/csv_reader.hpp>
#include <medcheck/io/sig.hpp>
#include <medcheck/sig/reader.hpp>
#include <medcheck/util/text.hpp>

#include <algorithm>
#include <array>
#include <cmath>

namespace medcheck::batch {

namespace {

// The documented CSV columns, in documentation order.
enum Column : std::size_t {
    patient_id,
    prescription_id,
    age,
    weight_kg,
    sex,
    crcl_ml_min,
    serum_creatinine_mg_dl,
    hepatic,
    conditions,
    tried,
    drug,
    dose,
    unit,
    route,
    frequency,
    duration_days,
    prn,
    max_doses_per_day,
    continuing,
    indication,
    pregnancy_weeks,
    start,
    end,
    sig,
    column_count
};

constexpr std::array<std::string_view, column_count> k_column_names{"patient_id",
                                                                    "prescription_id",
                                                                    "age",
                                                                    "weight_kg",
                                                                    "sex",
                                                                    "crcl_ml_min",
                                                                    "serum_creatinine_mg_dl",
                                                                    "hepatic",
                                                                    "conditions",
                                                                    "tried",
                                                                    "drug",
                                                                    "dose",
                                                                    "unit",
                                                                    "route",
                                                                    "frequency",
                                                                    "duration_days",
                                                                    "prn",
                                                                    "max_doses_per_day",
                                                                    "continuing",
                                                                    "indication",
                                                                    "pregnancy_weeks",
                                                                    "start",
                                                                    "end",
                                                                    "sig"};

// Columns describing the patient, repeated on every row of that patient.
constexpr std::array<Column, 10> k_patient_columns{
    age,     weight_kg,  sex,   crcl_ml_min, serum_creatinine_mg_dl,
    hepatic, conditions, tried, indication,  pregnancy_weeks};

constexpr std::size_t k_missing = static_cast<std::size_t>(-1);

// Longest CSV field accepted (the reader bounds a whole record at 1 MiB): no real value comes near it,
// and a longer one would be carried into every finding of the order.
constexpr std::size_t k_max_csv_field_bytes = 64U << 10U;

std::uint64_t fnv1a(std::uint64_t hash, std::string_view text) {
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    hash ^= 0xff; // field separator
    hash *= 1099511628211ULL;
    return hash;
}

struct Row {
    const std::vector<std::string_view>& fields;
    const std::array<std::size_t, column_count>& index;
    std::string_view operator[](Column column) const {
        const std::size_t at = index[column];
        return at == k_missing ? std::string_view() : util::trim(fields[at]);
    }
};

std::optional<bool> parse_flag(std::string_view text) {
    if (text.empty() || text == "false") {
        return false;
    }
    if (text == "true") {
        return true;
    }
    const std::string lower = util::to_lower(text);
    if (lower.empty() || lower == "false" || lower == "0" || lower == "no" || lower == "n") {
        return false;
    }
    if (lower == "true" || lower == "1" || lower == "yes" || lower == "y") {
        return true;
    }
    return std::nullopt;
}

std::string quote(std::string_view text) {
    return "'" + std::string(text.substr(0, 80)) + "'";
}

// Reads the patient columns of a row into `patient`, recording unusable values as issues.
void read_patient_columns(const Row& row, StoredPatient& patient, PatientStore& store,
                          const std::string& where) {
    auto number = [&](Column column, const char* field, double& target) {
        const std::string_view text = row[column];
        if (text.empty()) {
            return;
        }
        if (const auto value = util::parse_number(text)) {
            target = *value;
        } else {
            PatientStore::add_issue(
                patient,
                {field, "cannot read " + quote(text) + " as a number (" + where + ")", std::nullopt});
        }
    };
    number(age, "patient.age", patient.age_years);
    number(weight_kg, "patient.weight_kg", patient.weight_kg);
    number(crcl_ml_min, "patient.crcl_ml_min", patient.crcl_ml_min);
    number(serum_creatinine_mg_dl, "patient.serum_creatinine_mg_dl", patient.serum_creatinine_mg_dl);
    number(pregnancy_weeks, "patient.pregnancy_weeks", patient.pregnancy_weeks);
    if (const auto parsed = model::parse_sex(row[sex], model::Spelling::lenient)) {
        patient.sex = *parsed; // an empty cell is absent
    } else {
        PatientStore::add_issue(
            patient, {"patient.sex", "unknown sex " + quote(row[sex]) + " (female or male) (" + where + ")",
                      std::nullopt});
    }
    if (const auto parsed = model::parse_hepatic(row[hepatic], model::Spelling::lenient)) {
        patient.hepatic = *parsed; // an empty cell is absent
    } else {
        PatientStore::add_issue(patient, {"patient.hepatic",
                                          "unknown hepatic impairment " + quote(row[hepatic]) +
                                              " (none, mild, moderate or severe); hepatic rules could not be "
                                              "checked (" +
                                              where + ")",
                                          std::nullopt});
    }
    for (const auto& condition : io::split_list_field(row[conditions])) {
        patient.conditions.push_back(store.strings.intern(condition));
    }
    if (!row[tried].empty()) {
        patient.has_tried = true;
        for (const auto& item : io::split_list_field(row[tried])) {
            if (util::to_lower(item) != "none") {
                patient.tried.push_back(store.strings.intern(item));
            }
        }
    }
    if (!row[indication].empty()) {
        patient.indication = store.strings.intern(row[indication]);
    }
}

// Names of the patient columns whose values differ between two readings, comma-separated ("age",
// "weight_kg,sex").
std::string differing_fields(const StoredPatient& a, const StoredPatient& b) {
    std::string out;
    auto differ = [&](const char* name, bool different) {
        if (different) {
            out += (out.empty() ? "" : ",") + std::string(name);
        }
    };
    auto number_differs = [](double x, double y) {
        return std::isnan(x) != std::isnan(y) || (!std::isnan(x) && x != y);
    };
    differ("age", number_differs(a.age_years, b.age_years));
    differ("weight_kg", number_differs(a.weight_kg, b.weight_kg));
    differ("crcl_ml_min", number_differs(a.crcl_ml_min, b.crcl_ml_min));
    differ("serum_creatinine_mg_dl", number_differs(a.serum_creatinine_mg_dl, b.serum_creatinine_mg_dl));
    differ("pregnancy_weeks", number_differs(a.pregnancy_weeks, b.pregnancy_weeks));
    differ("sex", a.sex != b.sex);
    differ("hepatic", a.hepatic != b.hepatic);
    differ("conditions", a.conditions != b.conditions);
    differ("tried", a.has_tried != b.has_tried || a.tried != b.tried);
    differ("indication", a.indication != b.indication);
    return out.empty() ? "values" : out;
}

// The documented column nearest to an unknown one: a documented name that starts with it
// ("crcl" -> crcl_ml_min), else the fewest edits ("condition" -> conditions).
std::string_view nearest_column(std::string_view name) {
    std::string_view best = k_column_names[0];
    std::size_t best_distance = static_cast<std::size_t>(-1);
    for (const std::string_view known : k_column_names) {
        std::size_t distance = util::edit_distance(name, known, 64);
        if (name.size() >= 3 && known.size() > name.size()) {
            // Counted as one edit: the unknown name is an abbreviation of a longer documented one.
            distance = std::min(distance, util::edit_distance(name, known.substr(0, name.size()), 64) + 1);
        }
        if (distance < best_distance) {
            best = known;
            best_distance = distance;
        }
    }
    return best;
}

std::uint64_t patient_signature(const Row& row) {
    std::uint64_t hash = 1469598103934665603ULL;
    for (const Column column : k_patient_columns) {
        hash = fnv1a(hash, row[column]);
    }
    return hash;
}

} // namespace

std::string_view to_string(Format format) {
    switch (format) {
    case Format::csv:
        return "csv";
    case Format::fhir_bundle:
        return "fhir-bundle";
    case Format::fhir_ndjson:
        return "fhir-ndjson";
    }
    return "csv";
}

Ingest::Ingest(const rules::RuleSet& rules, IngestOptions options)
    : m_rules(rules), m_options(std::move(options)), m_scope(rules) {}

void Ingest::tick() {
    if (on_progress && (m_counts.read & 0xFFFU) == 0) {
        on_progress(m_counts.read);
    }
}

void Ingest::checked() {
    ++m_counts.read;
    ++m_counts.checked;
    tick();
}

void Ingest::skipped(const std::string& reason) {
    ++m_counts.read;
    ++m_counts.skipped;
    ++m_counts.skipped_by_reason[reason];
    tick();
}

void Ingest::rejected(std::uint32_t input, std::uint64_t record, const std::string& field,
                      const std::string& reason) {
    ++m_counts.read;
    ++m_counts.rejected;
    // Group reasons by their shape: numbers become N, quoted values '...'.
    std::string kind;
    bool quoted = false;
    for (std::size_t i = 0; i < reason.size() && kind.size() < 120; ++i) {
        const char c = reason[i];
        if (c == '\'') {
            kind += quoted ? "...'" : "'";
            quoted = !quoted;
        } else if (quoted) {
            continue;
        } else if (c >= '0' && c <= '9') {
            if (kind.empty() || kind.back() != 'N') {
                kind.push_back('N');
            }
        } else {
            kind.push_back(c);
        }
    }
    ++m_counts.rejected_by_reason[field + ": " + kind];
    if (m_counts.rejections.size() < k_max_listed_rejections) {
        m_counts.rejections.push_back({m_prefixes.at(input) + std::to_string(record), field, reason});
    }
    tick();
}

void Ingest::out_of_scope(const std::string& name) {
    ++m_counts.read;
    ++m_counts.skipped;
    ++m_counts.skipped_by_reason["out_of_scope"];
    auto& by_drug = m_counts.out_of_scope_by_drug;
    if (const auto it = by_drug.find(name); it != by_drug.end()) {
        ++it->second;
    } else if (by_drug.size() < k_max_out_of_scope_names) {
        by_drug.emplace(name, 1);
    } else {
        ++by_drug["(other names)"];
    }
    tick();
}

int add_order(Ingest& ingest, StoredPatient& patient, StoredOrder order, const ScopedDrug& drug, bool count) {
    if (patient.orders.size() >= k_max_orders_per_patient) {
        if (!count) {
            return -1; // the record was counted with its first order
        }
        ingest.rejected(order.location.input, order.location.record, "patient",
                        "patient " + patient.id.substr(0, 64) + " has more than " +
                            std::to_string(k_max_orders_per_patient) + " orders");
        return -1;
    }
    PatientStore& store = ingest.store();
    order.drug = store.strings.intern(drug.engine_name);
    patient.orders.push_back(order);
    if (count) {
        ingest.checked();
    }
    return static_cast<int>(patient.orders.size() - 1);
}

void Ingest::add_input(std::uint32_t input, const std::string& prefix) {
    if (m_prefixes.size() <= input) {
        m_prefixes.resize(input + 1);
    }
    m_prefixes[input] = prefix;
}

void Ingest::read(std::istream& in, Format format, std::uint32_t input, const std::string& prefix,
                  const std::function<void(std::string_view)>& observer) {
    if (m_prefixes.size() <= input) {
        m_prefixes.resize(input + 1);
    }
    m_prefixes[input] = prefix;
    const std::uint64_t before = m_counts.read;
    if (format == Format::csv) {
        read_csv(in, input, observer);
    } else {
        read_fhir(in, format, input, observer);
    }
    if (m_counts.read == before) {
        // An input that yields no record at all (an empty file, a CSV header alone, a Bundle without
        // entries) is one rejected record, so that it can never pass as "nothing wrong".
        rejected(input, 1, "input",
                 format == Format::csv           ? "no records (empty input, or a header only)"
                 : format == Format::fhir_ndjson ? "no resources (empty input)"
                                                 : "no entries in the Bundle");
    }
}

std::optional<std::string> Ingest::out_of_scope_with_sig(std::string_view written,
                                                         std::string_view sig_text) {
    // The drug cell, the sig or both name the drug: out of scope only when every name given is (a
    // disagreement between them is reported when the order is read).
    std::optional<std::string> summary;
    const std::string_view sig_drug = sig::split_drug(sig_text.substr(0, io::k_max_sig_bytes)).drug;
    for (const std::string_view name : {written, sig_drug}) {
        if (name.empty()) {
            continue;
        }
        const ScopedDrug& scoped = m_scope.classify(name);
        if (scoped.scope != Scope::out_of_scope) {
            return std::nullopt;
        }
        if (!summary) {
            summary = scoped.summary_name;
        }
    }
    return summary; // nullopt when no name is given: checked, as a blank drug cell is
}

void Ingest::read_csv(std::istream& in, std::uint32_t input,
                      const std::function<void(std::string_view)>& observer) {
    io::CsvReader reader(in, {}, observer);
    io::CsvRecord record;
    if (!reader.next(record)) {
        return; // empty input: no records
    }
    if (!record.error.empty()) {
        rejected(input, record.line, "header", record.error);
        // Without a header no row can be read: every record is rejected.
        while (reader.next(record)) {
            rejected(input, record.line, "header", "the header could not be read");
        }
        return;
    }
    // Header: documented names, or export names mapped with --map old=new. Any other column is an
    // error unless ignored: a value under a misspelt name ("crcl") would otherwise be dropped.
    std::array<std::size_t, column_count> index{};
    index.fill(k_missing);
    std::string unknown_field;
    std::string unknown;
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
        const std::string written = util::to_lower(util::trim(record.fields[i]));
        std::string name = written;
        for (const auto& [from, to] : m_options.column_map) {
            if (util::to_lower(from) == name) {
                name = util::to_lower(to);
                break;
            }
        }
        bool known = false;
        for (std::size_t c = 0; c < column_count; ++c) {
            if (k_column_names[c] == name) {
                known = true;
                if (index[c] == k_missing) {
                    index[c] = i;
                }
            }
        }
        const bool ignored = std::any_of(
            m_options.ignored_columns.begin(), m_options.ignored_columns.end(),
            [&](const std::string& column) { return util::to_lower(util::trim(column)) == written; });
        if (!known && !ignored && unknown.size() < 400) {
            const std::string shown = std::string(std::string_view(name).substr(0, 64));
            unknown_field = unknown_field.empty() ? shown : unknown_field;
            unknown += (unknown.empty() ? "unknown column " : "; unknown column ") + quote(shown) +
                       " (nearest known: " + std::string(nearest_column(name)) + ")";
        }
    }
    if (!unknown.empty()) {
        unknown += "; rename it with --map OLD=NEW or skip it with --ignore-column NAME";
    }
    const std::size_t width = record.fields.size();
    std::string missing;
    if (index[patient_id] == k_missing) {
        missing = std::string(k_column_names[patient_id]);
    } else if (index[drug] == k_missing && index[sig] == k_missing) {
        missing = std::string(k_column_names[drug]); // a sig column may name the drug instead
    }
    std::size_t ordinal = 0;
    while (reader.next(record)) {
        if (ordinal < m_options.record_lines.size()) {
            record.line = m_options.record_lines[ordinal++];
        }
        if (!record.error.empty()) {
            rejected(input, record.line, "record", record.error);
            continue;
        }
        if (!missing.empty()) {
            rejected(input, record.line, missing, "missing required column '" + missing + "' in the header");
            continue;
        }
        if (!unknown.empty()) {
            rejected(input, record.line, unknown_field, unknown);
            continue;
        }
        if (record.fields.size() != width) {
            rejected(input, record.line, "record",
                     "expected " + std::to_string(width) + " fields, found " +
                         std::to_string(record.fields.size()));
            continue;
        }
        const auto long_field =
            std::find_if(record.fields.begin(), record.fields.end(),
                         [](std::string_view field) { return field.size() > k_max_csv_field_bytes; });
        if (long_field != record.fields.end()) {
            const auto at = static_cast<std::size_t>(long_field - record.fields.begin());
            const auto column = std::find(index.begin(), index.end(), at);
            rejected(input, record.line,
                     column == index.end()
                         ? "field " + std::to_string(at + 1)
                         : std::string(k_column_names[static_cast<std::size_t>(column - index.begin())]),
                     "field longer than " + std::to_string(k_max_csv_field_bytes) + " bytes");
            continue;
        }
        const Row row{record.fields, index};
        const std::string_view id = row[patient_id];
        if (id.empty()) {
            rejected(input, record.line, "patient_id", "empty patient_id");
            continue;
        }
        if (id.size() > k_max_patient_id) {
            rejected(input, record.line, "patient_id",
                     "patient_id longer than " + std::to_string(k_max_patient_id) + " characters");
            continue;
        }
        ++m_counts.medication_orders;
        const RecordLocation location{input, record.line};
        const std::size_t before = m_store.size();
        StoredPatient& patient = m_store.patient(id, location);
        const std::uint64_t line = record.line;
        auto where_of = [&] { return m_prefixes[input] + std::to_string(line); };
        if (m_store.size() != before) {
            const std::string where = where_of();
            read_patient_columns(row, patient, m_store, where);
            patient.signature = patient_signature(row);
        } else if (patient_signature(row) != patient.signature) {
            const std::string where = where_of();
            // Rows of one patient disagree: the first row's values are used, the difference is reported.
            StoredPatient other;
            read_patient_columns(row, other, m_store, where);
            PatientStore::add_issue(patient, {"patient." + differing_fields(patient, other),
                                              "rows of this patient give different values (" +
                                                  patient_reference(patient, m_prefixes) + " and " + where +
                                                  "); the first row's values were used",
                                              std::nullopt});
            patient.signature = patient_signature(row); // report each change once
        }
        const std::string_view written = row[drug];
        const std::string_view sig_text = row[sig];
        const ScopedDrug* scoped = &m_scope.classify(written);
        if (!m_options.strict && sig_text.empty() && scoped->scope == Scope::out_of_scope) {
            out_of_scope(scoped->summary_name);
            continue;
        }
        if (!m_options.strict && !sig_text.empty()) {
            if (const auto summary = out_of_scope_with_sig(written, sig_text)) {
                out_of_scope(*summary);
                continue;
            }
            scoped = &m_scope.classify(written); // classify may reuse its storage when its cache is full
        }
        StoredOrder order;
        order.location = location;
        const int next = static_cast<int>(patient.orders.size());
        auto field_of = [&](Column column) {
            return "medications[" + std::to_string(next) + "]." + std::string(k_column_names[column]);
        };
        std::vector<model::InputIssue> issues;
        auto number = [&](Column column, double& target) {
            const std::string_view text = row[column];
            if (text.empty()) {
                return;
            }
            if (const auto value = util::parse_number(text)) {
                target = *value;
            } else {
                issues.push_back({field_of(column),
                                  "cannot read " + quote(text) + " as a number (" + where_of() + ")", next});
            }
        };
        auto flag = [&](Column column, bool& target) {
            if (const auto value = parse_flag(row[column])) {
                target = *value;
            } else {
                issues.push_back(
                    {field_of(column),
                     "expected true or false, got " + quote(row[column]) + " (" + where_of() + ")", next});
            }
        };
        if (const std::string_view dose_text = row[dose]; !dose_text.empty()) {
            if (const auto value = util::parse_number(dose_text)) {
                order.dose = *value;
            } else if (const auto range = sig::read_dose(dose_text)) {
                // "1-2", "1/2", "one": read at the top of a range (worst case), its bottom kept.
                order.dose = range->max;
                order.dose_min = range->min != range->max ? range->min : k_absent;
            } else {
                issues.push_back({field_of(dose),
                                  "cannot read " + quote(dose_text) + " as a number (" + where_of() + ")",
                                  next});
            }
        }
        number(duration_days, order.duration_days);
        number(max_doses_per_day, order.max_doses_per_day);
        flag(prn, order.prn);
        flag(continuing, order.continuing);
        order.unit = m_store.strings.intern(row[unit]);
        const std::string_view route_text = row[route];
        order.route =
            std::any_of(route_text.begin(), route_text.end(), [](char c) { return c >= 'A' && c <= 'Z'; })
                ? m_store.strings.intern(util::to_lower(route_text))
                : m_store.strings.intern(route_text);
        order.frequency = m_store.strings.intern(row[frequency]);
        if (!row[prescription_id].empty()) {
            order.source_id = m_store.ids.intern(row[prescription_id].substr(0, k_max_source_id));
        }
        auto time = [&](Column column, std::int64_t& target) {
            if (row[column].empty()) {
                return;
            }
            if (const auto value = parse_timestamp(row[column])) {
                target = *value;
            } else {
                issues.push_back({field_of(column),
                                  "cannot read " + quote(row[column]) +
                                      " as an ISO 8601 date or date-time; the order is taken as concurrent "
                                      "with every other order (" +
                                      where_of() + ")",
                                  next});
            }
        };
        time(start, order.start_s);
        time(end, order.end_s);
        if (!sig_text.empty()) {
            order.sig = m_store.sigs.intern(sig_text.substr(0, io::k_max_sig_bytes));
        }
        if (add_order(*this, patient, order, *scoped) >= 0) {
            for (auto& issue : issues) {
                PatientStore::add_issue(patient, std::move(issue));
            }
        }
    }
}

} // namespace medcheck::batch
