# The Python module (python/) against the CLI, and on a two-process local Dask cluster (loopback).
# A build without the module (MEDCHECK_PYTHON off: sanitizer builds) reports them skipped (77); a
# missing pandas, dask or distributed is a failure: tools/install-deps installs them.
if(Python3_EXECUTABLE)
  set(MEDCHECK_TEST_PYTHON ${Python3_EXECUTABLE})
else()
  find_program(MEDCHECK_TEST_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
endif()
if(MEDCHECK_TEST_PYTHON)
  set(PY ${CMAKE_CURRENT_SOURCE_DIR}/python)
  set(PO ${CMAKE_CURRENT_BINARY_DIR}/python)
  set(MEDCHECK_GEN $<TARGET_FILE:medcheck-gen>)
  add_test(NAME python.module
           COMMAND ${MEDCHECK_TEST_PYTHON} ${PY}/test_module.py --bin ${MEDCHECK_BIN}
                   --cases ${CMAKE_CURRENT_SOURCE_DIR}/cases)
  add_test(NAME python.frame
           COMMAND ${MEDCHECK_TEST_PYTHON} ${PY}/test_frame.py --bin ${MEDCHECK_BIN} --gen ${MEDCHECK_GEN}
                   --workdir ${PO}/frame)
  # 26000 generated patients are about 100k rows.
  add_test(NAME python.dask
           COMMAND ${MEDCHECK_TEST_PYTHON} ${PY}/test_dask.py --bin ${MEDCHECK_BIN} --gen ${MEDCHECK_GEN}
                   --workdir ${PO}/dask --patients 26000)
  add_test(NAME python.dask_failure
           COMMAND ${MEDCHECK_TEST_PYTHON} ${PY}/test_dask_failure.py --bin ${MEDCHECK_BIN}
                   --gen ${MEDCHECK_GEN} --workdir ${PO}/dask_failure --patients 8000)
  # PYTHONNOUSERSITE: this build's module, never one that tools/run put on the user's path.
  set_tests_properties(python.module python.frame python.dask python.dask_failure PROPERTIES
                       SKIP_RETURN_CODE 77 TIMEOUT 180
                       ENVIRONMENT "PYTHONPATH=${PROJECT_BINARY_DIR}/python;PYTHONDONTWRITEBYTECODE=1;PYTHONNOUSERSITE=1")
  # Each cluster test starts two worker processes: one at a time on a small machine.
  set_tests_properties(python.dask python.dask_failure PROPERTIES RESOURCE_LOCK dask_cluster)
endif()
