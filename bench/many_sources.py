#!/usr/bin/python3
"""Benchmark 2: `watchdesk run` over 10,000 EDGAR-style feeds on a 60 s interval, from a local nginx.

Reports the daemon's CPU share (utime+stime from /proc), its RSS every 10 s, fetches per second and
scheduling lateness (actual minus planned fetch start) p50/p99 from the daemon's own histogram.
"""
import argparse
import os
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import daemonlib  # noqa: E402

LATENESS = "watchdesk_schedule_lateness_seconds"


def write_config(path, sources, base, every, metrics_port):
    with open(path, "w") as f:
        f.write('[watchdesk]\nstate = "state.db"\nuser_agent = "watchdesk-bench bench@example.com"\n'
                f'log_level = "warn"\nmetrics = "127.0.0.1:{metrics_port}"\n'
                'host_rate = 100000\nhost_connections = 16\n\n')
        for i in range(sources):
            f.write(f'[sources.c{i}]\nkind = "edgar-filings"\ncik = "{1000000 + i}"\n'
                    f'url = "{base}/{i}.atom"\nevery = "{every}s"\n\n')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sources", type=int, default=10000)
    ap.add_argument("--every", type=int, default=60, help="poll interval of every source, seconds")
    ap.add_argument("--duration", type=int, default=300, help="seconds the daemon runs (at least 5 min by default)")
    ap.add_argument("--warmup", type=int, default=90,
                    help="seconds before the steady-state window (the first pass is spread over one interval)")
    ap.add_argument("--entries", type=int, default=10, help="filings per feed")
    ap.add_argument("--sample", type=int, default=10, help="RSS sampling period, seconds")
    a = ap.parse_args()
    if a.warmup >= a.duration:
        raise SystemExit("--warmup must be shorter than --duration")

    work = benchlib.scratch_dir("watchdesk-bench2-")
    os.chmod(work, 0o755)  # nginx workers run as another user
    www = os.path.join(work, "www", "feeds")
    os.makedirs(www)
    size = 0
    for i in range(a.sources):
        text = benchlib.edgar_feed(1000000 + i, entries=a.entries)
        size += len(text)
        with open(os.path.join(www, f"{i}.atom"), "w", encoding="latin-1") as f:
            f.write(text)
    nginx = benchlib.Nginx(os.path.join(work, "www"), work)
    daemon = None
    try:
        metrics_port = benchlib.free_port()
        conf = os.path.join(work, "watchdesk.toml")
        write_config(conf, a.sources, f"http://127.0.0.1:{nginx.port}/feeds", a.every, metrics_port)
        start = time.monotonic()
        daemon = daemonlib.Daemon(conf, os.path.join(work, "watchdesk.log"), metrics_port, cwd=work)
        pid = daemon.pid
        cpu0 = daemonlib.cpu_seconds(pid)
        rss = []
        warm = None
        next_sample = start
        while True:
            now = time.monotonic()
            if not daemon.alive():
                raise SystemExit(f"watchdesk exited early ({daemon.proc.returncode}):\n{daemon.tail()}")
            if warm is None and now - start >= a.warmup:
                warm = (now, daemonlib.cpu_seconds(pid), daemonlib.scrape(metrics_port))
            if now >= next_sample:
                rss.append((round(now - start), daemonlib.rss_kib(pid)))
                print(f"t={rss[-1][0]:4d}s RSS {rss[-1][1] / 1024:.1f} MiB, "
                      f"CPU {daemonlib.cpu_seconds(pid) - cpu0:.1f} s", flush=True)
                next_sample += a.sample
            if now - start >= a.duration:
                break
            time.sleep(min(1.0, max(0.05, next_sample - time.monotonic())))
        end = time.monotonic()
        cpu_end = daemonlib.cpu_seconds(pid)
        final = daemonlib.scrape(metrics_port)
        code = daemon.stop()
        if code != 0:
            raise SystemExit(f"watchdesk exited {code} after SIGTERM:\n{daemon.tail()}")
        warnings = [line for line in open(daemon.log_path, errors="replace") if "source c" in line]
    finally:
        if daemon is not None and daemon.alive():
            daemon.stop()
        nginx.stop()
        benchlib.remove(work)

    run_s = end - start
    steady_s = end - warm[0]
    cpu_run = (cpu_end - cpu0) / run_s
    cpu_steady = (cpu_end - warm[1]) / steady_s
    fetches = daemonlib.family_sum(final, "watchdesk_fetches_total")
    steady_fetches = fetches - daemonlib.family_sum(warm[2], "watchdesk_fetches_total")
    failed = daemonlib.family_sum(final, "watchdesk_fetches_total", 'outcome="failed"')
    not_modified = (daemonlib.family_sum(final, "watchdesk_fetches_total", 'outcome="not_modified"')
                    - daemonlib.family_sum(warm[2], "watchdesk_fetches_total", 'outcome="not_modified"'))
    late = daemonlib.histogram_delta(daemonlib.histogram(final, LATENESS), daemonlib.histogram(warm[2], LATENESS))
    p50, p50_le = daemonlib.histogram_quantile(late, 0.50)
    p99, p99_le = daemonlib.histogram_quantile(late, 0.99)
    within = daemonlib.share_at_most(late, 0.25)
    late_all = daemonlib.histogram(final, LATENESS)
    p99_all, p99_all_le = daemonlib.histogram_quantile(late_all, 0.99)
    peak = max(k for _, k in rss)
    after_warm = [k for t, k in rss if t >= a.warmup]
    growth = (after_warm[-1] - after_warm[0]) if len(after_warm) > 1 else 0
    expected = a.sources / a.every

    def ms(x):
        return "n/a" if x is None else f"{x * 1000:.1f} ms"

    def le_text(le):
        return "+Inf" if le == float("inf") else f"{le * 1000:g} ms"

    lines = [f"# watchdesk run: {a.sources} sources every {a.every} s, local nginx (ETag on), {run_s:.0f} s run",
             "",
             f"Feeds: EDGAR company-filings Atom, {a.entries} entries, ~{size // a.sources // 1024} KiB each. "
             f"Steady state: from t={a.warmup} s (after the first pass) to the end.",
             "",
             "| figure | value |",
             "|---|---|",
             f"| CPU share, whole run | {cpu_run * 100:.2f}% of one core ({cpu_end - cpu0:.1f} s CPU in {run_s:.0f} s) |",
             f"| CPU share, steady state | {cpu_steady * 100:.2f}% of one core |",
             f"| RSS peak | {peak / 1024:.1f} MiB |",
             f"| RSS growth after warm-up | {growth / 1024:+.1f} MiB ({after_warm[0] / 1024:.1f} -> {after_warm[-1] / 1024:.1f} MiB) |",
             f"| fetches, whole run | {fetches:.0f} ({fetches / run_s:.1f}/s; {failed:.0f} failed) |",
             f"| fetches/s, steady state | {steady_fetches / steady_s:.1f}/s (planned {expected:.1f}/s; "
             f"{not_modified / steady_fetches * 100 if steady_fetches else 0:.1f}% answered 304) |",
             f"| lateness p50, steady state | {ms(p50)} (bucket <= {le_text(p50_le)}) |",
             f"| lateness p99, steady state | {ms(p99)} (bucket <= {le_text(p99_le)}) |",
             f"| lateness <= 250 ms, steady state | {within * 100 if within is not None else 0:.2f}% of {late[-1][1]:.0f} fetches |",
             f"| lateness p99, whole run | {ms(p99_all)} (bucket <= {le_text(p99_all_le)}) |",
             f"| warnings about sources in the log | {len(warnings)} |",
             "",
             "RSS every " + f"{a.sample} s (t: MiB):",
             "",
             "| t (s) | " + " | ".join(str(t) for t, _ in rss) + " |",
             "|---|" + "---|" * len(rss),
             "| RSS (MiB) | " + " | ".join(f"{k / 1024:.1f}" for _, k in rss) + " |",
             "",
             f"/metrics is scraped twice, at t={a.warmup} s and at the end (each scrape renders every source's "
             "series; the RSS step after the first one is that). Lateness is the daemon's "
             "`watchdesk_schedule_lateness_seconds` histogram; percentiles are interpolated inside its buckets, "
             "the bucket bound is an upper limit.",
             "",
             f"- CPU < 3% of one core (steady state; the whole run adds the cold first pass): measured "
             f"{cpu_steady * 100:.2f}% ({cpu_run * 100:.2f}% whole run): {daemonlib.verdict(cpu_steady < 0.03)}",
             f"- RSS < 64 MiB (peak): measured {peak / 1024:.1f} MiB: {daemonlib.verdict(peak < 64 * 1024)}",
             f"- lateness p99 < 250 ms (steady state): measured {ms(p99)}, {within * 100 if within is not None else 0:.2f}% "
             f"within 250 ms: {daemonlib.verdict(within is not None and within >= 0.99 and p99 is not None and p99 < 0.25)}"]
    daemonlib.write_report("many_sources", lines)


if __name__ == "__main__":
    main()
