# Generated from _async/ by tools/unasync_sdk.py (make generate). Do not edit.
"""Token exchange for web apps: the counterpart of `exchangeToken` in `@21st-sdk/nextjs/server`."""

from __future__ import annotations

import httpx

from agents21_api.models import TokenResponse

from .._config import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, TimeoutTypes
from .client import AgentClient


def exchange_token(
    *,
    api_key: str | None = None,
    relay_url: str | None = None,
    agent: str | None = None,
    user_id: str | None = None,
    expires_in: str = "1h",
    timeout: TimeoutTypes = DEFAULT_TIMEOUT,
    max_retries: int = DEFAULT_MAX_RETRIES,
    http_client: httpx.Client | None = None,
) -> TokenResponse:
    """Mint a short-lived token for a browser with the server-side secret key.

    `api_key` falls back to `API_KEY_21ST`, `relay_url` to `BASE_URL_21ST`, then production.
    """
    with AgentClient(
        api_key=api_key,
        base_url=relay_url,
        timeout=timeout,
        max_retries=max_retries,
        http_client=http_client,
    ) as client:
        return client.tokens.create(agent=agent, user_id=user_id, expires_in=expires_in)
