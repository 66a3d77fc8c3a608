from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

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


T = TypeVar("T", bound="UIMessage")


@_attrs_define
class UIMessage:
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
    id: str | Unset = UNSET
    metadata: Any | MessageMetadata | Unset = UNSET
    """ For assistant messages, the run's message metadata (usage, cost, duration): an object, or in the wider AI
    SDK protocol any JSON value. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.dynamic_tool_ui_part import DynamicToolUIPart
        from ..models.file_ui_part import FileUIPart
        from ..models.message_metadata import MessageMetadata
        from ..models.reasoning_ui_part import ReasoningUIPart
        from ..models.source_document_ui_part import SourceDocumentUIPart
        from ..models.source_url_ui_part import SourceUrlUIPart
        from ..models.step_start_ui_part import StepStartUIPart
        from ..models.text_ui_part import TextUIPart
        from ..models.tool_ui_part import ToolUIPart

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

        metadata: Any | dict[str, Any] | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
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
        if id is not UNSET:
            field_dict["id"] = id
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
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

        d = dict(src_dict)
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

        id = d.pop("id", UNSET)

        def _parse_metadata(data: object) -> Any | MessageMetadata | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = MessageMetadata.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Any | MessageMetadata | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        ui_message = cls(
            role=role,
            parts=parts,
            id=id,
            metadata=metadata,
        )

        ui_message.additional_properties = d
        return ui_message

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
