"""agents21.stream: typed chunks, and the assistant message assembled from them."""

from __future__ import annotations

import gc
import json
import weakref
from pathlib import Path
from typing import Any

import attrs
import pytest

from agents21 import _accumulator, _partial_json, stream
from agents21._chunks import loads
from agents21.stream import (
    DataChunk,
    MessageAccumulator,
    StartChunk,
    TextDeltaChunk,
    UnknownChunk,
    decode_chunk,
    parse_chunk,
)
from agents21_api import models as generated
from agents21_api.models import UIMessage

DATA = Path(__file__).parent / "data"


def recorded(name: str) -> list[str]:
    """The `data:` payloads of a recorded run, one per line.

    Split on "\\n" only: str.splitlines() would also split on the raw U+2028/U+2029 that the
    recordings contain inside JSON strings.
    """
    return [line for line in (DATA / name).read_text(encoding="utf-8").split("\n") if line]


def assemble(chunks: list[dict[str, Any]]) -> MessageAccumulator:
    acc = MessageAccumulator()
    for data in chunks:
        acc.add(parse_chunk(data))
    return acc


# One valid payload of every chunk type, with the class it must parse into.
EXAMPLES: list[tuple[dict[str, Any], type]] = [
    ({"type": "start", "messageId": "m1"}, stream.StartChunk),
    ({"type": "text-start", "id": "t1"}, stream.TextStartChunk),
    ({"type": "text-delta", "id": "t1", "delta": "Hi"}, stream.TextDeltaChunk),
    ({"type": "text-end", "id": "t1"}, stream.TextEndChunk),
    ({"type": "reasoning-start", "id": "r1"}, stream.ReasoningStartChunk),
    ({"type": "reasoning-delta", "id": "r1", "delta": "Hm"}, stream.ReasoningDeltaChunk),
    ({"type": "reasoning-end", "id": "r1"}, stream.ReasoningEndChunk),
    (
        {"type": "tool-input-start", "toolCallId": "c1", "toolName": "Bash"},
        stream.ToolInputStartChunk,
    ),
    (
        {"type": "tool-input-delta", "toolCallId": "c1", "inputTextDelta": '{"a":'},
        stream.ToolInputDeltaChunk,
    ),
    (
        {
            "type": "tool-input-available",
            "toolCallId": "c1",
            "toolName": "Bash",
            "input": {"command": "ls"},
        },
        stream.ToolInputAvailableChunk,
    ),
    (
        {
            "type": "tool-input-error",
            "toolCallId": "c1",
            "toolName": "Bash",
            "input": "{bad",
            "errorText": "Invalid JSON",
        },
        stream.ToolInputErrorChunk,
    ),
    (
        {"type": "tool-output-available", "toolCallId": "c1", "output": {"exitCode": 0}},
        stream.ToolOutputAvailableChunk,
    ),
    (
        {"type": "tool-output-error", "toolCallId": "c1", "errorText": "boom"},
        stream.ToolOutputErrorChunk,
    ),
    (
        {"type": "message-metadata", "messageMetadata": {"totalTokens": 5, "durationMs": 9}},
        stream.MessageMetadataChunk,
    ),
    ({"type": "finish"}, stream.FinishChunk),
    ({"type": "error", "errorText": "budget_exceeded: over"}, stream.ErrorChunk),
    ({"type": "start-step"}, stream.StartStepChunk),
    ({"type": "finish-step"}, stream.FinishStepChunk),
    (
        {"type": "source-url", "sourceId": "s1", "url": "https://example.com", "title": "Ex"},
        stream.SourceUrlChunk,
    ),
    (
        {
            "type": "source-document",
            "sourceId": "s2",
            "mediaType": "application/pdf",
            "title": "Spec",
            "filename": "spec.pdf",
        },
        stream.SourceDocumentChunk,
    ),
    (
        {"type": "file", "url": "data:image/png;base64,AA==", "mediaType": "image/png"},
        stream.FileChunk,
    ),
    ({"type": "abort", "reason": "cancelled by user"}, stream.AbortChunk),
    ({"type": "data-weather", "id": "d1", "data": {"city": "Paris"}}, stream.DataChunk),
]
IDS = [example[0]["type"] for example in EXAMPLES]

# Keys a payload cannot do without, per type.
REQUIRED: dict[str, tuple[str, ...]] = {
    "start": (),
    "text-start": ("id",),
    "text-delta": ("id", "delta"),
    "text-end": ("id",),
    "reasoning-start": ("id",),
    "reasoning-delta": ("id", "delta"),
    "reasoning-end": ("id",),
    "tool-input-start": ("toolCallId", "toolName"),
    "tool-input-delta": ("toolCallId", "inputTextDelta"),
    "tool-input-available": ("toolCallId", "toolName", "input"),
    "tool-input-error": ("toolCallId", "toolName", "input", "errorText"),
    "tool-output-available": ("toolCallId", "output"),
    "tool-output-error": ("toolCallId", "errorText"),
    "message-metadata": ("messageMetadata",),
    "finish": (),
    "error": ("errorText",),
    "start-step": (),
    "finish-step": (),
    "source-url": ("sourceId", "url"),
    "source-document": ("sourceId", "mediaType", "title"),
    "file": ("url", "mediaType"),
    "abort": (),
    "data-weather": ("data",),
}


# ---------------------------------------------------------------------------- parsing


def test_examples_cover_every_chunk_class() -> None:
    chunk_classes = {
        obj
        for name, obj in vars(stream).items()
        if name.endswith("Chunk")
        and not name.startswith("_")
        and isinstance(obj, type)
        and obj is not UnknownChunk
    }
    assert {cls for _, cls in EXAMPLES} == chunk_classes
    assert len(chunk_classes) == 23
    assert set(REQUIRED) == set(IDS)


@pytest.mark.parametrize(("data", "cls"), EXAMPLES, ids=IDS)
def test_every_type_parses_into_its_class(data: dict[str, Any], cls: type) -> None:
    chunk = parse_chunk(data)
    assert type(chunk) is cls
    assert chunk.type == data["type"]
    # built on the generated model of the same name
    assert isinstance(chunk, getattr(generated, cls.__name__))
    assert chunk.to_dict() == data
    assert decode_chunk(json.dumps(data)) == chunk


@pytest.mark.parametrize(("data", "cls"), EXAMPLES, ids=IDS)
def test_parsed_chunk_equals_the_generated_from_dict(data: dict[str, Any], cls: Any) -> None:
    # the deltas skip from_dict; they must still set every field the model declares
    for payload in (data, {**data, "future": {"x": 1}}):
        chunk = parse_chunk(payload)
        assert not isinstance(chunk, UnknownChunk)
        expected = cls.from_dict(payload)
        assert chunk == expected
        assert attrs.asdict(chunk) == attrs.asdict(expected)
        assert chunk.additional_properties == {k: v for k, v in payload.items() if k == "future"}


@pytest.mark.parametrize(("data", "cls"), EXAMPLES, ids=IDS)
def test_extra_keys_are_kept_aside(data: dict[str, Any], cls: type) -> None:
    chunk = parse_chunk({**data, "future": [1, 2], "x-flag": True})
    assert type(chunk) is cls and not isinstance(chunk, UnknownChunk)
    assert chunk.additional_properties == {"future": [1, 2], "x-flag": True}
    assert chunk.to_dict() == {**data, "future": [1, 2], "x-flag": True}


@pytest.mark.parametrize(
    ("data", "key"),
    [(data, key) for data, _ in EXAMPLES for key in REQUIRED[data["type"]]],
    ids=[f"{data['type']}-{key}" for data, _ in EXAMPLES for key in REQUIRED[data["type"]]],
)
def test_a_missing_required_key_gives_an_unknown_chunk(data: dict[str, Any], key: str) -> None:
    broken = {k: v for k, v in data.items() if k != key}
    chunk = parse_chunk(broken)
    assert type(chunk) is UnknownChunk
    assert chunk.type == data["type"]
    assert chunk.raw == broken
    assert chunk.to_dict() == broken


@pytest.mark.parametrize(
    "data",
    [
        {"type": "text-delta", "id": "t1", "delta": 5},
        {"type": "text-delta", "id": None, "delta": "x"},
        {"type": "text-start", "id": 1},
        {"type": "reasoning-delta", "id": "r", "delta": ["x"]},
        {"type": "tool-input-delta", "toolCallId": "c", "inputTextDelta": None},
        {"type": "tool-input-start", "toolCallId": "c", "toolName": 7},
        {"type": "error", "errorText": {"message": "x"}},
        {"type": "start", "messageId": 12},
        {"type": "tool-output-available", "toolCallId": "c", "output": 1, "preliminary": "no"},
        {"type": "text-end", "id": "t", "providerMetadata": "p"},
        {"type": "data-x", "data": 1, "transient": "yes"},
    ],
)
def test_a_value_of_the_wrong_type_gives_an_unknown_chunk(data: dict[str, Any]) -> None:
    chunk = parse_chunk(data)
    assert type(chunk) is UnknownChunk
    assert (chunk.type, chunk.raw) == (data["type"], data)


def test_null_optional_fields_count_as_absent() -> None:
    chunk = parse_chunk({"type": "start", "messageId": "m1", "messageMetadata": None})
    assert isinstance(chunk, StartChunk)
    assert chunk.message_id == "m1"
    assert not chunk.message_metadata
    finish = parse_chunk({"type": "finish", "finishReason": None, "messageMetadata": None})
    assert finish.to_dict() == {"type": "finish"}


@pytest.mark.parametrize(
    ("data", "type_"),
    [
        (
            {"type": "tool-approval-request", "approvalId": "a1", "toolCallId": "c1"},
            "tool-approval-request",
        ),
        ({"type": "text-delta-v2", "id": "t1", "delta": "x"}, "text-delta-v2"),
        ({"type": ""}, ""),
        ({"delta": "no type"}, ""),
        ({"type": 5}, ""),
        ({"type": ["text-delta"]}, ""),
        ({"type": None}, ""),
    ],
)
def test_unknown_types_pass_through(data: dict[str, Any], type_: str) -> None:
    chunk = parse_chunk(data)
    assert type(chunk) is UnknownChunk
    assert chunk.type == type_
    assert chunk.raw is data


def test_data_chunks_of_any_name() -> None:
    chunk = parse_chunk({"type": "data-build-status", "data": None, "transient": True})
    assert isinstance(chunk, DataChunk)
    assert chunk.type == "data-build-status"
    assert chunk.data is None
    assert chunk.transient is True
    assert type(parse_chunk({"type": "data-x", "id": "d"})) is UnknownChunk  # no `data`


def test_message_metadata_fields_are_typed_and_round_trip() -> None:
    raw = {
        "inputTokens": 12,
        "outputTokens": "40",  # wrong type: kept as it came, not in the typed field
        "totalCostUsd": None,  # production reports a cost of 0 as null
        "durationMs": 1830,
        "resultSubtype": "success",
        "model": "claude",
    }
    chunk = parse_chunk({"type": "message-metadata", "messageMetadata": raw})
    assert isinstance(chunk, stream.MessageMetadataChunk)
    meta = chunk.message_metadata
    assert meta.input_tokens == 12
    assert meta.duration_ms == 1830
    assert meta.result_subtype == "success"
    assert meta.output_tokens is None and meta.total_cost_usd is None
    assert meta.additional_properties == {
        "outputTokens": "40",
        "totalCostUsd": None,
        "model": "claude",
    }
    assert meta.to_dict() == raw


def test_the_text_delta_fast_path_reads_what_json_reads() -> None:
    """A text delta written compactly skips JSON decoding; any payload near that shape (escapes,
    control characters, spaces, other key orders, extra keys, other types) must decode to
    exactly what the general path (JSON, then the typed parser) gives."""
    import random

    rng = random.Random(7)
    pieces = [
        "a", "é", "🙂", " ", "\\", '\\"', "\\u00e9", "\\n", '"', "\x01", "\x1f", "\x7f",
        "\u2028", "}", ",", ":", '","delta":"', '"id":"x"',
    ]  # fmt: skip
    heads = [
        '{"type":"text-delta","id":"', '{"type":"text-delta", "id":"', '{"id":"',
        '{"type":"reasoning-delta","id":"', ' {"type":"text-delta","id":"',
    ]  # fmt: skip
    middles = ['","delta":"', '", "delta":"', '","delta": "', '","providerMetadata":{},"delta":"']
    tails = ['"}', '"} ', '","x":1}', '"}}', '"', '","type":"text-delta"}']
    for _ in range(3000):
        text = (
            (rng.choice(heads) if rng.random() < 0.3 else heads[0])
            + "".join(rng.choice(pieces) for _ in range(rng.randint(0, 4)))
            + (rng.choice(middles) if rng.random() < 0.3 else middles[0])
            + "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
            + (rng.choice(tails) if rng.random() < 0.3 else tails[0])
        )
        general = decode_chunk(text.encode())  # bytes take the general path
        assert decode_chunk(text) == general, text
        assert type(decode_chunk(text)) is type(general), text


def test_decode_chunk() -> None:
    assert decode_chunk("[DONE]") is None
    assert decode_chunk(b"[DONE]") is None
    chunk = decode_chunk(b'{"type":"text-delta","id":"t","delta":"caf\xc3\xa9"}')
    assert isinstance(chunk, TextDeltaChunk)
    assert chunk.delta == "café"
    unknown = decode_chunk('{"type":"whatever","x":1}')
    assert unknown == UnknownChunk("whatever", {"type": "whatever", "x": 1})
    # one policy for every bad payload: an unknown chunk that keeps the text, never an error
    for bad, text in [
        ("[1, 2]",) * 2,
        ('"text"',) * 2,
        ("null",) * 2,
        ("{not json",) * 2,
        (b"\xff", "\ufffd"),
    ]:
        assert decode_chunk(bad) == UnknownChunk("", {"data": text})
    # what JSON.parse refuses is refused too (NaN), and so is what cannot be built
    for bad in ('{"type":"text-delta","id":"t","delta":NaN}', '{"type":"x","v":' + "[" * 10**5):
        assert decode_chunk(bad) == UnknownChunk("", {"data": bad})


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_line_and_paragraph_separators_inside_text(separator: str) -> None:
    text = f"one{separator}two"
    raw = json.dumps({"type": "text-delta", "id": "t", "delta": text}, ensure_ascii=False)
    escaped = json.dumps({"type": "text-delta", "id": "t", "delta": text})
    assert separator in raw and separator not in escaped
    for data in (raw, escaped, raw.encode()):
        chunk = decode_chunk(data)
        assert isinstance(chunk, TextDeltaChunk)
        assert chunk.delta == text
    acc = MessageAccumulator()
    for chunk in map(decode_chunk, [raw, escaped]):
        assert chunk is not None
        acc.add(chunk)
    assert acc.text == text + text


def test_chunk_type_is_the_protocol_name_on_the_class() -> None:
    # a class attribute: no per-instance storage, and readable without an instance
    assert stream.TextDeltaChunk.type == "text-delta"
    assert stream.ToolInputAvailableChunk.type == "tool-input-available"
    assert not hasattr(parse_chunk({"type": "finish"}), "__dict__")


# ---------------------------------------------------------------------------- recorded runs


def test_recorded_tools_run_assembles_into_the_stored_message() -> None:
    stored = json.loads((DATA / "tools_run.stored.json").read_text(encoding="utf-8"))
    acc = MessageAccumulator()
    lines = recorded("tools_run.jsonl")
    chunks = [decode_chunk(line) for line in lines]
    assert chunks[-1] is None  # [DONE]
    for chunk in chunks[:-1]:
        assert chunk is not None and not isinstance(chunk, UnknownChunk)
        acc.add(chunk)
    assert acc.message.to_dict() == stored
    assert acc.message_id == stored["id"]
    assert acc.text == stored["parts"][2]["text"]
    assert "hi\u2028there\u2029!" in acc.text
    meta = stored["metadata"]
    assert acc.usage == generated.ThreadUsage(
        input_tokens=meta["inputTokens"],
        output_tokens=meta["outputTokens"],
        total_tokens=meta["totalTokens"],
        total_cost_usd=meta["totalCostUsd"],
        duration_ms=meta["durationMs"],
    )
    assert acc.error is None
    assert acc.finished and not acc.aborted


def test_recorded_failed_run_keeps_the_message_and_records_the_error() -> None:
    acc = MessageAccumulator()
    for line in recorded("budget_exceeded.jsonl"):
        chunk = decode_chunk(line)
        if chunk is not None:
            acc.add(chunk)
    assert acc.error is not None and acc.error.startswith("budget_exceeded: Run stopped")
    assert acc.finished
    message = acc.message.to_dict()
    assert message == {
        "id": "220b0ae0-a271-4a67-a315-11423abdbec7",
        "role": "assistant",
        "parts": [],
        "metadata": {
            "sessionId": "bc251c8b-950d-403d-9b36-8ad52ac3317a",
            "inputTokens": 10,
            "outputTokens": 0,
            "totalTokens": 10,
            "totalCostUsd": 3e-05,
            "durationMs": 0,
            "resultSubtype": "error_max_budget_usd",
        },
    }
    assert acc.usage.total_tokens == 10
    assert acc.usage.total_cost_usd == 3e-05


# ---------------------------------------------------------------------------- assembly

EVERY_TYPE: list[dict[str, Any]] = [
    {"type": "start", "messageId": "m1", "messageMetadata": {"model": "m", "nested": {"a": 1}}},
    {"type": "start-step"},
    {"type": "reasoning-start", "id": "r1"},
    {"type": "reasoning-delta", "id": "r1", "delta": "Think"},
    {"type": "reasoning-delta", "id": "r1", "delta": "ing"},
    {"type": "reasoning-end", "id": "r1"},
    {"type": "text-start", "id": "t1"},
    {"type": "text-delta", "id": "t1", "delta": "Hel"},
    {"type": "text-delta", "id": "t1", "delta": "lo"},
    {"type": "text-end", "id": "t1"},
    {"type": "tool-input-start", "toolCallId": "c1", "toolName": "Bash"},
    {"type": "tool-input-delta", "toolCallId": "c1", "inputTextDelta": '{"command":'},
    {"type": "tool-input-delta", "toolCallId": "c1", "inputTextDelta": ' "ls"}'},
    {
        "type": "tool-input-available",
        "toolCallId": "c1",
        "toolName": "Bash",
        "input": {"command": "ls"},
    },
    {"type": "tool-output-available", "toolCallId": "c1", "output": {"stdout": "a.txt\n"}},
    {"type": "tool-input-start", "toolCallId": "c2", "toolName": "Read"},
    {
        "type": "tool-input-available",
        "toolCallId": "c2",
        "toolName": "Read",
        "input": {"path": "/x"},
    },
    {"type": "tool-output-error", "toolCallId": "c2", "errorText": "No such file"},
    {
        "type": "tool-input-error",
        "toolCallId": "c3",
        "toolName": "Write",
        "input": "{bad",
        "errorText": "Invalid JSON",
    },
    {"type": "source-url", "sourceId": "s1", "url": "https://example.com", "title": "Example"},
    {
        "type": "source-document",
        "sourceId": "s2",
        "mediaType": "application/pdf",
        "title": "Spec",
        "filename": "spec.pdf",
    },
    {"type": "file", "url": "data:image/png;base64,AA==", "mediaType": "image/png"},
    {"type": "data-weather", "id": "d1", "data": {"city": "Paris"}},
    {"type": "data-note", "data": {"text": "n"}},
    {"type": "data-weather", "id": "d1", "data": {"city": "Lyon"}},  # updates d1 in place
    {"type": "data-progress", "id": "p", "data": {"pct": 50}, "transient": True},
    {"type": "finish-step"},
    {"type": "tool-approval-request", "approvalId": "a1", "toolCallId": "c1"},  # unknown: ignored
    {"type": "start-step"},
    {"type": "text-start", "id": "t2"},
    {"type": "text-delta", "id": "t2", "delta": "Bye"},
    {"type": "text-end", "id": "t2"},
    {
        "type": "message-metadata",
        "messageMetadata": {
            "inputTokens": 1,
            "outputTokens": 2,
            "totalTokens": 3,
            "nested": {"b": 2},
        },
    },
    {"type": "abort", "reason": "stop"},
    {"type": "finish", "finishReason": "stop", "messageMetadata": {"durationMs": 5}},
]

EVERY_TYPE_MESSAGE: dict[str, Any] = {
    "id": "m1",
    "role": "assistant",
    "parts": [
        {"type": "step-start"},
        {"type": "reasoning", "text": "Thinking", "state": "done"},
        {"type": "text", "text": "Hello", "state": "done"},
        {
            "type": "tool-Bash",
            "toolCallId": "c1",
            "state": "output-available",
            "input": {"command": "ls"},
            "output": {"stdout": "a.txt\n"},
        },
        {
            "type": "tool-Read",
            "toolCallId": "c2",
            "state": "output-error",
            "input": {"path": "/x"},
            "errorText": "No such file",
        },
        {
            "type": "tool-Write",
            "toolCallId": "c3",
            "state": "output-error",
            "rawInput": "{bad",  # the input that failed, apart from `input`
            "errorText": "Invalid JSON",
        },
        {"type": "source-url", "sourceId": "s1", "url": "https://example.com", "title": "Example"},
        {
            "type": "source-document",
            "sourceId": "s2",
            "mediaType": "application/pdf",
            "title": "Spec",
            "filename": "spec.pdf",
        },
        {"type": "file", "mediaType": "image/png", "url": "data:image/png;base64,AA=="},
        {"type": "data-weather", "id": "d1", "data": {"city": "Lyon"}},
        {"type": "data-note", "data": {"text": "n"}},
        {"type": "step-start"},
        {"type": "text", "text": "Bye", "state": "done"},
    ],
    "metadata": {
        "model": "m",
        "nested": {"a": 1, "b": 2},
        "inputTokens": 1,
        "outputTokens": 2,
        "totalTokens": 3,
        "durationMs": 5,
    },
}


def test_every_chunk_type_assembles() -> None:
    acc = assemble(EVERY_TYPE)
    message = acc.message
    assert message.to_dict() == EVERY_TYPE_MESSAGE
    assert acc.text == "HelloBye"  # reasoning is not text
    assert acc.finished and acc.finish_reason == "stop" and acc.aborted
    assert acc.error is None
    assert acc.usage == generated.ThreadUsage(
        input_tokens=1, output_tokens=2, total_tokens=3, total_cost_usd=None, duration_ms=5
    )
    # the message reads back through the generated model as the clients will read a thread
    assert UIMessage.from_dict(message.to_dict()).to_dict() == EVERY_TYPE_MESSAGE
    kinds = [type(part).__name__ for part in message.parts]
    assert kinds[:4] == ["StepStartUIPart", "ReasoningUIPart", "TextUIPart", "ToolUIPart"]
    assert kinds[6:11] == [
        "SourceUrlUIPart",
        "SourceDocumentUIPart",
        "FileUIPart",
        "GenericUIPart",
        "GenericUIPart",
    ]


def test_text_parts_stream_then_close() -> None:
    acc = assemble(
        [{"type": "text-start", "id": "t"}, {"type": "text-delta", "id": "t", "delta": "a"}]
    )
    assert acc.message.to_dict()["parts"] == [{"type": "text", "text": "a", "state": "streaming"}]
    acc.add(parse_chunk({"type": "text-end", "id": "t"}))
    assert acc.message.to_dict()["parts"] == [{"type": "text", "text": "a", "state": "done"}]
    # an empty block is still a part, as in the AI SDK
    acc = assemble([{"type": "text-start", "id": "e"}, {"type": "text-end", "id": "e"}])
    assert acc.message.to_dict()["parts"] == [{"type": "text", "text": "", "state": "done"}]


def test_interleaved_text_blocks_keep_their_order_and_ids() -> None:
    acc = assemble(
        [
            {"type": "text-start", "id": "a"},
            {"type": "text-start", "id": "b"},
            {"type": "text-delta", "id": "b", "delta": "B1"},
            {"type": "text-delta", "id": "a", "delta": "A1"},
            {"type": "text-end", "id": "a"},
            {"type": "text-delta", "id": "b", "delta": "B2"},
        ]
    )
    assert acc.message.to_dict()["parts"] == [
        {"type": "text", "text": "A1", "state": "done"},
        {"type": "text", "text": "B1B2", "state": "streaming"},
    ]


def test_a_delta_before_its_start_opens_the_part() -> None:
    # joining a live stream mid-block: the first thing seen is a delta
    acc = assemble(
        [
            {"type": "text-delta", "id": "t1", "delta": "…middle "},
            {"type": "text-delta", "id": "t1", "delta": "end"},
            {"type": "text-end", "id": "t1"},
            {"type": "reasoning-delta", "id": "r1", "delta": "late"},
            {"type": "reasoning-end", "id": "r1"},
            {"type": "text-end", "id": "never-started"},  # nothing to close: ignored
            {"type": "message-metadata", "messageMetadata": {"totalTokens": 4}},
            {"type": "finish"},
        ]
    )
    assert acc.message_id is None
    assert acc.message.to_dict() == {
        "role": "assistant",
        "parts": [
            {"type": "text", "text": "…middle end", "state": "done"},
            {"type": "reasoning", "text": "late", "state": "done"},
        ],
        "metadata": {"totalTokens": 4},
    }


def test_tool_output_for_a_call_never_started() -> None:
    acc = assemble(
        [
            {"type": "tool-input-delta", "toolCallId": "c0", "inputTextDelta": '"ls"}'},
            {"type": "tool-output-available", "toolCallId": "c0", "output": "lost"},
            {"type": "tool-output-error", "toolCallId": "c0", "errorText": "lost"},
        ]
    )
    # no tool name, so no `tool-<name>` part can be made
    assert acc.message.parts == []
    # a chunk that names its tool is enough
    acc = assemble(
        [
            {
                "type": "tool-output-available",
                "toolCallId": "c9",
                "toolName": "Bash",
                "output": {"ok": 1},
            }
        ]
    )
    assert acc.message.to_dict()["parts"] == [
        {"type": "tool-Bash", "toolCallId": "c9", "state": "output-available", "output": {"ok": 1}}
    ]
    # joining after tool-input-available: the output completes the part
    acc = assemble(
        [
            {
                "type": "tool-input-available",
                "toolCallId": "c1",
                "toolName": "Bash",
                "input": {"command": "ls"},
            },
            {"type": "tool-output-available", "toolCallId": "c1", "output": None},
        ]
    )
    assert acc.message.to_dict()["parts"] == [
        {
            "type": "tool-Bash",
            "toolCallId": "c1",
            "state": "output-available",
            "input": {"command": "ls"},
            "output": None,  # a null output is an output
        }
    ]


def test_partial_tool_input_is_parsed_best_effort() -> None:
    acc = assemble([{"type": "tool-input-start", "toolCallId": "c1", "toolName": "Write"}])

    def tool_part() -> dict[str, Any]:
        part: dict[str, Any] = acc.message.to_dict()["parts"][0]
        return part

    assert tool_part() == {"type": "tool-Write", "toolCallId": "c1", "state": "input-streaming"}
    seen = []
    for piece in [
        '{"path": "/tmp/a',
        '.txt", "content": "line 1\\nli',
        'ne 2", "mode": 6',
        "44, ",
        '"append": tr',
    ]:
        acc.add(
            parse_chunk({"type": "tool-input-delta", "toolCallId": "c1", "inputTextDelta": piece})
        )
        part = tool_part()
        assert part["state"] == "input-streaming"
        seen.append(part.get("input"))
    assert seen == [
        {"path": "/tmp/a"},
        {"path": "/tmp/a.txt", "content": "line 1\nli"},
        {"path": "/tmp/a.txt", "content": "line 1\nline 2", "mode": 6},
        {"path": "/tmp/a.txt", "content": "line 1\nline 2", "mode": 644},
        {"path": "/tmp/a.txt", "content": "line 1\nline 2", "mode": 644, "append": True},
    ]
    final = {"path": "/tmp/a.txt", "content": "line 1\nline 2", "mode": 644, "append": True}
    acc.add(
        parse_chunk(
            {
                "type": "tool-input-available",
                "toolCallId": "c1",
                "toolName": "Write",
                "input": final,
            }
        )
    )
    assert tool_part() == {
        "type": "tool-Write",
        "toolCallId": "c1",
        "state": "input-available",
        "input": final,
    }


def test_tool_output_while_input_still_streams_keeps_the_partial_input() -> None:
    acc = assemble(
        [
            {"type": "tool-input-start", "toolCallId": "c1", "toolName": "Bash"},
            {"type": "tool-input-delta", "toolCallId": "c1", "inputTextDelta": '{"command": "l'},
            {"type": "tool-output-error", "toolCallId": "c1", "errorText": "aborted"},
        ]
    )
    assert acc.message.to_dict()["parts"] == [
        {
            "type": "tool-Bash",
            "toolCallId": "c1",
            "state": "output-error",
            "input": {"command": "l"},
            "errorText": "aborted",
        }
    ]


def test_unparseable_partial_input_leaves_input_out() -> None:
    acc = assemble(
        [
            {"type": "tool-input-start", "toolCallId": "c1", "toolName": "Bash"},
            {"type": "tool-input-delta", "toolCallId": "c1", "inputTextDelta": "not json at all"},
        ]
    )
    assert "input" not in acc.message.to_dict()["parts"][0]


def test_a_restarted_tool_call_starts_over() -> None:
    acc = assemble(
        [
            {"type": "tool-input-start", "toolCallId": "c1", "toolName": "Bash"},
            {
                "type": "tool-input-available",
                "toolCallId": "c1",
                "toolName": "Bash",
                "input": {"a": 1},
            },
            {"type": "tool-output-error", "toolCallId": "c1", "errorText": "retry"},
            {"type": "tool-input-start", "toolCallId": "c1", "toolName": "Bash"},
            {"type": "tool-input-delta", "toolCallId": "c1", "inputTextDelta": '{"b": 2'},
        ]
    )
    assert acc.message.to_dict()["parts"] == [
        {"type": "tool-Bash", "toolCallId": "c1", "state": "input-streaming", "input": {"b": 2}}
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("", "missing"),
        ("{", {}),
        ('{"a', {}),
        ('{"a":', {}),
        ('{"a": 1', {"a": 1}),
        ('{"a": 1.', {"a": 1}),
        ('{"a": 1e', {"a": 1}),
        ('{"a": -', {}),
        ('{"a": -2', {"a": -2}),
        ('{"a": t', {"a": True}),
        ('{"a": fal', {"a": False}),
        ('{"a": nu', {"a": None}),
        ('{"a": [1, 2,', {"a": [1, 2]}),
        ('{"a": [1, {"b": "c', {"a": [1, {"b": "c"}]}),
        ('{"a": "x\\', {"a": "x"}),
        ('{"a": "x\\u00', "missing"),  # cut inside an escape: nothing parses
        ('{"a":[-', "missing"),  # as the AI SDK: `[-]` does not parse
        ('{"a":1e+5', {"a": 1}),  # a `+` ends the number
        ('{"a":NaN}', {}),  # not JSON, as JSON.parse says
        ('{"a\\":1', "missing"),  # an escaped quote ends a key, as in the AI SDK
        ("[" * 5000, "missing"),  # too deep to build: no input, and no RecursionError
        ('{"a": "x\\u00e9', {"a": "xé"}),
        ('{"a": "x\\"y', {"a": 'x"y'}),
        ('{"k\\"ey": 1', {'k"ey': 1}),
        ('{"a": 1, "b', {"a": 1}),
        ('{"a": 1, "b": "\u2028', {"a": 1, "b": "\u2028"}),
        ("[", []),
        ("[ ", []),
        ("[-", "missing"),  # as the AI SDK: `[-]` does not parse
        ("[1 ", [1]),
        ('"str', "str"),
        ("tr", True),
        ("12", 12),
        ('{"a": {}}', {"a": {}}),
        ("]", "missing"),
    ],
)
def test_partial_json(text: str, value: Any) -> None:
    result = _partial_json.parse_partial_json(text)
    assert (result if result is not _partial_json.MISSING else "missing") == value


def test_metadata_merges_deeply_in_stream_order() -> None:
    acc = assemble(
        [
            {
                "type": "start",
                "messageId": "m",
                "messageMetadata": {"a": 1, "obj": {"x": 1, "y": 1}, "list": [1, 2], "gone": 1},
            },
            {"type": "message-metadata", "messageMetadata": {"a": 2, "obj": {"y": 2}, "list": [3]}},
            {
                "type": "message-metadata",
                "messageMetadata": {"gone": None, "obj": {"z": {"deep": 1}}},
            },
            {"type": "finish", "messageMetadata": {"a": 3, "obj": {"z": {"deeper": 2}}}},
        ]
    )
    assert acc.message.to_dict()["metadata"] == {
        "a": 3,
        "obj": {"x": 1, "y": 2, "z": {"deep": 1, "deeper": 2}},
        "list": [3],  # arrays are replaced, not merged
        "gone": None,  # null overrides
    }


def test_metadata_of_any_json_value_merges_as_javascript_spreads_it() -> None:
    # the wider protocol allows any JSON value; an array merges as the object of its indices
    acc = assemble([{"type": "start", "messageId": "m", "messageMetadata": [1, {"a": 2}]}])
    assert acc.message_id == "m"
    assert acc.message.to_dict()["metadata"] == [1, {"a": 2}]
    assert acc.usage.total_tokens is None
    acc.add(parse_chunk({"type": "message-metadata", "messageMetadata": None}))  # ignored
    acc.add(parse_chunk({"type": "message-metadata", "messageMetadata": {"b": 3}}))
    acc.add(parse_chunk({"type": "finish", "messageMetadata": [4]}))
    assert acc.metadata == {"0": 4, "1": {"a": 2}, "b": 3}
    assert UIMessage.from_dict({"role": "assistant", "parts": [], "metadata": [1]}).metadata == [1]


def test_metadata_merging_does_not_change_earlier_snapshots_or_chunks() -> None:
    first = {"obj": {"x": 1}}
    acc = assemble([{"type": "start", "messageMetadata": first}])
    before = acc.message
    acc.add(parse_chunk({"type": "message-metadata", "messageMetadata": {"obj": {"y": 2}}}))
    assert before.to_dict()["metadata"] == {"obj": {"x": 1}}
    assert first == {"obj": {"x": 1}}
    assert acc.metadata == {"obj": {"x": 1, "y": 2}}


def test_transient_data_is_not_kept() -> None:
    acc = assemble(
        [
            {"type": "data-status", "data": "working", "transient": True},
            {"type": "data-status", "id": "s", "data": "kept", "transient": False},
            {"type": "data-status", "id": "s", "data": "replaced transiently", "transient": True},
        ]
    )
    assert acc.message.to_dict()["parts"] == [
        {"type": "data-status", "id": "s", "data": "kept", "transient": False}
    ]


def test_data_parts_are_updated_by_type_and_id() -> None:
    acc = assemble(
        [
            {"type": "data-a", "id": "1", "data": 1},
            {"type": "data-b", "id": "1", "data": 2},
            {"type": "data-a", "id": "1", "data": 3},
            {"type": "data-a", "data": 4},
            {"type": "data-a", "data": 5},
        ]
    )
    assert acc.message.to_dict()["parts"] == [
        {"type": "data-a", "id": "1", "data": 3},
        {"type": "data-b", "id": "1", "data": 2},
        {"type": "data-a", "data": 4},
        {"type": "data-a", "data": 5},
    ]


def test_a_failed_run_keeps_its_partial_message() -> None:
    acc = assemble(
        [
            {"type": "start", "messageId": "m"},
            {"type": "text-start", "id": "t"},
            {"type": "text-delta", "id": "t", "delta": "Half a"},
            {"type": "error", "errorText": "sandbox_error: gone"},
            {"type": "error", "errorText": "internal_error: follow-up"},
            {
                "type": "message-metadata",
                "messageMetadata": {"resultSubtype": "error_during_execution"},
            },
            {"type": "finish"},
        ]
    )
    assert acc.error == "sandbox_error: gone"  # the first error, the cause
    assert acc.finished
    assert acc.message.to_dict() == {
        "id": "m",
        "role": "assistant",
        "parts": [{"type": "text", "text": "Half a", "state": "streaming"}],
        "metadata": {"resultSubtype": "error_during_execution"},
    }
    assert acc.usage == generated.ThreadUsage(None, None, None, None, None)


def test_finish_step_forgets_open_parts() -> None:
    # as in the AI SDK: after finish-step, a delta for an old id belongs to a new part
    acc = assemble(
        [
            {"type": "text-start", "id": "t"},
            {"type": "text-delta", "id": "t", "delta": "a"},
            {"type": "finish-step"},
            {"type": "text-delta", "id": "t", "delta": "b"},
            {"type": "text-end", "id": "t"},
        ]
    )
    assert acc.message.to_dict()["parts"] == [
        {"type": "text", "text": "a", "state": "streaming"},
        {"type": "text", "text": "b", "state": "done"},
    ]


def test_unknown_and_broken_chunks_change_nothing() -> None:
    acc = assemble(EVERY_TYPE)
    before = acc.message.to_dict()
    for data in (
        {"type": "brand-new", "id": "t2", "delta": "x"},
        {"type": "text-delta", "id": "t9"},  # no delta: an UnknownChunk
        {"nothing": True},
    ):
        acc.add(parse_chunk(data))
    assert acc.message.to_dict() == before


def test_a_message_read_mid_stream_is_a_snapshot() -> None:
    acc = assemble(
        [
            {"type": "text-start", "id": "t"},
            {"type": "text-delta", "id": "t", "delta": "a"},
            {"type": "tool-input-start", "toolCallId": "c", "toolName": "Bash"},
        ]
    )
    snapshot = acc.message
    for data in (
        {"type": "text-delta", "id": "t", "delta": "b"},
        {"type": "text-end", "id": "t"},
        {"type": "tool-input-available", "toolCallId": "c", "toolName": "Bash", "input": {}},
    ):
        acc.add(parse_chunk(data))
    assert snapshot.to_dict()["parts"] == [
        {"type": "text", "text": "a", "state": "streaming"},
        {"type": "tool-Bash", "toolCallId": "c", "state": "input-streaming"},
    ]
    assert acc.message.to_dict()["parts"][0] == {"type": "text", "text": "ab", "state": "done"}


def test_usage_reads_only_well_typed_numbers() -> None:
    acc = assemble(
        [
            {
                "type": "message-metadata",
                "messageMetadata": {
                    "inputTokens": True,
                    "outputTokens": "3",
                    "totalTokens": 7,
                    "totalCostUsd": 0,
                    "durationMs": 1.5,
                },
            }
        ]
    )
    usage = acc.usage
    assert usage == generated.ThreadUsage(
        input_tokens=None, output_tokens=None, total_tokens=7, total_cost_usd=0.0, duration_ms=None
    )
    assert type(usage.total_cost_usd) is float


def test_no_start_means_no_id_and_no_metadata() -> None:
    acc = MessageAccumulator()
    assert acc.message.to_dict() == {"role": "assistant", "parts": []}
    assert acc.text == ""
    assert acc.metadata is None
    assert (acc.error, acc.finished, acc.finish_reason, acc.aborted) == (None, False, None, False)


# ---------------------------------------------------------------------------- cost


def test_many_small_deltas_are_compacted_and_no_chunk_is_kept() -> None:
    acc = MessageAccumulator()
    acc.add(parse_chunk({"type": "text-start", "id": "t"}))
    acc.add(parse_chunk({"type": "tool-input-start", "toolCallId": "c", "toolName": "Write"}))
    acc.add(
        parse_chunk({"type": "tool-input-delta", "toolCallId": "c", "inputTextDelta": '{"s": "'})
    )
    n = 20 * _accumulator._COMPACT + 7
    refs = []
    for i in range(n):
        chunk = parse_chunk({"type": "text-delta", "id": "t", "delta": str(i % 10)})
        if i % 1000 == 0:
            refs.append(weakref.ref(chunk))
        acc.add(chunk)
        acc.add(parse_chunk({"type": "tool-input-delta", "toolCallId": "c", "inputTextDelta": "x"}))
    del chunk
    gc.collect()
    assert all(ref() is None for ref in refs)  # the accumulator holds no chunk
    text_part, tool_part = acc._parts
    assert isinstance(text_part, _accumulator._TextPart) and isinstance(
        tool_part, _accumulator._ToolPart
    )
    # a handful of joined blocks instead of one string object per delta
    assert len(text_part.pieces) < _accumulator._COMPACT and len(text_part.blocks) <= 21
    assert tool_part.input_text is not None and len(tool_part.input_text.blocks) <= 21
    expected = "".join(str(i % 10) for i in range(n))
    assert acc.text == expected
    tool = acc.message.parts[1]
    assert isinstance(tool, generated.ToolUIPart)
    assert tool.input_ == {"s": "x" * n}


def test_reading_the_text_twice_joins_once() -> None:
    acc = assemble([{"type": "text-start", "id": "t"}])
    for _ in range(3 * _accumulator._COMPACT):
        acc.add(parse_chunk({"type": "text-delta", "id": "t", "delta": "ab"}))
    assert acc.text == "ab" * 3 * _accumulator._COMPACT
    part = acc._parts[0]
    assert isinstance(part, _accumulator._TextPart)
    assert part.blocks == [b"ab" * 3 * _accumulator._COMPACT] and part.pieces == []
    acc.add(parse_chunk({"type": "text-delta", "id": "t", "delta": "c"}))
    assert acc.text.endswith("abc")


def test_a_character_split_across_two_deltas_is_one_character() -> None:
    accumulator = MessageAccumulator()
    for raw in (
        {"type": "text-start", "id": "t"},
        {"type": "text-delta", "id": "t", "delta": "smile \ud83d"},
        {"type": "text-delta", "id": "t", "delta": "\ude00, \ud55c and half \ud83d"},
    ):
        accumulator.add(parse_chunk(raw))
    text = accumulator.message.parts[0].text
    assert text == "smile \U0001f600, \ud55c and half \ud83d"
    assert text[:-1].encode("utf-8")  # printable: only the truly lone half is left


@pytest.mark.parametrize(
    "text",
    [
        '{"type":"text-delta","id":"t","delta":"a\\u2028b"}',
        '  {"a": 1}  ',
        "[1, 2.5, null, true]",
        '"plain"',
        "12",
        "\t{}\n",
    ],
)
def test_loads_is_json_loads(text: str) -> None:
    assert loads(text) == json.loads(text)


@pytest.mark.parametrize("text", ["", " ", "{", '{"a": 1} x', "[DONE]", '{"a":1}{"b":2}', "nan"])
def test_loads_raises_what_json_loads_raises(text: str) -> None:
    with pytest.raises(json.JSONDecodeError) as ours:
        loads(text)
    with pytest.raises(json.JSONDecodeError) as theirs:
        json.loads(text)
    assert (ours.value.msg, ours.value.pos) == (theirs.value.msg, theirs.value.pos)


def test_a_dynamic_tool_call_makes_a_dynamic_tool_part() -> None:
    call = {"toolCallId": "c", "toolName": "mcp__search", "dynamic": True}
    acc = assemble(
        [
            {"type": "tool-input-start", **call},
            {"type": "tool-input-delta", "toolCallId": "c", "inputTextDelta": '{"q": "re'},
            {"type": "tool-input-available", **call, "input": {"q": "relay"}},
            {"type": "tool-output-available", "toolCallId": "c", "output": [1], "dynamic": True},
        ]
    )
    part = acc.message.parts[0]
    assert isinstance(part, generated.DynamicToolUIPart)
    assert part.to_dict() == {
        "type": "dynamic-tool",
        "toolName": "mcp__search",
        "toolCallId": "c",
        "state": "output-available",
        "input": {"q": "relay"},
        "output": [1],
    }


def test_tool_parts_keep_what_the_provider_says() -> None:
    call = {"toolCallId": "c", "toolName": "web"}
    meta = {"anthropic": {"cache": 1}}
    acc = assemble(
        [
            {"type": "tool-input-start", **call, "providerExecuted": True},
            {"type": "tool-input-available", **call, "input": {}, "providerMetadata": meta},
            {"type": "tool-output-available", "toolCallId": "c", "output": 1, "preliminary": True},
        ]
    )
    assert acc.message.to_dict()["parts"] == [
        {
            "type": "tool-web",
            "toolCallId": "c",
            "state": "output-available",
            "input": {},
            "output": 1,
            "preliminary": True,  # an interim output; the last one comes without it
            "providerExecuted": True,
            "callProviderMetadata": meta,
        }
    ]
    acc.add(parse_chunk({"type": "tool-output-available", "toolCallId": "c", "output": 2}))
    assert "preliminary" not in acc.message.to_dict()["parts"][0]
