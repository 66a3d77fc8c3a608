from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    Self,
    TypeVar,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

T = TypeVar("T", bound="ToolInputDeltaChunk")


@_attrs_define(repr=False)
class ToolInputDeltaChunk:
    """`tool-input-delta`: a piece of the JSON input text of the tool call `toolCallId`."""

    type_: Literal["tool-input-delta"]
    tool_call_id: str
    input_text_delta: str
    """ A piece of the input's JSON text. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        type_ = self.type_

        tool_call_id = self.tool_call_id

        input_text_delta = self.input_text_delta

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "toolCallId": tool_call_id,
                "inputTextDelta": input_text_delta,
            }
        )

        return field_dict

    def to_json(self) -> str:
        """This object as the JSON text of the wire."""
        return types.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from the wire's dict (for example a parsed response body)."""
        # A required const is checked here alone, before anything is copied: a union of models
        # rules this one out cheaply.
        if src_dict.get("type", "tool-input-delta") != "tool-input-delta":
            raise ValueError(
                f"type must match const 'tool-input-delta', got '{src_dict['type']}'"
            )
        d = dict(src_dict)
        type_ = d.pop("type")

        tool_call_id = d.pop("toolCallId")

        input_text_delta = d.pop("inputTextDelta")

        tool_input_delta_chunk = cls(
            type_=type_,
            tool_call_id=tool_call_id,
            input_text_delta=input_text_delta,
        )

        tool_input_delta_chunk.additional_properties = d
        return tool_input_delta_chunk

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
            "`tool-input-delta`: a piece of the JSON input text of the tool call `toolCallId`.",
            {
                "type": {},
                "toolCallId": {"type": "string"},
                "inputTextDelta": {
                    "description": "A piece of the input\u0027s JSON text.",
                    "type": "string",
                },
            },
            (
                "type",
                "toolCallId",
                "inputTextDelta",
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
