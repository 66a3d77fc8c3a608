from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.flat_error_code import FlatErrorCode
from ...models.flat_error_message import FlatErrorMessage
from ...models.vault_list import VaultList
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/mcp/vaults",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> FlatErrorCode | FlatErrorMessage | VaultList | None:
    if response.status_code == 200:
        response_200 = VaultList.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = FlatErrorMessage.from_dict(response.json())

        return response_401

    if response.status_code == 403:

        def _parse_response_403(data: object) -> FlatErrorCode | FlatErrorMessage:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_403_type_0 = FlatErrorCode.from_dict(data)

                return response_403_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_403_type_1 = FlatErrorMessage.from_dict(data)

            return response_403_type_1

        response_403 = _parse_response_403(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = FlatErrorCode.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = FlatErrorCode.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[FlatErrorCode | FlatErrorMessage | VaultList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[FlatErrorCode | FlatErrorMessage | VaultList]:
    """Every vault of the team (archived too), with redacted credentials

     The default vault first, then the most recently updated; each vault's credentials (archived
    too) most recently updated first. `suggestions` is a fixed list of well-known MCP servers.
    Secret keys only. Every vault request counts against the key's request limit.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FlatErrorCode | FlatErrorCode | FlatErrorMessage | FlatErrorMessage | VaultList]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> FlatErrorCode | FlatErrorMessage | VaultList | None:
    """Every vault of the team (archived too), with redacted credentials

     The default vault first, then the most recently updated; each vault's credentials (archived
    too) most recently updated first. `suggestions` is a fixed list of well-known MCP servers.
    Secret keys only. Every vault request counts against the key's request limit.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FlatErrorCode | FlatErrorCode | FlatErrorMessage | FlatErrorMessage | VaultList
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[FlatErrorCode | FlatErrorMessage | VaultList]:
    """Every vault of the team (archived too), with redacted credentials

     The default vault first, then the most recently updated; each vault's credentials (archived
    too) most recently updated first. `suggestions` is a fixed list of well-known MCP servers.
    Secret keys only. Every vault request counts against the key's request limit.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FlatErrorCode | FlatErrorCode | FlatErrorMessage | FlatErrorMessage | VaultList]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> FlatErrorCode | FlatErrorMessage | VaultList | None:
    """Every vault of the team (archived too), with redacted credentials

     The default vault first, then the most recently updated; each vault's credentials (archived
    too) most recently updated first. `suggestions` is a fixed list of well-known MCP servers.
    Secret keys only. Every vault request counts against the key's request limit.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FlatErrorCode | FlatErrorCode | FlatErrorMessage | FlatErrorMessage | VaultList
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
