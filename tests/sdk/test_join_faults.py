"""Live joins (production's resume) under faults a real relay will not produce on demand:
steps, repeated part ids, drops at the edges, threads that are slow or fail to answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from agents21 import APIConnectionError
from agents21.stream import MessageAccumulator, parse_chunk

from .test_run_faults import SSE, STREAMING, Cut, routed, run_in, sse, thread

STEPS: list[dict[str, Any]] = [
    {"type": "start", "messageId": "m2"},
    {"type": "start-step"},
    {"type": "text-start", "id": "0"},
    {"type": "text-delta", "id": "0", "delta": "one "},
    {"type": "text-delta", "id": "0", "delta": "two"},
    {"type": "text-end", "id": "0"},
    {"type": "finish-step"},
    {"type": "start-step"},
    {"type": "text-start", "id": "0"},  # ids start again in each step, as Anthropic's do
    {"type": "text-delta", "id": "0", "delta": "three"},
    {"type": "text-end", "id": "0"},
    {"type": "finish-step"},
    {"type": "finish", "finishReason": "stop"},
]


def assemble(raws: list[dict[str, Any]]) -> dict[str, Any]:
    accumulator = MessageAccumulator()
    for raw in raws:
        accumulator.add(parse_chunk(raw))
    return accumulator.message.to_dict()


def joined(*chunks: dict[str, Any], done: bool = True) -> httpx.Response:
    """A join: its own start, then `chunks` (then [DONE], or a drop)."""
    body = sse({"type": "start", "messageId": "joined"}, *chunks, *(["[DONE]"] if done else []))
    if done:
        return httpx.Response(200, headers=SSE, content=body)
    return httpx.Response(200, headers=SSE, stream=Cut(body))


def run_through(faulty: Any, streams: list[Any], full: list[dict[str, Any]], **kw: Any) -> Any:
    stored = assemble(full)
    threads = [STREAMING] * len(streams) + [thread("completed", [stored])]
    client, _ = faulty(routed(streams, threads), **kw)
    with run_in(client) as run:
        chunks = list(run)
        assert run.final_message().to_dict() == stored
    assert assemble([c.to_dict() for c in chunks]) == stored
    assert run.unrebuilt_gaps == 0
    return chunks


def first(n: int, steps: list[dict[str, Any]] = STEPS) -> httpx.Response:
    return httpx.Response(200, headers=SSE, stream=Cut(sse(*steps[:n])))


@pytest.mark.parametrize("cut", range(1, len(STEPS)))
def test_a_join_at_any_point_of_a_two_step_run_adds_up(faulty: Any, cut: int) -> None:
    chunks = run_through(faulty, [first(cut), joined(*STEPS[cut:])], STEPS)
    finish = [c.to_dict() for c in chunks if c.type == "finish"]
    assert finish == [{"type": "finish", "finishReason": "stop"}]  # the run's own, kept


def test_a_join_before_the_start_arrived_adds_up(faulty: Any) -> None:
    run_through(faulty, [first(0), joined(*STEPS[3:])], STEPS)


def test_two_drops_keep_the_finish_held_by_the_first_join(faulty: Any) -> None:
    full = [*STEPS[:6], STEPS[-1]]
    streams = [first(4, full), joined(*full[4:], done=False), joined()]
    chunks = run_through(faulty, streams, full)
    assert chunks[-1].to_dict() == {"type": "finish", "finishReason": "stop"}


def test_reconnects_that_deliver_are_not_counted_as_failures(faulty: Any) -> None:
    raws: list[dict[str, Any]] = [{"type": "start", "messageId": "m2"}]
    for i in range(6):
        raws += [
            {"type": "text-start", "id": f"t{i}"},
            {"type": "text-delta", "id": f"t{i}", "delta": f"p{i} "},
            {"type": "text-end", "id": f"t{i}"},
        ]
    raws.append({"type": "finish"})
    # Dropped between parts: every join holds back what it carries, then drops again.
    streams = [first(4, raws)]
    streams += [joined(*raws[1 + 3 * i : 4 + 3 * i], done=False) for i in range(1, 5)]
    streams.append(joined(*raws[16:]))
    run_through(faulty, streams, raws, max_resume_attempts=3)


def test_a_thread_that_cannot_be_read_falls_back_to_the_resume_stream(faulty: Any) -> None:
    stored = assemble(STEPS)
    chat = routed([first(4), joined(*STEPS[4:])], [thread("completed", [stored])])
    reads = {"n": 0}

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/threads/t1"):
            reads["n"] += 1
            if reads["n"] == 1:
                return httpx.Response(503, json={"error": "unavailable"})
        return chat(request)

    client, _ = faulty(handler, max_retries=0)
    with run_in(client) as run:
        chunks = list(run)
    assert assemble([c.to_dict() for c in chunks]) == stored


def test_a_run_whose_end_is_never_recorded_fails_loudly(faulty: Any) -> None:
    client, _ = faulty(routed([first(4), joined(*STEPS[4:])], [STREAMING]), max_resume_attempts=2)
    with run_in(client) as run, pytest.raises(APIConnectionError, match="never recorded"):
        list(run)


def test_a_download_cut_midway_is_a_connection_error_and_leaves_no_file(
    faulty: Any, tmp_path: Path
) -> None:
    info = {"name": "f", "path": "/home/user/f", "type": "file"}

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/files/info"):
            return httpx.Response(200, json=info)
        return httpx.Response(200, stream=Cut(b"abc"))

    client, _ = faulty(handler)
    with pytest.raises(APIConnectionError, match="broke off"):
        client.sandboxes.files.download("s1", "f", tmp_path / "f")
    assert list(tmp_path.iterdir()) == []
