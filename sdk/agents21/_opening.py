"""`async with client.threads.run(...) as run:` without `await`, as aiohttp's request context
and Anthropic's stream managers allow; `run = await client.threads.run(...)` works too.

The async client's `threads.run` and `threads.resume` return an `AsyncRunRequest`: awaiting it
opens the run, and so does entering it (the request goes out in `__aenter__`). The blocking
client opens the run in the call itself, so for it these names are the identity: the code
generator maps `AsyncRunRequest` to `Just` and `run_request` to `just`.
"""

from __future__ import annotations

from collections.abc import Coroutine, Generator
from types import TracebackType
from typing import Annotated, Any, Generic, Protocol, TypeVar

T = TypeVar("T")


class _AsyncClosable(Protocol):
    async def __aenter__(self) -> Any: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


R = TypeVar("R", bound="_AsyncClosable | None", covariant=True)


class AsyncRunRequest(Generic[R]):
    """A run being opened: `await` it, or `async with` it (None when nothing is streaming)."""

    __slots__ = ("_opened", "_opening")

    def __init__(self, opening: Coroutine[Any, Any, R]) -> None:
        self._opening = opening
        self._opened: R | None = None

    def __await__(self) -> Generator[Any, None, R]:
        return self._opening.__await__()

    async def __aenter__(self) -> R:
        opened = self._opened = await self._opening
        if opened is not None:
            await opened.__aenter__()
        return opened

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._opened is not None:
            await self._opened.__aexit__(exc_type, exc, tb)


def run_request(opening: Coroutine[Any, Any, R]) -> AsyncRunRequest[R]:
    return AsyncRunRequest(opening)


# The blocking client's names for the same: the run itself, already open.
Just = Annotated[T, "opened"]


def just(opened: T) -> T:
    return opened
