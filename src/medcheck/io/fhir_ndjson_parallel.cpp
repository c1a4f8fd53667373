// FHIR NDJSON read on several threads: this thread splits lines into batches, parser threads turn
// each batch's lines into sink calls recorded in order, and this thread replays the batches in input
// order into the real sink, so the sink sees exactly what read_fhir_ndjson would have given it.
#include <medcheck/io/fhir_parts.hpp>

#include <condition_variable>
#include <deque>
#include <exception>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace medcheck::io {

namespace {

using namespace fhir_detail;

// Lines handed to a parser thread at a time, and batches in flight: enough to keep every thread
// busy, few enough to bound the memory held (each batch is at most about k_batch_bytes of text plus
// what its resources map to).
constexpr std::size_t k_batch_lines = 2048;
constexpr std::size_t k_batch_bytes = std::size_t{1} << 20U;
constexpr std::size_t k_batches_per_thread = 2;

struct Rejected {
    std::string field;
    std::string reason;
};
struct Skipped {
    std::string reason;
};

// The room a request keeps beyond which a recording sink releases it before writing over it: far
// above what an order's texts take, small enough that a batch's requests hold a few MB at most.
constexpr std::size_t k_max_kept_request_bytes = 4096;

// The heap bytes a request holds, about: its strings' and lists' room, and their elements'.
std::size_t held_bytes(const FhirMedicationRequest& request) {
    std::size_t bytes = 0;
    const auto text = [&](const std::string& s) { bytes += s.capacity(); };
    for (const std::string* s : {&request.id, &request.patient, &request.status, &request.authored_on,
                                 &request.medication_text, &request.unit, &request.route, &request.frequency,
                                 &request.dosage_text, &request.medication_reference}) {
        text(*s);
    }
    bytes += request.medication_codings.capacity() * sizeof(FhirCoding);
    for (const FhirCoding& coding : request.medication_codings) {
        text(coding.system);
        text(coding.code);
        text(coding.display);
    }
    bytes += request.times_of_day.capacity() * sizeof(std::string);
    for (const std::string& time : request.times_of_day) {
        text(time);
    }
    bytes += request.issues.capacity() * sizeof(std::pair<std::string, std::string>);
    for (const auto& issue : request.issues) {
        text(issue.first);
        text(issue.second);
    }
    if (request.rejection) {
        text(request.rejection->first);
        text(request.rejection->second);
    }
    bytes += request.concurrent.capacity() * sizeof(FhirMedicationRequest);
    for (const FhirMedicationRequest& part : request.concurrent) {
        bytes += held_bytes(part);
    }
    return bytes;
}

// A sink that keeps every call, in order, for this thread to replay. Each resource is kept in a list
// of its type: a Patient's call does not take the room of a MedicationRequest's (as in one list of
// variants, six times the bytes written and read again for most calls).
class RecordingSink final : public FhirSink {
  public:
    enum class Kind : std::uint8_t {
        patient,
        request,
        condition,
        observation,
        medication,
        skipped,
        rejected
    };
    struct Call {
        std::uint64_t record;
        std::uint32_t index; // in the list of its kind
        // The patient it is about, in m_patient_ids: read for routing and hints without touching the
        // resource (a request is some 600 bytes, far from the calls).
        std::uint32_t patient_begin;
        std::uint32_t patient_size;
        Kind kind;
    };
    std::vector<Call> calls;

    void patient(std::uint64_t record, FhirPatient&& patient) override {
        add(record, Kind::patient, patient.id, m_patients, std::move(patient));
    }
    // The next request's place: one kept from the batch's earlier use where there is one, whose
    // strings and lists keep their room, unless they hold more than k_max_kept_request_bytes (so that
    // a batch's kept requests hold at most that much each, whatever lines came before).
    FhirMedicationRequest* request_room() override {
        if (m_request_count == m_requests.size()) {
            m_requests.emplace_back();
        } else if (held_bytes(m_requests[m_request_count]) > k_max_kept_request_bytes) {
            m_requests[m_request_count] = FhirMedicationRequest{};
        }
        return &m_requests[m_request_count];
    }
    void medication_request(std::uint64_t record, FhirMedicationRequest&& request) override {
        add_call(record, Kind::request, m_request_count, request.patient);
        if (m_request_count == m_requests.size()) {
            m_requests.push_back(std::move(request)); // written elsewhere
        } else if (&request != &m_requests[m_request_count]) {
            m_requests[m_request_count] = std::move(request); // written elsewhere
        }
        ++m_request_count;
    }
    void condition(std::uint64_t record, FhirCondition&& condition) override {
        add(record, Kind::condition, condition.patient, m_conditions, std::move(condition));
    }
    void observation(std::uint64_t record, FhirObservation&& observation) override {
        add(record, Kind::observation, observation.patient, m_observations, std::move(observation));
    }
    void medication(std::uint64_t record, FhirMedication&& medication) override {
        add(record, Kind::medication, {}, m_medications, std::move(medication));
    }
    void skipped(std::uint64_t record, const std::string& reason) override {
        add(record, Kind::skipped, {}, m_skips, Skipped{reason});
    }
    void rejected(std::uint64_t record, const std::string& field, const std::string& reason) override {
        add(record, Kind::rejected, {}, m_rejections, Rejected{field, reason});
    }

    // Empty again, keeping the lists' room (and the requests, to be written over).
    void clear() {
        calls.clear();
        m_patient_ids.clear();
        m_patients.clear();
        m_request_count = 0;
        m_conditions.clear();
        m_observations.clear();
        m_medications.clear();
        m_skips.clear();
        m_rejections.clear();
    }
    // Makes a recorded call on `sink`, moving its resource.
    void replay(const Call& call, FhirSink& sink) {
        switch (call.kind) {
        case Kind::patient:
            sink.patient(call.record, std::move(m_patients[call.index]));
            break;
        case Kind::request:
            sink.medication_request(call.record, std::move(m_requests[call.index]));
            break;
        case Kind::condition:
            sink.condition(call.record, std::move(m_conditions[call.index]));
            break;
        case Kind::observation:
            sink.observation(call.record, std::move(m_observations[call.index]));
            break;
        case Kind::medication:
            sink.medication(call.record, std::move(m_medications[call.index]));
            break;
        case Kind::skipped:
            sink.skipped(call.record, m_skips[call.index].reason);
            break;
        case Kind::rejected:
            sink.rejected(call.record, m_rejections[call.index].field, m_rejections[call.index].reason);
            break;
        }
    }
    // The patient a call is about, or empty. Valid until the next call is recorded.
    std::string_view patient_of(const Call& call) const {
        return {m_patient_ids.data() + call.patient_begin, call.patient_size};
    }

  private:
    void add_call(std::uint64_t record, Kind kind, std::size_t index, std::string_view patient) {
        calls.push_back({record, static_cast<std::uint32_t>(index),
                         static_cast<std::uint32_t>(m_patient_ids.size()),
                         static_cast<std::uint32_t>(patient.size()), kind});
        m_patient_ids.append(patient);
    }
    template <typename T>
    void add(std::uint64_t record, Kind kind, std::string_view patient, std::vector<T>& list,
             std::type_identity_t<T>&& value) {
        add_call(record, kind, list.size(), patient);
        list.push_back(std::move(value));
    }

    std::string m_patient_ids; // the calls' patients, back to back
    std::vector<FhirPatient> m_patients;
    // Requests of this use of the batch (the first m_request_count), then ones kept to be written over.
    std::vector<FhirMedicationRequest> m_requests;
    std::size_t m_request_count = 0;
    std::vector<FhirCondition> m_conditions;
    std::vector<FhirObservation> m_observations;
    std::vector<FhirMedication> m_medications;
    std::vector<Skipped> m_skips;
    std::vector<Rejected> m_rejections;
};

// Calls ahead of the one replayed whose patient the sink is told of (FhirSink::upcoming): the sink's
// patient index is hit at random, and a hint lets it overlap those cache misses. Sixteen and eight
// took some 4% less CPU time to read 1M scattered NDJSON requests on 2 jobs than eight and four (no
// hints: some 12% more).
constexpr std::size_t k_hint_distance = 16;
// Calls ahead whose patient the sink is told of again, nearer (FhirSink::upcoming_soon).
constexpr std::size_t k_soon_distance = 8;

// Replays `count` calls recorded in `recorded` into `sink` in order (`call(k)`: the k-th), telling it
// of the patients k_hint_distance and k_soon_distance calls ahead.
template <typename CallAt>
void replay_hinted(std::size_t count, CallAt call, RecordingSink& recorded, FhirSink& sink) {
    for (std::size_t k = 0; k < count; ++k) {
        if (k + k_hint_distance < count) {
            sink.upcoming(recorded.patient_of(call(k + k_hint_distance)));
        }
        if (k + k_soon_distance < count) {
            sink.upcoming_soon(recorded.patient_of(call(k + k_soon_distance)));
        }
        recorded.replay(call(k), sink);
    }
}

// Lines copied out of the input, back to back, with simdjson's padding after the last; an over-long
// line is a line without text (its rejection is made when the batch is parsed, in its place).
struct LineBatch {
    struct Line {
        std::uint64_t number = 0;
        std::size_t begin = 0;
        std::size_t end = 0;
        bool too_long = false;
    };
    std::string bytes;
    std::vector<Line> lines;
    std::vector<LineSpan> run; // parse_batch's lines between over-long ones, kept for its room
    RecordingSink out;
    std::exception_ptr error;
    bool parsed = false;
    // read_fhir_ndjson_owned: each sink's calls (indexes into out.calls), and how many sinks are done.
    std::vector<std::vector<std::uint32_t>> owned;
    std::size_t replayed = 0;

    bool full() const { return lines.size() >= k_batch_lines || bytes.size() >= k_batch_bytes; }
    // Empty again for new lines, keeping its buffers (a new megabyte buffer per batch would be
    // page-faulted anew). The replayed calls are left for the parser thread that takes the batch
    // next to destroy (parse_batch): the thread that files them is the pipeline's slowest stage.
    void reset() {
        bytes.clear();
        lines.clear();
        error = nullptr;
        parsed = false;
        replayed = 0;
    }
};

// Parses a batch's lines: the lines between over-long ones together (LineParser::read_lines).
void parse_batch(LineBatch& batch, LineParser& parser, const FhirLimits& limits) {
    batch.out.clear(); // the calls of the batch's previous use, replayed by now
    batch.bytes.append(simdjson::SIMDJSON_PADDING, '\0');
    std::vector<LineSpan>& run = batch.run;
    run.clear();
    for (const LineBatch::Line& line : batch.lines) {
        if (line.too_long) {
            parser.read_lines(batch.bytes.data(), run, batch.out);
            run.clear();
            batch.out.rejected(line.number, "line", line_too_long(limits));
        } else {
            run.push_back({line.number, line.begin, line.end});
        }
    }
    parser.read_lines(batch.bytes.data(), run, batch.out);
}

// A spare batch (emptied when it was replayed), or a new one.
std::unique_ptr<LineBatch> reused_or_new(std::vector<std::unique_ptr<LineBatch>>& spare) {
    if (spare.empty()) {
        return std::make_unique<LineBatch>();
    }
    auto batch = std::move(spare.back());
    spare.pop_back();
    return batch;
}

// Batches in input order: parser threads take the next unparsed one, this thread replays the oldest
// once it is parsed. At most `window` batches are held.
class BatchPipeline {
  public:
    BatchPipeline(std::size_t threads, const FhirLimits& limits, FhirSink& sink)
        : m_limits(limits), m_sink(sink), m_window(threads * k_batches_per_thread) {
        try {
            for (std::size_t i = 0; i < threads; ++i) {
                m_threads.emplace_back([this] { parse_batches(); });
            }
        } catch (...) {
            stop(); // a thread that could not start: the started ones are joined before the error
            throw;
        }
    }
    ~BatchPipeline() { stop(); }
    BatchPipeline(const BatchPipeline&) = delete;
    BatchPipeline& operator=(const BatchPipeline&) = delete;

    // Queues a batch, first replaying into the sink what must leave to make room.
    void push(std::unique_ptr<LineBatch> batch) {
        while (held() >= m_window) {
            replay_oldest();
        }
        const std::lock_guard lock(m_mutex);
        m_batches.push_back(std::move(batch));
        m_changed.notify_all();
    }
    // An empty batch: one replayed earlier, or a new one.
    std::unique_ptr<LineBatch> empty_batch() { return reused_or_new(m_spare); }
    // Replays every batch still held.
    void finish() {
        while (held() > 0) {
            replay_oldest();
        }
    }

  private:
    std::size_t held() {
        const std::lock_guard lock(m_mutex);
        return m_batches.size();
    }
    void stop() {
        {
            const std::lock_guard lock(m_mutex);
            m_closed = true;
            m_changed.notify_all();
        }
        for (auto& thread : m_threads) {
            thread.join();
        }
    }
    void replay_oldest() {
        std::unique_ptr<LineBatch> batch;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [&] { return m_batches.front()->parsed; });
            batch = std::move(m_batches.front());
            m_batches.pop_front();
            --m_next;
        }
        if (batch->error) {
            std::rethrow_exception(batch->error);
        }
        const auto& calls = batch->out.calls;
        replay_hinted(
            calls.size(), [&](std::size_t k) -> const auto& { return calls[k]; }, batch->out, m_sink);
        batch->reset();
        m_spare.push_back(std::move(batch));
    }
    void parse_batches() {
        LineParser parser(m_limits);
        while (true) {
            LineBatch* batch = nullptr;
            {
                std::unique_lock lock(m_mutex);
                m_changed.wait(lock, [&] { return m_closed || m_next < m_batches.size(); });
                if (m_next >= m_batches.size()) {
                    return; // closed, nothing left
                }
                batch = m_batches[m_next++].get();
            }
            try {
                parse_batch(*batch, parser, m_limits);
            } catch (...) {
                batch->error = std::current_exception();
            }
            const std::lock_guard lock(m_mutex);
            batch->parsed = true;
            m_changed.notify_all();
        }
    }

    const FhirLimits& m_limits;
    FhirSink& m_sink;
    const std::size_t m_window;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::unique_ptr<LineBatch>> m_batches; // input order; the first m_next are taken
    std::size_t m_next = 0;
    bool m_closed = false;
    std::vector<std::unique_ptr<LineBatch>> m_spare; // replayed batches for reuse (this thread's)
    std::vector<std::thread> m_threads;
};

// Batches in input order, each parsed by whichever thread comes first and then replayed by every
// thread into its own sink: the calls the batch's router gives that sink. Thread k is owner k: it
// files its patients' next batch when parsed, else parses the next unparsed one. A batch is reused
// once every owner has replayed it; at most `window` are held.
class OwnedPipeline {
  public:
    OwnedPipeline(const std::vector<FhirSink*>& sinks, const NdjsonOwners& owners, const FhirLimits& limits)
        : m_sinks(sinks), m_owner(owners.owner), m_limits(limits),
          m_window(sinks.size() * k_batches_per_thread), m_cursor(sinks.size(), 0) {
        try {
            for (std::size_t k = 0; k < sinks.size(); ++k) {
                m_threads.emplace_back([this, k] { work(k); });
            }
        } catch (...) {
            stop();
            throw;
        }
    }
    ~OwnedPipeline() { stop(); }
    OwnedPipeline(const OwnedPipeline&) = delete;
    OwnedPipeline& operator=(const OwnedPipeline&) = delete;

    // Queues a batch once there is room; an owner's failure is rethrown here (reading stops).
    void push(std::unique_ptr<LineBatch> batch) {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_error || m_batches.size() < m_window; });
        if (m_error) {
            std::rethrow_exception(m_error);
        }
        m_batches.push_back(std::move(batch));
        m_changed.notify_all();
    }
    std::unique_ptr<LineBatch> empty_batch() {
        const std::lock_guard lock(m_mutex);
        return reused_or_new(m_spare);
    }
    // Waits until every owner has filed every batch; rethrows the first failure.
    void finish() {
        {
            const std::lock_guard lock(m_mutex);
            m_closed = true;
            m_changed.notify_all();
        }
        join();
        if (m_error) {
            std::rethrow_exception(m_error);
        }
    }

  private:
    LineBatch& at(std::uint64_t sequence) { return *m_batches[sequence - m_first]; }
    std::uint64_t end() const { return m_first + m_batches.size(); }

    void work(std::size_t owner) {
        LineParser parser(m_limits);
        std::unique_lock lock(m_mutex);
        while (!m_error && !m_stopped) {
            if (m_cursor[owner] < end() && at(m_cursor[owner]).parsed) {
                LineBatch& batch = at(m_cursor[owner]);
                lock.unlock();
                std::exception_ptr failure = batch.error;
                if (!failure) {
                    try {
                        file(batch, owner);
                    } catch (...) {
                        failure = std::current_exception();
                    }
                }
                lock.lock();
                if (failure) {
                    fail(failure);
                    return;
                }
                ++m_cursor[owner];
                ++batch.replayed;
                release_filed();
                m_changed.notify_all();
            } else if (m_next < end()) {
                LineBatch& batch = at(m_next++);
                lock.unlock();
                try {
                    parse_batch(batch, parser, m_limits);
                    route(batch);
                } catch (...) {
                    batch.error = std::current_exception();
                }
                lock.lock();
                batch.parsed = true;
                m_changed.notify_all();
            } else if (m_closed && m_cursor[owner] == end()) {
                return;
            } else {
                m_changed.wait(lock);
            }
        }
    }
    // Sorts a parsed batch's calls by owner: a call about no patient goes to sink 0.
    void route(LineBatch& batch) const {
        batch.owned.resize(m_sinks.size());
        for (auto& calls : batch.owned) {
            calls.clear();
        }
        const auto& calls = batch.out.calls;
        for (std::uint32_t k = 0; k < calls.size(); ++k) {
            const std::string_view patient = batch.out.patient_of(calls[k]);
            const std::size_t owner = patient.empty() ? 0 : m_owner(patient) % m_sinks.size();
            batch.owned[owner].push_back(k);
        }
    }
    // Replays the owner's calls of a batch into its sink (other owners move other calls meanwhile).
    void file(LineBatch& batch, std::size_t owner) const {
        const auto& calls = batch.out.calls;
        const std::vector<std::uint32_t>& mine = batch.owned[owner];
        replay_hinted(
            mine.size(), [&](std::size_t k) -> const auto& { return calls[mine[k]]; }, batch.out,
            *m_sinks[owner]);
    }
    // Batches at the front that every owner has filed become spares.
    void release_filed() {
        while (!m_batches.empty() && m_batches.front()->replayed == m_sinks.size()) {
            m_batches.front()->reset();
            m_spare.push_back(std::move(m_batches.front()));
            m_batches.pop_front();
            ++m_first; // parsed, so m_next is past it already
        }
    }
    void fail(std::exception_ptr error) {
        if (!m_error) {
            m_error = std::move(error);
        }
        m_changed.notify_all();
    }
    void stop() {
        {
            const std::lock_guard lock(m_mutex);
            m_stopped = true;
            m_changed.notify_all();
        }
        join();
    }
    void join() {
        for (auto& thread : m_threads) {
            if (thread.joinable()) {
                thread.join();
            }
        }
    }

    const std::vector<FhirSink*>& m_sinks;
    const std::function<std::size_t(std::string_view)>& m_owner;
    const FhirLimits& m_limits;
    const std::size_t m_window;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::unique_ptr<LineBatch>> m_batches; // input order, from sequence m_first
    std::uint64_t m_first = 0;
    std::uint64_t m_next = 0;            // the next batch to parse
    std::vector<std::uint64_t> m_cursor; // each owner's next batch to file
    bool m_closed = false;               // no more batches will come
    bool m_stopped = false;              // abandoned: owners return at once
    std::exception_ptr m_error;
    std::vector<std::unique_ptr<LineBatch>> m_spare;
    std::vector<std::thread> m_threads;
};

// Splits the input into batches of lines for a pipeline (push, empty_batch, finish); `lines` sees
// the count split so far every few thousand lines.
template <typename Pipeline>
void split_into(Pipeline& pipeline, std::istream& in, const FhirLimits& limits,
                const std::function<void(std::string_view)>& observer,
                const std::function<void(std::uint64_t)>& lines) {
    auto batch = pipeline.empty_batch();
    auto added = [&](std::uint64_t line) {
        if (lines && (line & 0xFFFU) == 0) {
            lines(line);
        }
        if (batch->full()) {
            pipeline.push(std::exchange(batch, nullptr));
            batch = pipeline.empty_batch();
        }
    };
    split_ndjson_lines(
        in, limits, observer,
        [&](const char* buffer, std::span<const LineSpan> found) {
            for (const LineSpan& line : found) {
                const std::size_t begin = batch->bytes.size();
                batch->bytes.append(buffer + line.begin, line.end - line.begin);
                batch->lines.push_back({line.number, begin, batch->bytes.size(), false});
                added(line.number);
            }
        },
        [&](std::uint64_t line) {
            batch->lines.push_back({line, 0, 0, true});
            added(line);
        });
    if (!batch->lines.empty()) {
        pipeline.push(std::move(batch));
    }
    pipeline.finish();
}

} // namespace

void read_fhir_ndjson(std::istream& in, FhirSink& sink, const FhirLimits& limits,
                      const std::function<void(std::string_view)>& observer, unsigned threads) {
    if (threads <= 1) {
        read_fhir_ndjson(in, sink, limits, observer);
        return;
    }
    BatchPipeline pipeline(threads, limits, sink);
    split_into(pipeline, in, limits, observer, {});
}

void read_fhir_ndjson_owned(std::istream& in, const std::vector<FhirSink*>& sinks, const NdjsonOwners& owners,
                            const FhirLimits& limits, const std::function<void(std::string_view)>& observer) {
    OwnedPipeline pipeline(sinks, owners, limits);
    split_into(pipeline, in, limits, observer, owners.lines);
}

} // namespace medcheck::io
