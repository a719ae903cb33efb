"""Two ways of looking at one URL: a partner's full sync over HTTP, and one request in process.

The sync walk is what a mirroring partner does: GET the first page, follow `next` until it
is null, one request at a time. The in-process profile runs a request through Django's test
client in this process, for its time, its SQL queries and the size of its body.
"""

import gzip
import json
import statistics
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

SAMPLE_PAGES = 10  # pages whose median is "the first page" and "the last page"


@dataclass(frozen=True)
class Walk:
    seconds: float
    requests: int
    items: int
    wire_bytes: int  # bodies as sent, compressed or not
    json_bytes: int  # bodies once decompressed
    compressed: bool  # did the server compress any page
    first_page_ms: float  # median of the first SAMPLE_PAGES pages
    last_page_ms: float  # median of the last SAMPLE_PAGES pages that carried items


def sync_walk(*, url: str, headers: dict[str, str], gzip_accepted: bool) -> Walk:
    """Follow `next` from `url` to the end; the time is the whole walk, as the partner waits for it."""
    headers = {**headers, "Accept-Encoding": "gzip" if gzip_accepted else "identity"}
    timings: list[tuple[float, int]] = []
    wire = decoded = items = 0
    compressed = False
    started = time.perf_counter()
    next_url: str | None = url
    while next_url:
        page_started = time.perf_counter()
        request = urllib.request.Request(next_url, headers=headers)  # noqa: S310 - our own loopback URL
        with urllib.request.urlopen(request, timeout=300) as response:  # noqa: S310
            body = response.read()
            encoding = response.headers.get("Content-Encoding", "")
        wire += len(body)
        if encoding == "gzip":
            compressed = True
            body = gzip.decompress(body)
        decoded += len(body)
        page = json.loads(body)
        timings.append(((time.perf_counter() - page_started) * 1000, len(page["results"])))
        items += len(page["results"])
        next_url = page.get("next")
    seconds = time.perf_counter() - started
    with_items = [ms for ms, count in timings if count] or [ms for ms, _ in timings]
    return Walk(
        seconds=seconds,
        requests=len(timings),
        items=items,
        wire_bytes=wire,
        json_bytes=decoded,
        compressed=compressed,
        first_page_ms=statistics.median(ms for ms, _ in timings[:SAMPLE_PAGES]),
        last_page_ms=statistics.median(with_items[-SAMPLE_PAGES:]),
    )


def first_response(*, url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    """One GET over HTTP: status, headers, body (an error status is returned, not raised)."""
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - our own loopback URL
    try:
        with urllib.request.urlopen(request, timeout=300) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def warm(*, base_url: str, paths: list[str], headers: dict[str, str], times: int) -> None:
    """GET every path `times` times, three at a time (as many as the server's workers)."""
    with ThreadPoolExecutor(max_workers=3) as pool:
        for status, _, _ in pool.map(lambda path: first_response(url=base_url + path, headers=headers), paths * times):
            if status >= 500:
                raise AssertionError(f"warming {base_url} answered {status}")


@dataclass(frozen=True)
class Profile:
    ms: float  # median of the runs
    queries: int
    bytes: int


def in_process(*, path: str, headers: dict[str, str], runs: int = 5, cold: bool = False) -> Profile:
    """One request at a time through the whole Django stack in this process (after one warm-up).

    `cold` empties the cache before each run: the first view of a page after a catalog change,
    which builds the page instead of answering from the page cache.
    """
    client = Client(headers=headers)
    response = client.get(path)
    if response.status_code != 200:
        raise AssertionError(f"{path} answered {response.status_code}: {response.content[:300]!r}")
    timings = []
    for _ in range(runs):
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return Profile(ms=statistics.median(timings), queries=len(queries), bytes=len(body))
