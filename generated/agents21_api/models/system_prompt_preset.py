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

from ..types import UNSET, Unset

T = TypeVar("T", bound="SystemPromptPreset")


@_attrs_define
class SystemPromptPreset:
    type_: Literal["preset"]
    preset: Literal["claude_code"]
    append: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
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
        if append is not UNSET:
            field_dict["append"] = append

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = cast(Literal["preset"], d.pop("type"))
        if type_ != "preset":
            raise ValueError(f"type must match const 'preset', got '{type_}'")

        preset = cast(Literal["claude_code"], d.pop("preset"))
        if preset != "claude_code":
            raise ValueError(f"preset must match const 'claude_code', got '{preset}'")

        append = d.pop("append", UNSET)

        system_prompt_preset = cls(
            type_=type_,
            preset=preset,
            append=append,
        )

        return system_prompt_preset
