"""Faults on demand: the local relay misbehaving on purpose, so users can test their handling.

`LocalRelay.faults` holds them; each matches requests by method and path (`*` matches within a
path segment, `**` across segments), applies to the next `times` matching requests (None: all),
and is logged as it fires. A fault can answer with an error status (and `Retry-After`), delay
the answer, cut a response's body off after so many SSE events or bytes, as a network drop
does (the connection closes mid-body, without the end of the chunked stream), or stall it. A
run fault ends an agent's run with an error after so many chunks.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import re
import threading
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("agents21.local")

__all__ = ["Fault", "Faults", "RunFault"]


@dataclass
class Fault:
    """One fault and what is left of it; see `Faults` for how to add one."""

    method: str
    path: re.Pattern[str]
    route: str
    times: int | None
    status: int | None = None
    retry_after: float | None = None
    delay_s: float = 0.0
    # Where a response's body is cut: after so many SSE events or bytes. There the connection
    # drops, or with `stall_s` the body is held that long and then goes on.
    cut_after_events: int | None = None
    cut_after_bytes: int | None = None
    stall_s: float = 0.0


@dataclass
class RunFault:
    """A run that is to fail: which agent's, after how many of its chunks, with what error."""

    agent: str
    after_chunks: int
    error: str
    times: int | None


class _Dropped(Exception):
    """Ends the response mid-body: the server closes the connection, as a network drop does."""


def _route(route: str) -> tuple[str, re.Pattern[str]]:
    method, _, path = route.strip().partition(" ")
    if not path.startswith("/") or not method.isalpha():
        raise ValueError(f'a route is "METHOD /path", like "POST /v1/sandboxes"; got {route!r}')
    # `**` crosses segments, `*` stays within one
    pattern = re.escape(path).replace(r"\*\*", ".*").replace(r"\*", "[^/]*")
    return method.upper(), re.compile(pattern + r"\Z")


class Faults:
    """The faults of one relay. Safe to change from any thread while the relay runs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._run_faults: list[RunFault] = []

    def fail(
        self,
        route: str,
        status: int = 503,
        *,
        times: int | None = 1,
        retry_after: float | None = None,
    ) -> Fault:
        """Answer matching requests with `status` (a JSON error body, and `Retry-After` when
        given) instead of serving them."""
        if not 400 <= status <= 599:
            raise ValueError(f"status must be a 4xx or 5xx code, got {status}")
        return self._add(route, times, status=status, retry_after=retry_after)

    def delay(self, route: str, seconds: float, *, times: int | None = 1) -> Fault:
        """Hold matching requests `seconds` before serving them."""
        if seconds < 0:
            raise ValueError("seconds must be >= 0")
        return self._add(route, times, delay_s=seconds)

    def drop_stream(
        self,
        route: str = "POST /v1/chat/*",
        *,
        after_events: int | None = None,
        after_bytes: int | None = None,
        times: int | None = 1,
    ) -> Fault:
        """Cut the body of matching responses off after `after_events` SSE events or
        `after_bytes` bytes, closing the connection as a network drop does."""
        if (after_events is None) == (after_bytes is None):
            raise ValueError("give one of after_events and after_bytes")
        if (after_events or 0) < 0 or (after_bytes or 0) < 0:
            raise ValueError("after_events and after_bytes must be >= 0")
        return self._add(route, times, cut_after_events=after_events, cut_after_bytes=after_bytes)

    def stall_stream(
        self,
        route: str = "POST /v1/chat/*",
        *,
        after_events: int,
        seconds: float,
        times: int | None = 1,
    ) -> Fault:
        """Hold the body of matching responses `seconds` after `after_events` SSE events, then
        go on: a stream that goes silent."""
        if after_events < 0 or seconds < 0:
            raise ValueError("after_events and seconds must be >= 0")
        return self._add(route, times, cut_after_events=after_events, stall_s=seconds)

    def fail_run(
        self,
        agent: str = "*",
        *,
        after_chunks: int = 0,
        error: str = "the agent failed on purpose",
        times: int | None = 1,
    ) -> RunFault:
        """End the next run of `agent` (`*`: any) with `error` after `after_chunks` chunks of
        its own: the thread records the error, as when a model fails mid-run."""
        if after_chunks < 0:
            raise ValueError("after_chunks must be >= 0")
        if times is not None and times < 1:
            raise ValueError("times must be >= 1, or None for every run")
        fault = RunFault(agent, after_chunks, error, times)
        with self._lock:
            self._run_faults.append(fault)
        return fault

    def take_run(self, agent: str) -> RunFault | None:
        """The first run fault for a new run of `agent`, used up by one."""
        with self._lock:
            for fault in self._run_faults:
                if fault.agent in ("*", agent):
                    if fault.times is not None:
                        fault.times -= 1
                        if fault.times == 0:
                            self._run_faults.remove(fault)
                    log.warning(
                        "fault: the run of %s fails after %d chunks", agent, fault.after_chunks
                    )
                    return fault
        return None

    def add_spec(self, spec: dict[str, Any]) -> None:
        """A fault from a config file's `[[faults]]` table; a ValueError names what is wrong.

        `route` with `status` (and `times`, `retry_after`), `delay_s`, `drop_after_events` or
        `drop_after_bytes`, or `stall_after_events` with `stall_s`; or `run` (an agent, `*` for
        any) with `after_chunks` and `error`.
        """
        known = {"route", "status", "times", "retry_after", "delay_s", "drop_after_events"}
        known |= {"drop_after_bytes", "stall_after_events", "stall_s", "run", "after_chunks"}
        known |= {"error"}
        unknown = sorted(set(spec) - known)
        if unknown:
            raise ValueError(f"unknown key {unknown[0]!r}")
        times = spec.get("times", 1)
        if times is not None and (isinstance(times, bool) or not isinstance(times, int)):
            raise ValueError("times must be an integer")
        if "run" in spec:
            self.fail_run(
                str(spec["run"]),
                after_chunks=_number(spec, "after_chunks", int) if "after_chunks" in spec else 0,
                error=str(spec.get("error", "the agent failed on purpose")),
                times=times,
            )
            return
        route = spec.get("route")
        if not isinstance(route, str):
            raise ValueError('route ("METHOD /path") or run (an agent) is required')
        if "status" in spec:
            retry_after = spec.get("retry_after")
            self.fail(
                route,
                _number(spec, "status", int),
                times=times,
                retry_after=None if retry_after is None else _number(spec, "retry_after", float),
            )
        elif "delay_s" in spec:
            self.delay(route, _number(spec, "delay_s", float), times=times)
        elif "stall_after_events" in spec:
            after = _number(spec, "stall_after_events", int)
            seconds = _number(spec, "stall_s", float) if "stall_s" in spec else 0.0
            self.stall_stream(route, after_events=after, seconds=seconds, times=times)
        elif "drop_after_events" in spec or "drop_after_bytes" in spec:
            kind = "drop_after_events" if "drop_after_events" in spec else "drop_after_bytes"
            count = _number(spec, kind, int)
            if kind == "drop_after_events":
                self.drop_stream(route, after_events=count, times=times)
            else:
                self.drop_stream(route, after_bytes=count, times=times)
        else:
            raise ValueError("say what the fault does: status, delay_s, drop_after_*, stall_*")

    def clear(self) -> None:
        """Remove every fault."""
        with self._lock:
            self._faults.clear()
            self._run_faults.clear()

    def _add(self, route: str, times: int | None, **what: Any) -> Fault:
        if times is not None and times < 1:
            raise ValueError("times must be >= 1, or None for every request")
        method, path = _route(route)
        fault = Fault(method, path, route, times, **what)
        with self._lock:
            self._faults.append(fault)
        return fault

    def take(self, method: str, path: str) -> Fault | None:
        """The first fault that matches a request, used up by one."""
        with self._lock:
            for fault in self._faults:
                if fault.method == method and fault.path.match(path):
                    if fault.times is not None:
                        fault.times -= 1
                        if fault.times == 0:
                            self._faults.remove(fault)
                    return fault
        return None


def _number(spec: dict[str, Any], key: str, kind: type[int] | type[float]) -> Any:
    value = spec[key]
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (kind is int and not isinstance(value, int))
    ):
        raise ValueError(f"{key} must be {'an integer' if kind is int else 'a number'}")
    return kind(value)


class FaultMiddleware:
    """Applies the relay's faults to its requests (outermost, so it sees every request)."""

    def __init__(self, app: ASGIApp, faults: Faults) -> None:
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        fault = self.faults.take(scope["method"], scope["path"])
        if fault is None:
            await self.app(scope, receive, send)
            return
        log.warning("fault %r fires on %s %s", fault.route, scope["method"], scope["path"])
        if fault.delay_s:
            await asyncio.sleep(fault.delay_s)
        if fault.status is not None:
            await _error(send, fault)
            return
        if fault.cut_after_events is None and fault.cut_after_bytes is None:
            await self.app(scope, receive, send)
            return
        # The response is left unfinished: the server closes the connection.
        with contextlib.suppress(_Dropped):
            await self.app(scope, receive, _cutting(send, fault))


def _cutting(send: Send, fault: Fault) -> Send:
    left_events, left_bytes = fault.cut_after_events, fault.cut_after_bytes

    async def cut(message: Message) -> None:
        nonlocal left_events, left_bytes
        if message["type"] != "http.response.body":
            await send(message)
            return
        body: bytes = message.get("body", b"")
        if left_bytes is not None:
            if len(body) >= left_bytes:
                await send(
                    {"type": "http.response.body", "body": body[:left_bytes], "more_body": True}
                )
                raise _Dropped
            left_bytes -= len(body)
        elif left_events is not None:
            events = body.count(b"\n\n")
            if events >= left_events:
                end = 0
                for _ in range(left_events):
                    end = body.index(b"\n\n", end) + 2
                await send({"type": "http.response.body", "body": body[:end], "more_body": True})
                if not fault.stall_s:
                    raise _Dropped
                await asyncio.sleep(fault.stall_s)  # a silent stream, then it goes on
                left_events = None
                message = {**message, "body": body[end:]}
            else:
                left_events -= events
        await send(message)

    return cut


async def _error(send: Send, fault: Fault) -> None:
    assert fault.status is not None
    body = json.dumps(
        {
            "error": {
                "code": "fault_injected",
                "message": f"fault {fault.route!r} (status {fault.status})",
            }
        }
    ).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if fault.retry_after is not None:
        headers.append((b"retry-after", str(math.ceil(fault.retry_after)).encode()))
    await send({"type": "http.response.start", "status": fault.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
