"""Page timings on a large synthetic catalog: `make bench`.

Runs against a throw-away SQLite database (or a test database on DATABASE_URL), prints the
median time and query count of each page. Numbers, not assertions: compare runs by eye.
"""

import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def main(runs: int = 15) -> None:
    from django.conf import settings
    from django.test import Client
    from django.test.utils import get_runner

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0)
    old = runner.setup_databases()
    try:
        from bench.generate import catalog_generate

        started = time.perf_counter()
        count = catalog_generate()
        print(f"generated {count} devices in {time.perf_counter() - started:.1f} s")
        client = Client()
        pages = {
            "home": "/",
            "family (250 devices)": "/families/bench-family-0/",
            "family filtered": "/families/bench-family-0/?power_min=50&wavelength=1064&cooling=on&sort=price",
            "device": "/devices/bench-0-10/",
            "compare 4": "/compare/?d=bench-0-1&d=bench-0-2&d=bench-1-3&d=bench-2-4",
            "search (1,000 devices)": "/search/?q=bench+1064",
            "api devices page": "/api/v1/devices/?page_size=100",
        }
        print(f"{'page':28} {'median ms':>10} {'queries':>8}")
        for name, url in pages.items():
            timings = []
            for _ in range(runs):
                reset_queries()
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            print(f"{name:28} {statistics.median(timings):10.1f} {len(queries):8d}")
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
