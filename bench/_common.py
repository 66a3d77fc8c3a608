"""What the benchmarks share: side-by-side timing, a row format, printing and the JSON record.

Every figure is a ratio against a baseline measured in the same run: contenders are timed in
alternating rounds (the order rotates each round) and compared by their medians, so that a noisy
machine slows both sides alike.
"""

from __future__ import annotations

import gc
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results"


@dataclass
class Row:
    """One figure: our value against its baseline, the ratio, and the target it must meet."""

    figure: str
    value: float
    baseline_name: str
    baseline: float
    unit: str
    target: str = ""  # like "<= 1.3" or ">= 0.5"; empty when there is none
    absolute: bool = False  # the target bounds the value (in `unit`), not the ratio
    # The baseline is context, not a scale: the ratio is not printed (a floor that grows by
    # about nothing, say).
    comparable: bool = True
    ratio: float = field(init=False)
    met: bool | None = field(init=False)

    def __post_init__(self) -> None:
        self.ratio = self.value / self.baseline if self.baseline else float("inf")
        self.met = meets(self.value if self.absolute else self.ratio, self.target)

    @property
    def target_text(self) -> str:
        if not self.target:
            return "no target"
        return f"target {self.target}{' ' + self.unit if self.absolute else ''}"


def meets(ratio: float, target: str) -> bool | None:
    if not target:
        return None
    op, _, bound = target.partition(" ")
    limit = float(bound)
    return ratio <= limit if op == "<=" else ratio >= limit


def interleave(
    contenders: dict[str, Callable[[], float]], rounds: int, warmup: int = 1, collect: bool = True
) -> dict[str, list[float]]:
    """Each contender returns one measurement; run them in turn, rotating the order each round.

    With `collect`, a garbage collection runs before each measurement (for long ones)."""
    names = list(contenders)
    for _ in range(warmup):
        for name in names:
            contenders[name]()
    samples: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            if collect:
                gc.collect()
            samples[name].append(contenders[name]())
    return samples


def timed(fn: Callable[[], object]) -> Callable[[], float]:
    """A contender that times one call of `fn` (seconds)."""

    def run() -> float:
        t0 = time.perf_counter()
        fn()
        return time.perf_counter() - t0

    return run


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def fmt(value: float, unit: str) -> str:
    if unit == "s":
        if value < 1e-3:
            return f"{value * 1e6:.1f} µs"
        if value < 1:
            return f"{value * 1e3:.2f} ms"
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.1f} MB"
    if unit == "/s":
        return f"{value:,.0f}/s"
    return f"{value:.3g} {unit}".strip()


def ratio_text(row: dict[str, Any]) -> str:
    """The ratio as printed, from a row's record: n/a where it says nothing."""
    meaningful = row.get("comparable", True) and row["value"] > 0 and row["baseline"] > 0
    return f"{row['ratio']:.3f}" if meaningful else "n/a"


def show(title: str, rows: list[Row], notes: Iterable[str] = ()) -> None:
    print(title)
    for row in rows:
        mark = {True: "ok", False: "MISSED", None: ""}[row.met]
        target = row.target_text
        print(f"  {row.figure:<50}{fmt(row.value, row.unit):>16}")
        print(
            f"    vs {row.baseline_name:<45}{fmt(row.baseline, row.unit):>16}"
            f"   ratio {ratio_text(asdict(row)):>7}   {target:<18}{mark}"
        )
    for note in notes:
        print(f"  note: {note}")


def record(name: str, rows: list[Row], **extra: Any) -> Path:
    """Write the benchmark's numbers to bench/results/<name>-<time>.json; return the path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    path = RESULTS / f"{name}-{stamp}.json"
    data = {
        "benchmark": name,
        "time": stamp,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "rows": [asdict(row) for row in rows],
        **extra,
    }
    path.write_text(json.dumps(data, indent=2, default=str) + "\n")
    print(f"  results: {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return path


@contextmanager
def relay_process() -> Iterator[tuple[str, str]]:
    """The local relay as `agents21 serve` runs it, in a child process of its own (so that it
    never shares the measured interpreter) on a free port and a fresh data dir; yields its URL
    and API key, read from the banner's `export` line."""
    with tempfile.TemporaryDirectory() as data_dir:
        proc = subprocess.Popen(
            [sys.executable, "-m", "agents21.local", "--port", "0", "--data-dir", data_dir],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            assert proc.stdout is not None
            found = {}
            for line in proc.stdout:
                if line.strip().startswith("export "):
                    found = dict(w.split("=", 1) for w in line.split()[1:])
                    break
            if "BASE_URL_21ST" not in found or "API_KEY_21ST" not in found:
                raise RuntimeError("the local relay did not start")
            yield found["BASE_URL_21ST"], found["API_KEY_21ST"]
        finally:
            proc.terminate()  # uvicorn shuts down gracefully on SIGTERM
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
