#include <medcheck/batch/ingest.hpp>

#include <medcheck/batch/time_axis.hpp>
#include <medcheck/io/csv_reader.hpp>
#include <medcheck/io/sig.hpp>
#include <medcheck/sig/reader.hpp>
#include <medcheck/util/error.hpp>
#include <medcheck/util/text.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <tuple>

namespace medcheck::batch {

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

void Ingest::count_checked() {
    ++m_counts.read;
    ++m_counts.checked;
    tick();
}

void Ingest::count_skipped(const std::string& reason) {
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
        m_counts.rejections.push_back(
            {{{input, record}, m_late}, m_prefixes.at(input) + std::to_string(record), field, reason});
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
    } else if (by_drug.size() < m_out_of_scope_names) {
        by_drug.emplace(name, 1);
        m_out_of_scope_first.emplace(name, FiledAt{m_current, m_late});
    } else {
        ++by_drug["(other names)"];
    }
    tick();
}

namespace {

// Whether the patient has room for another order; rejects the record when not (`count`: the order
// is a record of its own).
bool room_for_order(Ingest& ingest, const StoredPatient& patient, const StoredOrder& order, bool count) {
    if (patient.orders.size < k_max_orders_per_patient) {
        return true;
    }
    if (count) {
        ingest.rejected(order.location.input, order.location.record, "patient",
                        "patient " + std::string(patient.id().substr(0, 64)) + " has more than " +
                            std::to_string(k_max_orders_per_patient) + " orders");
    }
    return false; // without `count`, the record was counted with its first order
}

int stored_order(Ingest& ingest, StoredPatient& patient, const StoredOrder& order, bool count) {
    ingest.store().add_order(patient, order);
    if (count) {
        ingest.count_checked();
    }
    return static_cast<int>(patient.orders.size - 1);
}

} // namespace

int add_order(Ingest& ingest, StoredPatient& patient, StoredOrder order, const ScopedDrug& drug, bool count) {
    if (!room_for_order(ingest, patient, order, count)) {
        return -1;
    }
    order.drug = ingest.store().strings.intern(drug.engine_name);
    return stored_order(ingest, patient, order, count);
}

int add_order(Ingest& ingest, StoredPatient& patient, StoredOrder order, std::uint32_t drug) {
    if (!room_for_order(ingest, patient, order, true)) {
        return -1;
    }
    order.drug = drug;
    return stored_order(ingest, patient, order, true);
}

void check_input_count(std::size_t inputs) {
    if (inputs > k_max_inputs) {
        throw util::Error(util::ErrorKind::usage, "more than " + std::to_string(k_max_inputs) +
                                                      " inputs in one batch; split the batch");
    }
}

void Ingest::add_input(std::uint32_t input, const std::string& prefix) {
    check_input_count(std::size_t{input} + 1);
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
        reject_empty_input(input, format);
    }
}

bool filed_before(const FiledAt& a, const FiledAt& b) {
    const auto key = [](const FiledAt& f) {
        return std::make_tuple(std::uint64_t{f.at.input}, f.late, std::uint64_t{f.at.record});
    };
    return key(a) < key(b);
}

void Ingest::begin_late(std::uint32_t input) {
    if (m_late_patients.size() <= input) {
        m_late_patients.resize(std::size_t{input} + 1, std::numeric_limits<std::size_t>::max());
    }
    m_late_patients[input] = m_store.size();
    m_late = true;
}

FiledAt Ingest::patient_filed_at(std::size_t index) const {
    const RecordLocation first = m_store.at(index).first;
    const auto input = static_cast<std::size_t>(first.input);
    return {first, input < m_late_patients.size() && index >= m_late_patients[input]};
}

void Ingest::reject_empty_input(std::uint32_t input, Format format) {
    rejected(input, 1, "input",
             format == Format::csv           ? "no records (empty input, or a header only)"
             : format == Format::fhir_ndjson ? "no resources (empty input)"
                                             : "no entries in the Bundle");
}

} // namespace medcheck::batch
