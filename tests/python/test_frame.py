"""check_frame against `medcheck batch` on a generated export with malformed records."""

import csv
import os

import support

medcheck = support.import_medcheck()
import pandas  # noqa: E402

a = support.args()
work = a["workdir"]
generated = support.generate(a["gen"], work, patients=3000, seed=11)
# Records a frame can hold but the batch reader rejects or reports: no patient id, unreadable doses,
# a quoted line break (so that lines and records differ), a blank line.
path = os.path.join(work, "damaged.csv")
with open(generated, newline="", encoding="utf-8") as f:
    table = list(csv.reader(f))
dose = table[0].index("dose")
for i, row in enumerate(table[1:], start=1):
    if i % 500 == 0:
        row[0] = ""
    if i % 700 == 0:
        row[dose] = "x1"
    if i % 900 == 0:
        row[dose] = "1\n2"
with open(path, "w", newline="", encoding="utf-8") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerows(table[:100])
    f.write("\n")
    writer.writerows(table[100:])
cli_findings, cli_summary, cli_rc = support.cli_batch(a["bin"], path, work)
name = os.path.basename(path)

# medcheck.read_csv: lines as the batch reader counts them; the same bytes, in the same order.
df = medcheck.read_csv(path)
findings, summary = medcheck.check_frame(df, lines="index", source=name)
assert list(findings.columns) == medcheck.FINDINGS_COLUMNS
assert support.frame_csv_bytes(findings) == cli_findings
assert support.without_inputs(summary) == support.without_inputs(cli_summary), (summary, cli_summary)
assert summary["exit_code"] == cli_rc
records = summary["records"]
assert records["read"] == records["checked"] + records["skipped"] + records["rejected"]
assert records["rejected"] > 0, "the export has records without a patient id"
print(f"read_csv + check_frame: {len(findings)} findings, {records['read']} records, == CLI")

# The frame written as CSV (lines=None) from a plain pandas read of a file without blank lines or
# quoted line breaks gives the same references.
plain_findings, plain_summary, _ = support.cli_batch(a["bin"], generated, work)
plain = pandas.read_csv(generated, dtype=str, keep_default_na=False, na_filter=False)
findings2, summary2 = medcheck.check_frame(plain, source=os.path.basename(generated))
assert support.frame_csv_bytes(findings2) == plain_findings
assert support.without_inputs(summary2) == support.without_inputs(plain_summary)
print("plain pandas frame, lines=None: == CLI")

# A frame split anywhere and checked in pieces holding whole patients gives the same findings set.
owners = medcheck.patient_owners(df["patient_id"], 3)
pieces = [medcheck.check_frame(df[owners == k], lines="index", source=name)[0] for k in range(3)]
joined = pandas.concat(pieces)
head, rows = support.sorted_rows(support.frame_csv_bytes(joined))
cli_head, cli_rows = support.sorted_rows(cli_findings)
assert head == cli_head and rows == cli_rows
print("3 pieces by patient_owners: same findings set")

# Column renames and ignored columns, as --map and --ignore-column.
renamed = df.rename(columns={"patient_id": "pid"}).assign(note="x")
findings3, summary3 = medcheck.check_frame(renamed, lines="index", source=name, column_map={"pid": "patient_id"},
                                           ignore_columns=["note"])
assert support.frame_csv_bytes(findings3) == cli_findings
unknown, summary4 = medcheck.check_frame(df.assign(note="x"), lines="index", source=name)
assert summary4["records"]["rejected"] == summary4["records"]["read"] and len(unknown) == 0
assert summary4["exit_code"] == 65
print("ok")
