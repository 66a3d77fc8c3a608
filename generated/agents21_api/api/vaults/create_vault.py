from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_vault_request import CreateVaultRequest
from ...models.flat_error_code import FlatErrorCode
from ...models.flat_error_message import FlatErrorMessage
from ...models.vault_response import VaultResponse
from ...types import Response


def _get_kwargs(
    *,
    body: CreateVaultRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/mcp/vaults",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> FlatErrorCode | FlatErrorMessage | VaultResponse | None:
    if response.status_code == 201:
        response_201 = VaultResponse.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = FlatErrorCode.from_dict(response.json())

        return response_400

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

    if response.status_code == 408:
        response_408 = FlatErrorCode.from_dict(response.json())

        return response_408

    if response.status_code == 415:
        response_415 = FlatErrorCode.from_dict(response.json())

        return response_415

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
) -> Response[FlatErrorCode | FlatErrorMessage | VaultResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateVaultRequest,
) -> Response[FlatErrorCode | FlatErrorMessage | VaultResponse]:
    """Create a vault

    Args:
        body (CreateVaultRequest): The body of `POST /v1/mcp/vaults`: the new vault's name,
            description and metadata.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FlatErrorCode | FlatErrorCode | FlatErrorMessage | FlatErrorMessage | VaultResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CreateVaultRequest,
) -> FlatErrorCode | FlatErrorMessage | VaultResponse | None:
    """Create a vault

    Args:
        body (CreateVaultRequest): The body of `POST /v1/mcp/vaults`: the new vault's name,
            description and metadata.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FlatErrorCode | FlatErrorCode | FlatErrorMessage | FlatErrorMessage | VaultResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateVaultRequest,
) -> Response[FlatErrorCode | FlatErrorMessage | VaultResponse]:
    """Create a vault

    Args:
        body (CreateVaultRequest): The body of `POST /v1/mcp/vaults`: the new vault's name,
            description and metadata.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FlatErrorCode | FlatErrorCode | FlatErrorMessage | FlatErrorMessage | VaultResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateVaultRequest,
) -> FlatErrorCode | FlatErrorMessage | VaultResponse | None:
    """Create a vault

    Args:
        body (CreateVaultRequest): The body of `POST /v1/mcp/vaults`: the new vault's name,
            description and metadata.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FlatErrorCode | FlatErrorCode | FlatErrorMessage | FlatErrorMessage | VaultResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
