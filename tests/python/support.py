"""Shared by the Python module tests: arguments, the CLI, skipping when the module was not built."""

import os
import subprocess
import sys

SKIP = 77  # CTest SKIP_RETURN_CODE


def import_medcheck():
    """The module, or exit SKIP when this build has none (MEDCHECK_PYTHON off, e.g. sanitizers)."""
    try:
        import medcheck._core  # noqa: F401
    except ImportError as error:
        if "medcheck" not in str(error):
            raise
        print(f"SKIP: the Python module was not built ({error})")
        sys.exit(SKIP)
    import medcheck
    return medcheck


def args():
    """--name value pairs from the command line (BIN, GEN, WORKDIR, CASES)."""
    out = {}
    argv = sys.argv[1:]
    for i in range(0, len(argv), 2):
        out[argv[i].lstrip("-")] = argv[i + 1]
    return out


def run(cmd, **kwargs):
    return subprocess.run(cmd, capture_output=True, check=False, **kwargs)


def generate(gen, workdir, patients, seed):
    """A generated batch CSV export (medcheck-gen), made once per directory; without the generator's
    unterminated quotes, which no DataFrame reader can hold."""
    os.makedirs(workdir, exist_ok=True)
    path = os.path.join(workdir, "export.csv")
    if not os.path.exists(path):
        cmd = [gen, "--patients", str(patients), "--seed", str(seed), "--out-dir", workdir,
               "--formats", "csv", "--malformed-per-100k", "0"]
        result = run(cmd)
        assert result.returncode == 0, result.stderr.decode()
    return path


def cli_batch(bin_path, csv_path, workdir):
    """`medcheck batch` of a file: (findings CSV bytes, summary dict, exit code)."""
    import json
    out = os.path.join(workdir, "cli-findings.csv")
    summary = os.path.join(workdir, "cli-summary.json")
    result = run([bin_path, "batch", csv_path, "--findings-format", "csv", "--out", out,
                  "--summary", summary, "--jobs", "1"])
    assert result.returncode in (0, 1, 2), result.stderr.decode()
    with open(out, "rb") as f:
        findings = f.read()
    with open(summary, encoding="utf-8") as f:
        return findings, json.load(f), result.returncode


def frame_csv_bytes(findings):
    """A findings DataFrame written as the CLI writes its findings CSV (CRLF)."""
    return findings.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def sorted_rows(data):
    """The data lines of a findings CSV, sorted (the header apart)."""
    lines = data.split(b"\r\n")
    return lines[0], sorted(line for line in lines[1:] if line)


def without_inputs(summary):
    return {k: v for k, v in summary.items() if k != "inputs"}
