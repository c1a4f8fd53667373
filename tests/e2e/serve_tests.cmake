# `medcheck serve`: the real binary on loopback (port 0), and its usage errors.
add_test(NAME e2e.serve.http_and_sigterm
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/e2e/serve.sh ${MEDCHECK_BIN}
                 ${CMAKE_CURRENT_SOURCE_DIR}/data/serve/order-sign.request.json ${CMAKE_CURRENT_BINARY_DIR})
set_tests_properties(e2e.serve.http_and_sigterm PROPERTIES TIMEOUT 60)
medcheck_cli_test(serve_bad_port 64 ARGS serve --port 70000 STDERR "--port must be 0 to 65535")
medcheck_cli_test(serve_jwks_needs_issuer 64 ARGS serve --jwks /dev/null STDERR "--jwks needs at least one --issuer")
medcheck_cli_test(serve_public_host_needs_auth 64 ARGS serve --host 0.0.0.0 STDERR "without --jwks")
medcheck_cli_test(serve_bad_jwks 65 ARGS serve --jwks ${CMAKE_CURRENT_SOURCE_DIR}/data/serve/README.md --issuer x
                  STDERR "JWKS")
medcheck_cli_test(serve_help 0 ARGS serve --help STDOUT "medcheck-order-sign")
medcheck_cli_test(report_feedback_rates 0 ARGS report --feedback ${CMAKE_CURRENT_SOURCE_DIR}/data/serve/feedback-log.jsonl
                  --out - --format md STDOUT "| cyclobenzaprine.beers.age65 | 2 | 0 | 2 | 100% |")
