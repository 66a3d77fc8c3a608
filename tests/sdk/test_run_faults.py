"""Runs under faults a real relay will not produce on demand: odd ids, drops, late cancels."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from agents21 import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    RunCancelledError,
    RunFailedError,
)
from agents21.stream import UnknownChunk

from .conftest import responses

TS = "2026-02-26T12:00:00.000Z"
SSE = {"content-type": "text/event-stream"}


def sse(*events: dict[str, Any] | str, ids: Callable[[int], str | None] = lambda i: None) -> bytes:
    out = []
    for index, event in enumerate(events):
        data = event if isinstance(event, str) else json.dumps(event)
        event_id = ids(index)
        out.append((f"id: {event_id}\n" if event_id is not None else "") + f"data: {data}\n\n")
    return "".join(out).encode()


RUN = [
    {"type": "start", "messageId": "m2"},
    {"type": "text-start", "id": "t"},
    {"type": "text-delta", "id": "t", "delta": "one "},
    {"type": "text-delta", "id": "t", "delta": "two"},
    {"type": "text-end", "id": "t"},
    {"type": "finish"},
]


def thread(status: str, messages: list[dict[str, Any]] | None) -> dict[str, Any]:
    usage = dict.fromkeys(["inputTokens", "outputTokens", "totalTokens", "totalCostUsd"])
    return {
        "id": "t1",
        "name": None,
        "status": status,
        "messages": messages,
        "usage": {**usage, "durationMs": None},
        "error": "cancelled: cancelled by user" if status == "cancelled" else None,
        "createdAt": TS,
        "updatedAt": TS,
        "completedAt": None,
    }


class Cut(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that delivers `data` and then drops the connection."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def __iter__(self) -> Iterator[bytes]:
        if self.data:
            yield self.data
        raise httpx.ReadError("dropped")

    async def __aiter__(self) -> Any:
        if self.data:
            yield self.data
        raise httpx.ReadError("dropped")


def routed(
    streams: list[httpx.Response | Exception], threads: list[dict[str, Any]]
) -> Callable[[httpx.Request], httpx.Response]:
    """Streams in turn for the chat routes; thread reads (`GET …/threads/t1`) in turn from
    `threads`, the last one again once they run out."""
    chat, stored = responses(*streams), list(threads)

    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "GET" and request.url.path.endswith("/threads/t1"):
            return httpx.Response(200, json=stored.pop(0) if len(stored) > 1 else stored[0])
        return chat(request)

    return handler


STREAMING = thread("streaming", None)


def run_in(client: Any) -> Any:
    return client.threads.run("a", "hi", sandbox_id="s1", thread_id="t1")


def test_an_id_only_on_some_events_drops_nothing(faulty: Any) -> None:
    body = sse(*RUN, "[DONE]", ids=lambda i: "1" if i == 0 else None)
    client, _ = faulty(responses(httpx.Response(200, headers=SSE, content=body)))
    with run_in(client) as run:
        assert [c.type for c in run] == [c["type"] for c in RUN]
        assert run.final_message().parts[0].text == "one two"


def test_an_event_that_is_not_a_json_object_passes_as_unknown(faulty: Any) -> None:
    body = sse(RUN[0], "ping", "42", *RUN[1:], "[DONE]")
    client, _ = faulty(responses(httpx.Response(200, headers=SSE, content=body)))
    with run_in(client) as run:
        chunks = list(run)
    unknown = [c for c in chunks if isinstance(c, UnknownChunk)]
    assert [c.raw for c in unknown] == [{"data": "ping"}, {"data": "42"}]
    assert run.final_message().parts[0].text == "one two"


def test_resume_remembers_the_last_event_id_it_was_given(faulty: Any) -> None:
    seen: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/threads"):
            item = {k: v for k, v in thread("streaming", None).items() if k in
                    ("id", "name", "status", "createdAt", "updatedAt")}  # fmt: skip
            return httpx.Response(200, json=[item])
        if request.url.path.endswith("/threads/t1"):
            return httpx.Response(200, json=STREAMING)
        seen.append(request.headers.get("last-event-id"))
        if len(seen) == 1:
            return httpx.Response(200, headers=SSE, stream=Cut(b""))
        return httpx.Response(200, headers=SSE, content=sse(*RUN[4:], "[DONE]", ids=lambda i: str(i + 4)))  # fmt: skip

    client, _ = faulty(handler)
    resumed = client.threads.resume("a", "s1", last_event_id="3")
    with resumed:
        assert [c.type for c in resumed] == ["text-end", "finish"]
    assert seen == ["3", "3"]


def test_a_run_that_was_cancelled_while_away_does_not_take_an_older_message(
    faulty: Any,
) -> None:
    older = {"id": "m1", "role": "assistant", "parts": [{"type": "text", "text": "first"}]}
    client, seen = faulty(
        routed(
            [httpx.Response(200, headers=SSE, stream=Cut(sse(*RUN[:3]))), httpx.Response(204)],
            [STREAMING, thread("cancelled", [older])],
        )
    )
    with run_in(client) as run:
        chunks: list[Any] = []
        with pytest.raises(RunCancelledError):
            chunks.extend(run)
        assert [c.type for c in chunks] == ["start", "text-start", "text-delta"]
        assert run.message.id == "m2"
        assert run.message.parts[0].text == "one "
        with pytest.raises(RunCancelledError):
            run.final_message()
    assert [r.method for r in seen.requests] == ["POST", "GET", "GET", "GET"]


def test_cancel_after_the_run_ended_does_nothing(faulty: Any) -> None:
    body = sse(*RUN, "[DONE]")
    client, seen = faulty(responses(httpx.Response(200, headers=SSE, content=body)))
    with run_in(client) as run:
        message = run.final_message()
        run.cancel()
        assert run.final_message() is not None
    assert message.parts[0].text == "one two"
    assert len(seen.requests) == 1  # no DELETE: it could cancel the sandbox's next run


def test_a_failed_read_is_raised_again_by_final_message(faulty: Any) -> None:
    client, _ = faulty(
        responses(
            httpx.Response(200, headers=SSE, stream=Cut(sse(*RUN[:3]))),
            httpx.ConnectError("refused"),
        ),
        max_resume_attempts=1,
        max_retries=0,
    )
    with run_in(client) as run:
        with pytest.raises(APIConnectionError):
            list(run)
        with pytest.raises(APIConnectionError):
            run.final_message()


def test_an_explicit_timeout_is_kept_for_the_run_and_its_reconnects(faulty: Any) -> None:
    client, seen = faulty(
        routed(
            [
                httpx.Response(200, headers=SSE, stream=Cut(sse(*RUN[:2], ids=str))),
                httpx.Response(200, headers=SSE, content=sse(*RUN, "[DONE]", ids=str)),
            ],
            [STREAMING],
        )
    )
    with client.threads.run("a", "hi", sandbox_id="s1", thread_id="t1", timeout=5.0) as run:
        assert len(list(run)) == len(RUN)
    streams = [r for r in seen.requests if r.url.path.startswith("/v1/chat/")]
    assert [r.extensions["timeout"]["read"] for r in streams] == [5.0, 5.0]
    assert streams[1].headers["last-event-id"] == "1"


def test_by_default_a_run_allows_long_silences(faulty: Any) -> None:
    client, seen = faulty(responses(httpx.Response(200, headers=SSE, content=sse(*RUN, "[DONE]"))))
    with run_in(client) as run:
        list(run)
    assert seen.requests[0].extensions["timeout"]["read"] == 600.0


def test_a_closed_run_stops_reading_and_says_so(faulty: Any) -> None:
    client, seen = faulty(responses(httpx.Response(200, headers=SSE, content=sse(*RUN, "[DONE]"))))
    run = run_in(client)
    first = next(iter(run))
    assert first.type == "start"
    run.close()
    assert list(run) == []
    with pytest.raises(APIConnectionError, match="closed"):
        run.final_message()
    assert len(seen.requests) == 1  # no reconnect


def test_a_success_body_cut_midway_is_a_connection_error_and_a_get_retries(
    faulty: Any,
) -> None:
    class Slow(httpx.SyncByteStream, httpx.AsyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            yield b'{"id":'
            raise httpx.ReadTimeout("slow")

        async def __aiter__(self) -> Any:
            yield b'{"id":'
            raise httpx.ReadTimeout("slow")

    client, seen = faulty(lambda request: httpx.Response(200, stream=Slow()))
    with pytest.raises(APITimeoutError):
        client.sandboxes.get("sb1")
    assert len(seen.requests) == 3


def test_a_body_that_does_not_match_the_api_is_a_validation_error(faulty: Any) -> None:
    client, _ = faulty(responses(httpx.Response(204), httpx.Response(200, json={"id": 1})))
    with pytest.raises(APIResponseValidationError) as caught:
        client.sandboxes.get("sb1")
    assert caught.value.status_code == 204
    with pytest.raises(APIResponseValidationError, match="KeyError"):
        client.sandboxes.get("sb1")


def test_retry_after_beyond_a_minute_waits_a_minute(faulty: Any) -> None:
    client, seen = faulty(
        responses(httpx.Response(429, headers={"Retry-After": "3600"}), httpx.Response(204))
    )
    client.sandboxes.delete("sb1")
    assert seen.delays == [60.0]


def test_a_resume_that_finds_another_run_finishes_from_the_stored_message(
    faulty: Any,
) -> None:
    ours = {
        "id": "m2",
        "role": "assistant",
        "parts": [{"type": "text", "text": "one two", "state": "done"}],
    }
    other = [{"type": "start", "messageId": "m3"}, *RUN[1:]]
    client, seen = faulty(
        routed(
            [
                httpx.Response(200, headers=SSE, stream=Cut(sse(*RUN[:3], ids=str))),
                httpx.Response(200, headers=SSE, content=sse(*other, "[DONE]", ids=str)),
            ],
            [STREAMING, thread("completed", [ours])],
        )
    )
    with run_in(client) as run:
        chunks = list(run)
        assert run.final_message().id == "m2"
        assert run.final_message().parts[0].text == "one two"
    # What the other run's stream carried is not taken; the stored message completes ours.
    assert [c.type for c in chunks] == [c["type"] for c in RUN]
    assert chunks[3].delta == "two"
    assert run.unrebuilt_gaps == 0
    assert [r.method for r in seen.requests] == ["POST", "GET", "GET", "GET"]


def test_a_stream_that_stops_without_finish_takes_its_outcome_from_the_thread(
    faulty: Any,
) -> None:
    failed = thread("error", None) | {"error": "internal_error: the relay stopped"}
    client, _ = faulty(
        routed([httpx.Response(200, headers=SSE, content=sse(*RUN[:3], "[DONE]"))], [failed])
    )
    with run_in(client) as run:
        chunks: list[Any] = []
        with pytest.raises(RunFailedError, match="the relay stopped"):
            chunks.extend(run)  # what arrived, then the failure: never a silent success
        assert [c.type for c in chunks] == ["start", "text-start", "text-delta"]


def test_a_garbage_stream_is_completed_from_the_stored_message(faulty: Any) -> None:
    stored = {
        "id": "m2",
        "role": "assistant",
        "parts": [{"type": "text", "text": "one two", "state": "done"}],
    }
    client, _ = faulty(
        routed(
            [httpx.Response(200, headers=SSE, content=sse("not json", "[1]", "[DONE]"))],
            [thread("completed", [stored])],
        )
    )
    with run_in(client) as run:
        chunks = list(run)
        assert run.final_text() == "one two"
    # The two unknown chunks, then what completes the stored message.
    assert [c.type for c in chunks][2:] == [
        "start",
        "text-start",
        "text-delta",
        "text-end",
        "finish",
    ]
