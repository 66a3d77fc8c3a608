"""Type checks for request bodies: each failure is a 400 envelope naming the field."""

from __future__ import annotations

import re
from typing import Any

from .._args import MAX_SAFE_INTEGER
from .errors import invalid

_MISSING: Any = object()
_UINT = re.compile(r"[0-9]{1,15}")
_INT = re.compile(r"-?[0-9]{1,15}")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def is_uuid(value: str) -> bool:
    return _UUID.fullmatch(value) is not None


def parse_uint(raw: str) -> int | None:
    """A plain decimal count (ASCII digits only, at most 15 of them), else None."""
    return int(raw) if _UINT.fullmatch(raw) else None


def require_object(value: Any, where: str = "Request body") -> dict[str, Any]:
    if not isinstance(value, dict):
        raise invalid(f"{where} must be a JSON object")
    return value


def req_str(body: dict[str, Any], key: str, *, nonempty: bool = True) -> str:
    value = body.get(key)
    if value is None or (nonempty and value == ""):
        raise invalid(f"{key} is required")
    if not isinstance(value, str):
        raise invalid(f"{key} must be a string")
    return value


def opt_str(body: dict[str, Any], key: str) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise invalid(f"{key} must be a string")
    return value


def opt_int(
    body: dict[str, Any], key: str, *, minimum: int | None = None, maximum: int | None = None
) -> int | None:
    value = body.get(key)
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(f"{key} must be an integer")
    in_range(value, key)
    if minimum is not None and value < minimum:
        raise invalid(f"{key} must be >= {minimum}")
    if maximum is not None and value > maximum:
        raise invalid(f"{key} must be <= {maximum}")
    return value


def in_range(value: int | float, key: str) -> float:
    """A JSON number as a float, refusing what JavaScript could not hold exactly."""
    if isinstance(value, int) and abs(value) > MAX_SAFE_INTEGER:
        raise invalid(f"{key} must be between -{MAX_SAFE_INTEGER} and {MAX_SAFE_INTEGER}")
    number = float(value)
    if number != number or abs(number) == float("inf"):
        raise invalid(f"{key} must be a finite number")
    return number


def opt_bool(body: dict[str, Any], key: str) -> bool | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, bool):
        raise invalid(f"{key} must be a boolean")
    return value


def opt_str_map(body: dict[str, Any], key: str) -> dict[str, str]:
    value = body.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise invalid(f"{key} must be an object of strings")
    for k, v in value.items():
        if not isinstance(v, str):
            raise invalid(f"{key}.{k} must be a string")
    return dict(value)


def opt_str_list(body: dict[str, Any], key: str) -> list[str]:
    value = body.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise invalid(f"{key} must be an array of strings")
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise invalid(f"{key}[{i}] must be a string")
    return list(value)


def query_int(raw: str | None, key: str, *, minimum: int = 0) -> int | None:
    if raw is None or raw == "":
        return None
    if not _INT.fullmatch(raw):
        raise invalid(f"{key} must be an integer")
    value = int(raw)
    if value < minimum:
        raise invalid(f"{key} must be >= {minimum}")
    return value


def opt_env_map(body: dict[str, Any], key: str) -> dict[str, str]:
    """Environment variables: names without `=` or NUL, values without NUL."""
    envs = opt_str_map(body, key)
    for name, value in envs.items():
        if not name or "=" in name or "\x00" in name:
            raise invalid(f"{key} has an invalid variable name: {name!r}")
        if "\x00" in value:
            raise invalid(f"{key}.{name} must not contain NUL bytes")
    return envs


def no_nul(value: str, field: str) -> str:
    if "\x00" in value:
        raise invalid(f"{field} must not contain NUL bytes")
    return value
