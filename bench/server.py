"""The app under gunicorn, and wrk against it: subprocesses that never outlive the bench.

Each runs in its own process group, killed as a group on the way out (also on Ctrl-C or a
failed measurement). Readiness is a URL that answers, never a fixed sleep.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.environment import BASE_DIR, BenchError

GUNICORN_WORKERS = 3
READY_SECONDS = 60
# wrk prints this line from the Lua `done` hook; the rest of its output is for people.
RESULT_MARK = "BENCH-RESULT "
WRK_SCRIPT = """
local paths = {%(paths)s}
local counter = 0

request = function()
  counter = counter + 1
  return wrk.format(nil, paths[(counter %% #paths) + 1])
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "%(mark)s{\\"requests\\": %%d, \\"duration_us\\": %%d, \\"bytes\\": %%d, \\"status_errors\\": %%d, "
    .. "\\"socket_errors\\": %%d, \\"timeouts\\": %%d, \\"mean_us\\": %%.1f, \\"p50_us\\": %%d, \\"p99_us\\": %%d}\\n",
    summary.requests, summary.duration, summary.bytes, errors.status,
    errors.connect + errors.read + errors.write, errors.timeout,
    latency.mean, latency:percentile(50), latency:percentile(99)))
end
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _stop(process: subprocess.Popen, *, grace: float = 10) -> None:
    """SIGTERM to the whole process group, SIGKILL if it is still there after `grace` seconds."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


def wait_until_answering(url: str, *, process: subprocess.Popen, log: Path, seconds: float = READY_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None:
            raise BenchError(f"gunicorn stopped with code {process.returncode}; its log:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own loopback URL
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            raise BenchError(
                f"gunicorn did not answer {url} within {seconds:.0f} s; its log:\n{log.read_text()[-3000:]}"
            )
        time.sleep(0.1)  # polling interval, not a wait for readiness


def _cpu_ticks(pid: int) -> int:
    """User and system CPU time the process has used so far, in clock ticks (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime, stime


@dataclass(frozen=True)
class App:
    base_url: str
    pid: int
    log: Path

    def workers(self) -> list[int]:
        try:
            with open(f"/proc/{self.pid}/task/{self.pid}/children") as children:
                return [int(pid) for pid in children.read().split()]
        except OSError:
            return []

    def wait_idle(self, *, quiet_seconds: float = 0.5, timeout: float = 600) -> None:
        """Until no worker has used CPU for `quiet_seconds`.

        A sync worker finishes a request even after wrk has gone; without this, the requests
        in flight when one measurement ends would run during the next one.
        """
        deadline = time.monotonic() + timeout
        quiet_since, last = time.monotonic(), None
        while time.monotonic() < deadline:
            ticks = sum(_cpu_ticks(pid) for pid in self.workers())
            if ticks != last:
                quiet_since, last = time.monotonic(), ticks
            elif time.monotonic() - quiet_since >= quiet_seconds:
                return
            time.sleep(0.05)  # sampling interval
        raise BenchError(f"the gunicorn workers were still busy after {timeout:.0f} s")


@contextmanager
def gunicorn(*, env: dict[str, str], log: Path, workers: int = GUNICORN_WORKERS) -> Iterator[App]:
    """The project's WSGI app under gunicorn (sync workers) on a free loopback port."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        # The slowest pages take seconds under load; the default 30 s would kill busy workers.
        "--timeout",
        "300",
        "--graceful-timeout",
        "5",
    ]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as output:
        process = subprocess.Popen(
            command, cwd=BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_until_answering(f"{base_url}/healthz/", process=process, log=log)
        yield App(base_url=base_url, pid=process.pid, log=log)
    finally:
        _stop(process)


@dataclass(frozen=True)
class Load:
    """What wrk measured on one set of URLs."""

    requests: int
    seconds: float
    bytes: int
    status_errors: int  # answers other than 2xx and 3xx
    socket_errors: int
    timeouts: int
    mean_ms: float
    p50_ms: float
    p99_ms: float

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def failed(self) -> int:
        return self.status_errors + self.socket_errors + self.timeouts


def wrk(
    *,
    base_url: str,
    paths: list[str],
    headers: dict[str, str],
    seconds: float,
    connections: int = 8,
    script_dir: Path,
) -> Load:
    """`wrk -t1 -c<connections>` for `seconds` over `paths` (in turn), with `headers` on every request."""
    script = script_dir / "wrk.lua"
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(WRK_SCRIPT % {"paths": ", ".join(json.dumps(p) for p in paths), "mark": RESULT_MARK})
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "120s", "-s", str(script)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(base_url + paths[0])
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    try:
        output, _ = process.communicate(timeout=seconds + 180)
    finally:
        _stop(process, grace=2)
    for line in output.splitlines():
        if line.startswith(RESULT_MARK):
            found = json.loads(line[len(RESULT_MARK) :])
            return Load(
                requests=found["requests"],
                seconds=found["duration_us"] / 1e6,
                bytes=found["bytes"],
                status_errors=found["status_errors"],
                socket_errors=found["socket_errors"],
                timeouts=found["timeouts"],
                mean_ms=found["mean_us"] / 1000,
                p50_ms=found["p50_us"] / 1000,
                p99_ms=found["p99_us"] / 1000,
            )
    raise BenchError(f"wrk gave no result for {paths[0]}:\n{output[-2000:]}")
