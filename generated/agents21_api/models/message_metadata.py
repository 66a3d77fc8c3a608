from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

T = TypeVar("T", bound="MessageMetadata")


@_attrs_define(repr=False)
class MessageMetadata:
    """What the relay reports about a run; other keys pass through."""

    session_id: str | None = None
    total_cost_usd: float | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    total_tokens: int | None = None
    duration_ms: int | None = None
    result_subtype: str | None = None
    final_text_id: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The optional keys that came as an explicit null, so that to_dict() gives the wire back.
    _wire_nulls: frozenset[str] = _attrs_field(
        init=False, default=types.NO_NULLS, repr=False, eq=False
    )

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
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
        if session_id is not None or "sessionId" in self._wire_nulls:
            field_dict["sessionId"] = session_id
        if total_cost_usd is not None or "totalCostUsd" in self._wire_nulls:
            field_dict["totalCostUsd"] = total_cost_usd
        if input_tokens is not None or "inputTokens" in self._wire_nulls:
            field_dict["inputTokens"] = input_tokens
        if output_tokens is not None or "outputTokens" in self._wire_nulls:
            field_dict["outputTokens"] = output_tokens
        if total_tokens is not None or "totalTokens" in self._wire_nulls:
            field_dict["totalTokens"] = total_tokens
        if duration_ms is not None or "durationMs" in self._wire_nulls:
            field_dict["durationMs"] = duration_ms
        if result_subtype is not None or "resultSubtype" in self._wire_nulls:
            field_dict["resultSubtype"] = result_subtype
        if final_text_id is not None or "finalTextId" in self._wire_nulls:
            field_dict["finalTextId"] = final_text_id

        return field_dict

    def to_json(self) -> str:
        """This object as the JSON text of the wire."""
        return types.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from the wire's dict (for example a parsed response body)."""
        d = dict(src_dict)
        wire_nulls = types.nulls_among(
            d,
            (
                "sessionId",
                "totalCostUsd",
                "inputTokens",
                "outputTokens",
                "totalTokens",
                "durationMs",
                "resultSubtype",
                "finalTextId",
            ),
        )
        session_id = d.pop("sessionId", None)

        total_cost_usd = d.pop("totalCostUsd", None)

        input_tokens = d.pop("inputTokens", None)

        output_tokens = d.pop("outputTokens", None)

        total_tokens = d.pop("totalTokens", None)

        duration_ms = d.pop("durationMs", None)

        result_subtype = d.pop("resultSubtype", None)

        final_text_id = d.pop("finalTextId", None)

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
        if wire_nulls:
            message_metadata._wire_nulls = wire_nulls

        message_metadata.additional_properties = d
        return message_metadata

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
            "What the relay reports about a run; other keys pass through.",
            {
                "sessionId": {"type": "string"},
                "totalCostUsd": {"type": "number"},
                "inputTokens": {"type": "integer"},
                "outputTokens": {"type": "integer"},
                "totalTokens": {"type": "integer"},
                "durationMs": {"type": "integer"},
                "resultSubtype": {"type": "string"},
                "finalTextId": {"type": "string"},
            },
            (),
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
