"""The local relay: the whole 21st Agents relay API served on one machine.

    from agents21.local import LocalRelay

    with LocalRelay() as relay:
        ...  # relay.url, relay.api_key

Install with the `local` extra (starlette, uvicorn, pyjwt, cryptography).
"""

from .api.app import create_app
from .config import AgentConfig, ConfigError, KeyConfig, Pricing, Settings, load_settings
from .faults import Fault, Faults
from .python_agents import AgentHandler, AgentRequest, replay, tool_call
from .server import LocalRelay

__all__ = [
    "AgentConfig",
    "AgentHandler",
    "AgentRequest",
    "ConfigError",
    "Fault",
    "Faults",
    "KeyConfig",
    "LocalRelay",
    "Pricing",
    "Settings",
    "create_app",
    "load_settings",
    "replay",
    "tool_call",
]
