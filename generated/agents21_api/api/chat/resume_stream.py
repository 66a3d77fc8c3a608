from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.flat_error_message import FlatErrorMessage
from ...types import Response


def _get_kwargs(
    agent: str,
    sandbox_id: str,
    *,
    last_event_id: str | None = None,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if last_event_id is not None:
        headers["Last-Event-ID"] = last_event_id

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/chat/{agent}/{sandbox_id}/stream".format(
            agent=quote(str(agent), safe=""),
            sandbox_id=quote(str(sandbox_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorEnvelope | FlatErrorMessage | str | None:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if response.status_code == 401:
        response_401 = FlatErrorMessage.from_dict(response.json())

        return response_401

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

    if response.status_code == 500:
        response_500 = ErrorEnvelope.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | ErrorEnvelope | FlatErrorMessage | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agent: str,
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    last_event_id: str | None = None,
) -> Response[Any | ErrorEnvelope | FlatErrorMessage | str]:
    """Join the sandbox's streaming run, if any

     204 when no thread of the sandbox is streaming. The local relay replays the run from its
    `start` chunk and gives every event an `id:` (its index), so that a client sending
    `Last-Event-ID` gets only what follows; production joins live without replay or ids.

    Args:
        agent (str):
        sandbox_id (str):
        last_event_id (str | None):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorEnvelope | ErrorEnvelope | FlatErrorMessage | FlatErrorMessage | str]
    """

    kwargs = _get_kwargs(
        agent=agent,
        sandbox_id=sandbox_id,
        last_event_id=last_event_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agent: str,
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    last_event_id: str | None = None,
) -> Any | ErrorEnvelope | FlatErrorMessage | str | None:
    """Join the sandbox's streaming run, if any

     204 when no thread of the sandbox is streaming. The local relay replays the run from its
    `start` chunk and gives every event an `id:` (its index), so that a client sending
    `Last-Event-ID` gets only what follows; production joins live without replay or ids.

    Args:
        agent (str):
        sandbox_id (str):
        last_event_id (str | None):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorEnvelope | ErrorEnvelope | FlatErrorMessage | FlatErrorMessage | str
    """

    return sync_detailed(
        agent=agent,
        sandbox_id=sandbox_id,
        client=client,
        last_event_id=last_event_id,
    ).parsed


async def asyncio_detailed(
    agent: str,
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    last_event_id: str | None = None,
) -> Response[Any | ErrorEnvelope | FlatErrorMessage | str]:
    """Join the sandbox's streaming run, if any

     204 when no thread of the sandbox is streaming. The local relay replays the run from its
    `start` chunk and gives every event an `id:` (its index), so that a client sending
    `Last-Event-ID` gets only what follows; production joins live without replay or ids.

    Args:
        agent (str):
        sandbox_id (str):
        last_event_id (str | None):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorEnvelope | ErrorEnvelope | FlatErrorMessage | FlatErrorMessage | str]
    """

    kwargs = _get_kwargs(
        agent=agent,
        sandbox_id=sandbox_id,
        last_event_id=last_event_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agent: str,
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    last_event_id: str | None = None,
) -> Any | ErrorEnvelope | FlatErrorMessage | str | None:
    """Join the sandbox's streaming run, if any

     204 when no thread of the sandbox is streaming. The local relay replays the run from its
    `start` chunk and gives every event an `id:` (its index), so that a client sending
    `Last-Event-ID` gets only what follows; production joins live without replay or ids.

    Args:
        agent (str):
        sandbox_id (str):
        last_event_id (str | None):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorEnvelope | ErrorEnvelope | FlatErrorMessage | FlatErrorMessage | str
    """

    return (
        await asyncio_detailed(
            agent=agent,
            sandbox_id=sandbox_id,
            client=client,
            last_event_id=last_event_id,
        )
    ).parsed
