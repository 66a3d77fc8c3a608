"""Random UI message streams that the AI SDK accepts: every chunk type of its 5.0.35 schema.

Each stream is well-formed as a browser on ai@5.0.35 sees it (every chunk passes its strict
schema, a delta only follows its part's start), and otherwise as varied as the protocol allows:
steps whose blocks interleave, parts left open, text split inside a surrogate pair, tool input
cut anywhere (inside a `\\u` escape too), static and dynamic tools, provider metadata and
provider-executed calls, preliminary outputs, data parts updated by id, metadata of any JSON
shape, errors, aborts and streams that stop without `finish`.
"""

from __future__ import annotations

import json
import random
from typing import Any

Chunk = dict[str, Any]

_WORDS = [
    "hello ",
    "wörld ",
    "日本語 ",
    "tab\tand\nnewline ",
    'quote" ',
    "back\\slash ",
    "line\u2028sep ",
    "\u0000nul ",
    "",
    "😀",
    "👍🏽 ",
    "e\u0301 ",
]


def _json_value(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(8 if depth < 2 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.choice([0, -3, 42, 1.5, 1e21, -0.25])
    if kind in (3, 4):
        return rng.choice(["", "x", "é😀", 'a "q"', "\\u0041", "\u2028"])
    if kind in (5, 6):
        return {rng.choice(["a", "b", "ü", "k 1"]): _json_value(rng, depth + 1) for _ in range(3)}
    return [_json_value(rng, depth + 1) for _ in range(rng.randrange(3))]


def _provider_metadata(rng: random.Random) -> dict[str, Any]:
    return {rng.choice(["anthropic", "openai"]): {"cache": _json_value(rng, 1), "n": 1}}


def _maybe_pm(rng: random.Random, chunk: Chunk) -> Chunk:
    if rng.random() < 0.3:
        chunk["providerMetadata"] = _provider_metadata(rng)
    return chunk


def _text_pieces(rng: random.Random) -> list[str]:
    """Deltas of a text, cut anywhere: a character outside the BMP may be cut in two halves."""
    text = "".join(rng.choice(_WORDS) for _ in range(rng.randrange(1, 8)))
    units = text.encode("utf-16-le", "surrogatepass")
    pieces: list[str] = []
    i = 0
    while i < len(units):
        step = 2 * rng.randrange(1, 6)
        pieces.append(units[i : i + step].decode("utf-16-le", "surrogatepass"))
        i += step
    if rng.random() < 0.2:
        pieces.insert(rng.randrange(len(pieces) + 1), "")
    return pieces


def _text_block(rng: random.Random, id_: str, kind: str, close: bool) -> list[Chunk]:
    chunks = [_maybe_pm(rng, {"type": f"{kind}-start", "id": id_})]
    for piece in _text_pieces(rng):
        chunks.append(_maybe_pm(rng, {"type": f"{kind}-delta", "id": id_, "delta": piece}))
    if close:
        chunks.append(_maybe_pm(rng, {"type": f"{kind}-end", "id": id_}))
    return chunks


def _input_pieces(rng: random.Random, value: Any) -> tuple[list[str], str]:
    """A tool input's JSON text in deltas, and the text they add up to (maybe cut short)."""
    text = json.dumps(value, ensure_ascii=rng.random() < 0.5)
    if rng.random() < 0.3:
        text = text[: rng.randrange(len(text) + 1)]  # cut anywhere: in a key, an escape, ...
    pieces = []
    i = 0
    while i < len(text):
        step = rng.randrange(1, 9)
        pieces.append(text[i : i + step])
        i += step
    return pieces, text


def _tool_block(rng: random.Random, call_id: str, last: bool) -> list[Chunk]:
    name = rng.choice(["Bash", "get-weather", "search_docs"])
    flags: Chunk = {}
    if rng.random() < 0.3:
        flags["dynamic"] = True
    executed = rng.random() < 0.25
    if executed:
        flags["providerExecuted"] = True
    head = {"toolCallId": call_id, "toolName": name}
    value = {"command": rng.choice(["ls", "echo 😀", 'say "hi"']), "n": _json_value(rng, 1)}
    chunks: list[Chunk] = []
    streamed = rng.random() < 0.75
    text = json.dumps(value)
    if streamed:
        chunks.append({"type": "tool-input-start", **head, **flags})
        pieces, text = _input_pieces(rng, value)
        chunks += [
            {"type": "tool-input-delta", "toolCallId": call_id, "inputTextDelta": p} for p in pieces
        ]
        if last and rng.random() < 0.3:
            return chunks  # the stream stops while the input streams
    outcome = rng.random()
    if outcome < 0.2:
        chunks.append(
            _maybe_pm(
                rng,
                {"type": "tool-input-error", **head, **flags, "input": text, "errorText": "bad"},
            )
        )
        if rng.random() < 0.5:
            error = {"type": "tool-output-error", "toolCallId": call_id, "errorText": "no"}
            chunks.append({**error, **flags})
        return chunks
    chunks.append(_maybe_pm(rng, {"type": "tool-input-available", **head, **flags, "input": value}))
    if last and rng.random() < 0.2:
        return chunks  # no result yet
    if rng.random() < 0.25:
        error = {"type": "tool-output-error", "toolCallId": call_id, "errorText": "it failed"}
        chunks.append({**error, **flags})
        return chunks
    for n in range(rng.randrange(3)):  # preliminary outputs first, as a streaming tool sends
        output = {"type": "tool-output-available", "toolCallId": call_id, "output": n}
        chunks.append({**output, **flags, "preliminary": True})
    output = {"type": "tool-output-available", "toolCallId": call_id, "output": _json_value(rng)}
    if rng.random() < 0.3:
        output["preliminary"] = False
    chunks.append({**output, **flags})
    return chunks


def _static_block(rng: random.Random, n: int, data_ids: list[str]) -> list[Chunk]:
    kind = rng.randrange(5)
    if kind == 0:
        chunk: Chunk = {"type": "source-url", "sourceId": f"s{n}", "url": "https://example.com/a"}
        if rng.random() < 0.5:
            chunk["title"] = "A page"
        return [_maybe_pm(rng, chunk)]
    if kind == 1:
        chunk = {"type": "source-document", "sourceId": f"d{n}", "mediaType": "text/plain"}
        chunk["title"] = "Doc"
        if rng.random() < 0.5:
            chunk["filename"] = "doc.txt"
        return [_maybe_pm(rng, chunk)]
    if kind == 2:
        file = {"type": "file", "url": "data:text/plain;base64,aGk=", "mediaType": "text/plain"}
        return [_maybe_pm(rng, file)]
    chunk = {"type": rng.choice(["data-weather", "data-status"]), "data": _json_value(rng)}
    if rng.random() < 0.6:
        if data_ids and rng.random() < 0.5:
            chunk["id"] = rng.choice(data_ids)  # updates the part of the same type and id
        else:
            chunk["id"] = f"x{n}"
            data_ids.append(chunk["id"])
    if rng.random() < 0.15:
        chunk["transient"] = True
    elif rng.random() < 0.15:
        chunk["transient"] = False
    return [chunk]


def _interleave(rng: random.Random, blocks: list[list[Chunk]]) -> list[Chunk]:
    """All blocks' chunks in one sequence, each block's in its own order."""
    queues = [list(b) for b in blocks if b]
    out: list[Chunk] = []
    while queues:
        queue = rng.choice(queues[:2])  # mostly one block after another, sometimes two at once
        out.append(queue.pop(0))
        if not queue:
            queues.remove(queue)
    return out


def _metadata(rng: random.Random) -> Any:
    # Any JSON object or array; the AI SDK's merge fails on a string or a number after the first
    roll = rng.random()
    if roll < 0.1:
        return [_json_value(rng, 1), 1]
    if roll < 0.13:
        return None  # ignored
    return {
        rng.choice(["inputTokens", "outputTokens", "custom", "nested"]): _json_value(rng, 1)
        for _ in range(rng.randrange(1, 4))
    }


def random_stream(rng: random.Random) -> list[Chunk]:
    """One stream's chunks, without the closing `[DONE]`."""
    start: Chunk = {"type": "start"}
    if rng.random() < 0.8:
        start["messageId"] = f"msg-{rng.randrange(1000)}"
    if rng.random() < 0.3:
        start["messageMetadata"] = _metadata(rng)
    chunks = [start]
    counter = 0
    data_ids: list[str] = []
    steps = rng.randrange(4)
    for step in range(steps):
        last_step = step == steps - 1
        chunks.append({"type": "start-step"})
        blocks = []
        for b in range(rng.randrange(1, 4)):
            counter += 1
            last = last_step and b == 2
            roll = rng.random()
            if roll < 0.35:
                close = not last_step or rng.random() < 0.8
                blocks.append(_text_block(rng, f"t{counter}", "text", close))
            elif roll < 0.5:
                close = not last_step or rng.random() < 0.8
                blocks.append(_text_block(rng, f"r{counter}", "reasoning", close))
            elif roll < 0.8:
                blocks.append(_tool_block(rng, f"call-{counter}", last))
            else:
                blocks.append(_static_block(rng, counter, data_ids))
        chunks += _interleave(rng, blocks)
        if rng.random() < 0.15:
            chunks.append({"type": "message-metadata", "messageMetadata": _metadata(rng)})
        if not last_step or rng.random() < 0.7:
            chunks.append({"type": "finish-step"})
    end = rng.random()
    if end < 0.1:
        chunks.append({"type": "error", "errorText": "the model failed 😀"})
    if end < 0.15:
        chunks.append({"type": "abort"})
    elif end < 0.9:
        finish: Chunk = {"type": "finish"}
        if rng.random() < 0.4:
            finish["messageMetadata"] = _metadata(rng)
        chunks.append(finish)
    return chunks  # else: stopped without finish
