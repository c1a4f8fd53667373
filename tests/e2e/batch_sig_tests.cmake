# A CSV `sig` column (issue 9 item 3): read by the same reader and rules as a case's "sig". Rows E1-E8
# are the issue's eight example sigs (E6 names its drug in the drug column) with the findings
# `medcheck check --med` gives for the same patient; S1 a dose range read at its top (1000 mg, not
# 400); S2 an "as directed" sig; S3 and S7 a sig and fields that disagree; S4 a sig naming an
# out-of-scope drug; S5 a frequency column written as a sig phrase; S6 two regimens; S8 an
# unrecognised word. Findings are JSONL: "severity":"...","kind":"..." is one exact pair. Expected
# texts hold no ';' (it separates list items).
set(SD ${CMAKE_CURRENT_SOURCE_DIR}/data/batch/sig)
set(V [=["severity":"violation","kind":]=])
set(W [=["severity":"warning","kind":]=])
set(U [=["severity":"unverifiable","kind":"invalid_input"]=])
medcheck_batch_expect(sig_column ${SD} ARGS "sig.csv"
  EXPECT "E1|${V}\"max_daily_dose\",\"drug\":\"hydrocodone_apap_10_325\",\"message\":\"Acetaminophen above 3000^^E1|\"actual\":3900,\"limit\":3000^^E1|\"actual\":120,\"limit\":60^^E1|${V}\"max_single_dose\"^^E1|${V}\"mme\"^^E1|${W}\"start_dose\"^^E2|${V}\"max_daily_dose\",\"drug\":\"acetaminophen\"^^E2|\"actual\":4000,\"limit\":3000^^E4|${W}\"max_duration\",\"drug\":\"cyclobenzaprine\"^^E5|${W}\"mme\"^^E5|\"actual\":400,\"limit\":200^^E6|${W}\"max_duration\",\"drug\":\"cyclobenzaprine\"^^E7|\"severity\":\"info\",\"kind\":\"mme\",\"drug\":\"oxycodone\"^^E7|\"actual\":30,^^E8|${V}\"max_daily_dose\",\"drug\":\"acetaminophen\"^^E8|\"actual\":4000,\"limit\":3000^^S1|${V}\"max_daily_dose\",\"drug\":\"ibuprofen\"^^S1|\"actual\":4000,\"limit\":3200^^S1|${V}\"max_single_dose\"^^S1|\"actual\":1000,\"limit\":800^^S2|${U}^^S2|no frequency in the sig^^S3|${U}^^S3|the sig \\\"naproxen 500 mg bid\\\" and the fields disagree: dose 250^^S5|${V}\"max_daily_dose\",\"drug\":\"naproxen\"^^S5|\"actual\":1500,\"limit\":1000^^S6|${U}^^S6|more than one regimen ('then')^^S7|${U}^^S7|and the fields disagree: drug \\\"metformin\\\"^^S8|${U}^^S8|unrecognised word 'zzz' in \\\"ibuprofen 400 mg q6h zzz\\\" (sig.csv:17)"
  EXPECT_NOT "E3|\"severity\"^^E4|\"violation\"^^E4|\"unverifiable\"^^E5|\"violation\"^^E5|\"unverifiable\"^^E6|\"violation\"^^E6|\"unverifiable\"^^E7|\"warning\"^^E7|\"violation\"^^E7|\"unverifiable\"^^E8|\"unverifiable\"^^S1|\"unverifiable\"^^S4|\"severity\"^^S5|\"unverifiable\""
  SUMMARY_TEXT "\"read\": 16,^^\"checked\": 15,^^\"rejected\": 0,^^\"by_drug\": {\n      \"metformin\": 1\n    }^^\"ok\": 2,^^\"warning\": 3,^^\"unverifiable\": 5,^^\"violation\": 5,")

# FHIR dosageInstruction.text and timing.code (issue 9 item 3), sig.ndjson: T1 a text without
# structured dose or timing, read at its top (2 tablets every 4 h); T2 structured 400 mg q6h beside a
# text that reads to more (unverifiable naming both, the structured values checked); T3 timing.code
# Q4H; T4 "as directed"; T5 a structured dose whose timing is only in the text (500 mg twice daily =
# 1000 mg/day, at the limit); T6 an ambiguous text; T7 a note beside complete structured fields.
medcheck_batch_expect(sig_fhir_text ${SD} ARGS "sig.ndjson;--format;fhir-ndjson;--as-of;2024-06-01"
  EXPECT "T1|${V}\"max_daily_dose\",\"drug\":\"hydrocodone_apap_10_325\",\"message\":\"Acetaminophen above 3000^^T1|\"actual\":3900,\"limit\":3000^^T1|\"actual\":12,\"limit\":6^^T1|${V}\"mme\"^^T2|${U},\"drug\":null,\"message\":\"medications[0].dosageInstruction.text: cannot verify: the text '800 mg every 4 hours' reads to more than the structured dose and timing (text: 800 mg, 6 a day^^T2|structured: 400 mg, 4 a day)^^T2|the structured values were checked (sig.ndjson:4)\"^^T3|${V}\"max_daily_dose\",\"drug\":\"acetaminophen\"^^T3|\"actual\":6000,\"limit\":3000^^T4|${U}^^T4|'as directed': no frequency in the text '400 mg as directed'^^T6|${U}^^T6|ambiguous text '5 mg q6h then 10 mg q4h': more than one regimen ('then')"
  EXPECT_NOT "T2|\"violation\"^^T2|\"warning\"^^T4|\"violation\"^^T5|\"severity\":\"violation\"^^T5|\"severity\":\"warning\"^^T5|\"unverifiable\"^^T6|\"violation\"^^T7|\"severity\":\"violation\"^^T7|\"severity\":\"warning\"^^T7|\"unverifiable\""
  SUMMARY_TEXT "\"read\": 14,^^\"checked\": 14,^^\"ok\": 2,^^\"unverifiable\": 3,^^\"violation\": 2,")

# Consecutive FHIR dosage phases (dosageInstruction.sequence), phases.ndjson: the order allows what every
# phase allows. P1 1300 mg bid, then 500 mg 6 a day: the single dose of the first phase (1300 > 1000), the
# day at 3000 (not above); P2 14 + 14 days of cyclobenzaprine (28 > 21); P3 7 + 7 days (14: nothing);
# P4 a gabapentin titration to 900 mg/day (nothing); P5 phases by different routes (unverifiable);
# P6 1000 mg tid, then 600 mg 6 a day: both the single dose (1000 > 800) and the day (3600 > 3200);
# P7 two concurrent entries of 600 mg q12h with no times of day (one administration may hold both).
set(PD ${CMAKE_CURRENT_SOURCE_DIR}/data/batch/phases)
medcheck_batch_expect(fhir_dosage_phases ${PD} ARGS "phases.ndjson;--format;fhir-ndjson;--as-of;2024-06-01"
  EXPECT "P1|${V}\"max_single_dose\",\"drug\":\"acetaminophen\"^^P1|\"actual\":1300,\"limit\":1000^^P2|${V}\"max_duration\",\"drug\":\"cyclobenzaprine\"^^P2|\"actual\":28,\"limit\":21^^P5|${U}^^P5|consecutive dosage phases (sequence) by different routes ('iv' in sequence 1, 'oral' in sequence 2)^^P6|${V}\"max_single_dose\",\"drug\":\"ibuprofen\"^^P6|\"actual\":1000,\"limit\":800^^P6|${V}\"max_daily_dose\",\"drug\":\"ibuprofen\"^^P6|\"actual\":3600,\"limit\":3200^^P7|${U}^^P7|so one administration may hold both (600 + 600 mg)"
  EXPECT_NOT "P1|\"max_daily_dose\"^^P1|\"unverifiable\"^^P2|\"unverifiable\"^^P3|\"severity\"^^P4|\"severity\""
  SUMMARY_TEXT "\"read\": 28,^^\"ok\": 2,^^\"unverifiable\": 1,^^\"violation\": 4,")

# FHIR Timing.repeat bounds other than boundsDuration, bounds.ndjson (cyclobenzaprine, 21-day limit):
# B1 boundsRange 14-28 days (28), B2 boundsPeriod to 2024-05-21 (21 days, at), B3 to 2024-05-22 (22),
# B4 count 63 at 3 a day (21), B5 count 66 (22), B6 count 90 as needed (duration not stated).
set(BD ${CMAKE_CURRENT_SOURCE_DIR}/data/batch/bounds)
medcheck_batch_expect(fhir_timing_bounds ${BD} ARGS "bounds.ndjson;--format;fhir-ndjson;--as-of;2024-06-01"
  EXPECT "B1|${V}\"max_duration\",\"drug\":\"cyclobenzaprine\"^^B1|\"actual\":28,\"limit\":21^^B3|${V}\"max_duration\"^^B3|\"actual\":22,\"limit\":21^^B5|${V}\"max_duration\"^^B5|\"actual\":22,\"limit\":21^^B6|${W}\"max_duration\"^^B6|duration not stated"
  EXPECT_NOT "B2|\"severity\"^^B4|\"severity\"^^B1|\"unverifiable\"^^B3|\"unverifiable\"^^B5|\"unverifiable\""
  SUMMARY_TEXT "\"read\": 24,^^\"ok\": 2,^^\"warning\": 1,^^\"violation\": 3,")

# An order's window is its duration when none is stated, windows.csv (cyclobenzaprine, 21-day limit):
# W1 21 days (at), W2 22 days, W3 21.5 days, W4 no end (duration not stated).
medcheck_batch_expect(csv_window_duration ${BD} ARGS "windows.csv"
  EXPECT "W2|${V}\"max_duration\",\"drug\":\"cyclobenzaprine\"^^W2|\"actual\":22,\"limit\":21^^W3|\"actual\":21.5,\"limit\":21^^W4|${W}\"max_duration\"^^W4|duration not stated"
  EXPECT_NOT "W1|\"severity\"^^W2|\"unverifiable\"^^W3|\"unverifiable\""
  SUMMARY_TEXT "\"ok\": 1,^^\"warning\": 1,^^\"violation\": 2,")
