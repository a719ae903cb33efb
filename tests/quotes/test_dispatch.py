"""quotes.dispatch: tasks by name, after commit, from a few background threads; never in the caller's way."""

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from celery import current_app

from quotes import dispatch

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


@pytest.fixture
def real_publisher(monkeypatch):
    """The production publisher (the autouse recorder stands aside), with the broker replaced by `broker`."""
    publisher = dispatch.Publisher()
    monkeypatch.setattr(dispatch, "publisher", publisher)
    yield publisher
    assert publisher.wait_idle(10)


def test_publishing_never_blocks_the_caller(real_publisher, monkeypatch, django_capture_on_commit_callbacks):
    publishing, release = threading.Event(), threading.Event()
    published = []

    def slow_broker(task_name, args, **options):
        publishing.set()
        release.wait(10)
        published.append((task_name, args))

    monkeypatch.setattr(real_publisher, "publish", slow_broker)

    with django_capture_on_commit_callbacks(execute=True):
        dispatch.after_commit("quotes.tasks.quote_pdf_render_task", 123)

    # The caller is back while the broker still holds the publish.
    assert publishing.wait(10)
    assert not real_publisher.wait_idle(0) and published == []
    release.set()
    assert real_publisher.wait_idle(10)
    assert published == [("quotes.tasks.quote_pdf_render_task", (123,))]


def test_nothing_is_published_before_the_transaction_commits(real_publisher, monkeypatch):
    published = []
    monkeypatch.setattr(real_publisher, "publish", lambda task_name, args, **options: published.append(args))

    dispatch.after_commit("quotes.tasks.quote_pdf_render_task", 123)  # the test's transaction never commits

    assert real_publisher.wait_idle(10) and published == []


def test_when_every_thread_is_busy_the_work_waits_for_the_sweep(real_publisher, settings):
    settings.NOTIFICATION_RELAY_THREADS = 1
    running, release = threading.Event(), threading.Event()
    ran = []

    def busy():
        running.set()
        release.wait(10)

    assert real_publisher.in_background(busy) is True
    assert running.wait(10)

    assert real_publisher.in_background(ran.append, "second") is False

    release.set()
    assert real_publisher.wait_idle(10) and ran == []


def test_a_broker_failure_is_logged_not_raised(real_publisher, monkeypatch, caplog, django_capture_on_commit_callbacks):
    def broker_down(task_name, args, **options):
        raise ConnectionRefusedError("Connection refused")

    monkeypatch.setattr(real_publisher, "publish", broker_down)

    with django_capture_on_commit_callbacks(execute=True):
        dispatch.after_commit("quotes.tasks.quote_pdf_render_task", 7)

    assert real_publisher.wait_idle(10)
    assert "Could not queue quotes.tasks.quote_pdf_render_task(7,)" in caplog.text


def test_every_task_the_app_names_is_a_registered_task():
    named = set()
    for path in (ROOT / "quotes").rglob("*.py"):
        named |= set(re.findall(r'"(quotes\.tasks\.[a-z_]+)"', path.read_text()))
    current_app.loader.import_default_modules()

    assert named, "no task named in quotes/"
    assert named <= set(current_app.tasks), named - set(current_app.tasks)


# A fresh interpreter, as a web process is before its first publish: nothing has imported the tasks.
_FIRST_PUBLISHES = """
import os, sys, threading
import django
django.setup()
from quotes import dispatch
names = ["quotes.tasks.quote_pdf_render_task", "quotes.tasks.notification_send_task"] * 4
barrier = threading.Barrier(len(names))
failed = []

def first_publish(name):
    barrier.wait()
    try:
        dispatch._task(name)
    except Exception as exc:
        failed.append(repr(exc))

threads = [threading.Thread(target=first_publish, args=(name,)) for name in names]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(failed or "ok")
"""


def test_concurrent_first_publishes_in_a_fresh_process_all_find_their_task():
    # Two threads importing the tasks at once used to leave one with a half-imported module
    # and a NotRegistered error (seen in the bench's first notifications).
    for _ in range(3):
        done = subprocess.run(
            [sys.executable, "-c", _FIRST_PUBLISHES],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip().splitlines()[-1] == "ok", done.stdout
