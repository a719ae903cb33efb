"""`make bench`: the catalog API and pages against a bare DRF list, on PostgreSQL, under gunicorn + wrk; PDF figures.

1. A fresh bench database with a generated catalog (20,000 devices by default).
2. The app under gunicorn (3 sync workers, DEBUG=0, bench settings that add the reference
   endpoint), measured with `wrk -t1 -c8` per URL; a partner's full sync, following `next`;
   one request of each kind in process, with its queries and size.
3. The PDF figures, on a fresh database with the demo catalog and its draft quote.
4. A Markdown table (printed, and written to var/bench/results.md).

Only URLs and public commands are measured, so the bench runs unchanged whatever the read
path looks like inside. Knobs (environment): BENCH_DEVICES, BENCH_SECONDS, BENCH_WARMUP_SECONDS,
BENCH_PDF_RENDERS, BENCH_PDF_MEMORY_RENDERS, BENCH_PARTS (http,pdf), DATABASE_URL, REDIS_URL.
"""

import math
import os
import random
import signal
import time
from dataclasses import dataclass

from bench import environment

# Django reads its settings from the environment, so the environment comes first.
try:
    DATABASE = environment.bench_database()
except environment.BenchError as exc:
    raise SystemExit(f"make bench: {exc}") from None
APP_ENVIRON = environment.app_environ(DATABASE)
os.environ.update(APP_ENVIRON)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from bench import client, generate, render_workers, report, server  # noqa: E402
from bench.environment import VAR_DIR, BenchError  # noqa: E402
from bench.report import Row, Table  # noqa: E402
from catalog.models import Device, Partner, PartnerKey  # noqa: E402

RESULTS = VAR_DIR / "results.md"
SAMPLE_DEVICES = 200  # detail and device-page URLs, taken across the whole catalog
SAMPLE_SEED = 11
MIN_ANSWERS = 10  # a wrk run lasts long enough for about this many, up to MAX_SECONDS
MAX_SECONDS = 120


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    if raw == "":
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise SystemExit(f"make bench: {name} is a whole number above zero, not {raw!r}.")
    return int(raw)


@dataclass(frozen=True)
class Knobs:
    devices: int
    seconds: int
    warmup_seconds: int
    pdf_renders: int
    pdf_memory_renders: int
    parts: frozenset[str]

    @classmethod
    def from_environ(cls) -> "Knobs":
        parts = frozenset(p.strip() for p in os.environ.get("BENCH_PARTS", "http,pdf").split(",") if p.strip())
        if not parts or not parts <= {"http", "pdf"}:
            raise SystemExit("make bench: BENCH_PARTS is a comma-separated list of http and pdf.")
        return cls(
            devices=_env_int("BENCH_DEVICES", 20_000),
            seconds=_env_int("BENCH_SECONDS", 15),
            warmup_seconds=_env_int("BENCH_WARMUP_SECONDS", 2),
            pdf_renders=_env_int("BENCH_PDF_RENDERS", 20),
            pdf_memory_renders=_env_int("BENCH_PDF_MEMORY_RENDERS", 300),
            parts=parts,
        )


def say(message: str) -> None:
    print(message, flush=True)


def fresh_database() -> str:
    """Drop and create the bench database and migrate it; returns the server version."""
    connection.close()
    version = environment.database_recreate(DATABASE)
    call_command("migrate", verbosity=0)
    return version


# --- HTTP ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Urls:
    ours_list: str
    reference_list: str
    ours_details: list[str]
    reference_details: list[str]
    device_pages: list[str]
    large_family: str
    small_family: str


def catalog_urls(generated: generate.GeneratedCatalog) -> Urls:
    slugs = list(Device.objects.order_by("pk").values_list("slug", flat=True))
    # A fixed random sample: devices with no, one and six guides as often as in the catalog.
    sample = random.Random(SAMPLE_SEED).sample(slugs, min(SAMPLE_DEVICES, len(slugs)))
    return Urls(
        ours_list="/api/v1/devices/",
        reference_list="/bench/reference/devices/",
        ours_details=[f"/api/v1/devices/{slug}/" for slug in sample],
        reference_details=[f"/bench/reference/devices/{slug}/" for slug in sample],
        device_pages=[f"/devices/{slug}/" for slug in sample],
        large_family=f"/families/{generated.large_family}/",
        small_family=f"/families/{generated.small_family}/",
    )


def partner_headers() -> dict[str, str]:
    """A partner key that sees prices (as the reference shows them), with a rate wrk cannot reach."""
    partner, _ = Partner.objects.get_or_create(name="Bench partner")
    _, key = PartnerKey.objects.create_key(
        name="bench",
        partner=partner,
        scopes=[PartnerKey.Scope.CATALOG_READ, PartnerKey.Scope.PRICES],
        rate_per_minute=10**9,
    )
    return {"Authorization": f"Api-Key {key}"}


def check_answers(*, base_url: str, paths: list[str], headers: dict[str, str], status: int = 200) -> None:
    for path in paths:
        found, _, body = client.first_response(url=base_url + path, headers=headers)
        if found != status:
            raise BenchError(f"{path} answered {found}, not {status}: {body[:300]!r}")


def measure_in_process(*, urls: Urls, key: dict[str, str]) -> dict[str, client.Profile]:
    say("In process, one request at a time ...")
    plan = {
        "ours_list": (urls.ours_list, key, 5),
        "reference_list": (urls.reference_list, {}, 5),
        "ours_list_10": (urls.ours_list + "?page_size=10", key, 1),
        "ours_list_100": (urls.ours_list + "?page_size=100", key, 1),
        "reference_list_10": (urls.reference_list + "?page_size=10", {}, 1),
        "reference_list_100": (urls.reference_list + "?page_size=100", {}, 1),
        "ours_detail": (urls.ours_details[0], key, 5),
        "reference_detail": (urls.reference_details[0], {}, 5),
        "device_page": (urls.device_pages[0], {}, 5),
        "large_family": (urls.large_family, {}, 1),
        "small_family": (urls.small_family, {}, 5),
        # The same pages built from scratch: the first view after a catalog change.
        "device_page_cold": (urls.device_pages[0], {}, 5),
        "large_family_cold": (urls.large_family, {}, 3),
        "small_family_cold": (urls.small_family, {}, 5),
    }
    profiles = {}
    for name, (path, headers, runs) in plan.items():
        cold = name.endswith("_cold")
        profiles[name] = found = client.in_process(path=path, headers=headers, runs=runs, cold=cold)
        say(f"  {name:18} {report.ms(found.ms):>9}, {found.queries:3} queries, {report.size(found.bytes)}")
    return profiles


def measure_loads(
    *, app: server.App, urls: Urls, key: dict[str, str], profiles: dict[str, client.Profile], knobs: Knobs
) -> dict[str, server.Load]:
    """wrk on each URL; `profiles` (one request in process) tell which pages are slow."""
    say(f"gunicorn ({server.GUNICORN_WORKERS} sync workers), wrk -t1 -c8 -d{knobs.seconds}s per URL ...")
    status, list_headers, _ = client.first_response(url=app.base_url + urls.ours_list, headers=key)
    etag = list_headers.get("ETag", "")
    if status != 200 or not etag:
        raise BenchError(f"{urls.ours_list} answered {status} without an ETag ({list_headers})")
    plan = {
        "ours_list": ([urls.ours_list], key, 200),
        "reference_list": ([urls.reference_list], {}, 200),
        "ours_detail": (urls.ours_details, key, 200),
        "reference_detail": (urls.reference_details, {}, 200),
        "not_modified": ([urls.ours_list], {**key, "If-None-Match": etag}, 304),
        "healthz": (["/healthz/"], {}, 200),
        "hello": (["/bench/hello/"], {}, 200),
        "device_page": (urls.device_pages, {}, 200),
        "large_family": ([urls.large_family], {}, 200),
        "small_family": ([urls.small_family], {}, 200),
    }
    loads = {}
    for name, (paths, headers, status) in plan.items():
        check_answers(base_url=app.base_url, paths=paths[:3], headers=headers, status=status)
        common = {"base_url": app.base_url, "paths": paths, "headers": headers, "script_dir": VAR_DIR}
        one_request = profiles[name].ms / 1000 if name in profiles else 0
        if len(paths) > 1:
            # Pages cycled through many URLs are measured as the goal states them, cached: each
            # page is built once first (per worker when the cache is each process's own memory).
            times = 1 if os.environ.get("REDIS_URL") else server.GUNICORN_WORKERS
            client.warm(base_url=app.base_url, paths=paths, headers=headers, times=times)
            app.wait_idle()
        if one_request < knobs.warmup_seconds:  # else a warm-up answers nothing and leaves work behind
            server.wrk(**common, seconds=knobs.warmup_seconds)
            app.wait_idle()
        # A slow page gets long enough for MIN_ANSWERS answers: 8 connections share 3 workers.
        seconds = max(knobs.seconds, min(MAX_SECONDS, math.ceil(MIN_ANSWERS * one_request)))
        loads[name] = found = server.wrk(**common, seconds=seconds)
        app.wait_idle()
        longer = f", over {seconds} s" if seconds != knobs.seconds else ""
        say(f"  {name:18} {report.rate(found.rate):>8} req/s  (p50 {report.ms(found.p50_ms)}{longer})")
        if found.failed:
            say(f"  {name}: {found.failed} failed requests (see {app.log})")
    return loads


def measure_walks(*, app: server.App, urls: Urls, key: dict[str, str]) -> dict[str, client.Walk]:
    """A partner's full sync of ours and of the reference; again with gzip where the server compresses."""
    say("Full sync, following next at 100 a page ...")
    walks = {}
    for name, path, headers in (("ours", urls.ours_list, key), ("reference", urls.reference_list, {})):
        first_page = f"{app.base_url}{path}?page_size=100"
        walks[name] = client.sync_walk(url=first_page, headers=headers, gzip_accepted=False)
        say(f"  {name:18} {report.seconds(walks[name].seconds)}, {walks[name].requests} requests")
        _, answer_headers, _ = client.first_response(url=first_page, headers={**headers, "Accept-Encoding": "gzip"})
        if answer_headers.get("Content-Encoding") == "gzip":
            walks[f"{name}_gzip"] = found = client.sync_walk(url=first_page, headers=headers, gzip_accepted=True)
            say(f"  {name + ', gzip':18} {report.seconds(found.seconds)}, {report.size(found.wire_bytes)}")
    return walks


def http_figures(*, knobs: Knobs) -> tuple[list[Table], list[str]]:
    started = time.perf_counter()
    generated = generate.catalog_generate(devices=knobs.devices)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # statistics as a long-running database has them
    rebuilt = ", ".join(generated.rebuilt_with) or "nothing to rebuild"
    say(
        f"Generated {generated.devices:,} devices ({generated.spec_values:,} spec values, families of "
        f"{', '.join(f'{n:,}' for n in generated.families.values())}) in {time.perf_counter() - started:.1f} s; "
        f"then ran: {rebuilt}."
    )
    urls = catalog_urls(generated)
    key = partner_headers()
    profiles = measure_in_process(urls=urls, key=key)
    with server.gunicorn(env=APP_ENVIRON, log=VAR_DIR / "gunicorn.log") as app:
        loads = measure_loads(app=app, urls=urls, key=key, profiles=profiles, knobs=knobs)
        walks = measure_walks(app=app, urls=urls, key=key)
    notes = [
        f"The {name} sync walk saw {found.items:,} devices of {generated.devices:,}."
        for name, found in walks.items()
        if found.items != generated.devices
    ]
    return _http_tables(generated=generated, profiles=profiles, loads=loads, walks=walks), notes


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else float("nan")


def _http_tables(*, generated, profiles, loads, walks) -> list[Table]:
    def profile(p: client.Profile) -> str:
        return f"{report.ms(p.ms)}, {p.queries} queries, {report.size(p.bytes)}"

    def walk(w: client.Walk) -> str:
        return f"{report.seconds(w.seconds)}, {w.requests} requests, {report.size(w.wire_bytes)}"

    rows = []
    list_ratio = _ratio(loads["ours_list"].rate, loads["reference_list"].rate)
    rows.append(
        Row(
            "device list, 50 a page, req/s",
            report.rate(loads["ours_list"].rate),
            report.rate(loads["reference_list"].rate),
            report.times(list_ratio),
            "≥ 2× bare",
            list_ratio >= 2,
        )
    )
    rows.append(
        Row(
            "the same, one request in process",
            profile(profiles["ours_list"]),
            profile(profiles["reference_list"]),
            report.times(_ratio(profiles["ours_list"].ms, profiles["reference_list"].ms)) + " the time",
            "≤ 5 queries",
            profiles["ours_list"].queries <= 5,
        )
    )
    ours_queries = [profiles[k].queries for k in ("ours_list_10", "ours_list", "ours_list_100")]
    reference_queries = [profiles[k].queries for k in ("reference_list_10", "reference_list", "reference_list_100")]
    rows.append(
        Row(
            "queries at 10 / 50 / 100 a page",
            " / ".join(map(str, ours_queries)),
            " / ".join(map(str, reference_queries)),
            "",
            "the same at every size",
            len(set(ours_queries)) == 1,
        )
    )
    detail_ratio = _ratio(loads["ours_detail"].rate, loads["reference_detail"].rate)
    rows.append(
        Row(
            "device detail, req/s",
            report.rate(loads["ours_detail"].rate),
            report.rate(loads["reference_detail"].rate),
            report.times(detail_ratio),
            "≥ 1.5× bare",
            detail_ratio >= 1.5,
        )
    )
    rows.append(
        Row(
            "the same, one request in process",
            profile(profiles["ours_detail"]),
            profile(profiles["reference_detail"]),
            report.times(_ratio(profiles["ours_detail"].ms, profiles["reference_detail"].ms)) + " the time",
        )
    )
    ours_walk, reference_walk = walks["ours"], walks["reference"]
    sync_ratio = _ratio(ours_walk.seconds, reference_walk.seconds)
    rows.append(
        Row(
            f"full sync of {generated.devices:,} devices at 100 a page",
            walk(ours_walk),
            walk(reference_walk),
            report.times(sync_ratio) + " the time",
            "≤ 0.5× bare, ≤ 200 requests",
            sync_ratio <= 0.5 and ours_walk.requests <= 200,
        )
    )
    gzip_cells = []
    for name in ("ours", "reference"):
        found = walks.get(f"{name}_gzip")
        gzip_cells.append(walk(found) if found else f"not compressed ({report.size(walks[name].wire_bytes)})")
    rows.append(
        Row(
            "the same, gzip accepted",
            gzip_cells[0],
            gzip_cells[1],
            "",
            "compressed",
            "ours_gzip" in walks,
        )
    )
    first_last = _ratio(ours_walk.last_page_ms, ours_walk.first_page_ms)
    rows.append(
        Row(
            f"full sync: first and last {client.SAMPLE_PAGES} pages, median",
            f"{report.ms(ours_walk.first_page_ms)}, {report.ms(ours_walk.last_page_ms)}",
            f"{report.ms(reference_walk.first_page_ms)}, {report.ms(reference_walk.last_page_ms)}",
            report.times(first_last) + " last / first",
            "last ≤ 1.2× first",
            first_last <= 1.2,
        )
    )
    not_modified_ratio = _ratio(loads["not_modified"].rate, loads["healthz"].rate)
    rows.append(
        Row(
            "304 answer to a list with its ETag, req/s",
            report.rate(loads["not_modified"].rate),
            "",
            report.times(not_modified_ratio) + " healthz",
            "≥ 0.5× healthz",
            not_modified_ratio >= 0.5,
        )
    )
    rows.append(
        Row(
            "`/healthz/`, req/s",
            report.rate(loads["healthz"].rate),
            f"hello {report.rate(loads['hello'].rate)}",
            report.times(_ratio(loads["healthz"].rate, loads["hello"].rate)),
        )
    )
    page_ratio = _ratio(loads["device_page"].rate, loads["healthz"].rate)
    rows.append(
        Row(
            "public device page (HTML), req/s",
            f"{report.rate(loads['device_page'].rate)} ({profile(profiles['device_page'])})",
            "",
            report.times(page_ratio) + " healthz",
            "≥ 0.3× healthz",
            page_ratio >= 0.3,
        )
    )
    rows.append(
        Row("the same, built uncached (first view after a change), in process", profile(profiles["device_page_cold"]))
    )
    large, small = generated.families[generated.large_family], generated.families[generated.small_family]
    family_ratio = _ratio(loads["small_family"].rate, loads["large_family"].rate)
    rows.append(
        Row(
            f"family page with {large:,} devices (HTML)",
            f"{report.rate(loads['large_family'].rate)} req/s ({profile(profiles['large_family'])})",
            "",
            report.times(family_ratio) + f" the time of {small}",
            f"≤ 1.2× the page of {small}",
            family_ratio <= 1.2,
        )
    )
    rows.append(
        Row(
            f"family page with {small:,} devices (HTML)",
            f"{report.rate(loads['small_family'].rate)} req/s ({profile(profiles['small_family'])})",
        )
    )
    cold_ratio = profiles["large_family_cold"].ms / profiles["small_family_cold"].ms
    rows.append(
        Row(
            f"family pages of {large:,} and {small:,} devices, built uncached, in process",
            f"{profile(profiles['large_family_cold'])}; {profile(profiles['small_family_cold'])}",
            "",
            report.times(cold_ratio) + " the time",
        )
    )
    failed = {name: load.failed for name, load in loads.items() if load.failed}
    table = Table(
        title="API and pages",
        header=["path", "ours", "bare DRF", "ratio", "goal (issue 9)", "met"],
        rows=rows,
    )
    if failed:
        table.title += " (failed requests: " + ", ".join(f"{k} {v}" for k, v in failed.items()) + ")"
    return [table]


# --- PDF ----------------------------------------------------------------------------------


def _mib(kib: int) -> str:
    return f"{kib / 1024:.0f} MB"


def pdf_tables(*, knobs: Knobs) -> list[Table]:
    figures = render_workers.pdf_figures(renders=knobs.pdf_renders, memory_renders=knobs.pdf_memory_renders)
    ours1, bare1 = figures.runs["ours", 1], figures.runs["bare", 1]
    ours2, bare2 = figures.runs["ours", 2], figures.runs["bare", 2]
    rows = [
        Row(
            f"one worker: time per render (ours over {ours1.renders}, bare over {bare1.renders})",
            report.ms(ours1.ms_per_render),
            report.ms(bare1.ms_per_render),
            report.times(_ratio(ours1.ms_per_render, bare1.ms_per_render)) + " the time",
        ),
        Row(
            "one worker: renders/s",
            report.rate(ours1.rate),
            report.rate(bare1.rate),
            report.times(_ratio(ours1.rate, bare1.rate)),
        ),
        Row(
            "two workers: renders/s",
            report.rate(ours2.rate),
            report.rate(bare2.rate),
            report.times(_ratio(ours2.rate, bare2.rate)),
        ),
    ]
    ours_rss, bare_rss = dict(figures.memory["ours"]), dict(figures.memory["bare"])
    few, many = knobs.pdf_renders, knobs.pdf_memory_renders
    rows.append(
        Row(
            f"one worker's RSS after 1 and {few} renders",
            f"{_mib(ours_rss[1])} → {_mib(ours_rss[few])}",
            f"{_mib(bare_rss[1])} → {_mib(bare_rss[few])}",
            f"+{_mib(ours_rss[few] - ours_rss[1])} / +{_mib(bare_rss[few] - bare_rss[1])}",
        )
    )
    rows.append(
        Row(
            f"one worker's RSS over {many} renders",
            ", ".join(f"{_mib(kib)} after {n}" for n, kib in figures.memory["ours"] if n != few),
            "",
            f"+{_mib(ours_rss[many] - ours_rss[1])}",
        )
    )
    return [
        Table(
            title=f"Quote PDF (demo quote, {report.size(figures.pdf_bytes)})",
            header=["", "ours (render task)", "bare WeasyPrint", "ratio"],
            rows=rows,
        )
    ]


# --- The run ------------------------------------------------------------------------------


def _stop_on_signal(signum, frame) -> None:
    # SystemExit unwinds through the `finally` blocks that stop gunicorn, wrk and the workers.
    raise SystemExit(128 + signum)


def main() -> None:
    for stop_signal in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop_signal, _stop_on_signal)
    knobs = Knobs.from_environ()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    load_before = report.load_average()
    tables: list[Table] = []
    notes: list[str] = []
    try:
        postgres = fresh_database()
        if "http" in knobs.parts:
            http, http_notes = http_figures(knobs=knobs)
            tables += http
            notes += http_notes
        if "pdf" in knobs.parts:
            say(
                f"PDF: {knobs.pdf_memory_renders} renders by one worker of ours, then "
                f"{knobs.pdf_renders} a worker for the others ..."
            )
            fresh_database()
            tables += pdf_tables(knobs=knobs)
    except BenchError as exc:
        raise SystemExit(f"make bench: {exc}") from None
    intro = [
        f"Machine: {report.machine(postgres=postgres)}; load average {load_before} before the run,"
        f" {report.load_average()} after (other jobs share the machine: compare ratios within one run).",
        f"gunicorn {server.GUNICORN_WORKERS} sync workers, DEBUG=0, "
        f"{'Redis' if os.environ.get('REDIS_URL') else 'local-memory'} cache; "
        f"wrk -t1 -c8 -d{knobs.seconds}s per URL after a {knobs.warmup_seconds} s warm-up.",
    ]
    document = report.document(intro=intro, tables=tables, notes=notes)
    RESULTS.write_text(document)
    say("\n" + document)
    say(f"(written to {RESULTS.relative_to(environment.BASE_DIR)})")
