from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.message_metadata import MessageMetadata


T = TypeVar("T", bound="FinishChunk")


@_attrs_define
class FinishChunk:
    type_: Literal["finish"]
    finish_reason: str | Unset = UNSET
    message_metadata: Any | MessageMetadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.message_metadata import MessageMetadata

        type_ = self.type_

        finish_reason = self.finish_reason

        message_metadata: Any | dict[str, Any] | Unset
        if isinstance(self.message_metadata, Unset):
            message_metadata = UNSET
        elif isinstance(self.message_metadata, MessageMetadata):
            message_metadata = self.message_metadata.to_dict()
        else:
            message_metadata = self.message_metadata

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if finish_reason is not UNSET:
            field_dict["finishReason"] = finish_reason
        if message_metadata is not UNSET:
            field_dict["messageMetadata"] = message_metadata

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.message_metadata import MessageMetadata

        d = dict(src_dict)
        type_ = cast(Literal["finish"], d.pop("type"))
        if type_ != "finish":
            raise ValueError(f"type must match const 'finish', got '{type_}'")

        finish_reason = d.pop("finishReason", UNSET)

        def _parse_message_metadata(data: object) -> Any | MessageMetadata | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                message_metadata_type_0 = MessageMetadata.from_dict(data)

                return message_metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Any | MessageMetadata | Unset, data)

        message_metadata = _parse_message_metadata(d.pop("messageMetadata", UNSET))

        finish_chunk = cls(
            type_=type_,
            finish_reason=finish_reason,
            message_metadata=message_metadata,
        )

        finish_chunk.additional_properties = d
        return finish_chunk

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
