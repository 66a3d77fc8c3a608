from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.flat_error_code import FlatErrorCode
from ...models.flat_error_message import FlatErrorMessage
from ...models.read_file_format import ReadFileFormat
from ...models.read_file_result import ReadFileResult
from ...types import Response


def _get_kwargs(
    sandbox_id: str,
    *,
    path: str,
    format_: ReadFileFormat | None = "text",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["path"] = path

    json_format_: str | None = None
    if format_ is not None:
        json_format_ = format_

    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/sandboxes/{sandbox_id}/files".format(
            sandbox_id=quote(str(sandbox_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | FlatErrorCode | FlatErrorMessage | ReadFileResult | None:
    if response.status_code == 200:
        response_200 = ReadFileResult.from_dict(response.json())

        return response_200

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

    if response.status_code == 413:
        response_413 = ErrorEnvelope.from_dict(response.json())

        return response_413

    if response.status_code == 500:
        response_500 = ErrorEnvelope.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | FlatErrorCode | FlatErrorMessage | ReadFileResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    path: str,
    format_: ReadFileFormat | None = "text",
) -> Response[ErrorEnvelope | FlatErrorCode | FlatErrorMessage | ReadFileResult]:
    """Read a file, as text or as bytes

    Args:
        sandbox_id (str):
        path (str):
        format_ (ReadFileFormat | None):  Default: 'text'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ErrorEnvelope | FlatErrorCode | FlatErrorMessage | ReadFileResult]
    """

    kwargs = _get_kwargs(
        sandbox_id=sandbox_id,
        path=path,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    path: str,
    format_: ReadFileFormat | None = "text",
) -> ErrorEnvelope | FlatErrorCode | FlatErrorMessage | ReadFileResult | None:
    """Read a file, as text or as bytes

    Args:
        sandbox_id (str):
        path (str):
        format_ (ReadFileFormat | None):  Default: 'text'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ErrorEnvelope | FlatErrorCode | FlatErrorMessage | ReadFileResult
    """

    return sync_detailed(
        sandbox_id=sandbox_id,
        client=client,
        path=path,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    path: str,
    format_: ReadFileFormat | None = "text",
) -> Response[ErrorEnvelope | FlatErrorCode | FlatErrorMessage | ReadFileResult]:
    """Read a file, as text or as bytes

    Args:
        sandbox_id (str):
        path (str):
        format_ (ReadFileFormat | None):  Default: 'text'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ErrorEnvelope | FlatErrorCode | FlatErrorMessage | ReadFileResult]
    """

    kwargs = _get_kwargs(
        sandbox_id=sandbox_id,
        path=path,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    path: str,
    format_: ReadFileFormat | None = "text",
) -> ErrorEnvelope | FlatErrorCode | FlatErrorMessage | ReadFileResult | None:
    """Read a file, as text or as bytes

    Args:
        sandbox_id (str):
        path (str):
        format_ (ReadFileFormat | None):  Default: 'text'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ErrorEnvelope | FlatErrorCode | FlatErrorMessage | ReadFileResult
    """

    return (
        await asyncio_detailed(
            sandbox_id=sandbox_id,
            client=client,
            path=path,
            format_=format_,
        )
    ).parsed
