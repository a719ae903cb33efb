"""Real processes: a Celery worker (and beat), a throw-away Redis, the test database.

Every process is started by a fixture, waited for with a deadline and stopped at teardown
(terminate, then kill). The worker reaches the test database through DATABASE_URL, so
these tests use `transactional_db`: what the test writes is committed and visible to it.
"""

import email
import json
import os
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")
REDIS_SERVER = shutil.which("redis-server")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/integration/" in str(item.fspath):
            item.add_marker(pytest.mark.integration)


def wait_for(predicate, *, timeout: float, interval: float = 0.1, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout:.0f} s waiting for {what}")


def task_runs(log: Path, task: str = "", *, state: str = "SUCCESS") -> list[dict]:
    """The worker's one JSON line per task run (config.logs) that ended in `state`, for one task or all."""
    runs = []
    for line in log.read_text().splitlines():
        if not line.startswith("{"):
            continue  # Celery's start-up banner
        record = json.loads(line)
        if record.get("logger") == "tasks" and record["state"] == state and (not task or record["task"] == task):
            runs.append(record)
    return runs


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    """The test database (not the development one) as a URL another process can open."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _stop(process: subprocess.Popen, *, grace: float = 10) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(grace)
    except (subprocess.TimeoutExpired, ProcessLookupError):
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)


class RedisServer:
    """A Redis of our own on a free port, so stopping or pausing it disturbs nothing else."""

    def __init__(self, port: int):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(self._answers, timeout=10, what=f"redis-server on port {self.port}")

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process, grace=5)
            self.process = None

    def pause(self, milliseconds: int) -> None:
        """Hold every client's commands (CLIENT PAUSE ... ALL) for this long."""
        self._client().execute_command("CLIENT", "PAUSE", milliseconds, "ALL")

    def _client(self):
        import redis

        return redis.Redis(port=self.port, socket_timeout=2, socket_connect_timeout=2)

    def _answers(self) -> bool:
        try:
            return bool(self._client().ping())
        except Exception:
            return False


@pytest.fixture
def redis_server():
    if not REDIS_SERVER:
        pytest.skip("redis-server is not installed")
    server = RedisServer(free_port())
    server.start()
    yield server
    server.stop()


class Worker:
    """`celery worker` (optionally with beat) in its own process group, logging to a file."""

    def __init__(
        self,
        *,
        env: dict[str, str],
        log: Path,
        beat_schedule: Path | None,
        pool: str = "solo",
        concurrency: int = 1,
        name: str = "",
    ):
        self.env, self.log, self.beat_schedule = env, log, beat_schedule
        # "prefork" runs tasks in child processes, as production does: only there are time
        # limits enforced and a dead child's message requeued (task_reject_on_worker_lost).
        self.pool, self.concurrency = pool, concurrency
        self.name = name or f"test-{os.getpid()}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [
            str(CELERY), "-A", "config", "worker", "--pool", self.pool, "--concurrency", str(self.concurrency),
            "--loglevel", "INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
            "-n", f"{self.name}@%h",
        ]  # fmt: skip
        if self.beat_schedule is not None:
            command += ["--beat", "--schedule", str(self.beat_schedule)]
        offset = self.log.stat().st_size if self.log.exists() else 0
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        wait_for(
            lambda: self.process.poll() is not None or b" ready." in self.log.read_bytes()[offset:],
            timeout=60,
            what="the Celery worker to be ready",
        )
        assert self.process.poll() is None, self.log.read_text()[-3000:]

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)
            self.process = None

    def pool_processes(self) -> list[int]:
        """Process ids of the prefork pool's children (the processes that run tasks)."""
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with suppress(OSError, IndexError, ValueError):
                # "pid (comm) state ppid ...": comm may hold spaces, so split after its ")".
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == self.process.pid:
                    children.append(int(stat.parent.name))
        return children

    def kill(self) -> None:
        """SIGKILL the whole worker (main process and pool), as when its machine or container dies."""
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        self.process = None


class SmtpSink:
    """A small SMTP server on a free port that keeps what it receives.

    It can turn away the first connections with "421 try again later", as a mail server
    under load or greylisting does, to show that a send is retried rather than lost.
    """

    def __init__(self, *, refuse_first: int = 0):
        self.refuse_first = refuse_first
        self.connections = 0
        self.refused = 0
        self.received: list[bytes] = []
        self._lock = threading.Lock()
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            timeout = 30

            def handle(self):
                with sink._lock:
                    sink.connections += 1
                    refuse = sink.refused < sink.refuse_first
                    sink.refused += refuse
                if refuse:
                    self.wfile.write(b"421 4.3.2 Service busy, try again later\r\n")
                    return
                self.wfile.write(b"220 sink.test ESMTP\r\n")
                while line := self.rfile.readline():
                    verb = line[:4].upper()
                    if verb == b"DATA":
                        self.wfile.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                        body = []
                        while (data := self.rfile.readline()) not in (b".\r\n", b""):
                            body.append(data[1:] if data.startswith(b"..") else data)
                        with sink._lock:
                            sink.received.append(b"".join(body))
                        self.wfile.write(b"250 2.0.0 Queued\r\n")
                    elif verb == b"QUIT":
                        self.wfile.write(b"221 2.0.0 Bye\r\n")
                        return
                    elif verb in (b"EHLO", b"HELO", b"MAIL", b"RCPT", b"RSET", b"NOOP"):
                        self.wfile.write(b"250 OK\r\n")
                    else:
                        self.wfile.write(b"502 5.5.2 Not implemented\r\n")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"smtp://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, name="smtp-sink", daemon=True)

    def messages(self) -> list[email.message.Message]:
        with self._lock:
            return [email.message_from_bytes(raw) for raw in self.received]


@pytest.fixture
def smtp_sink():
    """An SMTP server that turns away the first connection: smtp_sink.url goes into EMAIL_URL."""
    sink = SmtpSink(refuse_first=1)
    sink._thread.start()
    yield sink
    sink.server.shutdown()
    sink.server.server_close()


class Mailbox:
    """Emails the worker wrote with Django's file backend."""

    def __init__(self, path: Path):
        self.path = path

    def messages(self) -> list[email.message.Message]:
        found = []
        for file in sorted(self.path.glob("*.log")):
            for chunk in file.read_bytes().split(b"-" * 79):
                if chunk.strip():
                    found.append(email.message_from_bytes(chunk.strip()))
        return found

    def recipients(self) -> list[str]:
        return sorted(message["To"] for message in self.messages())


@contextmanager
def app_broker(url: str, queue_dir: Path, *, cache_on_redis: bool):
    """Point this process's Celery app (and, as in production, the cache) at a broker."""
    from config.celery import app, configure

    overrides = {"CELERY_BROKER_URL": url, "CELERY_QUEUE_DIR": queue_dir}
    if cache_on_redis:
        overrides["CACHES"] = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "OPTIONS": {"socket_timeout": 2, "socket_connect_timeout": 2},
            }
        }
    try:
        with override_settings(**overrides):
            configure(app)
            _drop_pooled_connections(app)
            yield
    finally:
        configure(app)
        _drop_pooled_connections(app)


def _drop_pooled_connections(app) -> None:
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    amqp = app.__dict__.get("amqp")
    if amqp is not None and amqp._producer_pool is not None:
        amqp._producer_pool.force_close_all()
        amqp._producer_pool = None


@pytest.fixture
def stack(transactional_db, tmp_path):
    """Build the worker's side: stack.start(broker_url=..., beat=True) -> (worker, mailbox)."""
    from quotes import dispatch

    workers: list[Worker] = []
    mailbox = Mailbox(tmp_path / "mail")
    mailbox.path.mkdir()

    def start(
        *,
        broker_url: str | None,
        beat: bool = False,
        pool: str = "solo",
        concurrency: int = 1,
        env: dict[str, str] | None = None,
    ) -> Worker:
        """Start a worker; `env` adds or overrides settings (CELERY_TASK_TIME_LIMIT="12", EMAIL_URL=...)."""
        worker_env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
        worker_env.update(
            DJANGO_SETTINGS_MODULE="config.settings",
            DATABASE_URL=database_url(),
            VAR_DIR=str(tmp_path / "var"),
            # The test's own media folder (tests/conftest.py): files the worker stores are
            # read back here, as web and worker share storage in production.
            MEDIA_ROOT=str(tmp_path / "media"),
            EMAIL_URL=f"filemail:///{mailbox.path}",
            NOTIFICATION_SWEEP_SECONDS="1",
            SITE_URL="https://catalog.example.com",
        )
        if broker_url:
            worker_env["REDIS_URL"] = broker_url
        worker_env.update(env or {})
        worker = Worker(
            env=worker_env,
            log=tmp_path / "worker.log",
            beat_schedule=tmp_path / "beat" if beat else None,
            pool=pool,
            concurrency=concurrency,
            name=f"test-{os.getpid()}-{len(workers)}",
        )
        workers.append(worker)
        worker.start()
        return worker

    start.mailbox = mailbox
    start.queue_dir = tmp_path / "var" / "queue"
    start.log = tmp_path / "worker.log"
    yield start
    dispatch.wait_idle(15)
    for worker in workers:
        worker.stop()


@pytest.fixture
def broker(request, stack):
    """The configured kind of broker: a throw-away Redis when REDIS_URL is set, else the filesystem.

    Yields the URL to give stack(broker_url=...): the Redis URL, or None for the filesystem.
    """
    if os.environ.get("REDIS_URL"):
        server = request.getfixturevalue("redis_server")
        with app_broker(server.url, stack.queue_dir, cache_on_redis=True):
            yield server.url
    else:
        for sub in ("out", "processed"):
            (stack.queue_dir / sub).mkdir(parents=True, exist_ok=True)
        with app_broker("filesystem://", stack.queue_dir, cache_on_redis=False):
            yield None
