"""medcheck from Python: the same engine, reader and writers as the medcheck CLI.

    import medcheck
    result = medcheck.check(case)                   # a contract case dict -> the contract result dict
    findings, summary = medcheck.check_frame(df)    # batch CSV rows -> findings DataFrame + summary dict
    medcheck.version()["database"]["sha256"]

Errors are medcheck.Error (and subclasses) with .kind and .exit_code: the contract's exit-code
category the CLI would have exited with (64 usage, 65 bad data, 66 cannot open, 74, 70).
pandas is imported only by check_frame; medcheck.dask needs dask and distributed.
"""

import json

from . import _core

__all__ = [
    "Error", "UsageError", "BadDataError", "CannotOpenError", "CannotWriteError", "InternalError",
    "FINDINGS_COLUMNS", "check", "check_json", "check_frame", "read_csv", "rules", "version",
    "patient_hash", "patient_owners",
]

# The columns of `medcheck batch --findings-format csv`, in order.
FINDINGS_COLUMNS = ["patient_id", "record", "prescription_id", "prescription_ids", "severity", "kind",
                    "drug", "message", "actual", "limit", "unit", "source"]


class Error(Exception):
    """A medcheck failure: .kind ("usage", "bad_data", "cannot_open", "cannot_write", "internal")
    and .exit_code, the status `medcheck` would exit with (contract: 64, 65, 66, 74, 70)."""

    def __init__(self, message, kind="internal", exit_code=70):
        super().__init__(message)
        self.kind = kind
        self.exit_code = exit_code


class UsageError(Error):
    """Exit code 64: the call itself is wrong (an unknown option or layout)."""


class BadDataError(Error):
    """Exit code 65: the input cannot be used (malformed JSON, unknown keys)."""


class CannotOpenError(Error):
    """Exit code 66: an input or the rule database cannot be opened."""


class CannotWriteError(Error):
    """Exit code 74: an output cannot be written."""


class InternalError(Error):
    """Exit code 70: a bug."""


_ERRORS = {"usage": UsageError, "bad_data": BadDataError, "cannot_open": CannotOpenError,
           "cannot_write": CannotWriteError, "internal": InternalError}


def _raise(error):
    message, kind, exit_code = error.args
    raise _ERRORS.get(kind, InternalError)(message, kind, exit_code) from None


def check_json(case_json):
    """A case as JSON text -> the result text, byte for byte what `medcheck check --format json`
    writes (with its final newline)."""
    try:
        return _core.check_json(case_json)
    except _core.Error as error:
        _raise(error)


def check(case):
    """A contract case (dict) -> the contract result (dict, `orders` included).

    json.dumps(result, indent=2, ensure_ascii=False) + "\\n" is the CLI's output. The case goes to
    the engine as JSON text, so the CLI's strict reader sees exactly what a case file would give it.
    """
    if not isinstance(case, dict):
        raise UsageError("check() takes a case dict (check contract); use check_json() for text",
                         "usage", 64)
    try:
        text = json.dumps(case, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise BadDataError(f"the case cannot be written as JSON: {error}", "bad_data", 65) from None
    return json.loads(check_json(text))


def _option_list(value, name):
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    try:
        return list(value)
    except TypeError:
        raise UsageError(f"{name} must be a list of column names", "usage", 64) from None


def _frame_csv(df, lines):
    """The frame as batch CSV text, and the source line of each row (empty: the text's own)."""
    frame = df
    numbers = []
    if isinstance(lines, str) and lines != "index":
        if lines not in frame.columns:
            raise UsageError(f"lines: no column '{lines}' in the frame", "usage", 64)
        numbers = frame[lines]
        frame = frame.drop(columns=[lines])
    elif lines == "index":
        numbers = frame.index
    elif lines is not None:
        raise UsageError("lines must be None, 'index' or a column name", "usage", 64)
    if len(numbers):
        try:
            numbers = [int(n) for n in numbers]
        except (TypeError, ValueError):
            raise UsageError("lines: line numbers must be integers", "usage", 64) from None
    # Booleans as the batch CSV writes them; pandas would write True/False.
    bools = [c for c in frame.columns if frame[c].dtype == bool]
    if bools:
        frame = frame.assign(**{c: frame[c].map({True: "true", False: "false"}) for c in bools})
    return frame.to_csv(index=False, lineterminator="\n"), numbers


def check_frame(df, layout="csv", *, source="frame.csv", lines=None, strict=False, column_map=None,
                ignore_columns=None, as_of=None, jobs=1, findings_format="csv"):
    """Checks the rows of a pandas DataFrame in the batch CSV layout (the columns `medcheck batch`
    documents; column_map renames export columns, ignore_columns skips some, as --map and
    --ignore-column do). Returns (findings, summary): a DataFrame with the findings CSV's columns
    (FINDINGS_COLUMNS, every value a str exactly as the CSV holds it) and the --summary dict.

    References name `source` and a line: by default each row's line in the frame written as CSV
    (header = line 1); lines="index" takes them from the frame's index (read_csv sets it to the
    file's lines), or a column name from that column. No temporary file is written: the frame is
    serialised in memory and read by the batch reader; the GIL is released while checking.
    """
    import io

    import pandas

    if layout != "csv":
        raise UsageError(f"check_frame reads the batch CSV layout only, not '{layout}': read mimic-iv, "
                         "omop and claims exports from their files with `medcheck batch --layout`",
                         "usage", 64)
    text, numbers = _frame_csv(df, lines)
    options = _core.CsvOptions()
    options.name = str(source)
    options.lines = numbers
    options.strict = bool(strict)
    options.column_map = [(str(k), str(v)) for k, v in dict(column_map or {}).items()]
    options.ignored_columns = [str(c) for c in _option_list(ignore_columns, "ignore_columns")]
    options.as_of = "" if as_of is None else str(as_of)
    options.jobs = int(jobs)
    options.findings_format = findings_format
    try:
        findings_text, summary_text = _core.check_csv(text, options)
    except _core.Error as error:
        _raise(error)
    if findings_format != "csv":
        return findings_text, json.loads(summary_text)
    findings = pandas.read_csv(io.StringIO(findings_text), dtype=str, keep_default_na=False,
                               na_filter=False)
    return findings, json.loads(summary_text)


def read_csv(path, **kwargs):
    """A batch CSV file as a DataFrame of str, every value as written (no NaN, no numbers), indexed
    by each record's line as medcheck's reader counts it (quoted line breaks, blank lines), for
    check_frame(df, lines="index", source=<the file's name>)."""
    import io

    import pandas

    with open(path, "rb") as file:
        data = file.read()
    lines = _core.record_lines(data)
    df = pandas.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, na_filter=False, **kwargs)
    if len(df) != len(lines):
        raise BadDataError(f"{path}: pandas reads {len(df)} records where medcheck reads {len(lines)}; "
                           "check the file with `medcheck batch`", "bad_data", 65)
    df.index = lines
    return df


def rules():
    """Every rule of the database as a dict: id, kind, severity, applies_to, message, source, ..."""
    return _core.rules()


def version():
    """{"medcheck": version, "database": {"version", "schema_version", "origin", "sha256"}}."""
    try:
        return _core.version()
    except _core.Error as error:
        _raise(error)


def patient_hash(patient_id):
    """The batch engine's 64-bit patient hash (FNV-1a of the trimmed id)."""
    return _core.patient_hash(patient_id)


def patient_owners(ids, owners):
    """The owner 0..owners-1 of each patient id (a numpy int64 array): patient_hash % owners, the
    partition medcheck.dask gives the patient."""
    return _core.patient_owners([str(i) for i in ids], int(owners))
