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

T = TypeVar("T", bound="SystemPromptPreset")


@_attrs_define(repr=False)
class SystemPromptPreset:
    """A `systemPrompt` of `RunOptions` that uses the `claude_code` preset, with optional text
    appended.
    """

    type_: Literal["preset"]
    preset: Literal["claude_code"]
    append: str | None = None
    # The optional keys that came as an explicit null, so that to_dict() gives the wire back.
    _wire_nulls: frozenset[str] = _attrs_field(
        init=False, default=types.NO_NULLS, repr=False, eq=False
    )

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        type_ = self.type_

        preset = self.preset

        append = self.append

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "preset": preset,
            }
        )
        if append is not None or "append" in self._wire_nulls:
            field_dict["append"] = append

        return field_dict

    def to_json(self) -> str:
        """This object as the JSON text of the wire."""
        return types.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from the wire's dict (for example a parsed response body)."""
        # A required const is checked here alone, before anything is copied: a union of models
        # rules this one out cheaply.
        if src_dict.get("type", "preset") != "preset":
            raise ValueError(
                f"type must match const 'preset', got '{src_dict['type']}'"
            )
        # A required const is checked here alone, before anything is copied: a union of models
        # rules this one out cheaply.
        if src_dict.get("preset", "claude_code") != "claude_code":
            raise ValueError(
                f"preset must match const 'claude_code', got '{src_dict['preset']}'"
            )
        d = dict(src_dict)
        wire_nulls = types.nulls_among(d, ("append",))
        type_ = d.pop("type")

        preset = d.pop("preset")

        append = d.pop("append", None)

        system_prompt_preset = cls(
            type_=type_,
            preset=preset,
            append=append,
        )
        if wire_nulls:
            system_prompt_preset._wire_nulls = wire_nulls

        return system_prompt_preset

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
            "A `systemPrompt` of `RunOptions` that uses the `claude_code` preset, with optional text appended.",
            {
                "type": {},
                "preset": {},
                "append": {"type": "string"},
            },
            (
                "type",
                "preset",
            ),
        )
