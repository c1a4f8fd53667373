# Hostile cases for the engine and the rule database (issue 10 items 1, 2, 6, 7), through the real
# binary. Inputs are in tests/hostile/engine-*; broken databases are written at test time by
# make_hostile_db from the embedded one (schema.sql + seed with one row changed).

# Item 1 (decision 14): two orders of one drug add up for its daily maximum.
medcheck_hostile(engine_split_daily_csv engine-split-daily.csv 2 READ 14 CHECKED 14
                 EXPECT "patients: 7 checked, 0 ok, 0 warning, 0 unverifiable, 7 violation"
                        "Oral ketorolac above 40 mg/day (label maximum) (2 orders add up: medications[0] ketorolac 40 mg/day + medications[1] ketorolac 40 mg/day)"
                        "Gabapentin above 3600 mg/day"
                        "medications[0] gabapentin 3600 mg/day + medications[1] gabapentin 3600 mg/day"
                        "Meloxicam above 15 mg/day (label maximum) (2 orders add up"
                        "medications[0] celecoxib 400 mg/day + medications[1] celecoxib 400 mg/day"
                        "medications[0] pregabalin 600 mg/day + medications[1] pregabalin 600 mg/day"
                        "Tizanidine above 36 mg/day (label maximum) (2 orders add up"
                        "Baclofen above 80 mg/day (label maximum) (2 orders add up")
medcheck_cli_test(hostile_engine_split_ketorolac 2 ARGS check --case ${HC}/engine-split-ketorolac.case.json
                  STDOUT "actual 80 mg/day, limit 40 mg/day")

# Item 2 (decision 13): a continuing opioid below 60 MME/day is not opioid tolerance.
medcheck_cli_test(hostile_engine_fentanyl_low_tolerance 2
                  ARGS check --case ${HC}/engine-fentanyl-low-tolerance.case.json
                  STDOUT "[CONTRAINDICATED] contraindication: Fentanyl patch without opioid tolerance")

# Items 6 and 7: rule databases given with --db.
add_executable(medcheck-hostile-db-gen hostile/make_hostile_db.cpp)
target_link_libraries(medcheck-hostile-db-gen PRIVATE medcheck_engine medcheck_embedded_db medcheck_warnings)
add_test(NAME e2e.hostile.engine_db_generate COMMAND medcheck-hostile-db-gen ${HO}/db)
set_tests_properties(e2e.hostile.engine_db_generate PROPERTIES FIXTURES_SETUP hostile_db_gen)

# medcheck_db_test(NAME DB RC [KEEP_WAL] [CHECK_SHA] [ARGS ...] [EXPECT text...])
function(medcheck_db_test name db rc)
  cmake_parse_arguments(T "KEEP_WAL;CHECK_SHA" "" "ARGS;EXPECT" ${ARGN})
  add_test(NAME e2e.hostile.${name}
           COMMAND ${CMAKE_COMMAND} -DBIN=${MEDCHECK_BIN} -DDB=${HO}/db/${db} -DEXPECT_RC=${rc}
                   "-DARGS=${T_ARGS}" "-DEXPECT=${T_EXPECT}" -DKEEP_WAL=${T_KEEP_WAL} -DCHECK_SHA=${T_CHECK_SHA}
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/e2e/run_db_open.cmake)
  set_tests_properties(e2e.hostile.${name} PROPERTIES FIXTURES_REQUIRED hostile_db_gen TIMEOUT 30)
endfunction()

set(apap_30g check --age 40 --weight 70 --sex male --crcl 100 --med "acetaminophen 2500 mg q4h x 3d")
# Item 6: each broken row refuses the file (exit 66 naming table, row, column and value) ...
foreach(case
        "limit_inf|db-limit-inf.db|rule acetaminophen.daily_max: limit_value inf is not"
        "limit_huge|db-limit-huge.db|rule acetaminophen.daily_max: limit_value 1e+308 is not"
        "limit_negative|db-limit-negative.db|rule ketorolac.daily_max: limit_value -40"
        "limit_null|db-limit-null.db|rule ibuprofen.daily_max: limit_value is NULL for measure daily_mg"
        "amount_zero|db-amount-zero.db|drug_component acetaminophen/acetaminophen: amount 0"
        "amount_negative|db-amount-negative.db|drug_component hydrocodone_apap_10_325/acetaminophen: amount -325"
        "rules_empty|db-rules-empty.db|rule: the rule table is empty"
        "kind_unknown|db-kind-unknown.db|rule naproxen.daily_max: kind 'nonsense' is not a finding kind"
        "source_empty|db-source-empty.db|rule celecoxib.daily_max: source is empty"
        "core_missing|db-core-missing.db|rule cyclobenzaprine.duration_max: required core rule is missing"
        "core_lax|db-core-lax.db|rule acetaminophen.daily_max: limit_value 4000 is above the required 3000"
        "mme_factor_zero|db-mme-factor-zero.db|mme_factor oxycodone: factor 0")
  string(REPLACE "|" ";" parts "${case}")
  list(GET parts 0 name)
  list(GET parts 1 db)
  list(GET parts 2 text)
  medcheck_db_test(engine_db_${name} ${db} 66 ARGS ${apap_30g} EXPECT "rule database ${HO}/db/${db} refused" "${text}")
  # ... and `db lint` lists the same problem (exit 65).
  medcheck_db_test(engine_db_${name}_lint ${db} 65 ARGS db lint EXPECT "lint: ${text}")
endforeach()

# Item 7: what is hashed is what is read. A WAL database with a non-empty -wal is refused; a WAL-mode
# file without one opens, prints its own SHA-256 and gets no -wal / -shm beside it.
medcheck_db_test(engine_db_wal_pending db-wal-pending.db 66 KEEP_WAL ARGS ${apap_30g}
                 EXPECT "db-wal-pending.db-wal is not empty")
medcheck_db_test(engine_db_wal_clean db-wal-clean.db 0 CHECK_SHA ARGS --version)
medcheck_db_test(engine_db_wal_clean_check db-wal-clean.db 2 ARGS ${apap_30g}
                 EXPECT "actual 15000 mg/day, limit 3000 mg/day")
