"""Import cost: `python -X importtime -c "import agents21"` against `import httpx`.

Each statement runs in a fresh interpreter, alternating, many times; the figure is the sum of the
self times `-X importtime` reports for every module the statement imports (modules that the
interpreter imports at start-up, measured with `-c pass`, are left out), median over the runs.
Targets: `import agents21` <= 1.5x `import httpx`, and a client (`from agents21 import
AgentClient`, which loads httpx) <= 1.3x: the endpoint modules, the models and the stream
machinery load with the first call that needs them.
"""

from __future__ import annotations

import subprocess
import sys

from ._common import Row, interleave, median, record, show

ROUNDS = 15


def imported(statement: str) -> dict[str, int]:
    """Module -> self time (µs) for one fresh run of `statement`."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        capture_output=True,
        text=True,
        check=True,
    )
    times: dict[str, int] = {}
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, _, name = line.removeprefix("import time:").split("|")
        times[name.strip()] = int(self_us)
    return times


def main() -> int:
    startup = set(imported("pass"))
    modules: dict[str, set[str]] = {}

    def cost(statement: str) -> float:
        times = {m: t for m, t in imported(statement).items() if m not in startup}
        modules[statement] = set(times)
        return sum(times.values()) / 1e6

    statements = {
        "agents21": "import agents21",
        "client": "from agents21 import AgentClient",
        "async client": "from agents21 import AsyncAgentClient",
        "httpx": "import httpx",
    }
    samples = interleave(
        {name: (lambda s=s: cost(s)) for name, s in statements.items()},
        rounds=ROUNDS,
        collect=False,
    )
    t = {name: median(values) for name, values in samples.items()}
    rows = [
        Row("import agents21", t["agents21"], "import httpx", t["httpx"], "s", "<= 1.5"),
        Row("from agents21 import AgentClient", t["client"], "import httpx", t["httpx"], "s", "<= 1.3"),
        Row("from agents21 import AsyncAgentClient", t["async client"], "import httpx", t["httpx"], "s", "<= 1.3"),
    ]  # fmt: skip
    loaded = sorted(modules["import agents21"])
    show(
        f"import cost (-X importtime, sum of self times), median of {ROUNDS} alternating runs",
        rows,
        [f"`import agents21` loads {len(loaded)} modules: {', '.join(loaded)}"],
    )
    record("imports", rows, rounds=ROUNDS, samples_s=samples, agents21_modules=loaded)
    return 0 if all(row.met is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
