"""Run options (`threads.run(options=...)`): their spellings and the server's checks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from agents21_api.models import (
    RunOptions,
    SystemPromptPreset,
)

from ._args import positive_int, require_str, str_list

_PERMISSION_MODES = ("default", "acceptEdits", "bypassPermissions", "plan", "dontAsk")
# snake_case and camelCase spellings of each option, keyed by the wire name.
_OPTION_ALIASES = {
    "model": "model",
    "system_prompt": "systemPrompt",
    "systemPrompt": "systemPrompt",
    "max_turns": "maxTurns",
    "maxTurns": "maxTurns",
    "max_budget_usd": "maxBudgetUsd",
    "maxBudgetUsd": "maxBudgetUsd",
    "max_sandbox_budget_usd": "maxSandboxBudgetUsd",
    "maxSandboxBudgetUsd": "maxSandboxBudgetUsd",
    "permission_mode": "permissionMode",
    "permissionMode": "permissionMode",
    "disallowed_tools": "disallowedTools",
    "disallowedTools": "disallowedTools",
}


def _number(name: str, value: object, *, allow_zero: bool) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"options.{name} must be a number, got {type(value).__name__}.")
    if value < 0 or (value == 0 and not allow_zero):
        raise ValueError(f"options.{name} must be {'≥ 0' if allow_zero else '> 0'}.")
    return value


def normalize_options(options: Mapping[str, Any] | RunOptions | None) -> RunOptions | None:
    """Run options as the generated model, checked the way the server checks them."""
    if options is None or isinstance(options, RunOptions):
        return options
    if not isinstance(options, Mapping):
        raise TypeError("options must be a dict or agents21.types.RunOptions.")
    wire: dict[str, Any] = {}
    for key, value in options.items():
        name = _OPTION_ALIASES.get(key)
        if name is None:
            known = ", ".join(sorted({v for v in _OPTION_ALIASES.values()}))
            raise ValueError(f"Unknown run option {key!r}; the options are: {known}.")
        if value is None:
            continue
        if name == "model":
            require_str("options.model", value)
        elif name == "systemPrompt":
            if isinstance(value, SystemPromptPreset):
                value = value.to_dict()
            if isinstance(value, Mapping):
                if value.get("type") != "preset" or value.get("preset") != "claude_code":
                    raise ValueError(
                        'options.systemPrompt must be a string or {"type": "preset", '
                        '"preset": "claude_code", "append": "…"}.'
                    )
            elif not isinstance(value, str):
                raise TypeError("options.systemPrompt must be a string or a preset dict.")
        elif name == "maxTurns":
            positive_int("options.maxTurns", value)
        elif name in ("maxBudgetUsd", "maxSandboxBudgetUsd"):
            _number(name, value, allow_zero=name == "maxSandboxBudgetUsd")
        elif name == "permissionMode":
            if value not in _PERMISSION_MODES:
                raise ValueError(
                    f"options.permissionMode must be one of {', '.join(_PERMISSION_MODES)}."
                )
        elif name == "disallowedTools":
            tools = str_list("options.disallowedTools", value)
            if not tools:
                raise ValueError("options.disallowedTools must name at least one tool.")
            value = tools
        wire[name] = value
    return RunOptions.from_dict(wire)
