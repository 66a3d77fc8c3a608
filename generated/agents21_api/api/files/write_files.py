from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.file_content import FileContent
from ...models.flat_error_code import FlatErrorCode
from ...models.flat_error_message import FlatErrorMessage
from ...models.write_files_format import WriteFilesFormat
from ...models.write_files_list import WriteFilesList
from ...models.write_files_map import WriteFilesMap
from ...models.write_files_result import WriteFilesResult
from ...models.written_blob import WrittenBlob
from ...models.written_file import WrittenFile
from ...types import File, Response


def _get_kwargs(
    sandbox_id: str,
    *,
    body: FileContent | WriteFilesList | WriteFilesMap | File | None = None,
    path: str | None = None,
    format_: WriteFilesFormat | None = "text",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["path"] = path

    json_format_: str | None = None
    if format_ is not None:
        json_format_ = format_

    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/sandboxes/{sandbox_id}/files".format(
            sandbox_id=quote(str(sandbox_id), safe=""),
        ),
        "params": params,
    }

    if isinstance(body, FileContent | WriteFilesList | WriteFilesMap):
        if isinstance(body, WriteFilesMap) or isinstance(body, WriteFilesList):
            _kwargs["json"] = body.to_dict()

        else:
            _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, File):
        _kwargs["content"] = body.payload
        headers["Content-Type"] = "application/octet-stream"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ErrorEnvelope
    | FlatErrorCode
    | FlatErrorMessage
    | WriteFilesResult
    | WrittenBlob
    | WrittenFile
    | None
):
    if response.status_code == 200:

        def _parse_response_200(
            data: object,
        ) -> WriteFilesResult | WrittenBlob | WrittenFile:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = WriteFilesResult.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_1 = WrittenFile.from_dict(data)

                return response_200_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_2 = WrittenBlob.from_dict(data)

            return response_200_type_2

        response_200 = _parse_response_200(response.json())

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

    if response.status_code == 408:
        response_408 = FlatErrorCode.from_dict(response.json())

        return response_408

    if response.status_code == 413:
        response_413 = ErrorEnvelope.from_dict(response.json())

        return response_413

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
) -> Response[
    ErrorEnvelope
    | FlatErrorCode
    | FlatErrorMessage
    | WriteFilesResult
    | WrittenBlob
    | WrittenFile
]:
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
    body: FileContent | WriteFilesList | WriteFilesMap | File | None = None,
    path: str | None = None,
    format_: WriteFilesFormat | None = "text",
) -> Response[
    ErrorEnvelope
    | FlatErrorCode
    | FlatErrorMessage
    | WriteFilesResult
    | WrittenBlob
    | WrittenFile
]:
    """Write text files (a path to content map, a list, or one file), or one binary file

     `format=text` (the default) takes a JSON body. `format=blob` and `format=stream` write one file,
    `path`, from the raw body, sent with any type but `application/json`: `blob` takes at most 10 MB,
    `stream` any size (it is written as it arrives).

    Args:
        sandbox_id (str):
        path (str | None):
        format_ (WriteFilesFormat | None):  Default: 'text'.
        body (FileContent | WriteFilesList | WriteFilesMap): Files to write; SDKs send the path-
            to-content map.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ErrorEnvelope | FlatErrorCode | FlatErrorCode | FlatErrorMessage | WriteFilesResult | WrittenBlob | WrittenFile]
    """

    kwargs = _get_kwargs(
        sandbox_id=sandbox_id,
        body=body,
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
    body: FileContent | WriteFilesList | WriteFilesMap | File | None = None,
    path: str | None = None,
    format_: WriteFilesFormat | None = "text",
) -> (
    ErrorEnvelope
    | FlatErrorCode
    | FlatErrorMessage
    | WriteFilesResult
    | WrittenBlob
    | WrittenFile
    | None
):
    """Write text files (a path to content map, a list, or one file), or one binary file

     `format=text` (the default) takes a JSON body. `format=blob` and `format=stream` write one file,
    `path`, from the raw body, sent with any type but `application/json`: `blob` takes at most 10 MB,
    `stream` any size (it is written as it arrives).

    Args:
        sandbox_id (str):
        path (str | None):
        format_ (WriteFilesFormat | None):  Default: 'text'.
        body (FileContent | WriteFilesList | WriteFilesMap): Files to write; SDKs send the path-
            to-content map.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ErrorEnvelope | FlatErrorCode | FlatErrorCode | FlatErrorMessage | WriteFilesResult | WrittenBlob | WrittenFile
    """

    return sync_detailed(
        sandbox_id=sandbox_id,
        client=client,
        body=body,
        path=path,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: FileContent | WriteFilesList | WriteFilesMap | File | None = None,
    path: str | None = None,
    format_: WriteFilesFormat | None = "text",
) -> Response[
    ErrorEnvelope
    | FlatErrorCode
    | FlatErrorMessage
    | WriteFilesResult
    | WrittenBlob
    | WrittenFile
]:
    """Write text files (a path to content map, a list, or one file), or one binary file

     `format=text` (the default) takes a JSON body. `format=blob` and `format=stream` write one file,
    `path`, from the raw body, sent with any type but `application/json`: `blob` takes at most 10 MB,
    `stream` any size (it is written as it arrives).

    Args:
        sandbox_id (str):
        path (str | None):
        format_ (WriteFilesFormat | None):  Default: 'text'.
        body (FileContent | WriteFilesList | WriteFilesMap): Files to write; SDKs send the path-
            to-content map.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ErrorEnvelope | FlatErrorCode | FlatErrorCode | FlatErrorMessage | WriteFilesResult | WrittenBlob | WrittenFile]
    """

    kwargs = _get_kwargs(
        sandbox_id=sandbox_id,
        body=body,
        path=path,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: FileContent | WriteFilesList | WriteFilesMap | File | None = None,
    path: str | None = None,
    format_: WriteFilesFormat | None = "text",
) -> (
    ErrorEnvelope
    | FlatErrorCode
    | FlatErrorMessage
    | WriteFilesResult
    | WrittenBlob
    | WrittenFile
    | None
):
    """Write text files (a path to content map, a list, or one file), or one binary file

     `format=text` (the default) takes a JSON body. `format=blob` and `format=stream` write one file,
    `path`, from the raw body, sent with any type but `application/json`: `blob` takes at most 10 MB,
    `stream` any size (it is written as it arrives).

    Args:
        sandbox_id (str):
        path (str | None):
        format_ (WriteFilesFormat | None):  Default: 'text'.
        body (FileContent | WriteFilesList | WriteFilesMap): Files to write; SDKs send the path-
            to-content map.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ErrorEnvelope | FlatErrorCode | FlatErrorCode | FlatErrorMessage | WriteFilesResult | WrittenBlob | WrittenFile
    """

    return (
        await asyncio_detailed(
            sandbox_id=sandbox_id,
            client=client,
            body=body,
            path=path,
            format_=format_,
        )
    ).parsed
