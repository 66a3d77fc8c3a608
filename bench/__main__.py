"""`python -m bench` (`make bench`): every benchmark, each in its own process, then one table.

Each benchmark prints its own figures and writes them under bench/results/; this runner reads
those records back and lines them up. It exits non-zero when a target was missed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from ._common import RESULTS, fmt, ratio_text

ROOT = Path(__file__).resolve().parent.parent
# (name, command): ours run as modules; relay.py is a script.
BENCHMARKS = [
    ("overhead", ["-m", "bench.overhead"]),
    ("loopback", ["-m", "bench.loopback"]),
    ("stream", ["-m", "bench.stream"]),
    ("first_chunk", ["-m", "bench.first_chunk"]),
    ("fanout", ["-m", "bench.fanout"]),
    ("concurrency", ["-m", "bench.concurrency"]),
    ("imports", ["-m", "bench.imports"]),
    ("memory", ["-m", "bench.memory"]),
    ("relay", ["bench/relay.py"]),
    ("history", ["-m", "bench.history"]),
]


def newest(name: str, since: float) -> dict[str, Any] | None:
    paths = [p for p in RESULTS.glob(f"{name}-*.json") if p.stat().st_mtime >= since]
    if not paths:
        return None
    data: dict[str, Any] = json.loads(max(paths, key=lambda p: p.stat().st_mtime).read_text())
    return data


def relay_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """bench/relay.py's record, in the shape of the others' rows (it has no targets)."""
    ex, st = data["exec"], data["streams"]
    readers = st.get("readers", "")
    return [
        {
            "figure": "relay exec `true` (POST /exec)",
            "value": ex["relay_exec_ms"] / 1e3,
            "baseline_name": "subprocess.run(sh -c true)",
            "baseline": ex["subprocess_ms"] / 1e3,
            "unit": "s",
            "ratio": ex["ratio"],
            "target": "",
            "met": None,
        },
        {
            "figure": f"relay: {readers} echo runs at once, total",
            "value": st["concurrent_runs_total_s"],
            "baseline_name": "one reader alone",
            "baseline": st["one_reader_s"],
            "unit": "s",
            "ratio": st["concurrent_runs_ratio"],
            "target": "",
            "met": None,
        },
        {
            "figure": f"relay: {readers} readers of one run, total",
            "value": st["shared_run_total_s"],
            "baseline_name": "one reader of an identical run",
            "baseline": st["shared_run_one_reader_s"],
            "unit": "s",
            "ratio": st["shared_run_ratio"],
            "target": "",
            "met": None,
        },
    ]


def target_text(row: dict[str, Any]) -> str:
    if not row["target"]:
        return "-"
    return row["target"] + (" " + row["unit"] if row.get("absolute") else "")


def main() -> int:
    started = time.time()
    table: list[tuple[str, dict[str, Any]]] = []
    failed: list[str] = []
    for name, command in BENCHMARKS:
        print(f"\n=== {name} " + "=" * (60 - len(name)), flush=True)
        since = time.time() - 1
        code = subprocess.run([sys.executable, *command], cwd=ROOT).returncode
        data = newest(name, since)
        if data is None:
            failed.append(f"{name} (exit {code}, no results)")
            continue
        rows = relay_rows(data) if name == "relay" else data["rows"]
        table += [(name, row) for row in rows]
        if code != 0 and all(row["met"] is not False for row in rows):
            failed.append(f"{name} (exit {code})")
    elapsed = time.time() - started

    print(f"\n=== summary ({elapsed:.0f} s) " + "=" * 48)
    header = f"{'bench':<12}{'figure':<52}{'ours':>12}{'baseline':>12}{'ratio':>9}  {'target':<12}"
    print(header)
    print("-" * len(header))
    missed = 0
    for name, row in table:
        mark = {True: "ok", False: "MISSED", None: ""}[row["met"]]
        missed += row["met"] is False
        print(
            f"{name:<12}{row['figure'][:51]:<52}{fmt(row['value'], row['unit']):>12}"
            f"{fmt(row['baseline'], row['unit']):>12}"
            f"{ratio_text(row):>9}  "
            f"{target_text(row):<12}{mark}"
        )
        print(f"{'':<14}vs {row['baseline_name']}")
    for failure in failed:
        print(f"FAILED: {failure}")
    print(f"{len(table)} figures, {missed} targets missed")
    return 1 if missed or failed else 0


if __name__ == "__main__":
    sys.exit(main())
