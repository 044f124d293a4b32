#!/usr/bin/python3
"""Benchmark 5: what `watchdesk run` costs while nothing is due, with the shipped config.

config/watchdesk.toml as shipped, except: state in a temp dir and every source's URL pointed at a
local nginx serving a fixture of the right kind. `watchdesk check` makes the first pass, so the
daemon starts with every source's next fetch one interval away. It runs as under systemd (a
NOTIFY_SOCKET and the unit's WatchdogSec). Reports wake-ups (context switches of every thread from
/proc), RSS, and, when strace is installed, what each wake-up was.
"""
import argparse
import collections
import os
import re
import subprocess
import sys
import time
import tomllib

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import daemonlib  # noqa: E402

SHIPPED = os.path.join(benchlib.ROOT, "config", "watchdesk.toml")
FIXTURES = os.path.join(benchlib.ROOT, "tests", "fixtures")
SNAPSHOTS = os.path.join(benchlib.ROOT, "config", "snapshots")
WATCHDOG_USEC = 30_000_000  # systemd/watchdesk.service.in: WatchdogSec=30s


def fixture_for(source):
    """(file name, bytes) a source of this kind parses successfully."""
    kind = source["kind"]
    if kind == "edgar-filings":
        return "filings.atom", open(os.path.join(SNAPSHOTS, "spacex-filings.atom"), "rb").read()
    if kind == "edgar-current":
        return "current.atom", open(os.path.join(FIXTURES, "edgar", "current_mixed.atom"), "rb").read()
    if kind == "edgar-submissions":
        return "submissions.json", open(os.path.join(FIXTURES, "edgar", "submissions_spacex.json"), "rb").read()
    if kind == "edgar-facts":
        text = open(os.path.join(FIXTURES, "edgar", "companyfacts_crwv.json")).read()
        cik = int(source["cik"])
        return f"facts-{cik}.json", text.replace('"cik":1769628', f'"cik":{cik}', 1).encode()
    if kind == "edgar-search":
        return "search.json", open(os.path.join(FIXTURES, "edgar", "search_colossus.json"), "rb").read()
    if kind == "price":
        symbol = source["symbol"].upper()
        return (f"quote-{symbol}.csv", ("Symbol,Date,Time,Open,High,Low,Close,Volume\n"
                                        f"{symbol}.US,2026-11-20,22:00:09,98.1,101.5,97.2,100.4,21034567\n").encode())
    if kind == "jobs":
        return "jobs.json", open(os.path.join(SNAPSHOTS, "xai-jobs.json"), "rb").read()
    if kind == "feed":
        return "news.rss", open(os.path.join(SNAPSHOTS, "colossus-news.rss"), "rb").read()
    raise SystemExit(f"no fixture for source kind {kind}")


def local_config(work, base):
    """The shipped config with state in `work` and every source's url on `base`."""
    text = open(SHIPPED).read()
    sources = tomllib.loads(text).get("sources", {})
    www = os.path.join(work, "www")
    os.makedirs(www, exist_ok=True)
    urls = {}
    for sid, source in sources.items():
        name, body = fixture_for(source)
        with open(os.path.join(www, name), "wb") as f:
            f.write(body)
        urls[sid] = f"{base}/{name}"
    out, section = [], None
    for line in text.splitlines():
        header = re.match(r"\s*\[([^\]]+)\]\s*(#.*)?$", line)
        if header:
            section = header.group(1).strip()
        if re.match(r"\s*state\s*=", line) and section == "watchdesk":
            line = f'state = "{work}/state.db"'
        if section and section.startswith("sources.") and re.match(r"\s*url\s*=", line):
            continue
        out.append(line)
        if header and section.startswith("sources."):
            out.append(f'url = "{urls[section.split(".", 1)[1]]}"')
    conf = os.path.join(work, "watchdesk.toml")
    with open(conf, "w") as f:
        f.write("\n".join(out) + "\n")
    return conf, len(sources)


def wake_ups(trace_path):
    """Groups the traced loop's wake-ups (an epoll_wait returning) by the syscalls that followed."""
    per_pid = collections.defaultdict(list)
    for line in open(trace_path, errors="replace"):
        m = re.match(r"(\d+)\s+(\d+):(\d+):([\d.]+) (.*)$", line)
        if m:
            t = int(m.group(2)) * 3600 + int(m.group(3)) * 60 + float(m.group(4))
            per_pid[int(m.group(1))].append((t, m.group(5)))
    groups = collections.defaultdict(list)
    for pid, calls in per_pid.items():
        wake = None
        for t, call in calls:
            name = re.match(r"(<\.\.\. )?(\w+)", call).group(2)
            if name in ("epoll_wait", "epoll_pwait"):
                if wake is not None:
                    groups[(pid, tuple(wake[1]))].append(wake[0])
                    wake = None
                if "resumed>" in call or re.search(r"\) = \d+", call):
                    if "resumed>" in call or not call.rstrip().endswith("<unfinished ...>"):
                        wake = (t, [])
                continue
            if wake is not None:
                detail = name
                if name in ("sendmsg", "sendto") and "WATCHDOG=1" in call:
                    detail += "(WATCHDOG=1)"
                if not wake[1] or wake[1][-1] != detail:
                    wake[1].append(detail)
        if wake is not None:
            groups[(pid, tuple(wake[1]))].append(wake[0])
    return groups


def timer_name(calls):
    """Which of the daemon's timers a wake-up most likely was, from what it did."""
    if any("WATCHDOG=1" in c for c in calls):
        return "watchdog ping"
    if any(c in ("fcntl", "pread64", "pwrite64", "newfstatat") for c in calls):
        return "trigger tick (state database)"
    if any(c in ("connect", "sendto", "recvfrom", "socket") for c in calls):
        return "fetch or delivery"
    return "?"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--duration", type=int, default=60, help="seconds of idle measured from /proc")
    ap.add_argument("--trace", type=int, default=60, help="seconds traced with strace afterwards (0: skip)")
    ap.add_argument("--settle", type=int, default=5, help="seconds after READY=1 before measuring")
    a = ap.parse_args()

    work = benchlib.scratch_dir("watchdesk-bench5-")
    os.chmod(work, 0o755)  # nginx workers run as another user
    nginx = daemon = notify = None
    try:
        os.makedirs(os.path.join(work, "www"))
        nginx = benchlib.Nginx(os.path.join(work, "www"), work)
        conf, nsources = local_config(work, f"http://127.0.0.1:{nginx.port}")
        floor = benchlib.timed([benchlib.WATCHDESK, "--version"])[2]
        curl_floor = benchlib.timed([os.path.join(benchlib.ROOT, "build", "bench", "libcurl_floor")])
        if curl_floor[3] != 0:
            raise SystemExit(f"bench/floor/libcurl_floor exited {curl_floor[3]}")
        first = subprocess.run([benchlib.WATCHDESK, "check", "-c", conf], capture_output=True, text=True, cwd=work)
        if first.returncode not in (0, 1):
            raise SystemExit(f"the first pass (watchdesk check) exited {first.returncode}:\n{first.stderr[-3000:]}")
        notify = daemonlib.NotifySocket(os.path.join(work, "notify.sock"))
        env = dict(os.environ, NOTIFY_SOCKET=notify.path, WATCHDOG_USEC=str(WATCHDOG_USEC))
        env.pop("JOURNAL_STREAM", None)
        daemon = daemonlib.Daemon(conf, os.path.join(work, "watchdesk.log"), env=env, cwd=work)
        pid = daemon.pid
        deadline = time.monotonic() + 30
        while not any("READY=1" in m for _, m in notify.drain()):
            if time.monotonic() > deadline or not daemon.alive():
                raise SystemExit(f"watchdesk never said READY=1:\n{daemon.tail()}")
            time.sleep(0.05)
        time.sleep(a.settle)
        notify.drain()
        before_notify = len(notify.messages)
        cs0, cpu0, t0 = daemonlib.context_switches(pid), daemonlib.cpu_seconds(pid), time.monotonic()
        rss = []
        while time.monotonic() - t0 < a.duration:
            rss.append(daemonlib.rss_kib(pid))
            time.sleep(min(5.0, max(0.0, a.duration - (time.monotonic() - t0))))
            if not daemon.alive():
                raise SystemExit(f"watchdesk exited ({daemon.proc.returncode}):\n{daemon.tail()}")
        cs1, cpu1, t1 = daemonlib.context_switches(pid), daemonlib.cpu_seconds(pid), time.monotonic()
        rss.append(daemonlib.rss_kib(pid))
        notify_msgs = [m for _, m in notify.drain()[before_notify:]]
        status = daemonlib.status_fields(pid)
        mappings = daemonlib.rss_by_mapping(pid)
        groups = None
        if a.trace > 0 and subprocess.run(["which", "strace"], capture_output=True).returncode == 0:
            trace = os.path.join(work, "idle.strace")
            st = subprocess.Popen(["strace", "-f", "-tt", "-s", "64", "-p", str(pid), "-o", trace],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(a.trace)
            st.terminate()
            st.wait()
            groups = wake_ups(trace)
        code = daemon.stop()
        if code != 0:
            raise SystemExit(f"watchdesk exited {code} after SIGTERM:\n{daemon.tail()}")
        log_lines = open(daemon.log_path, errors="replace").read().count("\n")
    finally:
        if daemon is not None and daemon.alive():
            daemon.stop()
        if notify is not None:
            notify.close()
        if nginx is not None:
            nginx.stop()
        benchlib.remove(work)

    span = t1 - t0
    threads = {tid: (name, vol - cs0.get(tid, (name, 0, 0))[1], invol - cs0.get(tid, (name, 0, 0))[2])
               for tid, (name, vol, invol) in cs1.items()}
    voluntary = sum(v for _, v, _ in threads.values())
    involuntary = sum(i for _, _, i in threads.values())
    switches = voluntary + involuntary
    rate = switches / span
    peak = max(rss)
    pss = sum(p for _, (_, p) in mappings)
    watchdog_pings = sum(1 for m in notify_msgs if "WATCHDOG=1" in m)
    own_timer_rate = 1 / (WATCHDOG_USEC / 2 / 1e6) + 1 / 60.0
    lines = [f"# Idle cost: `watchdesk run` with the shipped config ({nsources} sources), nothing due, {span:.0f} s",
             "",
             "| figure | value |", "|---|---|",
             f"| context switches, all threads | {switches} in {span:.0f} s = {rate:.3f}/s "
             f"({voluntary} voluntary, {involuntary} involuntary) |",
             f"| threads | {len(threads)}: " + ", ".join(f"{name} {v}+{i}" for name, v, i in threads.values()) + " |",
             f"| CPU | {(cpu1 - cpu0) * 1000:.0f} ms in {span:.0f} s |",
             f"| RSS (samples every 5 s) | {', '.join(f'{k / 1024:.1f}' for k in rss)} MiB |",
             f"| RSS of `watchdesk --version` (the same libraries loaded, nothing else) | {floor / 1024:.2f} MiB peak |",
             f"| RSS of a program that links only libcurl and initialises it (bench/floor/libcurl_floor.cpp) | "
             f"{curl_floor[2] / 1024:.2f} MiB peak |",
             f"| RSS peak while idle | {peak / 1024:.2f} MiB (anon {status.get('RssAnon', '?')}, "
             f"file {status.get('RssFile', '?')}, high-water {status.get('VmHWM', '?')}) |",
             f"| PSS (shared pages divided among the processes mapping them) | {pss / 1024:.2f} MiB |",
             "| RSS by mapping (largest 8, KiB) | " + ", ".join(f"{n} {r}" for n, (r, _) in mappings[:8]) + " |",
             f"| WATCHDOG=1 pings | {watchdog_pings} (WatchdogSec=30s, pinged every 15 s) |",
             f"| log lines over the whole run | {log_lines} |"]
    unknown = None
    if groups is not None:
        wakes = sum(len(t) for t in groups.values())
        unknown = sum(len(t) for (_, calls), t in groups.items()
                      if timer_name(calls) not in ("watchdog ping", "trigger tick (state database)"))
        lines += ["", f"What woke the event loop during {a.trace} s under strace (syscalls after each epoll_wait return; the longest "
                  "sequence of each kind shown):",
                  "", "| thread | count | mean period | timer | syscalls after the wake-up |", "|---|---|---|---|---|"]
        by_timer = collections.defaultdict(lambda: ([], ()))
        for (tid, calls), times in groups.items():
            seen, example = by_timer[(tid, timer_name(calls))]
            by_timer[(tid, timer_name(calls))] = (seen + times, max(example, calls, key=len))
        for (tid, name), (times, calls) in sorted(by_timer.items(), key=lambda kv: -len(kv[1][0])):
            times.sort()
            period = f"{(times[-1] - times[0]) / (len(times) - 1):.1f} s" if len(times) > 1 else "-"
            lines.append(f"| {tid} | {len(times)} | {period} | {name} | {' '.join(calls) or '(none)'} |")
    lines += ["",
              "Its own timers: the systemd watchdog ping (every WatchdogSec/2 = 15 s), the trigger tick "
              "(deadlines, every 60 s), the scheduler's timer (armed for the next due source only) and the "
              "delivery timer (armed only while something is queued).",
              "",
              f"- RSS < 8 MiB idle: measured {peak / 1024:.2f} MiB (`watchdesk --version` alone: {floor / 1024:.2f} MiB, "
              f"PSS {pss / 1024:.2f} MiB; file-backed, that is the program's and its shared libraries' pages: "
              f"{status.get('RssFile', '?')}): {daemonlib.verdict(peak < 8 * 1024)}",
              (f"- wake-ups only from its own timers (watchdog every 15 s + tick every 60 s = {own_timer_rate:.3f}/s): "
               f"{wakes} wake-ups in {a.trace} s under strace, {unknown} not from those timers: "
               f"{daemonlib.verdict(unknown == 0)}" if unknown is not None else
               "- wake-ups only from its own timers: not judged (strace is not installed; context switches above)")]
    daemonlib.write_report("idle_cost", lines)


if __name__ == "__main__":
    main()
