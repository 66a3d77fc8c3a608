"""The `messages` of a run as the wire wants them, from a string or message dicts."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

from agents21_api import models

from ._args import require_str

if TYPE_CHECKING:
    from agents21_api.models import (
        UIMessage,
    )


def user_message(text: str) -> UIMessage:
    return models.UIMessage(
        role="user",
        parts=[models.TextUIPart(type_="text", text=text)],
        id=f"msg_{uuid.uuid4().hex}",
    )


MessagesInput: TypeAlias = "str | Sequence[Mapping[str, Any] | UIMessage]"


def normalize_messages(messages: MessagesInput) -> list[UIMessage]:
    """`messages` as the wire wants them: a string becomes one user text message."""
    if isinstance(messages, str):
        require_str("messages", messages)
        return [user_message(messages)]
    if isinstance(messages, Mapping | models.UIMessage) or not isinstance(messages, Sequence):
        raise TypeError(
            "messages must be a string, or a list of message dicts or UIMessage objects."
        )
    result: list[UIMessage] = []
    for index, item in enumerate(messages):
        if isinstance(item, models.UIMessage):
            result.append(item)
            continue
        if not isinstance(item, Mapping):
            raise TypeError(
                f"messages[{index}] must be a dict or UIMessage, got {type(item).__name__}."
            )
        role, parts = item.get("role"), item.get("parts")
        if not isinstance(role, str) or not role:
            raise ValueError(f'messages[{index}] needs a "role" ("user", "assistant", …).')
        if parts is None and isinstance(item.get("content"), str):
            # The familiar chat shape {"role", "content"} is accepted as one text part.
            parts = [{"type": "text", "text": item["content"]}]
            item = {k: v for k, v in item.items() if k != "content"}
        if not isinstance(parts, list) or not all(isinstance(p, Mapping) for p in parts):
            raise ValueError(f'messages[{index}] needs "parts", a list of part dicts.')
        for part in parts:
            if not isinstance(part.get("type"), str):
                raise ValueError(f'messages[{index}]: every part needs a string "type".')
            if part["type"] == "text" and not isinstance(part.get("text"), str):
                raise ValueError(f'messages[{index}]: a "text" part needs a string "text".')
        result.append(models.UIMessage.from_dict({**item, "parts": parts}))
    if not result:
        raise ValueError("messages must not be empty.")
    users = [m for m in result if m.role == "user"]
    if not users:
        raise ValueError('messages needs at least one message with role "user".')
    # The server runs on the last user message's text; without any it answers 400.
    if not any(isinstance(p, models.TextUIPart) and p.text.strip() for p in users[-1].parts):
        raise ValueError("The last user message needs a text part with some text.")
    return result
