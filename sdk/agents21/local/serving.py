"""How the relay is served: the socket it listens on, who may reach it, uvicorn's limits.

`agents21 serve` and `LocalRelay` both serve through here, so the two cannot differ.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from .config import ConfigError

# A connection must send a whole request line and headers within this long, and go quiet
# between requests for no longer than this (uvicorn's keep-alive timeout).
HEAD_TIMEOUT_S = 10.0
# The largest request line plus headers (h11's incomplete-event limit).
MAX_HEAD_BYTES = 64 * 1024
# Connections open at once; more are answered 503.
MAX_CONNECTIONS = 4096


class GuardedH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol with a deadline for the request head.

    uvicorn times out idle keep-alive connections but not a fresh connection, nor one that
    sends its head a byte at a time, so a few hundred of those would hold the relay open.
    Here the keep-alive timer runs from the connection's start and is stopped only once a
    complete request head is in (uvicorn stops it at that point itself), not by each byte.
    """

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._unset_keepalive_if_required()
        self.timeout_keep_alive_task = self.loop.call_later(
            self.timeout_keep_alive, self.timeout_keep_alive_handler
        )

    def data_received(self, data: bytes) -> None:
        self.conn.receive_data(data)
        self.handle_events()


def bind_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto must say TCP: asyncio sets TCP_NODELAY only on sockets that do, and without it
    # every small response waits ~40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def url_for(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_exposure(host: str, isolated: bool, allow_remote_without_isolation: bool) -> None:
    """Without bubblewrap a sandbox command runs as the relay's user on this machine: such a
    relay listens on loopback only, unless its operator says otherwise."""
    if isolated or allow_remote_without_isolation or is_loopback(host):
        return
    raise ConfigError(
        f"bubblewrap is not available, so sandbox commands would run unisolated on this"
        f" machine; refusing to listen on {host}. Install bubblewrap, listen on 127.0.0.1,"
        " or pass --allow-remote-without-isolation."
    )


def uvicorn_config(app: Any, *, log_level: str | None = None) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        http=GuardedH11Protocol,
        log_config=None,
        log_level=log_level,
        access_log=False,
        lifespan="on",
        timeout_keep_alive=int(HEAD_TIMEOUT_S),
        h11_max_incomplete_event_size=MAX_HEAD_BYTES,
        limit_concurrency=MAX_CONNECTIONS,
        timeout_graceful_shutdown=3,
        ws="none",
    )
