from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.flat_error_code import FlatErrorCode
from ...models.flat_error_message import FlatErrorMessage
from ...models.vault_success import VaultSuccess
from ...types import Response


def _get_kwargs(
    vault_id: str,
    *,
    force: bool | None = None,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["force"] = force

    params = {k: v for k, v in params.items() if v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/mcp/vaults/{vault_id}".format(
            vault_id=quote(str(vault_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> FlatErrorCode | FlatErrorMessage | VaultSuccess | None:
    if response.status_code == 200:
        response_200 = VaultSuccess.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = FlatErrorCode.from_dict(response.json())

        return response_409

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
) -> Response[FlatErrorCode | FlatErrorMessage | VaultSuccess]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    vault_id: str,
    *,
    client: AuthenticatedClient | Client,
    force: bool | None = None,
) -> Response[FlatErrorCode | FlatErrorMessage | VaultSuccess]:
    """Archive a vault, or delete it for good with `force=true`

     Archiving takes away the default flag and archives every credential, purging its secret.
    `force=true` deletes the vault and its credentials; it needs the vault archived, or
    without active credentials (409 otherwise).

    Args:
        vault_id (str):
        force (bool | None):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FlatErrorCode | FlatErrorCode | FlatErrorMessage | FlatErrorMessage | VaultSuccess]
    """

    kwargs = _get_kwargs(
        vault_id=vault_id,
        force=force,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    vault_id: str,
    *,
    client: AuthenticatedClient | Client,
    force: bool | None = None,
) -> FlatErrorCode | FlatErrorMessage | VaultSuccess | None:
    """Archive a vault, or delete it for good with `force=true`

     Archiving takes away the default flag and archives every credential, purging its secret.
    `force=true` deletes the vault and its credentials; it needs the vault archived, or
    without active credentials (409 otherwise).

    Args:
        vault_id (str):
        force (bool | None):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FlatErrorCode | FlatErrorCode | FlatErrorMessage | FlatErrorMessage | VaultSuccess
    """

    return sync_detailed(
        vault_id=vault_id,
        client=client,
        force=force,
    ).parsed


async def asyncio_detailed(
    vault_id: str,
    *,
    client: AuthenticatedClient | Client,
    force: bool | None = None,
) -> Response[FlatErrorCode | FlatErrorMessage | VaultSuccess]:
    """Archive a vault, or delete it for good with `force=true`

     Archiving takes away the default flag and archives every credential, purging its secret.
    `force=true` deletes the vault and its credentials; it needs the vault archived, or
    without active credentials (409 otherwise).

    Args:
        vault_id (str):
        force (bool | None):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FlatErrorCode | FlatErrorCode | FlatErrorMessage | FlatErrorMessage | VaultSuccess]
    """

    kwargs = _get_kwargs(
        vault_id=vault_id,
        force=force,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    vault_id: str,
    *,
    client: AuthenticatedClient | Client,
    force: bool | None = None,
) -> FlatErrorCode | FlatErrorMessage | VaultSuccess | None:
    """Archive a vault, or delete it for good with `force=true`

     Archiving takes away the default flag and archives every credential, purging its secret.
    `force=true` deletes the vault and its credentials; it needs the vault archived, or
    without active credentials (409 otherwise).

    Args:
        vault_id (str):
        force (bool | None):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FlatErrorCode | FlatErrorCode | FlatErrorMessage | FlatErrorMessage | VaultSuccess
    """

    return (
        await asyncio_detailed(
            vault_id=vault_id,
            client=client,
            force=force,
        )
    ).parsed
