"""Streamed runs end to end: typed chunks, final messages, resume after drops, cancel, background."""

from __future__ import annotations

import asyncio
import json
import threading
import time
import zlib
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from anyio.from_thread import BlockingPortal

import agents21
from agents21 import AgentClient, AsyncAgentClient, RunCancelledError, RunFailedError
from agents21.local import LocalRelay
from agents21.stream import (
    MessageAccumulator,
    StartChunk,
    TextDeltaChunk,
    ToolInputAvailableChunk,
    ToolOutputAvailableChunk,
    UnknownChunk,
)

from .conftest import MakeClient, Synced

WORDS = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu"


def assembled(chunks: list[Any]) -> Any:
    accumulator = MessageAccumulator()
    for chunk in chunks:
        accumulator.add(chunk)
    return accumulator.message


def _types(chunks: list[Any]) -> list[str]:
    return [c.type for c in chunks]


def test_a_tools_run_streams_typed_chunks_and_its_message_is_what_is_stored(client: Any) -> None:
    with client.threads.run("demo-agent", "Run `echo hello` then `ls`", name="tools") as run:
        chunks = list(run)
        message = run.final_message()
    assert not any(isinstance(c, UnknownChunk) for c in chunks)
    assert isinstance(chunks[0], StartChunk)
    assert chunks[-1].type == "finish"
    calls = [c for c in chunks if isinstance(c, ToolInputAvailableChunk)]
    assert [c.input_ for c in calls] == [{"command": "echo hello"}, {"command": "ls"}]
    outputs = [c for c in chunks if isinstance(c, ToolOutputAvailableChunk)]
    assert outputs[0].output["stdout"] == "hello\n"
    assert outputs[0].output["exitCode"] == 0

    tools = [p for p in message.parts if p.type_ == "tool-Bash"]
    assert [t.state for t in tools] == ["output-available", "output-available"]
    assert run.usage.total_tokens is not None and run.usage.total_tokens > 0

    thread = client.threads.get(run.sandbox_id, run.thread_id)
    assert thread.status == "completed"
    assert thread.name == "tools"
    assert thread.messages is not None
    assert thread.messages[-1].to_dict() == message.to_dict()
    assert thread.messages[0].role == "user"
    assert run.resume_url == f"{client.base_url}/v1/chat/demo-agent/{run.sandbox_id}/stream"


def test_text_stream_and_history_across_turns(client: Any) -> None:
    with client.threads.run("echo-agent", WORDS) as run:
        assert "".join(run.text_stream) == WORDS
    with client.threads.run(
        "echo-agent", "second turn", sandbox_id=run.sandbox_id, thread_id=run.thread_id
    ) as again:
        assert again.final_message().parts[0].text == "second turn"
    thread = client.threads.get(run.sandbox_id, run.thread_id)
    assert thread.messages is not None
    assert [m.role for m in thread.messages] == ["user", "assistant", "user", "assistant"]


def test_messages_as_dicts_with_options(client: Any) -> None:
    messages = [
        {"role": "user", "parts": [{"type": "text", "text": "ignored"}]},
        {"role": "assistant", "parts": [{"type": "text", "text": "ok"}]},
        {"role": "user", "content": "last one counts"},
    ]
    options = {"model": "local-echo", "system_prompt": "Be brief.", "max_turns": 2}
    with client.threads.run("echo-agent", messages, options=options) as run:
        message = run.final_message()
    assert message.parts[0].text == "last one counts"
    assert message.metadata is not None
    assert message.metadata["model"] == "local-echo"


def test_a_budget_exceeded_run_raises_run_failed_error(client: Any) -> None:
    run = client.threads.run("echo-agent", WORDS, options={"maxBudgetUsd": 0.00001})
    with run, pytest.raises(RunFailedError) as caught:
        run.final_message()
    assert "budget" in caught.value.error_text
    assert caught.value.message is not None
    assert client.threads.get(run.sandbox_id, run.thread_id).status == "error"


def test_a_background_run_is_waited_to_completion(client: Any) -> None:
    started = client.threads.run("slow-agent", "one two three", mode="background")
    assert started.status == "running"
    thread = started.wait(timeout=30, poll_interval=0.1)
    assert thread.status == "completed"
    assert thread.messages is not None
    assert thread.messages[-1].parts[0].text == "one two three"


def test_a_background_wait_times_out(client: Any) -> None:
    started = client.threads.run("slow-agent", WORDS * 4, mode="background")
    with pytest.raises(TimeoutError):
        started.wait(timeout=0.3, poll_interval=0.1)
    started.cancel()
    with pytest.raises(RunCancelledError):
        started.wait(timeout=10, poll_interval=0.1)


def test_cancel_from_another_client_ends_the_stream(
    make_client: MakeClient, relay: LocalRelay
) -> None:
    client = make_client()
    with client.threads.run("slow-agent", WORDS * 5) as run:
        seen = []
        with pytest.raises(RunCancelledError):  # after what arrived: cancelled by another
            for chunk in run:
                seen.append(chunk)
                if len(seen) == 3:
                    with AgentClient(relay.api_key, relay.url) as other:
                        result = other.threads.cancel("slow-agent", run.sandbox_id)
                    assert result.status == "cancelled"
        assert 3 <= len(seen) < 20
        with pytest.raises(RunCancelledError):
            run.final_message()
    thread = client.threads.get(run.sandbox_id, run.thread_id)
    assert thread.status == "cancelled"
    assert thread.messages is None
    assert client.threads.cancel("slow-agent", run.sandbox_id).status == "idle"


def test_run_cancel_stops_its_own_run(client: Any) -> None:
    run = client.threads.run("slow-agent", WORDS * 5)
    with run:
        for chunk in run:
            if chunk.type == "text-delta":
                run.cancel()
        with pytest.raises(RunCancelledError):
            run.until_done()
    assert client.threads.get(run.sandbox_id, run.thread_id).status == "cancelled"


def test_resume_joins_a_live_run_and_after_it_ended_returns_none(client: Any) -> None:
    started = client.threads.run("slow-agent", "resume me please", mode="background")
    resumed = client.threads.resume("slow-agent", started.sandbox_id)
    assert resumed is not None
    with resumed:
        assert resumed.thread_id == started.thread_id
        assert resumed.final_message().parts[0].text == "resume me please"
    assert client.threads.resume("slow-agent", started.sandbox_id) is None


def test_resume_with_a_thread_id_joins_only_that_threads_run(client: Any) -> None:
    started = client.threads.run("slow-agent", WORDS, mode="background")
    other = client.threads.create(started.sandbox_id)
    assert client.threads.resume("slow-agent", started.sandbox_id, thread_id=other.id) is None
    resumed = client.threads.resume("slow-agent", started.sandbox_id, thread_id=started.thread_id)
    assert resumed is not None
    with resumed:
        assert resumed.thread_id == started.thread_id
        resumed.until_done()


def test_a_resume_joined_mid_run_yields_chunks_that_add_up_to_the_stored_message(
    client: Any, resume_mode: str
) -> None:
    """A fresh `threads.resume` (a page reloaded mid-run, say) assembled nothing before: its
    chunks still make the stored message, whether the relay joins live or replays."""
    started = client.threads.run("slow-agent", WORDS * 2, mode="background")
    time.sleep(0.4)  # some words went out before the resume
    resumed = client.threads.resume("slow-agent", started.sandbox_id)
    assert resumed is not None
    assembled = MessageAccumulator()
    with resumed:
        for chunk in resumed:
            assembled.add(chunk)
    stored = client.threads.get(started.sandbox_id, started.thread_id).messages[-1]
    assert assembled.message.to_dict()["parts"] == stored.to_dict()["parts"]
    assert resumed.unrebuilt_gaps == 0


# ---------------------------------------------------------------- dropped connections


class _Cut:
    """Cuts SSE streams: the n-th stream opened is dropped after `plan[n]` events.

    With `strip_ids` the `id:` lines are removed, as from a server that sends none.
    """

    def __init__(self, plan: list[int], strip_ids: bool) -> None:
        self.plan = plan
        self.strip_ids = strip_ids
        self.lock = threading.Lock()

    def limit(self) -> int | None:
        with self.lock:
            return self.plan.pop(0) if self.plan else None

    def events(self, raw: bytes) -> tuple[list[bytes], bytes]:
        *events, rest = raw.split(b"\n\n")
        if self.strip_ids:
            events = [
                b"\n".join(line for line in e.split(b"\n") if not line.startswith(b"id:"))
                for e in events
            ]
        return [e + b"\n\n" for e in events], rest


class _SyncCutStream(httpx.SyncByteStream):
    def __init__(self, inner: Any, cut: _Cut, limit: int) -> None:
        self.inner, self.cut, self.limit = inner, cut, limit

    def __iter__(self) -> Iterator[bytes]:
        buffer, sent = b"", 0
        for piece in self.inner:
            events, buffer = self.cut.events(buffer + piece)
            for event in events:
                if sent == self.limit:
                    raise httpx.ReadError("connection dropped")
                sent += 1
                yield event

    def close(self) -> None:
        self.inner.close()


class _AsyncCutStream(httpx.AsyncByteStream):
    def __init__(self, inner: Any, cut: _Cut, limit: int) -> None:
        self.inner, self.cut, self.limit = inner, cut, limit

    async def __aiter__(self) -> AsyncIterator[bytes]:
        buffer, sent = b"", 0
        async for piece in self.inner:
            events, buffer = self.cut.events(buffer + piece)
            for event in events:
                if sent == self.limit:
                    raise httpx.ReadError("connection dropped")
                sent += 1
                yield event

    async def aclose(self) -> None:
        await self.inner.aclose()


class _CuttingTransport(httpx.BaseTransport):
    def __init__(self, cut: _Cut) -> None:
        self.inner, self.cut = httpx.HTTPTransport(), cut

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if not response.headers.get("content-type", "").startswith("text/event-stream"):
            return response
        limit = self.cut.limit()
        stream: Any = response.stream
        if limit is not None:
            stream = _SyncCutStream(stream, self.cut, limit)
        elif self.cut.strip_ids:
            stream = _SyncCutStream(stream, self.cut, -1)
        return httpx.Response(response.status_code, headers=response.headers, stream=stream)

    def close(self) -> None:
        self.inner.close()


class _AsyncCuttingTransport(httpx.AsyncBaseTransport):
    def __init__(self, cut: _Cut) -> None:
        self.inner, self.cut = httpx.AsyncHTTPTransport(), cut

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if not response.headers.get("content-type", "").startswith("text/event-stream"):
            return response
        limit = self.cut.limit()
        stream: Any = response.stream
        if limit is not None:
            stream = _AsyncCutStream(stream, self.cut, limit)
        elif self.cut.strip_ids:
            stream = _AsyncCutStream(stream, self.cut, -1)
        return httpx.Response(response.status_code, headers=response.headers, stream=stream)

    async def aclose(self) -> None:
        await self.inner.aclose()


@pytest.fixture(params=["sync", "async"])
def cut_client(
    request: pytest.FixtureRequest, relay: LocalRelay, portal: BlockingPortal
) -> Iterator[Any]:
    made: list[Any] = []

    def make(plan: list[int], strip_ids: bool) -> Any:
        cut = _Cut(plan, strip_ids)
        if request.param == "sync":
            client: Any = AgentClient(
                relay.api_key, relay.url, http_client=httpx.Client(transport=_CuttingTransport(cut))
            )
        else:

            async def build() -> AsyncAgentClient:
                transport = _AsyncCuttingTransport(cut)
                return AsyncAgentClient(
                    relay.api_key, relay.url, http_client=httpx.AsyncClient(transport=transport)
                )

            client = Synced(portal.call(build), portal)
        made.append(client)
        return client

    yield make
    for client in made:
        if isinstance(client, AgentClient):
            client.http_client.close()
        else:
            portal.call(client._target.http_client.aclose)


EXPECTED = (
    ["start", "text-start"] + ["text-delta"] * 12 + ["text-end", "message-metadata", "finish"]
)


@pytest.mark.parametrize("strip_ids", [False, True], ids=["event-ids", "no-ids"])
@pytest.mark.parametrize("plan", [[1], [4, 3], [9]], ids=["cut-after-1", "cut-twice", "cut-late"])
def test_a_dropped_stream_resumes_with_every_chunk_once(
    cut_client: Any, plan: list[int], strip_ids: bool, resume_mode: str
) -> None:
    client = cut_client(plan, strip_ids)
    with client.threads.run("slow-agent", WORDS) as run:
        chunks = list(run)
        message = run.final_message()
    types = _types(chunks)
    if resume_mode == "replay":
        assert types == EXPECTED
    else:
        # A join misses what was sent while away: the rest of the open text comes at the
        # end, from the stored message.
        assert types[:2] == EXPECTED[:2] and types[-1] == "finish"
        assert sorted(set(types)) == sorted(set(EXPECTED))
        assert [types.count(kind) for kind in ("start", "text-start", "text-end")] == [1, 1, 1]
    assert "".join(c.delta for c in chunks if isinstance(c, TextDeltaChunk)) == WORDS
    stored = client.threads.get(run.sandbox_id, run.thread_id).messages[-1]
    assert stored.to_dict() == message.to_dict()
    assert assembled(chunks).to_dict() == stored.to_dict()
    assert run.unrebuilt_gaps == 0


def test_a_run_that_ended_while_disconnected_finishes_from_the_stored_message(
    cut_client: Any,
) -> None:
    client = cut_client([2], False)
    with client.threads.run("echo-agent", WORDS) as run:
        seen = [next(iter(run))]
        time.sleep(0.5)  # the fast echo run completes while the cut stream is down
        seen.extend(run)
        message = run.final_message()
    assert message.parts[0].text == WORDS
    assert seen[0].type == "start"
    assert run.usage.total_tokens is not None


def test_the_text_stream_of_a_failed_run_ends_with_its_failure(client: Any) -> None:
    # Enough for the prompt and a few words, not for all of them.
    run = client.threads.run("echo-agent", WORDS, options={"maxBudgetUsd": 0.0001})
    texts: list[str] = []
    with run, pytest.raises(RunFailedError, match="budget"):
        texts.extend(run.text_stream)  # what arrived first, then the failure
    assert texts  # never "" without an exception


def test_final_text_and_a_quiet_end_for_a_run_this_handle_cancelled(client: Any) -> None:
    with client.threads.run("echo-agent", "hello there") as run:
        assert run.final_text() == "hello there"
    with client.threads.run("slow-agent", WORDS * 5) as run:
        for chunk in run:  # ends without raising: this handle cancelled it
            if chunk.type == "text-delta":
                run.cancel()


class _GzipStream(BaseHTTPRequestHandler):
    """A server that compresses its run stream, each event flushed as it is written."""

    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        compressor = zlib.compressobj(wbits=31)
        for event in (
            {"type": "start", "messageId": "m1"},
            {"type": "text-start", "id": "t"},
            {"type": "text-delta", "id": "t", "delta": "compressed "},
            {"type": "text-delta", "id": "t", "delta": "text"},
            {"type": "text-end", "id": "t"},
            {"type": "finish"},
        ):
            data = b"data: " + json.dumps(event).encode() + b"\n\n"
            self._chunk(compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH))
        self._chunk(compressor.compress(b"data: [DONE]\n\n") + compressor.flush())
        self._chunk(b"")

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_a_relay_run_is_read_as_sent_though_it_says_content_encoding_none(
    client: Any, is_async: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Production (and the local relay) marks every run `content-encoding: none`: no coding,
    # so a run reads its bytes raw (async: the transport's own body), not through httpx's
    # decoding layers.
    sandbox_id = client.sandboxes.create("echo-agent").id
    thread_id = client.threads.create(sandbox_id).id

    def decoded(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the run went through httpx's decoding")

    with client.threads.run(
        "echo-agent", "as sent", sandbox_id=sandbox_id, thread_id=thread_id
    ) as run:
        assert run.response.headers["content-encoding"] == "none"
        names = ["iter_bytes", "aiter_bytes"] + (["aiter_raw"] if is_async else [])
        for name in names:
            monkeypatch.setattr(httpx.Response, name, decoded)
        chunks = list(run)
        monkeypatch.undo()
    assert run.final_text() == "as sent"
    assert _types(chunks)[-1] == "finish"
    # The response records the read as httpx's own reading would.
    assert run.response.is_stream_consumed
    assert run.response.num_bytes_downloaded > 200


def test_identity_codings_are_read_raw_and_others_decoded() -> None:
    from agents21._ui_stream import unencoded

    for coding in (None, "", "none", "identity", " None ", "identity, none"):
        assert unencoded(coding), coding
    for coding in ("gzip", "none, gzip", "br", "x-custom"):
        assert not unencoded(coding), coding


def test_a_compressed_run_stream_is_decoded(make_client: MakeClient) -> None:
    # Read raw when nothing encodes the body; through httpx's decoders when something does.
    with ThreadingHTTPServer(("127.0.0.1", 0), _GzipStream) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        client = make_client(base_url=f"http://127.0.0.1:{server.server_address[1]}")
        try:
            with client.threads.run("a", "go", sandbox_id="sb", thread_id="th") as run:
                chunks = list(run)
                assert run.final_text() == "compressed text"
        finally:
            server.shutdown()
    assert _types(chunks)[-1] == "finish"


def test_async_with_opens_a_run_without_await(relay: LocalRelay) -> None:
    async def scenario() -> None:
        async with AsyncAgentClient(relay.api_key, relay.url) as client:
            async with client.threads.run("echo-agent", "no await needed") as run:
                assert isinstance(run, agents21.AsyncRun)
                assert await run.final_text() == "no await needed"
            awaited = await client.threads.run("echo-agent", "awaited", sandbox_id=run.sandbox_id)
            async with awaited:
                assert await awaited.final_text() == "awaited"
            async with client.threads.run("slow-agent", "resume me", mode="background") as started:
                async with client.threads.resume("slow-agent", started.sandbox_id) as resumed:
                    assert resumed is not None and resumed.thread_id == started.thread_id
                    assert await resumed.final_text() == "resume me"
                async with client.threads.resume("slow-agent", started.sandbox_id) as idle:
                    assert idle is None
            with pytest.raises(ValueError, match="thread_id requires sandbox_id"):
                client.threads.run("echo-agent", "x", thread_id="t")  # checked at the call

    asyncio.run(scenario())


def test_many_concurrent_resumes_on_one_client_do_not_starve_its_pool(relay: LocalRelay) -> None:
    """Each resume asks for the thread list before it opens its stream, so it never holds a
    pooled connection while waiting for another one."""

    async def scenario() -> int:
        limits = httpx.Limits(max_connections=10)  # fewer than the resumes
        http = httpx.AsyncClient(limits=limits, timeout=httpx.Timeout(30, pool=5))
        async with AsyncAgentClient(relay.api_key, relay.url, http_client=http) as client:
            job = await client.threads.run("slow-agent", WORDS * 3, mode="background")

            async def follow() -> int:
                async with client.threads.resume("slow-agent", job.sandbox_id) as run:
                    return 0 if run is None else len([c async for c in run])

            counts = await asyncio.gather(*(follow() for _ in range(40)))
        await http.aclose()
        return max(counts)

    # No resume timed out waiting for the pool; those that found the run followed it (the
    # rest waited for a connection until it had ended, and found nothing streaming).
    assert asyncio.run(scenario()) > 0


def test_iter_sse_ends_a_run_cancelled_elsewhere_with_abort(
    make_client: MakeClient, relay: LocalRelay
) -> None:
    client = make_client()
    with client.threads.run("slow-agent", WORDS * 3) as run:
        pieces: list[bytes] = []
        for piece in run.iter_sse():
            pieces.append(piece)
            if b'"text-delta"' in piece and len(pieces) < 5:
                with AgentClient(relay.api_key, relay.url) as other:
                    other.threads.cancel("slow-agent", run.sandbox_id)
    assert pieces[-2:] == [b'data: {"type":"abort"}\n\n', b"data: [DONE]\n\n"]
    with client.threads.run("echo-agent", "forwarded") as run:
        body = b"".join(run.iter_sse())
        assert run.final_text() == "forwarded"  # still assembled
    assert body.startswith(b'data: {"type":"start"') and body.endswith(b"data: [DONE]\n\n")
