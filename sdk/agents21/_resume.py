"""Resuming a run that missed part of its stream: what to pass on after joining a live
stream, and the chunks that catch up with the message the relay stored.

A run misses chunks when it ended while the client was away, or when a resume joined the live
stream (production's resume replays nothing) after a gap. Chunks can only extend what was
assembled: text that grows at its end, tool calls that settle, parts and metadata that come
after. So after a join, a run passes on only chunks it can place (`JoinGate`), and at the end
`catch_up` adds what the stored message has beyond them. A gap that cannot be mended that way
makes `catch_up` return `None`.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from agents21_api.models import UIMessage

from .stream import Chunk, MessageAccumulator, parse_chunk

# Chunks that extend an open part: after a join, the part may have missed some of them.
_EXTENDING = frozenset(
    {"text-delta", "text-end", "reasoning-delta", "reasoning-end", "tool-input-delta"}
)
_STEP_BOUNDARIES = frozenset({"start-step", "finish-step"})
_STARTING = frozenset({"text-start", "reasoning-start", "tool-input-start"})
_TEXT_KINDS = {"text": "text", "reasoning": "reasoning"}  # part type -> chunk type prefix


class JoinGate:
    """Decides which chunks of a joined stream a run passes on, so that what it yields always
    extends to the stored message.

    The first chunk decides. If it continues a part that was open when the stream dropped, the
    join missed only that part's tail: chunks of new parts are passed on live, while the open
    parts' own deltas and ends are held back (the stored message has their full text), and so
    is a tool's result until its whole input came. If it does not, whole parts may have been
    missed, and everything is held back until the run ends. A `finish` is held back too, to
    come after the catch-up.
    """

    __slots__ = ("_inputs", "_live", "_open", "_open_text", "finish")

    def __init__(self, assembled: MessageAccumulator) -> None:
        ids = assembled.addressable()
        self._open = {i for i in ids if i is not None}
        # Tool calls whose input was streaming: until their input comes whole, their result
        # is held back too (it would settle the part with a cut input).
        parts = assembled.message.parts
        self._inputs = {
            i for i, part in zip(ids, parts, strict=True)
            if i is not None and getattr(part, "state", None) == "input-streaming"
        }  # fmt: skip
        # Open text and reasoning parts: their tails are held back until the run ends.
        self._open_text = {
            i for i, part in zip(ids, parts, strict=True)
            if i is not None and getattr(part, "type_", None) in ("text", "reasoning")
        }  # fmt: skip
        self._live: bool | None = None  # None until the first chunk decides
        self.finish: Chunk | None = None

    def carry(self, earlier: JoinGate) -> None:
        """Take over what an earlier gate held back for the end (its `finish`)."""
        if self.finish is None:
            self.finish = earlier.finish

    @property
    def holding(self) -> bool:
        """Whether every chunk is held back until the run ends."""
        return self._live is False

    def admit(self, chunk: Chunk) -> bool:
        kind = chunk.type
        if kind == "finish":
            self.finish = chunk
            return False
        if self._live is False:
            return False
        key = _part_key(chunk)
        if self._live is None:
            self._live = key is not None and key in self._open
            if not self._live:
                return False
        if (kind in _STEP_BOUNDARIES and self._open_text) or (
            kind in _STARTING and key in self._open
        ):
            # A step ends while a held text is open (the step would close it before its tail
            # comes), or an id comes back for a new part: only the stored message can say
            # where what follows goes.
            self._live = False
            return False
        if key in self._inputs:
            if kind in ("tool-input-available", "tool-input-error"):
                self._inputs.discard(key)
                return True
            return False
        return not (key in self._open and kind in _EXTENDING)


def _part_key(chunk: Chunk) -> str | None:
    """The id of the part a chunk belongs to: a text or reasoning id, or a tool call id."""
    key = getattr(chunk, "tool_call_id", None)
    if key is None and chunk.type.startswith(("text-", "reasoning-")):
        key = getattr(chunk, "id", None)
    return key if isinstance(key, str) else None


def catch_up(assembled: MessageAccumulator, stored: UIMessage) -> list[Chunk] | None:
    """The chunks that take `assembled` to `stored`, or `None` when no appended chunks can.

    `assembled` is not changed. The answer is checked by applying it to a copy, so a list is
    only returned when it is exact.
    """
    have = assembled.message.to_dict()
    want = stored.to_dict()
    have_parts: list[dict[str, Any]] = have.get("parts") or []
    want_parts: list[dict[str, Any]] = want.get("parts") or []
    if len(have_parts) > len(want_parts):
        return None
    wire: list[dict[str, Any]] = []
    if "id" in want and have.get("id") != want["id"]:
        wire.append({"type": "start", "messageId": want["id"]})
    ids = assembled.addressable()
    for index, (part, target) in enumerate(zip(have_parts, want_parts, strict=False)):
        if part == target:
            continue
        rest = _extend(part, target, ids[index])
        if rest is None:
            return None
        wire += rest
    for index in range(len(have_parts), len(want_parts)):
        fresh = _part(want_parts[index], f"catch-up-{index}")
        if fresh is None:
            return None
        wire += fresh
    if "metadata" in want and have.get("metadata") != want["metadata"]:
        wire.append({"type": "message-metadata", "messageMetadata": want["metadata"]})
    chunks = [parse_chunk(raw) for raw in wire]
    trial = copy.deepcopy(assembled)
    for chunk in chunks:
        trial.add(chunk)
    return chunks if trial.message.to_dict() == want else None


def _extend(
    part: dict[str, Any], target: dict[str, Any], id_: str | None
) -> list[dict[str, Any]] | None:
    """Chunks that take one part, still open under `id_`, to its stored form."""
    kind = part.get("type")
    if kind != target.get("type"):
        return None
    if _is_tool(str(kind)) and part.get("toolCallId") == target.get("toolCallId"):
        # a later chunk can always reach a call by its id, settled or not
        chunks = _tool(target)
        if part.get("state") == "input-available" and part.get("input") == target.get("input"):
            return chunks[1:]  # its input came already: only the result is missing
        return chunks
    prefix = _TEXT_KINDS.get(str(kind))
    if prefix is not None and id_ is not None:
        rest = _text_rest(part.get("text", ""), target.get("text", ""))
        if rest is None:
            return None
        chunks = []
        if rest:
            chunks.append({"type": f"{prefix}-delta", "id": id_, "delta": rest})
        if target.get("state") == "done":
            chunks.append({"type": f"{prefix}-end", "id": id_})
        return _with_provider_metadata(chunks, part, target)
    return None


def _text_rest(text: str, full: str) -> str | None:
    """What `full` has after `text`, or `None` when it does not start with it. Compared in
    UTF-16 code units, as JavaScript strings are: a text cut inside a character ends with half
    of it, and the rest starts with the other half."""
    if full.startswith(text):
        return full[len(text) :]
    have = text.encode("utf-16-le", "surrogatepass")
    want = full.encode("utf-16-le", "surrogatepass")
    if not want.startswith(have):
        return None
    return want[len(have) :].decode("utf-16-le", "surrogatepass")


def _part(target: dict[str, Any], id_: str) -> list[dict[str, Any]] | None:
    """Chunks that make a whole part the run never saw."""
    kind = str(target.get("type"))
    prefix = _TEXT_KINDS.get(kind)
    if prefix is not None:
        chunks: list[dict[str, Any]] = [{"type": f"{prefix}-start", "id": id_}]
        if target.get("text"):
            chunks.append({"type": f"{prefix}-delta", "id": id_, "delta": target["text"]})
        if target.get("state") == "done":
            chunks.append({"type": f"{prefix}-end", "id": id_})
        return _with_provider_metadata(chunks, {}, target)
    if _is_tool(kind):
        return _tool(target)
    if kind == "step-start":
        return [{"type": "start-step"}]
    if kind in ("source-url", "source-document", "file") or kind.startswith("data-"):
        return [dict(target)]  # these parts are their chunk's fields
    return None


def _is_tool(kind: str) -> bool:
    return kind.startswith("tool-") or kind == "dynamic-tool"


def _with_provider_metadata(
    chunks: list[dict[str, Any]], part: dict[str, Any], target: dict[str, Any]
) -> list[dict[str, Any]] | None:
    """`chunks` with the stored part's provider metadata on the last of them, if it changed."""
    metadata = target.get("providerMetadata")
    if metadata is None or metadata == part.get("providerMetadata"):
        return chunks
    if not chunks:
        return None
    return [*chunks[:-1], {**chunks[-1], "providerMetadata": metadata}]


def _tool(target: dict[str, Any]) -> list[dict[str, Any]]:
    """Chunks that bring a tool call to its stored state. Each carries only the keys its type
    has in the AI SDK's schema, so that a browser the run is forwarded to accepts it."""
    dynamic = target.get("type") == "dynamic-tool"
    call: dict[str, Any] = {"toolCallId": target.get("toolCallId")}
    if dynamic:
        call["dynamic"] = True  # routes every chunk of the call to the dynamic part
    name = target.get("toolName") if dynamic else str(target["type"])[5:]
    head = {**call, "toolName": name}
    if not dynamic and "providerExecuted" in target:
        head["providerExecuted"] = target["providerExecuted"]
    if "callProviderMetadata" in target:
        head["providerMetadata"] = target["callProviderMetadata"]
    state = target.get("state")
    if state == "input-streaming":
        head.pop("providerMetadata", None)
        chunks: list[dict[str, Any]] = [{"type": "tool-input-start", **head}]
        if "input" in target:
            text = json.dumps(target["input"], ensure_ascii=False)
            delta = {"toolCallId": call["toolCallId"], "inputTextDelta": text}
            chunks.append({"type": "tool-input-delta", **delta})
        return chunks
    if state == "output-error" and "rawInput" in target:  # its input failed
        error = {"input": target["rawInput"], "errorText": target.get("errorText")}
        return [{"type": "tool-input-error", **head, **error}]
    chunks = [{"type": "tool-input-available", **head, "input": target.get("input")}]
    if state == "output-available":
        output = {**call, "output": target.get("output")}
        if "preliminary" in target:
            output["preliminary"] = target["preliminary"]
        chunks.append({"type": "tool-output-available", **output})
    elif state == "output-error":
        chunks.append({"type": "tool-output-error", **call, "errorText": target.get("errorText")})
    return chunks
