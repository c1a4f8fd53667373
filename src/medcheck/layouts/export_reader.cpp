#include <medcheck/layouts/export_reader.hpp>

#include <medcheck/layouts/vocabulary.hpp>
#include <medcheck/util/error.hpp>
#include <medcheck/util/sha256.hpp>
#include <medcheck/util/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace medcheck::layouts {

void ExportReader::table(const std::string& path, const std::vector<std::string_view>& columns,
                         const std::function<void(const TableRow&, std::uint32_t)>& row) {
    const auto input = static_cast<std::uint32_t>(m_inputs.size());
    TableInput& info = m_inputs.emplace_back();
    info.path = path;
    info.prefix = std::filesystem::path(path).filename().string() + ":";
    m_ingest.add_input(input, info.prefix);
    util::AsyncSha256 digest;
    std::uint64_t bytes = 0;
    TableEvents events;
    events.row = [&](const TableRow& r) { row(r, input); };
    events.rejected = [&](std::uint64_t line, const std::string& field, const std::string& reason) {
        m_ingest.rejected(input, line, field, reason);
    };
    events.observer = [&](std::string_view chunk) {
        digest.update(chunk);
        bytes += chunk.size();
    };
    read_table(path, columns, events);
    m_inputs[input].bytes = bytes;
    m_inputs[input].sha256 = digest.hex();
}

std::unique_ptr<ExportReader::Detached>
ExportReader::start_table(const std::string& path, const std::vector<std::string_view>& columns,
                          std::function<void(const TableRow&)> row) {
    auto table = std::make_unique<Detached>();
    table->input = static_cast<std::uint32_t>(m_inputs.size());
    TableInput& info = m_inputs.emplace_back();
    info.path = path;
    info.prefix = std::filesystem::path(path).filename().string() + ":";
    m_ingest.add_input(table->input, info.prefix);
    Detached* job = table.get();
    job->thread = std::thread([job, path, columns, row = std::move(row)] {
        try {
            util::AsyncSha256 digest;
            TableEvents events;
            events.row = row;
            events.rejected = [job](std::uint64_t line, const std::string& field, const std::string& reason) {
                job->rejected.emplace_back(line, field, reason);
            };
            events.observer = [&](std::string_view chunk) {
                digest.update(chunk);
                job->bytes += chunk.size();
            };
            read_table(path, columns, events);
            job->sha256 = digest.hex();
        } catch (...) {
            job->error = std::current_exception();
        }
    });
    return table;
}

void ExportReader::finish_table(Detached& table) {
    if (table.thread.joinable()) {
        table.thread.join();
    }
    if (table.error) {
        std::rethrow_exception(table.error);
    }
    for (const auto& [line, field, reason] : table.rejected) {
        m_ingest.rejected(table.input, line, field, reason);
    }
    m_inputs[table.input].bytes = table.bytes;
    m_inputs[table.input].sha256 = table.sha256;
}

std::string ExportReader::required(const std::string& dir, std::string_view name) {
    if (auto found = find_table(dir, name)) {
        return *found;
    }
    throw util::Error(util::ErrorKind::cannot_open,
                      dir + ": no table " + std::string(name) + ".csv or " + std::string(name) + ".csv.gz");
}

namespace {

// "25,000", "1,000.5": digit groups of three after a comma, as US exports write thousands; the number
// without its commas. nullopt for anything else ("1,5" is not read: a decimal comma or two numbers).
std::optional<double> grouped_number(std::string_view text) {
    const std::size_t point = std::min(text.find('.'), text.size());
    const std::string_view whole = text.substr(0, point);
    const std::size_t first = whole.find(',');
    if (first == std::string_view::npos || first == 0 || first > 3) {
        return std::nullopt;
    }
    std::string digits(whole.substr(0, first));
    for (std::size_t at = first; at < whole.size(); at += 4) {
        if (whole[at] != ',' || at + 4 > whole.size()) {
            return std::nullopt;
        }
        digits.append(whole.substr(at + 1, 3));
    }
    digits.append(text.substr(point));
    return util::parse_number(digits);
}

// `text` trimmed: a plain number, else one with thousands commas.
std::optional<double> one_number(std::string_view text) {
    if (auto value = util::parse_number(text)) {
        return value;
    }
    return grouped_number(text);
}

} // namespace

std::optional<double> read_dose(std::string_view text) {
    text = util::trim(text);
    if (text.empty()) {
        return std::nullopt;
    }
    if (const auto value = one_number(text)) {
        return value;
    }
    // "325-650": the upper end. A leading '-' is not a range.
    const std::size_t dash = text.find('-', 1);
    if (dash == std::string_view::npos) {
        return std::nullopt;
    }
    const auto low = one_number(util::trim(text.substr(0, dash)));
    const auto high = one_number(util::trim(text.substr(dash + 1)));
    if (!low || !high) {
        return std::nullopt;
    }
    return std::max(*low, *high);
}

std::string quoted(std::string_view text) {
    return "'" + std::string(text.substr(0, 80)) + "'";
}

void add_diagnosis(batch::Ingest& ingest, batch::StoredPatient& patient, std::string_view code, int version) {
    std::string dotted = dotted_icd(code, version);
    const std::string system = version == 9 ? "icd9cm" : "icd10cm";
    const auto& codes = ingest.rules().condition_codes;
    while (dotted.size() >= 3) {
        if (const auto it = codes.find({system, dotted}); it != codes.end()) {
            const std::uint32_t interned = ingest.store().strings.intern(it->second);
            ingest.store().add_item(patient.conditions, interned, true);
            ingest.count_checked();
            return;
        }
        if (dotted.size() <= 3 || (dotted.size() <= 4 && dotted[0] == 'E' && version == 9)) {
            break;
        }
        dotted.pop_back();
        if (!dotted.empty() && dotted.back() == '.') {
            dotted.pop_back();
        }
    }
    ingest.count_skipped("diagnosis code maps to no condition");
}

int add_order(batch::Ingest& ingest, batch::StoredPatient& patient, std::string_view drug,
              batch::StoredOrder order, const OrderIssues& issues) {
    ingest.medication_order();
    const batch::ScopedDrug& scoped = ingest.scope().classify(drug);
    if (scoped.scope == batch::Scope::out_of_scope && !ingest.options().strict) {
        ingest.out_of_scope(scoped.summary_name);
        return -1;
    }
    const int index = batch::add_order(ingest, patient, order, scoped);
    if (index < 0) {
        return -1;
    }
    for (const auto& [field, message] : issues) {
        batch::PatientStore::add_issue(patient,
                                       {fmt::format("medications[{}].{}", index, field), message, index});
    }
    return index;
}

} // namespace medcheck::layouts
