# Hostile inputs through the real binary: every one ends in a clear error or finding that names the
# file, the record and the field; none crashes, hangs (each test has a timeout) or passes as "ok"; and
# records read = checked + skipped + rejected. Small inputs are kept in tests/hostile/; the large ones
# (10 MiB fields, 100k columns, 10k nesting levels, 10k orders, a 1M-entry Bundle) and two broken rule
# databases are written at test time by make_hostile into the build tree.
set(HD ${CMAKE_CURRENT_SOURCE_DIR}/hostile)
set(HO ${CMAKE_CURRENT_BINARY_DIR}/hostile)
file(MAKE_DIRECTORY ${HO})

add_executable(medcheck-hostile-gen hostile/make_hostile.cpp)
target_link_libraries(medcheck-hostile-gen PRIVATE medcheck_engine medcheck_embedded_db medcheck_warnings)

# The Bundle has 1M entries (about 200 MB, ~8 s in Release) and the interrupted batch 100k patients;
# the sanitizer build (Debug, ASan + UBSan) runs them about 40 times slower, so there they have 30k
# entries and 20k patients and the suite stays fast. The readers' limits do not depend on the sizes.
if(MEDCHECK_SANITIZE)
  set(MEDCHECK_HOSTILE_BUNDLE_ENTRIES 30000)
  set(MEDCHECK_HOSTILE_INTERRUPT_PATIENTS 20000)
else()
  set(MEDCHECK_HOSTILE_BUNDLE_ENTRIES 1000000)
  set(MEDCHECK_HOSTILE_INTERRUPT_PATIENTS 100000)
endif()
add_test(NAME e2e.hostile.generate
         COMMAND medcheck-hostile-gen ${HO} ${MEDCHECK_HOSTILE_BUNDLE_ENTRIES} ${MEDCHECK_HOSTILE_INTERRUPT_PATIENTS})
set_tests_properties(e2e.hostile.generate PROPERTIES FIXTURES_SETUP hostile_gen)

# medcheck_hostile(NAME INPUT RC [DIR dir] [ARGS ...] [READ n] [CHECKED n] [SKIPPED n] [REJECTED n]
#                  [EXPECT text...]): `medcheck batch INPUT` (in DIR, default tests/hostile).
function(medcheck_hostile name input rc)
  cmake_parse_arguments(T "" "DIR;READ;CHECKED;SKIPPED;REJECTED;TIMEOUT" "ARGS;EXPECT" ${ARGN})
  if(NOT T_DIR)
    set(T_DIR ${HD})
  endif()
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 30)
  endif()
  if(MEDCHECK_COVERAGE)
    # Unoptimised and instrumented: the huge inputs took most of their limit there, and past it when
    # the host was busy.
    math(EXPR T_TIMEOUT "${T_TIMEOUT} * 3")
  endif()
  add_test(NAME e2e.hostile.${name}
           COMMAND ${CMAKE_COMMAND} -DBIN=${MEDCHECK_BIN} -DNAME=${name} -DINPUT=${input} -DWORKDIR=${T_DIR}
                   -DOUTDIR=${HO} -DEXPECT_RC=${rc} "-DARGS=--jobs;2;${T_ARGS}" "-DEXPECT=${T_EXPECT}"
                   -DREAD=${T_READ} -DCHECKED=${T_CHECKED} -DSKIPPED=${T_SKIPPED} -DREJECTED=${T_REJECTED}
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/e2e/run_hostile.cmake)
  set_tests_properties(e2e.hostile.${name} PROPERTIES TIMEOUT ${T_TIMEOUT})
  if(T_DIR STREQUAL HO)
    set_tests_properties(e2e.hostile.${name} PROPERTIES FIXTURES_REQUIRED hostile_gen)
  endif()
endfunction()

# Encodings and bytes.
medcheck_hostile(bom_crlf_csv bom-crlf.csv 2 READ 2 CHECKED 2 EXPECT "bom-crlf.csv:2" "start_dose" "bom-crlf.csv:3")
medcheck_hostile(bom_crlf_ndjson bom-crlf.ndjson 2 READ 2 CHECKED 2 EXPECT "MedicationRequest/m1" "start_dose")
medcheck_hostile(latin1_csv latin1.csv 2 READ 4 CHECKED 4
                 EXPECT "sex: unknown sex" "(latin1.csv:2)" "did you mean: ibuprofen" "latin1.csv:3"
                        "dose: cannot read" "(latin1.csv:4)" "frequency: unknown frequency" "(latin1.csv:5)")
medcheck_hostile(invalid_utf8_ndjson invalid-utf8.ndjson 2 READ 3 CHECKED 2 REJECTED 1
                 EXPECT "invalid-utf8.ndjson:2" "not valid UTF-8" "MedicationRequest/m2")
medcheck_hostile(nul_csv nul.csv 2 READ 2 CHECKED 2
                 EXPECT "dose: cannot read" "(nul.csv:2)" "age: cannot read" "(nul.csv:3)")
medcheck_hostile(nul_ndjson nul.ndjson 2 READ 4 CHECKED 2 REJECTED 2
                 EXPECT "nul.ndjson:2" "must be escaped" "nul.ndjson:3" "MedicationRequest/m2")
medcheck_hostile(binary binary.bin 65 READ 16 REJECTED 16 EXPECT "binary.bin:2" "missing required column 'patient_id'")
medcheck_hostile(binary_as_ndjson binary.bin 65 ARGS --format fhir-ndjson READ 17 REJECTED 17
                 EXPECT "binary.bin:1" "malformed JSON")
medcheck_hostile(empty_csv empty.csv 65 READ 1 REJECTED 1 EXPECT "empty.csv:1" "input: no records")
medcheck_hostile(empty_ndjson empty.ndjson 65 ARGS --format fhir-ndjson READ 1 REJECTED 1
                 EXPECT "empty.ndjson:1" "no resources (empty input)")
medcheck_hostile(header_only_csv header-only.csv 65 READ 1 REJECTED 1 EXPECT "header-only.csv:1" "a header only")

# Numbers: 1e309, -0, NaN, 0x10, inf.
medcheck_hostile(numbers_csv numbers.csv 2 READ 5 CHECKED 5
                 EXPECT "cannot read '1e309' as a number (numbers.csv:2)" "dose 0 must be above zero"
                        "age: cannot read 'NaN' as a number (numbers.csv:4)"
                        "weight_kg: cannot read '0x10' as a number (numbers.csv:5)"
                        "crcl_ml_min: cannot read 'inf' as a number (numbers.csv:6)")
medcheck_hostile(numbers_ndjson numbers.ndjson 2 READ 6 CHECKED 3 REJECTED 3
                 EXPECT "numbers.ndjson:2" "Problem while parsing a number" "numbers.ndjson:4" "numbers.ndjson:5"
                        "dose 0 must be above zero" "doseQuantity.value: cannot read '1e309' as a number (numbers.ndjson:6)")
medcheck_hostile(numbers_bundle numbers.bundle.json 65 READ 1 REJECTED 1
                 EXPECT "numbers.bundle.json#entry 1" "Problem while parsing a number")

# Truncated last records.
medcheck_hostile(truncated_csv truncated.csv 2 READ 2 CHECKED 1 REJECTED 1
                 EXPECT "truncated.csv:3" "expected 19 fields, found 5")
medcheck_hostile(truncated_quote_csv truncated-quote.csv 2 READ 2 CHECKED 1 REJECTED 1
                 EXPECT "truncated-quote.csv:3" "field 9: unterminated quote")
medcheck_hostile(truncated_ndjson truncated.ndjson 2 READ 3 CHECKED 2 REJECTED 1 EXPECT "truncated.ndjson:3" "malformed JSON")
medcheck_hostile(truncated_bundle truncated.bundle.json 65 READ 1 REJECTED 1
                 EXPECT "truncated.bundle.json#entry 1" "malformed JSON")

# Duplicate JSON keys: which value is meant cannot be told, so the resource is rejected.
medcheck_hostile(duplicate_keys_ndjson duplicate-keys.ndjson 2 READ 3 CHECKED 2 REJECTED 1
                 EXPECT "duplicate-keys.ndjson:2" "MedicationRequest.status" "duplicate key 'status'")
medcheck_hostile(duplicate_keys_bundle duplicate-keys.bundle.json 2 READ 3 CHECKED 2 REJECTED 1
                 EXPECT "duplicate-keys.bundle.json#entry 2" "duplicate key 'status'")

# Patient values at and beyond the plausible: birth before 1800/1900 and after 2100, ages 0 and 150,
# weights 0.2 and 700 kg, CrCl 0 and 400.
medcheck_hostile(dates_ndjson dates.ndjson 2 READ 6 CHECKED 6
                 EXPECT "patient.age: 174 years is outside the plausible range"
                        "patient.birthDate: cannot read '1799-12-31' as a date (dates.ndjson:3)"
                        "patient.age: -126 years is outside the plausible range")
medcheck_hostile(extremes_csv extremes.csv 2 READ 6 CHECKED 6
                 EXPECT "patient.age: age 0 years" "patient.age: 150 years is outside"
                        "patient.weight_kg: 0.2 kg is outside" "patient.weight_kg: 700 kg is outside"
                        "\"patient_id\":\"C0\",\"record\":\"extremes.csv:6\",\"prescription_id\":\"RXC0\",\"prescription_ids\":[\"RXC0\"],\"severity\":\"violation\",\"kind\":\"renal\""
                        "patient.crcl_ml_min: 400 mL/min is outside")

# Sizes, generated: 10 MiB fields, 100k columns / fields, 10k nesting levels, 10k orders, 1M entries.
medcheck_hostile(big_field_csv big-field.csv 2 DIR ${HO} READ 5 CHECKED 2 REJECTED 3
                 EXPECT "big-field.csv:3" "record longer than 1048576 bytes" "big-field.csv:4" "unterminated quote"
                        "big-field.csv:5" "\"field\": \"drug\"" "field longer than 65536 bytes")
medcheck_hostile(big_field_ndjson big-field.ndjson 2 DIR ${HO} READ 3 CHECKED 2 REJECTED 1
                 EXPECT "big-field.ndjson:2" "line longer than 1048576 bytes")
medcheck_hostile(big_field_bundle big-field.bundle.json 2 DIR ${HO} READ 3 CHECKED 2 REJECTED 1
                 EXPECT "big-field.bundle.json#entry 2" "MedicationRequest.medicationCodeableConcept.text"
                        "string longer than 65536 bytes")
medcheck_hostile(many_columns_csv many-columns.csv 65 DIR ${HO} READ 3 REJECTED 3
                 EXPECT "many-columns.csv:1" "more than 1024 fields" "many-columns.csv:2")
medcheck_hostile(many_fields_row_csv many-fields-row.csv 2 DIR ${HO} READ 3 CHECKED 2 REJECTED 1
                 EXPECT "many-fields-row.csv:3" "more than 1024 fields")
medcheck_hostile(deep_ndjson deep.ndjson 2 DIR ${HO} READ 3 CHECKED 2 REJECTED 1 EXPECT "deep.ndjson:2" "too deep")
medcheck_hostile(deep_bundle deep.bundle.json 65 DIR ${HO} READ 1 REJECTED 1 EXPECT "deep.bundle.json#entry 1" "too deep")
medcheck_hostile(many_orders_csv many-orders.csv 2 DIR ${HO} READ 10000 CHECKED 1000 REJECTED 9000
                 EXPECT "many-orders.csv:1002" "patient P1 has more than 1000 orders")
medcheck_hostile(huge_bundle huge.bundle.json 2 DIR ${HO} REJECTED 0 TIMEOUT 120
                 EXPECT "\"read\": ${MEDCHECK_HOSTILE_BUNDLE_ENTRIES}," "Observation code not used")

# `check --case` on hostile case files.
set(HC ${CMAKE_CURRENT_SOURCE_DIR}/hostile)
medcheck_cli_test(hostile_case_bom_crlf 2 ARGS check --case ${HC}/bom-crlf.case.json STDOUT "start_dose")
medcheck_cli_test(hostile_case_duplicate_key 65 ARGS check --case ${HC}/duplicate-keys.case.json
                  STDERR "duplicate-keys.case.json: duplicate key 'age'")
medcheck_cli_test(hostile_case_number_overflow 65 ARGS check --case ${HC}/numbers.case.json
                  STDERR "numbers.case.json: malformed JSON at line 1, column 80: number 1e309 is out of range")
medcheck_cli_test(hostile_case_binary 65 ARGS check --case ${HC}/binary.bin STDERR "binary.bin: malformed JSON")
medcheck_cli_test(hostile_case_empty 65 ARGS check --case ${HC}/empty.csv STDERR "empty.csv: malformed JSON")
medcheck_cli_test(hostile_case_deep 65 ARGS check --case ${HO}/deep.case.json
                  STDERR "deep.case.json: JSON nested deeper than 32 levels")
set_tests_properties(e2e.cli.hostile_case_deep PROPERTIES FIXTURES_REQUIRED hostile_gen)

# Rule databases that cannot be used: exit 66 naming the file.
medcheck_cli_test(hostile_db_truncated 66 ARGS --db ${HO}/truncated.db check --case ${HC}/bom-crlf.case.json
                  STDERR "truncated.db")
medcheck_cli_test(hostile_db_newer_schema 66 ARGS --db ${HO}/newer-schema.db check --case ${HC}/bom-crlf.case.json
                  STDERR "newer-schema.db: schema version 999")
medcheck_cli_test(hostile_db_truncated_batch 66 ARGS --db ${HO}/truncated.db batch ${HC}/bom-crlf.csv
                  STDERR "truncated.db")
set_tests_properties(e2e.cli.hostile_db_truncated e2e.cli.hostile_db_newer_schema e2e.cli.hostile_db_truncated_batch
                     PROPERTIES FIXTURES_REQUIRED hostile_gen)

# Safe outputs: SIGINT / SIGTERM while findings are written, and a write that fails part-way, leave
# no file (final or temporary) and say the output was not written. Statuses: 130, 143 and 129 (the
# process ends by the signal), 74 for the write error (contract v2).
foreach(sig_rc INT:130 TERM:143 HUP:129)
  string(REPLACE ":" ";" pair ${sig_rc})
  list(GET pair 0 sig)
  list(GET pair 1 rc)
  add_test(NAME e2e.hostile.interrupt_${sig}
           COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/interrupt.sh ${MEDCHECK_BIN} ${HO}/interrupt.csv ${HO} ${sig} ${rc}
                   ${HO}/many-orders.csv)
  set_tests_properties(e2e.hostile.interrupt_${sig} PROPERTIES FIXTURES_REQUIRED hostile_gen TIMEOUT 60)
endforeach()
medcheck_cli_test(hostile_summary_is_input_exits_64 64 ARGS batch ${HC}/bom-crlf.csv --summary ${HC}/../hostile/bom-crlf.csv
                  STDERR "also an input")

# Outputs that cannot be written (issue 10 item 9: exit 74, nothing half-written), a symlink planted at
# the old predictable temporary name (item 10), a broken pipe (item 11).
foreach(mode dev_full closed_stdout report_dev_full rules_dev_full stdout_file_limit out_file_limit broken_pipe
             planted_symlink)
  add_test(NAME e2e.hostile.output_${mode}
           COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/output_errors.sh ${MEDCHECK_BIN} ${HC}/bom-crlf.csv
                   ${HO}/many-orders.csv ${HO} ${mode})
  set_tests_properties(e2e.hostile.output_${mode} PROPERTIES FIXTURES_REQUIRED hostile_gen TIMEOUT 60)
endforeach()

# Inputs that are also outputs (item 11): standard input is the --out file; --out and --summary are
# one file (through a different spelling of the path).
medcheck_cli_test(hostile_stdin_is_out_exits_64 64 ARGS batch - --out ${HO}/stdin-is-out.csv STDIN ${HO}/stdin-is-out.csv
                  STDERR "is also an input (standard input)")
medcheck_cli_test(hostile_out_is_summary_exits_64 64 ARGS batch ${HC}/bom-crlf.csv --out ${HO}/same.out
                  --summary ${HO}/../hostile/same.out STDERR "--out and --summary are the same file")
# Both read files that make_hostile writes: run them after it.
set_tests_properties(e2e.cli.hostile_stdin_is_out_exits_64 e2e.cli.hostile_out_is_summary_exits_64
                     PROPERTIES FIXTURES_REQUIRED hostile_gen)

# CSV formula injection (item 8): cells starting with = + - @ are written as text, with a leading '.
medcheck_hostile(formula_csv_findings formula.csv 2 ARGS --findings-format csv --strict READ 3 CHECKED 3
                 EXPECT "\"'=cmd|' /C calc'!A0\"," "\"'@SUM(1+1)\"," "\"'+1+1\"," "\"'-2+3\",")

# Reports (item 12): bidirectional controls never reach the report; bare URLs and e-mail addresses in
# input are code spans in Markdown, never links.
medcheck_report_test(hostile_bidi_markdown 1 ${HO}/report-bidi.md
  ARGS report ${HC}/report-bidi.csv --out ${HO}/report-bidi.md --as-of 2026-01-15
  CONTAINS "B�1234" "`https://evil.example/x`" "`bob@evil.example`"
  NOT_CONTAINS "‮" "⁦" "⁩" " https://evil" " bob@evil" "'https://evil" "'bob@evil")
medcheck_report_test(hostile_bidi_html 1 ${HO}/report-bidi.html
  ARGS report ${HC}/report-bidi.csv --out ${HO}/report-bidi.html --as-of 2026-01-15
  CONTAINS "B�1234" NOT_CONTAINS "‮" "⁦" "⁩")

# Unknown CSV columns (item 4): ibuprofen 800 mg tid at CrCl 12 and 34 weeks of pregnancy under
# undocumented names is never "ok": every row is rejected naming each column and its nearest known
# name (exit 65); --map reads them (contraindicated), --ignore-column drops them knowingly.
medcheck_hostile(unknown_columns_csv wrong-columns.csv 65 READ 1 REJECTED 1
                 EXPECT "wrong-columns.csv:2" "unknown column 'crcl' (nearest known: crcl_ml_min)"
                        "unknown column 'condition' (nearest known: conditions)"
                        "unknown column 'pregnancy_week' (nearest known: pregnancy_weeks)" "--ignore-column")
medcheck_hostile(unknown_columns_mapped_csv wrong-columns.csv 2 READ 1 CHECKED 1
                 ARGS --map crcl=crcl_ml_min --map condition=conditions --map pregnancy_week=pregnancy_weeks
                 EXPECT "\"severity\":\"contraindicated\",\"kind\":\"pregnancy\"" "\"kind\":\"renal\"")
medcheck_cli_test(hostile_unknown_columns_ignored 0 ARGS batch ${HC}/wrong-columns.csv --ignore-column crcl
                  --ignore-column condition --ignore-column Pregnancy_Week STDOUT "renal function not given")

# FHIR fields that were dropped (issue 10 item 5, issue 11 item 6), one MedicationRequest each in
# fhir-fields.ndjson: an ICD-10-CM code without the dot (F1020: alcohol use disorder, so acetaminophen
# 3000 mg/day is above 2000); an absolute subject reference (the 80-year-old's age is used: beers);
# concurrent dosageInstructions that add up and consecutive ones (the highest phase: 800 mg q4h); text
# that disagrees with its RxNorm code; status "Active"; a Bundle on an NDJSON line; an unknown RxNorm
# code without text; a medicationReference to a later Medication; a stopped order without a subject
# (skipped, never rejected); a completed order (checked only with --status).
medcheck_hostile(fhir_fields_ndjson fhir-fields.ndjson 2 READ 16 CHECKED 12 SKIPPED 2 REJECTED 2
                 EXPECT "\"patient_id\":\"A1\",\"record\":\"MedicationRequest/icd-apap\",\"prescription_id\":\"icd-apap\",\"prescription_ids\":[\"icd-apap\"],\"severity\":\"violation\",\"kind\":\"hepatic\""
                        "\"patient_id\":\"B1\",\"record\":\"MedicationRequest/abs-ref\",\"prescription_id\":\"abs-ref\",\"prescription_ids\":[\"abs-ref\"],\"severity\":\"warning\",\"kind\":\"beers\""
                        "\"severity\":\"violation\",\"kind\":\"cumulative_ingredient\",\"drug\":\"naproxen\""
                        "\"prescription_ids\":[\"consecutive\",\"disagree\"],\"severity\":\"violation\",\"kind\":\"cumulative_ingredient\",\"drug\":\"ibuprofen\",\"message\":\"Ibuprofen from all products (plain and combination) above 3200 mg/day combined (medcheck policy: one ingredient total) (ibuprofen 4800 mg/day"
                        "text 'ibuprofen 400 mg' does not name the drug of its RxNorm code 161 (acetaminophen)"
                        "fhir-fields.ndjson:10" "'Active' is not a FHIR MedicationRequest status"
                        "fhir-fields.ndjson:11" "a Bundle inside a Bundle entry or on an NDJSON line is not read"
                        "\"kind\":\"unknown_drug\",\"drug\":\"RxNorm 99999999\""
                        "\"record\":\"MedicationRequest/by-ref\",\"prescription_id\":\"by-ref\",\"prescription_ids\":[\"by-ref\"],\"severity\":\"violation\",\"kind\":\"max_single_dose\",\"drug\":\"naproxen\""
                        "\"status stopped\": 1" "\"status completed\": 1")
medcheck_hostile(fhir_status_option fhir-fields.ndjson 2 ARGS --status active,completed READ 16 CHECKED 13 SKIPPED 1
                 REJECTED 2 EXPECT "\"record\":\"MedicationRequest/completed\",\"prescription_id\":\"completed\",\"prescription_ids\":[\"completed\"],\"severity\":\"violation\",\"kind\":\"max_daily_dose\",\"drug\":\"ketorolac\"")
medcheck_cli_test(hostile_fhir_status_option_invalid 64 ARGS batch ${HC}/fhir-fields.ndjson --status Active
                  STDERR "--status: 'Active' is not a MedicationRequest status")
# A Bundle in a Bundle entry is rejected by name; a medicationReference to a Bundle Medication by its
# absolute fullUrl is resolved.
medcheck_hostile(fhir_nested_bundle fhir-nested.bundle.json 2 READ 4 CHECKED 3 REJECTED 1
                 EXPECT "fhir-nested.bundle.json#entry 2" "a Bundle inside a Bundle entry"
                        "\"record\":\"MedicationRequest/bundle-ref\",\"prescription_id\":\"bundle-ref\",\"prescription_ids\":[\"bundle-ref\"],\"severity\":\"violation\",\"kind\":\"max_daily_dose\",\"drug\":\"ibuprofen\"")
