"""tools/bench-dask's measurements (run through tools/bench-dask, which sets the paths).

Rows/s of `medcheck batch` (one job), of medcheck.check_frame (the module's per-row overhead against
the CLI, split into its parts), and of medcheck.dask.check on a local cluster of 1 and 2 worker
processes, with the shuffle's share of the cluster's compute time from the task stream.
"""

import io
import os
import subprocess
import sys
import time

import dask
import dask.dataframe as dd
import distributed

import medcheck
import medcheck.dask


def main():
    """Runs every measurement; a function, because Dask's spawned workers import this file again."""
    medcheck_bin, path = sys.argv[1], sys.argv[2]
    name = os.path.basename(path)


    def timed(function):
        start = time.perf_counter()
        value = function()
        return time.perf_counter() - start, value


    def best(function, runs=3):
        return min(timed(function)[0] for _ in range(runs))


    cli = best(lambda: subprocess.run([medcheck_bin, "batch", path, "--findings-format", "csv", "--jobs", "1",
                                       "--out", os.devnull], capture_output=True, check=False))
    df = medcheck.read_csv(path)
    rows = len(df)
    print(f"export: {rows} rows, {os.path.getsize(path) / 1e6:.1f} MB ({path})")
    print(f"medcheck batch --jobs 1           {cli:7.3f} s  {rows / cli:10.0f} rows/s")

    read = best(lambda: medcheck.read_csv(path), 1)
    frame = best(lambda: medcheck.check_frame(df, lines="index", source=name))
    text = df.to_csv(index=False, lineterminator="\n")
    serialise = best(lambda: df.to_csv(index=False, lineterminator="\n"))
    options = medcheck._core.CsvOptions()
    options.name = name
    options.lines = [int(i) for i in df.index]
    options.findings_format = "csv"
    engine, (findings_text, _) = timed(lambda: medcheck._core.check_csv(text, options))
    engine = min(engine, best(lambda: medcheck._core.check_csv(text, options), 2))
    import pandas  # noqa: E402

    parse = best(lambda: pandas.read_csv(io.StringIO(findings_text), dtype=str, keep_default_na=False,
                                         na_filter=False))
    print(f"medcheck.read_csv (pandas)        {read:7.3f} s  {rows / read:10.0f} rows/s")
    print(f"medcheck.check_frame (1 thread)   {frame:7.3f} s  {rows / frame:10.0f} rows/s")
    print(f"  frame -> CSV text               {serialise:7.3f} s")
    print(f"  engine on the text (_core)      {engine:7.3f} s")
    print(f"  findings CSV -> DataFrame       {parse:7.3f} s")
    print(f"per-row overhead of check_frame against the CLI: {(frame - cli) / rows * 1e6:+.2f} us/row "
          f"({frame / cli:.2f}x the CLI's time; the engine alone {engine / cli:.2f}x)")

    # check() per case: JSON text through json.dumps/json.loads around the engine.
    case = {"patient": {"id": "b", "age": 70, "weight_kg": 70, "sex": "female", "crcl_ml_min": 50},
            "medications": [{"drug": "ibuprofen", "dose": 800, "unit": "mg", "route": "oral",
                             "frequency": "q6h", "duration_days": 7, "prn": False, "continuing": False}]}
    import json  # noqa: E402

    case_text = json.dumps(case)
    n = 2000
    whole = best(lambda: [medcheck.check(case) for _ in range(n)], 2) / n
    bare = best(lambda: [medcheck._core.check_json(case_text) for _ in range(n)], 2) / n
    print(f"medcheck.check(dict): {whole * 1e6:.0f} us/case; engine on JSON text {bare * 1e6:.0f} us; "
          f"json.dumps + json.loads {(whole - bare) * 1e6:.0f} us")

    SHUFFLE = ("shuffle", "split", "group", "rearrange", "_partitions", "owner", "assign", "getitem")


    def category(key):
        key = str(key)
        if "_check_part" in key or "_findings_of" in key or "_summary_of" in key or "reduce_summaries" in key:
            return "check"
        if "read-csv" in key or "read_csv" in key or "_with_lines" in key or "len-" in key:
            return "read"
        if any(word in key for word in SHUFFLE):
            return "shuffle"
        return "other"


    for workers in (1, 2):
        with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                                      dashboard_address=None) as cluster, distributed.Client(cluster) as client:
            blocksize = os.path.getsize(path) // (4 * workers) + 1

            def run():
                ddf = dd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, blocksize=blocksize)
                findings, summary = medcheck.dask.check(ddf, source=name, npartitions=4 * workers)
                return dask.compute(findings, summary)

            run()  # warm the workers (imports, the rule database)
            with distributed.get_task_stream(client) as stream:
                seconds, (findings, summary) = timed(run)
            spent = {}
            for task in stream.data:
                for part in task["startstops"]:
                    if part["action"] == "compute":
                        group = category(task["key"])
                        spent[group] = spent.get(group, 0.0) + part["stop"] - part["start"]
            total = sum(spent.values()) or 1.0
            shares = ", ".join(f"{k} {v / total:.0%}" for k, v in sorted(spent.items(), key=lambda kv: -kv[1]))
            assert summary["records"]["read"] == rows
            print(f"medcheck.dask.check, {workers} worker(s)  {seconds:7.3f} s  {rows / seconds:10.0f} rows/s  "
                  f"(task compute time: {shares})")


if __name__ == "__main__":
    main()
