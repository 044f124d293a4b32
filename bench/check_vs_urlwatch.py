#!/usr/bin/python3
"""Benchmark 1: one `watchdesk check` pass over 500 EDGAR-style feeds vs `urlwatch` over the same URLs.

Serves 500 company Atom feeds (40 entries, ~40 KB each) from a local nginx, then alternates
watchdesk (A) and urlwatch (B) over ROUNDS rounds: a cold pass (empty state / cache) and a warm
pass (nothing changed) each. Reports wall time, CPU time (user+sys) and peak RSS: medians and the
per-round ratios (urlwatch / watchdesk, so >1 means watchdesk is ahead).
"""
import argparse
import collections
import json
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

ENTRIES = 40  # entries per feed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--feeds", type=int, default=500)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--out", default=os.path.join(benchlib.ROOT, "bench", "out", "check_vs_urlwatch.md"))
    a = ap.parse_args()

    work = benchlib.scratch_dir("watchdesk-bench1-")
    www = os.path.join(work, "www", "feeds")
    os.makedirs(www)
    sizes = []
    for i in range(a.feeds):
        text = benchlib.edgar_feed(1000000 + i, entries=ENTRIES)
        sizes.append(len(text))
        with open(os.path.join(www, f"{i}.atom"), "w", encoding="latin-1") as f:
            f.write(text)
    nginx = benchlib.Nginx(os.path.join(work, "www"), work)
    try:
        base = f"http://127.0.0.1:{nginx.port}/feeds"
        conf = os.path.join(work, "watchdesk.toml")
        with open(conf, "w") as f:
            f.write('[watchdesk]\nstate = "wd-state.db"\nuser_agent = "watchdesk-bench bench@example.com"\n'
                    'log_level = "error"\nhost_rate = 1000000\nhost_connections = 16\n\n')
            for i in range(a.feeds):
                f.write(f'[sources.c{i}]\nkind = "edgar-filings"\ncik = "{1000000 + i}"\n'
                        f'url = "{base}/{i}.atom"\nevery = "10m"\n\n')
        urls = os.path.join(work, "urls.yaml")
        with open(urls, "w") as f:
            f.write("\n---\n".join(f"name: c{i}\nurl: {base}/{i}.atom" for i in range(a.feeds)) + "\n")
        uw_conf = os.path.join(work, "urlwatch.yaml")
        with open(uw_conf, "w") as f:
            f.write("display:\n  new: true\n  error: true\n  unchanged: false\n"
                    "report:\n  text:\n    details: true\n    footer: false\n    line_length: 75\n"
                    "  stdout:\n    enabled: true\n    color: false\n")
        hooks = os.path.join(work, "hooks.py")
        open(hooks, "w").close()
        env = dict(os.environ, HOME=work)

        def run_watchdesk(kind):
            out = os.path.join(work, "wd-out.json")
            before = nginx.log_size()
            t = benchlib.measured([benchlib.WATCHDESK, "check", "-c", conf, "--format", "json"], cwd=work,
                               stdout_path=out)
            with open(out) as f:
                summary = json.load(f)
            sources = summary["sources"]
            unhealthy = [f'{s["source"]}: {s.get("error") or s.get("store_error")}' for s in sources
                         if not s["healthy"] or s.get("store_error")]
            if t[3] != 0:
                raise SystemExit(f"watchdesk check exited {t[3]} ({kind} pass); expected 0 (all sources healthy); "
                                 f"{len(unhealthy)} sources failed, first: {unhealthy[:3]}")
            new = sum(s["new"] for s in sources)
            want_new = a.feeds * ENTRIES if kind == "cold" else 0
            if len(sources) != a.feeds or unhealthy or new != want_new:
                raise SystemExit(f"watchdesk {kind} pass: {len(sources)} sources reported, unhealthy {unhealthy[:5]}, "
                                 f"{new} new observations (expected {a.feeds} sources, {want_new} new)")
            check_requests(nginx.requests_since(before), "watchdesk", kind, "watchdesk")
            if kind == "cold":
                with sqlite3.connect(os.path.join(work, "wd-state.db")) as db:
                    stored = db.execute("SELECT count(*) FROM observations").fetchone()[0]
                    sources_stored = db.execute("SELECT count(DISTINCT source_id) FROM observations").fetchone()[0]
                if stored != a.feeds * ENTRIES or sources_stored != a.feeds:
                    raise SystemExit(f"watchdesk cold pass stored {stored} observations from {sources_stored} "
                                     f"sources; expected {a.feeds * ENTRIES} from {a.feeds}")
            return t

        def run_urlwatch(kind):
            out = os.path.join(work, "uw-out.txt")
            before = nginx.log_size()
            t = benchlib.measured(["urlwatch", "--urls", urls, "--config", uw_conf, "--hooks", hooks,
                                   "--cache", os.path.join(work, "uw-cache.db")], env=env, cwd=work, stdout_path=out)
            if t[3] != 0:
                raise SystemExit(f"urlwatch exited {t[3]} ({kind} pass)")
            with open(out, encoding="utf-8", errors="replace") as f:
                report = f.read()
            new = sum(1 for line in report.splitlines() if line.startswith("NEW: "))
            errors = sum(1 for line in report.splitlines() if line.startswith("ERROR: "))
            want_new = a.feeds if kind == "cold" else 0
            if new != want_new or errors:
                raise SystemExit(f"urlwatch {kind} pass reported {new} new jobs and {errors} errors; "
                                 f"expected {want_new} new and no errors")
            check_requests(nginx.requests_since(before), "urlwatch", kind, "urlwatch")
            return t

        def check_requests(requests, who, kind, agent):
            feeds = [r for r in requests if r[2].startswith("/feeds/") and agent in r[3]]
            uris = {r[2] for r in feeds}
            statuses = collections.Counter(r[0] for r in feeds)
            conditional = sum(1 for r in feeds if r[4] not in ("", "-"))
            stats[(who, kind)].add((len(feeds), tuple(sorted(statuses.items())), conditional))
            if len(uris) != a.feeds or len(feeds) != a.feeds:
                raise SystemExit(f"{who} {kind} pass: nginx logged {len(feeds)} requests for {len(uris)} feeds; "
                                 f"expected one for each of {a.feeds}")
            if kind == "cold" and statuses.get(200, 0) != a.feeds:
                raise SystemExit(f"{who} cold pass: statuses {dict(statuses)}; expected {a.feeds} x 200")
            if kind == "warm" and who == "watchdesk" and (statuses.get(304, 0) != a.feeds or conditional != a.feeds):
                raise SystemExit(f"watchdesk warm pass: statuses {dict(statuses)}, {conditional} conditional "
                                 f"requests; expected {a.feeds} conditional GETs answered 304")

        def reset():
            for name in os.listdir(work):
                if name.startswith("wd-state.db") or name.startswith("uw-cache.db"):
                    os.unlink(os.path.join(work, name))

        stats = collections.defaultdict(set)
        rows = {"cold": [], "warm": []}
        for r in range(a.rounds):
            reset()
            cold_a = run_watchdesk("cold")
            cold_b = run_urlwatch("cold")
            warm_a = run_watchdesk("warm")
            warm_b = run_urlwatch("warm")
            rows["cold"].append((cold_a, cold_b))
            rows["warm"].append((warm_a, warm_b))
            print(f"round {r + 1}: cold wd {cold_a[0]:.2f}s/{cold_a[1]:.2f}s cpu/{cold_a[2]} KiB, "
                  f"uw {cold_b[0]:.2f}s/{cold_b[1]:.2f}s cpu/{cold_b[2]} KiB; "
                  f"warm wd {warm_a[0]:.2f}s/{warm_a[1]:.2f}s cpu/{warm_a[2]} KiB, "
                  f"uw {warm_b[0]:.2f}s/{warm_b[1]:.2f}s cpu/{warm_b[2]} KiB", flush=True)
        # One more warm pass, sampled, to split its peak RSS into shared-library and own memory.
        split, rc = benchlib.peak_rss_split([benchlib.WATCHDESK, "check", "-c", conf, "--format", "json"], cwd=work)
        if rc != 0:
            raise SystemExit(f"watchdesk check exited {rc} in the sampled warm pass; expected 0")
    finally:
        nginx.stop()
        benchlib.remove(work)

    lines = [f"# watchdesk check vs urlwatch: {a.feeds} EDGAR feeds (~{sum(sizes) // len(sizes) // 1024} KiB each), "
             f"{a.rounds} rounds, local nginx", "",
             "| pass | figure | watchdesk (median) | urlwatch (median) | ratio urlwatch/watchdesk (median of rounds) | per-round ratios |",
             "|---|---|---|---|---|---|"]
    # A target of 1 means ahead (strictly more than 1x); the others are at-least ratios.
    targets = {"warm": {"cpu": 30, "rss": 5, "wall": 20}, "cold": {"cpu": 6, "rss": 1, "wall": 1}}
    verdicts = []
    for kind in ("cold", "warm"):
        for idx, figure, unit in ((0, "wall", "s"), (1, "cpu", "s"), (2, "rss", "MiB")):
            wa = [x[0][idx] for x in rows[kind]]
            wb = [x[1][idx] for x in rows[kind]]
            ratios = [b / a if a else float("inf") for a, b in zip(wa, wb)]
            scale = 1024 if unit == "MiB" else 1
            med = benchlib.median(ratios)
            lines.append(f"| {kind} | {figure} | {benchlib.median(wa) / scale:.3f} {unit} | {benchlib.median(wb) / scale:.3f} {unit} | "
                         f"{med:.1f}x | {', '.join(f'{x:.1f}' for x in ratios)} |")
            target = targets[kind][figure]
            ok = med >= target if target > 1 else med > target
            verdicts.append(f"- {kind} {figure}: target {'>=' if target > 1 else '>'} {target}x, measured {med:.1f}x: {'met' if ok else 'NOT met'}")
    urlwatch_warm_rss = benchlib.median([x[1][2] for x in rows["warm"]])
    verdicts.append(
        f"- one more warm pass, sampled from /proc every few ms: peak RSS {split[0] / 1024:.1f} MiB, of which "
        f"{split[1] / 1024:.1f} MiB mapped from the program's and its shared libraries' files (code, data and the "
        f"data pages relocation copied) and {split[2] / 1024:.1f} MiB its own (heap, stacks, anonymous maps). With "
        f"no memory of its own at all, the warm RSS ratio would be at most {urlwatch_warm_rss / split[1]:.1f}x.")
    lines += [""] + verdicts + ["", "What each pass did, from the nginx access log (one entry per distinct outcome over the rounds):", ""]
    for (who, kind), seen in sorted(stats.items()):
        lines.append(f"- {who} {kind}: " + "; ".join(
            f"{n} requests, statuses {dict(st)}, {c} with If-None-Match" for n, st, c in sorted(seen)))
    text = "\n".join(lines) + "\n"
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
