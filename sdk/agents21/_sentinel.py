"""`NOT_GIVEN`: an argument left out, where `None` has a meaning of its own."""

from __future__ import annotations

from typing import Final, Literal


class NotGiven:
    """Marks an argument the caller left out, where `None` means something (no timeout)."""

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()
