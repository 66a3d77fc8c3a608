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

T = TypeVar("T", bound="ToolOutputAvailableChunk")


@_attrs_define
class ToolOutputAvailableChunk:
    type_: Literal["tool-output-available"]
    tool_call_id: str
    output: Any
    """ The tool's output. """
    provider_executed: bool | Unset = UNSET
    dynamic: bool | Unset = UNSET
    """ The call makes a `dynamic-tool` part. """
    preliminary: bool | Unset = UNSET
    """ An interim output; more follow. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        tool_call_id = self.tool_call_id

        output = self.output

        provider_executed = self.provider_executed

        dynamic = self.dynamic

        preliminary = self.preliminary

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "toolCallId": tool_call_id,
                "output": output,
            }
        )
        if provider_executed is not UNSET:
            field_dict["providerExecuted"] = provider_executed
        if dynamic is not UNSET:
            field_dict["dynamic"] = dynamic
        if preliminary is not UNSET:
            field_dict["preliminary"] = preliminary

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = cast(Literal["tool-output-available"], d.pop("type"))
        if type_ != "tool-output-available":
            raise ValueError(
                f"type must match const 'tool-output-available', got '{type_}'"
            )

        tool_call_id = d.pop("toolCallId")

        output = d.pop("output")

        provider_executed = d.pop("providerExecuted", UNSET)

        dynamic = d.pop("dynamic", UNSET)

        preliminary = d.pop("preliminary", UNSET)

        tool_output_available_chunk = cls(
            type_=type_,
            tool_call_id=tool_call_id,
            output=output,
            provider_executed=provider_executed,
            dynamic=dynamic,
            preliminary=preliminary,
        )

        tool_output_available_chunk.additional_properties = d
        return tool_output_available_chunk

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
