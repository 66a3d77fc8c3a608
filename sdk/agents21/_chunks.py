"""UI message stream chunks: their typed classes, and the decoding of one event into one.

A streamed run is a sequence of UI message chunks (the Vercel AI SDK v5 "UI message stream"
protocol). Every chunk class subclasses the generated model of the same name from
``agents21_api.models`` and adds ``type``, the protocol name (``chunk.type == "text-delta"``).
One policy covers every payload: a chunk whose type this version does not know, whose payload
does not fit its model, or whose event is not a JSON object becomes an :class:`UnknownChunk`, so
that a newer server never breaks an older SDK and a garbled event never ends a stream.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Final, Literal, Protocol, TypeAlias

import attrs

from agents21_api.models import AbortChunk as _AbortChunk
from agents21_api.models import DataChunk as _DataChunk
from agents21_api.models import ErrorChunk as _ErrorChunk
from agents21_api.models import FileChunk as _FileChunk
from agents21_api.models import FinishChunk as _FinishChunk
from agents21_api.models import FinishStepChunk as _FinishStepChunk
from agents21_api.models import MessageMetadata
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

from ._ui_stream import loads

__all__ = [
    "AbortChunk",
    "Chunk",
    "DataChunk",
    "ErrorChunk",
    "FileChunk",
    "FinishChunk",
    "FinishStepChunk",
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
    "UnknownChunk",
    "decode_chunk",
    "parse_chunk",
]


# ---------------------------------------------------------------------------- chunk classes
# `type` is a class attribute typed as its Literal: no call and no per-instance storage on the hot
# path. Code narrows a `Chunk` with class patterns or isinstance (`case TextDeltaChunk(delta=d)`):
# a data chunk's and an unknown chunk's `type` can be any string, so `==` on it cannot narrow.


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


# ---------------------------------------------------------------------------- parsing
# Parsers raise KeyError/TypeError/ValueError when a payload does not fit; parse_chunk turns
# that into an UnknownChunk.


def _extras(d: Mapping[str, Any], known: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k not in known}


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


_PROVIDER_METADATA: Final = (("providerMetadata", dict),)


class _Delta(Protocol):
    def __call__(self, type_: Any, key: str, value: str, /) -> Chunk: ...
    def from_dict(self, src_dict: Mapping[str, Any], /) -> Chunk: ...


def _delta_parser(
    cls: _Delta, name: str, keys: tuple[str, str], optional: _Spec = ()
) -> Callable[[Mapping[str, Any]], Chunk]:
    """The parser of a text, reasoning or tool-input delta: the chunks a run is made of. A
    payload of just its two string fields skips the generated from_dict (which copies the dict
    and pops every key: twice the cost of the whole parse); any other is checked and built by
    `_spec_parser`."""
    first, second = keys
    slow = _spec_parser(cls.from_dict, ((first, str), (second, str)), optional)

    def parse(d: Mapping[str, Any]) -> Chunk:
        if len(d) != 3:
            return slow(d)
        a, b = d[first], d[second]
        if type(a) is not str or type(b) is not str:
            raise TypeError(first)
        return cls(name, a, b)

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
    raw = d["messageMetadata"]  # an object, or in the wider protocol any JSON value
    value = _metadata_model(raw) if isinstance(raw, dict) else raw
    chunk = MessageMetadataChunk("message-metadata", value)
    if len(d) != 2:
        chunk.additional_properties = _extras(d, _METADATA_CHUNK_KEYS)
    return chunk


_ID: Final = (("id", str),)
_CALL: Final = (("toolCallId", str),)
_NAMED_CALL: Final = (("toolCallId", str), ("toolName", str))
_TOOL_FLAGS: Final = (("providerExecuted", bool), ("dynamic", bool))


_PARSERS: Final[dict[str, Callable[[Mapping[str, Any]], Chunk]]] = {
    "text-delta": _delta_parser(TextDeltaChunk, "text-delta", ("id", "delta"), _PROVIDER_METADATA),
    "reasoning-delta": _delta_parser(
        ReasoningDeltaChunk, "reasoning-delta", ("id", "delta"), _PROVIDER_METADATA
    ),
    "tool-input-delta": _delta_parser(
        ToolInputDeltaChunk, "tool-input-delta", ("toolCallId", "inputTextDelta")
    ),
    "text-start": _spec_parser(TextStartChunk.from_dict, _ID, _PROVIDER_METADATA),
    "text-end": _spec_parser(TextEndChunk.from_dict, _ID, _PROVIDER_METADATA),
    "reasoning-start": _spec_parser(ReasoningStartChunk.from_dict, _ID, _PROVIDER_METADATA),
    "reasoning-end": _spec_parser(ReasoningEndChunk.from_dict, _ID, _PROVIDER_METADATA),
    "message-metadata": _parse_message_metadata,
    "start": _spec_parser(
        StartChunk.from_dict, (), (("messageId", str), ("messageMetadata", None))
    ),
    "finish": _spec_parser(
        FinishChunk.from_dict, (), (("finishReason", str), ("messageMetadata", None))
    ),
    "error": _spec_parser(ErrorChunk.from_dict, (("errorText", str),)),
    "abort": _spec_parser(AbortChunk.from_dict, (), (("reason", str),)),
    "start-step": _spec_parser(StartStepChunk.from_dict, ()),
    "finish-step": _spec_parser(FinishStepChunk.from_dict, ()),
    "tool-input-start": _spec_parser(ToolInputStartChunk.from_dict, _NAMED_CALL, _TOOL_FLAGS),
    "tool-input-available": _spec_parser(
        ToolInputAvailableChunk.from_dict,
        (*_NAMED_CALL, ("input", None)),
        (*_TOOL_FLAGS, *_PROVIDER_METADATA),
    ),
    "tool-input-error": _spec_parser(
        ToolInputErrorChunk.from_dict,
        (*_NAMED_CALL, ("input", None), ("errorText", str)),
        (*_TOOL_FLAGS, *_PROVIDER_METADATA),
    ),
    "tool-output-available": _spec_parser(
        ToolOutputAvailableChunk.from_dict,
        (*_CALL, ("output", None)),
        (*_TOOL_FLAGS, ("preliminary", bool)),
    ),
    "tool-output-error": _spec_parser(
        ToolOutputErrorChunk.from_dict, (*_CALL, ("errorText", str)), _TOOL_FLAGS
    ),
    "source-url": _spec_parser(
        SourceUrlChunk.from_dict,
        (("sourceId", str), ("url", str)),
        (("title", str), *_PROVIDER_METADATA),
    ),
    "source-document": _spec_parser(
        SourceDocumentChunk.from_dict,
        (("sourceId", str), ("mediaType", str), ("title", str)),
        (("filename", str), *_PROVIDER_METADATA),
    ),
    "file": _spec_parser(
        FileChunk.from_dict, (("url", str), ("mediaType", str)), _PROVIDER_METADATA
    ),
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


# Most of a run is text deltas, which relays write compactly with the keys in this order. One
# match in C then stands for JSON decoding, the type dispatch and the field checks: it admits
# exactly the payloads that JSON would read as those three keys with string values free of
# escapes (and of the control characters JSON forbids raw); any other goes the general way.
_TEXT_DELTA: Final = re.compile(
    r'\{"type":"text-delta","id":"([^"\\\x00-\x1f]*)","delta":"([^"\\\x00-\x1f]*)"\}'
).fullmatch


def decode_chunk(data: str | bytes) -> Chunk | None:
    """Decode the ``data`` field of one SSE event into a typed chunk.

    Returns ``None`` for the ``[DONE]`` sentinel that ends every stream. Never raises: an
    event that is not a JSON object (or not UTF-8) becomes an :class:`UnknownChunk` with type
    ``""`` and the text under ``raw["data"]``, so the caller decides what a garbled stream means.
    """
    if type(data) is str:
        match = _TEXT_DELTA(data)
        if match is not None:
            text_id, delta = match.groups()
            return TextDeltaChunk("text-delta", text_id, delta)
    if len(data) == 6 and (data == "[DONE]" if type(data) is str else data == b"[DONE]"):
        return None
    try:
        value = loads(data)
    except ValueError:  # not JSON, or not UTF-8
        value = None
    if type(value) is dict:
        try:
            return _PARSERS[value["type"]](value)
        except (KeyError, TypeError, ValueError):
            return _parse_other(value)
    text = data if isinstance(data, str) else data.decode("utf-8", "replace")
    return UnknownChunk("", {"data": text})
