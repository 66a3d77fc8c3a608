"""Argument checks shared by both clients: each names the argument it refuses."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from typing import Any, Final

# The largest integer a JSON number holds exactly in JavaScript (Number.MAX_SAFE_INTEGER): the
# server parses with zod, so the SDK and the local relay refuse anything larger.
MAX_SAFE_INTEGER: Final = 2**53 - 1


def with_extra_body(body: Any, content: object, extra_body: Mapping[str, object]) -> dict[str, Any]:
    """A request's JSON body with `extra_body`'s fields added (they win over the SDK's)."""
    if content is not None:
        raise TypeError("extra_body needs a JSON body, and this request sends raw bytes")
    if body is None:
        return dict(extra_body)
    if not isinstance(body, dict):
        raise TypeError(
            f"extra_body needs a JSON object body, and this one is a {type(body).__name__}"
        )
    return {**body, **extra_body}


def require_str(name: str, value: object) -> str:
    """A non-empty string argument, or a TypeError/ValueError that names it."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {type(value).__name__}.")
    if not value.strip():
        raise ValueError(f"{name} must not be empty.")
    return value


def optional_str(name: str, value: object) -> str | None:
    return None if value is None else require_str(name, value)


def str_map(name: str, value: Mapping[str, str] | None) -> dict[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a mapping of strings to strings.")
    for key, item in value.items():
        if not isinstance(key, str) or not isinstance(item, str):
            raise TypeError(
                f"{name} must map strings to strings; {key!r} maps to {type(item).__name__}."
            )
    return dict(value)


def str_list(name: str, value: Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise TypeError(f"{name} must be a list of strings, not {type(value).__name__}.")
    items = list(value)
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"{name} must be a list of strings; got {type(item).__name__}.")
    return items


def vault_id_list(name: str, values: list[str]) -> list[str]:
    """Vault ids as given (the server checks that each is a v4 UUID of an active vault), in
    order, each once; `[]` stays: it means no vaults for this run."""
    for value in values:
        try:
            uuid.UUID(value)
        except ValueError:
            raise ValueError(
                f"{name} must hold UUIDs like '6f1c1e52-6f6b-4b8e-…', got {value!r}."
            ) from None
    return list(dict.fromkeys(values))


def positive_int(name: str, value: object, *, allow_zero: bool = False) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}.")
    if value < 0 or (value == 0 and not allow_zero):
        raise ValueError(f"{name} must be {'≥ 0' if allow_zero else '> 0'}, got {value}.")
    return value


def file_contents(files: Mapping[str, str | bytes]) -> dict[str, str | bytes]:
    """`{path: content}` for a files write: text (`str`) or bytes, at least one file."""
    if not isinstance(files, Mapping):
        raise TypeError("files must be a mapping of paths to str or bytes contents.")
    contents: dict[str, str | bytes] = {}
    for path, content in files.items():
        if not isinstance(path, str) or not path:
            raise TypeError(f"files must be keyed by non-empty path strings, not {path!r}.")
        if isinstance(content, bytearray | memoryview):
            content = bytes(content)
        if not isinstance(content, str | bytes):
            raise TypeError(
                f"files[{path!r}] must be str (text) or bytes, not {type(content).__name__}."
            )
        contents[path] = content
    if not contents:
        raise ValueError("files must map at least one path to its content.")
    return contents


_DURATION = re.compile(r"^\d+(s|m|h|d)$")


def check_expires_in(value: str) -> str:
    """A token lifetime like `30m`, `1h`, `7d` (the server caps it at 24h)."""
    if not isinstance(value, str) or not _DURATION.match(value):
        raise ValueError(
            f'expires_in must be a number followed by s, m, h or d (like "30m" or "1h"), '
            f"got {value!r}."
        )
    return value
