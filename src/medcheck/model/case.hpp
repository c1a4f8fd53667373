#pragma once

#include <medcheck/model/hepatic.hpp>
#include <medcheck/model/sex.hpp>
#include <medcheck/sig/reading.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace medcheck::model {

// A value the reader could not accept: it becomes an invalid_input finding, never an "ok".
struct InputIssue {
    std::string field;        // e.g. "patient.age" or "medications[1].dose"
    std::string message;      // what is wrong, naming the value
    std::optional<int> order; // the medication it belongs to, if any
};

// The issue a sig reader reports for a word it does not know: "unrecognised word 'W' in ...". The
// order is checked on the words that were read, which may be less than it allows, so such an order's
// reading is never shown as complete (check::mark_partly_read).
std::string unrecognised_word_message(std::string_view word, std::string_view where);
// The word of such an issue; empty for any other issue.
std::string_view unrecognised_word(const InputIssue& issue);

// The patient's measured and stated factors as given; units are in the names. Absent optionals and
// enums mean "not given". A batch stores them in this form too (batch::StoredPatient), so a patient's
// factors have one type from the reader to the rules.
struct PatientFactors {
    std::optional<double> age_years;
    std::optional<double> weight_kg;
    std::optional<double> serum_creatinine_mg_dl;
    std::optional<double> crcl_ml_min;
    std::optional<double> pregnancy_weeks;
    Sex sex = Sex::absent;
    Hepatic hepatic = Hepatic::absent; // absent is read as none

    bool operator==(const PatientFactors&) const = default;
};

// A patient as the checker sees it: the factors, and the lists of conditions and drugs tried.
struct Patient : PatientFactors {
    std::string id;
    std::vector<std::string> conditions;
    std::optional<std::vector<std::string>> tried; // absent = unknown; empty = none tried
};

// One proposed or existing regimen, as written. Dose, unit and frequency stay text-like until the
// checker interprets them, so that a bad value is reported rather than dropped.
struct MedicationOrder {
    std::string drug;
    std::optional<double> dose;     // the upper end of a written range ("1-2" -> 2)
    std::optional<double> dose_min; // the lower end; absent when the dose is a single number
    // A dose was written but could not be read; the reader reported it as an input issue, so the
    // checker does not report the missing dose a second time (the order stays unverifiable).
    bool dose_unreadable = false;
    std::string unit;
    std::string route; // empty: the drug's default route
    // Any frequency the sig vocabulary reads ("q4-6h", "3 times a day"); it may also carry prn, a
    // stated maximum or a duration ("q6h prn max 4/day"), which the checker adds to the order.
    std::string frequency;
    // The frequency could not be read, and the reader reported it naming its own field (a CSV
    // cell); the checker does not report it a second time (the order stays unverifiable).
    bool frequency_unreadable = false;
    std::optional<double> duration_days;
    bool prn = false;
    std::optional<double> max_doses_per_day;  // the structured PRN maximum (doses per day)
    std::optional<sig::StatedMax> max_stated; // a maximum read from a sig ("max 8 tabs/day")
    std::string indication;                   // PRN or "for" words, kept as text
    std::optional<double> strength_mg;        // "500 mg 2 tablets": mg per tablet stated in the sig
    std::optional<double> total_mg;           // Epic "1 tablet (10 mg total)": mg per administration
    // A sig's different doses at different times of day ("1 in the morning, 2 at night"): the day's
    // total in `unit` (3), each dose at its top; `dose` is the largest of them. Absent otherwise.
    std::optional<double> daily_dose;
    int phases = 0; // a sig read as consecutive phases (a taper): how many (sig::Reading::phases)
    // With phases: the first phase's largest dose and day in `unit`, which start-dose rules measure
    // (a titration starts low: "30 mg daily x 7 days then 60 mg daily" starts at 30).
    std::optional<double> start_dose;
    std::optional<double> start_daily;
    std::vector<std::string> ambiguities; // why the regimen cannot be read safely
    std::string input;                    // the sig as written, when the order came from one
    bool continuing = false;
    std::string reference; // where it came from: "--med 2", "file.csv:14", a FHIR id
    // The source system's own id of the order, for joining findings back: CSV prescription_id,
    // FHIR MedicationRequest id, MIMIC pharmacy_id/poe_id. Empty when the input has none.
    std::string source_id;
    // When the order is active, as seconds since 1970-01-01 UTC; absent = concurrent with every
    // other order of the case (the v1 behaviour). end_s is exclusive.
    std::optional<std::int64_t> start_s;
    std::optional<std::int64_t> end_s;
};

struct Case {
    std::optional<std::string> indication;
    Patient patient;
    std::vector<MedicationOrder> medications;
    std::vector<InputIssue> issues;
};

} // namespace medcheck::model
