# Exit codes and messages of the real binary (check contract v1). Paths are relative to tests/.
set(D ${CMAKE_CURRENT_SOURCE_DIR}/data)
set(EX ${PROJECT_SOURCE_DIR}/examples)

medcheck_cli_test(ok_case_exits_0 0 ARGS check --case ${D}/ok-naproxen.json --format json
                  STDOUT "\"verdict\": \"ok\"")
medcheck_cli_test(example_violation_exits_2 2 ARGS check --case ${EX}/elderly-back-pain.json
                  STDOUT "Verdict: VIOLATION")
medcheck_cli_test(text_has_disclaimer 2 ARGS check --case ${EX}/elderly-back-pain.json
                  STDOUT "never replaces clinical judgement")
medcheck_cli_test(case_from_stdin 0 ARGS check --case - --format json STDIN ${D}/ok-naproxen.json
                  STDOUT "\"verdict\": \"ok\"")
medcheck_cli_test(flags_and_sig 2 ARGS check --age 72 --weight 60 --sex female --crcl 45 --hepatic none
                  --tried nonpharmacologic --med "cyclobenzaprine 10 mg tid x 14d" --med "acetaminophen 1 g q6h"
                  STDOUT "start_dose")
medcheck_cli_test(malformed_json_exits_65 65 ARGS check --case ${D}/malformed.json
                  STDERR "malformed JSON at line 3")
medcheck_cli_test(unknown_key_exits_65 65 ARGS check --case ${D}/typo-key.json STDERR "unknown key 'medicaton'")
medcheck_cli_test(duplicate_key_exits_65 65 ARGS check --case ${D}/duplicate-key.json STDERR "duplicate key 'age'")
medcheck_cli_test(missing_case_exits_66 66 ARGS check --case ${D}/no-such-case.json STDERR "no-such-case.json")
medcheck_cli_test(missing_db_exits_66 66 ARGS --db ${D}/no-such.db check --case ${D}/ok-naproxen.json
                  STDERR "no-such.db")
medcheck_cli_test(db_after_command_exits_66 66 ARGS check --db ${D}/no-such.db --case ${D}/ok-naproxen.json
                  STDERR "no-such.db")
medcheck_cli_test(not_a_database_exits_66 66 ARGS --db ${D}/not-a-database.db check --case ${D}/ok-naproxen.json
                  STDERR "not-a-database.db")
medcheck_cli_test(unknown_option_exits_64 64 ARGS check --no-such-option)
medcheck_cli_test(unknown_command_exits_64 64 ARGS frobnicate STDERR "unknown command")
medcheck_cli_test(case_and_flags_exits_64 64 ARGS check --case ${D}/ok-naproxen.json --age 40)
medcheck_cli_test(nothing_to_check_exits_64 64 ARGS check --age 40)
medcheck_cli_test(bad_format_exits_64 64 ARGS check --case ${D}/ok-naproxen.json --format xml)
medcheck_cli_test(version_prints_sha256 0 ARGS --version STDOUT "sha256 ")
# The program linked with mimalloc finds it through the library's weak references (util/allocator.cpp):
# otherwise a batch would silently keep reading's freed memory resident.
if(TARGET mimalloc AND MEDCHECK_MIMALLOC AND NOT MEDCHECK_SANITIZE AND NOT MEDCHECK_FUZZ)
  medcheck_cli_test(version_names_allocator 0 ARGS --version STDOUT "allocator mimalloc")
else()
  medcheck_cli_test(version_names_allocator 0 ARGS --version STDOUT "allocator system")
endif()
medcheck_cli_test(rules_for_one_drug 0 ARGS rules tylenol STDOUT "acetaminophen.daily_max")
medcheck_cli_test(rules_unknown_drug_exits_65 65 ARGS rules cyclobenzaprin STDERR "did you mean")
medcheck_cli_test(rules_all 0 ARGS rules STDOUT "source:")
medcheck_cli_test(db_lint_clean 0 ARGS db lint STDOUT "0 problems")
medcheck_cli_test(rules_coverage 0 ARGS rules --coverage STDOUT "drugs covered")
