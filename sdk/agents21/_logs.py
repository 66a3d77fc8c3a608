"""The `agents21` logger; `AGENTS21_LOG=debug` (or info, warning, error) prints it."""

from __future__ import annotations

import logging
import os

logger = logging.getLogger("agents21")


def _configure_logging() -> None:
    level = os.environ.get("AGENTS21_LOG", "").upper()
    if level in {"DEBUG", "INFO", "WARNING", "ERROR"} and not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(level)


_configure_logging()
