from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.run_options_permission_mode import (
    RunOptionsPermissionMode,
    check_run_options_permission_mode,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.system_prompt_preset import SystemPromptPreset


T = TypeVar("T", bound="RunOptions")


@_attrs_define
class RunOptions:
    """Strict; the local relay rejects an unknown key or invalid value with 400."""

    model: str | Unset = UNSET
    system_prompt: str | SystemPromptPreset | Unset = UNSET
    max_turns: int | Unset = UNSET
    max_budget_usd: float | Unset = UNSET
    max_sandbox_budget_usd: float | Unset = UNSET
    """ Caps the spend of the agent's sandbox (its completed runs), checked before a run only, so a run may
    overshoot; 0 means no cap. Only a request made with a legacy `an_sk_` key may set it; otherwise the chat answers
    400 `invalid_request`. """
    permission_mode: RunOptionsPermissionMode | Unset = UNSET
    disallowed_tools: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.system_prompt_preset import SystemPromptPreset

        model = self.model

        system_prompt: dict[str, Any] | str | Unset
        if isinstance(self.system_prompt, Unset):
            system_prompt = UNSET
        elif isinstance(self.system_prompt, SystemPromptPreset):
            system_prompt = self.system_prompt.to_dict()
        else:
            system_prompt = self.system_prompt

        max_turns = self.max_turns

        max_budget_usd = self.max_budget_usd

        max_sandbox_budget_usd = self.max_sandbox_budget_usd

        permission_mode: str | Unset = UNSET
        if not isinstance(self.permission_mode, Unset):
            permission_mode = self.permission_mode

        disallowed_tools: list[str] | Unset = UNSET
        if not isinstance(self.disallowed_tools, Unset):
            disallowed_tools = self.disallowed_tools

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if model is not UNSET:
            field_dict["model"] = model
        if system_prompt is not UNSET:
            field_dict["systemPrompt"] = system_prompt
        if max_turns is not UNSET:
            field_dict["maxTurns"] = max_turns
        if max_budget_usd is not UNSET:
            field_dict["maxBudgetUsd"] = max_budget_usd
        if max_sandbox_budget_usd is not UNSET:
            field_dict["maxSandboxBudgetUsd"] = max_sandbox_budget_usd
        if permission_mode is not UNSET:
            field_dict["permissionMode"] = permission_mode
        if disallowed_tools is not UNSET:
            field_dict["disallowedTools"] = disallowed_tools

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.system_prompt_preset import SystemPromptPreset

        d = dict(src_dict)
        model = d.pop("model", UNSET)

        def _parse_system_prompt(data: object) -> str | SystemPromptPreset | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                system_prompt_type_1 = SystemPromptPreset.from_dict(data)

                return system_prompt_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(str | SystemPromptPreset | Unset, data)

        system_prompt = _parse_system_prompt(d.pop("systemPrompt", UNSET))

        max_turns = d.pop("maxTurns", UNSET)

        max_budget_usd = d.pop("maxBudgetUsd", UNSET)

        max_sandbox_budget_usd = d.pop("maxSandboxBudgetUsd", UNSET)

        _permission_mode = d.pop("permissionMode", UNSET)
        permission_mode: RunOptionsPermissionMode | Unset
        if isinstance(_permission_mode, Unset):
            permission_mode = UNSET
        else:
            permission_mode = check_run_options_permission_mode(_permission_mode)

        disallowed_tools = cast(list[str], d.pop("disallowedTools", UNSET))

        run_options = cls(
            model=model,
            system_prompt=system_prompt,
            max_turns=max_turns,
            max_budget_usd=max_budget_usd,
            max_sandbox_budget_usd=max_sandbox_budget_usd,
            permission_mode=permission_mode,
            disallowed_tools=disallowed_tools,
        )

        return run_options
