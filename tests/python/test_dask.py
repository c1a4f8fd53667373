"""medcheck.dask.check on a two-process LocalCluster (loopback) over a 100k-row export: findings equal
the CLI's after sorting, the summary's counts equal the CLI's, and both workers checked patients."""

import os

import support

medcheck = support.import_medcheck()
import dask  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import distributed  # noqa: E402

import medcheck.dask  # noqa: E402

a = support.args()
work = a["workdir"]
path = support.generate(a["gen"], work, patients=int(a.get("patients", 40000)), seed=23)
cli_findings, cli_summary, cli_rc = support.cli_batch(a["bin"], path, work)
name = os.path.basename(path)


def main():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        # dask's own CSV reader, split by bytes: lines from partition lengths (lines=None).
        ddf = dd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False,
                          blocksize=os.path.getsize(path) // 6 + 1)
        assert ddf.npartitions >= 4, ddf.npartitions
        with distributed.get_task_stream(client) as stream:
            findings, summary = medcheck.dask.check(ddf, source=name)
            findings, summary = dask.compute(findings, summary)
        rows = summary["records"]["read"]
        assert rows >= 100000, rows
        head, got = support.sorted_rows(support.frame_csv_bytes(findings))
        cli_head, want = support.sorted_rows(cli_findings)
        assert head == cli_head
        assert got == want, (len(got), len(want))
        assert support.without_inputs(summary) == support.without_inputs(cli_summary), (summary, cli_summary)
        assert summary["exit_code"] == cli_rc
        workers = {t["worker"] for t in stream.data if "_check_part" in t["key"]}
        assert len(workers) == 2, workers
        print(f"{rows} rows, {len(got)} findings == CLI; check tasks ran on {len(workers)} workers")


if __name__ == "__main__":
    main()
    print("ok")
