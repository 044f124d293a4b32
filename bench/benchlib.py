"""Shared helpers for watchdesk's benchmark scripts: a local nginx, timing with GNU time, feeds."""
import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The binary under test; WATCHDESK_BIN names another build (to compare two builds on one machine).
WATCHDESK = os.environ.get("WATCHDESK_BIN") or os.path.join(ROOT, "build", "watchdesk")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listening on 127.0.0.1:{port}")


class Nginx:
    """nginx-light serving `root` on 127.0.0.1 (ETag on), started and stopped by the benchmark."""

    def __init__(self, root, workdir):
        self.port = free_port()
        conf = os.path.join(workdir, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"""
worker_processes 1;
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
  log_format bench '$status $request_method $uri "$http_user_agent" "$http_if_none_match"';
  access_log {workdir}/access.log bench;
  types {{ application/atom+xml atom; application/json json; text/csv csv; }}
  default_type application/octet-stream;
  etag on;
  if_modified_since before;
  keepalive_requests 100000;
  client_body_temp_path {workdir}/tmp-body;
  proxy_temp_path {workdir}/tmp-proxy;
  fastcgi_temp_path {workdir}/tmp-fastcgi;
  uwsgi_temp_path {workdir}/tmp-uwsgi;
  scgi_temp_path {workdir}/tmp-scgi;
  server {{
    listen 127.0.0.1:{self.port};
    root {root};
  }}
}}
""")
        self.access_log = os.path.join(workdir, "access.log")
        self.proc = subprocess.Popen(["nginx", "-c", conf, "-e", f"{workdir}/nginx-error.log"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_listening(self.port)

    def log_size(self):
        """The access log's current size: pass it to `requests_since` after a run."""
        return os.path.getsize(self.access_log) if os.path.exists(self.access_log) else 0

    def requests_since(self, offset):
        """The (status, method, uri, user agent, If-None-Match) of each request logged past `offset`."""
        with open(self.access_log, "rb") as f:
            f.seek(offset)
            lines = f.read().decode("utf-8", "replace").splitlines()
        out = []
        for line in lines:
            head, agent, validator = line.split(' "', 2)
            status, method, uri = head.split(" ", 2)
            out.append((int(status), method, uri, agent.rstrip('"'), validator.rstrip('"')))
        return out

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def timed(cmd, env=None, cwd=None, stdout_path=None):
    """Runs `cmd` under GNU time; returns (wall s, cpu s, peak RSS KiB, exit code). Standard output
    goes to `stdout_path` when given (to check what the run did), else nowhere; standard error is
    dropped."""
    fd, out = tempfile.mkstemp()
    os.close(fd)
    sink = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    try:
        rc = subprocess.call(["/usr/bin/time", "-o", out, "-f", "%e %U %S %M"] + cmd,
                             stdout=sink, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
        with open(out) as f:
            fields = f.read().split()[-4:]
        wall, user, sys_, rss = float(fields[0]), float(fields[1]), float(fields[2]), int(fields[3])
        return wall, user + sys_, rss, rc
    finally:
        if stdout_path:
            sink.close()
        os.unlink(out)


def measured(cmd, env=None, cwd=None, stdout_path=None):
    """Like `timed`, with the CPU time read from the kernel in microseconds (GNU time prints
    hundredths): (wall s, CPU s, peak RSS KiB, exit code). The peak RSS is GNU time's: the kernel's
    figure for a child of this script would count the script's own pages copied by the fork."""
    fd, out = tempfile.mkstemp()
    os.close(fd)
    sink = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    try:
        start = time.monotonic()
        proc = subprocess.Popen(["/usr/bin/time", "-o", out, "-f", "%M"] + cmd, env=env, cwd=cwd, stdout=sink,
                                stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        with open(out) as f:
            rss = int(f.read().split()[-1])
        return wall, usage.ru_utime + usage.ru_stime, rss, proc.returncode
    finally:
        if stdout_path:
            sink.close()
        os.unlink(out)


def rss_split(pid):
    """(rss, mapped from files, the rest) of process `pid` in KiB, read from /proc/PID/smaps. Pages
    mapped from files are the program's and its shared libraries' code and data, with the data
    pages that relocation copied; the rest is the process's own heap, stacks and anonymous maps."""
    files = own = 0
    from_file = False
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            head = line.split()
            if "-" in head[0] and not head[0].endswith(":"):
                from_file = len(head) > 5 and head[5].startswith("/")
            elif head[0] == "Rss:":
                if from_file:
                    files += int(head[1])
                else:
                    own += int(head[1])
    return files + own, files, own


def peak_rss_split(cmd, cwd=None):
    """Runs `cmd` (output dropped), sampling `rss_split` as fast as it can; returns the sample with
    the largest RSS as (rss, mapped from files, the rest) in KiB, and the exit code."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    best = (0, 0, 0)
    while proc.poll() is None:
        try:
            sample = rss_split(proc.pid)
        except (OSError, ValueError, IndexError):
            continue
        if sample[0] > best[0]:
            best = sample
    return best, proc.wait()


def median(xs):
    return statistics.median(xs)


def edgar_feed(cik, entries=40, name=None):
    """An EDGAR company-filings Atom feed in the real shape, about 1 KB per entry."""
    name = name or f"Benchmark Company {cik}"
    out = ['<?xml version="1.0" encoding="ISO-8859-1" ?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
           '<author><email>webmaster@sec.gov</email><name>Webmaster</name></author>',
           f'<company-info><cik>{cik:010d}</cik><conformed-name>{name}</conformed-name>'
           '<fiscal-year-end>1231</fiscal-year-end><state-location>TX</state-location></company-info>',
           f'<id>https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&amp;CIK={cik:010d}</id>',
           f'<title>{name}  ({cik:010d})</title>', '<updated>2026-11-20T17:02:11-05:00</updated>']
    forms = ["10-Q", "8-K", "S-1/A", "424B4", "10-K", "4", "SC 13G/A", "FWP"]
    for i in range(entries):
        acc = f"0001628280-26-{(cik * 97 + i) % 1000000:06d}"
        nodash = acc.replace("-", "")
        form = forms[i % len(forms)]
        day = 1 + (i % 28)
        href = f"https://www.sec.gov/Archives/edgar/data/{cik}/{nodash}/{acc}-index.htm"
        out += ['<entry>', f'<category label="form type" scheme="https://www.sec.gov/" term="{form}"/>',
                '<content type="text/xml">', f'<accession-number>{acc}</accession-number><act>34</act>',
                f'<file-number>001-4{cik % 10000:04d}</file-number><filing-date>2026-10-{day:02d}</filing-date>',
                f'<filing-href>{href}</filing-href><filing-type>{form}</filing-type><film-number>261{i:05d}</film-number>',
                '<form-name>Quarterly report pursuant to Section 13 or 15(d) of the Securities Exchange Act</form-name>',
                '<size>1 MB</size></content>', f'<id>urn:tag:sec.gov,2008:accession-number={acc}</id>',
                f'<link href="{href}" rel="alternate" type="text/html"/>',
                f'<summary type="html"> &lt;b&gt;Filed:&lt;/b&gt; 2026-10-{day:02d} &lt;b&gt;AccNo:&lt;/b&gt; {acc} &lt;b&gt;Size:&lt;/b&gt; 1 MB</summary>',
                f'<title>{form}  - Quarterly report pursuant to Section 13 or 15(d)</title>',
                f'<updated>2026-10-{day:02d}T16:{i % 60:02d}:11-04:00</updated>', '</entry>']
    out.append('</feed>')
    return "\n".join(out) + "\n"


def scratch_dir(prefix):
    """A fresh directory that nginx's workers (which drop root for `nobody`) can read."""
    path = tempfile.mkdtemp(prefix=prefix)
    os.chmod(path, 0o755)
    return path


def remove(path):
    shutil.rmtree(path, ignore_errors=True)
