from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MessageMetadata")


@_attrs_define
class MessageMetadata:
    """What the relay reports about a run; other keys pass through."""

    session_id: str | Unset = UNSET
    total_cost_usd: float | Unset = UNSET
    input_tokens: int | Unset = UNSET
    output_tokens: int | Unset = UNSET
    total_tokens: int | Unset = UNSET
    duration_ms: int | Unset = UNSET
    result_subtype: str | Unset = UNSET
    final_text_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        session_id = self.session_id

        total_cost_usd = self.total_cost_usd

        input_tokens = self.input_tokens

        output_tokens = self.output_tokens

        total_tokens = self.total_tokens

        duration_ms = self.duration_ms

        result_subtype = self.result_subtype

        final_text_id = self.final_text_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if session_id is not UNSET:
            field_dict["sessionId"] = session_id
        if total_cost_usd is not UNSET:
            field_dict["totalCostUsd"] = total_cost_usd
        if input_tokens is not UNSET:
            field_dict["inputTokens"] = input_tokens
        if output_tokens is not UNSET:
            field_dict["outputTokens"] = output_tokens
        if total_tokens is not UNSET:
            field_dict["totalTokens"] = total_tokens
        if duration_ms is not UNSET:
            field_dict["durationMs"] = duration_ms
        if result_subtype is not UNSET:
            field_dict["resultSubtype"] = result_subtype
        if final_text_id is not UNSET:
            field_dict["finalTextId"] = final_text_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        session_id = d.pop("sessionId", UNSET)

        total_cost_usd = d.pop("totalCostUsd", UNSET)

        input_tokens = d.pop("inputTokens", UNSET)

        output_tokens = d.pop("outputTokens", UNSET)

        total_tokens = d.pop("totalTokens", UNSET)

        duration_ms = d.pop("durationMs", UNSET)

        result_subtype = d.pop("resultSubtype", UNSET)

        final_text_id = d.pop("finalTextId", UNSET)

        message_metadata = cls(
            session_id=session_id,
            total_cost_usd=total_cost_usd,
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            total_tokens=total_tokens,
            duration_ms=duration_ms,
            result_subtype=result_subtype,
            final_text_id=final_text_id,
        )

        message_metadata.additional_properties = d
        return message_metadata

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
