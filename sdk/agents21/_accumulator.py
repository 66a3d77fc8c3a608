"""The assistant message assembled from a run's chunks, as the AI SDK and the relay do.

:class:`MessageAccumulator` is pure: it does no I/O, keeps no chunk, and is shared by both
clients and by the local relay, which stores what it builds.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Final, TypeAlias

from agents21_api.models import (
    DynamicToolUIPart,
    FileUIPart,
    GenericUIPart,
    MessageMetadata,
    ProviderMetadata,
    ReasoningUIPart,
    SourceDocumentUIPart,
    SourceUrlUIPart,
    StepStartUIPart,
    TextUIPart,
    ThreadUsage,
    ToolUIPart,
    UIMessage,
)

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
)
from ._partial_json import MISSING, parse_partial_json

__all__ = ["MessageAccumulator", "UIMessagePart"]

UIMessagePart: TypeAlias = (
    TextUIPart
    | ReasoningUIPart
    | StepStartUIPart
    | SourceUrlUIPart
    | SourceDocumentUIPart
    | FileUIPart
    | DynamicToolUIPart
    | ToolUIPart
    | GenericUIPart
)
"""Any part of a generated ``UIMessage``."""

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

    __slots__ = ("metadata", "reasoning", "state")

    def __init__(self, reasoning: bool, metadata: ProviderMetadata | None) -> None:
        super().__init__()
        self.reasoning = reasoning
        self.state = "streaming"
        self.metadata = metadata  # the last providerMetadata its chunks gave

    def build(self) -> TextUIPart | ReasoningUIPart:
        if self.reasoning:
            return ReasoningUIPart("reasoning", self.value(), self.state, self.metadata)
        return TextUIPart("text", self.value(), self.state, self.metadata)


class _ToolPart:
    """A tool call: ``tool-<name>``, or ``dynamic-tool`` when its chunks say ``dynamic``.

    :meth:`update` changes its fields as each chunk changes them in the AI SDK (an option a
    chunk leaves out is cleared, not kept). While its input streams, ``input_text`` holds the
    JSON text, and the input is parsed from it when read.
    """

    __slots__ = (
        "call_id",
        "call_metadata",
        "dynamic",
        "error_text",
        "input",
        "input_text",
        "name",
        "output",
        "parsed",
        "preliminary",
        "provider_executed",
        "raw_input",
        "seen",
        "state",
    )

    def __init__(self, name: str, call_id: str, dynamic: bool) -> None:
        self.seen = False  # whether a chunk has updated it since it was made
        self.name = name
        self.call_id = call_id
        self.dynamic = dynamic
        self.state = "input-streaming"
        self.input: Any = MISSING
        self.input_text: _TextBuffer | None = None
        self.parsed = True  # input is up to date with input_text
        self.output: Any = MISSING
        self.error_text: Any = MISSING
        self.raw_input: Any = MISSING
        self.provider_executed: Any = MISSING
        self.preliminary: Any = MISSING
        self.call_metadata: Any = MISSING

    def current_input(self) -> Any:
        # parsed on demand, not per delta: re-parsing the growing text on every delta, as the
        # AI SDK does, is quadratic in the size of the input
        if not self.parsed and self.input_text is not None:
            self.input = parse_partial_json(self.input_text.value())
            self.parsed = True
        return self.input

    def update(
        self,
        state: str,
        input_: Any = MISSING,
        *,
        output: Any = MISSING,
        error_text: Any = MISSING,
        raw_input: Any = MISSING,
        provider_executed: Any = MISSING,
        preliminary: Any = MISSING,
        metadata: Any = MISSING,
    ) -> None:
        self.state = state
        self.input = input_
        self.parsed = True
        self.output = output
        self.error_text = error_text
        self.preliminary = preliminary
        if not self.dynamic:  # a dynamic part has neither
            self.raw_input = raw_input
            if provider_executed is not MISSING:
                self.provider_executed = provider_executed
        # the call's metadata comes with its input, or with the chunk that made the part
        if metadata is not MISSING and (state == "input-available" or not self.seen):
            self.call_metadata = metadata
        self.seen = True

    def build(self) -> ToolUIPart | DynamicToolUIPart:
        fields: dict[str, Any] = {
            "input": self.current_input(),
            "output": self.output,
            "errorText": self.error_text,
            "preliminary": self.preliminary,
            "callProviderMetadata": self.call_metadata,
        }
        if self.dynamic:
            head = {"type": "dynamic-tool", "toolName": self.name}
            model: Callable[[Mapping[str, Any]], Any] = DynamicToolUIPart.from_dict
        else:
            head = {"type": "tool-" + self.name}
            fields["rawInput"] = self.raw_input
            fields["providerExecuted"] = self.provider_executed
            model = ToolUIPart.from_dict
        head.update(toolCallId=self.call_id, state=self.state)
        head.update((k, v) for k, v in fields.items() if v is not MISSING)
        part: ToolUIPart | DynamicToolUIPart = model(head)
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


def _merge(base: Any, overrides: Any) -> Any:
    """Merge message metadata as the AI SDK's mergeObjects: objects merge key by key, deeply,
    and any other value replaces. As with JavaScript's spread, an array on either side counts as
    the object of its indices: `[1, 2]` merged over `{"a": 0}` is `{"a": 0, "0": 1, "1": 2}`.
    Where the AI SDK fails (a string, number or boolean merged over), this goes on: a string
    counts as the object of its characters, a number or boolean as an empty object."""
    result = _spread(base)
    for key, value in _spread(overrides).items():
        old = result.get(key)
        if type(value) is dict and type(old) is dict:
            result[key] = _merge(old, value)
        else:
            result[key] = value
    return result


def _spread(value: Any) -> dict[str, Any]:
    if type(value) is dict:
        return dict(value)
    if isinstance(value, list | str):
        return {str(i): item for i, item in enumerate(value)}
    return {}  # a number or a boolean has no keys of its own


_TextChunk: TypeAlias = (
    TextStartChunk
    | TextDeltaChunk
    | TextEndChunk
    | ReasoningStartChunk
    | ReasoningDeltaChunk
    | ReasoningEndChunk
)


def _close(part: _TextPart | None, chunk: TextEndChunk | ReasoningEndChunk) -> None:
    if part is not None:
        part.state = "done"
        if chunk.provider_metadata:
            part.metadata = chunk.provider_metadata


def _given(value: Any) -> Any:
    """A chunk's optional field as an update option: MISSING when the chunk left it out."""
    return MISSING if value is None else value


def _dict_of(metadata: ProviderMetadata | None) -> Any:
    return metadata.to_dict() if metadata else MISSING


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
        "_streaming",
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
        self._tools: dict[tuple[bool, str], _ToolPart] = {}
        # by call id, from its tool-input-start: the part its deltas extend, and the name
        self._streaming: dict[str, tuple[_ToolPart, str]] = {}
        self._data: dict[tuple[str, str], _StaticPart] = {}
        self._metadata: Any = None  # merged as they come; a JSON object, or any JSON value
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
                if chunk.provider_metadata:
                    part.metadata = chunk.provider_metadata
                return
        handler = _HANDLERS.get(type(chunk))
        if handler is not None:
            handler(self, chunk)

    def _open_text(self, chunk: _TextChunk, reasoning: bool) -> _TextPart:
        part = _TextPart(reasoning, chunk.provider_metadata)
        (self._active_reasoning if reasoning else self._active_text)[chunk.id] = part
        self._parts.append(part)
        return part

    def _on_text_start(self, chunk: TextStartChunk) -> None:
        self._open_text(chunk, False)

    def _on_text_delta(self, chunk: TextDeltaChunk) -> None:
        # reached only for an id with no open part: the stream was joined mid-block
        self._open_text(chunk, False).pieces.append(chunk.delta)

    def _on_text_end(self, chunk: TextEndChunk) -> None:
        _close(self._active_text.pop(chunk.id, None), chunk)

    def _on_reasoning_start(self, chunk: ReasoningStartChunk) -> None:
        self._open_text(chunk, True)

    def _on_reasoning_delta(self, chunk: ReasoningDeltaChunk) -> None:
        part = self._active_reasoning.get(chunk.id)
        if part is None:
            part = self._open_text(chunk, True)
        elif chunk.provider_metadata:
            part.metadata = chunk.provider_metadata
        part.pieces.append(chunk.delta)
        if len(part.pieces) >= _COMPACT:
            part.compact()

    def _on_reasoning_end(self, chunk: ReasoningEndChunk) -> None:
        _close(self._active_reasoning.pop(chunk.id, None), chunk)

    def _tool(
        self, call_id: str, name: str | None, dynamic: Any, *, rename: bool = True
    ) -> _ToolPart | None:
        """The part of a tool call, made when the call is new and its name is known. Dynamic
        and static calls are apart, as in the AI SDK, even with the same id."""
        key = (dynamic is True, call_id)
        part = self._tools.get(key)
        if part is None and name is not None:
            part = self._tools[key] = _ToolPart(name, call_id, dynamic is True)
            self._parts.append(part)
        elif rename and part is not None and name is not None and part.dynamic:
            part.name = name  # a dynamic part takes the name each input chunk gives
        return part

    def _on_tool_input_start(self, chunk: ToolInputStartChunk) -> None:
        part = self._tool(chunk.tool_call_id, chunk.tool_name, chunk.dynamic)
        assert part is not None
        part.update("input-streaming", provider_executed=_given(chunk.provider_executed))
        part.input_text = _TextBuffer()
        self._streaming[chunk.tool_call_id] = (part, chunk.tool_name)

    def _on_tool_input_delta(self, chunk: ToolInputDeltaChunk) -> None:
        streaming = self._streaming.get(chunk.tool_call_id)
        if streaming is None:
            return  # joined after its start: the tool's name is unknown, and its input follows
        part, name = streaming
        if part.dynamic:
            part.name = name  # as the AI SDK: the name its input started with
        assert part.input_text is not None
        part.update("input-streaming")
        pieces = part.input_text.pieces
        pieces.append(chunk.input_text_delta)
        if len(pieces) >= _COMPACT:
            part.input_text.compact()
        part.parsed = False

    def _on_tool_input_available(self, chunk: ToolInputAvailableChunk) -> None:
        part = self._tool(chunk.tool_call_id, chunk.tool_name, chunk.dynamic)
        assert part is not None
        part.update(
            "input-available",
            chunk.input_,
            provider_executed=_given(chunk.provider_executed),
            metadata=_dict_of(chunk.provider_metadata),
        )

    def _on_tool_input_error(self, chunk: ToolInputErrorChunk) -> None:
        part = self._tool(chunk.tool_call_id, chunk.tool_name, chunk.dynamic)
        assert part is not None
        # a static call keeps the input that failed apart, as `rawInput`
        part.update(
            "output-error",
            chunk.input_ if part.dynamic else MISSING,
            raw_input=chunk.input_,
            error_text=chunk.error_text,
            provider_executed=_given(chunk.provider_executed),
            metadata=_dict_of(chunk.provider_metadata),
        )

    def _tool_for_result(
        self, chunk: ToolOutputAvailableChunk | ToolOutputErrorChunk
    ) -> _ToolPart | None:
        # a result for a call never seen (joined mid-stream) can only become a part when the
        # chunk names its tool
        name = chunk.additional_properties.get("toolName")
        name = name if isinstance(name, str) else None
        return self._tool(chunk.tool_call_id, name, chunk.dynamic, rename=False)

    def _on_tool_output_available(self, chunk: ToolOutputAvailableChunk) -> None:
        part = self._tool_for_result(chunk)
        if part is not None:
            part.update(
                "output-available",
                part.current_input(),
                output=chunk.output,
                provider_executed=_given(chunk.provider_executed),
                preliminary=_given(chunk.preliminary),
            )

    def _on_tool_output_error(self, chunk: ToolOutputErrorChunk) -> None:
        part = self._tool_for_result(chunk)
        if part is not None:
            part.update(
                "output-error",
                part.current_input(),
                raw_input=part.raw_input,
                error_text=chunk.error_text,
            )

    def _merge_metadata(self, metadata: Any) -> None:
        if isinstance(metadata, MessageMetadata):
            metadata = metadata.to_dict()
        if metadata is None:
            return  # as in the AI SDK: a null changes nothing
        self._metadata = metadata if self._metadata is None else _merge(self._metadata, metadata)

    def _on_start(self, chunk: StartChunk) -> None:
        if isinstance(chunk.message_id, str):
            self._message_id = chunk.message_id
        self._merge_metadata(chunk.message_metadata)

    def _on_message_metadata(self, chunk: MessageMetadataChunk) -> None:
        self._merge_metadata(chunk.message_metadata)

    def _on_finish(self, chunk: FinishChunk) -> None:
        self.finished = True
        if isinstance(chunk.finish_reason, str):
            self.finish_reason = chunk.finish_reason
        self._merge_metadata(chunk.message_metadata)

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

    def _on_source(self, chunk: SourceUrlChunk | SourceDocumentChunk) -> None:
        # the part is the chunk's own fields, as the AI SDK copies them; extra keys stay out
        extras = chunk.additional_properties
        fields = {k: v for k, v in chunk.to_dict().items() if k not in extras}
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
    def metadata(self) -> Any:
        """The merged message metadata so far (a copy), or ``None`` when none came: a dict,
        or whatever other JSON value a stream of the wider AI SDK protocol sent."""
        return copy.deepcopy(self._metadata)

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
        meta = self._metadata
        if meta is not None:
            message.metadata = MessageMetadata.from_dict(meta) if type(meta) is dict else meta
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
        meta = self._metadata if type(self._metadata) is dict else {}
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
    SourceUrlChunk: MessageAccumulator._on_source,
    SourceDocumentChunk: MessageAccumulator._on_source,
    FileChunk: MessageAccumulator._on_file,
    DataChunk: MessageAccumulator._on_data,
}
