# `medcheck batch` through the real binary: golden outputs, lost-nothing, --jobs identity, batch vs check.
set(BD ${CMAKE_CURRENT_SOURCE_DIR}/data/batch)
set(BO ${CMAKE_CURRENT_BINARY_DIR}/batch)
file(MAKE_DIRECTORY ${BO})

# Golden findings and summary for each sample input (run in data/batch so references are stable).
function(medcheck_batch_golden name input expect_rc)
  cmake_parse_arguments(T "" "" "ARGS" ${ARGN})
  add_test(NAME e2e.batch.${name}
           COMMAND ${CMAKE_COMMAND} -DBIN=${MEDCHECK_BIN} -DWORKDIR=${BD} -DEXPECT_RC=${expect_rc}
                   "-DARGS=${input};--jobs;2;--summary;${BO}/${name}.summary.json;${T_ARGS}"
                   -DEXPECT_OUT=${BD}/expected/${name}.out -DSUMMARY=${BO}/${name}.summary.json
                   -DEXPECT_SUMMARY=${BD}/expected/${name}.summary.json
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/e2e/run_batch.cmake)
endfunction()
# A batch run in DIR (exit status 2) whose findings and summary are checked by claims
# (run_batch_expect.cmake: EXPECT, EXPECT_NOT and SUMMARY_TEXT, each a list separated by ^^); the
# summary is written to BO/<name>.summary.json.
function(medcheck_batch_expect name dir)
  cmake_parse_arguments(T "" "EXPECT;EXPECT_NOT;SUMMARY_TEXT" "ARGS" ${ARGN})
  set(summary ${BO}/${name}.summary.json)
  add_test(NAME e2e.batch.${name}
           COMMAND ${CMAKE_COMMAND} -DBIN=${MEDCHECK_BIN} -DWORKDIR=${dir} -DEXPECT_RC=2
                   "-DARGS=${T_ARGS};--summary;${summary}" -DSUMMARY=${summary}
                   "-DEXPECT=${T_EXPECT}" "-DEXPECT_NOT=${T_EXPECT_NOT}" "-DSUMMARY_TEXT=${T_SUMMARY_TEXT}"
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/e2e/run_batch_expect.cmake)
endfunction()

medcheck_batch_golden(csv_jsonl sample.csv 2)
medcheck_batch_golden(csv_csv sample.csv 2 ARGS --findings-format csv)
medcheck_batch_golden(ndjson sample.ndjson 2)
medcheck_batch_golden(bundle sample.bundle.json 2 ARGS --as-of 2024-06-01)
medcheck_batch_golden(csv_strict sample.csv 2 ARGS --strict)

# Several inputs of different formats at once; one from standard input.
add_test(NAME e2e.batch.stdin_ndjson
         COMMAND ${CMAKE_COMMAND} -DBIN=${MEDCHECK_BIN} -DSTDIN=${BD}/sample.ndjson -DEXPECT_RC=2
                 "-DARGS=batch;-;--format;fhir-ndjson" "-DEXPECT_STDOUT=MedicationRequest/mr1"
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/e2e/run_cli.cmake)

# One malformed record among good ones loses nothing: same findings as without it (good/export.csv
# has a blank line where bad/export.csv has a record with an unterminated quote, so references
# match), and the summary counts and locates it.
add_test(NAME e2e.batch.malformed_among_good
         COMMAND ${CMAKE_COMMAND} -DBIN=${MEDCHECK_BIN} -DWORKDIR=${BD} -DOUTDIR=${BO}
                 "-DARGS_A=good/export.csv" "-DARGS_B=bad/export.csv;--summary;${BO}/malformed.summary.json"
                 -DSUMMARY_B=${BO}/malformed.summary.json
                 "-DSUMMARY_TEXT=\"read\": 7,;\"checked\": 5,;\"skipped\": 1,;\"rejected\": 1,;\"record\": \"export.csv:4\""
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/e2e/batch_same_output.cmake)

# --jobs must not change a byte, on a generated export of 3000 patients in each format.
add_test(NAME e2e.batch.generate
         COMMAND $<TARGET_FILE:medcheck-gen> --patients 3000 --seed 7 --out-dir ${BO}/gen --malformed-per-100k 300)
set_tests_properties(e2e.batch.generate PROPERTIES FIXTURES_SETUP batch_gen)
foreach(input export.csv export.ndjson export.bundle.json)
  add_test(NAME e2e.batch.jobs_identical.${input}
           COMMAND ${CMAKE_COMMAND} -DBIN=${MEDCHECK_BIN} -DWORKDIR=${BO}/gen
                   -DOUTDIR=${BO} "-DARGS_A=${input};--jobs;1" "-DARGS_B=${input};--jobs;2"
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/e2e/batch_same_output.cmake)
  set_tests_properties(e2e.batch.jobs_identical.${input} PROPERTIES FIXTURES_REQUIRED batch_gen)
endforeach()

# A batch of one patient equals `medcheck check` on the same data (--strict: out-of-scope drugs too).
add_test(NAME e2e.batch.one_patient_equals_check
         COMMAND ${CMAKE_COMMAND} -DBIN=${MEDCHECK_BIN} -DCSV=${BD}/one-patient.csv -DCASE=${BD}/one-patient.json
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/e2e/batch_vs_check.cmake)

# Exit statuses and refusals.
medcheck_cli_test(batch_nothing_readable_exits_65 65 ARGS batch ${D}/malformed.json --format fhir-bundle
                  STDERR "1 rejected")
medcheck_cli_test(batch_missing_input_exits_66 66 ARGS batch ${BD}/no-such.csv STDERR "no-such.csv")
medcheck_cli_test(batch_output_is_input_exits_64 64 ARGS batch ${BD}/good/export.csv --out ${BD}/good/export.csv
                  STDERR "also an input")
medcheck_cli_test(batch_no_input_exits_64 64 ARGS batch)
medcheck_cli_test(batch_bad_map_exits_64 64 ARGS batch ${BD}/good/export.csv --map nonsense)
medcheck_cli_test(batch_map_columns 0 ARGS batch ${BD}/mapped.csv --map pid=patient_id --map medication=drug
                  STDOUT "\"patient_id\":\"M1\"")
