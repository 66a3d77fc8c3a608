"""What a browser's chat sends: the AI SDK's `DefaultChatTransport` request, read and checked.

`useChat` (and the AI SDK's `Chat`) POST `{id, messages, trigger, messageId, ...body}` to your
chat route and GET `{api}/{id}/stream` to resume; `id` is the chat's id, which a web app uses as
its session id. The relay keeps the history, so only the last user message goes on to
`threads.run`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._sync.run import Run

TRIGGERS = ("submit-message", "regenerate-message")
# The transport sends the whole conversation each turn; past this, it is not a chat request.
MAX_CHAT_BODY_BYTES = 10 * 1024 * 1024


class ChatRequestError(ValueError):
    """The body is not a chat request; `message` says what is wrong (answer it with a 400)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ChatTurn:
    """One chat request of a browser."""

    chat_id: str
    """The chat's `id`: the session to continue."""
    message: dict[str, Any]
    """The last user message, as the browser sent it (a UIMessage)."""
    trigger: str
    """`submit-message`, or `regenerate-message` (ask again)."""
    message_id: str | None
    body: Mapping[str, Any] = field(repr=False)
    """The whole body, with anything the page added through the transport's `body` option."""

    @property
    def text(self) -> str:
        """The message's text parts, joined."""
        parts = self.message.get("parts") or []
        return "".join(
            str(p.get("text", "")) for p in parts if isinstance(p, dict) and p.get("type") == "text"
        )

    @classmethod
    def from_json(cls, raw: bytes | str) -> ChatTurn:
        """Read a raw request body; `ChatRequestError` when it is not JSON or not a chat
        request."""
        try:
            body = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise ChatRequestError("The body must be JSON.") from None
        return cls.parse(body)

    @classmethod
    def parse(cls, body: Any) -> ChatTurn:
        """Read a decoded JSON body; `ChatRequestError` names what is missing or wrong."""
        if not isinstance(body, dict):
            raise ChatRequestError("The body must be a JSON object: {id, messages, trigger}.")
        chat_id = body.get("id")
        if not isinstance(chat_id, str) or not chat_id.strip():
            raise ChatRequestError('"id" (the chat id) must be a non-empty string.')
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            raise ChatRequestError('"messages" must be a non-empty array of UI messages.')
        users = [m for m in messages if isinstance(m, dict) and m.get("role") == "user"]
        if not users:
            raise ChatRequestError('"messages" holds no user message.')
        last = users[-1]
        if not isinstance(last.get("parts"), list):
            raise ChatRequestError("The last user message has no parts (an AI SDK 5 UIMessage).")
        trigger = body.get("trigger", "submit-message")
        if trigger not in TRIGGERS:
            raise ChatRequestError(f'"trigger" must be one of {", ".join(TRIGGERS)}.')
        message_id = body.get("messageId")
        turn = cls(
            chat_id=chat_id,
            message=dict(last),
            trigger=trigger,
            message_id=message_id if isinstance(message_id, str) else None,
            body=body,
        )
        if not turn.text.strip():
            raise ChatRequestError("The last user message has no text.")
        return turn


class RunBody:
    """A blocking run as a WSGI response body: the UI message stream's bytes, and a `close()`
    the server calls when the response ends, however it ends (the browser left, or the body
    was never read, as for a HEAD), which closes the run."""

    def __init__(
        self, run: Run, *, metadata: Mapping[str, Any] | None, cancel_on_close: bool
    ) -> None:
        self._run = run
        self._pieces = run.iter_sse(metadata=metadata, cancel_on_close=cancel_on_close)

    def __iter__(self) -> RunBody:
        return self

    def __next__(self) -> bytes:
        return next(self._pieces)

    def close(self) -> None:
        try:
            close = getattr(self._pieces, "close", None)  # a generator: its own cleanup first
            if close is not None:
                close()
        finally:
            self._run.close()
