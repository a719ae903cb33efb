"""PDF render workers: spawned processes, each set up from scratch as a Celery worker child is.

A spawned process starts without Django, so this module sets it up before importing the
code that needs the apps; in the bench process, which set Django up already, that is a no-op.
"""

import multiprocessing
import queue
from dataclasses import dataclass

import django

django.setup()

from django.db import connection  # noqa: E402

from bench import pdf  # noqa: E402
from bench.environment import BenchError  # noqa: E402

RESULT_SECONDS = 1800


def work(kind: str, revision_id: int, html: str, renders: int, marks: list[int], barrier, results) -> None:
    """The worker process: run the loop, hand back its figures or its error."""
    try:
        results.put(
            pdf.render_loop(
                kind=kind, revision_id=revision_id, html=html, renders=renders, marks=marks, barrier=barrier
            )
        )
    except Exception as exc:
        barrier.abort()  # the others stop waiting for this one
        results.put({"error": f"{type(exc).__name__}: {exc}"})


@dataclass(frozen=True)
class RenderRun:
    kind: str
    workers: int
    renders: int  # in all
    seconds: float  # the slowest worker's loop

    @property
    def rate(self) -> float:
        return self.renders / self.seconds

    @property
    def ms_per_render(self) -> float:
        return self.seconds * 1000 * self.workers / self.renders


def run_workers(
    *, kind: str, subject: pdf.RenderSubject, workers: int, renders: int, marks: tuple[int, ...] = ()
) -> tuple[RenderRun, list[tuple[int, int]]]:
    """`workers` processes rendering `renders` each, side by side; the run, and the first worker's RSS marks."""
    spawn = multiprocessing.get_context("spawn")
    barrier, results = spawn.Barrier(workers), spawn.Queue()
    connection.close()  # each worker opens its own
    processes = [
        spawn.Process(
            target=work,
            args=(kind, subject.revision_ids[n], subject.html, renders, list(marks), barrier, results),
            daemon=True,
        )
        for n in range(workers)
    ]
    for process in processes:
        process.start()
    found: list[dict] = []
    try:
        waited = 0
        while len(found) < workers:
            try:
                found.append(results.get(timeout=1))
            except queue.Empty:
                waited += 1
                dead = [p.exitcode for p in processes if p.exitcode not in (None, 0)]
                if dead:
                    raise BenchError(f"a {kind} render worker died with exit code {dead[0]}") from None
                if waited > RESULT_SECONDS:
                    raise BenchError(f"the {kind} render workers gave no figures in {RESULT_SECONDS} s") from None
    finally:
        for process in processes:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
    errors = [f["error"] for f in found if "error" in f]
    if errors:
        raise BenchError(f"a {kind} render worker failed: {errors[0]}")
    run = RenderRun(kind=kind, workers=workers, renders=renders * workers, seconds=max(f["seconds"] for f in found))
    return run, found[0]["rss"]


@dataclass(frozen=True)
class PdfFigures:
    runs: dict[tuple[str, int], RenderRun]  # by (kind, workers)
    memory: dict[str, list[tuple[int, int]]]  # by kind: (renders done, RSS in KiB) of its one-worker run
    pdf_bytes: int


def pdf_figures(*, renders: int, memory_renders: int) -> PdfFigures:
    """Ours with one worker for `memory_renders` (its time and memory), two workers; bare with one and two."""
    subject = pdf.quote_render_subject(copies=2)
    marks = {1, renders, 50, *range(100, memory_renders + 1, 100), memory_renders}
    runs, memory = {}, {}
    runs["ours", 1], memory["ours"] = run_workers(
        kind="ours", subject=subject, workers=1, renders=memory_renders, marks=tuple(sorted(marks))
    )
    runs["ours", 2], _ = run_workers(kind="ours", subject=subject, workers=2, renders=renders)
    runs["bare", 1], memory["bare"] = run_workers(
        kind="bare", subject=subject, workers=1, renders=renders, marks=(1, renders)
    )
    runs["bare", 2], _ = run_workers(kind="bare", subject=subject, workers=2, renders=renders)
    return PdfFigures(runs=runs, memory=memory, pdf_bytes=pdf.rendered_size(subject))
