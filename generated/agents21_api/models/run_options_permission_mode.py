from typing import Literal

RunOptionsPermissionMode = Literal[
    "acceptEdits", "bypassPermissions", "default", "dontAsk", "plan"
]

RUN_OPTIONS_PERMISSION_MODE_VALUES: set[RunOptionsPermissionMode] = {
    "acceptEdits",
    "bypassPermissions",
    "default",
    "dontAsk",
    "plan",
}


def check_run_options_permission_mode(value: str) -> RunOptionsPermissionMode:
    if value in RUN_OPTIONS_PERMISSION_MODE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {RUN_OPTIONS_PERMISSION_MODE_VALUES!r}"
    )
