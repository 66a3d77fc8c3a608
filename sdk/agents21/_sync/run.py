# Generated from _async/ by tools/unasync_sdk.py (make generate). Do not edit.
"""Runs: a streamed run to iterate (with automatic resume and cancel), and a background run."""

from __future__ import annotations

import contextlib
from collections.abc import Generator, Iterator, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, Self, cast
from urllib.parse import quote

import httpx

from agents21_api.models import Thread, ThreadUsage, UIMessage

from .. import _endpoints as endpoints
from .._aiohttp_transport import unwrapped_body
from .._concurrency import monotonic, shielded, sleep
from .._errors import APIConnectionError, APIStatusError, RunCancelledError, RunFailedError
from .._logs import logger
from .._resume import JoinGate, catch_up
from .._retry import retry_delay
from .._sse import SSEDecoder
from .._ui_stream import DONE_EVENT, sse_event, unencoded
from ..stream import (
    Chunk,
    MessageAccumulator,
    StartChunk,
    TextDeltaChunk,
    decode_chunk,
    parse_chunk,
)

if TYPE_CHECKING:
    from .client import AgentClient

# A thread in one of these has its run's end recorded ("idle": the run has not started).
_ENDED = ("completed", "error", "cancelled")
# How long to wait for a run's end to be recorded after its stream ended: 10 x 0.2 s.
_SETTLE_POLLS = 10
_SETTLE_INTERVAL_S = 0.2


class _StreamEnded(Exception):
    """The connection closed before `[DONE]`."""


class _OtherRun(Exception):
    """The resume stream carries another run of the sandbox: ours ended while we were away."""


class Run:
    """A streamed agent run: iterate it for typed chunks, or ask for the final message.

    If the connection drops or times out before the run ends, the run reconnects to its resume
    URL (up to the client's `max_resume_attempts`). The caller never sees a chunk twice, and
    the chunks it sees add up to the stored message: what a live join (production's resume)
    or the run's end missed comes from the stored thread at the end. Leaving the `with` block
    closes the connection; the run itself goes on on the server until it ends or `cancel()`
    is called.
    """

    def __init__(
        self,
        client: AgentClient,
        *,
        agent: str,
        sandbox_id: str,
        thread_id: str,
        response: httpx.Response,
        timeout: httpx.Timeout,
        last_event_id: str | None = None,
        resumed: bool = False,
    ) -> None:
        self._client = client
        self.agent = agent
        self.sandbox_id = sandbox_id
        self.thread_id = thread_id
        self.response = response
        self.resume_url = (
            f"{client.base_url}/v1/chat/{quote(agent, safe='')}/{quote(sandbox_id, safe='')}/stream"
        )
        self._timeout = timeout  # for reconnects too
        self._accumulator = MessageAccumulator()
        self._chunks = self._stream()
        self._done = False
        self._closed = False
        self._finished = False  # a `finish` chunk arrived
        self._cancelled = False
        self._cancelled_here = False  # by this handle's cancel()
        self._failure: BaseException | None = None  # what ended iteration, if not the run
        self._stored: UIMessage | None = None
        self._stored_error: str | None = None
        self._stored_usage: ThreadUsage | None = None
        # Resume bookkeeping: how many chunks were delivered, and the server's last event id.
        self._delivered = 0
        self._last_event_id = last_event_id
        self._gate: JoinGate | None = None  # set after a live join
        # Opened by `threads.resume`: its stream may be a live join, which its first event says.
        self._resumed = resumed
        self._unrecorded = 0  # stream ends the thread did not confirm
        self.unrebuilt_gaps = 0
        """Gaps the run could not fill from the stored message: when not 0, the chunks it
        yielded do not add up to the stored message (`final_message()` is still exact)."""

    # ------------------------------------------------------------------ iteration

    def __iter__(self) -> Iterator[Chunk]:
        # The chunk generator itself, so that a loop over the run costs no extra call per chunk.
        return self._chunks

    def __next__(self) -> Chunk:
        return self._chunks.__next__()

    @property
    def text_stream(self) -> Iterator[str]:
        """Only the text, delta by delta, as it arrives."""
        return self._text()

    def _text(self) -> Iterator[str]:
        for chunk in self:
            if isinstance(chunk, TextDeltaChunk):
                yield chunk.delta

    def until_done(self) -> None:
        """Read the run to its end; raise `RunFailedError` / `RunCancelledError` if it failed
        or was cancelled (by this handle too: there is no final message then).

        If reading failed (the stream dropped for good, say), that error is raised again.
        """
        with contextlib.suppress(RunFailedError, RunCancelledError):
            for _ in self:
                pass
        self._raise_for_outcome()

    def final_message(self) -> UIMessage:
        """The assistant message assembled from the whole run, metadata and usage included."""
        self.until_done()
        return self.message

    def final_text(self) -> str:
        """The text of the final message: its text parts, joined as streamed."""
        return (self.final_message()).text

    @property
    def message(self) -> UIMessage:
        """The assistant message as assembled so far (the stored one if the run ended unseen)."""
        return self._stored if self._stored is not None else self._accumulator.message

    @property
    def usage(self) -> ThreadUsage:
        """Token counts, cost and duration, once the run has reported them."""
        if self._stored_usage is not None:
            return self._stored_usage
        return self._accumulator.usage

    @property
    def error(self) -> str | None:
        """The run's error text, if it failed."""
        return self._accumulator.error or self._stored_error

    @property
    def done(self) -> bool:
        """Whether the stream was read to its end (`[DONE]`, or the end the thread recorded)."""
        return self._done

    def _raise_for_outcome(self) -> None:
        if self._failure is not None:
            raise self._failure
        if self._closed and not self._done:
            raise APIConnectionError("The run was closed before it ended; iterate it first.")
        if not self._done:
            # Iteration stopped without an error: it was cancelled (a task cancel, a timeout).
            raise APIConnectionError(
                "Reading the run was interrupted before it ended; resume it with "
                "client.threads.resume(agent, sandbox_id)."
            )
        self._raise_for_run()

    def _raise_for_run(self) -> None:
        """How the run itself ended, when not well: cancelled, or failed."""
        if self._cancelled:
            raise RunCancelledError(thread_id=self.thread_id)
        error_text = self.error
        if error_text is not None:
            raise RunFailedError(error_text, message=self.message)

    def iter_sse(
        self, *, metadata: Mapping[str, Any] | None = None, cancel_on_close: bool = False
    ) -> Iterator[bytes]:
        """The run as the AI SDK's UI message stream, SSE bytes for a browser: each chunk once
        (across resumes), then `data: [DONE]`. The run goes on assembling, so
        `final_message()` works afterwards. Serve it with `UI_MESSAGE_STREAM_HEADERS`.

        `metadata` is added to the message's metadata (the ids a browser needs, say). A run
        that failed ends with its `error` chunk, one cancelled with an `abort` chunk, so the
        browser's message settles. With `cancel_on_close`, the run is cancelled when the
        consumer goes away before its end (the browser left), even while its task is being
        cancelled.
        """
        try:
            for chunk in self._chunks_quietly():
                data = chunk.to_dict()
                if metadata and chunk.type == "start":
                    data["messageMetadata"] = {**(data.get("messageMetadata") or {}), **metadata}
                    metadata = None
                yield sse_event(data)
            if metadata:  # no start came (a join after the end, say): the metadata alone
                yield sse_event({"type": "message-metadata", "messageMetadata": dict(metadata)})
            if self._failure is not None:
                yield sse_event({"type": "error", "errorText": str(self._failure)})
            elif self._cancelled:
                yield sse_event({"type": "abort"})
            elif self.error is not None and self._accumulator.error is None:
                yield sse_event({"type": "error", "errorText": self.error})  # from the thread
            yield DONE_EVENT
        finally:
            if cancel_on_close and not self._done:
                with shielded():
                    self.cancel()

    def _chunks_quietly(self) -> Iterator[Chunk]:
        """The chunks; the outcome (failure, cancel, a lost stream) is left to the caller."""
        with contextlib.suppress(RunFailedError, RunCancelledError, APIConnectionError):
            for chunk in self:
                yield chunk

    # ------------------------------------------------------------------ control

    def cancel(self) -> None:
        """Cancel this run on the server; iteration then ends cleanly.

        Does nothing once the run has ended (it would cancel whatever runs next on the sandbox).
        """
        if self._done:
            return
        self._cancelled = self._cancelled_here = True
        try:
            result = self._client.threads.cancel(self.agent, self.sandbox_id)
        except BaseException:
            self._cancelled = self._cancelled_here = False
            raise
        if result.status != "cancelled":
            # Nothing was streaming: the run had ended already.
            self._cancelled = self._cancelled_here = False

    def close(self) -> None:
        """Close the connection and stop reading (the run goes on server-side)."""
        self._closed = True
        self._chunks.close()
        self.response.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(agent={self.agent!r}, sandbox_id={self.sandbox_id!r}, "
            f"thread_id={self.thread_id!r}, done={self._done})"
        )

    # ------------------------------------------------------------------ reading

    def _stream(self) -> Generator[Chunk, None]:
        """The run's chunks across reconnects, in one generator from the bytes to the caller's
        loop (a layer more would cost a resume per chunk)."""
        try:
            attempts = 0
            reconnected = self._resumed
            while not self._done:
                # Set when a reconnect replays from `start` without event ids: chunks to drop.
                skip = 0
                # Until an event passes the last id seen, the server may be replaying.
                replaying = self._last_event_id is not None
                unclassified = reconnected  # a reconnect's first event says what it carries
                # Bytes go to the SSE decoder as they arrive, and each event it completes is
                # yielded before the next read: a chunk the server writes alone arrives alone.
                decoder = SSEDecoder()
                add = self._accumulator.add
                response = self.response
                pieces = _body(response)
                try:
                    for piece in pieces:
                        for data, _, own_event_id, own_id in decoder.feed(piece):
                            if not data:
                                continue
                            chunk = decode_chunk(data)
                            if chunk is None:  # [DONE]
                                self._done = True
                                break
                            # An event without `id:` inherits the last: only its own counts.
                            event_id = own_event_id if own_id else None
                            if unclassified:
                                unclassified = False
                                attempts = 0  # the reconnect worked, whatever it carries
                                joined = self._classify(chunk, event_id)
                                if joined is None:
                                    skip = self._delivered  # replayed from the start
                                elif joined:
                                    self._join()
                                    if isinstance(chunk, StartChunk):
                                        continue  # the join's own start: not this run's
                            if replaying and event_id is not None:
                                if self._already_seen(event_id):
                                    continue
                                replaying = False  # ids only grow: the rest is new
                            if skip:
                                skip -= 1
                                continue
                            gate = self._gate
                            if gate is not None and not gate.admit(chunk):
                                continue
                            if event_id is not None:
                                self._last_event_id = event_id
                            self._delivered += 1
                            add(chunk)
                            if chunk.type == "finish":
                                self._finished = True
                            attempts = 0
                            yield chunk
                        if self._done:
                            break
                    else:
                        raise _StreamEnded
                    if self._gate is not None or (not self._finished and not self._closed):
                        # Joined after a gap, or ended without `finish` (cut short, cancelled, or
                        # garbage): the stored thread says how the run ended and what was missed.
                        # The stream's connection goes back to the pool first: a pool full of
                        # ended streams must not wait on itself for the thread.
                        if self._done and not response.is_closed:
                            _drain(pieces)
                            response.close()
                        thread = self._ended_thread()
                        for chunk in self._catch_up(thread):
                            yield chunk
                except (httpx.TransportError, _StreamEnded) as error:
                    self.response.close()
                    if self._cancelled or self._closed:
                        self._done = self._cancelled
                        break
                    if attempts >= self._client.max_resume_attempts:
                        raise APIConnectionError(
                            f"The run's stream dropped and {attempts} reconnects failed: {error!r}",
                            request=self.response.request,
                        ) from error
                    # The first reconnect is immediate: every moment away may cost live chunks.
                    delay = retry_delay(attempts - 1) if attempts else 0.0
                    attempts += 1
                    logger.info(
                        "Run stream dropped (%s); resuming in %.2fs (attempt %d of %d)",
                        type(error).__name__, delay, attempts, self._client.max_resume_attempts,
                    )  # fmt: skip
                    sleep(delay)
                    reconnected = True
                    ended = self._reconnect()
                    if ended is not None:
                        for chunk in self._catch_up(ended):
                            yield chunk
                        break
                except _OtherRun:
                    self.response.close()
                    for chunk in self._catch_up(self._thread()):
                        yield chunk
                    break
                finally:
                    if self._done and not response.is_closed:
                        _drain(pieces)
                    pieces.close()
                    if self._done:
                        self.response.close()
        except Exception as error:
            # Remembered, so that final_message() and until_done() raise it too.
            self._failure = error
            raise
        # The outcome is never silent: iteration ends with the run's failure, or with
        # someone else's cancel; a run this handle cancelled or closed ends quietly.
        if not (self._closed or self._cancelled_here):
            self._raise_for_run()

    def _classify(self, chunk: Chunk, event_id: str | None) -> bool | None:
        """What a reconnect carries, from its first event: False = what follows the last
        event id, None = a replay from the start without ids, True = a live join (production's
        resume: its own `start`, then only new chunks). Raises `_OtherRun` for another run."""
        ours = self._accumulator.message_id
        if isinstance(chunk, StartChunk):
            same = ours is not None and chunk.message_id == ours
            if event_id is not None:
                if ours is not None and not same and chunk.message_id is not None:
                    raise _OtherRun
                return False
            return None if same else True
        return event_id is None

    def _join(self) -> None:
        """Pass chunks through a new join gate (kept while one already holds back all)."""
        earlier = self._gate
        if earlier is None or not earlier.holding:
            self._gate = JoinGate(self._accumulator)
            if earlier is not None:
                self._gate.carry(earlier)

    def _already_seen(self, event_id: str) -> bool:
        last = self._last_event_id
        if last is None:
            return False
        try:
            return int(event_id) <= int(last)
        except ValueError:
            return False

    def _reconnect(self) -> Thread | None:
        """Reopen the run's stream; the stored thread instead when the run has ended.

        The thread is asked first: a run that ended while we were away is finished from it,
        and a resume stream found then is known to be this run's. When the thread cannot be
        read, the resume stream is tried all the same.
        """
        try:
            thread = self._thread()
        except APIConnectionError:
            # Treated like another drop: the loop counts it and tries again.
            self.response = _closed_response(self.response.request)
            return None
        except APIStatusError as error:
            logger.info("Run %s: its thread could not be read (%s)", self.thread_id, error)
            thread = None
        if thread is not None and thread.status in _ENDED:
            return thread
        call = endpoints.RESUME_STREAM(
            self.agent, self.sandbox_id, last_event_id=self._last_event_id
        )
        try:
            response = self._client._send(call, timeout=self._timeout, stream=True)
        except APIConnectionError:
            self.response = _closed_response(self.response.request)
            return None
        if response.status_code == 204:
            response.close()
            try:
                return self._ended_thread()
            except _StreamEnded:  # not recorded yet: tried again, as after a drop
                self.response = _closed_response(self.response.request)
                return None
        self.response = response
        return None

    def _thread(self) -> Thread:
        return self._client.threads.get(self.sandbox_id, self.thread_id)

    def _ended_thread(self) -> Thread:
        """The thread once its run's end is recorded: the stream may end a moment before.

        A thread that still reads as streaming means the run goes on: its stream is read
        again (`_StreamEnded`, counted as a drop). So does one that cannot be read.
        """
        try:
            thread = self._thread()
            for _ in range(_SETTLE_POLLS):
                if thread.status in _ENDED:
                    return thread
                sleep(_SETTLE_INTERVAL_S)
                thread = self._thread()
        except APIConnectionError:
            pass
        else:
            if thread.status in _ENDED:
                return thread
        self._unrecorded += 1
        if self._unrecorded > self._client.max_resume_attempts:
            raise APIConnectionError(
                f"The run's stream ended {self._unrecorded} times, but its thread "
                f"{self.thread_id} never recorded the end: its outcome is not known."
            )
        self._done = False
        raise _StreamEnded

    def _catch_up(self, thread: Thread) -> Generator[Chunk, None]:
        """The run ended with chunks possibly missed: take its outcome from the stored
        thread, and yield what completes the message to the stored one."""
        self._done = True
        gate, self._gate = self._gate, None
        self._apply_thread(thread)
        stored = self._stored
        if stored is None:
            return
        chunks = catch_up(self._accumulator, stored)
        if chunks is None:
            self._gap("its chunks do not add up to the stored message")
            chunks = []
        if not self._finished:
            held = gate.finish if gate is not None else None
            chunks.append(held or parse_chunk({"type": "finish"}))
        for chunk in chunks:
            self._delivered += 1
            self._accumulator.add(chunk)
            if chunk.type == "finish":
                self._finished = True
            yield chunk

    def _gap(self, why: str) -> None:
        self.unrebuilt_gaps += 1
        logger.warning(
            "Run %s missed chunks that cannot be rebuilt: %s (final_message() is exact)",
            self.thread_id, why,
        )  # fmt: skip

    def _apply_thread(self, thread: Thread) -> None:
        if thread.status == "cancelled":
            self._cancelled = True
        elif thread.status == "error":
            self._stored_error = thread.error or "The run failed."
        elif thread.status == "completed":
            # Only a completed turn is stored; after a failed one the last message is older.
            messages = thread.messages or []
            if messages and messages[-1].role == "assistant":
                last = messages[-1]
                ours = self._accumulator.message_id
                if ours is not None and isinstance(last.id, str) and last.id != ours:
                    # Another run of the thread ended last (two runs on one thread).
                    self._gap(f"the thread's last message is another run's ({last.id})")
                    return
                self._stored = last
                self._stored_usage = thread.usage


# What may follow `[DONE]` before the response ends: a few stray bytes, not a second stream.
_DRAIN_LIMIT = 4096


class _Pieces(Protocol):
    """A response's bytes as a run reads them: an iterator it closes when done."""

    def __iter__(self) -> Iterator[bytes]: ...

    def close(self) -> None: ...


def _body(response: httpx.Response) -> _Pieces:
    """The response's bytes as they arrive: raw when nothing encodes them, which spares every
    piece httpx's decoding layer (a step of each open stream's, at thousands of streams), and
    beneath httpx's wrapper when the transport's body allows it (aiohttp's, see
    _aiohttp_transport); else decoded, or from memory when a transport has read them already."""
    if response.is_stream_consumed or not unencoded(response.headers.get("content-encoding")):
        return cast(Generator[bytes, None], response.iter_bytes())
    body = unwrapped_body(response)
    if body is not None:
        return body
    return cast(Generator[bytes, None], response.iter_raw())


def _drain(pieces: _Pieces) -> None:
    """Read what follows `[DONE]` (the server ends the response right after it), so that the
    connection goes back to the pool instead of being closed: many runs on one client then
    share a few connections, as the official clients' read-to-the-end does. A server that keeps
    talking past the limit has its connection closed instead."""
    left = _DRAIN_LIMIT
    try:
        for piece in pieces:
            left -= len(piece)
            if left < 0:
                return
    except httpx.TransportError:
        pass


def _closed_response(request: httpx.Request) -> httpx.Response:
    """A placeholder for a connection that could not be opened; reading it ends at once."""
    return httpx.Response(200, request=request, content=b"")


class BackgroundRun:
    """A run started with `mode="background"`: it goes on server-side; `wait()` for its end."""

    def __init__(
        self,
        client: AgentClient,
        *,
        agent: str,
        sandbox_id: str,
        thread_id: str,
        status: str,
    ) -> None:
        self._client = client
        self.agent = agent
        self.sandbox_id = sandbox_id
        self.thread_id = thread_id
        self.status = status

    def wait(self, *, timeout: float | None = 600.0, poll_interval: float = 1.0) -> Thread:
        """Poll the thread until the run ends; return the thread.

        Raises `RunFailedError` when it ended in `error`, `RunCancelledError` when cancelled, and
        `TimeoutError` when `timeout` seconds pass first.
        """
        if poll_interval <= 0:
            raise ValueError("poll_interval must be > 0 seconds.")
        deadline = None if timeout is None else monotonic() + timeout
        while True:
            thread = self._client.threads.get(self.sandbox_id, self.thread_id)
            self.status = thread.status
            # `idle` means the run has not been picked up yet; keep waiting for it.
            if thread.status not in ("streaming", "idle"):
                break
            if deadline is not None and monotonic() + poll_interval > deadline:
                raise TimeoutError(
                    f"The background run on thread {self.thread_id} did not finish within "
                    f"{timeout} s (status {thread.status!r})."
                )
            sleep(poll_interval)
        if thread.status == "cancelled":
            raise RunCancelledError(thread_id=self.thread_id)
        if thread.status == "error":
            messages = thread.messages or []
            last = messages[-1] if messages and messages[-1].role == "assistant" else None
            raise RunFailedError(thread.error or "The run failed.", message=last)
        return thread

    def cancel(self) -> None:
        """Cancel the run on the server."""
        self._client.threads.cancel(self.agent, self.sandbox_id)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Leaving the block leaves the run be: it goes on server-side."""

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(sandbox_id={self.sandbox_id!r}, "
            f"thread_id={self.thread_id!r}, status={self.status!r})"
        )
