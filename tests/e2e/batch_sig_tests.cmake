# A CSV `sig` column (issue 9 item 3): read by the same reader and rules as a case's "sig". Rows E1-E8
# are the issue's eight example sigs (E6 names its drug in the drug column) with the findings
# `medcheck check --med` gives for the same patient; S1 a dose range read at its top (1000 mg, not
# 400); S2 an "as directed" sig; S3 and S7 a sig and fields that disagree; S4 a sig naming an
# out-of-scope drug; S5 a frequency column written as a sig phrase; S6 two regimens; S8 an
# unrecognised word. Findings are JSONL: "severity":"...","kind":"..." is one exact pair.
set(SD ${CMAKE_CURRENT_SOURCE_DIR}/data/batch/sig)
set(V [=["severity":"violation","kind":]=])
set(W [=["severity":"warning","kind":]=])
set(U [=["severity":"unverifiable","kind":"invalid_input"]=])
add_test(NAME e2e.batch.sig_column
         COMMAND ${CMAKE_COMMAND} -DBIN=${MEDCHECK_BIN} -DWORKDIR=${SD} -DEXPECT_RC=2
                 "-DARGS=sig.csv;--summary;${BO}/sig_column.summary.json"
                 -DSUMMARY=${BO}/sig_column.summary.json
                 "-DEXPECT=E1|${V}\"max_daily_dose\",\"drug\":\"hydrocodone_apap_10_325\",\"message\":\"Acetaminophen above 3000^^E1|\"actual\":3900,\"limit\":3000^^E1|\"actual\":120,\"limit\":60^^E1|${V}\"max_single_dose\"^^E1|${V}\"mme\"^^E1|${W}\"start_dose\"^^E2|${V}\"max_daily_dose\",\"drug\":\"acetaminophen\"^^E2|\"actual\":4000,\"limit\":3000^^E4|${W}\"max_duration\",\"drug\":\"cyclobenzaprine\"^^E5|${W}\"mme\"^^E5|\"actual\":400,\"limit\":200^^E6|${W}\"max_duration\",\"drug\":\"cyclobenzaprine\"^^E7|\"severity\":\"info\",\"kind\":\"mme\",\"drug\":\"oxycodone\"^^E7|\"actual\":30,^^E8|${V}\"max_daily_dose\",\"drug\":\"acetaminophen\"^^E8|\"actual\":4000,\"limit\":3000^^S1|${V}\"max_daily_dose\",\"drug\":\"ibuprofen\"^^S1|\"actual\":4000,\"limit\":3200^^S1|${V}\"max_single_dose\"^^S1|\"actual\":1000,\"limit\":800^^S2|${U}^^S2|no frequency in the sig^^S3|${U}^^S3|the sig \\\"naproxen 500 mg bid\\\" and the fields disagree: dose 250^^S5|${V}\"max_daily_dose\",\"drug\":\"naproxen\"^^S5|\"actual\":1500,\"limit\":1000^^S6|${U}^^S6|more than one regimen ('then')^^S7|${U}^^S7|and the fields disagree: drug \\\"metformin\\\"^^S8|${U}^^S8|unrecognised word 'zzz' in \\\"ibuprofen 400 mg q6h zzz\\\" (sig.csv:17)"
                 "-DEXPECT_NOT=E3|\"severity\"^^E4|\"violation\"^^E4|\"unverifiable\"^^E5|\"violation\"^^E5|\"unverifiable\"^^E6|\"violation\"^^E6|\"unverifiable\"^^E7|\"warning\"^^E7|\"violation\"^^E7|\"unverifiable\"^^E8|\"unverifiable\"^^S1|\"unverifiable\"^^S4|\"severity\"^^S5|\"unverifiable\""
                 "-DSUMMARY_TEXT=\"read\": 16,^^\"checked\": 15,^^\"rejected\": 0,^^\"by_drug\": {\n      \"metformin\": 1\n    }^^\"ok\": 2,^^\"warning\": 3,^^\"unverifiable\": 5,^^\"violation\": 5,"
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/e2e/run_batch_expect.cmake)
