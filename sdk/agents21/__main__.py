"""`python -m agents21`: the command line."""

from __future__ import annotations

import sys


def main() -> None:
    from .cli import main as run

    sys.exit(run())


if __name__ == "__main__":
    main()
