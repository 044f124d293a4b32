"""Shared helpers for the benchmarks that run `watchdesk run`: the daemon, /proc sampling, metrics, reports."""
import os
import signal
import socket
import subprocess
import time
import urllib.request

import benchlib

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


class Daemon:
    """`watchdesk run -c conf` (under `wrapper`, e.g. strace, if given), its output in `log`;
    `metrics_port` (if any) is waited for. `pid` is watchdesk's own process."""

    def __init__(self, conf, log, metrics_port=None, env=None, cwd=None, wrapper=()):
        self.log_path = log
        self.log = open(log, "w")
        self.proc = subprocess.Popen(list(wrapper) + [benchlib.WATCHDESK, "run", "-c", conf], stdout=self.log,
                                     stderr=subprocess.STDOUT, env=env, cwd=cwd)
        self.pid = self.proc.pid if not wrapper else child_named(self.proc.pid, "watchdesk")
        if metrics_port is not None:
            try:
                benchlib.wait_listening(metrics_port, timeout=60)
            except RuntimeError:
                self.stop()
                raise RuntimeError(f"watchdesk did not serve metrics; log: {log}\n{self.tail()}")

    def alive(self):
        return self.proc.poll() is None

    def tail(self, lines=20):
        with open(self.log_path, errors="replace") as f:
            return "".join(f.readlines()[-lines:])

    def stop(self, timeout=30):
        """SIGTERM (a graceful drain), then SIGKILL after `timeout`; returns the exit code."""
        if self.alive():
            os.kill(self.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode


def child_named(pid, name, timeout=10.0):
    """The pid of `pid`'s child process called `name` (a wrapped command's own process)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                for child in f.read().split():
                    try:
                        with open(f"/proc/{child}/comm") as c:
                            if c.read().strip() == name:
                                return int(child)
                    except FileNotFoundError:
                        continue
        time.sleep(0.02)
    raise RuntimeError(f"no {name} process under {pid}")


def cpu_seconds(pid):
    """utime + stime of the process (all its threads), in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def rss_kib(pid):
    with open(f"/proc/{pid}/statm") as f:
        return int(f.read().split()[1]) * PAGE_KIB


def rss_by_mapping(pid):
    """RSS and PSS in KiB per mapped file ('[anon]' for anonymous memory), largest RSS first."""
    sizes = {}
    name = "[anon]"
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            head = line.split()
            if "-" in head[0] and not head[0].endswith(":"):
                name = head[5] if len(head) > 5 and not head[5].startswith("[") else "[anon]"
                name = os.path.basename(name) if name != "[anon]" else name
            elif head[0] in ("Rss:", "Pss:"):
                rss, pss = sizes.get(name, (0, 0))
                sizes[name] = (rss + int(head[1]), pss) if head[0] == "Rss:" else (rss, pss + int(head[1]))
    return sorted(sizes.items(), key=lambda kv: -kv[1][0])


def status_fields(pid, task=None):
    path = f"/proc/{pid}/task/{task}/status" if task else f"/proc/{pid}/status"
    out = {}
    with open(path) as f:
        for line in f:
            key, _, value = line.partition(":")
            out[key] = value.strip()
    return out


def context_switches(pid):
    """Context switches per thread: {tid: (name, voluntary, involuntary)}."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            s = status_fields(pid, tid)
        except FileNotFoundError:
            continue
        out[int(tid)] = (s["Name"], int(s["voluntary_ctxt_switches"]), int(s["nonvoluntary_ctxt_switches"]))
    return out


def scrape(port):
    """The daemon's /metrics as {(name, labels): value}, labels the raw `{...}` text or ''."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=30) as r:
        text = r.read().decode()
    out = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        key, _, value = line.rpartition(" ")
        name, brace, labels = key.partition("{")
        out[(name, brace + labels)] = float(value)
    return out


def family_sum(sample, name, label_part=""):
    return sum(v for (n, labels), v in sample.items() if n == name and label_part in labels)


def histogram(sample, name):
    """Cumulative buckets of an unlabelled histogram: sorted [(upper bound, count)], +Inf last."""
    rows = []
    for (n, labels), v in sample.items():
        if n == name + "_bucket":
            le = labels.split('le="', 1)[1].split('"', 1)[0]
            rows.append((float("inf") if le == "+Inf" else float(le), v))
    return sorted(rows)


def histogram_delta(later, earlier):
    before = dict(earlier)
    return [(le, count - before.get(le, 0)) for le, count in later]


def histogram_quantile(buckets, q):
    """Quantile `q` of cumulative `buckets`: (linear estimate within its bucket, the bucket's upper bound)."""
    total = buckets[-1][1] if buckets else 0
    if total <= 0:
        return None, None
    rank = q * total
    lower, below = 0.0, 0.0
    for le, count in buckets:
        if count >= rank:
            if le == float("inf"):
                return lower, le
            inside = count - below
            frac = (rank - below) / inside if inside > 0 else 1.0
            return lower + (le - lower) * frac, le
        lower, below = le, count
    return lower, float("inf")


def share_at_most(buckets, bound):
    """Share of the observations at or under `bound` (which must be a bucket bound)."""
    total = buckets[-1][1] if buckets else 0
    for le, count in buckets:
        if le == bound:
            return count / total if total else None
    raise ValueError(f"{bound} is not a bucket bound")


def percentile(xs, q):
    """Nearest-rank percentile of `xs` (q in 0..1)."""
    s = sorted(xs)
    if not s:
        return None
    rank = max(1, min(len(s), int(-(-q * len(s) // 1))))
    return s[rank - 1]


class NotifySocket:
    """A datagram socket standing in for systemd's NOTIFY_SOCKET; counts what the daemon sends."""

    def __init__(self, path):
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(path)
        self.sock.setblocking(False)
        self.messages = []

    def drain(self):
        while True:
            try:
                data = self.sock.recv(4096)
            except BlockingIOError:
                return self.messages
            self.messages.append((time.monotonic(), data.decode(errors="replace")))

    def close(self):
        self.sock.close()


def verdict(ok):
    return "met" if ok else "NOT met"


def write_report(name, lines):
    """Writes bench/out/`name`.md and prints it."""
    out = os.path.join(benchlib.ROOT, "bench", "out", f"{name}.md")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    text = "\n".join(lines) + "\n"
    with open(out, "w") as f:
        f.write(text)
    print(text)
    return out
