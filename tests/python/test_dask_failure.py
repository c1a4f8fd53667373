"""A worker killed while medcheck.dask.check runs: Dask recomputes what it lost, and the findings are
still exactly the CLI's (nothing lost, nothing doubled)."""

import os
import signal
import time

import support

medcheck = support.import_medcheck()
import dask.dataframe as dd  # noqa: E402
import distributed  # noqa: E402

import medcheck.dask  # noqa: E402

a = support.args()
work = a["workdir"]
path = support.generate(a["gen"], work, patients=int(a.get("patients", 8000)), seed=29)
cli_findings, cli_summary, _ = support.cli_batch(a["bin"], path, work)
name = os.path.basename(path)


def check_states(dask_scheduler):
    """(key, state, worker addresses holding it) of every check task."""
    return [(str(k), ts.state, [w.address for w in ts.who_has])
            for k, ts in dask_scheduler.tasks.items() if "_check_part" in str(k)]


def main():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        df = medcheck.read_csv(path)
        ddf = dd.from_pandas(df, npartitions=16)
        pids = client.run(os.getpid)
        with distributed.get_task_stream(client) as stream:
            findings, summary = medcheck.dask.check(ddf, source=name, lines="index")
            future_findings, future_summary = client.compute([findings, summary])
            victim = None
            deadline = time.time() + 60
            while victim is None and time.time() < deadline:
                for _, state, holders in client.run_on_scheduler(check_states):
                    if state == "memory" and holders:
                        victim = holders[0]
                        break
                time.sleep(0.01)
            assert victim is not None, "no check task finished"
            finished_before = sum(1 for _, s, _ in client.run_on_scheduler(check_states) if s == "memory")
            assert finished_before < 16, "the run ended before the kill; nothing to test"
            os.kill(pids[victim], signal.SIGKILL)
            result = future_findings.result(timeout=120)
            totals = future_summary.result(timeout=120)
        _, got = support.sorted_rows(support.frame_csv_bytes(result))
        _, want = support.sorted_rows(cli_findings)
        assert got == want, (len(got), len(want))
        assert support.without_inputs(totals) == support.without_inputs(cli_summary)
        runs = sum(1 for t in stream.data if "_check_part" in t["key"])
        assert runs > 16, f"{runs} check runs for 16 partitions: nothing was recomputed"
        print(f"killed {victim} after {finished_before} of 16 partitions were checked; "
              f"{runs} check runs in all; {len(got)} findings == CLI")


if __name__ == "__main__":
    main()
    print("ok")
