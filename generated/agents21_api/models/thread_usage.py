from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

T = TypeVar("T", bound="ThreadUsage")


@_attrs_define(repr=False)
class ThreadUsage:
    """The last completed turn's figures, not a sum over turns: each completed turn replaces what it
    reports; a failed or cancelled turn leaves them.
    """

    input_tokens: int | None
    output_tokens: int | None
    total_tokens: int | None
    total_cost_usd: float | None
    """ A cost of 0 is reported as null. """
    duration_ms: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        input_tokens: int | None
        input_tokens = self.input_tokens

        output_tokens: int | None
        output_tokens = self.output_tokens

        total_tokens: int | None
        total_tokens = self.total_tokens

        total_cost_usd: float | None
        total_cost_usd = self.total_cost_usd

        duration_ms: int | None
        duration_ms = self.duration_ms

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "inputTokens": input_tokens,
                "outputTokens": output_tokens,
                "totalTokens": total_tokens,
                "totalCostUsd": total_cost_usd,
                "durationMs": duration_ms,
            }
        )

        return field_dict

    def to_json(self) -> str:
        """This object as the JSON text of the wire."""
        return types.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from the wire's dict (for example a parsed response body)."""
        d = dict(src_dict)

        def _parse_input_tokens(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        input_tokens = _parse_input_tokens(d.pop("inputTokens"))

        def _parse_output_tokens(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        output_tokens = _parse_output_tokens(d.pop("outputTokens"))

        def _parse_total_tokens(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        total_tokens = _parse_total_tokens(d.pop("totalTokens"))

        def _parse_total_cost_usd(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        total_cost_usd = _parse_total_cost_usd(d.pop("totalCostUsd"))

        def _parse_duration_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        duration_ms = _parse_duration_ms(d.pop("durationMs"))

        thread_usage = cls(
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            total_tokens=total_tokens,
            total_cost_usd=total_cost_usd,
            duration_ms=duration_ms,
        )

        thread_usage.additional_properties = d
        return thread_usage

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
            "The last completed turn\u0027s figures, not a sum over turns: each completed turn replaces what it reports; a failed or cancelled turn leaves them.",
            {
                "inputTokens": {},
                "outputTokens": {},
                "totalTokens": {},
                "totalCostUsd": {"description": "A cost of 0 is reported as null."},
                "durationMs": {},
            },
            (
                "inputTokens",
                "outputTokens",
                "totalTokens",
                "totalCostUsd",
                "durationMs",
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
