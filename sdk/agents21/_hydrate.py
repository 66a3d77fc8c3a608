"""`HydratedThread`: a stored thread as a chat UI needs it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from agents21_api import models
from agents21_api import types as model_types

if TYPE_CHECKING:
    from agents21_api.models import (
        Thread,
        ThreadListItem,
        UIMessage,
    )


@dataclass(frozen=True)
class HydratedThread:
    """A stored session as a chat UI needs it (PROTOCOL §7, "hydrating a UI")."""

    thread: Thread
    initial_messages: list[UIMessage]
    """The stored conversation, `[]` before the first completed run."""
    resume_stream_on_mount: bool
    """True while a run is streaming: join it with `threads.resume`."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON a browser's chat takes: `{thread, initialMessages, resumeStreamOnMount}`."""
        return {
            "thread": self.thread.to_dict(),
            "initialMessages": [m.to_dict() for m in self.initial_messages],
            "resumeStreamOnMount": self.resume_stream_on_mount,
        }

    def to_json(self) -> str:
        """`to_dict()` as JSON text."""
        return model_types.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> HydratedThread:
        """Read back what `to_dict()` gave."""
        return cls(
            thread=models.Thread.from_dict(src_dict["thread"]),
            initial_messages=[models.UIMessage.from_dict(m) for m in src_dict["initialMessages"]],
            resume_stream_on_mount=bool(src_dict["resumeStreamOnMount"]),
        )

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        return model_types.pydantic_core_schema(cls)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        properties = {
            "thread": {"type": "object"},
            "initialMessages": {"type": "array"},
            "resumeStreamOnMount": {"type": "boolean"},
        }
        return model_types.pydantic_json_schema(cls, cls.__doc__ or "", properties, properties)

    @classmethod
    def of(cls, thread: Thread) -> HydratedThread:
        return cls(
            thread=thread,
            initial_messages=list(thread.messages or []),
            resume_stream_on_mount=is_streaming(thread),
        )


def is_streaming(thread: Thread | ThreadListItem) -> bool:
    """Whether a run is in flight on the thread."""
    return thread.status == "streaming"
