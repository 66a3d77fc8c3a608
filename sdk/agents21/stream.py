"""Typed UI message stream chunks and the assembly of the assistant message.

A streamed run is a sequence of UI message chunks (the Vercel AI SDK v5 "UI message stream"
protocol). :func:`decode_chunk` and :func:`parse_chunk` turn each event into a typed chunk, and
:class:`MessageAccumulator` builds the assistant ``UIMessage`` from them the same way the AI SDK
does. Nothing here does I/O; the blocking and the async clients and the local relay share it.

Every chunk class subclasses the generated model of the same name from ``agents21_api.models``
and adds ``type``, the protocol name (``chunk.type == "text-delta"``). A chunk whose type this
version does not know, whose payload does not fit its model, or whose event is not a JSON object
becomes an :class:`UnknownChunk`, so that a newer server never breaks an older SDK.
"""

from __future__ import annotations

from ._accumulator import MessageAccumulator, UIMessagePart
from ._chunks import (
    AbortChunk,
    Chunk,
    DataChunk,
    ErrorChunk,
    FileChunk,
    FinishChunk,
    FinishStepChunk,
    MessageMetadataChunk,
    ReasoningDeltaChunk,
    ReasoningEndChunk,
    ReasoningStartChunk,
    SourceDocumentChunk,
    SourceUrlChunk,
    StartChunk,
    StartStepChunk,
    TextDeltaChunk,
    TextEndChunk,
    TextStartChunk,
    ToolInputAvailableChunk,
    ToolInputDeltaChunk,
    ToolInputErrorChunk,
    ToolInputStartChunk,
    ToolOutputAvailableChunk,
    ToolOutputErrorChunk,
    UnknownChunk,
    decode_chunk,
    parse_chunk,
)

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
