"""Catching up with a stored message, and what a run passes on after a live join."""

from __future__ import annotations

from typing import Any

from agents21._resume import JoinGate, catch_up
from agents21.stream import MessageAccumulator, parse_chunk

RUN: list[dict[str, Any]] = [
    {"type": "start", "messageId": "m1"},
    {"type": "text-start", "id": "a"},
    {"type": "text-delta", "id": "a", "delta": "Let me look. "},
    {"type": "text-delta", "id": "a", "delta": "Running it."},
    {"type": "text-end", "id": "a"},
    {"type": "tool-input-start", "toolCallId": "c1", "toolName": "Bash"},
    {"type": "tool-input-delta", "toolCallId": "c1", "inputTextDelta": '{"command": "ls'},
    {"type": "tool-input-delta", "toolCallId": "c1", "inputTextDelta": ' -la"}'},
    {"type": "tool-input-available", "toolCallId": "c1", "toolName": "Bash",
     "input": {"command": "ls -la"}},
    {"type": "tool-output-available", "toolCallId": "c1", "output": {"stdout": "x\n"}},
    {"type": "text-start", "id": "b"},
    {"type": "text-delta", "id": "b", "delta": "Done: "},
    {"type": "text-delta", "id": "b", "delta": "one file."},
    {"type": "text-end", "id": "b"},
    {"type": "message-metadata", "messageMetadata": {"totalTokens": 9}},
    {"type": "finish"},
]  # fmt: skip


def assemble(raws: list[dict[str, Any]]) -> MessageAccumulator:
    accumulator = MessageAccumulator()
    for raw in raws:
        accumulator.add(parse_chunk(raw))
    return accumulator


STORED = assemble(RUN).message
ONCE = {"text-start", "text-end", "tool-input-start", "tool-input-available",
        "tool-output-available"}  # fmt: skip


def key(raw: dict[str, Any]) -> tuple[str, str]:
    return raw["type"], str(raw.get("id") or raw.get("toolCallId"))


def test_from_every_prefix_the_catch_up_reaches_the_stored_message() -> None:
    for cut in range(len(RUN) + 1):
        accumulator = assemble(RUN[:cut])
        chunks = catch_up(accumulator, STORED)
        assert chunks is not None, cut
        for chunk in chunks:
            accumulator.add(chunk)
        assert accumulator.message.to_dict() == STORED.to_dict(), cut
        # Nothing that came already is sent again.
        came = {key(raw) for raw in RUN[:cut]}
        assert not [c for c in chunks if key(c.to_dict()) in came and c.type in ONCE], cut


def test_a_gap_inside_what_was_assembled_cannot_be_caught_up() -> None:
    # The first delta of `a` is missing: no appended chunk puts it back.
    assert catch_up(assemble(RUN[:2] + RUN[3:5]), STORED) is None
    # A part the stored message does not have.
    extra = [*RUN[:2], {"type": "text-delta", "id": "a", "delta": "Something else"}]
    assert catch_up(assemble(extra), STORED) is None


def test_after_a_join_inside_an_open_text_new_parts_pass_live() -> None:
    before = assemble(RUN[:3])  # dropped inside text `a`
    gate = JoinGate(before)
    passed = [raw["type"] for raw in RUN[3:] if gate.admit(parse_chunk(raw))]
    # The rest of `a` is held back (it comes from the stored message), and the finish.
    assert passed == [r["type"] for r in RUN[5:-1]]
    assert gate.finish is not None and not gate.holding


def test_a_tool_result_waits_for_its_whole_input() -> None:
    gate = JoinGate(assemble(RUN[:7]))  # dropped inside c1's input
    assert not gate.admit(parse_chunk(RUN[7]))  # the rest of its input: held
    assert gate.admit(parse_chunk(RUN[8]))  # its whole input
    gate = JoinGate(assemble(RUN[:7]))
    assert not gate.admit(parse_chunk(RUN[7]))
    assert not gate.admit(parse_chunk(RUN[9]))  # input-available was missed: result held


def test_a_join_that_may_have_missed_whole_parts_holds_everything_back() -> None:
    gate = JoinGate(assemble(RUN[:5]))  # dropped between parts
    assert not any(gate.admit(parse_chunk(raw)) for raw in RUN[10:])
    assert gate.holding
