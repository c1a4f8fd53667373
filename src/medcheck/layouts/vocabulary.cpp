#include <medcheck/layouts/vocabulary.hpp>

#include <medcheck/model/route.hpp>
#include <medcheck/sig/reader.hpp>
#include <medcheck/util/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace medcheck::layouts {

namespace {

// EHR frequency codes (MIMIC-IV pharmacy.frequency, as seen in the demo export) that the checker's
// vocabulary does not spell. `frequency` empty with a reason: the order cannot be checked for daily
// limits. Meal and clock times are one dose a day.
struct FrequencyRow {
    std::string_view written;
    std::string_view frequency;
    std::string_view unverifiable;
};
constexpr std::array<FrequencyRow, 33> k_frequencies{{
    {"ONCE MR1", "", "'ONCE MR1' (once, may repeat once) does not fix the number of doses"},
    {"ONCE MR2", "", "'ONCE MR2' (once, may repeat twice) does not fix the number of doses"},
    {"MR X1", "", "'MR X1' (may repeat once) does not fix the number of doses"},
    {"MRX1", "", "'MRX1' (may repeat once) does not fix the number of doses"},
    {"Q5MIN", "", "'Q5MIN' (every 5 minutes) gives no maximum number of doses per day"},
    {"Q15MIN", "", "'Q15MIN' (every 15 minutes) gives no maximum number of doses per day"},
    {"Q30MIN", "", "'Q30MIN' (every 30 minutes) gives no maximum number of doses per day"},
    {"2X", "", "'2X' (twice) does not say over what time the two doses are given"},
    {"X2", "", "'X2' (twice) does not say over what time the two doses are given"},
    {"HD PROTOCOL", "", "'HD PROTOCOL' doses by a dialysis protocol"},
    {"ON CALL", "once", ""}, // given once, on call to a procedure
    {"ASDIR", "", "'ASDIR' (as directed) gives no number of doses per day"},
    {"TITRATE", "", "a titrated order ('TITRATE') changes its dose by protocol"},
    {"TITRATE TO", "", "a titrated order ('TITRATE TO') changes its dose by protocol"},
    {"INFUSION", "", "a continuous infusion ('INFUSION') has no doses per day"},
    {"PRN", "", "'PRN' with no interval gives no maximum number of doses per day"},
    {"NOW X1", "once", ""},
    {"X1", "once", ""},
    {"1X", "once", ""},
    {"X1 PRN", "once", ""},
    {"STAT", "once", ""},
    {"HS", "qhs", ""},
    {"QHS", "qhs", ""},
    {"QAM", "daily", ""},
    {"QPM", "daily", ""},
    {"NOON", "daily", ""},
    {"BREAKFAST", "daily", ""},
    {"LUNCH", "daily", ""},
    {"DINNER", "daily", ""},
    {"EVERY OTHER DAY", "daily", ""},
    {"TID W/MEALS", "tid", ""},
    {"QID W/MEALS & HS", "qid", ""},
}};

// EHR route abbreviations (MIMIC-IV prescriptions.route, HL7 v2 table 0162 spellings) to the checker's
// routes. Enteral tubes give the oral dose limits.
constexpr std::array<std::pair<std::string_view, model::Route>, 34> k_routes{{
    {"PO", model::Route::oral},
    {"ORAL", model::Route::oral},
    {"PO/NG", model::Route::oral},
    {"PO OR NG", model::Route::oral},
    {"NG", model::Route::oral},
    {"OG", model::Route::oral},
    {"NG/OG", model::Route::oral},
    {"G TUBE", model::Route::oral},
    {"J TUBE", model::Route::oral},
    {"PEG", model::Route::oral},
    {"ENTERAL", model::Route::oral},
    {"TD", model::Route::transdermal},
    {"TRANSDERMAL", model::Route::transdermal},
    {"TP", model::Route::topical},
    {"TOPICAL", model::Route::topical},
    {"BUCCAL", model::Route::buccal},
    {"IV", model::Route::iv},
    {"IV DRIP", model::Route::iv},
    {"IV BOLUS", model::Route::iv},
    {"IVPB", model::Route::iv},
    {"IVP", model::Route::iv},
    {"IVPCA", model::Route::iv},
    {"INTRAVENOUS", model::Route::iv},
    {"IM", model::Route::im},
    {"INTRAMUSCULAR", model::Route::im},
    {"SC", model::Route::subcutaneous},
    {"SUBCUT", model::Route::subcutaneous},
    {"SQ", model::Route::subcutaneous},
    {"SL", model::Route::sublingual},
    {"PR", model::Route::rectal},
    {"RECTAL", model::Route::rectal},
    {"ED", model::Route::epidural},
    {"ID", model::Route::intradermal},
    {"NU", model::Route::nasal},
}};

std::string upper_squeezed(std::string_view text) {
    std::string out;
    for (const char c : util::trim(text)) {
        if (c == ' ' || c == '\t') {
            if (!out.empty() && out.back() != ' ') {
                out.push_back(' ');
            }
        } else {
            out.push_back(util::to_upper_ascii(c));
        }
    }
    return out;
}

} // namespace

EhrFrequency read_ehr_frequency(std::string_view text) {
    EhrFrequency out;
    std::string code = upper_squeezed(text);
    for (const std::string_view suffix : {":PRN", " PRN"}) {
        if (code.size() > suffix.size() &&
            code.compare(code.size() - suffix.size(), suffix.size(), suffix) == 0) {
            out.prn = true;
            code.resize(code.size() - suffix.size());
        }
    }
    if (code == "PRN") {
        out.prn = true;
    }
    // "Q 12H" -> "Q12H".
    if (code.size() > 2 && code[0] == 'Q' && code[1] == ' ') {
        code.erase(1, 1);
    }
    for (const FrequencyRow& row : k_frequencies) {
        if (code == row.written) {
            out.frequency =
                row.frequency.empty() ? std::string(util::trim(text)) : std::string(row.frequency);
            out.unverifiable = std::string(row.unverifiable);
            return out;
        }
    }
    // "2X/WEEK" .. "6X/WEEK", and after each dialysis ("POST HD"): on a dosing day, one dose.
    if ((code.size() == 7 && code[0] >= '1' && code[0] <= '6' && code.compare(1, 6, "X/WEEK") == 0) ||
        code == "POST HD") {
        out.frequency = "daily";
        return out;
    }
    // A clock time, "DAILY16" (16:00) or "DAILY8": once a day.
    if (code.size() > 5 && code.size() <= 7 && code.compare(0, 5, "DAILY") == 0 &&
        std::all_of(code.begin() + 5, code.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
        std::stoi(code.substr(5)) <= 24) {
        out.frequency = "daily";
        return out;
    }
    if (code.rfind("TITRATE", 0) == 0) {
        out.frequency = std::string(util::trim(text));
        out.unverifiable =
            "a titrated order ('" + out.frequency.substr(0, 40) + "') changes its dose by protocol";
        return out;
    }
    const std::string lower = util::to_lower(code);
    if (const auto parsed = sig::read_frequency(lower)) {
        // An interval longer than a day (Q48H): on a dosing day the whole dose is given.
        out.frequency = parsed->doses_per_day < 1 && !parsed->single_administration ? "daily" : lower;
        return out;
    }
    out.frequency = std::string(util::trim(text));
    return out;
}

std::optional<std::string> frequency_for_doses_per_day(double doses) {
    if (!(doses >= 1) || doses > 24 || !std::isfinite(doses)) {
        return std::nullopt;
    }
    if (doses <= 1) {
        return std::string("daily");
    }
    const auto hours = static_cast<int>(std::floor(24.0 / std::ceil(doses)));
    return fmt::format("q{}h", std::max(1, hours));
}

std::string read_ehr_route(std::string_view text) {
    const std::string code = upper_squeezed(text);
    for (const auto& [written, route] : k_routes) {
        if (code == written) {
            return std::string(model::to_string(route));
        }
    }
    return util::to_lower(util::trim(text));
}

std::string dotted_icd(std::string_view code, int version) {
    std::string out;
    for (const char c : util::trim(code)) {
        if (c == '.') {
            continue;
        }
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
            return {};
        }
        out.push_back(util::to_upper_ascii(c));
    }
    if (out.size() < 3 || out.size() > 8) {
        return {};
    }
    // ICD-9-CM E codes have four characters before the dot; all other codes three.
    const std::size_t head = version == 9 && out[0] == 'E' ? 4 : 3;
    if (out.size() > head) {
        out.insert(head, ".");
    }
    return out;
}

} // namespace medcheck::layouts
