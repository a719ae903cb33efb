"""The results as a Markdown table ready for the README, with the machine they were measured on."""

import math
import os
import platform
from dataclasses import dataclass, field
from datetime import date


@dataclass
class Row:
    path: str
    ours: str
    reference: str = ""
    ratio: str = ""
    goal: str = ""
    met: bool | None = None  # None: no goal, or not measured

    def cells(self) -> list[str]:
        met = "" if self.met is None else ("yes" if self.met else "**no**")
        return [self.path, self.ours, self.reference, self.ratio, self.goal, met]


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[Row] = field(default_factory=list)

    def markdown(self) -> str:
        lines = [
            f"| {' | '.join(self.header)} |",
            "|" + "|".join("---" if i == 0 or i >= 4 else "---:" for i in range(len(self.header))) + "|",
        ]
        lines += [f"| {' | '.join(row.cells()[: len(self.header)])} |" for row in self.rows]
        return f"{self.title}\n\n" + "\n".join(lines)


def rate(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}" if value >= 1 else f"{value:.2f}"


def times(value: float) -> str:
    if math.isnan(value):
        return "–"
    return f"{value:.2f}×" if value < 10 else f"{value:.0f}×"


def size(n_bytes: float) -> str:
    if n_bytes >= 1024 * 1024:
        return f"{n_bytes / 1024 / 1024:.1f} MB"
    return f"{n_bytes / 1024:.0f} KB" if n_bytes >= 1024 else f"{n_bytes:.0f} B"


def ms(value: float) -> str:
    return f"{value:,.0f} ms" if value >= 10 else f"{value:.1f} ms"


def seconds(value: float) -> str:
    return f"{value:,.0f} s" if value >= 10 else f"{value:.1f} s"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory() -> str:
    try:
        with open("/proc/meminfo") as info:
            for line in info:
                if line.startswith("MemTotal:"):
                    return f"{int(line.split()[1]) / 1024 / 1024:.0f} GB RAM"
    except OSError:
        pass
    return "RAM unknown"


def machine(*, postgres: str) -> str:
    return (
        f"{os.cpu_count()} × {_cpu_model()}, {_memory()}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, PostgreSQL {postgres}"
    )


def load_average() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (5 min: {five:.1f})"


def document(*, intro: list[str], tables: list[Table], notes: list[str]) -> str:
    parts = [f"Measured {date.today().isoformat()}. " + " ".join(intro)]
    parts += [table.markdown() for table in tables]
    if notes:
        parts.append("\n".join(f"- {note}" for note in notes))
    return "\n\n".join(parts) + "\n"
