# Names as people write them in batch exports (issue 9 items 4-5, contract v2 decision 15): an in-scope
# drug in any spelling is checked, never counted out of scope; only a recognised drug outside the rules
# (metformin) is. Each patient of data/batch/names/names.csv and names.ndjson has one order.
set(ND ${CMAKE_CURRENT_SOURCE_DIR}/data/batch/names)

medcheck_batch_expect(names_csv ${ND} ARGS "names.csv"
  EXPECT "N1|\"kind\":\"mme\"^^N1|\"severity\":\"violation\"^^N2|comes in several strengths (percocet 2.5/325^^N3|\"kind\":\"max_daily_dose\",\"drug\":\"acetaminophen\"^^N3|\"actual\":4000^^N4|comes in several strengths (hydrocodone/acetaminophen 2.5/325 mg^^N5|\"actual\":6000^^N6|\"kind\":\"mme\"^^N7|no drug name given^^N9|\"kind\":\"unknown_drug\"^^N9|Cyrillic^^N10|\"actual\":1500^^N11|\"kind\":\"mme\"^^N12|\"actual\":1200^^N13|\"kind\":\"unknown_drug\""
  EXPECT_NOT "N3|unknown_drug^^N5|unknown_drug^^N6|unknown_drug^^N10|cannot be converted^^N12|cannot be converted^^N8|metformin"
  SUMMARY_TEXT "\"out_of_scope\": 1^^\"metformin\": 1")

medcheck_batch_expect(names_ndjson ${ND} ARGS "names.ndjson;--format;fhir-ndjson;--as-of;2024-06-01"
  EXPECT "F80|\"kind\":\"mme\"^^F2|comes in several strengths^^F3|\"actual\":4000^^F4|comes in several strengths^^F5|\"actual\":6000^^F6|\"kind\":\"mme\"^^F7|\"kind\":\"unknown_drug\"^^F9|\"kind\":\"unknown_drug\"^^F10|\"kind\":\"unknown_drug\""
  EXPECT_NOT "F3|unknown_drug^^F5|unknown_drug^^F6|unknown_drug^^F8|metformin"
  SUMMARY_TEXT "\"out_of_scope\": 1^^\"metformin\": 1")
