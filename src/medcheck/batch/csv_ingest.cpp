// CSV rows into the patient store: the header's columns, then each record (batch/ingest.hpp).
#include <medcheck/batch/ingest.hpp>

#include <medcheck/batch/time_axis.hpp>
#include <medcheck/io/csv_reader.hpp>
#include <medcheck/io/sig.hpp>
#include <medcheck/sig/reader.hpp>
#include <medcheck/units/dose_unit.hpp>
#include <medcheck/util/text.hpp>
#include <medcheck/util/words.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <span>

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

static_assert(column_count == k_csv_column_count);

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

// A record's cells by column, each trimmed as it is read: a row reads about half its cells (a row
// whose order cells are in the memo reads them only for its key), and the whole batch passes
// through here.
struct Row {
    const io::CsvRecord& record;
    const CsvColumns& columns;
    const bool spaceless = record.spaceless; // no cell needs trimming: most records of an export

    // Inlined: a row reads a cell in several places, and a call costs about what the read does.
    [[gnu::always_inline]] std::string_view operator[](Column column) const {
        const std::size_t at = columns.index[column];
        if (at == k_missing) {
            return {};
        }
        return spaceless ? record.fields[at] : trimmed(record.fields[at]);
    }
    // Most cells have no byte up to a space at either end: tested inline before the general trim.
    static bool plain(std::string_view cell) {
        return cell.empty() || (static_cast<unsigned char>(cell.front()) > ' ' &&
                                static_cast<unsigned char>(cell.back()) > ' ');
    }

  private:
    static std::string_view trimmed(std::string_view cell) { return plain(cell) ? cell : util::trim(cell); }
};

// `text == word` for a literal word, its bytes compared inline rather than by a call to memcmp.
template <std::size_t N> bool is(std::string_view text, const char (&word)[N]) {
    return text.size() == N - 1 && std::memcmp(text.data(), word, N - 1) == 0;
}

// Every row has flag cells: "false" and "true" as written are tested first, then other spellings
// in any case.
std::optional<bool> parse_flag(std::string_view text) {
    if (text.empty() || is(text, "false")) {
        return false;
    }
    if (is(text, "true")) {
        return true;
    }
    for (const std::string_view no : {"false", "0", "no", "n"}) {
        if (util::equals_ignore_case(text, no)) {
            return false;
        }
    }
    for (const std::string_view yes : {"true", "1", "yes", "y"}) {
        if (util::equals_ignore_case(text, yes)) {
            return true;
        }
    }
    return std::nullopt;
}

std::string quote(std::string_view text) {
    return "'" + std::string(text.substr(0, 80)) + "'";
}

// Names of the patient columns whose values differ between two readings, comma-separated ("age",
// "weight_kg,sex").
std::string differing_fields(const StoredPatient& a, const StoredPatient& b, const PatientStore& store) {
    std::string out;
    auto differ = [&](Column column, bool different) {
        if (different) {
            out += out.empty() ? "" : ",";
            out += k_column_names[column];
        }
    };
    const model::PatientFactors x = a.factors.model();
    const model::PatientFactors y = b.factors.model();
    differ(age, x.age_years != y.age_years);
    differ(weight_kg, x.weight_kg != y.weight_kg);
    differ(crcl_ml_min, x.crcl_ml_min != y.crcl_ml_min);
    differ(serum_creatinine_mg_dl, x.serum_creatinine_mg_dl != y.serum_creatinine_mg_dl);
    differ(pregnancy_weeks, x.pregnancy_weeks != y.pregnancy_weeks);
    differ(sex, x.sex != y.sex);
    differ(hepatic, x.hepatic != y.hepatic);
    differ(conditions, store.items_of(a.conditions) != store.items_of(b.conditions));
    differ(tried, a.tried_stated != b.tried_stated || store.items_of(a.tried) != store.items_of(b.tried));
    differ(indication, a.indication != b.indication);
    // Cells that differ as text but not as values ("65" and "65.0").
    return out.empty() ? "patient columns" : out;
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

// Whether `text` has a byte up to a space (what util::trim takes off), eight bytes at a time: a word's
// bytes below 0x21 are found by the borrow they make (bytes from 0x80 up are masked off), the last
// word overlapping the one before.
bool has_byte_up_to_space(std::string_view text) {
    constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
    constexpr std::uint64_t k_highs = 0x8080808080808080ULL;
    const auto below_0x21 = [](std::uint64_t word) {
        return ((word - k_ones * 0x21U) & ~word & k_highs) != 0;
    };
    if (text.size() < 8) {
        return std::any_of(text.begin(), text.end(),
                           [](char c) { return static_cast<unsigned char>(c) <= ' '; });
    }
    for (std::size_t at = 0; at + 8 <= text.size(); at += 8) {
        if (below_0x21(util::load_word<std::uint64_t>(text.data() + at))) {
            return true;
        }
    }
    return below_0x21(util::load_word<std::uint64_t>(text.data() + text.size() - 8));
}

// util::TextHash{}(text) of a text of 8 bytes or more, and whether it has a byte up to a space
// (has_byte_up_to_space), in one pass over its words.
std::uint64_t hash_and_spaces(std::string_view text, bool& spaces) {
    constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
    constexpr std::uint64_t k_highs = 0x8080808080808080ULL;
    util::WordHash hash(text.size());
    std::uint64_t below_0x21 = 0;
    util::for_each_word(text, [&](std::uint64_t word) {
        hash.add(word);
        below_0x21 |= (word - k_ones * 0x21U) & ~word;
    });
    spaces = (below_0x21 & k_highs) != 0;
    return hash.value();
}

// A hash of a row's patient columns, taken of every row: of the text each cell followed by a comma,
// in k_patient_columns order (an absent column empty), without the commas at its end. Where those
// columns are adjacent fields of the header in that order and the record's cells lie as read (no
// quote, no space trimmed), that text is the record's own bytes, hashed in place eight at a time
// (CsvColumns::patient_span). A cell with a comma of its own (quoted) makes the text ambiguous: such
// a row's cells are hashed each with its length, which no row without one gives.
std::uint64_t patient_signature(const Row& row, const CsvColumns& columns, std::string& text) {
    const auto& fields = row.record.fields;
    const auto span_fields =
        columns.patient_span_size == 0
            ? std::span<const std::string_view>()
            : std::span(fields).subspan(columns.patient_span_first, columns.patient_span_size);
    std::string_view span;
    if (!span_fields.empty() && row.record.contiguous) {
        const std::string_view first = span_fields.front();
        const std::string_view last = span_fields.back();
        span = std::string_view(first.data(),
                                static_cast<std::size_t>(last.data() - first.data()) + last.size());
        while (!span.empty() && span.back() == ',') {
            span.remove_suffix(1); // commas are not bytes up to a space: the test below is not changed
        }
        if (row.spaceless) {
            return util::TextHash{}(span); // the record has no byte up to a space at all
        }
        // Without a byte up to a space no cell can need trimming: the cells are only tested one by
        // one when the span has one (a space inside a cell).
        bool spaces = false;
        const std::uint64_t hash = span.size() >= 8 ? hash_and_spaces(span, spaces) : util::TextHash{}(span);
        if (span.size() < 8) {
            spaces = has_byte_up_to_space(span);
        }
        if (!spaces || std::all_of(span_fields.begin(), span_fields.end(), Row::plain)) {
            return hash;
        }
    }
    text.clear();
    for (const Column column : k_patient_columns) {
        if (row[column].find(',') != std::string_view::npos) {
            util::WordHash hash(0x9E3779B97F4A7C15ULL);
            for (const Column each : k_patient_columns) {
                hash.add_words(row[each]);
                hash.add(row[each].size());
            }
            return hash.value();
        }
        text += row[column];
        text += ',';
    }
    span = text;
    while (!span.empty() && span.back() == ',') {
        span.remove_suffix(1);
    }
    return util::TextHash{}(span);
}

// The cells a CsvOrderMemo entry stands for: the order's cells read the same way on every row (its
// duration, id and times are read per row). A row with a sig is always read in full.
constexpr std::array<Column, 8> k_memo_columns{drug, dose,      unit, route, frequency, max_doses_per_day,
                                               prn,  continuing};
// Longest cell a memo key holds; a row with a longer one is read in full.
constexpr std::size_t k_max_memo_cell = 120;

// A row's CsvOrderMemo key; empty until made, or when a cell is too long. Made on the stack, its bytes
// not zeroed first: it is made for every row. A plain record's key is its memo fields' own bytes, run
// by run of adjacent fields (CsvColumns::memo_runs), after a marker and the header's memo layout; any
// other record's is each memo cell's length (one byte, at most k_max_memo_cell) and bytes. The marker
// keeps the two kinds apart, and equal keys of either kind mean equal cells.
class MemoKey {
  public:
    void make(const Row& row, const CsvColumns& columns) {
        if (!row.record.contiguous || columns.memo_runs.empty() || !make_in_place(row.record, columns)) {
            make_of_cells(row);
        }
    }
    bool made() const { return m_size != 0; }
    std::string_view view() const { return {m_bytes.data(), m_size}; }

  private:
    static constexpr char k_in_place = '\xFF'; // never a cell's length

    bool make_in_place(const io::CsvRecord& record, const CsvColumns& columns) {
        m_size = 0;
        m_bytes[m_size++] = k_in_place;
        append(columns.memo_layout);
        for (const auto& [first, count] : columns.memo_runs) {
            const std::string_view from = record.fields[first];
            const std::string_view to = record.fields[first + count - 1];
            const std::string_view run(from.data(),
                                       static_cast<std::size_t>(to.data() - from.data()) + to.size());
            if (run.size() + 1 > m_bytes.size() - m_size) {
                return false;
            }
            append(run);
            m_bytes[m_size++] = '\n'; // never in a plain record's field
        }
        return true;
    }
    void make_of_cells(const Row& row) {
        m_size = 0;
        for (const Column column : k_memo_columns) {
            const std::string_view cell = row[column];
            if (cell.size() > k_max_memo_cell) {
                m_size = 0;
                return;
            }
            m_bytes[m_size++] = static_cast<char>(cell.size());
            append(cell);
        }
    }
    void append(std::string_view text) {
        util::copy_words(m_bytes.data() + m_size, text);
        m_size += text.size();
    }

    std::array<char, k_memo_columns.size() * (1 + k_max_memo_cell)> m_bytes; // written before read
    std::size_t m_size = 0;
};

// "file.csv:14", made only when a message needs it.
struct RecordWhere {
    const std::string& prefix;
    std::uint64_t line;
    std::string operator()() const { return prefix + std::to_string(line); }
};

// Reads the cells of one row; an unusable value becomes an issue named by its CSV column, where the
// user can find it, of the order `order_index` (none: a patient column). The record's name is made only for
// a problem.
struct RowCells {
    const Row& row;
    const RecordWhere& where_of;
    std::vector<model::InputIssue>& issues;
    std::optional<int> order_index;

    void problem(Column column, std::string message) const {
        issues.push_back({std::string(k_column_names[column]), std::move(message), order_index});
    }
    // The issue "`before`'`text`'`after` (file.csv:14)". Out of line, as is all but the common case
    // of the cell readers below: they are then small enough to be inlined where every row calls them.
    [[gnu::noinline, gnu::cold]] void problem(Column column, std::string_view before, std::string_view text,
                                              std::string_view after) const {
        problem(column, std::string(before) + quote(text) + std::string(after) + " (" + where_of() + ")");
    }
    // `Number`: double (an order's, NaN when absent) or std::optional<double> (a patient factor). An
    // empty cell leaves it absent.
    template <typename Number> [[gnu::always_inline]] void number(Column column, Number& target) const {
        const std::string_view text = row[column];
        if (text.empty()) {
            return;
        }
        if (const auto value = util::parse_number(text)) {
            target = *value;
        } else {
            problem(column, "cannot read ", text, " as a number");
        }
    }
    // duration_days: a number of days, or a duration in words the sig reader reads whole and alone
    // ("14 days", "3 weeks", "x 10 days", UK "2/52").
    void duration(StoredOrder& order) const {
        const std::string_view text = row[Column::duration_days];
        if (text.empty()) {
            return;
        }
        if (const auto days = util::parse_number(text)) {
            order.duration_days = *days;
            return;
        }
        duration_in_words(order, text);
    }
    [[gnu::noinline]] void duration_in_words(StoredOrder& order, std::string_view text) const {
        const sig::Reading& r = sig::remembered_reading(text);
        if (r.duration_days && !r.dose_max && !r.frequency && nothing_else_read(r)) {
            order.duration_days = *r.duration_days;
        } else {
            problem(Column::duration_days, "cannot read ", text, " as a number of days");
        }
    }
    void flag(Column column, bool& target) const {
        if (const auto value = parse_flag(row[column])) {
            target = *value;
        } else {
            problem(column, "expected true or false, got ", row[column], "");
        }
    }
    void time(Column column, std::int64_t& target) const {
        const std::string_view text = row[column];
        if (text.empty()) {
            return;
        }
        if (const auto value = parse_timestamp(text)) {
            target = *value;
        } else {
            problem(column, "cannot read ", text,
                    " as an ISO 8601 date or date-time; the order is taken as concurrent with every other "
                    "order");
        }
    }
    // An unreadable frequency cell (read as the checker reads it, remembered per distinct text) is
    // reported here, by its column; the checker then does not report it again. A row with a sig is
    // left to the sig reading, which compares the two.
    // `readable`: the answers so far, by the frequency's index in the pool.
    void frequency(StoredOrder& order, std::vector<std::uint8_t>& readable) const {
        const std::string_view text = row[Column::frequency];
        if (readable.size() <= order.frequency) {
            readable.resize(std::size_t{order.frequency} + 1, 0);
        }
        std::uint8_t& known = readable[order.frequency];
        if (known == 0) {
            known = sig::usable_as_frequency(sig::remembered_reading(text)) ? 1 : 2;
        }
        if (known == 2) {
            order.frequency_unreadable = true;
            problem(Column::frequency, "unknown frequency " + quote(text) +
                                           "; dose rules for this order could not be checked (" + where_of() +
                                           ")");
        }
    }
    // The dose cell; returns the unit written in it ("500 mg", "1-2 tabs"), empty when none.
    std::string dose(StoredOrder& order) const {
        const std::string_view text = row[Column::dose];
        if (text.empty()) {
            return {};
        }
        if (const auto value = util::parse_number(text)) {
            order.dose = *value;
        } else if (const auto range = sig::read_dose(text)) {
            // "1-2", "1/2", "one": read at the top of a range (worst case), its bottom kept.
            order.dose = range->max;
            order.dose_min = range->min != range->max ? range->min : k_absent;
        } else if (const sig::Reading& r = sig::remembered_reading(text); only_dose_and_unit(r)) {
            order.dose = *r.dose_max;
            order.dose_min = r.dose_min && *r.dose_min != *r.dose_max ? *r.dose_min : k_absent;
            return r.unit;
        } else {
            // One finding for the one bad value: the checker does not add "no dose given".
            order.dose_unreadable = true;
            problem(Column::dose, "cannot read " + quote(text) + " as a number (" + where_of() + ")" +
                                      (r.ambiguities.empty() ? std::string() : ": " + r.ambiguities.front()));
        }
        return {};
    }
    // A dose cell that is a dose with its unit and nothing else ("500 mg", "1,000 mg", "1-2 tabs").
    static bool only_dose_and_unit(const sig::Reading& r) {
        return r.dose_max && !r.unit.empty() && !r.frequency && !r.duration_days && !r.strength_mg &&
               !r.total_mg_max && !r.daily_dose_max && nothing_else_read(r);
    }
    // No word left unread or open, and no instruction besides the cell's own value (the cell readers
    // above each allow one: a dose, a duration).
    static bool nothing_else_read(const sig::Reading& r) {
        return r.unrecognised.empty() && r.ambiguities.empty() && r.route.empty() && !r.prn &&
               !r.max_stated && !r.as_directed && !r.continuing;
    }
    // The unit column, or the unit written in the dose cell when the column is empty. Both, and
    // different: which one the dose is in is open, so the dose is not read.
    std::string_view unit(StoredOrder& order, const std::string& written_with_dose) const {
        const std::string_view column = row[Column::unit];
        if (written_with_dose.empty()) {
            return column;
        }
        if (column.empty()) {
            return written_with_dose;
        }
        const auto a = units::parse_dose_unit(column);
        const auto b = units::parse_dose_unit(written_with_dose);
        if (a && b && a->canonical == b->canonical && a->to_base == b->to_base) {
            return column;
        }
        order.dose = k_absent;
        order.dose_min = k_absent;
        order.dose_unreadable = true;
        problem(Column::dose, "the dose " + quote(row[Column::dose]) + " and the unit column " +
                                  quote(column) + " disagree (" + where_of() + ")");
        return column;
    }
};

// The sex cell: "female" and "male" as written tested first (every patient has one), then any other
// spelling model::parse_sex accepts.
std::optional<model::Sex> sex_of(std::string_view text) {
    if (is(text, "female")) {
        return model::Sex::female;
    }
    if (is(text, "male")) {
        return model::Sex::male;
    }
    return model::parse_sex(text, model::Spelling::lenient);
}

// The hepatic cell: "none" as written tested first, then any other spelling.
std::optional<model::Hepatic> hepatic_of(std::string_view text) {
    if (is(text, "none")) {
        return model::Hepatic::none;
    }
    return model::parse_hepatic(text, model::Spelling::lenient);
}

// Reads the patient columns of a row into `patient`; unusable values become issues (cells.order_index none).
void read_patient_columns(const RowCells& cells, StoredPatient& patient, PatientStore& store) {
    const Row& row = cells.row;
    StoredFactors& factors = patient.factors;
    cells.number(age, factors.age_years);
    cells.number(weight_kg, factors.weight_kg);
    cells.number(crcl_ml_min, factors.crcl_ml_min);
    cells.number(serum_creatinine_mg_dl, factors.serum_creatinine_mg_dl);
    cells.number(pregnancy_weeks, factors.pregnancy_weeks);
    if (const auto parsed = sex_of(row[sex])) {
        factors.sex = *parsed; // an empty cell is absent
    } else {
        cells.problem(sex, "unknown sex " + quote(row[sex]) + " (female or male) (" + cells.where_of() + ")");
    }
    if (const auto parsed = hepatic_of(row[hepatic])) {
        factors.hepatic = *parsed; // an empty cell is absent
    } else {
        cells.problem(hepatic, "unknown hepatic impairment " + quote(row[hepatic]) +
                                   " (none, mild, moderate or severe); hepatic rules could not be checked (" +
                                   cells.where_of() + ")");
    }
    io::for_each_list_item(row[conditions], [&](std::string_view condition) {
        store.add_item(patient.conditions, store.strings.intern(condition));
    });
    if (!row[tried].empty()) {
        patient.tried_stated = true;
        io::for_each_list_item(row[tried], [&](std::string_view item) {
            if (!util::equals_ignore_case(item, "none")) {
                store.add_item(patient.tried, store.strings.intern(item));
            }
        });
    }
    if (!row[indication].empty()) {
        patient.indication = store.strings.intern(row[indication]);
    }
}

// The order's id and window, read on every row.
void read_order_ids_and_times(const RowCells& cells, StoredOrder& order) {
    if (const std::string_view id = cells.row[prescription_id]; !id.empty()) {
        order.source_id = id.substr(0, k_max_source_id);
    }
    cells.time(start, order.start_s);
    cells.time(end, order.end_s);
}

// The order columns of a row; unusable values become issues of the order `next`.
StoredOrder read_order_columns(const Row& row, PatientStore& store, int next, const RecordWhere& where_of,
                               std::vector<model::InputIssue>& issues,
                               std::vector<std::uint8_t>& readable_frequencies) {
    StoredOrder order;
    const RowCells cells{row, where_of, issues, next};
    const std::string unit_with_dose = cells.dose(order);
    cells.duration(order);
    cells.number(max_doses_per_day, order.max_doses_per_day);
    cells.flag(prn, order.prn);
    cells.flag(continuing, order.continuing);
    order.unit = store.strings.intern(cells.unit(order, unit_with_dose));
    const std::string_view route_text = row[route];
    order.route =
        std::any_of(route_text.begin(), route_text.end(), [](char c) { return c >= 'A' && c <= 'Z'; })
            ? store.strings.intern(util::to_lower(route_text))
            : store.strings.intern(route_text);
    order.frequency = store.strings.intern(row[frequency]);
    if (order.frequency != 0 && row[sig].empty()) {
        cells.frequency(order, readable_frequencies);
    }
    read_order_ids_and_times(cells, order);
    if (const std::string_view sig_text = row[sig]; !sig_text.empty()) {
        order.sig = store.sigs.intern(sig_text.substr(0, io::k_max_sig_bytes));
    }
    return order;
}

// Whether the record's fields lie in one piece (io::CsvRecord::contiguous) no longer than a field may
// be: then none is too long, and they are not measured one by one (most records are such).
bool short_in_one_piece(const io::CsvRecord& record) {
    if (!record.contiguous || record.fields.empty()) {
        return false;
    }
    const std::string_view first = record.fields.front();
    const std::string_view last = record.fields.back();
    return static_cast<std::size_t>(last.data() + last.size() - first.data()) <= k_max_csv_field_bytes;
}

// Rejects a record that cannot be read as a row of its input; returns its patient id otherwise.
std::optional<std::string_view> usable_row(Ingest& ingest, const CsvColumns& columns, std::uint32_t input,
                                           const io::CsvRecord& record) {
    const auto& index = columns.index;
    const std::size_t width = columns.width;
    const std::string& missing = columns.missing;
    const std::string& unknown = columns.unknown;
    const std::string& unknown_field = columns.unknown_field;
    if (!record.error.empty()) {
        ingest.rejected(input, record.line, "record", record.error);
        return std::nullopt;
    }
    if (!missing.empty()) {
        ingest.rejected(input, record.line, missing,
                        "missing required column '" + missing + "' in the header");
        return std::nullopt;
    }
    if (!unknown.empty()) {
        ingest.rejected(input, record.line, unknown_field, unknown);
        return std::nullopt;
    }
    if (record.fields.size() != width) {
        ingest.rejected(input, record.line, "record",
                        "expected " + std::to_string(width) + " fields, found " +
                            std::to_string(record.fields.size()));
        return std::nullopt;
    }
    const auto long_field =
        short_in_one_piece(record)
            ? record.fields.end()
            : std::find_if(record.fields.begin(), record.fields.end(),
                           [](std::string_view field) { return field.size() > k_max_csv_field_bytes; });
    if (long_field != record.fields.end()) {
        const auto at = static_cast<std::size_t>(long_field - record.fields.begin());
        const auto column = std::find(index.begin(), index.end(), at);
        ingest.rejected(input, record.line,
                        column == index.end()
                            ? "field " + std::to_string(at + 1)
                            : std::string(k_column_names[static_cast<std::size_t>(column - index.begin())]),
                        "field longer than " + std::to_string(k_max_csv_field_bytes) + " bytes");
        return std::nullopt;
    }
    // The record has the header's width: the id's field is in it.
    const std::string_view id =
        record.spaceless ? record.fields[index[patient_id]] : columns.patient_id(record.fields);
    if (id.empty()) {
        ingest.rejected(input, record.line, "patient_id", "empty patient_id");
        return std::nullopt;
    }
    if (id.size() > k_max_patient_id) {
        ingest.rejected(input, record.line, "patient_id",
                        "patient_id longer than " + std::to_string(k_max_patient_id) + " characters");
        return std::nullopt;
    }
    return id;
}

// The patient columns of a row of `patient`: read from the patient's first row (`first`); a later
// row whose columns differ from the row before is reported.
void read_patient_row(const Row& row, const RecordWhere& where_of, StoredPatient& patient, bool first,
                      PatientStore& store, const std::vector<std::string>& prefixes,
                      const CsvColumns& columns, std::string& text) {
    if (first) {
        std::vector<model::InputIssue> issues;
        read_patient_columns({row, where_of, issues, std::nullopt}, patient, store);
        if (!issues.empty()) {
            PatientStore::add_issues(patient, std::move(issues));
        }
        patient.signature = patient_signature(row, columns, text);
    } else if (patient_signature(row, columns, text) != patient.signature) {
        // Rows of one patient disagree: the first row's values are used, the difference is reported
        // (the other row's own unusable cells are not: its values are not used).
        StoredPatient other;
        std::vector<model::InputIssue> ignored;
        read_patient_columns({row, where_of, ignored, std::nullopt}, other, store);
        PatientStore::add_issue(patient, {differing_fields(patient, other, store),
                                          "rows of this patient give different values (" +
                                              patient_reference(patient, prefixes) + " and " + where_of() +
                                              "); the first row's values were used",
                                          std::nullopt});
        patient.signature = patient_signature(row, columns, text); // report each change once
    }
}

// Whether every issue of a row's order is of a cell read per row (read_order_ids_and_times, the
// duration): its memo cells were read without one, and may be remembered.
bool only_per_row_issues(const std::vector<model::InputIssue>& issues) {
    return std::all_of(issues.begin(), issues.end(), [](const model::InputIssue& issue) {
        return issue.field == k_column_names[duration_days] || issue.field == k_column_names[start] ||
               issue.field == k_column_names[end];
    });
}

// What a row's order cells were read as (`drug`: the scoped drug's pool index).
CsvOrderCells memo_entry(const StoredOrder& order, const ScopedDrug* scoped, std::uint32_t drug) {
    return {.scoped = scoped,
            .drug = drug,
            .unit = order.unit,
            .route = order.route,
            .frequency = order.frequency,
            .dose = order.dose,
            .dose_min = order.dose_min,
            .max_doses_per_day = order.max_doses_per_day,
            .prn = order.prn,
            .continuing = order.continuing};
}

// A row whose order cells were read before (a CsvOrderMemo entry): counted out of scope, or its order
// made of that reading and its own per-row cells, read as read_order_columns reads them.
void add_known_order(Ingest& ingest, const CsvOrderCells& known, const RowCells& cells,
                     StoredPatient& patient, RecordLocation location) {
    if (known.skipped) {
        ingest.out_of_scope(known.scoped->summary_name);
        return;
    }
    StoredOrder order;
    order.dose = known.dose;
    order.dose_min = known.dose_min;
    order.max_doses_per_day = known.max_doses_per_day;
    order.prn = known.prn;
    order.continuing = known.continuing;
    order.unit = known.unit;
    order.route = known.route;
    order.frequency = known.frequency;
    order.location = location;
    cells.duration(order);
    read_order_ids_and_times(cells, order);
    if (add_order(ingest, patient, order, known.drug) >= 0 && !cells.issues.empty()) {
        PatientStore::add_issues(patient, std::move(cells.issues));
    }
}

// CsvColumns::memo_runs and ::memo_layout: the memo columns present, in field order, as runs of
// adjacent fields; the layout (its length, then each column's number as a byte, a mark before each
// run) makes runs of the same bytes under another header's columns another key.
void set_memo_runs(CsvColumns& columns) {
    std::vector<std::pair<std::size_t, Column>> fields;
    for (const Column column : k_memo_columns) {
        if (columns.index[column] != k_missing) {
            fields.emplace_back(columns.index[column], column);
        }
    }
    std::sort(fields.begin(), fields.end());
    std::string layout;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i == 0 || fields[i].first != fields[i - 1].first + 1) {
            columns.memo_runs.emplace_back(fields[i].first, 0);
            layout += '\xFE'; // no column's number
        }
        ++columns.memo_runs.back().second;
        layout += static_cast<char>(fields[i].second);
    }
    columns.memo_layout = static_cast<char>(layout.size()) + layout; // at most 16 bytes
}

// CsvColumns::patient_span: the patient columns present are the first ones in k_patient_columns
// order, as adjacent fields in that order; otherwise (size 0) each row's patient text is made.
void set_patient_span(CsvColumns& columns) {
    const auto& index = columns.index;
    columns.patient_span_first = index[k_patient_columns[0]];
    std::size_t size = 0;
    while (size < k_patient_columns.size() && index[k_patient_columns[size]] != k_missing &&
           index[k_patient_columns[size]] == columns.patient_span_first + size) {
        ++size;
    }
    const bool rest_absent =
        std::all_of(k_patient_columns.begin() + static_cast<std::ptrdiff_t>(size), k_patient_columns.end(),
                    [&](Column column) { return index[column] == k_missing; });
    columns.patient_span_size = rest_absent ? size : 0;
}

} // namespace

std::size_t CsvColumns::patient_id_field() const {
    return index[Column::patient_id];
}

std::string_view CsvColumns::patient_id(const std::vector<std::string_view>& fields) const {
    const std::size_t at = index[Column::patient_id];
    if (at >= fields.size()) {
        return {};
    }
    return Row::plain(fields[at]) ? fields[at] : util::trim(fields[at]);
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
    const CsvColumns columns = read_csv_header(input, record);
    std::size_t ordinal = 0;
    while (reader.next(record)) {
        if (ordinal < m_options.record_lines.size()) {
            record.line = m_options.record_lines[ordinal++];
        }
        read_csv_record(columns, input, record);
    }
}

CsvColumns Ingest::read_csv_header(std::uint32_t input, const io::CsvRecord& record) {
    CsvColumns out;
    if (!record.error.empty()) {
        // Without a header no row can be read: every record is rejected.
        out.header_error = record.error;
        rejected(input, record.line, "header", out.header_error);
        return out;
    }
    // Header: documented names, or export names mapped with --map old=new. Any other column is an
    // error unless ignored: a value under a misspelt name ("crcl") would otherwise be dropped.
    auto& index = out.index;
    index.fill(k_missing);
    std::string& unknown_field = out.unknown_field;
    std::string& unknown = out.unknown;
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
    out.width = record.fields.size();
    set_patient_span(out);
    set_memo_runs(out);
    std::string& missing = out.missing;
    if (index[patient_id] == k_missing) {
        missing = std::string(k_column_names[patient_id]);
    } else if (index[drug] == k_missing && index[sig] == k_missing) {
        missing = std::string(k_column_names[drug]); // a sig column may name the drug instead
    }
    return out;
}

void Ingest::read_csv_record(const CsvColumns& columns, std::uint32_t input, const io::CsvRecord& record) {
    m_current = {input, record.line};
    if (!columns.header_error.empty()) {
        rejected(input, record.line, "header", "the header could not be read");
        return;
    }
    const auto id = usable_row(*this, columns, input, record);
    if (!id) {
        return;
    }
    const Row row{record, columns};
    ++m_counts.medication_orders;
    const RecordLocation location{input, record.line};
    const std::size_t before = m_store.size();
    StoredPatient& patient = m_store.patient(*id, location);
    const std::uint64_t line = record.line;
    const RecordWhere where_of{m_prefixes[input], line};
    read_patient_row(row, where_of, patient, m_store.size() != before, m_store, m_prefixes, columns,
                     m_signature_text);
    const std::string_view written = row[drug];
    const std::string_view sig_text = row[sig];
    std::vector<model::InputIssue> issues;
    MemoKey key; // made for a row without a sig, while the memo is worth asking
    if (sig_text.empty() && m_order_memo.worth_asking()) {
        key.make(row, columns);
        if (const CsvOrderCells* known = key.made() ? m_order_memo.find(key.view()) : nullptr) {
            add_known_order(*this, *known, {row, where_of, issues, static_cast<int>(patient.orders.size)},
                            patient, location);
            return;
        }
    }
    const ScopedDrug* scoped = &m_scope.classify(written);
    if (!m_options.strict && sig_text.empty() && scoped->scope == Scope::out_of_scope) {
        if (key.made() && m_scope.kept(*scoped)) {
            m_order_memo.add(key.view(), {.scoped = scoped, .skipped = true});
        }
        out_of_scope(scoped->summary_name);
        return;
    }
    if (!m_options.strict && !sig_text.empty()) {
        if (const auto summary = out_of_scope_with_sig(written, sig_text)) {
            out_of_scope(*summary);
            return;
        }
        scoped = &m_scope.classify(written); // classify may reuse its storage when its cache is full
    }
    StoredOrder order = read_order_columns(row, m_store, static_cast<int>(patient.orders.size), where_of,
                                           issues, m_frequency_readable);
    order.location = location;
    if (add_order(*this, patient, order, *scoped) < 0) {
        return;
    }
    if (key.made() && m_scope.kept(*scoped) && only_per_row_issues(issues)) {
        m_order_memo.add(key.view(), memo_entry(order, scoped, m_store.strings.intern(scoped->engine_name)));
    }
    if (!issues.empty()) {
        PatientStore::add_issues(patient, std::move(issues));
    }
}

} // namespace medcheck::batch
