"""The value of a JSON text cut short, as the AI SDK reads a tool input while it streams.

:func:`fix_json` is a best-effort repair of a JSON prefix, as the AI SDK's ``fixJson``: close open
strings, arrays and objects, complete a literal prefix (``tr`` → ``true``), and cut whatever
cannot be completed (a dangling key, ``12.`` → ``12``). One linear pass.
"""

from __future__ import annotations

import re
from typing import Any, Final

from ._ui_stream import loads

__all__ = ["MISSING", "fix_json", "parse_partial_json"]

(
    _ROOT,
    _FINISH,
    _STRING,
    _STRING_ESCAPE,
    _LITERAL,
    _NUMBER,
    _OBJECT_START,
    _OBJECT_KEY,
    _OBJECT_AFTER_KEY,
    _OBJECT_BEFORE_VALUE,
    _OBJECT_AFTER_VALUE,
    _OBJECT_AFTER_COMMA,
    _ARRAY_START,
    _ARRAY_AFTER_VALUE,
    _ARRAY_AFTER_COMMA,
) = range(15)
_OBJECT_STATES: Final = frozenset(
    (
        _OBJECT_START,
        _OBJECT_KEY,
        _OBJECT_AFTER_KEY,
        _OBJECT_BEFORE_VALUE,
        _OBJECT_AFTER_VALUE,
        _OBJECT_AFTER_COMMA,
    )
)
_ARRAY_STATES: Final = frozenset((_ARRAY_START, _ARRAY_AFTER_VALUE, _ARRAY_AFTER_COMMA))
_LITERALS: Final = ("true", "false", "null")
_STRING_STOP: Final = re.compile(r'["\\]')
_KEEP: Final = -2  # "the last valid index does not move"


def fix_json(text: str) -> str:
    stack = [_ROOT]
    last_valid = -1
    literal_start = 0
    n = len(text)
    i = 0

    def value_start(char: str, i: int, after: int) -> int:
        # returns the new last valid index, or _KEEP
        if char == '"':
            stack[-1] = after
            stack.append(_STRING)
            return i
        if char in "tfn":
            nonlocal literal_start
            literal_start = i
            stack[-1] = after
            stack.append(_LITERAL)
            return i
        if char == "-":
            stack[-1] = after
            stack.append(_NUMBER)
            return _KEEP
        if "0" <= char <= "9":
            stack[-1] = after
            stack.append(_NUMBER)
            return i
        if char == "{":
            stack[-1] = after
            stack.append(_OBJECT_START)
            return i
        if char == "[":
            stack[-1] = after
            stack.append(_ARRAY_START)
            return i
        return _KEEP

    def after_value(char: str, i: int) -> int:
        state = stack[-1]
        if state == _OBJECT_AFTER_VALUE:
            if char == ",":
                stack[-1] = _OBJECT_AFTER_COMMA
            elif char == "}":
                stack.pop()
                return i
        elif state == _ARRAY_AFTER_VALUE:
            if char == ",":
                stack[-1] = _ARRAY_AFTER_COMMA
            elif char == "]":
                stack.pop()
                return i
        return _KEEP

    while i < n:
        char = text[i]
        state = stack[-1]
        found = _KEEP
        if state == _STRING:
            if char == '"':
                stack.pop()
                found = i
            elif char == "\\":
                stack.append(_STRING_ESCAPE)
            else:
                # jump over the plain run of the string in one step
                m = _STRING_STOP.search(text, i)
                end = m.start() if m else n
                last_valid = end - 1
                i = end
                continue
        elif state == _ROOT:
            found = value_start(char, i, _FINISH)
        elif state == _OBJECT_START:
            if char == '"':
                stack[-1] = _OBJECT_KEY
            elif char == "}":
                stack.pop()
                found = i
        elif state == _OBJECT_AFTER_COMMA:
            if char == '"':
                stack[-1] = _OBJECT_KEY
        elif state == _OBJECT_KEY:
            if char == '"':  # an escaped quote ends a key too, as in the AI SDK
                stack[-1] = _OBJECT_AFTER_KEY
        elif state == _OBJECT_AFTER_KEY:
            if char == ":":
                stack[-1] = _OBJECT_BEFORE_VALUE
        elif state == _OBJECT_BEFORE_VALUE:
            found = value_start(char, i, _OBJECT_AFTER_VALUE)
        elif state == _OBJECT_AFTER_VALUE:
            found = after_value(char, i)
        elif state == _ARRAY_AFTER_VALUE:
            found = after_value(char, i)
            if found == _KEEP and char != ",":
                found = i  # as the AI SDK: any other character here counts as valid
        elif state == _ARRAY_START:
            if char == "]":
                stack.pop()
                found = i
            else:
                last_valid = i  # as the AI SDK: before the value starts, whatever it is
                found = value_start(char, i, _ARRAY_AFTER_VALUE)
        elif state == _ARRAY_AFTER_COMMA:
            found = value_start(char, i, _ARRAY_AFTER_VALUE)
        elif state == _STRING_ESCAPE:
            # one character ends an escape, `u` too: a cut inside `\u00e9` leaves a text
            # that does not parse, and so no input, as in the AI SDK
            stack.pop()
            found = i
        elif state == _NUMBER:
            if "0" <= char <= "9":
                found = i
            elif char not in "eE-.":  # a `+` ends the number, as in the AI SDK
                stack.pop()
                found = after_value(char, i)
        elif state == _LITERAL:
            partial = text[literal_start : i + 1]
            if any(lit.startswith(partial) for lit in _LITERALS):
                found = i
            else:
                stack.pop()
                found = after_value(char, i)
        if found != _KEEP:
            last_valid = found
        i += 1

    result = [text[: last_valid + 1]]
    for state in reversed(stack):
        if state == _STRING:
            result.append('"')
        elif state in _OBJECT_STATES:
            result.append("}")
        elif state in _ARRAY_STATES:
            result.append("]")
        elif state == _LITERAL:
            partial = text[literal_start:]
            for lit in _LITERALS:
                if lit.startswith(partial):
                    result.append(lit[len(partial) :])
                    break
    return "".join(result)


class _Missing:
    """No value, distinct from a JSON null: one instance, which `copy` keeps as itself."""

    __slots__ = ()

    def __reduce__(self) -> str:
        return "MISSING"

    def __repr__(self) -> str:
        return "<missing>"


MISSING: Final[Any] = _Missing()


def parse_partial_json(text: str) -> Any:
    """The value of a JSON text that may be cut short, or MISSING when nothing parses."""
    try:
        return loads(text)
    except ValueError:
        pass
    try:
        return loads(fix_json(text))
    except ValueError:
        return MISSING
