"""A minimal HTTP/1.1 SSE server for latency benchmarks, run as `python -m bench._sse_server`.

It prints its port, then answers every request with a chunked `text/event-stream` response:
headers at once; after `LEAD` seconds one event, written alone, whose text delta is the
`time.perf_counter_ns()` of the moment it is written (CLOCK_MONOTONIC, the same in every
process of the machine); then nothing until the client hangs up, or `HOLD` seconds pass and the
run ends. A reader that buffered the lone event would see it `HOLD` seconds late.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

LEAD = 0.02
HOLD = 1.0
HEAD = (
    b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\n"
    b"x-accel-buffering: no\r\ncontent-encoding: none\r\ntransfer-encoding: chunked\r\n\r\n"
)


def frame(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


async def read_request(reader: asyncio.StreamReader) -> None:
    """Read one request, its head and its body, and drop it."""
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    if length:
        await reader.readexactly(length)


async def serve(handler: Any, *, backlog: int = 100) -> None:
    """Serve on a free loopback port, printed first, until killed."""
    server = await asyncio.start_server(handler, "127.0.0.1", 0, backlog=backlog)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(ConnectionError):
        while True:
            await read_request(reader)
            writer.write(HEAD)
            await writer.drain()
            await asyncio.sleep(LEAD)
            stamp = time.perf_counter_ns()
            writer.write(frame(b'data: {"type":"text-delta","id":"t","delta":"%d"}\n\n' % stamp))
            await writer.drain()
            try:
                await asyncio.wait_for(reader.read(1), HOLD)
                break  # the client hung up (or spoke out of turn)
            except TimeoutError:
                writer.write(frame(b'data: {"type":"finish"}\n\ndata: [DONE]\n\n') + frame(b""))
                await writer.drain()
    writer.close()


if __name__ == "__main__":
    asyncio.run(serve(handle))
