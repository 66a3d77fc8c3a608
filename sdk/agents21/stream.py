"""Typed UI message stream chunks and the assembly of the assistant message.

A streamed run is a sequence of UI message chunks (the Vercel AI SDK v5 "UI message stream"
protocol). This module turns each decoded event into a typed chunk (:func:`parse_chunk`,
:func:`decode_chunk`) and builds the assistant ``UIMessage`` from them
(:class:`MessageAccumulator`), the same way the AI SDK and the relay do. It does no I/O and is
shared by the blocking and the async clients.

Every chunk class subclasses the generated model of the same name from ``agents21_api.models``
and adds ``type``, the protocol name (``chunk.type == "text-delta"``). A chunk whose type this
version does not know, or whose payload does not fit its model, becomes an :class:`UnknownChunk`
so that a newer server never breaks an older SDK.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Final, Literal, Protocol, TypeAlias, TypeVar

import attrs

from agents21_api.models import AbortChunk as _AbortChunk
from agents21_api.models import DataChunk as _DataChunk
from agents21_api.models import ErrorChunk as _ErrorChunk
from agents21_api.models import FileChunk as _FileChunk
from agents21_api.models import (
    FileUIPart,
    GenericUIPart,
    MessageMetadata,
    ReasoningUIPart,
    SourceDocumentUIPart,
    SourceUrlUIPart,
    StepStartUIPart,
    TextUIPart,
    ThreadUsage,
    ToolUIPart,
    UIMessage,
)
from agents21_api.models import FinishChunk as _FinishChunk
from agents21_api.models import FinishStepChunk as _FinishStepChunk
from agents21_api.models import MessageMetadataChunk as _MessageMetadataChunk
from agents21_api.models import ReasoningDeltaChunk as _ReasoningDeltaChunk
from agents21_api.models import ReasoningEndChunk as _ReasoningEndChunk
from agents21_api.models import ReasoningStartChunk as _ReasoningStartChunk
from agents21_api.models import SourceDocumentChunk as _SourceDocumentChunk
from agents21_api.models import SourceUrlChunk as _SourceUrlChunk
from agents21_api.models import StartChunk as _StartChunk
from agents21_api.models import StartStepChunk as _StartStepChunk
from agents21_api.models import TextDeltaChunk as _TextDeltaChunk
from agents21_api.models import TextEndChunk as _TextEndChunk
from agents21_api.models import TextStartChunk as _TextStartChunk
from agents21_api.models import ToolInputAvailableChunk as _ToolInputAvailableChunk
from agents21_api.models import ToolInputDeltaChunk as _ToolInputDeltaChunk
from agents21_api.models import ToolInputErrorChunk as _ToolInputErrorChunk
from agents21_api.models import ToolInputStartChunk as _ToolInputStartChunk
from agents21_api.models import ToolOutputAvailableChunk as _ToolOutputAvailableChunk
from agents21_api.models import ToolOutputErrorChunk as _ToolOutputErrorChunk

__all__ = [
    "AbortChunk",
    "Chunk",
    "DataChunk",
    "ErrorChunk",
    "FileChunk",
    "FinishChunk",
    "FinishStepChunk",
    "MessageAccumulator",
    "MessageMetadataChunk",
    "ReasoningDeltaChunk",
    "ReasoningEndChunk",
    "ReasoningStartChunk",
    "SourceDocumentChunk",
    "SourceUrlChunk",
    "StartChunk",
    "StartStepChunk",
    "TextDeltaChunk",
    "TextEndChunk",
    "TextStartChunk",
    "ToolInputAvailableChunk",
    "ToolInputDeltaChunk",
    "ToolInputErrorChunk",
    "ToolInputStartChunk",
    "ToolOutputAvailableChunk",
    "ToolOutputErrorChunk",
    "UIMessagePart",
    "UnknownChunk",
    "decode_chunk",
    "parse_chunk",
]


# ---------------------------------------------------------------------------- chunk classes
# `type` is a class attribute, not a property: no call and no per-instance storage on the hot
# path, and mypy narrows a `Chunk` union on `chunk.type == "..."` all the same.


class StartChunk(_StartChunk):
    """``start``: opens the assistant message; ``message_id`` becomes the message's id."""

    __slots__ = ()
    type: ClassVar[Literal["start"]] = "start"


class TextStartChunk(_TextStartChunk):
    """``text-start``: opens a text part identified by ``id``."""

    __slots__ = ()
    type: ClassVar[Literal["text-start"]] = "text-start"


class TextDeltaChunk(_TextDeltaChunk):
    """``text-delta``: a piece of text (``delta``) for the text part ``id``."""

    __slots__ = ()
    type: ClassVar[Literal["text-delta"]] = "text-delta"


class TextEndChunk(_TextEndChunk):
    """``text-end``: closes the text part ``id``."""

    __slots__ = ()
    type: ClassVar[Literal["text-end"]] = "text-end"


class ReasoningStartChunk(_ReasoningStartChunk):
    """``reasoning-start``: opens a reasoning part identified by ``id``."""

    __slots__ = ()
    type: ClassVar[Literal["reasoning-start"]] = "reasoning-start"


class ReasoningDeltaChunk(_ReasoningDeltaChunk):
    """``reasoning-delta``: a piece of reasoning text for the part ``id``."""

    __slots__ = ()
    type: ClassVar[Literal["reasoning-delta"]] = "reasoning-delta"


class ReasoningEndChunk(_ReasoningEndChunk):
    """``reasoning-end``: closes the reasoning part ``id``."""

    __slots__ = ()
    type: ClassVar[Literal["reasoning-end"]] = "reasoning-end"


class ToolInputStartChunk(_ToolInputStartChunk):
    """``tool-input-start``: a call of ``tool_name`` begins; its input streams next."""

    __slots__ = ()
    type: ClassVar[Literal["tool-input-start"]] = "tool-input-start"


class ToolInputDeltaChunk(_ToolInputDeltaChunk):
    """``tool-input-delta``: a piece of the tool input's JSON text."""

    __slots__ = ()
    type: ClassVar[Literal["tool-input-delta"]] = "tool-input-delta"


class ToolInputAvailableChunk(_ToolInputAvailableChunk):
    """``tool-input-available``: the complete tool input (``input_``)."""

    __slots__ = ()
    type: ClassVar[Literal["tool-input-available"]] = "tool-input-available"


class ToolInputErrorChunk(_ToolInputErrorChunk):
    """``tool-input-error``: the tool input could not be parsed or validated."""

    __slots__ = ()
    type: ClassVar[Literal["tool-input-error"]] = "tool-input-error"


class ToolOutputAvailableChunk(_ToolOutputAvailableChunk):
    """``tool-output-available``: the tool's result (``output``)."""

    __slots__ = ()
    type: ClassVar[Literal["tool-output-available"]] = "tool-output-available"


class ToolOutputErrorChunk(_ToolOutputErrorChunk):
    """``tool-output-error``: the tool call failed with ``error_text``."""

    __slots__ = ()
    type: ClassVar[Literal["tool-output-error"]] = "tool-output-error"


class MessageMetadataChunk(_MessageMetadataChunk):
    """``message-metadata``: usage, cost and duration, merged into the message's metadata."""

    __slots__ = ()
    type: ClassVar[Literal["message-metadata"]] = "message-metadata"


class FinishChunk(_FinishChunk):
    """``finish``: the message is complete (``[DONE]`` follows)."""

    __slots__ = ()
    type: ClassVar[Literal["finish"]] = "finish"


class ErrorChunk(_ErrorChunk):
    """``error``: the run failed with ``error_text``; the partial message stays."""

    __slots__ = ()
    type: ClassVar[Literal["error"]] = "error"


class StartStepChunk(_StartStepChunk):
    """``start-step``: a model step begins (adds a ``step-start`` part)."""

    __slots__ = ()
    type: ClassVar[Literal["start-step"]] = "start-step"


class FinishStepChunk(_FinishStepChunk):
    """``finish-step``: a model step ends."""

    __slots__ = ()
    type: ClassVar[Literal["finish-step"]] = "finish-step"


class SourceUrlChunk(_SourceUrlChunk):
    """``source-url``: a cited URL."""

    __slots__ = ()
    type: ClassVar[Literal["source-url"]] = "source-url"


class SourceDocumentChunk(_SourceDocumentChunk):
    """``source-document``: a cited document."""

    __slots__ = ()
    type: ClassVar[Literal["source-document"]] = "source-document"


class FileChunk(_FileChunk):
    """``file``: a file produced by the run (``url`` is often a data URL)."""

    __slots__ = ()
    type: ClassVar[Literal["file"]] = "file"


class AbortChunk(_AbortChunk):
    """``abort``: the run was stopped (``reason`` may say why)."""

    __slots__ = ()
    type: ClassVar[Literal["abort"]] = "abort"


class DataChunk(_DataChunk):
    """``data-<name>``: custom data; ``transient`` data is not kept in the message."""

    __slots__ = ()

    @property
    def type(self) -> str:
        """The protocol type, ``data-<name>``."""
        return self.type_


@attrs.define
class UnknownChunk:
    """A chunk of a type this SDK does not know, or whose payload does not fit its model.

    ``type`` is the chunk's ``type`` (``""`` when it has none); ``raw`` is the decoded event.
    """

    type: str
    raw: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """The chunk as it came, as a new dict."""
        return dict(self.raw)


Chunk: TypeAlias = (
    StartChunk
    | TextStartChunk
    | TextDeltaChunk
    | TextEndChunk
    | ReasoningStartChunk
    | ReasoningDeltaChunk
    | ReasoningEndChunk
    | ToolInputStartChunk
    | ToolInputDeltaChunk
    | ToolInputAvailableChunk
    | ToolInputErrorChunk
    | ToolOutputAvailableChunk
    | ToolOutputErrorChunk
    | MessageMetadataChunk
    | FinishChunk
    | ErrorChunk
    | StartStepChunk
    | FinishStepChunk
    | SourceUrlChunk
    | SourceDocumentChunk
    | FileChunk
    | AbortChunk
    | DataChunk
    | UnknownChunk
)
"""Any chunk :func:`parse_chunk` returns."""

UIMessagePart: TypeAlias = (
    TextUIPart
    | ReasoningUIPart
    | StepStartUIPart
    | SourceUrlUIPart
    | SourceDocumentUIPart
    | FileUIPart
    | ToolUIPart
    | GenericUIPart
)
"""Any part of a generated ``UIMessage``."""


# ---------------------------------------------------------------------------- parsing
# Parsers raise KeyError/TypeError/ValueError when a payload does not fit; parse_chunk turns
# that into an UnknownChunk. The hot types are built by setting their attrs slots directly:
# the generated from_dict copies the dict and pops every key (4x the cost), and even the attrs
# __init__ adds a third to the cost of a chunk. tests/unit/test_stream.py checks that these
# builders set every field the generated model declares.

_new = object.__new__


def _extras(d: Mapping[str, Any], known: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k not in known}


_ID_KEYS: Final = frozenset(("type", "id"))
_DELTA_KEYS: Final = frozenset(("type", "id", "delta"))
_TOOL_DELTA_KEYS: Final = frozenset(("type", "toolCallId", "inputTextDelta"))


class _IdChunk(Protocol):
    type_: Any
    id: str
    additional_properties: dict[str, Any]


class _DeltaChunk(_IdChunk, Protocol):
    delta: str


_IdChunkT = TypeVar("_IdChunkT", bound=_IdChunk)
_DeltaChunkT = TypeVar("_DeltaChunkT", bound=_DeltaChunk)


def _id_parser(cls: type[_IdChunkT], name: str) -> Callable[[Mapping[str, Any]], _IdChunkT]:
    """The parser of a `{type, id}` chunk (text and reasoning start and end)."""

    def parse(d: Mapping[str, Any]) -> _IdChunkT:
        id_ = d["id"]
        if type(id_) is not str:
            raise TypeError
        chunk: _IdChunkT = _new(cls)
        chunk.type_ = name
        chunk.id = id_
        chunk.additional_properties = {} if len(d) == 2 else _extras(d, _ID_KEYS)
        return chunk

    return parse


def _delta_parser(
    cls: type[_DeltaChunkT], name: str
) -> Callable[[Mapping[str, Any]], _DeltaChunkT]:
    """The parser of a `{type, id, delta}` chunk (text and reasoning deltas)."""

    def parse(d: Mapping[str, Any]) -> _DeltaChunkT:
        id_ = d["id"]
        delta = d["delta"]
        if type(id_) is not str or type(delta) is not str:
            raise TypeError
        chunk: _DeltaChunkT = _new(cls)
        chunk.type_ = name
        chunk.id = id_
        chunk.delta = delta
        chunk.additional_properties = {} if len(d) == 3 else _extras(d, _DELTA_KEYS)
        return chunk

    return parse


def _parse_tool_input_delta(d: Mapping[str, Any]) -> ToolInputDeltaChunk:
    call_id = d["toolCallId"]
    delta = d["inputTextDelta"]
    if type(call_id) is not str or type(delta) is not str:
        raise TypeError
    chunk: ToolInputDeltaChunk = _new(ToolInputDeltaChunk)
    chunk.type_ = "tool-input-delta"
    chunk.tool_call_id = call_id
    chunk.input_text_delta = delta
    chunk.additional_properties = {} if len(d) == 3 else _extras(d, _TOOL_DELTA_KEYS)
    return chunk


# Field checks for the other (rarer) types, which go through the generated from_dict:
# required keys must be present (with the given Python type, or any value for None);
# optional keys may be absent or null (null counts as absent, as `!= null` in the AI SDK).
_Spec = tuple[tuple[str, type | None], ...]


def _spec_parser(
    cls: Callable[[Mapping[str, Any]], Chunk], required: _Spec, optional: _Spec = ()
) -> Callable[[Mapping[str, Any]], Chunk]:
    def parse(d: Mapping[str, Any]) -> Chunk:
        for key, kind in required:
            value = d[key]
            if kind is not None and not isinstance(value, kind):
                raise TypeError(key)
        nulls: list[str] = []
        for key, kind in optional:
            value = d.get(key)
            if value is None:
                if key in d:
                    nulls.append(key)
            elif kind is not None and not isinstance(value, kind):
                raise TypeError(key)
        if nulls:
            d = {k: v for k, v in d.items() if k not in nulls}
        return cls(d)

    return parse


# MessageMetadata's typed fields, filled only when the value has the right type; anything else
# stays in additional_properties under its wire name, so to_dict() gives back what came.
_METADATA_FIELDS: Final[dict[str, tuple[str, Callable[[Any], bool]]]] = {
    "sessionId": ("session_id", lambda v: type(v) is str),
    "totalCostUsd": ("total_cost_usd", lambda v: type(v) in (int, float)),
    "inputTokens": ("input_tokens", lambda v: type(v) is int),
    "outputTokens": ("output_tokens", lambda v: type(v) is int),
    "totalTokens": ("total_tokens", lambda v: type(v) is int),
    "durationMs": ("duration_ms", lambda v: type(v) is int),
    "resultSubtype": ("result_subtype", lambda v: type(v) is str),
    "finalTextId": ("final_text_id", lambda v: type(v) is str),
}
_METADATA_CHUNK_KEYS: Final = frozenset(("type", "messageMetadata"))


def _metadata_model(raw: Mapping[str, Any]) -> MessageMetadata:
    model = MessageMetadata()
    extra: dict[str, Any] = {}
    for key, value in raw.items():
        field = _METADATA_FIELDS.get(key)
        if field is not None and field[1](value):
            setattr(model, field[0], value)
        else:
            extra[key] = value
    model.additional_properties = extra
    return model


def _parse_message_metadata(d: Mapping[str, Any]) -> MessageMetadataChunk:
    raw = d["messageMetadata"]
    if not isinstance(raw, dict):
        raise TypeError("messageMetadata")
    chunk = MessageMetadataChunk("message-metadata", _metadata_model(raw))
    if len(d) != 2:
        chunk.additional_properties = _extras(d, _METADATA_CHUNK_KEYS)
    return chunk


_PARSERS: Final[dict[str, Callable[[Mapping[str, Any]], Chunk]]] = {
    "text-delta": _delta_parser(TextDeltaChunk, "text-delta"),
    "text-start": _id_parser(TextStartChunk, "text-start"),
    "text-end": _id_parser(TextEndChunk, "text-end"),
    "reasoning-delta": _delta_parser(ReasoningDeltaChunk, "reasoning-delta"),
    "reasoning-start": _id_parser(ReasoningStartChunk, "reasoning-start"),
    "reasoning-end": _id_parser(ReasoningEndChunk, "reasoning-end"),
    "tool-input-delta": _parse_tool_input_delta,
    "message-metadata": _parse_message_metadata,
    "start": _spec_parser(
        StartChunk.from_dict, (), (("messageId", str), ("messageMetadata", dict))
    ),
    "finish": _spec_parser(
        FinishChunk.from_dict, (), (("finishReason", str), ("messageMetadata", dict))
    ),
    "error": _spec_parser(ErrorChunk.from_dict, (("errorText", str),)),
    "abort": _spec_parser(AbortChunk.from_dict, (), (("reason", str),)),
    "start-step": _spec_parser(StartStepChunk.from_dict, ()),
    "finish-step": _spec_parser(FinishStepChunk.from_dict, ()),
    "tool-input-start": _spec_parser(
        ToolInputStartChunk.from_dict, (("toolCallId", str), ("toolName", str))
    ),
    "tool-input-available": _spec_parser(
        ToolInputAvailableChunk.from_dict,
        (("toolCallId", str), ("toolName", str), ("input", None)),
    ),
    "tool-input-error": _spec_parser(
        ToolInputErrorChunk.from_dict,
        (("toolCallId", str), ("toolName", str), ("input", None), ("errorText", str)),
    ),
    "tool-output-available": _spec_parser(
        ToolOutputAvailableChunk.from_dict, (("toolCallId", str), ("output", None))
    ),
    "tool-output-error": _spec_parser(
        ToolOutputErrorChunk.from_dict, (("toolCallId", str), ("errorText", str))
    ),
    "source-url": _spec_parser(
        SourceUrlChunk.from_dict, (("sourceId", str), ("url", str)), (("title", str),)
    ),
    "source-document": _spec_parser(
        SourceDocumentChunk.from_dict,
        (("sourceId", str), ("mediaType", str), ("title", str)),
        (("filename", str),),
    ),
    "file": _spec_parser(FileChunk.from_dict, (("url", str), ("mediaType", str))),
}

_parse_data = _spec_parser(
    DataChunk.from_dict, (("data", None),), (("id", str), ("transient", bool))
)


def _parse_other(data: Mapping[str, Any]) -> Chunk:
    type_ = data.get("type")
    if not isinstance(type_, str):
        type_ = ""
    elif type_.startswith("data-"):
        try:
            return _parse_data(data)
        except (KeyError, TypeError, ValueError):
            pass
    return UnknownChunk(type_, data if isinstance(data, dict) else dict(data))


def parse_chunk(data: Mapping[str, Any]) -> Chunk:
    """Turn one decoded stream event (a JSON object) into a typed chunk.

    Known types give their chunk class, ``data-<name>`` a :class:`DataChunk`; an unknown type,
    a missing ``type``, or a payload that lacks a required key or has one of the wrong type
    gives an :class:`UnknownChunk`. Extra keys are kept in ``additional_properties``. Never
    raises for a mapping.
    """
    try:
        return _PARSERS[data["type"]](data)
    except (KeyError, TypeError, ValueError):
        return _parse_other(data)


_loads = json.loads


def decode_chunk(data: str | bytes) -> Chunk | None:
    """Decode the ``data`` field of one SSE event into a typed chunk.

    Returns ``None`` for the ``[DONE]`` sentinel that ends every stream. Raises
    ``ValueError`` when the text is not a JSON object: that is a broken stream, not a
    chunk a newer server might send.
    """
    if len(data) == 6 and (data == "[DONE]" if type(data) is str else data == b"[DONE]"):
        return None
    value = _loads(data)
    try:
        return _PARSERS[value["type"]](value)
    except (KeyError, TypeError, ValueError):
        if type(value) is not dict:
            raise ValueError(f"stream event is not a JSON object: {data[:80]!r}") from None
        return _parse_other(value)


# ---------------------------------------------------------------------------- partial JSON
# A best-effort repair of a JSON prefix, as the AI SDK's fixJson does for tool-input-delta:
# close open strings, arrays and objects, complete a literal prefix (`tr` → `true`), and cut
# whatever cannot be completed (a dangling key, `12.` → `12`). One linear pass.

(
    _ROOT,
    _FINISH,
    _STRING,
    _STRING_ESCAPE,
    _STRING_UNICODE,
    _LITERAL,
    _NUMBER,
    _OBJECT_START,
    _OBJECT_KEY,
    _OBJECT_AFTER_KEY,
    _OBJECT_BEFORE_VALUE,
    _OBJECT_AFTER_VALUE,
    _OBJECT_AFTER_COMMA,
    _ARRAY_START,
    _ARRAY_AFTER_VALUE,
    _ARRAY_AFTER_COMMA,
) = range(16)
_OBJECT_STATES: Final = frozenset(
    (
        _OBJECT_START,
        _OBJECT_KEY,
        _OBJECT_AFTER_KEY,
        _OBJECT_BEFORE_VALUE,
        _OBJECT_AFTER_VALUE,
        _OBJECT_AFTER_COMMA,
    )
)
_ARRAY_STATES: Final = frozenset((_ARRAY_START, _ARRAY_AFTER_VALUE, _ARRAY_AFTER_COMMA))
_LITERALS: Final = ("true", "false", "null")
_STRING_STOP: Final = re.compile(r'["\\]')
_HEX: Final = frozenset("0123456789abcdefABCDEF")
_KEEP: Final = -2  # "the last valid index does not move"


def _fix_json(text: str) -> str:
    stack = [_ROOT]
    last_valid = -1
    literal_start = 0
    hex_digits = 0
    n = len(text)
    i = 0

    def value_start(char: str, i: int, after: int) -> int:
        # returns the new last valid index, or _KEEP
        if char == '"':
            stack[-1] = after
            stack.append(_STRING)
            return i
        if char in "tfn":
            nonlocal literal_start
            literal_start = i
            stack[-1] = after
            stack.append(_LITERAL)
            return i
        if char == "-":
            stack[-1] = after
            stack.append(_NUMBER)
            return _KEEP
        if "0" <= char <= "9":
            stack[-1] = after
            stack.append(_NUMBER)
            return i
        if char == "{":
            stack[-1] = after
            stack.append(_OBJECT_START)
            return i
        if char == "[":
            stack[-1] = after
            stack.append(_ARRAY_START)
            return i
        return _KEEP

    def after_value(char: str, i: int) -> int:
        state = stack[-1]
        if state == _OBJECT_AFTER_VALUE:
            if char == ",":
                stack[-1] = _OBJECT_AFTER_COMMA
            elif char == "}":
                stack.pop()
                return i
        elif state == _ARRAY_AFTER_VALUE:
            if char == ",":
                stack[-1] = _ARRAY_AFTER_COMMA
            elif char == "]":
                stack.pop()
                return i
        return _KEEP

    while i < n:
        char = text[i]
        state = stack[-1]
        found = _KEEP
        if state == _STRING:
            if char == '"':
                stack.pop()
                found = i
            elif char == "\\":
                stack.append(_STRING_ESCAPE)
            else:
                # jump over the plain run of the string in one step
                m = _STRING_STOP.search(text, i)
                end = m.start() if m else n
                last_valid = end - 1
                i = end
                continue
        elif state == _ROOT:
            found = value_start(char, i, _FINISH)
        elif state == _OBJECT_START:
            if char == '"':
                stack[-1] = _OBJECT_KEY
            elif char == "}":
                stack.pop()
                found = i
        elif state == _OBJECT_AFTER_COMMA:
            if char == '"':
                stack[-1] = _OBJECT_KEY
        elif state == _OBJECT_KEY:
            if char == '"':
                stack[-1] = _OBJECT_AFTER_KEY
            elif char == "\\":
                i += 1  # an escaped character in a key
        elif state == _OBJECT_AFTER_KEY:
            if char == ":":
                stack[-1] = _OBJECT_BEFORE_VALUE
        elif state == _OBJECT_BEFORE_VALUE:
            found = value_start(char, i, _OBJECT_AFTER_VALUE)
        elif state in (_OBJECT_AFTER_VALUE, _ARRAY_AFTER_VALUE):
            found = after_value(char, i)
        elif state == _ARRAY_START:
            if char == "]":
                stack.pop()
                found = i
            else:
                found = value_start(char, i, _ARRAY_AFTER_VALUE)
        elif state == _ARRAY_AFTER_COMMA:
            found = value_start(char, i, _ARRAY_AFTER_VALUE)
        elif state == _STRING_ESCAPE:
            stack.pop()
            if char == "u":
                hex_digits = 0
                stack.append(_STRING_UNICODE)
            else:
                found = i
        elif state == _STRING_UNICODE:
            if char in _HEX:
                hex_digits += 1
                if hex_digits == 4:
                    stack.pop()
                    found = i
        elif state == _NUMBER:
            if "0" <= char <= "9":
                found = i
            elif char not in "eE+-.":
                stack.pop()
                found = after_value(char, i)
        elif state == _LITERAL:
            partial = text[literal_start : i + 1]
            if any(lit.startswith(partial) for lit in _LITERALS):
                found = i
            else:
                stack.pop()
                found = after_value(char, i)
        if found != _KEEP:
            last_valid = found
        i += 1

    result = [text[: last_valid + 1]]
    for state in reversed(stack):
        if state == _STRING:
            result.append('"')
        elif state in _OBJECT_STATES:
            result.append("}")
        elif state in _ARRAY_STATES:
            result.append("]")
        elif state == _LITERAL:
            partial = text[literal_start:]
            for lit in _LITERALS:
                if lit.startswith(partial):
                    result.append(lit[len(partial) :])
                    break
    return "".join(result)


class _Missing:
    """No value, distinct from a JSON null: one instance, which `copy` keeps as itself."""

    __slots__ = ()

    def __reduce__(self) -> str:
        return "_MISSING"

    def __repr__(self) -> str:
        return "<missing>"


_MISSING: Final[Any] = _Missing()


def _parse_partial_json(text: str) -> Any:
    """The value of a JSON text that may be cut short, or _MISSING when nothing parses."""
    try:
        return _loads(text)
    except ValueError:
        pass
    try:
        return _loads(_fix_json(text))
    except ValueError:
        return _MISSING


# ---------------------------------------------------------------------------- accumulator

# Text is kept as a list of pieces, joined into a block every _COMPACT pieces: appending stays
# O(1), the whole text costs O(n) to build however it is chopped, and a million one-character
# deltas do not keep a million string objects alive. Blocks are UTF-8 bytes: a str holding one
# emoji takes 4 bytes a character, so the text of a long run takes up to 4x less while it
# streams, and reading it at the end needs the blocks, their join and the text at once (about
# 1.6x the text, where str blocks needed 2x; bench/memory.py).
_COMPACT: Final = 512


class _TextBuffer:
    __slots__ = ("_text", "blocks", "pieces")

    def __init__(self) -> None:
        self.blocks: list[bytes] = []
        self.pieces: list[str] = []
        self._text = ""  # the text of `blocks` when they were last joined

    def compact(self) -> None:
        # surrogatepass: a delta may end or start with half of a surrogate pair
        self.blocks.append("".join(self.pieces).encode("utf-8", "surrogatepass"))
        self.pieces.clear()

    def value(self) -> str:
        if self.pieces:
            self.compact()
        blocks = self.blocks
        if len(blocks) > 1:
            data = b"".join(blocks)
            blocks[:] = [data]  # the blocks go before the text is made
            self._text = _decode(data)
        elif blocks and not self._text:
            self._text = _decode(blocks[0])
        return self._text


_SURROGATE_PAIR: Final = re.compile("[\ud800-\udbff][\udc00-\udfff]")


def _decode(data: bytes) -> str:
    """Text from `compact`'s bytes, where a character split across two deltas arrives as its
    two surrogates: they become the one character, as in a JavaScript string."""
    text = data.decode("utf-8", "surrogatepass")
    if b"\xed" in data:  # the lead byte of every surrogate
        text = _SURROGATE_PAIR.sub(_join_pair, text)
    return text


def _join_pair(match: re.Match[str]) -> str:
    pair = match.group()
    return chr(0x10000 + ((ord(pair[0]) - 0xD800) << 10) + (ord(pair[1]) - 0xDC00))


class _TextPart(_TextBuffer):
    """A text or reasoning part; ``state`` is ``streaming`` until its end chunk."""

    __slots__ = ("reasoning", "state")

    def __init__(self, reasoning: bool) -> None:
        super().__init__()
        self.reasoning = reasoning
        self.state = "streaming"

    def build(self) -> TextUIPart | ReasoningUIPart:
        if self.reasoning:
            return ReasoningUIPart("reasoning", self.value(), self.state)
        return TextUIPart("text", self.value(), self.state)


class _ToolPart:
    """A ``tool-<name>`` part; while its input streams, ``input_text`` holds the JSON text."""

    __slots__ = (
        "call_id",
        "error_text",
        "input",
        "input_text",
        "name",
        "output",
        "parsed",
        "state",
    )

    def __init__(self, name: str, call_id: str) -> None:
        self.name = name
        self.call_id = call_id
        self.state = "input-streaming"
        self.input: Any = _MISSING
        self.input_text: _TextBuffer | None = None
        self.parsed = True  # input is up to date with input_text
        self.output: Any = _MISSING
        self.error_text: str | None = None

    def current_input(self) -> Any:
        # parsed on demand, not per delta: re-parsing the growing text on every delta, as the
        # AI SDK does, is quadratic in the size of the input
        if not self.parsed and self.input_text is not None:
            self.input = _parse_partial_json(self.input_text.value())
            self.parsed = True
        return self.input

    def settle(self, state: str, input_: Any) -> None:
        self.state = state
        self.input = input_
        self.input_text = None
        self.parsed = True
        self.output = _MISSING
        self.error_text = None

    def build(self) -> ToolUIPart:
        part = ToolUIPart("tool-" + self.name, self.call_id, self.state)
        input_ = self.current_input()
        if input_ is not _MISSING:
            part.input_ = input_
        if self.output is not _MISSING:
            part.output = self.output
        if self.error_text is not None:
            part.error_text = self.error_text
        return part


class _StaticPart:
    """A part made from a fixed set of fields: step-start, sources, files and data parts.

    Only a data part changes, when a chunk with its type and id comes again: its fields are
    replaced, never mutated, so messages read earlier keep what they had.
    """

    __slots__ = ("fields",)

    def __init__(self, fields: dict[str, Any]) -> None:
        self.fields = fields

    _MODELS: ClassVar[dict[str, Callable[[Mapping[str, Any]], UIMessagePart]]] = {
        "step-start": StepStartUIPart.from_dict,
        "source-url": SourceUrlUIPart.from_dict,
        "source-document": SourceDocumentUIPart.from_dict,
        "file": FileUIPart.from_dict,
    }

    def build(self) -> UIMessagePart:
        model = self._MODELS.get(self.fields["type"], GenericUIPart.from_dict)
        return model(self.fields)


def _merge(base: dict[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Deep-merge as the AI SDK's mergeObjects: objects merge, anything else replaces."""
    result = dict(base)
    for key, value in overrides.items():
        old = result.get(key)
        if isinstance(value, dict) and isinstance(old, dict):
            result[key] = _merge(old, value)
        else:
            result[key] = value
    return result


def _int_or_none(value: Any) -> int | None:
    return value if type(value) is int else None


class MessageAccumulator:
    """Builds the assistant ``UIMessage`` from a run's chunks, as the AI SDK and the relay do.

    Feed every chunk to :meth:`add` in stream order, then read :attr:`message`. Text and
    reasoning parts open on their start chunk (or on a delta for an unknown id, as after joining
    a stream mid-block) and close on their end chunk; tool parts ``tool-<name>`` go through
    ``input-streaming``, ``input-available``, then ``output-available`` or ``output-error``;
    ``start``, ``message-metadata`` and ``finish`` metadata merge into ``metadata``. An ``error``
    chunk is recorded in :attr:`error` and the message is kept. Unknown chunks are ignored.

    No chunk is kept: memory grows with the message, not with the number of chunks.
    """

    __slots__ = (
        "_active_reasoning",
        "_active_text",
        "_data",
        "_message_id",
        "_metadata",
        "_parts",
        "_tools",
        "aborted",
        "error",
        "finish_reason",
        "finished",
    )

    def __init__(self) -> None:
        self._message_id: str | None = None
        self._parts: list[_TextPart | _ToolPart | _StaticPart] = []
        self._active_text: dict[str, _TextPart] = {}
        self._active_reasoning: dict[str, _TextPart] = {}
        self._tools: dict[str, _ToolPart] = {}
        self._data: dict[tuple[str, str], _StaticPart] = {}
        self._metadata: dict[str, Any] | None = None
        self.error: str | None = None
        """The text of the first ``error`` chunk, or ``None`` while the run has not failed."""
        self.finished = False
        """Whether a ``finish`` chunk has been seen."""
        self.finish_reason: str | None = None
        """The ``finish`` chunk's ``finishReason``, when it gave one."""
        self.aborted = False
        """Whether an ``abort`` chunk has been seen."""

    # -- feeding

    def add(self, chunk: Chunk) -> None:
        """Apply one chunk to the message being built."""
        if type(chunk) is TextDeltaChunk:
            part = self._active_text.get(chunk.id)
            if part is not None:
                pieces = part.pieces
                pieces.append(chunk.delta)
                if len(pieces) >= _COMPACT:
                    part.compact()
                return
        handler = _HANDLERS.get(type(chunk))
        if handler is not None:
            handler(self, chunk)

    def _open_text(self, id_: str, reasoning: bool) -> _TextPart:
        part = _TextPart(reasoning)
        (self._active_reasoning if reasoning else self._active_text)[id_] = part
        self._parts.append(part)
        return part

    def _on_text_start(self, chunk: TextStartChunk) -> None:
        self._open_text(chunk.id, False)

    def _on_text_delta(self, chunk: TextDeltaChunk) -> None:
        # reached only for an id with no open part: the stream was joined mid-block
        self._open_text(chunk.id, False).pieces.append(chunk.delta)

    def _on_text_end(self, chunk: TextEndChunk) -> None:
        part = self._active_text.pop(chunk.id, None)
        if part is not None:
            part.state = "done"

    def _on_reasoning_start(self, chunk: ReasoningStartChunk) -> None:
        self._open_text(chunk.id, True)

    def _on_reasoning_delta(self, chunk: ReasoningDeltaChunk) -> None:
        part = self._active_reasoning.get(chunk.id) or self._open_text(chunk.id, True)
        part.pieces.append(chunk.delta)
        if len(part.pieces) >= _COMPACT:
            part.compact()

    def _on_reasoning_end(self, chunk: ReasoningEndChunk) -> None:
        part = self._active_reasoning.pop(chunk.id, None)
        if part is not None:
            part.state = "done"

    def _tool(self, call_id: str, name: str | None) -> _ToolPart | None:
        """The part of a tool call, created when the call is new and its name is known."""
        part = self._tools.get(call_id)
        if part is None and name is not None:
            part = self._tools[call_id] = _ToolPart(name, call_id)
            self._parts.append(part)
        return part

    def _on_tool_input_start(self, chunk: ToolInputStartChunk) -> None:
        part = self._tool(chunk.tool_call_id, chunk.tool_name)
        assert part is not None
        part.settle("input-streaming", _MISSING)
        part.input_text = _TextBuffer()

    def _on_tool_input_delta(self, chunk: ToolInputDeltaChunk) -> None:
        part = self._tools.get(chunk.tool_call_id)
        if part is None:
            return  # joined after its start: the tool's name is unknown, and its input follows
        if part.input_text is None:
            part.input_text = _TextBuffer()
        part.state = "input-streaming"
        pieces = part.input_text.pieces
        pieces.append(chunk.input_text_delta)
        if len(pieces) >= _COMPACT:
            part.input_text.compact()
        part.parsed = False

    def _on_tool_input_available(self, chunk: ToolInputAvailableChunk) -> None:
        part = self._tool(chunk.tool_call_id, chunk.tool_name)
        assert part is not None
        part.settle("input-available", chunk.input_)

    def _on_tool_input_error(self, chunk: ToolInputErrorChunk) -> None:
        part = self._tool(chunk.tool_call_id, chunk.tool_name)
        assert part is not None
        part.settle("output-error", chunk.input_)
        part.error_text = chunk.error_text

    def _tool_for_result(
        self, chunk: ToolOutputAvailableChunk | ToolOutputErrorChunk
    ) -> _ToolPart | None:
        # a result for a call never seen (joined mid-stream) can only become a part when the
        # chunk names its tool
        name = chunk.additional_properties.get("toolName")
        part = self._tool(chunk.tool_call_id, name if isinstance(name, str) else None)
        if part is not None:
            part.settle(part.state, part.current_input())
        return part

    def _on_tool_output_available(self, chunk: ToolOutputAvailableChunk) -> None:
        part = self._tool_for_result(chunk)
        if part is not None:
            part.state = "output-available"
            part.output = chunk.output

    def _on_tool_output_error(self, chunk: ToolOutputErrorChunk) -> None:
        part = self._tool_for_result(chunk)
        if part is not None:
            part.state = "output-error"
            part.error_text = chunk.error_text

    def _merge_metadata(self, metadata: Mapping[str, Any]) -> None:
        if self._metadata is None:
            self._metadata = dict(metadata)
        else:
            self._metadata = _merge(self._metadata, metadata)

    def _on_start(self, chunk: StartChunk) -> None:
        if isinstance(chunk.message_id, str):
            self._message_id = chunk.message_id
        if chunk.message_metadata:
            self._merge_metadata(chunk.message_metadata.to_dict())

    def _on_message_metadata(self, chunk: MessageMetadataChunk) -> None:
        self._merge_metadata(chunk.message_metadata.to_dict())

    def _on_finish(self, chunk: FinishChunk) -> None:
        self.finished = True
        if isinstance(chunk.finish_reason, str):
            self.finish_reason = chunk.finish_reason
        if chunk.message_metadata:
            self._merge_metadata(chunk.message_metadata.to_dict())

    def _on_error(self, chunk: ErrorChunk) -> None:
        # the first error is the cause; later ones are usually its consequences
        if self.error is None:
            self.error = chunk.error_text

    def _on_abort(self, chunk: AbortChunk) -> None:
        self.aborted = True

    def _on_start_step(self, chunk: StartStepChunk) -> None:
        self._parts.append(_StaticPart({"type": "step-start"}))

    def _on_finish_step(self, chunk: FinishStepChunk) -> None:
        # as in the AI SDK: parts still open are no longer addressable by their id
        self._active_text = {}
        self._active_reasoning = {}

    def _on_source_url(self, chunk: SourceUrlChunk) -> None:
        fields = {"type": "source-url", "sourceId": chunk.source_id, "url": chunk.url}
        if isinstance(chunk.title, str):
            fields["title"] = chunk.title
        self._parts.append(_StaticPart(fields))

    def _on_source_document(self, chunk: SourceDocumentChunk) -> None:
        fields = {
            "type": "source-document",
            "sourceId": chunk.source_id,
            "mediaType": chunk.media_type,
            "title": chunk.title,
        }
        if isinstance(chunk.filename, str):
            fields["filename"] = chunk.filename
        self._parts.append(_StaticPart(fields))

    def _on_file(self, chunk: FileChunk) -> None:
        fields = {"type": "file", "mediaType": chunk.media_type, "url": chunk.url}
        self._parts.append(_StaticPart(fields))

    def _on_data(self, chunk: DataChunk) -> None:
        if chunk.transient is True:
            return
        fields = chunk.to_dict()  # the AI SDK keeps the chunk itself as the part
        if isinstance(chunk.id, str):
            key = (chunk.type_, chunk.id)
            existing = self._data.get(key)
            if existing is not None:
                existing.fields = {**existing.fields, "data": chunk.data}
                return
            part = self._data[key] = _StaticPart(fields)
        else:
            part = _StaticPart(fields)
        self._parts.append(part)

    # -- reading

    @property
    def message_id(self) -> str | None:
        """The message id from the ``start`` chunk, or ``None`` before it."""
        return self._message_id

    def addressable(self) -> list[str | None]:
        """Per part, the id later chunks may still extend it by: an open text or reasoning
        part's id, or a tool call's id until its result; ``None`` for a settled part."""
        open_ids = {id(p): i for i, p in self._active_text.items()}
        open_ids.update((id(p), i) for i, p in self._active_reasoning.items())
        waiting = ("input-streaming", "input-available")
        return [
            (part.call_id if part.state in waiting else None)
            if type(part) is _ToolPart
            else open_ids.get(id(part))
            for part in self._parts
        ]

    @property
    def metadata(self) -> dict[str, Any] | None:
        """The merged message metadata so far (a copy), or ``None`` when none came."""
        return None if self._metadata is None else dict(self._metadata)

    @property
    def message(self) -> UIMessage:
        """The assistant message as built so far, as a new generated ``UIMessage``.

        Its ``to_dict()`` is what the relay stores for the same chunks. Each read builds new
        part objects, so a message read mid-stream does not change as more chunks come.
        """
        parts: list[UIMessagePart] = [part.build() for part in self._parts]
        message = UIMessage("assistant", parts)
        if self._message_id is not None:
            message.id = self._message_id
        if self._metadata is not None:
            message.metadata = MessageMetadata.from_dict(self._metadata)
        return message

    @property
    def text(self) -> str:
        """The text of all text parts, joined with nothing between them (as streamed)."""
        return "".join(
            part.value() for part in self._parts if type(part) is _TextPart and not part.reasoning
        )

    @property
    def usage(self) -> ThreadUsage:
        """Token counts, cost and duration from the metadata; ``None`` where not reported."""
        meta = self._metadata or {}
        cost = meta.get("totalCostUsd")
        return ThreadUsage(
            input_tokens=_int_or_none(meta.get("inputTokens")),
            output_tokens=_int_or_none(meta.get("outputTokens")),
            total_tokens=_int_or_none(meta.get("totalTokens")),
            total_cost_usd=(
                float(cost) if isinstance(cost, int | float) and type(cost) is not bool else None
            ),
            duration_ms=_int_or_none(meta.get("durationMs")),
        )


_HANDLERS: Final[dict[type, Callable[[MessageAccumulator, Any], None]]] = {
    StartChunk: MessageAccumulator._on_start,
    TextStartChunk: MessageAccumulator._on_text_start,
    TextDeltaChunk: MessageAccumulator._on_text_delta,
    TextEndChunk: MessageAccumulator._on_text_end,
    ReasoningStartChunk: MessageAccumulator._on_reasoning_start,
    ReasoningDeltaChunk: MessageAccumulator._on_reasoning_delta,
    ReasoningEndChunk: MessageAccumulator._on_reasoning_end,
    ToolInputStartChunk: MessageAccumulator._on_tool_input_start,
    ToolInputDeltaChunk: MessageAccumulator._on_tool_input_delta,
    ToolInputAvailableChunk: MessageAccumulator._on_tool_input_available,
    ToolInputErrorChunk: MessageAccumulator._on_tool_input_error,
    ToolOutputAvailableChunk: MessageAccumulator._on_tool_output_available,
    ToolOutputErrorChunk: MessageAccumulator._on_tool_output_error,
    MessageMetadataChunk: MessageAccumulator._on_message_metadata,
    FinishChunk: MessageAccumulator._on_finish,
    ErrorChunk: MessageAccumulator._on_error,
    AbortChunk: MessageAccumulator._on_abort,
    StartStepChunk: MessageAccumulator._on_start_step,
    FinishStepChunk: MessageAccumulator._on_finish_step,
    SourceUrlChunk: MessageAccumulator._on_source_url,
    SourceDocumentChunk: MessageAccumulator._on_source_document,
    FileChunk: MessageAccumulator._on_file,
    DataChunk: MessageAccumulator._on_data,
}
