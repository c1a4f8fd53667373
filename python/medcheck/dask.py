"""medcheck on a Dask cluster: batch CSV rows in a Dask DataFrame, findings out.

    import dask, medcheck.dask
    findings, summary = medcheck.dask.check(ddf, source="export.csv")
    findings, summary = dask.compute(findings, summary)   # one pass: each partition checked once

Every order of a patient must be checked together, so the rows are first shuffled by the batch
engine's patient hash (medcheck.patient_owners: patient_hash % partitions), then each partition is
checked on its own with medcheck.check_frame. The findings equal a single-machine `medcheck batch`
of the same rows; the summary's counts are summed over partitions (records read = checked + skipped
+ rejected over the whole cluster) and its verdict and exit code are the batch's.
"""

import dask
import pandas
from dask.dataframe.shuffle import rearrange_by_column

import medcheck

_LINE = "_medcheck_line"
_OWNER = "_partitions"

# The order of verdicts, worst last ("none": no patient checked).
_VERDICTS = ["none", "ok", "warning", "unverifiable", "violation", "contraindicated"]


def _patient_column(columns, column_map):
    """The frame column the batch reader takes as patient_id (after column_map), or None."""
    renames = {str(k).strip().lower(): str(v).strip().lower() for k, v in dict(column_map or {}).items()}
    for column in columns:
        name = str(column).strip().lower()
        if renames.get(name, name) == "patient_id":
            return column
    return None


def _with_lines(part, offsets, partition_info=None):
    """Adds each row's line in the frame written as one CSV (header = line 1)."""
    start = offsets[partition_info["number"]] if partition_info else 0
    return part.assign(**{_LINE: range(start + 2, start + 2 + len(part))})


def _with_index_lines(part):
    return part.assign(**{_LINE: part.index.astype("int64")})


def _with_owner(part, patient, owners):
    if patient is None:
        return part.assign(**{_OWNER: 0})
    ids = part[patient].fillna("").astype(str)
    return part.assign(**{_OWNER: medcheck.patient_owners(ids, owners)})


def _empty_findings():
    return pandas.DataFrame({c: pandas.Series(dtype=str) for c in medcheck.FINDINGS_COLUMNS})


def _check_part(part, options):
    """Checks one partition; its rows in their source order, so that each patient's first row and
    row order are what the single-machine batch sees."""
    part = part.drop(columns=[_OWNER], errors="ignore").sort_values(_LINE, kind="stable")
    if len(part) == 0:
        return _empty_findings(), None
    return medcheck.check_frame(part, lines=_LINE, **options)


def _findings_of(result):
    return result[0]


def _summary_of(result):
    return result[1]


def _add_counts(total, counts):
    for key, value in counts.items():
        total[key] = total.get(key, 0) + value


def reduce_summaries(summaries, source="frame.csv", partitions=None):
    """One batch summary from the partitions' summaries: counts summed, the worst verdict, the exit
    code `medcheck batch` gives those counts, the first 1000 rejections in source order."""
    parts = [s for s in summaries if s is not None]
    out = {"verdict": "none", "exit_code": 0,
           "records": {"read": 0, "checked": 0, "skipped": 0, "rejected": 0, "medication_orders": 0},
           "skipped": {}, "rejected": {"by_reason": {}, "records": [], "listed": 0},
           "out_of_scope": {"orders": 0, "by_drug": {}},
           "patients": {"checked": 0, "without_orders_in_scope": 0, "by_verdict": {}},
           "findings": {"total": 0, "by_severity": {}, "by_kind": {}},
           "options": parts[0]["options"] if parts else {},
           "database": parts[0]["database"] if parts else medcheck.version()["database"],
           "inputs": [{"path": str(source), "format": "csv", "partitions": partitions}]}
    for s in parts:
        _add_counts(out["records"], s["records"])
        _add_counts(out["skipped"], s["skipped"])
        _add_counts(out["rejected"]["by_reason"], s["rejected"]["by_reason"])
        out["rejected"]["records"].extend(s["rejected"]["records"])
        out["out_of_scope"]["orders"] += s["out_of_scope"]["orders"]
        _add_counts(out["out_of_scope"]["by_drug"], s["out_of_scope"]["by_drug"])
        out["patients"]["checked"] += s["patients"]["checked"]
        out["patients"]["without_orders_in_scope"] += s["patients"]["without_orders_in_scope"]
        _add_counts(out["patients"]["by_verdict"], s["patients"]["by_verdict"])
        out["findings"]["total"] += s["findings"]["total"]
        _add_counts(out["findings"]["by_severity"], s["findings"]["by_severity"])
        _add_counts(out["findings"]["by_kind"], s["findings"]["by_kind"])
        if _VERDICTS.index(s["verdict"]) > _VERDICTS.index(out["verdict"]):
            out["verdict"] = s["verdict"]
    for key in ("skipped",):
        out[key] = dict(sorted(out[key].items()))
    for mapping in (out["rejected"]["by_reason"], out["out_of_scope"]["by_drug"], out["findings"]["by_kind"]):
        ordered = dict(sorted(mapping.items()))
        mapping.clear()
        mapping.update(ordered)

    def line_of(rejection):
        record = rejection["record"]
        tail = record.rsplit(":", 1)[-1]
        return int(tail) if tail.isdigit() else 0

    out["rejected"]["records"] = sorted(out["rejected"]["records"], key=line_of)[:1000]
    out["rejected"]["listed"] = len(out["rejected"]["records"])
    records = out["records"]
    if records["read"] > 0 and records["checked"] + records["skipped"] == 0:
        out["exit_code"] = 65
    else:
        out["exit_code"] = {"none": 0, "ok": 0, "warning": 1}.get(out["verdict"], 2)
    return out


def shuffle_by_patient(ddf, npartitions=None, lines=None, column_map=None):
    """The rows with a line column, moved so that each patient's rows are in partition
    patient_hash % npartitions (the batch engine's hash; see medcheck.patient_owners)."""
    npartitions = int(npartitions or ddf.npartitions)
    if lines is None:
        # Each row's line in the whole frame written as CSV: partition lengths give the offsets.
        lengths = ddf.map_partitions(len).compute()
        offsets = [0]
        for length in lengths[:-1]:
            offsets.append(offsets[-1] + int(length))
        meta = ddf._meta.assign(**{_LINE: pandas.Series(dtype="int64")})
        ddf = ddf.map_partitions(_with_lines, offsets, meta=meta)
    elif lines == "index":
        ddf = ddf.map_partitions(_with_index_lines)
    else:
        ddf = ddf.rename(columns={lines: _LINE})
    patient = _patient_column(ddf.columns, column_map)
    meta = ddf._meta.assign(**{_OWNER: pandas.Series(dtype="int64")})
    ddf = ddf.map_partitions(_with_owner, patient, npartitions, meta=meta)
    return rearrange_by_column(ddf, _OWNER, npartitions=npartitions, shuffle="tasks")


def check(ddf, *, source="frame.csv", npartitions=None, lines=None, **options):
    """Checks a Dask DataFrame of batch CSV rows. Returns (findings, summary): a Dask DataFrame with
    medcheck.FINDINGS_COLUMNS and a Delayed summary dict; compute both together
    (dask.compute(findings, summary)) so that each partition is checked once.

    lines: None (each row's line in the whole frame written as one CSV; costs one pass to count
    partition lengths), "index" (the index holds the lines, e.g. from medcheck.read_csv), or a column
    name. Other options (strict, column_map, ignore_columns, as_of) are check_frame's.
    """
    shuffled = shuffle_by_patient(ddf, npartitions, lines, options.get("column_map"))
    options = dict(options, source=source)
    parts = shuffled.to_delayed()
    results = [dask.delayed(_check_part, pure=True)(part, options) for part in parts]
    meta = _empty_findings()
    import dask.dataframe as dd

    findings = dd.from_delayed([dask.delayed(_findings_of)(r) for r in results], meta=meta,
                               verify_meta=False)
    summary = dask.delayed(reduce_summaries)([dask.delayed(_summary_of)(r) for r in results], source,
                                             len(parts))
    return findings, summary
