from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.provider_metadata import ProviderMetadata


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
    raw_input: Any | Unset = UNSET
    """ The input of a `tool-input-error`, as it came (it did not parse or validate). """
    provider_executed: bool | Unset = UNSET
    """ The model's provider ran the tool itself. """
    preliminary: bool | Unset = UNSET
    """ `output` is an interim result; more follow. """
    call_provider_metadata: ProviderMetadata | Unset = UNSET
    """ What the model's provider adds, by provider name: `{"anthropic": {...}}`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        tool_call_id = self.tool_call_id

        state = self.state

        input_ = self.input_

        output = self.output

        error_text = self.error_text

        raw_input = self.raw_input

        provider_executed = self.provider_executed

        preliminary = self.preliminary

        call_provider_metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.call_provider_metadata, Unset):
            call_provider_metadata = self.call_provider_metadata.to_dict()

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
        if raw_input is not UNSET:
            field_dict["rawInput"] = raw_input
        if provider_executed is not UNSET:
            field_dict["providerExecuted"] = provider_executed
        if preliminary is not UNSET:
            field_dict["preliminary"] = preliminary
        if call_provider_metadata is not UNSET:
            field_dict["callProviderMetadata"] = call_provider_metadata

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.provider_metadata import ProviderMetadata

        d = dict(src_dict)
        type_ = d.pop("type")

        tool_call_id = d.pop("toolCallId")

        state = d.pop("state")

        input_ = d.pop("input", UNSET)

        output = d.pop("output", UNSET)

        error_text = d.pop("errorText", UNSET)

        raw_input = d.pop("rawInput", UNSET)

        provider_executed = d.pop("providerExecuted", UNSET)

        preliminary = d.pop("preliminary", UNSET)

        _call_provider_metadata = d.pop("callProviderMetadata", UNSET)
        call_provider_metadata: ProviderMetadata | Unset
        if isinstance(_call_provider_metadata, Unset):
            call_provider_metadata = UNSET
        else:
            call_provider_metadata = ProviderMetadata.from_dict(_call_provider_metadata)

        tool_ui_part = cls(
            type_=type_,
            tool_call_id=tool_call_id,
            state=state,
            input_=input_,
            output=output,
            error_text=error_text,
            raw_input=raw_input,
            provider_executed=provider_executed,
            preliminary=preliminary,
            call_provider_metadata=call_provider_metadata,
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
