#include <medcheck/batch/parallel_ingest.hpp>

#include <medcheck/batch/patient_hash.hpp>
#include <medcheck/io/csv_reader.hpp>
#include <medcheck/util/text.hpp>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <tuple>
#include <utility>

namespace medcheck::batch {

namespace {

// Records handed to the owners at a time, and batches in flight: enough to keep every owner busy
// while this thread splits the next, few enough to bound the memory held (a few MB).
constexpr std::size_t k_batch_records = 4096;
constexpr std::size_t k_batch_bytes = std::size_t{2} << 20U; // a record is at most 1 MiB: offsets fit 32 bits
constexpr std::size_t k_batches_in_flight = 8;
constexpr std::size_t k_split_padding = 16;

// Records copied out of the reader's buffers. A plain line (io::CsvReader::next_unsplit) is copied
// whole and split by its owner, its patient id found once here; any other record is copied as each
// field's bytes followed by one separator byte (a record read without quotes in one piece), with
// the end of each field.
struct RecordBatch {
    struct Record {
        std::uint64_t line = 0;
        std::uint32_t fields_end = 0; // one past the record's last entry in field_ends
        std::uint32_t owner = 0;
        std::int32_t error = -1;    // index into errors, or -1
        bool contiguous = false;    // io::CsvRecord::contiguous: its bytes copied as read
        bool unsplit = false;       // a plain line: [start, start + size) of bytes
        std::uint32_t start = 0;    // where the record's bytes start
        std::uint32_t size = 0;     // an unsplit line's
        std::uint32_t id_start = 0; // an unsplit line's patient id (trimmed), empty when not routed
        std::uint32_t id_size = 0;
    };
    std::string bytes;
    std::vector<std::uint32_t> field_ends; // end offset of each field in bytes
    std::vector<Record> records;
    std::vector<std::string> errors;

    // `id`: a part of `line`, or empty.
    void add_line(std::string_view line, std::uint64_t line_number, std::string_view id,
                  std::uint32_t owner) {
        const auto start = static_cast<std::uint32_t>(bytes.size());
        const auto id_offset = id.empty() ? 0 : static_cast<std::uint32_t>(id.data() - line.data());
        records.push_back({.line = line_number,
                           .fields_end = static_cast<std::uint32_t>(field_ends.size()),
                           .owner = owner,
                           .contiguous = true,
                           .unsplit = true,
                           .start = start,
                           .size = static_cast<std::uint32_t>(line.size()),
                           .id_start = start + id_offset,
                           .id_size = static_cast<std::uint32_t>(id.size())});
        bytes.append(line);
    }
    void add(const io::CsvRecord& record, std::uint32_t owner) {
        Record out{.line = record.line,
                   .owner = owner,
                   .contiguous = record.contiguous && !record.fields.empty(),
                   .start = static_cast<std::uint32_t>(bytes.size())};
        if (!record.error.empty()) {
            out.error = static_cast<std::int32_t>(errors.size());
            errors.push_back(record.error);
        }
        const auto& fields = record.fields;
        if (record.contiguous && !fields.empty()) {
            const char* const base = fields.front().data();
            const auto offset = static_cast<std::uint32_t>(bytes.size());
            bytes.append(base, static_cast<std::size_t>(fields.back().data() - base) + fields.back().size());
            bytes.push_back(',');
            for (const std::string_view field : fields) {
                field_ends.push_back(offset + static_cast<std::uint32_t>(field.data() - base + field.size()));
            }
        } else {
            for (const std::string_view field : fields) {
                bytes.append(field);
                field_ends.push_back(static_cast<std::uint32_t>(bytes.size()));
                bytes.push_back(',');
            }
        }
        out.fields_end = static_cast<std::uint32_t>(field_ends.size());
        records.push_back(out);
    }
    // Bytes after the last line, which io::CsvReader::split_plain may read: added before the batch
    // is handed to the owners.
    void pad() { bytes.append(k_split_padding, '\0'); }
    // An empty batch with room for a little more than `previous` held: batches are alike (cut at
    // k_batch_records), and growing each from empty copied its bytes several times over.
    static std::shared_ptr<RecordBatch> like(const RecordBatch& previous) {
        auto batch = std::make_shared<RecordBatch>();
        batch->bytes.reserve(previous.bytes.size() + previous.bytes.size() / 8);
        batch->field_ends.reserve(previous.field_ends.size() + previous.field_ends.size() / 8);
        batch->records.reserve(previous.records.size());
        return batch;
    }
    // Where field `at` of a split record starts (`first`: the record's first field): at the record's
    // start, or one separator after the field before it.
    std::uint32_t field_start(const Record& meta, std::uint32_t first, std::uint32_t at) const {
        return at == first ? meta.start : field_ends[at - 1] + 1;
    }
};

// Batches from the splitting thread to every owner; a batch is released when all owners read it.
class BatchQueue {
  public:
    explicit BatchQueue(std::size_t owners) : m_cursor(owners, 0) {}

    // False when an owner failed: reading stops.
    bool push(std::shared_ptr<const RecordBatch> batch) {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_failed || m_window.size() < k_batches_in_flight; });
        if (m_failed) {
            return false;
        }
        m_window.push_back(std::move(batch));
        m_changed.notify_all();
        return true;
    }
    void close() {
        const std::lock_guard lock(m_mutex);
        m_closed = true;
        m_changed.notify_all();
    }
    void fail(std::exception_ptr error) {
        const std::lock_guard lock(m_mutex);
        m_failed = true;
        if (!m_error) {
            m_error = std::move(error);
        }
        m_changed.notify_all();
    }
    std::exception_ptr error() const {
        const std::lock_guard lock(m_mutex);
        return m_error;
    }
    // The owner's next batch; null at the end.
    std::shared_ptr<const RecordBatch> next(std::size_t owner) {
        std::unique_lock lock(m_mutex);
        // Batches every owner has taken are released here (an owner still reading one holds it).
        const std::uint64_t slowest = *std::min_element(m_cursor.begin(), m_cursor.end());
        if (m_first < slowest) {
            while (m_first < slowest) {
                m_window.pop_front();
                ++m_first;
            }
            m_changed.notify_all();
        }
        m_changed.wait(lock,
                       [&] { return m_failed || m_closed || m_cursor[owner] < m_first + m_window.size(); });
        if (m_failed || m_cursor[owner] >= m_first + m_window.size()) {
            return nullptr;
        }
        return m_window[m_cursor[owner]++ - m_first];
    }

  private:
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::shared_ptr<const RecordBatch>> m_window;
    std::uint64_t m_first = 0; // sequence number of m_window.front()
    std::vector<std::uint64_t> m_cursor;
    bool m_closed = false;
    bool m_failed = false;
    std::exception_ptr m_error;
};

// Records ahead of the one being read whose patient's place in the id index is prefetched, and then,
// nearer, the patient itself: a scattered export's ids hit the index and the patients at random, and
// each row's lookup would otherwise wait for memory twice (PatientStore::patient was the costliest
// function of a 1M-row run).
constexpr std::size_t k_prefetch_distance = 8;
constexpr std::size_t k_prefetch_patient_distance = 4;

// The owner's records of a batch: each record's first field.
void owned_records(const RecordBatch& batch, std::size_t owner, std::vector<std::uint32_t>& firsts,
                   std::vector<const RecordBatch::Record*>& records) {
    firsts.clear();
    records.clear();
    std::uint32_t field = 0;
    for (const RecordBatch::Record& meta : batch.records) {
        if (meta.owner == owner) {
            firsts.push_back(field);
            records.push_back(&meta);
        }
        field = meta.fields_end;
    }
}

// The record's patient id as the store is searched by (empty when the record has none).
std::string_view patient_id_of(const RecordBatch& batch, std::uint32_t first, const RecordBatch::Record& meta,
                               std::size_t patient_field) {
    if (meta.unsplit) {
        return {batch.bytes.data() + meta.id_start, meta.id_size};
    }
    if (patient_field == std::string::npos || meta.error >= 0 || first + patient_field >= meta.fields_end) {
        return {};
    }
    const auto at = static_cast<std::uint32_t>(first + patient_field);
    const std::uint32_t start = batch.field_start(meta, first, at);
    return util::trim(std::string_view(batch.bytes.data() + start, batch.field_ends[at] - start));
}

// A record's fields as read, but an unsplit line's. Every field's view is written in place: records
// of one input have alike counts, so the vector is mostly resized to the size it has.
void fields_of(const RecordBatch& batch, std::uint32_t first, const RecordBatch::Record& meta,
               std::vector<std::string_view>& fields) {
    fields.resize(meta.fields_end - first);
    std::uint32_t start = meta.start;
    const char* const bytes = batch.bytes.data();
    std::string_view* field = fields.data();
    for (std::uint32_t i = first; i < meta.fields_end; ++i) {
        const std::uint32_t end = batch.field_ends[i];
        *field++ = std::string_view(bytes + start, end - start);
        start = end + 1;
    }
}

// Reads the owner's records of every batch with its Ingest.
void own_records(Ingest& ingest, BatchQueue& queue, std::size_t owner, const CsvColumns& columns,
                 std::uint32_t input) {
    io::CsvRecord record;
    std::vector<std::uint32_t> firsts;
    std::vector<const RecordBatch::Record*> records;
    const std::size_t patient_field = columns.patient_id_field();
    while (const auto batch = queue.next(owner)) {
        owned_records(*batch, owner, firsts, records);
        const PatientStore& store = ingest.store();
        auto id_at = [&](std::size_t k) {
            return patient_id_of(*batch, firsts[k], *records[k], patient_field);
        };
        for (std::size_t k = 0; k < records.size() && k < k_prefetch_distance; ++k) {
            store.prefetch(id_at(k));
        }
        for (std::size_t k = 0; k < records.size(); ++k) {
            if (k + k_prefetch_distance < records.size()) {
                store.prefetch(id_at(k + k_prefetch_distance));
            }
            if (k + k_prefetch_patient_distance < records.size()) {
                store.prefetch_patient(id_at(k + k_prefetch_patient_distance));
            }
            const RecordBatch::Record& meta = *records[k];
            const std::uint32_t first = firsts[k];
            record.line = meta.line;
            if (meta.error >= 0) {
                record.error = batch->errors[static_cast<std::size_t>(meta.error)];
            } else {
                record.error.clear();
            }
            record.contiguous = meta.contiguous;
            if (meta.unsplit) {
                record.spaceless =
                    io::CsvReader::split_plain({batch->bytes.data() + meta.start, meta.size}, record.fields);
            } else {
                record.spaceless = false;
                fields_of(*batch, first, meta, record.fields);
            }
            ingest.read_csv_record(columns, input, record);
        }
    }
}

// util::trim(cell), the cell itself tested inline first: a patient id seldom has a byte up to a space
// at either end.
std::string_view trimmed_id(std::string_view cell) {
    const bool plain = cell.empty() || (static_cast<unsigned char>(cell.front()) > ' ' &&
                                        static_cast<unsigned char>(cell.back()) > ' ');
    return plain ? cell : util::trim(cell);
}

// Splits the records after the header into batches for `owners` owner threads; returns how many
// were read. `before`: records of earlier inputs, for progress.
std::uint64_t split_records(io::CsvReader& reader, BatchQueue& queue, const CsvColumns& columns, bool routed,
                            std::size_t owners, const std::function<void(std::uint64_t)>& on_progress,
                            std::uint64_t before) {
    std::uint64_t records = 0;
    io::CsvRecord record;
    std::optional<std::string_view> plain;
    const std::size_t patient_field = columns.patient_id_field();
    auto batch = std::make_shared<RecordBatch>();
    while (reader.next_unsplit(record, plain)) {
        // A record without a usable patient is only counted: any owner will do.
        std::uint32_t owner = 0;
        if (plain) {
            const std::string_view id =
                routed ? trimmed_id(io::CsvReader::plain_field(*plain, patient_field)) : std::string_view();
            if (routed) {
                owner = static_cast<std::uint32_t>(patient_owner(id, owners));
            }
            batch->add_line(*plain, record.line, id, owner);
        } else {
            if (routed && record.error.empty()) {
                owner = static_cast<std::uint32_t>(patient_owner(columns.patient_id(record.fields), owners));
            }
            batch->add(record, owner);
        }
        ++records;
        if (on_progress && ((before + records) & 0xFFFU) == 0) {
            on_progress(before + records);
        }
        if (batch->records.size() >= k_batch_records || batch->bytes.size() >= k_batch_bytes) {
            batch->pad();
            if (!queue.push(std::exchange(batch, RecordBatch::like(*batch)))) {
                return records; // an owner failed: its error is rethrown by ParallelIngest::read
            }
        }
    }
    if (!batch->records.empty()) {
        batch->pad();
        queue.push(std::move(batch));
    }
    return records;
}

} // namespace

void ParallelIngest::read_csv(std::istream& in, std::uint32_t input,
                              const std::function<void(std::string_view)>& observer) {
    Ingest& first_owner = *m_owners.front();
    io::CsvReader reader(in, {}, observer);
    io::CsvRecord record;
    if (!reader.next(record)) {
        first_owner.reject_empty_input(input, Format::csv);
        return;
    }
    const CsvColumns columns = first_owner.read_csv_header(input, record);
    const bool routed = columns.header_error.empty() && columns.missing.empty() && columns.unknown.empty();

    const std::size_t owners = m_owners.size();
    BatchQueue queue(owners);
    std::vector<std::thread> threads;
    threads.reserve(owners);
    for (std::size_t i = 0; i < owners; ++i) {
        threads.emplace_back([&, i] {
            try {
                own_records(*m_owners[i], queue, i, columns, input);
            } catch (...) {
                queue.fail(std::current_exception());
            }
        });
    }
    std::uint64_t records = 0;
    try {
        records = split_records(reader, queue, columns, routed, owners, on_progress, m_records);
    } catch (...) {
        queue.fail(std::current_exception());
    }
    queue.close();
    for (auto& thread : threads) {
        thread.join();
    }
    if (const std::exception_ptr error = queue.error()) {
        std::rethrow_exception(error);
    }
    m_records += records;
    if (records == 0 && columns.header_error.empty()) {
        first_owner.reject_empty_input(input, Format::csv);
    }
}

} // namespace medcheck::batch
