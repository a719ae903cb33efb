"""Settings of the app under benchmark: the project's own, plus the bench-only reference endpoint.

Everything else (database, cache, debug, security) comes from the environment exactly as in
production; `bench.environment` sets it for the bench process and the gunicorn it starts.
"""

import runpy
from pathlib import Path

# The project's settings module, run as a file: importing it as `config.settings` would first
# run config/__init__.py, which starts Celery, which reads these very settings half-defined.
globals().update(
    {
        name: value
        for name, value in runpy.run_path(
            str(Path(__file__).resolve().parent.parent / "config" / "settings.py")
        ).items()
        if name.isupper()
    }
)

ROOT_URLCONF = "bench.urls"
# The PDF figures ask for renders through the real service, which publishes a task after
# commit; nothing consumes it here (the bench calls the task itself), so it goes nowhere.
CELERY_BROKER_URL = "memory://localhost/"
