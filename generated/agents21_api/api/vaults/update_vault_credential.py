from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.flat_error_code import FlatErrorCode
from ...models.flat_error_message import FlatErrorMessage
from ...models.vault_credential_input import VaultCredentialInput
from ...models.vault_credential_response import VaultCredentialResponse
from ...types import Response


def _get_kwargs(
    vault_id: str,
    credential_id: str,
    *,
    body: VaultCredentialInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/mcp/vaults/{vault_id}/credentials/{credential_id}".format(
            vault_id=quote(str(vault_id), safe=""),
            credential_id=quote(str(credential_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> FlatErrorCode | FlatErrorMessage | VaultCredentialResponse | None:
    if response.status_code == 200:
        response_200 = VaultCredentialResponse.from_dict(response.json())

        return response_200

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

    if response.status_code == 404:
        response_404 = FlatErrorCode.from_dict(response.json())

        return response_404

    if response.status_code == 408:
        response_408 = FlatErrorCode.from_dict(response.json())

        return response_408

    if response.status_code == 409:
        response_409 = FlatErrorCode.from_dict(response.json())

        return response_409

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
) -> Response[FlatErrorCode | FlatErrorMessage | VaultCredentialResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    vault_id: str,
    credential_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: VaultCredentialInput,
) -> Response[FlatErrorCode | FlatErrorMessage | VaultCredentialResponse]:
    """Replace a credential (the whole input again; its server URL cannot change)

     Production resets an omitted `name`, `inject` and `metadata`, so clients send the whole
    credential. A different normalized `serverUrl` is a 400.

    Args:
        vault_id (str):
        credential_id (str):
        body (VaultCredentialInput): The body of `POST /v1/mcp/vaults/{vaultId}/credentials` and
            of a credential's `PATCH`: an MCP server URL, its secret and how to send it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FlatErrorCode | FlatErrorCode | FlatErrorMessage | FlatErrorMessage | VaultCredentialResponse]
    """

    kwargs = _get_kwargs(
        vault_id=vault_id,
        credential_id=credential_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    vault_id: str,
    credential_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: VaultCredentialInput,
) -> FlatErrorCode | FlatErrorMessage | VaultCredentialResponse | None:
    """Replace a credential (the whole input again; its server URL cannot change)

     Production resets an omitted `name`, `inject` and `metadata`, so clients send the whole
    credential. A different normalized `serverUrl` is a 400.

    Args:
        vault_id (str):
        credential_id (str):
        body (VaultCredentialInput): The body of `POST /v1/mcp/vaults/{vaultId}/credentials` and
            of a credential's `PATCH`: an MCP server URL, its secret and how to send it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FlatErrorCode | FlatErrorCode | FlatErrorMessage | FlatErrorMessage | VaultCredentialResponse
    """

    return sync_detailed(
        vault_id=vault_id,
        credential_id=credential_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    vault_id: str,
    credential_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: VaultCredentialInput,
) -> Response[FlatErrorCode | FlatErrorMessage | VaultCredentialResponse]:
    """Replace a credential (the whole input again; its server URL cannot change)

     Production resets an omitted `name`, `inject` and `metadata`, so clients send the whole
    credential. A different normalized `serverUrl` is a 400.

    Args:
        vault_id (str):
        credential_id (str):
        body (VaultCredentialInput): The body of `POST /v1/mcp/vaults/{vaultId}/credentials` and
            of a credential's `PATCH`: an MCP server URL, its secret and how to send it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FlatErrorCode | FlatErrorCode | FlatErrorMessage | FlatErrorMessage | VaultCredentialResponse]
    """

    kwargs = _get_kwargs(
        vault_id=vault_id,
        credential_id=credential_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    vault_id: str,
    credential_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: VaultCredentialInput,
) -> FlatErrorCode | FlatErrorMessage | VaultCredentialResponse | None:
    """Replace a credential (the whole input again; its server URL cannot change)

     Production resets an omitted `name`, `inject` and `metadata`, so clients send the whole
    credential. A different normalized `serverUrl` is a 400.

    Args:
        vault_id (str):
        credential_id (str):
        body (VaultCredentialInput): The body of `POST /v1/mcp/vaults/{vaultId}/credentials` and
            of a credential's `PATCH`: an MCP server URL, its secret and how to send it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FlatErrorCode | FlatErrorCode | FlatErrorMessage | FlatErrorMessage | VaultCredentialResponse
    """

    return (
        await asyncio_detailed(
            vault_id=vault_id,
            credential_id=credential_id,
            client=client,
            body=body,
        )
    ).parsed
