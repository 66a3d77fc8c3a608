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
    from ..models.provider_metadata import ProviderMetadata


T = TypeVar("T", bound="ToolInputAvailableChunk")


@_attrs_define
class ToolInputAvailableChunk:
    type_: Literal["tool-input-available"]
    tool_call_id: str
    tool_name: str
    input_: Any
    """ Parsed JSON """
    provider_executed: bool | Unset = UNSET
    provider_metadata: ProviderMetadata | Unset = UNSET
    """ What the model's provider adds, by provider name: `{"anthropic": {...}}`. """
    dynamic: bool | Unset = UNSET
    """ The call makes a `dynamic-tool` part. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        tool_call_id = self.tool_call_id

        tool_name = self.tool_name

        input_ = self.input_

        provider_executed = self.provider_executed

        provider_metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.provider_metadata, Unset):
            provider_metadata = self.provider_metadata.to_dict()

        dynamic = self.dynamic

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "toolCallId": tool_call_id,
                "toolName": tool_name,
                "input": input_,
            }
        )
        if provider_executed is not UNSET:
            field_dict["providerExecuted"] = provider_executed
        if provider_metadata is not UNSET:
            field_dict["providerMetadata"] = provider_metadata
        if dynamic is not UNSET:
            field_dict["dynamic"] = dynamic

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.provider_metadata import ProviderMetadata

        d = dict(src_dict)
        type_ = cast(Literal["tool-input-available"], d.pop("type"))
        if type_ != "tool-input-available":
            raise ValueError(
                f"type must match const 'tool-input-available', got '{type_}'"
            )

        tool_call_id = d.pop("toolCallId")

        tool_name = d.pop("toolName")

        input_ = d.pop("input")

        provider_executed = d.pop("providerExecuted", UNSET)

        _provider_metadata = d.pop("providerMetadata", UNSET)
        provider_metadata: ProviderMetadata | Unset
        if isinstance(_provider_metadata, Unset):
            provider_metadata = UNSET
        else:
            provider_metadata = ProviderMetadata.from_dict(_provider_metadata)

        dynamic = d.pop("dynamic", UNSET)

        tool_input_available_chunk = cls(
            type_=type_,
            tool_call_id=tool_call_id,
            tool_name=tool_name,
            input_=input_,
            provider_executed=provider_executed,
            provider_metadata=provider_metadata,
            dynamic=dynamic,
        )

        tool_input_available_chunk.additional_properties = d
        return tool_input_available_chunk

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
