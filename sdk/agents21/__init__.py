"""agents21: the Python SDK for the 21st Agents relay API.

```python
from agents21 import AgentClient

client = AgentClient()  # API_KEY_21ST and BASE_URL_21ST from the environment
with client.threads.run(agent="demo-agent", messages="Run `ls`") as run:
    for text in run.text_stream:
        print(text, end="")
```

Names load on first use, so that `import agents21` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from ._aiohttp_transport import AiohttpTransport
    from ._async.client import AsyncAgentClient
    from ._async.exchange import async_exchange_token
    from ._async.run import AsyncBackgroundRun, AsyncRun
    from ._errors import (
        Agents21Error,
        APIConnectionError,
        APIResponseValidationError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ClientUsageError,
        ConflictError,
        InternalServerError,
        NotFoundError,
        PaymentRequiredError,
        PermissionDeniedError,
        RateLimitError,
        RequestTimeoutError,
        RunCancelledError,
        RunFailedError,
        UnprocessableEntityError,
        VaultCoverageMissingError,
    )
    from ._hydrate import HydratedThread, is_streaming
    from ._sentinel import NOT_GIVEN, NotGiven
    from ._sync.client import AgentClient
    from ._sync.exchange import exchange_token
    from ._sync.run import BackgroundRun, Run
    from .stream import MessageAccumulator

__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AgentClient",
    "Agents21Error",
    "AiohttpTransport",
    "AsyncAgentClient",
    "AsyncBackgroundRun",
    "AsyncRun",
    "AuthenticationError",
    "BackgroundRun",
    "BadRequestError",
    "ClientUsageError",
    "ConflictError",
    "HydratedThread",
    "InternalServerError",
    "MessageAccumulator",
    "NotFoundError",
    "NotGiven",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestTimeoutError",
    "Run",
    "RunCancelledError",
    "RunFailedError",
    "UnprocessableEntityError",
    "VaultCoverageMissingError",
    "__version__",
    "async_exchange_token",
    "exchange_token",
    "is_streaming",
]

# Where each public name lives; `__getattr__` imports it on first use.
_LAZY = {
    "AgentClient": "._sync.client",
    "AsyncAgentClient": "._async.client",
    "Run": "._sync.run",
    "AsyncRun": "._async.run",
    "BackgroundRun": "._sync.run",
    "AsyncBackgroundRun": "._async.run",
    "exchange_token": "._sync.exchange",
    "async_exchange_token": "._async.exchange",
    "HydratedThread": "._hydrate",
    "is_streaming": "._hydrate",
    "NOT_GIVEN": "._sentinel",
    "NotGiven": "._sentinel",
    "MessageAccumulator": ".stream",
    "AiohttpTransport": "._aiohttp_transport",
    **{name: "._errors" for name in __all__ if name.endswith("Error")},
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'agents21' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
