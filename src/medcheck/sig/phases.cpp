#include <medcheck/sig/phases.hpp>

#include <medcheck/sig/reader.hpp>
#include <medcheck/units/dose_unit.hpp>
#include <medcheck/util/text.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

namespace medcheck::sig {

namespace {

bool word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// Where `word` (lower case) stands as a whole word in `text` from `from`, case-insensitively; npos
// when nowhere. Every sig is searched, so positions are first tested by their letter alone.
std::size_t find_word(std::string_view text, std::string_view word, std::size_t from) {
    const char first = word.front();
    for (std::size_t at = from; at + word.size() <= text.size(); ++at) {
        const char c = text[at];
        if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != first) {
            continue;
        }
        const bool starts = at == 0 || !word_char(text[at - 1]);
        const bool ends = at + word.size() == text.size() || !word_char(text[at + word.size()]);
        if (starts && ends && util::equals_ignore_case(text.substr(at, word.size()), word)) {
            return at;
        }
    }
    return std::string_view::npos;
}

// A phase's text without the joining words and marks around it (", and", ";").
std::string_view trimmed_part(std::string_view part) {
    for (bool changed = true; changed;) {
        changed = false;
        part = util::trim(part);
        while (!part.empty() && (part.back() == ',' || part.back() == ';' || part.back() == '.')) {
            part.remove_suffix(1);
            changed = true;
        }
        while (!part.empty() && (part.front() == ',' || part.front() == ';')) {
            part.remove_prefix(1);
            changed = true;
        }
        if (part.size() >= 4 && util::equals_ignore_case(part.substr(part.size() - 4), " and")) {
            part.remove_suffix(4);
            changed = true;
        }
    }
    return part;
}

// The end of a regimen written as its last phase ("then stop").
bool stops(std::string_view part) {
    static constexpr std::array<std::string_view, 4> k_stop{"stop", "discontinue", "stop taking", "off"};
    return std::any_of(k_stop.begin(), k_stop.end(),
                       [&](std::string_view word) { return util::equals_ignore_case(part, word); });
}

bool whole_days(const std::optional<double>& days) {
    return days && *days >= 1 && std::fabs(*days - std::round(*days)) < 1e-9;
}

bool same_unit(const std::string& a, const std::string& b) {
    if (a == b) {
        return true;
    }
    const auto x = units::parse_dose_unit(a);
    const auto y = units::parse_dose_unit(b);
    return x && y && x->canonical == y->canonical && x->to_base == y->to_base;
}

// A phase read whole, with the dose of the phase before when it gives none. False when it cannot be
// one phase of a merged reading.
bool usable_phase(Reading& phase, const Reading* before) {
    if (!phase.unrecognised.empty() || !phase.ambiguities.empty() || phase.as_directed || phase.max_stated ||
        !phase.frequency || phase.strength_mg || phase.total_mg_max) {
        return false;
    }
    if (!phase.dose_max) {
        if (before == nullptr || !before->dose_max || before->daily_dose_max) {
            return false;
        }
        phase.dose_min = before->dose_min;
        phase.dose_max = before->dose_max;
        phase.unit = before->unit;
    }
    if (phase.route.empty() && before != nullptr) {
        phase.route = before->route;
    }
    return true;
}

double day_of(const Reading& phase) {
    const double most = *phase.dose_max * administrations(*phase.frequency);
    return phase.daily_dose_max ? std::min(*phase.daily_dose_max, most) : most;
}

// The shortest interval of a frequency written as one ("q6h", "q4-6h": 6, 4 hours); none for counts a
// day ("tid", "daily"), which fix no time between one dose and the next.
std::optional<double> interval_hours(const Frequency& frequency) {
    const std::string& f = frequency.canonical;
    if (f.size() < 3 || f.front() != 'q' || f.back() != 'h') {
        return std::nullopt;
    }
    const std::string_view hours = std::string_view(f).substr(1, f.find_first_of("-h") - 1);
    const std::optional<double> value = util::parse_number(hours);
    return value && *value > 0 ? value : std::nullopt;
}

// A first phase given once ("2 tabs now", "500 mg stat") before a repeated one: a loading dose, a
// single administration that shares its day with the next phase's first doses. Its phase holds the
// worst 24 hours that start with it: the loading dose and every dose of the next phase those hours
// can hold (by its interval, after the loading dose: "500 mg now, then 250 mg q6h" = 500 + 3 x 250, the
// naproxen label's 1250 mg first day; by a count a day, a whole day of them, since nothing keeps the
// first from following the loading dose at once). It lasts a day, and `first` takes the frequency of
// those administrations. nullopt when it is not one.
std::optional<PhaseAmounts> loading_phase(Reading& first, const Reading& next) {
    if (!first.frequency->single_administration || first.duration_days ||
        next.frequency->single_administration || next.daily_dose_max) {
        return std::nullopt;
    }
    const std::optional<double> interval = interval_hours(*next.frequency);
    const double following =
        interval ? std::ceil(24.0 / *interval - 1e-9) - 1 : std::ceil(administrations(*next.frequency));
    const double day_administrations = 1 + following;
    first.frequency = day_administrations == next.frequency->doses_per_day
                          ? *next.frequency
                          : per_day_frequency(day_administrations);
    const double dose = *first.dose_max;
    return PhaseAmounts{dose,
                        first.dose_min.value_or(dose),
                        day_administrations,
                        dose + *next.dose_max * following,
                        first.prn && next.prn,
                        1.0};
}

} // namespace

double administrations(const Frequency& frequency) {
    return frequency.single_administration ? 1.0 : frequency.doses_per_day;
}

MergedPhases merge_phase_amounts(std::span<const PhaseAmounts> phases, std::size_t prefer) {
    MergedPhases merged;
    const PhaseAmounts& kept = phases[prefer];
    merged.dose_max = kept.dose_max;
    merged.dose_min = kept.dose_min;
    merged.most_administrations = prefer;
    merged.administrations = kept.administrations;
    merged.prn = true;
    merged.duration_days = 0.0;
    double best_day = kept.day;
    for (std::size_t i = 0; i < phases.size(); ++i) {
        const PhaseAmounts& phase = phases[i];
        merged.dose_max = std::max(merged.dose_max, phase.dose_max);
        merged.dose_min = std::min(merged.dose_min, phase.dose_min);
        if (i != prefer && phase.administrations > merged.administrations) {
            merged.administrations = phase.administrations;
            merged.most_administrations = i;
        }
        best_day = std::max(best_day, phase.day);
        merged.prn = merged.prn && phase.prn;
        merged.duration_days = merged.duration_days && phase.duration_days
                                   ? std::optional<double>(*merged.duration_days + *phase.duration_days)
                                   : std::nullopt;
    }
    if (best_day >= merged.dose_max && best_day < merged.dose_max * merged.administrations) {
        merged.daily = best_day;
    }
    return merged;
}

PhaseTexts phase_texts(std::string_view text) {
    PhaseTexts out;
    std::vector<std::string_view>& parts = out.parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t then = find_word(text, "then", start);
        const std::size_t followed = find_word(text, "followed by", start);
        const std::size_t at = std::min(then, followed);
        if (at == std::string_view::npos) {
            break;
        }
        parts.push_back(trimmed_part(text.substr(start, at - start)));
        start = at + (at == then ? 4 : 11);
    }
    parts.push_back(trimmed_part(text.substr(start)));
    if (parts.size() > 1 && stops(parts.back())) {
        parts.pop_back();
        out.stopped = true;
    } else if (parts.size() == 1) {
        parts.front() = text;
    }
    return out;
}

std::optional<Reading> read_phases(const std::vector<std::string_view>& parts) {
    if (parts.size() < 2) {
        return std::nullopt;
    }
    std::vector<Reading> phases;
    phases.reserve(parts.size());
    for (const std::string_view part : parts) {
        phases.push_back(read_regimen(part));
        if (!usable_phase(phases.back(), phases.size() > 1 ? &phases[phases.size() - 2] : nullptr)) {
            return std::nullopt;
        }
    }
    Reading merged = phases.front();
    std::vector<PhaseAmounts> amounts;
    amounts.reserve(phases.size());
    for (std::size_t i = 0; i < phases.size(); ++i) {
        Reading& phase = phases[i];
        const bool last = i + 1 == phases.size();
        if (merged.route.empty()) {
            merged.route = phase.route; // "1 tab bid x 3 days, then 1 tab po tid"
        }
        const std::optional<PhaseAmounts> loading =
            i == 0 && !last ? loading_phase(phase, phases[1]) : std::nullopt;
        if ((!last && !loading && !whole_days(phase.duration_days)) || !same_unit(phase.unit, merged.unit) ||
            (!phase.route.empty() && phase.route != merged.route)) {
            return std::nullopt;
        }
        amounts.push_back(loading ? *loading
                                  : PhaseAmounts{*phase.dose_max, phase.dose_min.value_or(*phase.dose_max),
                                                 administrations(*phase.frequency), day_of(phase), phase.prn,
                                                 phase.duration_days});
        merged.continuing = merged.continuing || phase.continuing;
        merged.duration_if_scheduled = merged.duration_if_scheduled || phase.duration_if_scheduled;
        if (merged.prn_reason.empty()) {
            merged.prn_reason = phase.prn_reason;
        }
    }
    const MergedPhases together = merge_phase_amounts(amounts);
    merged.dose_max = together.dose_max;
    merged.dose_min = together.dose_min;
    merged.frequency = phases[together.most_administrations].frequency;
    merged.daily_dose_max = together.daily;
    merged.prn = together.prn;
    merged.duration_days = together.duration_days;
    merged.phases = static_cast<int>(phases.size());
    merged.first_dose_max = phases.front().dose_max;
    merged.first_day = amounts.front().day;
    return merged;
}

} // namespace medcheck::sig
