from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.run_options_permission_mode import (
    RunOptionsPermissionMode,
    check_run_options_permission_mode,
)

if TYPE_CHECKING:
    from ..models.system_prompt_preset import SystemPromptPreset

_models_loaded = False


def _load_models() -> None:
    """Import the models this one refers to, once, on first use: imported with this module,
    they could import it back. (An import inside each method would cost every call.)"""
    global _models_loaded, SystemPromptPreset
    from ..models.system_prompt_preset import SystemPromptPreset

    _models_loaded = True


T = TypeVar("T", bound="RunOptions")


@_attrs_define(repr=False)
class RunOptions:
    """Strict; the local relay rejects an unknown key or invalid value with 400."""

    model: str | None = None
    system_prompt: str | SystemPromptPreset | None = None
    max_turns: int | None = None
    max_budget_usd: float | None = None
    max_sandbox_budget_usd: float | None = None
    """ Caps the spend of the agent's sandbox (its completed runs), checked before a run only, so a
    run may overshoot; 0 means no cap. Only a request made with a legacy `an_sk_` key may set it;
    otherwise the chat answers 400 `invalid_request`. """
    permission_mode: RunOptionsPermissionMode | None = None
    disallowed_tools: list[str] | None = None
    # The optional keys that came as an explicit null, so that to_dict() gives the wire back.
    _wire_nulls: frozenset[str] = _attrs_field(
        init=False, default=types.NO_NULLS, repr=False, eq=False
    )

    def to_dict(self) -> dict[str, Any]:
        """This object as the JSON-ready dict of the wire: absent values stay absent."""
        if not _models_loaded:
            _load_models()
        model = self.model

        system_prompt: dict[str, Any] | str | None
        if self.system_prompt is None:
            system_prompt = None
        elif isinstance(self.system_prompt, SystemPromptPreset):
            system_prompt = self.system_prompt.to_dict()

        else:
            system_prompt = self.system_prompt

        max_turns = self.max_turns

        max_budget_usd = self.max_budget_usd

        max_sandbox_budget_usd = self.max_sandbox_budget_usd

        permission_mode: str | None = None
        if self.permission_mode is not None:
            permission_mode = self.permission_mode

        disallowed_tools: list[str] | None = None
        if self.disallowed_tools is not None:
            disallowed_tools = self.disallowed_tools

        field_dict: dict[str, Any] = {}

        if model is not None or "model" in self._wire_nulls:
            field_dict["model"] = model
        if system_prompt is not None or "systemPrompt" in self._wire_nulls:
            field_dict["systemPrompt"] = system_prompt
        if max_turns is not None or "maxTurns" in self._wire_nulls:
            field_dict["maxTurns"] = max_turns
        if max_budget_usd is not None or "maxBudgetUsd" in self._wire_nulls:
            field_dict["maxBudgetUsd"] = max_budget_usd
        if (
            max_sandbox_budget_usd is not None
            or "maxSandboxBudgetUsd" in self._wire_nulls
        ):
            field_dict["maxSandboxBudgetUsd"] = max_sandbox_budget_usd
        if permission_mode is not None or "permissionMode" in self._wire_nulls:
            field_dict["permissionMode"] = permission_mode
        if disallowed_tools is not None or "disallowedTools" in self._wire_nulls:
            field_dict["disallowedTools"] = disallowed_tools

        return field_dict

    def to_json(self) -> str:
        """This object as the JSON text of the wire."""
        return types.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from the wire's dict (for example a parsed response body)."""
        if not _models_loaded:
            _load_models()
        d = dict(src_dict)
        wire_nulls = types.nulls_among(
            d,
            (
                "model",
                "systemPrompt",
                "maxTurns",
                "maxBudgetUsd",
                "maxSandboxBudgetUsd",
                "permissionMode",
                "disallowedTools",
            ),
        )
        model = d.pop("model", None)

        def _parse_system_prompt(data: object) -> str | SystemPromptPreset | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                system_prompt_type_1 = SystemPromptPreset.from_dict(data)

                return system_prompt_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(str | SystemPromptPreset | None, data)

        system_prompt = _parse_system_prompt(d.pop("systemPrompt", None))

        max_turns = d.pop("maxTurns", None)

        max_budget_usd = d.pop("maxBudgetUsd", None)

        max_sandbox_budget_usd = d.pop("maxSandboxBudgetUsd", None)

        _permission_mode = d.pop("permissionMode", None)
        permission_mode: RunOptionsPermissionMode | None
        if _permission_mode is None:
            permission_mode = None
        else:
            permission_mode = check_run_options_permission_mode(_permission_mode)

        disallowed_tools = cast(list[str] | None, d.pop("disallowedTools", None))

        run_options = cls(
            model=model,
            system_prompt=system_prompt,
            max_turns=max_turns,
            max_budget_usd=max_budget_usd,
            max_sandbox_budget_usd=max_sandbox_budget_usd,
            permission_mode=permission_mode,
            disallowed_tools=disallowed_tools,
        )
        if wire_nulls:
            run_options._wire_nulls = wire_nulls

        return run_options

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
            "Strict; the local relay rejects an unknown key or invalid value with 400.",
            {
                "model": {"type": "string"},
                "systemPrompt": {},
                "maxTurns": {"type": "integer"},
                "maxBudgetUsd": {"type": "number"},
                "maxSandboxBudgetUsd": {
                    "description": "Caps the spend of the agent\u0027s sandbox (its completed runs), checked before a run only, so a run may overshoot; 0 means no cap. Only a request made with a legacy `an_sk_` key may set it; otherwise the chat answers 400 `invalid_request`.",
                    "type": "number",
                },
                "permissionMode": {"type": "string"},
                "disallowedTools": {"type": "array"},
            },
            (),
        )
