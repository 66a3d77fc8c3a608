"""What both clients share and that does no I/O: configuration, defaults, argument checks."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal, TypeVar

import anyio
import httpx

from agents21_api import types as model_types
from agents21_api.models import (
    RunOptions,
    SystemPromptPreset,
    TextUIPart,
    Thread,
    ThreadListItem,
    UIMessage,
)

from ._version import __version__

DEFAULT_BASE_URL: Final = "https://relay.an.dev"
API_KEY_ENV: Final = "API_KEY_21ST"
BASE_URL_ENV: Final = "BASE_URL_21ST"
DEFAULT_MAX_RETRIES: Final = 2
DEFAULT_MAX_RESUME_ATTEMPTS: Final = 5
# Ordinary calls: a minute to answer, ten seconds to connect.
DEFAULT_TIMEOUT: Final = httpx.Timeout(60.0, connect=10.0)
# A run may stay silent while a tool works; production sends no keep-alives.
DEFAULT_STREAM_READ_TIMEOUT: Final = 600.0
USER_AGENT: Final = f"agents21-python/{__version__}"

logger = logging.getLogger("agents21")


def _configure_logging() -> None:
    level = os.environ.get("AGENTS21_LOG", "").upper()
    if level in {"DEBUG", "INFO", "WARNING", "ERROR"} and not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(level)


_configure_logging()


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

TimeoutTypes = float | httpx.Timeout | None
T = TypeVar("T")


def resolve_api_key(api_key: str | None) -> str:
    key = api_key if api_key is not None else os.environ.get(API_KEY_ENV)
    if not key:
        raise ValueError(
            f"No API key: pass api_key=... or set the {API_KEY_ENV} environment variable "
            "(a secret key `21st_sk_…`, or a token `an_t_…`)."
        )
    return key


def resolve_base_url(base_url: str | httpx.URL | None) -> str:
    url = str(base_url) if base_url is not None else os.environ.get(BASE_URL_ENV) or ""
    url = url or DEFAULT_BASE_URL
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"base_url must start with http:// or https://, got {url!r}.")
    return url.rstrip("/")


def to_timeout(value: TimeoutTypes) -> httpx.Timeout:
    return value if isinstance(value, httpx.Timeout) else httpx.Timeout(value)


def stream_timeout(timeout: httpx.Timeout) -> httpx.Timeout:
    """The timeout for reading a run: the client's, with a read limit long enough for tools."""
    if timeout.read is not None and timeout.read < DEFAULT_STREAM_READ_TIMEOUT:
        return httpx.Timeout(
            connect=timeout.connect,
            read=DEFAULT_STREAM_READ_TIMEOUT,
            write=timeout.write,
            pool=timeout.pool,
        )
    return timeout


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


def user_message(text: str) -> UIMessage:
    return UIMessage(
        role="user", parts=[TextUIPart(type_="text", text=text)], id=f"msg_{uuid.uuid4().hex}"
    )


MessagesInput = str | Sequence[Mapping[str, Any] | UIMessage]


def normalize_messages(messages: MessagesInput) -> list[UIMessage]:
    """`messages` as the wire wants them: a string becomes one user text message."""
    if isinstance(messages, str):
        require_str("messages", messages)
        return [user_message(messages)]
    if isinstance(messages, Mapping | UIMessage) or not isinstance(messages, Sequence):
        raise TypeError(
            "messages must be a string, or a list of message dicts or UIMessage objects."
        )
    result: list[UIMessage] = []
    for index, item in enumerate(messages):
        if isinstance(item, UIMessage):
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
        result.append(UIMessage.from_dict({**item, "parts": parts}))
    if not result:
        raise ValueError("messages must not be empty.")
    users = [m for m in result if m.role == "user"]
    if not users:
        raise ValueError('messages needs at least one message with role "user".')
    # The server runs on the last user message's text; without any it answers 400.
    if not any(isinstance(p, TextUIPart) and p.text.strip() for p in users[-1].parts):
        raise ValueError("The last user message needs a text part with some text.")
    return result


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


def expect(value: object, cls: type[T]) -> T:
    """The parsed success body, checked to be what the contract promised."""
    if not isinstance(value, cls):
        raise TypeError(f"Expected {cls.__name__} from the server, got {type(value).__name__}.")
    return value


def monotonic() -> float:
    return time.monotonic()


async def asleep(seconds: float) -> None:
    await anyio.sleep(seconds)


def sleep(seconds: float) -> None:
    time.sleep(seconds)


async def aoffload(fn: Callable[..., T], *args: Any) -> T:
    """Run blocking local work (disk I/O) in a worker thread, off the event loop."""
    return await anyio.to_thread.run_sync(fn, *args)


def arunning_loop() -> object | None:
    """The asyncio event loop running this (None under another async library)."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def running_loop() -> object | None:
    """The blocking client's `arunning_loop`: it runs in no event loop."""
    return None


def ashielded() -> anyio.CancelScope:
    """A block that finishes even while its task is being cancelled (a cleanup that must
    reach the server, say)."""
    return anyio.CancelScope(shield=True)


def shielded() -> contextlib.nullcontext[None]:
    """The blocking client's `ashielded`: nothing cancels it."""
    return contextlib.nullcontext()


def offload(fn: Callable[..., T], *args: Any) -> T:
    """The blocking client's `aoffload`: run it here."""
    return fn(*args)


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
            thread=Thread.from_dict(src_dict["thread"]),
            initial_messages=[UIMessage.from_dict(m) for m in src_dict["initialMessages"]],
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
