#!/usr/bin/python3
"""Benchmark 7: the cost curve. A warm `watchdesk check` pass and one minute of `watchdesk run` over
500, 5,000 and 50,000 EDGAR-style feeds from a local nginx (politeness limits lifted), with CPU,
wall time and peak RSS per source at each size, and peak RSS split into library pages and the
process's own pages. The cost per source must not grow with the number of sources.
"""
import argparse
import os
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import daemonlib  # noqa: E402


def write_config(path, sources, base, every):
    with open(path, "w") as f:
        f.write('[watchdesk]\nstate = "state.db"\nuser_agent = "watchdesk-bench bench@example.com"\n'
                'log_level = "warn"\nhost_rate = 1000000\nhost_connections = 16\n\n')
        for i in range(sources):
            f.write(f'[sources.c{i}]\nkind = "edgar-filings"\ncik = "{1000000 + i}"\n'
                    f'url = "{base}/{i}.atom"\nevery = "{every}s"\n\n')


def check(work, conf, expect_304, nginx, timeout_note):
    """One `watchdesk check` pass: (wall s, CPU s, peak RSS KiB); stops the benchmark when the pass
    did not do its job."""
    offset = nginx.log_size()
    out = os.path.join(work, "check.out")
    wall, cpu, rss, rc = benchlib.measured([benchlib.WATCHDESK, "check", "-c", conf], cwd=work, stdout_path=out)
    requests = nginx.requests_since(offset)
    if rc != 0:
        raise SystemExit(f"watchdesk check exited {rc} ({timeout_note}); see {out}")
    answered = sum(1 for r in requests if r[0] == (304 if expect_304 else 200))
    if answered != expect_304:
        raise SystemExit(f"check made {len(requests)} requests, {answered} answered as expected, want {expect_304}")
    return wall, cpu, rss


def one_size(n, a):
    work = benchlib.scratch_dir(f"watchdesk-curve-{n}-")
    www = os.path.join(work, "www", "feeds")
    os.makedirs(www)
    for i in range(n):
        with open(os.path.join(www, f"{i}.atom"), "w", encoding="latin-1") as f:
            f.write(benchlib.edgar_feed(1000000 + i, entries=a.entries))
    # nginx answers If-Modified-Since with 304 only for files older than the request's date.
    past = time.time() - 3600
    for name in os.listdir(www):
        os.utime(os.path.join(www, name), (past, past))
    nginx = benchlib.Nginx(os.path.join(work, "www"), work)
    daemon = None
    try:
        conf = os.path.join(work, "watchdesk.toml")
        write_config(conf, n, f"http://127.0.0.1:{nginx.port}/feeds", a.every)
        print(f"-- {n} sources: cold check", flush=True)
        offset = nginx.log_size()
        cold = benchlib.measured([benchlib.WATCHDESK, "check", "-c", conf], cwd=work)
        fetched = sum(1 for r in nginx.requests_since(offset) if r[0] == 200)
        if cold[3] != 0 or fetched != n:
            raise SystemExit(f"cold check exited {cold[3]} after {fetched} of {n} fetches")
        print(f"-- {n} sources: warm checks", flush=True)
        warm = [check(work, conf, n, nginx, "warm pass") for _ in range(a.rounds)]
        wall = benchlib.median([w[0] for w in warm])
        cpu = benchlib.median([w[1] for w in warm])
        rss = benchlib.median([w[2] for w in warm])
        split, rc = benchlib.peak_rss_split([benchlib.WATCHDESK, "check", "-c", conf], cwd=work)
        if rc != 0:
            raise SystemExit(f"warm check for the memory split exited {rc}")

        print(f"-- {n} sources: {a.run} s of run", flush=True)
        offset = nginx.log_size()
        daemon = daemonlib.Daemon(conf, os.path.join(work, "run.log"), cwd=work)
        start = time.monotonic()
        cpu0 = daemonlib.cpu_seconds(daemon.pid)
        peak_run = (0, 0, 0)
        while time.monotonic() - start < a.run:
            if not daemon.alive():
                raise SystemExit(f"watchdesk run exited early ({daemon.proc.returncode}):\n{daemon.tail()}")
            sample = benchlib.rss_split(daemon.pid)
            if sample[0] > peak_run[0]:
                peak_run = sample
            time.sleep(0.5)
        run_s = time.monotonic() - start
        run_cpu = daemonlib.cpu_seconds(daemon.pid) - cpu0
        code = daemon.stop()
        daemon = None
        if code != 0:
            raise SystemExit(f"watchdesk run exited {code} after SIGTERM")
        run_fetches = len(nginx.requests_since(offset))
    finally:
        if daemon is not None:
            daemon.stop()
        nginx.stop()
        benchlib.remove(work)
    return {"n": n, "cold": cold, "wall": wall, "cpu": cpu, "rss": rss, "split": split,
            "run_s": run_s, "run_cpu": run_cpu, "run_peak": peak_run, "run_fetches": run_fetches}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="500,5000,50000", help="source counts, comma-separated")
    ap.add_argument("--run", type=int, default=60, help="seconds of `watchdesk run` at each size")
    ap.add_argument("--every", type=int, default=30,
                    help="poll interval of every source, seconds (shorter than --run: each source is due in it)")
    ap.add_argument("--entries", type=int, default=3, help="filings per feed (small feeds)")
    ap.add_argument("--rounds", type=int, default=3, help="warm check passes at each size (median)")
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    began = time.monotonic()
    rows = [one_size(n, a) for n in sizes]
    total = time.monotonic() - began

    def mib(kib):
        return f"{kib / 1024:.1f}"

    lines = [f"# Cost curve: a warm check pass and {a.run} s of run at {', '.join(f'{n:,}' for n in sizes)} sources",
             "",
             f"EDGAR company-filings Atom feeds of {a.entries} entries from a local nginx (ETag on, politeness "
             f"limits lifted: host_rate 1,000,000/s, 16 connections). Warm check: median of {a.rounds} passes "
             "after a cold one, every answer a 304. Run: the daemon started on the warm state, every source due "
             f"within its {a.every} s interval. Own memory is the peak sample's anonymous pages (heap, stacks); "
             "library pages are those mapped from the program's and its libraries' files. Benchmark time "
             f"{total:.0f} s.",
             "",
             f"| sources | cold check CPU | warm check wall | warm check CPU | CPU per source | wall per source | peak RSS | RSS per source | own / library pages | run: CPU in {a.run} s | run: fetches | run: CPU per fetch | run: peak RSS (own) |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        n = r["n"]
        per_fetch = r["run_cpu"] / r["run_fetches"] * 1e6 if r["run_fetches"] else float("nan")
        lines.append(
            f"| {n:,} | {r['cold'][1]:.2f} s | {r['wall'] * 1000:.0f} ms | {r['cpu'] * 1000:.0f} ms | "
            f"{r['cpu'] / n * 1e6:.0f} µs | {r['wall'] / n * 1e6:.0f} µs | {mib(r['rss'])} MiB | "
            f"{r['rss'] / n:.2f} KiB | {mib(r['split'][2])} / {mib(r['split'][1])} MiB | "
            f"{r['run_cpu']:.2f} s ({r['run_cpu'] / r['run_s'] * 100:.2f}% of a core) | {r['run_fetches']:,} | "
            f"{per_fetch:.0f} µs | {mib(r['run_peak'][0])} MiB ({mib(r['run_peak'][2])}) |")
    lines.append("")
    # The marginal cost between consecutive sizes: what one more source costs, free of the fixed
    # cost of starting the process. It must not grow with the size.
    margins = []
    for lo, hi in zip(rows, rows[1:]):
        dn = hi["n"] - lo["n"]
        margins.append(((hi["cpu"] - lo["cpu"]) / dn, (hi["rss"] - lo["rss"]) / dn, lo["n"], hi["n"]))
        lines.append(f"- marginal warm-check cost {lo['n']:,} -> {hi['n']:,}: {margins[-1][0] * 1e6:.0f} µs CPU and "
                     f"{margins[-1][1]:.2f} KiB peak RSS per source")
    lines.append("")
    if len(margins) >= 2:
        grows = margins[-1][0] > 1.25 * margins[0][0]
        lines.append(f"- CPU per source does not grow (last marginal within 1.25x of the first): "
                     f"{margins[0][0] * 1e6:.0f} -> {margins[-1][0] * 1e6:.0f} µs: {daemonlib.verdict(not grows)}")
    for r in rows:
        if r["n"] == 500:
            lines.append(f"- own memory at 500 sources <= 3 MiB: measured {mib(r['split'][2])} MiB: "
                         f"{daemonlib.verdict(r['split'][2] <= 3 * 1024)}")
        if r["n"] == 50000:
            own = max(r["split"][2], r["run_peak"][2])
            lines.append(f"- own memory at 50,000 sources <= 64 MiB (check and run): measured {mib(own)} MiB: "
                         f"{daemonlib.verdict(own <= 64 * 1024)}")
    daemonlib.write_report("cost_curve", lines)


if __name__ == "__main__":
    main()
