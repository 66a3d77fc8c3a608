from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.background_run_started import BackgroundRunStarted
from ...models.chat_request import ChatRequest
from ...models.error_envelope import ErrorEnvelope
from ...models.flat_error_code import FlatErrorCode
from ...models.flat_error_message import FlatErrorMessage
from ...types import Response


def _get_kwargs(
    agent: str,
    *,
    body: ChatRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/chat/{agent}".format(
            agent=quote(str(agent), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    BackgroundRunStarted | ErrorEnvelope | FlatErrorCode | FlatErrorMessage | str | None
):
    if response.status_code == 200:
        response_200 = response.text
        return response_200

    if response.status_code == 202:
        response_202 = BackgroundRunStarted.from_dict(response.json())

        return response_202

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

    if response.status_code == 402:
        response_402 = ErrorEnvelope.from_dict(response.json())

        return response_402

    if response.status_code == 403:

        def _parse_response_403(data: object) -> ErrorEnvelope | FlatErrorMessage:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_403_type_0 = ErrorEnvelope.from_dict(data)

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
        response_404 = ErrorEnvelope.from_dict(response.json())

        return response_404

    if response.status_code == 408:
        response_408 = FlatErrorCode.from_dict(response.json())

        return response_408

    if response.status_code == 409:
        response_409 = ErrorEnvelope.from_dict(response.json())

        return response_409

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

    if response.status_code == 422:
        response_422 = ErrorEnvelope.from_dict(response.json())

        return response_422

    if response.status_code == 500:
        response_500 = ErrorEnvelope.from_dict(response.json())

        return response_500

    if response.status_code == 502:
        response_502 = ErrorEnvelope.from_dict(response.json())

        return response_502

    if response.status_code == 503:
        response_503 = ErrorEnvelope.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    BackgroundRunStarted | ErrorEnvelope | FlatErrorCode | FlatErrorMessage | str
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agent: str,
    *,
    client: AuthenticatedClient | Client,
    body: ChatRequest,
) -> Response[
    BackgroundRunStarted | ErrorEnvelope | FlatErrorCode | FlatErrorMessage | str
]:
    """Run the agent on a thread and stream the UI message stream

     Only the last `role: "user"` message of `messages` is used; the server keeps the history.
    An unknown `sandboxId` makes the server create a sandbox with that id. Without `threadId`
    the newest thread is reused, or one is created. The stream is Server-Sent Events, every
    event `data: <compact JSON UIMessageChunk>`, ending with `data: [DONE]`.

    Args:
        agent (str):
        body (ChatRequest): The body of `POST /v1/chat/{agent}`: the user's message, the sandbox
            and thread to run in, and the run's options and vaults.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BackgroundRunStarted | ErrorEnvelope | ErrorEnvelope | FlatErrorCode | ErrorEnvelope | FlatErrorMessage | FlatErrorCode | FlatErrorMessage | str]
    """

    kwargs = _get_kwargs(
        agent=agent,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agent: str,
    *,
    client: AuthenticatedClient | Client,
    body: ChatRequest,
) -> (
    BackgroundRunStarted | ErrorEnvelope | FlatErrorCode | FlatErrorMessage | str | None
):
    """Run the agent on a thread and stream the UI message stream

     Only the last `role: "user"` message of `messages` is used; the server keeps the history.
    An unknown `sandboxId` makes the server create a sandbox with that id. Without `threadId`
    the newest thread is reused, or one is created. The stream is Server-Sent Events, every
    event `data: <compact JSON UIMessageChunk>`, ending with `data: [DONE]`.

    Args:
        agent (str):
        body (ChatRequest): The body of `POST /v1/chat/{agent}`: the user's message, the sandbox
            and thread to run in, and the run's options and vaults.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BackgroundRunStarted | ErrorEnvelope | ErrorEnvelope | FlatErrorCode | ErrorEnvelope | FlatErrorMessage | FlatErrorCode | FlatErrorMessage | str
    """

    return sync_detailed(
        agent=agent,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    agent: str,
    *,
    client: AuthenticatedClient | Client,
    body: ChatRequest,
) -> Response[
    BackgroundRunStarted | ErrorEnvelope | FlatErrorCode | FlatErrorMessage | str
]:
    """Run the agent on a thread and stream the UI message stream

     Only the last `role: "user"` message of `messages` is used; the server keeps the history.
    An unknown `sandboxId` makes the server create a sandbox with that id. Without `threadId`
    the newest thread is reused, or one is created. The stream is Server-Sent Events, every
    event `data: <compact JSON UIMessageChunk>`, ending with `data: [DONE]`.

    Args:
        agent (str):
        body (ChatRequest): The body of `POST /v1/chat/{agent}`: the user's message, the sandbox
            and thread to run in, and the run's options and vaults.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BackgroundRunStarted | ErrorEnvelope | ErrorEnvelope | FlatErrorCode | ErrorEnvelope | FlatErrorMessage | FlatErrorCode | FlatErrorMessage | str]
    """

    kwargs = _get_kwargs(
        agent=agent,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agent: str,
    *,
    client: AuthenticatedClient | Client,
    body: ChatRequest,
) -> (
    BackgroundRunStarted | ErrorEnvelope | FlatErrorCode | FlatErrorMessage | str | None
):
    """Run the agent on a thread and stream the UI message stream

     Only the last `role: "user"` message of `messages` is used; the server keeps the history.
    An unknown `sandboxId` makes the server create a sandbox with that id. Without `threadId`
    the newest thread is reused, or one is created. The stream is Server-Sent Events, every
    event `data: <compact JSON UIMessageChunk>`, ending with `data: [DONE]`.

    Args:
        agent (str):
        body (ChatRequest): The body of `POST /v1/chat/{agent}`: the user's message, the sandbox
            and thread to run in, and the run's options and vaults.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BackgroundRunStarted | ErrorEnvelope | ErrorEnvelope | FlatErrorCode | ErrorEnvelope | FlatErrorMessage | FlatErrorCode | FlatErrorMessage | str
    """

    return (
        await asyncio_detailed(
            agent=agent,
            client=client,
            body=body,
        )
    ).parsed
