from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ToolUIPart")


@_attrs_define
class ToolUIPart:
    """A tool call; `type` is `tool-<toolName>`."""

    type_: str
    tool_call_id: str
    state: str
    """ `input-streaming`, `input-available`, `output-available` or `output-error`. """
    input_: Any | Unset = UNSET
    """ The tool's input (parsed JSON """
    output: Any | Unset = UNSET
    """ The tool's output. """
    error_text: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        tool_call_id = self.tool_call_id

        state = self.state

        input_ = self.input_

        output = self.output

        error_text = self.error_text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "toolCallId": tool_call_id,
                "state": state,
            }
        )
        if input_ is not UNSET:
            field_dict["input"] = input_
        if output is not UNSET:
            field_dict["output"] = output
        if error_text is not UNSET:
            field_dict["errorText"] = error_text

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type")

        tool_call_id = d.pop("toolCallId")

        state = d.pop("state")

        input_ = d.pop("input", UNSET)

        output = d.pop("output", UNSET)

        error_text = d.pop("errorText", UNSET)

        tool_ui_part = cls(
            type_=type_,
            tool_call_id=tool_call_id,
            state=state,
            input_=input_,
            output=output,
            error_text=error_text,
        )

        tool_ui_part.additional_properties = d
        return tool_ui_part

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
