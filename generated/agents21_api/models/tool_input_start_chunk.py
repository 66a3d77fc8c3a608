from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ToolInputStartChunk")


@_attrs_define
class ToolInputStartChunk:
    type_: Literal["tool-input-start"]
    tool_call_id: str
    tool_name: str
    provider_executed: bool | Unset = UNSET
    dynamic: bool | Unset = UNSET
    """ The call makes a `dynamic-tool` part. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        tool_call_id = self.tool_call_id

        tool_name = self.tool_name

        provider_executed = self.provider_executed

        dynamic = self.dynamic

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "toolCallId": tool_call_id,
                "toolName": tool_name,
            }
        )
        if provider_executed is not UNSET:
            field_dict["providerExecuted"] = provider_executed
        if dynamic is not UNSET:
            field_dict["dynamic"] = dynamic

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = cast(Literal["tool-input-start"], d.pop("type"))
        if type_ != "tool-input-start":
            raise ValueError(f"type must match const 'tool-input-start', got '{type_}'")

        tool_call_id = d.pop("toolCallId")

        tool_name = d.pop("toolName")

        provider_executed = d.pop("providerExecuted", UNSET)

        dynamic = d.pop("dynamic", UNSET)

        tool_input_start_chunk = cls(
            type_=type_,
            tool_call_id=tool_call_id,
            tool_name=tool_name,
            provider_executed=provider_executed,
            dynamic=dynamic,
        )

        tool_input_start_chunk.additional_properties = d
        return tool_input_start_chunk

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
