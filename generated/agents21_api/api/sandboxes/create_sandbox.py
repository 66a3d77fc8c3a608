from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_sandbox_request import CreateSandboxRequest
from ...models.error_envelope import ErrorEnvelope
from ...models.flat_error_code import FlatErrorCode
from ...models.flat_error_message import FlatErrorMessage
from ...models.sandbox_created import SandboxCreated
from ...types import Response


def _get_kwargs(
    *,
    body: CreateSandboxRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/sandboxes",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | FlatErrorCode | FlatErrorMessage | SandboxCreated | None:
    if response.status_code == 201:
        response_201 = SandboxCreated.from_dict(response.json())

        return response_201

    if response.status_code == 400:

        def _parse_response_400(data: object) -> ErrorEnvelope | FlatErrorCode:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_400_type_0 = ErrorEnvelope.from_dict(data)

                return response_400_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_400_type_1 = FlatErrorCode.from_dict(data)

            return response_400_type_1

        response_400 = _parse_response_400(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = FlatErrorMessage.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = FlatErrorMessage.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(response.json())

        return response_404

    if response.status_code == 408:
        response_408 = FlatErrorCode.from_dict(response.json())

        return response_408

    if response.status_code == 415:

        def _parse_response_415(data: object) -> ErrorEnvelope | FlatErrorCode:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_415_type_0 = ErrorEnvelope.from_dict(data)

                return response_415_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_415_type_1 = FlatErrorCode.from_dict(data)

            return response_415_type_1

        response_415 = _parse_response_415(response.json())

        return response_415

    if response.status_code == 500:
        response_500 = ErrorEnvelope.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | FlatErrorCode | FlatErrorMessage | SandboxCreated]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateSandboxRequest,
) -> Response[ErrorEnvelope | FlatErrorCode | FlatErrorMessage | SandboxCreated]:
    """Create a sandbox for an agent

    Args:
        body (CreateSandboxRequest): The body of `POST /v1/sandboxes`: the agent, and the files,
            environment variables and setup commands of the new sandbox.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ErrorEnvelope | FlatErrorCode | FlatErrorCode | FlatErrorMessage | SandboxCreated]
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
    body: CreateSandboxRequest,
) -> ErrorEnvelope | FlatErrorCode | FlatErrorMessage | SandboxCreated | None:
    """Create a sandbox for an agent

    Args:
        body (CreateSandboxRequest): The body of `POST /v1/sandboxes`: the agent, and the files,
            environment variables and setup commands of the new sandbox.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ErrorEnvelope | FlatErrorCode | FlatErrorCode | FlatErrorMessage | SandboxCreated
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateSandboxRequest,
) -> Response[ErrorEnvelope | FlatErrorCode | FlatErrorMessage | SandboxCreated]:
    """Create a sandbox for an agent

    Args:
        body (CreateSandboxRequest): The body of `POST /v1/sandboxes`: the agent, and the files,
            environment variables and setup commands of the new sandbox.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ErrorEnvelope | FlatErrorCode | FlatErrorCode | FlatErrorMessage | SandboxCreated]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateSandboxRequest,
) -> ErrorEnvelope | FlatErrorCode | FlatErrorMessage | SandboxCreated | None:
    """Create a sandbox for an agent

    Args:
        body (CreateSandboxRequest): The body of `POST /v1/sandboxes`: the agent, and the files,
            environment variables and setup commands of the new sandbox.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ErrorEnvelope | FlatErrorCode | FlatErrorCode | FlatErrorMessage | SandboxCreated
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
