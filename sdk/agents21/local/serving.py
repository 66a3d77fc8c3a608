"""How the relay is served: the socket it listens on, who may reach it, uvicorn's limits.

`agents21 serve` and `LocalRelay` both serve through here, so the two cannot differ.
"""

from __future__ import annotations

import asyncio
import gc
import ipaddress
import socket
from typing import Any

import httptools
import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from .config import ConfigError

# A connection must send a whole request line and headers within this long, and go quiet
# between requests for no longer than this (uvicorn's keep-alive timeout).
HEAD_TIMEOUT_S = 10.0
# The largest request line plus headers.
MAX_HEAD_BYTES = 64 * 1024
# Connections open at once; more are answered 503.
MAX_CONNECTIONS = 4096
# Allocations between young collections in a process that only serves the relay (CPython's
# default is 700).
SERVING_GC_THRESHOLD = 20_000


class GuardedHttpProtocol(HttpToolsProtocol):
    """uvicorn's HTTP/1.1 protocol over llhttp, with a deadline and a size limit for the head.

    llhttp (httptools) rather than h11: it parses and frames in C, and h11's pure-Python
    validation and framing were a third of the relay's time with a thousand runs streaming.

    uvicorn times out idle keep-alive connections but not a fresh connection, nor one that
    sends its head a byte at a time, so a few hundred of those would hold the relay open.
    Here the keep-alive timer runs from the connection's start and is stopped only once a
    complete request head is in, not by each byte. llhttp itself puts no bound on a head, so
    one that grows past `MAX_HEAD_BYTES` is answered 400 and the connection closed.
    """

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_bytes = 0  # of the head being read, while `_in_head`
        self._in_head = True
        self.timeout_keep_alive_task = self.loop.call_later(
            self.timeout_keep_alive, self.timeout_keep_alive_handler
        )

    def data_received(self, data: bytes) -> None:
        if self._in_head:
            self._head_bytes += len(data)
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError:
            self.send_400_response("Invalid HTTP request received.")
            return
        except httptools.HttpParserUpgrade:
            self._unsupported_upgrade_warning()  # served as plain HTTP, as uvicorn does
        # Only a head still incomplete is measured: bytes that came with a complete head are
        # its body's.
        if self._in_head and self._head_bytes > MAX_HEAD_BYTES:
            self.send_400_response("Request head too large.")

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._unset_keepalive_if_required()
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._in_head, self._head_bytes = True, 0  # what follows is the next request's head


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


def tune_collector() -> None:
    """Tune the garbage collector of a process that only serves the relay (`agents21 serve`).

    A burst of runs keeps hundreds of thousands of objects alive for seconds (a thousand
    runs' requests, tasks and chunk logs), and with CPython's default thresholds the collector
    scans them, and every module loaded, again and again: a sixth of the relay's time. What
    is loaded by now lives as long as the process, so it is frozen out of the scans, and young
    collections come every `SERVING_GC_THRESHOLD` allocations. `LocalRelay` shares its host's
    process, so it leaves the host's collector alone.
    """
    gc.collect()
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(SERVING_GC_THRESHOLD, older, oldest)


def uvicorn_config(app: Any, *, log_level: str | None = None) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        http=GuardedHttpProtocol,
        log_config=None,
        log_level=log_level,
        access_log=False,
        lifespan="on",
        timeout_keep_alive=int(HEAD_TIMEOUT_S),
        limit_concurrency=MAX_CONNECTIONS,
        timeout_graceful_shutdown=3,
        ws="none",
    )
