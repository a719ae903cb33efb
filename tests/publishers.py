"""Stand-ins for quotes.dispatch.publisher, the one seam between the use cases and the broker."""

from celery import current_app


class RecordingPublisher:
    """Records the tasks the use cases publish instead of publishing them.

    Work meant for a background thread (the outbox relay) runs inline, so it sees the test's
    own transaction. `refuse_with` makes every publish raise, as a broker that is down does.
    """

    def __init__(self):
        self.published: list[tuple[str, tuple]] = []
        self.refuse_with: Exception | None = None

    def publish(self, task_name: str, args: tuple, *, countdown: int = 0, retry_policy: dict | None = None) -> None:
        if task_name not in current_app.tasks:
            current_app.loader.import_default_modules()
        assert task_name in current_app.tasks, f"no task is named {task_name}"
        if self.refuse_with is not None:
            raise self.refuse_with
        self.published.append((task_name.rsplit(".", 1)[-1], tuple(args)))

    def in_background(self, function, *args, **kwargs) -> bool:
        function(*args, **kwargs)
        return True

    def wait_idle(self, timeout: float = 30) -> bool:
        return True

    def of(self, task: str) -> list:
        """The arguments of each publish of `task` (the first argument alone when it is the only one)."""
        return [args[0] if len(args) == 1 else args for name, args in self.published if name == task]

    def clear(self) -> None:
        self.published.clear()
