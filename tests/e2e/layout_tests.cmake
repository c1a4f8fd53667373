# Export layouts and order windows through the real binary.
set(LD ${CMAKE_CURRENT_SOURCE_DIR}/data/layouts)
set(LO ${CMAKE_CURRENT_BINARY_DIR}/layouts)
file(MAKE_DIRECTORY ${LO})

# CSV start/end: P1's orders do not overlap (never summed), P2's do (4000 mg/day), P3's start is
# unreadable (a finding; the order stays concurrent).
add_test(NAME e2e.layout.csv_windows
         COMMAND ${CMAKE_COMMAND} -DBIN=${MEDCHECK_BIN} "-DARGS=batch;${LD}/csv/windows.csv" -DEXPECT_RC=2
                 "-DMATCH=\"patient_id\":\"P2\"[^\n]*\"actual\":4000;windows.csv:6[^\n]*ISO 8601"
                 "-DNO_MATCH=\"patient_id\":\"P1\"[^\n]*\"actual\":4000"
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/e2e/run_match.cmake)

medcheck_cli_test(layout_mimic 2 ARGS batch --layout mimic-iv ${LD}/mimic-iv
                  STDOUT "Gabapentin above 700 mg/day")
medcheck_cli_test(layout_omop 2 ARGS batch --layout omop ${LD}/omop STDOUT "DRUG_EXPOSURE.csv:3")
medcheck_cli_test(layout_claims 2 ARGS batch --layout claims ${LD}/claims/claims.csv --ndc-map
                  ${LD}/claims/ndc_map.csv STDOUT "NDC 99999999999")
medcheck_cli_test(layout_unknown 64 ARGS batch --layout epic ${LD}/omop STDERR "unknown --layout 'epic'")
medcheck_cli_test(layout_claims_no_map 64 ARGS batch --layout claims ${LD}/claims/claims.csv STDERR "--ndc-map")
medcheck_cli_test(layout_two_inputs 64 ARGS batch --layout omop ${LD}/omop ${LD}/omop STDERR "one directory")
medcheck_cli_test(layout_missing_table 66 ARGS batch --layout mimic-iv ${LD}/omop STDERR "no table patients")

# --jobs must not change a byte on a layout either.
add_test(NAME e2e.layout.mimic_jobs_same_output
         COMMAND ${CMAKE_COMMAND} -DBIN=${MEDCHECK_BIN} -DWORKDIR=${LD} -DOUTDIR=${LO}
                 "-DARGS_A=--layout;mimic-iv;mimic-iv;--jobs;1" "-DARGS_B=--layout;mimic-iv;mimic-iv;--jobs;4"
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/e2e/batch_same_output.cmake)
