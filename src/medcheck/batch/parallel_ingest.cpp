// The parallel reader's owners and how their results merge; CSV splitting is in parallel_csv.cpp,
// NDJSON routing in io/fhir_ndjson_parallel.cpp.
#include <medcheck/batch/parallel_ingest.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace medcheck::batch {

namespace {

// An owner counts this many distinct out-of-scope names by name; the merge keeps the input's first
// k_max_out_of_scope_names of all owners (an owner cannot know which of its names those are).
constexpr std::size_t k_owner_out_of_scope_names = 1000000;

// The owners' out-of-scope names, merged as one reader counts them: by name the first
// k_max_out_of_scope_names seen in filing order, the rest together as "(other names)".
class OutOfScopeNames {
  public:
    void add(const Ingest& owner) {
        for (const auto& [name, count] : owner.counts().out_of_scope_by_drug) {
            const auto first = owner.out_of_scope_first().find(name);
            if (first == owner.out_of_scope_first().end()) {
                m_other += count; // the owner's own "(other names)"
                continue;
            }
            Named& named = m_names[name];
            named.count += count;
            if (filed_before(first->second, named.first)) {
                named.first = first->second;
            }
        }
    }
    void merge_into(std::map<std::string, std::uint64_t>& by_drug) const {
        std::vector<const std::pair<const std::string, Named>*> order;
        order.reserve(m_names.size());
        for (const auto& entry : m_names) {
            order.push_back(&entry);
        }
        std::sort(order.begin(), order.end(), [](const auto* a, const auto* b) {
            return filed_before(a->second.first, b->second.first);
        });
        std::uint64_t other = m_other;
        for (std::size_t i = 0; i < order.size(); ++i) {
            if (i < k_max_out_of_scope_names) {
                by_drug.emplace(order[i]->first, order[i]->second.count);
            } else {
                other += order[i]->second.count;
            }
        }
        if (other > 0) {
            by_drug["(other names)"] += other;
        }
    }

  private:
    struct Named {
        std::uint64_t count = 0;
        FiledAt first{{~0U, ~0ULL}, true};
    };
    std::map<std::string, Named> m_names;
    std::uint64_t m_other = 0;
};

} // namespace

ParallelIngest::ParallelIngest(const rules::RuleSet& rules, const IngestOptions& options, unsigned owners) {
    for (unsigned i = 0; i < std::max(1U, owners); ++i) {
        auto& owner = m_owners.emplace_back(std::make_unique<Ingest>(rules, options));
        owner->set_out_of_scope_names(k_owner_out_of_scope_names);
    }
}

ParallelIngest::~ParallelIngest() = default;

void ParallelIngest::read(std::istream& in, Format format, std::uint32_t input, const std::string& prefix,
                          const std::function<void(std::string_view)>& observer) {
    for (auto& owner : m_owners) {
        owner->add_input(input, prefix);
    }
    if (format == Format::csv) {
        read_csv(in, input, observer);
    } else if (format == Format::fhir_ndjson) {
        read_ndjson(in, input, observer);
    } else {
        throw std::logic_error("ParallelIngest reads CSV and FHIR NDJSON inputs only");
    }
}

std::uint64_t ParallelIngest::records_read() const {
    std::uint64_t read = 0;
    for (const auto& owner : m_owners) {
        read += owner->counts().read;
    }
    return read;
}

void ParallelIngest::read_ndjson(std::istream& in, std::uint32_t input,
                                 const std::function<void(std::string_view)>& observer) {
    std::vector<Ingest*> owners;
    for (const auto& owner : m_owners) {
        owners.push_back(owner.get());
    }
    const std::uint64_t before = records_read();
    read_fhir_ndjson_owned(owners, in, input, observer, [&](std::uint64_t lines) {
        if (on_progress) {
            on_progress(m_records + lines);
        }
    });
    const std::uint64_t after = records_read();
    m_records += after - before;
    if (after == before) {
        m_owners.front()->reject_empty_input(input, Format::fhir_ndjson);
    }
}

RecordCounts ParallelIngest::counts() const {
    RecordCounts out;
    OutOfScopeNames names;
    for (const auto& owner : m_owners) {
        const RecordCounts& c = owner->counts();
        out.read += c.read;
        out.checked += c.checked;
        out.skipped += c.skipped;
        out.rejected += c.rejected;
        out.medication_orders += c.medication_orders;
        for (const auto& [reason, count] : c.skipped_by_reason) {
            out.skipped_by_reason[reason] += count;
        }
        for (const auto& [reason, count] : c.rejected_by_reason) {
            out.rejected_by_reason[reason] += count;
        }
        names.add(*owner);
        // Each owner lists its first rejections; the input's first ones are among them.
        out.rejections.insert(out.rejections.end(), c.rejections.begin(), c.rejections.end());
    }
    std::stable_sort(out.rejections.begin(), out.rejections.end(),
                     [](const Rejection& a, const Rejection& b) { return filed_before(a.at, b.at); });
    if (out.rejections.size() > k_max_listed_rejections) {
        out.rejections.resize(k_max_listed_rejections);
    }
    names.merge_into(out.out_of_scope_by_drug);
    return out;
}

void ParallelIngest::seal() {
    for (const auto& owner : m_owners) {
        owner->store().seal();
    }
}

std::vector<const check::KnownNames*> ParallelIngest::known_names() const {
    std::vector<const check::KnownNames*> out;
    for (const auto& owner : m_owners) {
        out.push_back(&owner->scope());
    }
    return out;
}

std::vector<PatientRef> ParallelIngest::patients() const {
    std::vector<PatientRef> out;
    std::size_t total = 0;
    for (const auto& owner : m_owners) {
        total += owner->store().size();
    }
    out.reserve(total);
    // Each owner's patients are in filing order: merge them.
    std::vector<std::size_t> next(m_owners.size(), 0);
    while (out.size() < total) {
        std::size_t pick = m_owners.size();
        for (std::size_t i = 0; i < m_owners.size(); ++i) {
            if (next[i] < m_owners[i]->store().size() &&
                (pick == m_owners.size() || filed_before(m_owners[i]->patient_filed_at(next[i]),
                                                         m_owners[pick]->patient_filed_at(next[pick])))) {
                pick = i;
            }
        }
        const PatientStore& store = m_owners[pick]->store();
        out.push_back({&store, &store.at(next[pick]++)});
    }
    return out;
}

} // namespace medcheck::batch
