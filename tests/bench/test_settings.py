"""The bench's settings load as gunicorn and the bench process load them: Django set up from bench.settings."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_bench_settings_set_django_up_with_the_reference_endpoint():
    # config/settings.py is run as a file there, so it must not import the config package
    # (whose Celery app reads the settings being defined).
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": "bench-settings-test-0123456789abcdefghijklmnopqrstuvwxyz",
        "DEBUG": "0",
    }
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.ROOT_URLCONF)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "bench.urls"
