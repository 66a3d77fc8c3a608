"""Waiting, worker threads and cancel shields, in an async pair and a blocking pair
(unasync maps `asleep` to `sleep`, and so on).

The async ones import anyio and asyncio when first called: the blocking client never loads asyncio.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import anyio

T = TypeVar("T")


def monotonic() -> float:
    return time.monotonic()


async def asleep(seconds: float) -> None:
    import anyio

    await anyio.sleep(seconds)


def sleep(seconds: float) -> None:
    time.sleep(seconds)


async def aoffload(fn: Callable[..., T], *args: Any) -> T:
    """Run blocking local work (disk I/O) in a worker thread, off the event loop."""
    import anyio.to_thread

    return await anyio.to_thread.run_sync(fn, *args)


def arunning_loop() -> object | None:
    """The asyncio event loop running this (None under another async library)."""
    import asyncio

    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def running_loop() -> object | None:
    """The blocking client's `arunning_loop`: it runs in no event loop."""
    return None


def ashielded() -> anyio.CancelScope:
    """A block that finishes even while its task is being cancelled (a cleanup that must
    reach the server, say)."""
    import anyio

    return anyio.CancelScope(shield=True)


def shielded() -> contextlib.nullcontext[None]:
    """The blocking client's `ashielded`: nothing cancels it."""
    return contextlib.nullcontext()


def offload(fn: Callable[..., T], *args: Any) -> T:
    """The blocking client's `aoffload`: run it here."""
    return fn(*args)
