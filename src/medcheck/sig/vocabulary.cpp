#include <medcheck/sig/vocabulary.hpp>

#include <medcheck/model/route.hpp>
#include <medcheck/units/dose_unit.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace medcheck::sig {

namespace {

// Sources for the spellings: ISMP list of error-prone abbreviations (to recognise, not endorse),
// HL7 v3 GTSAbbreviation (BID, TID, QID, AM, PM, Q4H ...), NHS dm+d / UK practice usage (bd, tds, qds,
// mane, nocte, od), Epic-style sig text ("3 (three) times a day", "(10 mg total)").
// A plain array, not std::array CTAD: clang 14 refuses deducing an array of this many elements.
constexpr Term k_terms[] = {
    // Frequencies as doses per day.
    Term{"qd", Kind::per_day, 1, "qd"},
    Term{"daily", Kind::per_day, 1, "daily"},
    Term{"once daily", Kind::per_day, 1, "daily"},
    Term{"once a day", Kind::per_day, 1, "daily"},
    Term{"once per day", Kind::per_day, 1, "daily"},
    Term{"once every day", Kind::per_day, 1, "daily"},
    Term{"one time daily", Kind::per_day, 1, "daily"},
    Term{"one time a day", Kind::per_day, 1, "daily"},
    Term{"every day", Kind::per_day, 1, "daily"},
    Term{"each day", Kind::per_day, 1, "daily"},
    Term{"a day", Kind::per_day, 1, "daily"},
    Term{"per day", Kind::per_day, 1, "daily"},
    Term{"od", Kind::per_day, 1, "daily"},
    Term{"qday", Kind::per_day, 1, "daily"},
    Term{"q day", Kind::per_day, 1, "daily"},
    Term{"q daily", Kind::per_day, 1, "daily"},
    Term{"qdaily", Kind::per_day, 1, "daily"},
    Term{"1 x daily", Kind::per_day, 1, "daily"},
    Term{"bid", Kind::per_day, 2, "bid"},
    Term{"bd", Kind::per_day, 2, "bid"},
    Term{"twice daily", Kind::per_day, 2, "bid"},
    Term{"twice a day", Kind::per_day, 2, "bid"},
    Term{"twice per day", Kind::per_day, 2, "bid"},
    Term{"twice each day", Kind::per_day, 2, "bid"},
    // Several times of day in one phrase: each an administration (the reader adds up times of day).
    Term{"morning and evening", Kind::time_of_day, 2, "qam+qpm"},
    Term{"morning and night", Kind::time_of_day, 2, "qam+qhs"},
    Term{"in the morning and at bedtime", Kind::time_of_day, 2, "qam+qhs"},
    Term{"morning and bedtime", Kind::time_of_day, 2, "qam+qhs"},
    Term{"am and pm", Kind::time_of_day, 2, "qam+qpm"},
    Term{"tid", Kind::per_day, 3, "tid"},
    Term{"tds", Kind::per_day, 3, "tid"},
    Term{"thrice daily", Kind::per_day, 3, "tid"},
    Term{"qid", Kind::per_day, 4, "qid"},
    Term{"qds", Kind::per_day, 4, "qid"},
    // Meals (three) and bedtime.
    Term{"before meals and at bedtime", Kind::time_of_day, 4, "meals+qhs"},
    Term{"with meals and at bedtime", Kind::time_of_day, 4, "meals+qhs"},
    Term{"after meals and at bedtime", Kind::time_of_day, 4, "meals+qhs"},
    Term{"ac and hs", Kind::time_of_day, 4, "meals+qhs"},
    Term{"ac hs", Kind::time_of_day, 4, "meals+qhs"},
    Term{"achs", Kind::time_of_day, 4, "meals+qhs"},
    Term{"qidachs", Kind::time_of_day, 4, "meals+qhs"}, // MIMIC-IV: four a day, before meals and at bedtime
    // Frequencies as an interval in hours.
    Term{"qod", Kind::interval, 48, "q48h"},
    Term{"qad", Kind::interval, 48, "q48h"},
    Term{"every other day", Kind::interval, 48, "q48h"},
    Term{"alternate days", Kind::interval, 48, "q48h"},
    Term{"on alternate days", Kind::interval, 48, "q48h"},
    Term{"weekly", Kind::interval, 168, "weekly"},
    Term{"once weekly", Kind::interval, 168, "weekly"},
    Term{"once a week", Kind::interval, 168, "weekly"},
    Term{"every week", Kind::interval, 168, "weekly"},
    Term{"qwk", Kind::interval, 168, "weekly"},
    Term{"q week", Kind::interval, 168, "weekly"},
    Term{"hourly", Kind::interval, 1, "q1h"},
    // One weekday named (MIMIC-IV "QTHUR", "QSAT"): weekly. Three (Mon/Wed/Fri, Tue/Thu/Sat): three a
    // week, as "3x/week" reads (every 56 h on average).
    Term{"qmon", Kind::interval, 168, "weekly"},
    Term{"qtue", Kind::interval, 168, "weekly"},
    Term{"qtues", Kind::interval, 168, "weekly"},
    Term{"qwed", Kind::interval, 168, "weekly"},
    Term{"qthu", Kind::interval, 168, "weekly"},
    Term{"qthur", Kind::interval, 168, "weekly"},
    Term{"qthurs", Kind::interval, 168, "weekly"},
    Term{"qfri", Kind::interval, 168, "weekly"},
    Term{"qsat", Kind::interval, 168, "weekly"},
    Term{"qsun", Kind::interval, 168, "weekly"},
    Term{"qmowefr", Kind::interval, 56, "q56h"},
    Term{"qtuthsa", Kind::interval, 56, "q56h"},
    // Once a day at a time of day; two or more of them add up.
    Term{"qhs", Kind::time_of_day, 1, "qhs"},
    Term{"hs", Kind::time_of_day, 1, "qhs"},
    Term{"at bedtime", Kind::time_of_day, 1, "qhs"},
    Term{"bedtime", Kind::time_of_day, 1, "qhs"},
    Term{"at bed time", Kind::time_of_day, 1, "qhs"},
    Term{"before bed", Kind::time_of_day, 1, "qhs"},
    Term{"before bedtime", Kind::time_of_day, 1, "qhs"},
    Term{"nightly", Kind::time_of_day, 1, "qhs"},
    Term{"nocte", Kind::time_of_day, 1, "qhs"},
    Term{"every night", Kind::time_of_day, 1, "qhs"},
    Term{"each night", Kind::time_of_day, 1, "qhs"},
    Term{"at night", Kind::time_of_day, 1, "qhs"},
    Term{"every night at bedtime", Kind::time_of_day, 1, "qhs"},
    Term{"qpm", Kind::time_of_day, 1, "qpm"},
    Term{"q pm", Kind::time_of_day, 1, "qpm"},
    Term{"pm", Kind::time_of_day, 1, "qpm"},
    Term{"every evening", Kind::time_of_day, 1, "qpm"},
    Term{"in the evening", Kind::time_of_day, 1, "qpm"},
    Term{"qam", Kind::time_of_day, 1, "qam"},
    Term{"q am", Kind::time_of_day, 1, "qam"},
    Term{"am", Kind::time_of_day, 1, "qam"},
    Term{"mane", Kind::time_of_day, 1, "qam"},
    Term{"om", Kind::time_of_day, 1, "qam"}, // UK: omni mane
    Term{"every morning", Kind::time_of_day, 1, "qam"},
    Term{"in the morning", Kind::time_of_day, 1, "qam"},
    Term{"each morning", Kind::time_of_day, 1, "qam"},
    Term{"qmorning", Kind::time_of_day, 1, "qam"},
    Term{"morning", Kind::time_of_day, 1, "qam"},
    Term{"evening", Kind::time_of_day, 1, "qpm"},
    // Meals named one by one: each a time of day (breakfast the morning's, dinner the evening's).
    Term{"breakfast", Kind::time_of_day, 1, "qam"},
    Term{"with breakfast", Kind::time_of_day, 1, "qam"},
    Term{"at breakfast", Kind::time_of_day, 1, "qam"},
    Term{"before breakfast", Kind::time_of_day, 1, "qam"},
    Term{"after breakfast", Kind::time_of_day, 1, "qam"},
    Term{"qnoon", Kind::time_of_day, 1, "qnoon"},
    Term{"noon", Kind::time_of_day, 1, "qnoon"},
    Term{"at noon", Kind::time_of_day, 1, "qnoon"},
    Term{"midday", Kind::time_of_day, 1, "qnoon"},
    Term{"at midday", Kind::time_of_day, 1, "qnoon"},
    Term{"lunch", Kind::time_of_day, 1, "qnoon"},
    Term{"with lunch", Kind::time_of_day, 1, "qnoon"},
    Term{"at lunch", Kind::time_of_day, 1, "qnoon"},
    Term{"before lunch", Kind::time_of_day, 1, "qnoon"},
    Term{"after lunch", Kind::time_of_day, 1, "qnoon"},
    Term{"lunchtime", Kind::time_of_day, 1, "qnoon"},
    Term{"at lunchtime", Kind::time_of_day, 1, "qnoon"},
    Term{"dinner", Kind::time_of_day, 1, "qpm"},
    Term{"with dinner", Kind::time_of_day, 1, "qpm"},
    Term{"at dinner", Kind::time_of_day, 1, "qpm"},
    Term{"before dinner", Kind::time_of_day, 1, "qpm"},
    Term{"after dinner", Kind::time_of_day, 1, "qpm"},
    Term{"supper", Kind::time_of_day, 1, "qpm"},
    Term{"with supper", Kind::time_of_day, 1, "qpm"},
    Term{"with the evening meal", Kind::time_of_day, 1, "qpm"},
    // UK practice: teatime is the evening meal.
    Term{"teatime", Kind::time_of_day, 1, "qpm"},
    Term{"at teatime", Kind::time_of_day, 1, "qpm"},
    Term{"dinnertime", Kind::time_of_day, 1, "qpm"},
    Term{"at dinnertime", Kind::time_of_day, 1, "qpm"},
    Term{"suppertime", Kind::time_of_day, 1, "qpm"},
    Term{"at suppertime", Kind::time_of_day, 1, "qpm"},
    Term{"with evening meal", Kind::time_of_day, 1, "qpm"},
    // Meals: a frequency only when nothing else gives one ("bid with meals" is bid).
    Term{"with meals", Kind::meals, 3, "tid"},
    Term{"w / meals", Kind::meals, 3, "tid"}, // "w/meals"
    Term{"before meals", Kind::meals, 3, "tid"},
    Term{"after meals", Kind::meals, 3, "tid"},
    Term{"ac", Kind::meals, 3, "tid"},
    Term{"pc", Kind::meals, 3, "tid"},
    // A single administration.
    Term{"once", Kind::once, 1, "once"},
    Term{"stat", Kind::once, 1, "once"},
    Term{"x1", Kind::once, 1, "once"},
    Term{"one time", Kind::once, 1, "once"},
    Term{"once only", Kind::once, 1, "once"},
    Term{"now", Kind::once, 1, "once"},
    // Routes.
    Term{"po", Kind::route, 0, model::to_string(model::Route::oral)},
    Term{"oral", Kind::route, 0, model::to_string(model::Route::oral)},
    Term{"orally", Kind::route, 0, model::to_string(model::Route::oral)},
    Term{"by mouth", Kind::route, 0, model::to_string(model::Route::oral)},
    Term{"per mouth", Kind::route, 0, model::to_string(model::Route::oral)},
    Term{"by oral route", Kind::route, 0, model::to_string(model::Route::oral)},
    Term{"per os", Kind::route, 0, model::to_string(model::Route::oral)},
    Term{"iv", Kind::route, 0, model::to_string(model::Route::iv)},
    Term{"ivp", Kind::route, 0, model::to_string(model::Route::iv)},
    Term{"intravenous", Kind::route, 0, model::to_string(model::Route::iv)},
    Term{"intravenously", Kind::route, 0, model::to_string(model::Route::iv)},
    Term{"im", Kind::route, 0, model::to_string(model::Route::im)},
    Term{"intramuscular", Kind::route, 0, model::to_string(model::Route::im)},
    Term{"intramuscularly", Kind::route, 0, model::to_string(model::Route::im)},
    Term{"td", Kind::route, 0, model::to_string(model::Route::transdermal)},
    Term{"transdermal", Kind::route, 0, model::to_string(model::Route::transdermal)},
    Term{"transdermally", Kind::route, 0, model::to_string(model::Route::transdermal)},
    Term{"to skin", Kind::route, 0, model::to_string(model::Route::transdermal)},
    Term{"to the skin", Kind::route, 0, model::to_string(model::Route::transdermal)},
    Term{"top", Kind::route, 0, model::to_string(model::Route::topical)},
    Term{"topical", Kind::route, 0, model::to_string(model::Route::topical)},
    Term{"topically", Kind::route, 0, model::to_string(model::Route::topical)},
    Term{"buccal", Kind::route, 0, model::to_string(model::Route::buccal)},
    Term{"bucc", Kind::route, 0, model::to_string(model::Route::buccal)},
    Term{"sl", Kind::route, 0, model::to_string(model::Route::sublingual)},
    Term{"sublingual", Kind::route, 0, model::to_string(model::Route::sublingual)},
    Term{"sublingually", Kind::route, 0, model::to_string(model::Route::sublingual)},
    Term{"under the tongue", Kind::route, 0, model::to_string(model::Route::sublingual)},
    Term{"pr", Kind::route, 0, model::to_string(model::Route::rectal)},
    Term{"rectally", Kind::route, 0, model::to_string(model::Route::rectal)},
    Term{"per rectum", Kind::route, 0, model::to_string(model::Route::rectal)},
    // The quantity dispensed follows ("#90", "disp: 30 tabs"): read for a scheduled regimen's duration.
    Term{"#", Kind::dispense},
    Term{"disp", Kind::dispense},
    Term{"dispense", Kind::dispense},
    Term{"qty", Kind::dispense},
    Term{"quantity", Kind::dispense},
    // Fillers: verbs and instructions that do not change the amount.
    Term{"take", Kind::filler},
    Term{"takes", Kind::filler},
    Term{"to be taken", Kind::filler}, // UK practice: "one to be taken three times a day"
    Term{"give", Kind::filler},
    Term{"apply", Kind::filler},
    Term{"place", Kind::filler},
    Term{"inject", Kind::filler},
    Term{"chew", Kind::filler},
    Term{"use", Kind::filler},
    Term{"swallow", Kind::filler},
    Term{"dissolve", Kind::filler},
    Term{"administer", Kind::filler},
    Term{"sig", Kind::filler},
    Term{"instructions", Kind::filler},
    // A schedule kept day and night, or only while awake, is read at its interval all day: never
    // fewer administrations than it allows.
    Term{"around the clock", Kind::filler},
    Term{"round the clock", Kind::filler},
    Term{"atc", Kind::filler},
    Term{"while awake", Kind::filler},
    Term{"with food", Kind::filler},
    Term{"with water", Kind::filler},
    Term{"with a meal", Kind::filler},
    Term{"with a glass of water", Kind::filler},
    Term{"with a full glass of water", Kind::filler},
    Term{"with plenty of water", Kind::filler},
    Term{"with milk", Kind::filler},
    Term{"with or without food", Kind::filler},
    Term{"after food", Kind::filler},
    Term{"on an empty stomach", Kind::filler},
    Term{"whole", Kind::filler},
    Term{"up to", Kind::filler},
    Term{"and", Kind::filler},
    Term{"of", Kind::filler},
    Term{"the", Kind::filler},
    Term{"by", Kind::filler},
    Term{"oral tablet", Kind::filler},
    Term{"tablet oral", Kind::filler},
    Term{"regularly", Kind::filler},
    Term{"routinely", Kind::filler},
    Term{"scheduled", Kind::filler},
    Term{"please", Kind::filler},
    Term{"each time", Kind::filler},
    Term{"at a time", Kind::filler},
    Term{"per dose", Kind::filler},
    // PRN.
    Term{"prn", Kind::prn},
    Term{"as needed", Kind::prn},
    Term{"as need", Kind::prn},
    Term{"when needed", Kind::prn},
    Term{"if needed", Kind::prn},
    Term{"when required", Kind::prn},
    Term{"if required", Kind::prn},
    Term{"as required", Kind::prn},
    Term{"when necessary", Kind::prn},
    Term{"if necessary", Kind::prn},
    Term{"as necessary", Kind::prn},
    Term{"if you need it", Kind::prn},
    // No frequency.
    Term{"as directed", Kind::as_directed},
    Term{"as dir", Kind::as_directed},
    Term{"uad", Kind::as_directed},
    Term{"ud", Kind::as_directed},
    Term{"use as directed", Kind::as_directed},
    Term{"as instructed", Kind::as_directed},
    Term{"as per instructions", Kind::as_directed},
    Term{"as advised", Kind::as_directed},
    Term{"as per doctor", Kind::as_directed},
    // Stated maxima; value 1: the period is a day unless one is written.
    Term{"max", Kind::max},
    Term{"maximum", Kind::max},
    Term{"max of", Kind::max},
    Term{"maximum of", Kind::max},
    Term{"not to exceed", Kind::max},
    Term{"do not exceed", Kind::max},
    Term{"dont exceed", Kind::max},
    Term{"don't exceed", Kind::max},
    Term{"nte", Kind::max},
    Term{"dne", Kind::max},
    Term{"no more than", Kind::max},
    Term{"not more than", Kind::max},
    Term{"mdd", Kind::max, 1},
    Term{"max daily dose", Kind::max, 1},
    Term{"maximum daily dose", Kind::max, 1},
    Term{"max daily", Kind::max, 1},
    Term{"max dose", Kind::max},
    Term{"maximum dose", Kind::max},
    Term{"max per day", Kind::max, 1},
    Term{"max dose per day", Kind::max, 1},
    Term{"max total daily dose", Kind::max, 1},
    Term{"max 24 hour dose", Kind::max, 1},
    Term{"max 24 hr dose", Kind::max, 1},
    // Pieces of patterns.
    Term{"q", Kind::every},
    Term{"every", Kind::every},
    Term{"each", Kind::every},
    Term{"times", Kind::times},
    Term{"time", Kind::times},
    Term{"x", Kind::times}, // "5 x daily"; as "x 5 days" it is read as a duration sign
    Term{"/", Kind::per},
    Term{"per", Kind::per},
    Term{"a", Kind::per},
    Term{"an", Kind::per},
    Term{"in", Kind::per},
    Term{"within", Kind::per},
    Term{"h", Kind::hour_unit, 1},
    Term{"hr", Kind::hour_unit, 1},
    Term{"hrs", Kind::hour_unit, 1},
    Term{"hour", Kind::hour_unit, 1},
    Term{"hours", Kind::hour_unit, 1},
    Term{"hrly", Kind::hourly, 1},
    Term{"hly", Kind::hourly, 1},
    Term{"d", Kind::day_unit, 1},
    Term{"dy", Kind::day_unit, 1},
    Term{"day", Kind::day_unit, 1},
    Term{"days", Kind::day_unit, 1},
    Term{"night", Kind::day_unit, 1},
    Term{"nights", Kind::day_unit, 1},
    Term{"w", Kind::day_unit, 7},
    Term{"wk", Kind::day_unit, 7},
    Term{"wks", Kind::day_unit, 7},
    Term{"week", Kind::day_unit, 7},
    Term{"weeks", Kind::day_unit, 7},
    Term{"mo", Kind::day_unit, 30}, // a month is 30 days, as in a days' supply
    Term{"mos", Kind::day_unit, 30},
    Term{"month", Kind::day_unit, 30},
    Term{"months", Kind::day_unit, 30},
    Term{"for", Kind::for_word},
    Term{"-", Kind::range},
    Term{"to", Kind::range},
    Term{"or", Kind::range},
    Term{"one", Kind::number_word, 1},
    Term{"two", Kind::number_word, 2},
    Term{"three", Kind::number_word, 3},
    Term{"four", Kind::number_word, 4},
    Term{"five", Kind::number_word, 5},
    Term{"six", Kind::number_word, 6},
    Term{"seven", Kind::number_word, 7},
    Term{"eight", Kind::number_word, 8},
    Term{"nine", Kind::number_word, 9},
    Term{"ten", Kind::number_word, 10},
    Term{"eleven", Kind::number_word, 11},
    Term{"twelve", Kind::number_word, 12},
    Term{"half", Kind::number_word, 0.5},
    Term{"half a", Kind::number_word, 0.5}, // "half a tablet" (the "a" is not a second dose of one)
    Term{"half an", Kind::number_word, 0.5},
    Term{"one half", Kind::number_word, 0.5},
    Term{"one - half", Kind::number_word, 0.5},
    Term{"a half", Kind::number_word, 0.5},
    Term{"one and a half", Kind::number_word, 1.5},
    Term{"one and one half", Kind::number_word, 1.5},
    Term{"dose", Kind::dose_word},
    Term{"doses", Kind::dose_word},
    Term{"total", Kind::total},
    Term{"continuing", Kind::continuing},
    Term{"cont", Kind::continuing},
    Term{"continue", Kind::continuing},
    // What an as-needed reason ("prn severe low back pain", "as needed for muscle spasms") may hold,
    // besides fillers ("and", "of", "the"), "/", "or" and "for". Any other word ends the reason and is
    // read as part of the regimen (unrecognised if it is none): a reason never hides an instruction.
    Term{"pain", Kind::reason_word},
    Term{"pains", Kind::reason_word},
    Term{"painful", Kind::reason_word},
    Term{"ache", Kind::reason_word},
    Term{"aches", Kind::reason_word},
    Term{"aching", Kind::reason_word},
    Term{"headache", Kind::reason_word},
    Term{"headaches", Kind::reason_word},
    Term{"migraine", Kind::reason_word},
    Term{"migraines", Kind::reason_word},
    Term{"fever", Kind::reason_word},
    Term{"fevers", Kind::reason_word},
    Term{"temperature", Kind::reason_word},
    Term{"spasm", Kind::reason_word},
    Term{"spasms", Kind::reason_word},
    Term{"muscle", Kind::reason_word},
    Term{"muscles", Kind::reason_word},
    Term{"muscular", Kind::reason_word},
    Term{"cramp", Kind::reason_word},
    Term{"cramps", Kind::reason_word},
    Term{"cramping", Kind::reason_word},
    Term{"stiffness", Kind::reason_word},
    Term{"tightness", Kind::reason_word},
    Term{"back", Kind::reason_word},
    Term{"neck", Kind::reason_word},
    Term{"shoulder", Kind::reason_word},
    Term{"shoulders", Kind::reason_word},
    Term{"knee", Kind::reason_word},
    Term{"knees", Kind::reason_word},
    Term{"hip", Kind::reason_word},
    Term{"hips", Kind::reason_word},
    Term{"joint", Kind::reason_word},
    Term{"joints", Kind::reason_word},
    Term{"leg", Kind::reason_word},
    Term{"legs", Kind::reason_word},
    Term{"arm", Kind::reason_word},
    Term{"arms", Kind::reason_word},
    Term{"foot", Kind::reason_word},
    Term{"feet", Kind::reason_word},
    Term{"hand", Kind::reason_word},
    Term{"hands", Kind::reason_word},
    Term{"wrist", Kind::reason_word},
    Term{"ankle", Kind::reason_word},
    Term{"lower", Kind::reason_word},
    Term{"upper", Kind::reason_word},
    Term{"low", Kind::reason_word},
    Term{"nerve", Kind::reason_word},
    Term{"neuropathic", Kind::reason_word},
    Term{"neuropathy", Kind::reason_word},
    Term{"sciatica", Kind::reason_word},
    Term{"radicular", Kind::reason_word},
    Term{"arthritis", Kind::reason_word},
    Term{"osteoarthritis", Kind::reason_word},
    Term{"inflammation", Kind::reason_word},
    Term{"swelling", Kind::reason_word},
    Term{"discomfort", Kind::reason_word},
    Term{"breakthrough", Kind::reason_word},
    Term{"mild", Kind::reason_word},
    Term{"moderate", Kind::reason_word},
    Term{"severe", Kind::reason_word},
    Term{"acute", Kind::reason_word},
    Term{"chronic", Kind::reason_word},
    Term{"sleep", Kind::reason_word},
    Term{"insomnia", Kind::reason_word},
    Term{"anxiety", Kind::reason_word},
    Term{"agitation", Kind::reason_word},
    Term{"nausea", Kind::reason_word},
    Term{"vomiting", Kind::reason_word},
    Term{"itching", Kind::reason_word},
    Term{"itch", Kind::reason_word},
    Term{"cough", Kind::reason_word},
    Term{"toothache", Kind::reason_word},
    Term{"dental", Kind::reason_word},
    Term{"menstrual", Kind::reason_word},
    Term{"dysmenorrhea", Kind::reason_word},
    Term{"injury", Kind::reason_word},
    Term{"sprain", Kind::reason_word},
    Term{"strain", Kind::reason_word},
    Term{"postoperative", Kind::reason_word},
    Term{"surgical", Kind::reason_word},
    Term{"flare", Kind::reason_word},
    Term{"flares", Kind::reason_word},
    Term{"symptoms", Kind::reason_word},
    Term{"relief", Kind::reason_word},
    Term{"spine", Kind::reason_word},
    Term{"spinal", Kind::reason_word},
    Term{"lumbar", Kind::reason_word},
    // Words that give more than the regimen says ("may repeat x1", "prn pain, may double"): never read
    // as part of an as-needed reason, and the sig is ambiguous.
    Term{"may", Kind::amount_word},
    Term{"can", Kind::amount_word},
    Term{"double", Kind::amount_word},
    Term{"doubled", Kind::amount_word},
    Term{"repeat", Kind::amount_word},
    Term{"repeated", Kind::amount_word},
    Term{"extra", Kind::amount_word},
    Term{"additional", Kind::amount_word},
    Term{"another", Kind::amount_word},
    Term{"more", Kind::amount_word},
    Term{"again", Kind::amount_word},
    Term{"plus", Kind::amount_word},
    Term{"then", Kind::sequence},
    Term{"followed by", Kind::sequence},
    Term{"taper", Kind::sequence},
    Term{"tapering", Kind::sequence},
    Term{"titrate", Kind::sequence},
    Term{"increase", Kind::sequence},
    Term{"increase to", Kind::sequence},
    Term{"decrease", Kind::sequence},
    Term{"reduce", Kind::sequence},
    Term{"wean", Kind::sequence},
    Term{"sliding scale", Kind::sequence},
    Term{"alternating with", Kind::sequence},
};

// Every vocabulary word and dose-unit spelling, numbered, in an open-addressing table (a sig reads
// a word up once; the phrases are then matched by number).
class Index {
  public:
    Index() {
        for (const auto& term : k_terms) {
            PhraseIds phrase;
            phrase.term = &term;
            std::string_view rest = term.phrase;
            bool fits = true;
            while (!rest.empty()) {
                const auto space = rest.find(' ');
                const std::int16_t id = add(rest.substr(0, space));
                if (phrase.size == k_max_phrase_words) {
                    fits = false; // never matched
                } else {
                    phrase.ids[phrase.size++] = id;
                }
                rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
            }
            if (fits) {
                m_first.resize(m_words.size());
                m_first[static_cast<std::size_t>(phrase.ids[0])].push_back(phrase);
            }
        }
        for (const auto& named : units::dose_units()) {
            const std::int16_t id = add(named.name);
            if (m_units[static_cast<std::size_t>(id)] == nullptr) {
                m_units[static_cast<std::size_t>(id)] = &named.unit;
            }
        }
        m_first.resize(m_words.size());
        for (auto& list : m_first) {
            std::stable_sort(list.begin(), list.end(),
                             [](const PhraseIds& a, const PhraseIds& b) { return a.size > b.size; });
        }
    }

    WordInfo find(std::string_view word) const {
        for (std::size_t slot = hash(word) & k_mask;; slot = (slot + 1) & k_mask) {
            const std::int16_t id = m_slots[slot];
            if (id < 0) {
                return {};
            }
            if (m_words[static_cast<std::size_t>(id)] == word) {
                return {id, m_units[static_cast<std::size_t>(id)]};
            }
        }
    }

    std::span<const PhraseIds> starting_with(std::int16_t id) const {
        return id < 0 ? std::span<const PhraseIds>()
                      : std::span<const PhraseIds>(m_first[static_cast<std::size_t>(id)]);
    }

  private:
    static constexpr std::size_t k_slots = 2048; // a power of two, well above the words
    static constexpr std::size_t k_mask = k_slots - 1;

    static std::size_t hash(std::string_view word) {
        std::uint64_t h = 1469598103934665603ULL; // FNV-1a
        for (const char c : word) {
            h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
        }
        return static_cast<std::size_t>(h ^ (h >> 29U));
    }

    std::int16_t add(std::string_view word) {
        if (const WordInfo known = find(word); known.id >= 0) {
            return known.id;
        }
        const auto id = static_cast<std::int16_t>(m_words.size());
        m_words.push_back(word);
        m_units.push_back(nullptr);
        std::size_t slot = hash(word) & k_mask;
        while (m_slots[slot] >= 0) {
            slot = (slot + 1) & k_mask;
        }
        m_slots[slot] = id;
        return id;
    }

    std::array<std::int16_t, k_slots> m_slots = [] {
        std::array<std::int16_t, k_slots> empty{};
        empty.fill(-1);
        return empty;
    }();
    std::vector<std::string_view> m_words;
    std::vector<const units::DoseUnit*> m_units;
    std::vector<std::vector<PhraseIds>> m_first;
};

const Index& index() {
    static const Index k_index;
    return k_index;
}

} // namespace

std::span<const Term> vocabulary() {
    return k_terms;
}

WordInfo look_up_word(std::string_view word) {
    return index().find(word);
}

std::span<const PhraseIds> phrases_starting_with(std::int16_t id) {
    return index().starting_with(id);
}

PhraseMatch match_phrase(std::span<const std::string_view> words) {
    if (words.empty()) {
        return {};
    }
    std::array<std::int16_t, k_max_phrase_words> ids{};
    const std::size_t count = std::min(words.size(), k_max_phrase_words);
    for (std::size_t i = 0; i < count; ++i) {
        ids[i] = look_up_word(words[i]).id;
    }
    for (const auto& phrase : phrases_starting_with(ids[0])) {
        if (phrase.size <= count &&
            std::equal(phrase.ids.begin(), phrase.ids.begin() + phrase.size, ids.begin())) {
            return {phrase.term, phrase.size};
        }
    }
    return {};
}

bool is_known_word(std::string_view word) {
    const WordInfo info = look_up_word(word);
    return !phrases_starting_with(info.id).empty() || info.unit != nullptr;
}

} // namespace medcheck::sig
