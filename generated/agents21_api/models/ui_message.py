from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

if TYPE_CHECKING:
    from ..models.dynamic_tool_ui_part import DynamicToolUIPart
    from ..models.file_ui_part import FileUIPart
    from ..models.generic_ui_part import GenericUIPart
    from ..models.message_metadata import MessageMetadata
    from ..models.reasoning_ui_part import ReasoningUIPart
    from ..models.source_document_ui_part import SourceDocumentUIPart
    from ..models.source_url_ui_part import SourceUrlUIPart
    from ..models.step_start_ui_part import StepStartUIPart
    from ..models.text_ui_part import TextUIPart
    from ..models.tool_ui_part import ToolUIPart

_models_loaded = False


def _load_models() -> None:
    """Import the models this one refers to, once, on first use: imported with this module,
    they could import it back. (An import inside each method would cost every call.)"""
    global \
        _models_loaded, \
        DynamicToolUIPart, \
        FileUIPart, \
        GenericUIPart, \
        MessageMetadata, \
        ReasoningUIPart, \
        SourceDocumentUIPart, \
        SourceUrlUIPart, \
        StepStartUIPart, \
        TextUIPart, \
        ToolUIPart
    from ..models.dynamic_tool_ui_part import DynamicToolUIPart
    from ..models.file_ui_part import FileUIPart
    from ..models.generic_ui_part import GenericUIPart
    from ..models.message_metadata import MessageMetadata
    from ..models.reasoning_ui_part import ReasoningUIPart
    from ..models.source_document_ui_part import SourceDocumentUIPart
    from ..models.source_url_ui_part import SourceUrlUIPart
    from ..models.step_start_ui_part import StepStartUIPart
    from ..models.text_ui_part import TextUIPart
    from ..models.tool_ui_part import ToolUIPart

    _models_loaded = True


T = TypeVar("T", bound="UIMessage")


@_attrs_define(repr=False)
class UIMessage:
    """A message in the AI SDK v5 UI message format, its role and parts: sent in
    `ChatRequest.messages`, stored in `Thread.messages`.
    """

    role: str
    """ `user`, `assistant` or `system`. """
    parts: list[
        DynamicToolUIPart
        | FileUIPart
        | GenericUIPart
        | ReasoningUIPart
        | SourceDocumentUIPart
        | SourceUrlUIPart
        | StepStartUIPart
        | TextUIPart
        | ToolUIPart
    ]
    id: str | None = None
    metadata: Any | MessageMetadata | None = None
    """ For assistant messages, the run's message metadata (usage, cost, duration): an object, or in
    the wider AI SDK protocol any JSON value. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The optional keys that came as an explicit null, so that to_dict() gives the wire back.
    _wire_nulls: frozenset[str] = _attrs_field(
        init=False, default=types.NO_NULLS, repr=False, eq=False
    )

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        if not _models_loaded:
            _load_models()
        role = self.role

        parts = []
        for parts_item_data in self.parts:
            parts_item: dict[str, Any]
            if (
                isinstance(parts_item_data, TextUIPart)
                or isinstance(parts_item_data, ReasoningUIPart)
                or isinstance(parts_item_data, StepStartUIPart)
                or isinstance(parts_item_data, SourceUrlUIPart)
                or isinstance(parts_item_data, SourceDocumentUIPart)
                or isinstance(parts_item_data, FileUIPart)
                or isinstance(parts_item_data, DynamicToolUIPart)
                or isinstance(parts_item_data, ToolUIPart)
            ):
                parts_item = parts_item_data.to_dict()

            else:
                parts_item = parts_item_data.to_dict()

            parts.append(parts_item)

        id = self.id

        metadata: Any | dict[str, Any] | None
        if self.metadata is None:
            metadata = None
        elif isinstance(self.metadata, MessageMetadata):
            metadata = self.metadata.to_dict()

        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "role": role,
                "parts": parts,
            }
        )
        if id is not None or "id" in self._wire_nulls:
            field_dict["id"] = id
        if metadata is not None or "metadata" in self._wire_nulls:
            field_dict["metadata"] = metadata

        return field_dict

    def to_json(self) -> str:
        """This object as the JSON text of the wire."""
        return types.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from the wire's dict (for example a parsed response body)."""
        if not _models_loaded:
            _load_models()
        d = dict(src_dict)
        wire_nulls = types.nulls_among(
            d,
            (
                "id",
                "metadata",
            ),
        )
        role = d.pop("role")

        parts = []
        _parts = d.pop("parts")
        for parts_item_data in _parts:

            def _parse_parts_item(
                data: object,
            ) -> (
                DynamicToolUIPart
                | FileUIPart
                | GenericUIPart
                | ReasoningUIPart
                | SourceDocumentUIPart
                | SourceUrlUIPart
                | StepStartUIPart
                | TextUIPart
                | ToolUIPart
            ):
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_ui_message_part_type_0 = TextUIPart.from_dict(
                        data
                    )

                    return componentsschemas_ui_message_part_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_ui_message_part_type_1 = (
                        ReasoningUIPart.from_dict(data)
                    )

                    return componentsschemas_ui_message_part_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_ui_message_part_type_2 = (
                        StepStartUIPart.from_dict(data)
                    )

                    return componentsschemas_ui_message_part_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_ui_message_part_type_3 = (
                        SourceUrlUIPart.from_dict(data)
                    )

                    return componentsschemas_ui_message_part_type_3
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_ui_message_part_type_4 = (
                        SourceDocumentUIPart.from_dict(data)
                    )

                    return componentsschemas_ui_message_part_type_4
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_ui_message_part_type_5 = FileUIPart.from_dict(
                        data
                    )

                    return componentsschemas_ui_message_part_type_5
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_ui_message_part_type_6 = (
                        DynamicToolUIPart.from_dict(data)
                    )

                    return componentsschemas_ui_message_part_type_6
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_ui_message_part_type_7 = ToolUIPart.from_dict(
                        data
                    )

                    return componentsschemas_ui_message_part_type_7
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_ui_message_part_type_8 = GenericUIPart.from_dict(data)

                return componentsschemas_ui_message_part_type_8

            parts_item = _parse_parts_item(parts_item_data)

            parts.append(parts_item)

        id = d.pop("id", None)

        def _parse_metadata(data: object) -> Any | MessageMetadata | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = MessageMetadata.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Any | MessageMetadata | None, data)

        metadata = _parse_metadata(d.pop("metadata", None))

        ui_message = cls(
            role=role,
            parts=parts,
            id=id,
            metadata=metadata,
        )
        if wire_nulls:
            ui_message._wire_nulls = wire_nulls

        ui_message.additional_properties = d
        return ui_message

    @property
    def text(self) -> str:
        """The text of its `TextUIPart` parts, joined: what a chat shows of it."""
        from ..models.text_ui_part import TextUIPart

        return "".join(part.text for part in self.parts if isinstance(part, TextUIPart))

    def __repr__(self) -> str:
        return types.model_repr(self)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        return types.pydantic_core_schema(cls)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: Any, handler: Any
    ) -> dict[str, Any]:
        return types.pydantic_json_schema(
            cls,
            "A message in the AI SDK v5 UI message format, its role and parts: sent in `ChatRequest.messages`, stored in `Thread.messages`.",
            {
                "role": {
                    "description": "`user`, `assistant` or `system`.",
                    "type": "string",
                },
                "parts": {"type": "array"},
                "id": {"type": "string"},
                "metadata": {
                    "description": "For assistant messages, the run\u0027s message metadata (usage, cost, duration): an object, or in the wider AI SDK protocol any JSON value."
                },
            },
            (
                "role",
                "parts",
            ),
        )

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
