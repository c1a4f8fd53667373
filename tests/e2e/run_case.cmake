# Runs `medcheck check --case CASE --format json` and compares stdout with EXPECTED. The database
# sha256 is compared as "64 hex digits" only, so a seed edit does not invalidate every golden file
# (the database identity itself is tested in test_db_database.cpp). The exit status must be the one
# the verdict implies (0 ok, 1 warning, 2 otherwise). The actual output is kept in OUT_DIR on failure.
execute_process(COMMAND ${BIN} check --case ${CASE} --format json
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
file(READ ${EXPECTED} expected)
set(sha_pattern "\"sha256\": \"[0-9a-f]+\"")
string(REGEX REPLACE "${sha_pattern}" "\"sha256\": \"<sha256>\"" out_normalized "${out}")
string(REGEX REPLACE "${sha_pattern}" "\"sha256\": \"<sha256>\"" expected_normalized "${expected}")
string(REGEX MATCH "\"sha256\": \"([0-9a-f]+)\"" _ "${out}")
string(LENGTH "${CMAKE_MATCH_1}" sha_length)
get_filename_component(name ${CASE} NAME_WE)
if(NOT out_normalized STREQUAL expected_normalized OR NOT sha_length EQUAL 64)
  file(WRITE ${OUT_DIR}/${name}.actual.json "${out}")
  message(FATAL_ERROR "output differs from ${EXPECTED} (actual: ${OUT_DIR}/${name}.actual.json)\n${err}")
endif()
string(REGEX MATCH "\"verdict\": \"([a-z]+)\"" _ "${out}")
set(verdict ${CMAKE_MATCH_1})
if(verdict STREQUAL "ok")
  set(want 0)
elseif(verdict STREQUAL "warning")
  set(want 1)
else()
  set(want 2)
endif()
if(NOT rc EQUAL want)
  message(FATAL_ERROR "exit status ${rc}, expected ${want} for verdict ${verdict}\n${err}")
endif()
