"""LocalRelay: the relay served by uvicorn on a background thread with its own event loop."""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
import threading
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

import uvicorn

from .api.app import create_app
from .config import RESUME_MODES, AgentConfig, load_settings
from .faults import Faults
from .paths import remove_path
from .process import find_bwrap
from .python_agents import AgentHandler
from .relay import Relay
from .serving import bind_socket, check_exposure, url_for, uvicorn_config


def _agent_configs(agents: Iterable[AgentConfig] | Mapping[str, AgentHandler]) -> list[AgentConfig]:
    if isinstance(agents, Mapping):
        for slug, handler in agents.items():
            if not isinstance(slug, str) or not slug or not callable(handler):
                raise TypeError(f"agents maps a slug to a handler, got {slug!r}: {handler!r}")
        return [
            AgentConfig(slug=slug, name=slug, runtime="python", handler=handler)
            for slug, handler in agents.items()
        ]
    configs = list(agents)
    for agent in configs:
        if not isinstance(agent, AgentConfig):
            raise TypeError(f"agents holds AgentConfig objects, got {type(agent).__name__}")
        if (agent.runtime == "python") != (agent.handler is not None):
            raise ValueError(f"agent {agent.slug!r}: a handler goes with runtime='python'")
    return configs


class LocalRelay:
    """The whole relay API on a loopback port, for tests, demos and scripts.

    Works from sync code (`with LocalRelay() as relay:`) and from inside a running event
    loop (`async with LocalRelay() as relay:`): the server never shares the caller's loop.
    `agents` adds agents to the built-in ones and the config's: `AgentConfig` objects, or
    `{slug: handler}` for agents written in Python (see `agents21.local.python_agents`).
    """

    def __init__(
        self,
        *,
        data_dir: str | os.PathLike[str] | None = None,
        config: str | os.PathLike[str] | None = None,
        api_key: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        allow_remote_without_isolation: bool = False,
        resume: str | None = None,
        agents: Iterable[AgentConfig] | Mapping[str, AgentHandler] = (),
    ) -> None:
        self._data_dir_arg = Path(data_dir).expanduser() if data_dir is not None else None
        self._config = config
        self._api_key_arg = api_key
        self.host = host
        self._port_arg = port
        self._allow_remote = allow_remote_without_isolation
        if resume is not None and resume not in RESUME_MODES:
            raise ValueError(f"resume must be one of {', '.join(map(repr, RESUME_MODES))}")
        self._resume = resume
        self._agents = _agent_configs(agents)
        self.faults = Faults()
        """Faults on demand: `relay.faults.fail("POST /v1/sandboxes", 503)`, `.drop_stream()`."""
        self.resume = resume or "join"  # how its resume stream answers, once started
        self.port = 0
        self.api_key = ""
        self.data_dir = self._data_dir_arg or Path()
        self._temp_dir: Path | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._relay: Relay | None = None
        self._error: BaseException | None = None

    @property
    def url(self) -> str:
        return url_for(self.host, self.port)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> LocalRelay:
        if self.running:
            return self
        if self._data_dir_arg is None:
            self._temp_dir = Path(tempfile.mkdtemp(prefix="agents21-relay-"))
            self.data_dir = self._temp_dir
        else:
            self.data_dir = self._data_dir_arg
        try:
            self._start()
        except BaseException:
            self._cleanup_temp()
            raise
        return self

    def _start(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        settings = load_settings(self._config, self.data_dir)
        if self._resume is not None:
            settings.resume = self._resume
        settings.agents.update((agent.slug, agent) for agent in self._agents)
        self.resume = settings.resume
        settings.use_bwrap = find_bwrap(settings.use_bwrap) or False
        check_exposure(self.host, bool(settings.use_bwrap), self._allow_remote)
        self.api_key = settings.ensure_api_key(self._api_key_arg)
        app = create_app(settings, self.faults)
        sock = bind_socket(self.host, self._port_arg)
        self.port = sock.getsockname()[1]
        config = uvicorn_config(app)
        server = uvicorn.Server(config)
        self._server = server
        self._error = None

        def serve() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                loop.run_until_complete(server.serve(sockets=[sock]))
            except BaseException as exc:  # surfaced to start() below
                self._error = exc
            finally:
                sock.close()
                loop.close()

        self._thread = threading.Thread(target=serve, name="agents21-local-relay", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                server.should_exit = True
                self._thread.join(5)
                raise RuntimeError(f"the local relay failed to start: {self._error!r}")
            time.sleep(0.005)
        self._relay = app.state.relay

    def stop(self) -> None:
        server, thread, loop, relay = self._server, self._thread, self._loop, self._relay
        if server is not None and thread is not None and thread.is_alive():
            if loop is not None and relay is not None:
                # End live runs first: open streams would otherwise hold the shutdown.
                with contextlib.suppress(Exception):
                    asyncio.run_coroutine_threadsafe(relay.abort_runs(), loop).result(10)
            server.should_exit = True
            thread.join(15)
        self._server = self._thread = self._loop = None
        self._relay = None
        self._cleanup_temp()

    def _cleanup_temp(self) -> None:
        if self._temp_dir is not None:
            with contextlib.suppress(OSError):
                remove_path(self._temp_dir)
            self._temp_dir = None

    def __enter__(self) -> LocalRelay:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    async def __aenter__(self) -> LocalRelay:
        await asyncio.to_thread(self.start)
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        await asyncio.to_thread(self.stop)

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"<LocalRelay {self.url if self.port else '(unbound)'} {state}>"
