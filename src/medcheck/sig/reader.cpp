#include <medcheck/sig/reader.hpp>

#include <medcheck/sig/phases.hpp>

#include <medcheck/sig/tokenizer.hpp>
#include <medcheck/sig/vocabulary.hpp>
#include <medcheck/units/dose_unit.hpp>
#include <medcheck/util/text.hpp>

#include <absl/container/flat_hash_map.h>

#include <algorithm>
#include <bit>
#include <cmath>

namespace medcheck::sig {

namespace {

struct Quantity {
    double min = 0;
    double max = 0;
    std::size_t end = 0; // first token after it
};

bool is_hourly_word(std::string_view word) {
    return word == "hourly" || word == "hrly" || word == "hly";
}

// Interval frequency from the shortest and longest hours: "q4-6h" = 6 doses a day.
std::optional<Frequency> interval(double shortest_h, double longest_h) {
    if (!(shortest_h > 0) || shortest_h > 24.0 * 31 || longest_h < shortest_h) {
        return std::nullopt;
    }
    std::string canonical = "q" + util::format_number(shortest_h);
    if (longest_h > shortest_h) {
        canonical += "-" + util::format_number(longest_h);
    }
    return Frequency{canonical + "h", 24.0 / shortest_h, false};
}

Frequency per_day(double count) {
    static constexpr std::string_view k_names[] = {"", "daily", "bid", "tid", "qid"};
    const bool named = count == std::floor(count) && count >= 1 && count <= 4;
    return Frequency{named ? std::string(k_names[static_cast<int>(count)])
                           : util::format_number(count) + "x/day",
                     count, false};
}

} // namespace

Frequency per_day_frequency(double count) {
    return per_day(count);
}

namespace {

class Reader {
  public:
    explicit Reader(std::string_view text) : m_text(text), m_tokens(tokenize(text)) {}

    Reading run() {
        read_all();
        // Two or more times of day ("qam and qhs", "with meals and at bedtime") are as many
        // administrations: read again with their count as the frequency, where the first of them stands.
        if (const double count = administrations_named(m_slots); count > 0) {
            m_reading = Reading{};
            m_counted_strength = false;
            m_count_strength = 0;
            m_weak_frequency = false;
            m_slot_count = count;
            // A time of day named twice ("1 tab qam, 1 tab qhs, 1 tab qhs") may carry two doses.
            m_slots_repeated = m_slot_mentions > std::popcount(m_slots);
            m_total_doses = 0;
            m_dispensed = 0;
            m_dispensed_unit = nullptr;
            read_all();
            settle_divided_doses();
        }
        duration_of_doses();
        duration_of_supply();
        flag_dot_groups();
        return std::move(m_reading);
    }

    // "1 tab tid #90": the quantity dispensed lasts 30 days taken as scheduled, the most that was
    // prescribed when no duration is stated. Only for one fixed dose of dose-form units at a frequency
    // that is not a range (taken at the low end of "1-2 tabs" or "q4-6h" it would last longer) and not
    // as needed (taken less often it lasts longer still): otherwise the duration stays unstated.
    void duration_of_supply() {
        Reading& r = m_reading;
        if (m_dispensed <= 0 || r.duration_days || r.prn || !r.frequency ||
            r.frequency->single_administration || r.frequency->doses_per_day <= 0 ||
            r.frequency->canonical.find('-') != std::string::npos || !r.dose_min || !r.dose_max ||
            *r.dose_min != *r.dose_max) {
            return;
        }
        const units::DoseUnit* dose_unit = look_up_word(r.unit).unit;
        if (dose_unit == nullptr || dose_unit->kind != units::UnitKind::count ||
            (m_dispensed_unit != nullptr && m_dispensed_unit->canonical != dose_unit->canonical)) {
            return;
        }
        const double per_day =
            r.daily_dose_max ? *r.daily_dose_max : *r.dose_max * r.frequency->doses_per_day;
        if (per_day > 0) {
            r.duration_days = m_dispensed / per_day;
            r.duration_if_scheduled = true;
        }
    }

    // "q6h x 4 doses" counts doses, not days: taken as scheduled they last count / doses a day (one day
    // here). Taken as needed they may last longer, so the count bounds nothing.
    void duration_of_doses() {
        const auto& frequency = m_reading.frequency;
        if (m_total_doses > 0 && !m_reading.duration_days && !m_reading.prn && frequency &&
            frequency->doses_per_day > 0) {
            m_reading.duration_days = m_total_doses / frequency->doses_per_day;
            m_reading.duration_if_scheduled = true;
        }
    }

    // "1.000 mg": a milligram, or a thousand written with a dot between digit groups
    // (util::dot_grouped_number). A thousandfold apart, so the sig is ambiguous.
    void flag_dot_groups() {
        for (const Token& t : m_tokens.items) {
            if (t.is_number && util::dot_grouped_number(t.text)) {
                ambiguous("the dot in " + util::dot_grouped_reason(t.text));
            }
        }
    }

    // A dose alone: the whole text is one quantity.
    std::optional<DoseRange> dose_only() {
        const auto q = quantity(0);
        if (!q || q->end != size()) {
            return std::nullopt;
        }
        return DoseRange{q->min, q->max};
    }

    const Tokens& tokens() const { return m_tokens; }
    bool is_number_word(std::size_t i) const {
        const Term* term = single(i);
        return term != nullptr && term->kind == Kind::number_word;
    }
    std::optional<Quantity> quantity_at(std::size_t i) { return quantity(i); }

  private:
    // Times of day a sig names, one bit each; meals stand for three administrations.
    enum Slot : unsigned {
        slot_morning = 1U,
        slot_evening = 2U,
        slot_bedtime = 4U,
        slot_meals = 8U,
        slot_noon = 16U
    };
    // A time-of-day phrase may name several ("qam+qhs": "in the morning and at bedtime").
    static unsigned slot_of(const Term& t) {
        if (t.kind == Kind::meals) {
            return slot_meals;
        }
        const std::string_view c = t.canonical;
        return (c.find("qam") != std::string_view::npos ? slot_morning : 0U) |
               (c.find("qpm") != std::string_view::npos ? slot_evening : 0U) |
               (c.find("qhs") != std::string_view::npos ? slot_bedtime : 0U) |
               (c.find("meals") != std::string_view::npos ? slot_meals : 0U) |
               (c.find("qnoon") != std::string_view::npos ? slot_noon : 0U);
    }
    // The administrations a day that two or more different times of day add up to; 0 for fewer.
    static double administrations_named(unsigned slots) {
        return std::popcount(slots) < 2 ? 0 : administrations_in(slots);
    }

    // The administrations a set of times of day stands for (meals are three).
    static double administrations_in(unsigned slots) {
        return std::popcount(slots & ~unsigned{slot_meals}) + ((slots & slot_meals) != 0 ? 3.0 : 0.0);
    }

    // The second reading: a dose written before the times of day `slots` (0: before none).
    void dose_at_slots(double most, unsigned slots) {
        m_dosed_slots |= slots;
        m_slot_units += most * administrations_in(slots);
        m_unslotted_dose = m_unslotted_dose || slots == 0;
    }
    void restart_slot_doses() {
        m_dosed_slots = 0;
        m_slot_units = 0;
        m_unslotted_dose = false;
    }

    // "1 in the morning, 2 at night": different doses read as the day's total when every time of day
    // named has its own dose and every dose its own times; otherwise which dose goes when is open.
    void settle_divided_doses() {
        if (m_divided.empty()) {
            return;
        }
        if ((m_slots & slot_meals) != 0 && (m_slots & (slot_morning | slot_noon | slot_evening)) != 0) {
            // "2 tabs in the morning and 1 with meals": the morning dose may be the breakfast one, given
            // together (3 at once).
            ambiguous("different doses 'with meals' and at a time of day a meal may fall on");
        } else if (!m_unslotted_dose && m_dosed_slots == m_slots) {
            m_reading.daily_dose_max = m_slot_units;
        } else {
            ambiguous(m_divided);
        }
    }

    // The times of day that follow at j, after any route ("1 tab po qhs"), with those listed after them
    // ("2 tabs at breakfast, lunchtime and teatime"); 0 when none does.
    unsigned slot_follows(std::size_t j) const {
        auto m = match(j);
        while (m.term != nullptr && m.term->kind == Kind::route) {
            j += m.words;
            m = match(j);
        }
        auto is_time = [](const PhraseMatch& at) {
            return at.term != nullptr && (at.term->kind == Kind::time_of_day || at.term->kind == Kind::meals);
        };
        unsigned slots = 0;
        while (is_time(m)) {
            slots |= slot_of(*m.term);
            j += m.words;
            std::size_t k = j;
            while (word(k) == "," || word(k) == "and" || word(k) == "&" || word(k) == "+") {
                ++k;
            }
            m = k > j ? match(k) : PhraseMatch{};
            j = k;
        }
        return slots;
    }

    void read_all() {
        std::size_t i = 0;
        while (i < size()) {
            i = step(i);
        }
    }
    std::size_t size() const { return m_tokens.items.size(); }
    std::string_view word(std::size_t i) const {
        return i < size() ? m_tokens.items[i].text : std::string_view();
    }
    // The dose unit the word at i spells, or nullptr.
    const units::DoseUnit* unit_at(std::size_t i) const {
        return i < size() ? m_tokens.items[i].word.unit : nullptr;
    }
    // The longest vocabulary phrase starting at i, matched by word number.
    PhraseMatch match(std::size_t i, std::size_t most = k_max_phrase_words) const {
        if (i >= size()) {
            return {};
        }
        const auto& items = m_tokens.items;
        const std::size_t available = std::min(size() - i, most);
        for (const auto& phrase : phrases_starting_with(items[i].word.id)) {
            if (phrase.size > available) {
                continue;
            }
            std::size_t k = 1;
            while (k < phrase.size && phrase.ids[k] == items[i + k].word.id) {
                ++k;
            }
            if (k == phrase.size) {
                return {phrase.term, phrase.size};
            }
        }
        return {};
    }
    const Term* single(std::size_t i) const { return match(i, 1).term; }
    bool kind_at(std::size_t i, Kind kind) const {
        const Term* t = i < size() ? single(i) : nullptr;
        return t != nullptr && t->kind == kind;
    }
    std::string raw(std::size_t from, std::size_t to) const {
        if (from >= to || to > size()) {
            return {};
        }
        const std::size_t b = m_tokens.items[from].raw_begin;
        const std::size_t e = m_tokens.items[to - 1].raw_end;
        return std::string(m_text.substr(b, e - b));
    }

    // One number: 2, 2.5, .5, 1/2, 1 1/2, 1-1/2, 1 and 1/2, one, one-half, a (before a unit).
    std::optional<Quantity> number(std::size_t i) const {
        if (i >= size()) {
            return std::nullopt;
        }
        const Token& t = m_tokens.items[i];
        if (t.is_number) {
            if (const auto part = fraction_at(i)) {
                return Quantity{*part, *part, i + 3}; // "1/2"
            }
            double value = t.number;
            const std::size_t end = whole_and_fraction(value, i + 1, false);
            return Quantity{value, value, end};
        }
        const auto m = match(i);
        if (m.term != nullptr && m.term->kind == Kind::number_word) {
            double value = m.term->value;
            const std::size_t end = whole_and_fraction(value, i + m.words, true);
            return Quantity{value, value, end};
        }
        if ((t.text == "a" || t.text == "an") && unit_at(i + 1)) {
            return Quantity{1, 1, i + 1};
        }
        if (const double roman = roman_count(t.text); roman > 0 && roman_counts_units(i)) {
            return Quantity{roman, roman, i + 1};
        }
        return std::nullopt;
    }

    // The fraction "N/D" at `at` (a half, a third, a quarter: D from 2 to 4, N below D), or none.
    std::optional<double> fraction_at(std::size_t at) const {
        if (at + 2 >= size() || word(at + 1) != "/" || !m_tokens.items[at].is_number ||
            !m_tokens.items[at + 2].is_number) {
            return std::nullopt;
        }
        const double num = m_tokens.items[at].number;
        const double den = m_tokens.items[at + 2].number;
        if (den < 2 || den > 4 || num <= 0 || num >= den) {
            return std::nullopt;
        }
        return num / den;
    }

    // A whole number `value` (ending before `end`) and a fraction after it are one number: "1 1/2",
    // "1-1/2" (US labels: read so, above the range "1 to 1/2" it could also be taken for, whose top
    // would be an under-read), "1 and 1/2", and for a number in words only "one and 1/2", "one & 1/2"
    // (`spelled`); the fraction alone would be read as the dose. Adds the fraction to `value` and
    // returns the token after it, or `end` as it was.
    std::size_t whole_and_fraction(double& value, std::size_t end, bool spelled) const {
        if (value != std::floor(value) || end >= size()) {
            return end;
        }
        const std::string_view joint = word(end);
        std::size_t at = size(); // no fraction
        if (joint == "and" || joint == "&" || (!spelled && joint == "-")) {
            at = end + 1;
        } else if (!spelled && m_tokens.items[end].is_number) {
            at = end;
        }
        const auto part = fraction_at(at);
        if (!part) {
            return end;
        }
        value += *part;
        return at + 3;
    }

    // Latin shorthand counts "i", "ii", "iii", "iv" ("ii tabs"): a number only before a count unit,
    // or before a range to one ("i-ii tabs"); "iv" alone is the route.
    static double roman_count(std::string_view w) {
        return w == "i" ? 1 : w == "ii" ? 2 : w == "iii" ? 3 : w == "iv" ? 4 : 0;
    }
    bool roman_counts_units(std::size_t i) const {
        auto count_unit = [&](std::size_t at) {
            const units::DoseUnit* unit = unit_at(at);
            return unit != nullptr && unit->kind == units::UnitKind::count;
        };
        if (count_unit(i + 1)) {
            return true;
        }
        const std::string_view sep = word(i + 1);
        return (sep == "-" || sep == "to" || sep == "or") && roman_count(word(i + 2)) > 0 &&
               count_unit(i + 3);
    }

    // A number or range, with an Epic-style echo "3 (three)" skipped.
    std::optional<Quantity> quantity(std::size_t i) const {
        auto q = number(i);
        if (!q) {
            return std::nullopt;
        }
        auto skip_echo = [&](Quantity& x) {
            if (word(x.end) == "(" && word(x.end + 2) == ")") {
                const auto echo = number(x.end + 1);
                if (echo && echo->end == x.end + 2 && echo->max == x.max) {
                    x.end += 3;
                }
            }
        };
        skip_echo(*q);
        const std::string_view sep = word(q->end);
        if (sep == "-" || sep == "to" || sep == "or") {
            if (auto upper = number(q->end + 1)) {
                skip_echo(*upper);
                q->min = std::min(q->min, upper->max);
                q->max = std::max(q->max, upper->max);
                q->end = upper->end;
            }
        }
        return q;
    }

    void ambiguous(std::string reason) {
        if (std::find(m_reading.ambiguities.begin(), m_reading.ambiguities.end(), reason) ==
            m_reading.ambiguities.end()) {
            m_reading.ambiguities.push_back(std::move(reason));
        }
    }

    void set_frequency(Frequency f, bool weak) {
        auto& current = m_reading.frequency;
        if (!current || (m_weak_frequency && !weak)) {
            current = std::move(f);
            m_weak_frequency = weak;
        } else if (weak || current->doses_per_day == f.doses_per_day) {
            return; // "bid with meals", "daily at bedtime"
        } else {
            ambiguous("two frequencies: '" + current->canonical + "' and '" + f.canonical + "'");
            if (f.doses_per_day > current->doses_per_day) {
                current = std::move(f);
            }
        }
    }

    // "more than one dose: '1 tab' and '2 tabs'": the dose read so far and `q` written in `unit`.
    std::string two_doses(const Quantity& q, std::string_view unit) const {
        return "more than one dose: '" + util::format_number(*m_reading.dose_max) + " " + m_reading.unit +
               "' and '" + util::format_number(q.max) + (unit.empty() ? "" : " ") + std::string(unit) + "'";
    }

    // `slots_after`: the times of day written right after this dose (the second reading only).
    void set_dose(const Quantity& written, std::string_view unit, unsigned slots_after = 0) {
        auto& r = m_reading;
        // A range written high to low ("2-1") still counts at its top: never an under-read.
        Quantity q = written;
        if (q.min > q.max) {
            std::swap(q.min, q.max);
        }
        // Units as written are lowercase token text ("tabs", "mcg/h"): looked up, not parsed again.
        const units::DoseUnit* previous = look_up_word(r.unit).unit;
        const units::DoseUnit* next = look_up_word(unit).unit;
        if (!r.dose_max) {
            r.dose_min = q.min;
            r.dose_max = q.max;
            r.unit = std::string(unit);
            restart_slot_doses();
            dose_at_slots(q.max, slots_after);
        } else if (previous && previous->kind == units::UnitKind::mass && next &&
                   next->kind == units::UnitKind::count && !r.frequency && r.dose_min == r.dose_max &&
                   m_divided.empty()) {
            // "500 mg 2 tablets": the mass was the strength of each tablet.
            r.strength_mg = *r.dose_max * previous->to_base;
            r.dose_min = q.min;
            r.dose_max = q.max;
            r.unit = std::string(unit);
            restart_slot_doses();
            dose_at_slots(q.max, slots_after);
        } else if (slots_after != 0 && (slots_after & m_dosed_slots) == 0 && !m_slots_repeated &&
                   (previous != nullptr && next != nullptr ? previous->canonical == next->canonical
                                                           : r.unit == unit)) {
            // "1 tab qam and 1 tab qhs": a dose for other times of day. A different one ("2 tabs qhs")
            // makes the doses a range and the day a sum (settle_divided_doses).
            if ((q.min != r.dose_min || q.max != r.dose_max) && m_divided.empty()) {
                m_divided = two_doses(q, unit);
            }
            r.dose_min = std::min(*r.dose_min, q.min);
            r.dose_max = std::max(*r.dose_max, q.max);
            dose_at_slots(q.max, slots_after);
        } else {
            ambiguous(two_doses(q, unit));
            r.dose_max = std::max(*r.dose_max, q.max);
        }
    }

    // After a quantity: a count a day, an hourly interval, a dose with its unit, or a duration.
    std::size_t after_quantity(std::size_t start, const Quantity& q) {
        std::size_t j = q.end;
        const Term* next = single(j);
        // "3 times a day", "5x/day", "2 x daily", "twice" is a phrase.
        if (next != nullptr && next->kind == Kind::times) {
            std::size_t k = j + 1;
            const auto m = match(k);
            if (m.term != nullptr && m.term->kind == Kind::per_day && m.term->value == 1) {
                set_frequency(per_day(q.max), false);
                return k + m.words;
            }
            if (kind_at(k, Kind::per) || kind_at(k, Kind::every)) {
                ++k;
            }
            if (const Term* unit = single(k); unit != nullptr && unit->kind == Kind::day_unit) {
                set_frequency(per_day(q.max / unit->value), false);
                return k + 1;
            }
            m_reading.unrecognised.push_back(raw(start, j + 1));
            return j + 1;
        }
        if (is_hourly_word(word(j)) || (next != nullptr && next->kind == Kind::hourly)) {
            if (auto f = interval(q.min, q.max)) {
                set_frequency(*f, false);
            } else {
                ambiguous("implausible interval '" + raw(start, j + 1) + "'");
            }
            return j + 1;
        }
        if (const units::DoseUnit* unit = unit_at(j)) {
            return after_unit(q, j, *unit);
        }
        if (next != nullptr && next->kind == Kind::day_unit && next->phrase != "d") {
            set_duration(q.max * next->value);
            return j + 1;
        }
        if (!m_reading.dose_max) {
            set_dose(q, "");
            return j;
        }
        if (count_of_strength(start, q)) {
            return j;
        }
        if (dose_before_time(q, j)) {
            return j;
        }
        m_reading.unrecognised.push_back(raw(start, j));
        return j;
    }

    // The second reading, a bare count before a time of day: "1 cap in the morning and 1 at night" (the
    // dose's unit left out), "500mg tablets 2 in the morning 1 at night" (another count of the strength).
    bool dose_before_time(const Quantity& q, std::size_t j) {
        const unsigned slots = m_slot_count > 0 && !m_reading.unit.empty() ? slot_follows(j) : 0U;
        if (slots == 0) {
            return false;
        }
        const std::string unit = m_reading.unit;
        if (!m_counted_strength) {
            set_dose(q, unit, slots);
            return true;
        }
        if (m_count_strength > 0 && q.min >= 0.5 && q.max <= 10) {
            set_dose(Quantity{q.min * m_count_strength, q.max * m_count_strength, q.end}, unit, slots);
            return true;
        }
        return false;
    }

    // UK practice: "paracetamol 500mg tabs 2 qds", "codeine 30mg 1-2 qds": a bare count right after a
    // single mass is that many units of it, read as their mass (2 x 500 mg is 1000 mg whatever the
    // form). Only once, a count of 0.5 to 10, and not after a range of masses.
    bool count_of_strength(std::size_t start, const Quantity& q) {
        Reading& r = m_reading;
        if (m_counted_strength || start == 0 || unit_at(start - 1) == nullptr || !r.dose_min ||
            *r.dose_min != *r.dose_max || q.min < 0.5 || q.max > 10) {
            return false;
        }
        const units::DoseUnit* unit = look_up_word(r.unit).unit; // the unit as written, looked up
        if (unit == nullptr || unit->kind != units::UnitKind::mass) {
            return false;
        }
        const double strength = *r.dose_max;
        r.dose_min = q.min * strength;
        r.dose_max = q.max * strength;
        m_counted_strength = true;
        m_count_strength = strength;
        if (m_slot_count > 0) {
            restart_slot_doses();
            dose_at_slots(*r.dose_max, slot_follows(q.end));
        }
        return true;
    }

    // A quantity `q` with the dose unit at j: "2 tabs", "25 mcg/h", "1 tablet or 2 tablets".
    std::size_t after_unit(const Quantity& q, std::size_t j, const units::DoseUnit& unit) {
        std::string unit_text(word(j));
        ++j;
        // "25 mcg/h", "25 mcg per hour"
        bool per_hour = false;
        if (unit.kind == units::UnitKind::mass && (word(j) == "/" || word(j) == "per") &&
            kind_at(j + 1, Kind::hour_unit)) {
            unit_text += "/h";
            per_hour = true;
            j += 2;
        }
        // "1 tablet or 2 tablets", "500 mg to 1 g": a range whose ends both have units. An end in
        // another unit of mass is converted to the first's ("1 g" is 1000 mg, never "1 mg"); ends in
        // units that do not convert ("1 tab or 500 mg") are ambiguous.
        if ((word(j) == "or" || word(j) == "to" || word(j) == "-")) {
            if (auto upper = number(j + 1); upper && unit_at(upper->end)) {
                const units::DoseUnit& upper_unit = *unit_at(upper->end);
                double factor = 1;
                if (unit.kind == units::UnitKind::mass && upper_unit.kind == units::UnitKind::mass &&
                    !per_hour) {
                    factor = upper_unit.to_base / unit.to_base; // both in mg, written in the first
                } else if (upper_unit.canonical != unit.canonical || upper_unit.to_base != unit.to_base) {
                    ambiguous("a dose range in two units: '" + util::format_number(q.max) + " " + unit_text +
                              "' and '" + raw(j + 1, upper->end + 1) + "'");
                }
                Quantity both{std::min(q.min, upper->max * factor), std::max(q.max, upper->max * factor), 0};
                set_dose(both, unit_text);
                j = upper->end + 1;
                return after_dose(j);
            }
        }
        set_dose(q, unit_text, m_slot_count > 0 ? slot_follows(j) : 0U);
        return after_dose(j);
    }

    // Epic-style "(10 mg total)" after a dose.
    std::size_t after_dose(std::size_t j) {
        if (word(j) != "(") {
            return j;
        }
        const auto total = quantity(j + 1);
        if (!total) {
            return j;
        }
        const units::DoseUnit* unit = unit_at(total->end);
        if (unit && unit->kind == units::UnitKind::mass && word(total->end + 1) == "total") {
            m_reading.total_mg_max = total->max * unit->to_base;
            std::size_t k = total->end + 2;
            return word(k) == ")" ? k + 1 : k;
        }
        return j;
    }

    void set_duration(double days) {
        if (m_reading.duration_days && *m_reading.duration_days != days) {
            ambiguous("two durations");
            m_reading.duration_days = std::max(*m_reading.duration_days, days);
            return;
        }
        m_reading.duration_days = days;
    }

    // UK practice writes a duration as a fraction of its unit: "5/7" five days, "2/52" two weeks,
    // "3/12" three months (30 days, as "month" reads), "10/7" ten days. Only a whole count over 7, 52 or 12
    // with no unit after it ("1/2 tab" and "5/325" are doses); returns the token after it, 0 when none.
    std::size_t fraction_duration(std::size_t k) {
        if (k + 2 >= size() || word(k + 1) != "/" || !m_tokens.items[k].is_number ||
            !m_tokens.items[k + 2].is_number || unit_at(k + 3) != nullptr) {
            return 0;
        }
        const double count = m_tokens.items[k].number;
        const double over = m_tokens.items[k + 2].number;
        const double days = over == 7 ? 1 : over == 52 ? 7 : over == 12 ? 30 : 0;
        if (days == 0 || count < 1 || count != std::floor(count)) {
            return 0;
        }
        set_duration(count * days);
        return k + 3;
    }

    // "q 4 h", "every 4 to 6 hours", "every 3 days", "q week", "q4h-6h".
    std::size_t read_every(std::size_t start, std::size_t k) {
        if (auto q = quantity(k)) {
            const Term* unit = single(q->end);
            const bool hours = unit != nullptr && unit->kind == Kind::hour_unit;
            const bool days = unit != nullptr && unit->kind == Kind::day_unit;
            if (hours || days) {
                const double factor = hours ? 1.0 : 24.0 * unit->value;
                if (auto f = interval(q->min * factor, q->max * factor)) {
                    if (days && q->min == q->max && q->min * unit->value == 7) {
                        f->canonical = "weekly";
                    }
                    set_frequency(*f, false);
                } else {
                    ambiguous("implausible interval '" + raw(start, q->end + 1) + "'");
                }
                return q->end + 1;
            }
            ambiguous("an interval without a unit: '" + raw(start, q->end) + "'");
            return q->end;
        }
        if (const Term* unit = single(k); unit != nullptr) {
            if (unit->kind == Kind::hour_unit) {
                set_frequency(*interval(1, 1), false);
                return k + 1;
            }
            if (unit->kind == Kind::day_unit) {
                set_frequency(unit->value == 1 ? per_day(1) : *interval(24 * unit->value, 24 * unit->value),
                              false);
                return k + 1;
            }
        }
        m_reading.unrecognised.emplace_back(word(start));
        return k;
    }

    // "max 6/day", "max 8 tabs/day", "not to exceed 4 g in 24 hours", "mdd 6", "max 3/12h".
    std::size_t read_max(std::size_t start, std::size_t k, bool daily) {
        while (word(k) == "of" || word(k) == "daily" || kind_at(k, Kind::dose_word)) {
            daily = daily || word(k) == "daily";
            ++k;
        }
        const auto q = quantity(k);
        if (!q) {
            m_reading.unrecognised.push_back(raw(start, k));
            return k;
        }
        StatedMax max;
        max.amount = q->max;
        std::size_t j = q->end;
        if (const units::DoseUnit* unit = unit_at(j)) {
            if (unit->kind == units::UnitKind::mass) {
                max.basis = MaxBasis::mass;
                max.amount *= unit->to_base;
            } else if (unit->kind == units::UnitKind::count) {
                max.basis = MaxBasis::units;
            } else {
                ambiguous("a stated maximum in '" + std::string(word(j)) + "'");
            }
            ++j;
        } else if (kind_at(j, Kind::dose_word) || kind_at(j, Kind::times)) {
            ++j;
        }
        // The period.
        if (const auto m = match(j);
            m.term != nullptr && m.term->kind == Kind::per_day && m.term->value == 1) {
            max.period_hours = 24;
            j += m.words;
        } else if (kind_at(j, Kind::per) || kind_at(j, Kind::every) || word(j) == "within") {
            std::size_t p = j + 1;
            while (word(p) == "a" || word(p) == "any" || word(p) == "each" || word(p) == "every" ||
                   word(p) == "one") {
                ++p;
            }
            double count = 1;
            if (const auto n = number(p)) {
                count = n->max;
                p = n->end;
            }
            if (const Term* unit = single(p);
                unit != nullptr && (unit->kind == Kind::hour_unit || unit->kind == Kind::day_unit)) {
                max.period_hours = count * (unit->kind == Kind::hour_unit ? 1.0 : 24.0 * unit->value);
                j = p + 1;
            }
        } else if (daily) {
            max.period_hours = 24;
        }
        max.text = raw(start, j);
        if (!m_reading.max_stated) {
            m_reading.max_stated = std::move(max);
        } else {
            ambiguous("two stated maxima");
        }
        return j;
    }

    // Indication words after PRN or "for": kept as text until the next instruction.
    std::size_t read_reason(std::size_t k) {
        std::string reason;
        while (k < size()) {
            const Token& t = m_tokens.items[k];
            if (t.is_number || word(k) == "," || word(k) == ":" || word(k) == "(" || word(k) == ")") {
                break;
            }
            const auto m = match(k);
            const bool joins = m.term != nullptr && m.words == 1 &&
                               (m.term->kind == Kind::reason_word || m.term->kind == Kind::filler ||
                                m.term->kind == Kind::per || m.term->kind == Kind::range);
            if (!joins && !(m.term != nullptr && m.term->kind == Kind::for_word && !number(k + 1))) {
                break;
            }
            if (m.term != nullptr && m.term->kind == Kind::range && word(k) == "-") {
                break;
            }
            reason += (reason.empty() ? "" : " ") + std::string(t.text);
            ++k;
        }
        if (!reason.empty()) {
            auto& r = m_reading.prn_reason;
            r += (r.empty() ? "" : "; ") + reason;
        }
        return k;
    }

    // "-400 mg" at i: a dose kept negative so the checker reports it; the token after it, if so.
    std::optional<std::size_t> negative_dose(std::size_t i) {
        const auto& items = m_tokens.items;
        if (word(i) != "-" || m_reading.dose_max || i + 1 >= size() || !items[i + 1].is_number ||
            items[i].raw_end != items[i + 1].raw_begin || (i > 0 && items[i - 1].is_number)) {
            return std::nullopt;
        }
        auto q = quantity(i + 1);
        if (!q) {
            return std::nullopt;
        }
        q->min = -q->min;
        q->max = -q->max;
        return after_quantity(i, *q);
    }

    static bool is_separator_sign(std::string_view w) {
        return w == "," || w == ":" || w == "(" || w == ")" || w == "+" || w == "&" || w == "=" || w == "-";
    }

    // "prn", "as needed" at i, and the reason after it.
    std::size_t read_prn(std::size_t i, std::size_t next) {
        m_reading.prn = true;
        if (m_reading.frequency && i > 0 &&
            (word(i - 1) == "and" || word(i - 1) == "plus" || word(i - 1) == "+" || word(i - 1) == "&")) {
            // "bid and prn": doses as needed on top of the schedule, with no count for them.
            ambiguous("as-needed doses on top of a schedule ('" + raw(i - 1, next) + "')");
        }
        return read_reason(next);
    }

    // One instruction from token i; returns the token after it.
    std::size_t step(std::size_t i) {
        if (const auto after = negative_dose(i)) {
            return *after;
        }
        const std::string_view w = word(i);
        if (is_separator_sign(w)) {
            return i + 1;
        }
        if (m_reading.dose_max) {
            if (const std::size_t after = fraction_duration(i)) {
                return after; // "tds 5/7", after the dose
            }
        }
        if (auto q = quantity(i)) {
            return after_quantity(i, *q);
        }
        const auto m = match(i);
        if (m.term == nullptr) {
            if (unit_at(i) != nullptr) {
                return i + 1; // a dose form named without a count: "tablet", "oral tablet"
            }
            m_reading.unrecognised.emplace_back(w);
            return i + 1;
        }
        return read_term(i, *m.term, i + m.words);
    }

    // The vocabulary term t read at i (its words end before `next`); returns the token after it.
    std::size_t read_term(std::size_t i, const Term& t, std::size_t next) {
        switch (t.kind) {
        case Kind::per_day:
        case Kind::time_of_day:
        case Kind::meals:
        case Kind::interval:
        case Kind::once:
            set_term_frequency(t, next);
            return next;
        case Kind::route:
            set_route(t.canonical);
            return next;
        case Kind::prn:
            return read_prn(i, next);
        case Kind::as_directed:
            m_reading.as_directed = true;
            if (i > 0 && word(i - 1) == "or") {
                ambiguous("'or " + std::string(t.phrase) + "' leaves the regimen open");
            }
            return next;
        case Kind::max:
            return read_max(i, next, t.value == 1);
        case Kind::every:
            return read_every(i, next);
        case Kind::times:
            return read_times(i, next);
        case Kind::for_word:
            return read_for(next);
        case Kind::continuing:
            m_reading.continuing = true;
            return next;
        case Kind::sequence:
            ambiguous("more than one regimen ('" + std::string(t.phrase) + "')"); // k_then_regimen ...
            return next;
        case Kind::dispense:
            return read_dispense(i, next);
        case Kind::reason_word:
            m_reading.unrecognised.emplace_back(word(i)); // "pain" outside an as-needed reason
            return next;
        case Kind::amount_word:
            ambiguous("'" + std::string(t.phrase) + "': more may be given than the regimen states");
            return next;
        case Kind::filler:
        case Kind::per:
        case Kind::range:
        case Kind::dose_word:
        case Kind::total:
            return next;
        case Kind::hour_unit:
        case Kind::day_unit:
        case Kind::hourly:
        case Kind::number_word:
            break;
        }
        m_reading.unrecognised.emplace_back(word(i));
        return next;
    }

    // A frequency term: "bid", "qhs", "with meals", "q6h", "once".
    void set_term_frequency(const Term& t, std::size_t next) {
        if (t.kind == Kind::per_day) {
            // Epic's "Q6H:PRN, dailyx5 days": "daily x N days" after another frequency is a duration.
            set_frequency(Frequency{std::string(t.canonical), t.value, false},
                          t.value == 1 && kind_at(next, Kind::times) && number(next + 1).has_value());
        } else if (t.kind == Kind::time_of_day || t.kind == Kind::meals) {
            const unsigned slots = slot_of(t);
            m_slots |= slots;
            m_slot_mentions += std::popcount(slots);
            if (m_slot_count > 0) {
                // The second reading: the times of day together, once, where the first is written.
                if (!m_slots_read) {
                    set_frequency(per_day(m_slot_count), false);
                    m_slots_read = true;
                }
            } else if (t.kind == Kind::time_of_day) {
                set_frequency(Frequency{std::string(t.canonical), t.value, false}, false);
            } else {
                set_frequency(Frequency{std::string(t.canonical), t.value, false}, true);
            }
        } else if (t.kind == Kind::interval) {
            set_frequency(Frequency{std::string(t.canonical), 24.0 / t.value, false}, false);
        } else {
            set_frequency(Frequency{"once", 1, true}, false);
        }
    }

    void set_route(std::string_view route) {
        if (!m_reading.route.empty() && m_reading.route != route) {
            ambiguous("two routes: '" + m_reading.route + "' and '" + std::string(route) + "'");
        }
        m_reading.route = std::string(route);
    }

    // "x 5 days", "x5d", "x 14" (the times sign at i).
    std::size_t read_times(std::size_t i, std::size_t next) {
        if (const std::size_t after = fraction_duration(next)) {
            return after; // "x 2/52"
        }
        if (auto q = quantity(next)) {
            const Term* unit = single(q->end);
            if (unit != nullptr && unit->kind == Kind::day_unit) {
                set_duration(q->max * unit->value);
                return q->end + 1;
            }
            if (kind_at(q->end, Kind::dose_word)) {
                m_total_doses = std::max(m_total_doses, q->max); // "q6h x 4 doses": not 4 days
                return q->end + 1;
            }
            if (unit_at(q->end) == nullptr && !kind_at(q->end, Kind::hour_unit)) {
                if (i > 0 && unit_at(i - 1) != nullptr && q->max != 1) {
                    // "500 mg x 2" right after the dose: two doses of 500 mg at a time, or two days
                    // ("x 1" is the dose either way).
                    ambiguous("'" + raw(i, q->end) + "' after a dose: the dose times " +
                              util::format_number(q->max) + ", or " + util::format_number(q->max) + " days");
                    return q->end;
                }
                set_duration(q->max); // "tid x 14": days
                return q->end;
            }
        }
        m_reading.unrecognised.emplace_back(word(i));
        return next;
    }

    // "#90", "disp: 30 tabs", "qty 90 (ninety)": the quantity dispensed, kept only for how long a
    // scheduled regimen lasts (duration_of_supply). Without a number after it the word is not read.
    std::size_t read_dispense(std::size_t i, std::size_t next) {
        std::size_t k = next;
        while (word(k) == ":" || word(k) == "#") {
            ++k;
        }
        const auto q = quantity(k);
        if (!q) {
            m_reading.unrecognised.emplace_back(word(i));
            return next;
        }
        k = q->end;
        const units::DoseUnit* unit = unit_at(k);
        if (unit != nullptr) {
            ++k;
        }
        if (word(k) == "(") { // an echo in words: "#90 (ninety)"
            if (const auto echo = number(k + 1); echo && echo->max == q->max && word(echo->end) == ")") {
                k = echo->end + 1;
            }
        }
        if (m_dispensed > 0 && m_dispensed != q->max) {
            ambiguous("two quantities dispensed");
        }
        m_dispensed = std::max(m_dispensed, q->max);
        m_dispensed_unit = unit;
        return k;
    }

    // "for 5 days", or the reason after "for": "for pain".
    std::size_t read_for(std::size_t next) {
        if (const std::size_t after = fraction_duration(next)) {
            return after; // "for 10/7"
        }
        if (auto q = quantity(next)) {
            if (const Term* unit = single(q->end); unit != nullptr && unit->kind == Kind::day_unit) {
                set_duration(q->max * unit->value);
                return q->end + 1;
            }
        }
        return read_reason(next);
    }

    std::string_view m_text;
    Tokens m_tokens;
    Reading m_reading;
    bool m_weak_frequency = false;
    bool m_counted_strength = false; // count_of_strength has read its count
    unsigned m_slots = 0;            // the times of day read (Slot bits)
    double m_slot_count = 0;         // the second reading: the administrations the times of day add up to
    bool m_slots_read = false;       // the second reading: their frequency is set
    int m_slot_mentions = 0;         // times of day read, each time one is named
    bool m_slots_repeated = false;   // the second reading: a time of day was named twice
    unsigned m_dosed_slots = 0;      // the times of day a dose was written before
    double m_slot_units = 0;         // the second reading: each dose at its top times its administrations
    bool m_unslotted_dose = false;   // the second reading: a dose with no time of day right after it
    std::string m_divided;           // the second reading: the first two different doses, when there are
    double m_count_strength = 0;     // the mass a bare count counted (count_of_strength), 0 before one
    double m_total_doses = 0;        // "x 4 doses": how many doses in all, 0 when not stated
    double m_dispensed = 0;          // "#90": the quantity dispensed, 0 when not stated
    const units::DoseUnit* m_dispensed_unit = nullptr; // its unit, when written
};

bool is_leading_verb(std::string_view word) {
    return word == "take" || word == "give" || word == "apply" || word == "place" || word == "inject" ||
           word == "chew" || word == "use" || word == "sig" || word == "swallow" || word == "administer";
}

// A regimen alone ("1-2 tabs po q4-6h", "Take one tablet daily"): no drug name in the sig.
bool starts_with_regimen(const Reader& reader) {
    const auto& items = reader.tokens().items;
    return !items.empty() && (items[0].is_number || is_leading_verb(items[0].text) ||
                              (items[0].text != "a" && items[0].text != "an" && reader.is_number_word(0)));
}

// The first token of the regimen after a drug name: a number that is not part of the name, a leading
// verb or a quantity with a dose unit; else the word ahead of a dose unit; the token count when none.
std::size_t regimen_start(Reader& reader) {
    const auto& items = reader.tokens().items;
    const std::size_t n = items.size();
    for (std::size_t i = 1; i < n; ++i) {
        const Token& t = items[i];
        if (t.is_number) {
            // "10/325", "7.5/325": a product strength; "#3": a product number.
            if (i + 2 < n && items[i + 1].text == "/" && items[i + 2].is_number &&
                !(items[i + 2].number <= 4 && t.number < items[i + 2].number)) {
                i += 2;
                continue;
            }
            const std::string_view before = items[i - 1].text;
            if (before == "-" && items[i - 1].raw_end == t.raw_begin && (i < 2 || !items[i - 2].is_number)) {
                return i - 1; // "-400 mg": a negative dose, kept so the checker reports it
            }
            if (before == "#" || (items[i - 1].raw_end == t.raw_begin && before.front() >= 'a' &&
                                  before.front() <= 'z' && before != "x")) {
                continue; // a product number or a name glued to a number: "#3", "b12"
            }
            return i;
        }
        if (is_leading_verb(t.text)) {
            return i;
        }
        const auto q = reader.quantity_at(i);
        if (q && q->end < n && items[q->end].word.unit != nullptr) {
            return i;
        }
    }
    // No number: the name stops before the word ahead of a dose unit ("ibuprofen abc mg q6h").
    for (std::size_t i = 2; i < n; ++i) {
        if (items[i].word.unit != nullptr) {
            return i - 1;
        }
    }
    return n;
}

// Release words of a product name ("5 MG immediate release tablet"): the resolver reads them.
bool is_release_word(std::string_view word) {
    return word == "immediate" || word == "extended" || word == "delayed" || word == "sustained" ||
           word == "controlled" || word == "release" || word == "ec" || word == "dr" || word == "sr" ||
           word == "xr" || word == "xl" || word == "cr" || word == "la" || word == "odt";
}

bool is_liquid_word(std::string_view word) {
    return word == "oral" || word == "solution" || word == "soln" || word == "suspension" || word == "susp" ||
           word == "liquid" || word == "elixir" || word == "syrup" || word == "concentrate" || word == "," ||
           word == ":" || word == "-" || word == "(" || word == ")";
}

// "acetaminophen 160 mg/5 mL oral suspension 15 mL", "morphine 10mg/5mL 2.5 mL": a concentration at
// `start` followed, before any other instruction, by a dose in a volume is part of the name (the
// resolver reads it as mg per mL). Returns the end of the name, or `start`.
std::size_t concentration_name_end(Reader& reader, std::size_t start) {
    const auto& items = reader.tokens().items;
    const std::size_t n = items.size();
    auto unit_kind = [&](std::size_t i, units::UnitKind kind) {
        return i < n && items[i].word.unit != nullptr && items[i].word.unit->kind == kind;
    };
    std::size_t k = start + 2;
    if (!items[start].is_number || !unit_kind(start + 1, units::UnitKind::mass) || k >= n ||
        items[k].text != "/") {
        return start;
    }
    ++k;
    if (k < n && items[k].is_number) {
        ++k;
    }
    if (!unit_kind(k, units::UnitKind::volume)) {
        return start;
    }
    ++k;
    while (k < n && is_liquid_word(items[k].text)) {
        ++k;
    }
    std::size_t after = k;
    while (after < n && is_leading_verb(items[after].text)) {
        ++after;
    }
    const auto q = reader.quantity_at(after);
    return q && unit_kind(q->end, units::UnitKind::volume) ? k : start;
}

// "acetaminophen 500 mg 2 tablets", "oxycodone 5 mg tablet: 1 tab": a mass at `start` followed, before
// any other instruction, by a count dose is the product strength, part of the name. Returns the end of
// the name: after the strength and its form words, or `start`.
std::size_t strength_name_end(Reader& reader, std::size_t start) {
    const auto& items = reader.tokens().items;
    const std::size_t n = items.size();
    if (!items[start].is_number || start + 1 >= n) {
        return start;
    }
    if (const std::size_t liquid = concentration_name_end(reader, start); liquid != start) {
        return liquid;
    }
    // "hydrocodone-acetaminophen 10-325 mg 1 tab": a combination's strengths joined by a hyphen with no
    // spaces (Epic writes them so) stand where one strength would.
    std::size_t unit_index = start + 1;
    if (start + 3 < n && items[start + 1].text == "-" && items[start + 2].is_number &&
        items[start].raw_end == items[start + 1].raw_begin &&
        items[start + 1].raw_end == items[start + 2].raw_begin) {
        unit_index = start + 3;
    }
    const units::DoseUnit* unit = items[unit_index].word.unit;
    if (!unit || unit->kind != units::UnitKind::mass) {
        return start;
    }
    std::size_t k = unit_index + 1;
    while (k < n && !items[k].is_number && !is_leading_verb(items[k].text)) {
        const units::DoseUnit* form = items[k].word.unit;
        const bool per_form = items[k].text == "per" && k + 1 < n && items[k + 1].word.unit != nullptr &&
                              items[k + 1].word.unit->kind == units::UnitKind::count; // "MG per tablet"
        const bool form_word = (form && form->kind == units::UnitKind::count) || items[k].text == ":" ||
                               items[k].text == "oral" || items[k].text == "er" || items[k].text == "ir" ||
                               items[k].text == "," || items[k].text == "-" || per_form ||
                               is_release_word(items[k].text);
        if (!form_word) {
            break;
        }
        ++k;
    }
    std::size_t after = k;
    while (after < n && is_leading_verb(items[after].text)) {
        ++after;
    }
    if (const auto q = reader.quantity_at(after)) {
        const units::DoseUnit* count = q->end < n ? items[q->end].word.unit : nullptr;
        if (count && count->kind == units::UnitKind::count) {
            return k;
        }
    }
    return start;
}

} // namespace

bool usable_as_frequency(const Reading& reading) {
    return reading.frequency && !reading.dose_max && reading.unrecognised.empty();
}

const Reading& remembered_reading(std::string_view text) {
    constexpr std::size_t k_most = 1024;
    constexpr std::size_t k_longest_kept = 64;
    thread_local absl::flat_hash_map<std::string, Reading> readings;
    thread_local Reading uncached;
    if (const auto it = readings.find(absl::string_view(text.data(), text.size())); it != readings.end()) {
        return it->second;
    }
    if (text.size() > k_longest_kept) {
        uncached = read_regimen(text);
        return uncached;
    }
    if (readings.size() >= k_most) {
        readings.clear();
    }
    return readings.emplace(std::string(text), read_regimen(text)).first->second;
}

// The ambiguities the reader gives a sig of consecutive phases (Reader::run, Kind::sequence).
const std::string k_then_regimen = "more than one regimen ('then')";
const std::string k_followed_regimen = "more than one regimen ('followed by')";

Reading read_regimen(std::string_view text) {
    Reading whole = Reader(text).run();
    // A taper or titration ("... x 3 days, then ..."), which the reader finds ambiguous: its phases,
    // when they can be read as one. Only such sigs are read again.
    const bool phased =
        std::any_of(whole.ambiguities.begin(), whole.ambiguities.end(),
                    [](const std::string& a) { return a == k_then_regimen || a == k_followed_regimen; });
    if (!phased) {
        return whole;
    }
    const PhaseTexts phases = phase_texts(text);
    if (phases.parts.size() > 1) {
        if (auto merged = read_phases(phases.parts)) {
            return std::move(*merged);
        }
    } else if (phases.stopped) {
        return Reader(phases.parts.front()).run(); // "1 tab bid x 3 days, then stop"
    }
    return whole;
}

std::optional<Frequency> read_frequency(std::string_view text) {
    Reading r = read_regimen(text);
    if (!r.frequency || r.dose_max || !r.unrecognised.empty() || !r.ambiguities.empty() || r.prn ||
        r.max_stated || r.duration_days || !r.route.empty() || r.as_directed) {
        return std::nullopt;
    }
    return std::move(r.frequency);
}

std::optional<DoseRange> read_dose(std::string_view text) {
    // A control character (a NUL in a CSV cell) is damage, not a separator.
    if (std::any_of(text.begin(), text.end(), [](char c) { return (c >= 0 && c < 0x20) || c == 0x7f; })) {
        return std::nullopt;
    }
    return Reader(text).dose_only();
}

DrugAndRegimen split_drug(std::string_view sig) {
    Reader reader(sig);
    if (starts_with_regimen(reader)) {
        return {{}, util::trim(sig)};
    }
    const auto& items = reader.tokens().items;
    std::size_t start = regimen_start(reader);
    if (start == items.size()) {
        return {util::trim(sig), {}};
    }
    const std::size_t name_end = strength_name_end(reader, start);
    start = std::max(start, name_end);
    const std::size_t drug_end = name_end > 0 ? items[name_end - 1].raw_end : 0;
    std::string_view drug = sig.substr(0, drug_end);
    while (!drug.empty() &&
           (drug.back() == ':' || drug.back() == ',' || drug.back() == '-' || drug.back() == ' ')) {
        drug.remove_suffix(1);
    }
    return {util::trim(drug), util::trim(sig.substr(items[start].raw_begin))};
}

std::string describe_frequency(const Frequency& f) {
    if (f.single_administration) {
        return "once";
    }
    const std::string& c = f.canonical;
    if (c == "qhs") {
        return "at bedtime";
    }
    if (c == "qam") {
        return "every morning";
    }
    if (c == "qpm") {
        return "every evening";
    }
    if (c == "qnoon") {
        return "at noon";
    }
    if (c == "weekly") {
        return "once a week";
    }
    if (c.size() > 2 && c.front() == 'q' && c.back() == 'h') {
        return "every " + util::format_number(24.0 / f.doses_per_day) + " h"; // the shortest interval
    }
    if (f.doses_per_day == 1) {
        return "once a day";
    }
    if (f.doses_per_day == 2) {
        return "twice a day";
    }
    return util::format_number(f.doses_per_day) + " times a day";
}

} // namespace medcheck::sig
