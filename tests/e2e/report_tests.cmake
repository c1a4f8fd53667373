# `medcheck report` and `medcheck check --format html|md` through the real binary, and the
# browser test (headless Chromium renders the HTML report to PNG and PDF, kept in artifacts/).
set(RD ${CMAKE_CURRENT_SOURCE_DIR}/data/report/cases)
set(REPORT_ARTIFACTS ${PROJECT_BINARY_DIR}/artifacts)
file(MAKE_DIRECTORY ${REPORT_ARTIFACTS})

function(medcheck_report_test name expect_rc out)
  cmake_parse_arguments(T "" "" "ARGS;CONTAINS;NOT_CONTAINS" ${ARGN})
  add_test(NAME e2e.report.${name}
           COMMAND ${CMAKE_COMMAND} -DBIN=${MEDCHECK_BIN} "-DARGS=${T_ARGS}" -DEXPECT_RC=${expect_rc} -DOUT=${out}
                   "-DCONTAINS=${T_CONTAINS}" "-DNOT_CONTAINS=${T_NOT_CONTAINS}"
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/e2e/run_report.cmake)
endfunction()

medcheck_report_test(html_escapes_script_tags 2 ${REPORT_ARTIFACTS}/escaping.html
  ARGS report ${RD}/h-escaping.json --out ${REPORT_ARTIFACTS}/escaping.html --as-of 2026-01-15
  CONTAINS "Patient &lt;script&gt;alert(1)&lt;/script&gt;" "unknown drug &#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39;"
  NOT_CONTAINS "<script" "</script")
medcheck_report_test(markdown_escapes_script_tags 2 ${REPORT_ARTIFACTS}/escaping.md
  ARGS report ${RD}/h-escaping.json --out ${REPORT_ARTIFACTS}/escaping.md --as-of 2026-01-15
  CONTAINS "\\<script\\>alert(1)\\</script\\>" NOT_CONTAINS " <script" "'<script" "*<script")
medcheck_report_test(all_samples_html 2 ${REPORT_ARTIFACTS}/samples.html
  ARGS report ${RD}/a-elderly.json ${RD}/b-opioid-benzo.json ${RD}/c-cabg.json ${RD}/d-ok.json
       ${RD}/e-missing-age.json ${RD}/f-malformed.json ${RD}/g-ok.json ${RD}/h-escaping.json
       --out ${REPORT_ARTIFACTS}/samples.html --title "Ward 4 review" --as-of 2026-01-15
  CONTAINS "<title>Ward 4 review</title>" "2026-01-15" "f-malformed.json" "Patients without findings (2)"
           "reduce to 1000 mg q8h (3000 mg/day)" "Reviewed by:")
medcheck_report_test(json_format_flag 2 ${REPORT_ARTIFACTS}/samples.data
  ARGS report ${RD}/a-elderly.json ${RD}/d-ok.json --out ${REPORT_ARTIFACTS}/samples.data --format json
       --as-of 2026-01-15
  CONTAINS "\"patients\": 2" "\"as_of\": \"2026-01-15\"")
medcheck_report_test(ok_only_exits_0 0 ${REPORT_ARTIFACTS}/ok.md
  ARGS report ${RD}/d-ok.json ${RD}/g-ok.json --out ${REPORT_ARTIFACTS}/ok.md --as-of 2026-01-15
  CONTAINS "## Patients without findings (2)")
medcheck_report_test(nothing_readable_exits_65 65 ${REPORT_ARTIFACTS}/rejected.md
  ARGS report ${RD}/f-malformed.json --out ${REPORT_ARTIFACTS}/rejected.md --as-of 2026-01-15
  CONTAINS "### Rejected records (1)" "malformed JSON")

medcheck_cli_test(report_to_stdout 2 ARGS report ${RD}/a-elderly.json --out - --format md --as-of 2026-01-15
                  STDOUT "### Patient R1")
medcheck_cli_test(report_refuses_out_equal_to_input 64 ARGS report ${RD}/d-ok.json --out ${RD}/d-ok.json
                  STDERR "is also an input")
medcheck_cli_test(report_needs_out 64 ARGS report ${RD}/d-ok.json STDERR "--out")
medcheck_cli_test(report_bad_date 64 ARGS report ${RD}/d-ok.json --out - --as-of 2026-02-30 STDERR "--as-of")
medcheck_cli_test(report_bad_format 64 ARGS report ${RD}/d-ok.json --out - --format pdf STDERR "unknown --format")
medcheck_cli_test(report_missing_input_exits_66 66 ARGS report ${RD}/no-such.json --out - STDERR "no-such.json")
medcheck_cli_test(check_format_html 2 ARGS check --case ${RD}/h-escaping.json --format html
                  STDOUT "<h1>Medication safety review: patient &lt;script&gt;alert(1)&lt;/script&gt;</h1>")
medcheck_cli_test(check_format_md 2 ARGS check --case ${RD}/a-elderly.json --format md
                  STDOUT "# Medication safety review: patient R1")
medcheck_cli_test(check_format_html_from_flags 0 ARGS check --age 40 --weight 70 --sex male --crcl 100
                  --tried nonpharmacologic --med "naproxen 500 mg po bid x 10d" --format html
                  STDOUT "command-line flags")

# Headless Chromium renders the sample report; exit 77 (skipped) when Chromium is missing and
# cannot be installed.
add_test(NAME e2e.report.browser
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/e2e/report_browser.sh ${MEDCHECK_BIN} ${RD} ${REPORT_ARTIFACTS}
                 ${PROJECT_SOURCE_DIR})
set_tests_properties(e2e.report.browser PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)

# Exports read with the batch reader: CSV and FHIR NDJSON, with rejected and skipped records listed.
set(BD ${CMAKE_CURRENT_SOURCE_DIR}/data/batch)
medcheck_report_test(csv_export 2 ${REPORT_ARTIFACTS}/csv.md
  ARGS report ${BD}/sample.csv --out ${REPORT_ARTIFACTS}/csv.md --as-of 2026-01-15
  CONTAINS "### Rejected records (2)" "sample.csv:10" "### Skipped records (1)" "Source: sample.csv:")
medcheck_report_test(ndjson_export 2 ${REPORT_ARTIFACTS}/ndjson.html
  ARGS report ${BD}/sample.ndjson --out ${REPORT_ARTIFACTS}/ndjson.html --as-of 2026-01-15
  CONTAINS "sample.ndjson:10" "Rejected records (1)" NOT_CONTAINS "<script")
medcheck_report_test(cases_and_export_together 2 ${REPORT_ARTIFACTS}/mixed.json
  ARGS report ${RD}/d-ok.json ${BD}/sample.csv --out ${REPORT_ARTIFACTS}/mixed.json --as-of 2026-01-15
  CONTAINS "\"path\": \"${RD}/d-ok.json\"" "\"path\": \"${BD}/sample.csv\"" "\"patients\": 9")
