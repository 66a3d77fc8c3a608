"""Run options (`threads.run(options=...)`): one specification, checked the same way by the SDK
before it sends them and by the local relay when it receives them.

Each check takes a value and gives it back as the wire has it, or raises TypeError (wrong kind)
or ValueError (wrong value) with a message that names the option as `options.<wireName>`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from agents21_api import models

from ._args import MAX_SAFE_INTEGER

if TYPE_CHECKING:
    from agents21_api.models import RunOptions

PERMISSION_MODES: Final = ("default", "acceptEdits", "bypassPermissions", "plan", "dontAsk")


def _number(wire: str, *, allow_zero: bool) -> Callable[[Any], float]:
    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"options.{wire} must be a number, got {type(value).__name__}")
        if isinstance(value, int) and abs(value) > MAX_SAFE_INTEGER:
            raise ValueError(f"options.{wire} must be at most {MAX_SAFE_INTEGER}")
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"options.{wire} must be a finite number")
        if value < 0 or (value == 0 and not allow_zero):
            raise ValueError(f"options.{wire} must be {'>= 0' if allow_zero else '> 0'}")
        return value

    return check


def _model(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"options.model must be a string, got {type(value).__name__}")
    if not value.strip():
        raise ValueError("options.model must be a non-empty string")
    return value


def _system_prompt(value: Any) -> str | dict[str, Any]:
    if isinstance(value, str):
        return value
    if isinstance(value, models.SystemPromptPreset):
        value = value.to_dict()
    if not isinstance(value, Mapping):
        raise TypeError("options.systemPrompt must be a string or a preset object")
    if (
        value.get("type") != "preset"
        or value.get("preset") != "claude_code"
        or not isinstance(value.get("append", ""), str)
    ):
        raise ValueError(
            'options.systemPrompt must be a string or {"type": "preset", "preset": '
            '"claude_code", "append": "…"}'
        )
    return dict(value)


def _max_turns(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"options.maxTurns must be an integer > 0, got {type(value).__name__}")
    if not 0 < value <= MAX_SAFE_INTEGER:
        raise ValueError(f"options.maxTurns must be an integer > 0 (at most {MAX_SAFE_INTEGER})")
    return value


def _permission_mode(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"options.permissionMode must be a string, got {type(value).__name__}")
    if value not in PERMISSION_MODES:
        raise ValueError(f"options.permissionMode must be one of {', '.join(PERMISSION_MODES)}")
    return str(value)


def _disallowed_tools(value: Any) -> list[str]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise TypeError("options.disallowedTools must be a list of tool names")
    if not value or not all(isinstance(tool, str) for tool in value):
        raise ValueError("options.disallowedTools must be a non-empty list of strings")
    return list(value)


@dataclass(frozen=True, slots=True)
class RunOption:
    wire: str
    """The wire's name (camelCase)."""
    python: str
    """The SDK's keyword spelling (snake_case); the README promises both in `options=`."""
    check: Callable[[Any], Any]


RUN_OPTIONS: Final = (
    RunOption("model", "model", _model),
    RunOption("systemPrompt", "system_prompt", _system_prompt),
    RunOption("maxTurns", "max_turns", _max_turns),
    RunOption("maxBudgetUsd", "max_budget_usd", _number("maxBudgetUsd", allow_zero=False)),
    RunOption(
        "maxSandboxBudgetUsd",
        "max_sandbox_budget_usd",
        _number("maxSandboxBudgetUsd", allow_zero=True),
    ),
    RunOption("permissionMode", "permission_mode", _permission_mode),
    RunOption("disallowedTools", "disallowed_tools", _disallowed_tools),
)
_BY_WIRE: Final = {option.wire: option for option in RUN_OPTIONS}
_BY_NAME: Final = {**_BY_WIRE, **{option.python: option for option in RUN_OPTIONS}}


def check_run_options(raw: Mapping[str, Any], *, python_names: bool) -> dict[str, Any]:
    """The options as the wire has them, each checked; a null option is left out.

    `python_names` also accepts the snake_case spellings (the SDK's `options=`); the relay takes
    the wire's names only, as production does.
    """
    table = _BY_NAME if python_names else _BY_WIRE
    wire: dict[str, Any] = {}
    for key, value in raw.items():
        option = table.get(key) if isinstance(key, str) else None
        if option is None:
            known = ", ".join(o.wire for o in RUN_OPTIONS)
            raise ValueError(f"options.{key} is not a known option (the options are: {known})")
        if option.wire in wire:
            raise ValueError(f"options.{option.wire} is given twice ({key!r} and another spelling)")
        if value is not None:
            wire[option.wire] = option.check(value)
    return wire


def normalize_options(options: Mapping[str, Any] | RunOptions | None) -> RunOptions | None:
    """`threads.run(options=...)` as the generated model, checked before any request (a
    `RunOptions` built by hand is checked too)."""
    if options is None:
        return None
    if isinstance(options, models.RunOptions):
        options = options.to_dict()
    if not isinstance(options, Mapping):
        raise TypeError("options must be a dict or agents21.types.RunOptions.")
    return models.RunOptions.from_dict(check_run_options(options, python_names=True))
