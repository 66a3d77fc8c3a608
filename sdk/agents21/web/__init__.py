"""For web apps: browser tokens, and chat routes that forward runs to the AI SDK in a browser.

- Tokens (`tokens.py`): `token_handler_asgi` / `token_handler_wsgi`, the counterpart of
  `@21st-sdk/nextjs/server`'s handler, and `exchange_token` / `async_exchange_token`.
- Chat: `ChatTurn` reads what the AI SDK's `DefaultChatTransport` posts;
  `agents21.web.starlette`, `agents21.web.flask` and `agents21.web.django` stream a run and
  answer a resume; `UI_MESSAGE_STREAM_HEADERS` are the headers a stream goes out with
  (`WSGI_UI_MESSAGE_STREAM_HEADERS` under WSGI, without the hop-by-hop `connection`).

Where a framework takes the token handler (it is a plain ASGI / WSGI app)::

    # Starlette / FastAPI: a Route (app.mount would redirect POST /api/token with a 307)
    from starlette.routing import Route
    app.routes.append(Route("/api/token", token_handler_asgi(client=client, agent="my-agent")))

    # Flask and Django: a view of the app (`authorize` sees its request and session)
    from agents21.web.flask import token_view
    app.add_url_rule("/api/token", view_func=token_view(token_handler_wsgi(client=client)),
                     methods=["POST", "OPTIONS"])
    from agents21.web.django import token_view
    urlpatterns = [path("api/token", token_view(token_handler_wsgi(client=client)))]

As with the official handler, the browser names the agent and the user id; pass `agent` to
allow one agent only, and `authorize` to decide from the request (its session cookie, say).
"""

from .._ui_stream import UI_MESSAGE_STREAM_HEADERS, WSGI_UI_MESSAGE_STREAM_HEADERS
from .chat import ChatRequestError, ChatTurn
from .tokens import (
    DEFAULT_HANDLER_TIMEOUT,
    AsgiTokenHandler,
    TokenDenied,
    TokenGrant,
    TokenRequest,
    WsgiTokenHandler,
    async_exchange_token,
    exchange_token,
    token_handler_asgi,
    token_handler_wsgi,
)

__all__ = [
    "DEFAULT_HANDLER_TIMEOUT",
    "UI_MESSAGE_STREAM_HEADERS",
    "WSGI_UI_MESSAGE_STREAM_HEADERS",
    "AsgiTokenHandler",
    "ChatRequestError",
    "ChatTurn",
    "TokenDenied",
    "TokenGrant",
    "TokenRequest",
    "WsgiTokenHandler",
    "async_exchange_token",
    "exchange_token",
    "token_handler_asgi",
    "token_handler_wsgi",
]
