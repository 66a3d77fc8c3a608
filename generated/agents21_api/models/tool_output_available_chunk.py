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

T = TypeVar("T", bound="ToolOutputAvailableChunk")


@_attrs_define(repr=False)
class ToolOutputAvailableChunk:
    """`tool-output-available`: the output of the tool call `toolCallId` (an interim one when
    `preliminary`).
    """

    type_: Literal["tool-output-available"]
    tool_call_id: str
    output: Any
    """ The tool's output. """
    provider_executed: bool | None = None
    dynamic: bool | None = None
    """ The call makes a `dynamic-tool` part. """
    preliminary: bool | None = None
    """ An interim output; more follow. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The optional keys that came as an explicit null, so that to_dict() gives the wire back.
    _wire_nulls: frozenset[str] = _attrs_field(
        init=False, default=types.NO_NULLS, repr=False, eq=False
    )

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
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
        if provider_executed is not None or "providerExecuted" in self._wire_nulls:
            field_dict["providerExecuted"] = provider_executed
        if dynamic is not None or "dynamic" in self._wire_nulls:
            field_dict["dynamic"] = dynamic
        if preliminary is not None or "preliminary" in self._wire_nulls:
            field_dict["preliminary"] = preliminary

        return field_dict

    def to_json(self) -> str:
        """This object as the JSON text of the wire."""
        return types.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from the wire's dict (for example a parsed response body)."""
        # A required const is checked here alone, before anything is copied: a union of models
        # rules this one out cheaply.
        if src_dict.get("type", "tool-output-available") != "tool-output-available":
            raise ValueError(
                f"type must match const 'tool-output-available', got '{src_dict['type']}'"
            )
        d = dict(src_dict)
        wire_nulls = types.nulls_among(
            d,
            (
                "providerExecuted",
                "dynamic",
                "preliminary",
            ),
        )
        type_ = d.pop("type")

        tool_call_id = d.pop("toolCallId")

        output = d.pop("output")

        provider_executed = d.pop("providerExecuted", None)

        dynamic = d.pop("dynamic", None)

        preliminary = d.pop("preliminary", None)

        tool_output_available_chunk = cls(
            type_=type_,
            tool_call_id=tool_call_id,
            output=output,
            provider_executed=provider_executed,
            dynamic=dynamic,
            preliminary=preliminary,
        )
        if wire_nulls:
            tool_output_available_chunk._wire_nulls = wire_nulls

        tool_output_available_chunk.additional_properties = d
        return tool_output_available_chunk

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
            "`tool-output-available`: the output of the tool call `toolCallId` (an interim one when `preliminary`).",
            {
                "type": {},
                "toolCallId": {"type": "string"},
                "output": {"description": "The tool\u0027s output."},
                "providerExecuted": {"type": "boolean"},
                "dynamic": {
                    "description": "The call makes a `dynamic-tool` part.",
                    "type": "boolean",
                },
                "preliminary": {
                    "description": "An interim output; more follow.",
                    "type": "boolean",
                },
            },
            (
                "type",
                "toolCallId",
                "output",
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
