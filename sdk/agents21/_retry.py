"""When to retry a request and how long to wait first. Pure: no I/O, shared by both clients."""

from __future__ import annotations

import email.utils
import random
import time

import httpx

INITIAL_DELAY = 0.5
MAX_DELAY = 8.0
MAX_RETRY_AFTER = 60.0

_IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "DELETE", "PUT"})
# A POST is retried only when the server provably did not act on it.
_POST_RETRY_STATUSES = frozenset({429, 503})
_IDEMPOTENT_RETRY_STATUSES = frozenset({408, 409, 429})
# The request never reached the server: safe to send again whatever the method.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def should_retry_status(method: str, status: int) -> bool:
    if method in _IDEMPOTENT:
        return status in _IDEMPOTENT_RETRY_STATUSES or status >= 500
    return status in _POST_RETRY_STATUSES


def should_retry_error(method: str, error: Exception) -> bool:
    if isinstance(error, _NOT_SENT):
        return True
    return method in _IDEMPOTENT and isinstance(error, httpx.TransportError)


def _retry_after(headers: httpx.Headers | None) -> float | None:
    """Seconds the server asked us to wait (`retry-after-ms`, `Retry-After` seconds or date)."""
    if headers is None:
        return None
    value = headers.get("retry-after-ms")
    if value is not None:
        try:
            return float(value) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        parsed = email.utils.parsedate_tz(value)
        if parsed is None:
            return None
        when: float = email.utils.mktime_tz(parsed)
        return when - time.time()


def retry_delay(retries_done: int, headers: httpx.Headers | None = None) -> float:
    """Seconds to wait before retry number `retries_done + 1`.

    A server's `Retry-After` wins, up to 60 s; otherwise exponential backoff from 0.5 s,
    doubling, capped at 8 s, with up to 25 % jitter so that clients spread out.
    """
    asked = _retry_after(headers)
    if asked is not None and asked >= 0:
        return min(asked, MAX_RETRY_AFTER)
    delay = min(INITIAL_DELAY * 2.0**retries_done, MAX_DELAY)
    return delay * (1 - 0.25 * random.random())
