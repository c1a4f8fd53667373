"""medcheck.check against `medcheck check --format json` on the golden cases; errors, version, rules,
and the GIL released while checking."""

import glob
import json
import os
import threading

import support

medcheck = support.import_medcheck()
a = support.args()
BIN = a["bin"]

cases = sorted(c for c in glob.glob(os.path.join(a["cases"], "*.json")) if not c.endswith(".expected.json"))
assert len(cases) >= 8, cases
for case in cases:
    cli = support.run([BIN, "check", "--case", case, "--format", "json"])
    assert cli.returncode in (0, 1, 2), (case, cli.stderr)
    with open(case, encoding="utf-8") as f:
        text = f.read()
    # The exact bytes, from text and from a dict serialised the documented way.
    assert medcheck.check_json(text).encode("utf-8") == cli.stdout, case
    result = medcheck.check(json.loads(text))
    assert "orders" in result and "findings" in result, case
    assert (json.dumps(result, indent=2, ensure_ascii=False) + "\n").encode("utf-8") == cli.stdout, case
print(f"{len(cases)} golden cases: module bytes == CLI bytes")

# Errors carry the CLI's exit-code category.
for bad in ['{"patient": {}, "medications": [', '{"patient": {}, "medications": [], "bogus": 1}']:
    cli = support.run([BIN, "check", "--case", "-", "--format", "json"], input=bad.encode())
    try:
        medcheck.check_json(bad)
    except medcheck.Error as error:
        assert isinstance(error, medcheck.BadDataError), type(error)
        assert error.exit_code == cli.returncode == 65, (error.exit_code, cli.returncode)
        assert error.kind == "bad_data" and str(error)
    else:
        raise AssertionError(f"no error for {bad!r}")
try:
    medcheck.check({"patient": {"age": float("nan")}, "medications": []})
except medcheck.BadDataError as error:
    assert error.exit_code == 65
else:
    raise AssertionError("NaN in a case must be bad data")
try:
    medcheck.check_frame(None, layout="nonesuch")
except medcheck.UsageError as error:
    assert error.exit_code == 64
else:
    raise AssertionError("an unknown layout must be a usage error")

# version() names the database the CLI uses, by its SHA-256.
version = medcheck.version()
cli_version = support.run([BIN, "--version"]).stdout.decode()
assert f"sha256 {version['database']['sha256']}" in cli_version, (version, cli_version)
assert len(version["database"]["sha256"]) == 64
assert f"medcheck {version['medcheck']}" in cli_version

# rules(): every rule once, each one the CLI lists.
rules = medcheck.rules()
ids = [r["id"] for r in rules]
assert len(ids) > 50 and len(set(ids)) == len(ids), len(ids)
listed = support.run([BIN, "rules", "acetaminophen"]).stdout.decode()
apap = [r["id"] for r in rules if "acetaminophen" in r["applies_to"] and r["id"] in listed]
assert apap, "acetaminophen rules listed by the CLI are in rules()"

# The GIL is released while checking: another Python thread keeps running during a long check.
row = "patient_id,drug,dose,unit,frequency,age\n"
text = row + "".join(f"p{i},ibuprofen,800,mg,q6h,70\n" for i in range(20000))
options = medcheck._core.CsvOptions()
options.name = "gil.csv"
options.findings_format = "csv"
ticks = [0]
done = threading.Event()
during = []


def spin():
    while not done.is_set():
        ticks[0] += 1


def check():
    before = ticks[0]
    medcheck._core.check_csv(text, options)
    during.append(ticks[0] - before)
    done.set()


spinner = threading.Thread(target=spin)
spinner.start()
check()
spinner.join()
assert during[0] > 1000, f"only {during[0]} spins while checking: the GIL was held"
print(f"GIL released: {during[0]} spins of another thread during one check_csv")
print("ok")
