"""The README's Flask and Django chat routes, whole and typed (`mypy --strict` checks this
file), served by the tests: each keeps its sessions in a dict, as the README's snippets do."""

from __future__ import annotations

import os

from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.urls import URLPattern, path
from flask import Flask, Response, jsonify

from agents21 import AgentClient
from agents21.web import ChatRequestError, token_handler_wsgi
from agents21.web import django as django_web
from agents21.web import flask as flask_web

AGENT = os.environ.get("WEB_CHAT_AGENT", "slow-agent")


class Sessions:
    """Which sandbox and thread each chat continues."""

    def __init__(self) -> None:
        self.ids: dict[str, tuple[str, str]] = {}


def flask_app(client: AgentClient) -> Flask:
    app = Flask(__name__)
    sessions = Sessions()

    @app.errorhandler(ChatRequestError)
    def bad_request(error: ChatRequestError) -> tuple[Response, int]:
        return jsonify(error=error.message), 400

    @app.post("/api/chat")
    def chat() -> Response:
        turn = flask_web.read_chat_turn()
        sandbox_id, thread_id = sessions.ids.get(turn.chat_id, (None, None))
        run = client.threads.run(AGENT, [turn.message], sandbox_id=sandbox_id, thread_id=thread_id)
        sessions.ids[turn.chat_id] = (run.sandbox_id, run.thread_id)
        return flask_web.stream_run(
            run, metadata={"chatId": turn.chat_id, "sandboxId": run.sandbox_id}
        )

    @app.get("/api/chat/<chat_id>/stream")
    def resume(chat_id: str) -> Response:
        if chat_id not in sessions.ids:
            return Response(status=204)
        return flask_web.resume_run(client, AGENT, sessions.ids[chat_id][0])

    tokens = token_handler_wsgi(client=client, agent=AGENT)
    app.add_url_rule(
        "/api/token", view_func=flask_web.token_view(tokens), methods=["GET", "POST", "OPTIONS"]
    )
    return app


def django_urls(client: AgentClient) -> list[URLPattern]:
    sessions = Sessions()

    def chat(request: HttpRequest) -> HttpResponseBase:
        try:
            turn = django_web.read_chat_turn(request)
        except ChatRequestError as error:
            return JsonResponse({"error": error.message}, status=400)
        sandbox_id, thread_id = sessions.ids.get(turn.chat_id, (None, None))
        run = client.threads.run(AGENT, [turn.message], sandbox_id=sandbox_id, thread_id=thread_id)
        sessions.ids[turn.chat_id] = (run.sandbox_id, run.thread_id)
        return django_web.stream_run(
            run, metadata={"chatId": turn.chat_id, "sandboxId": run.sandbox_id}
        )

    def resume(request: HttpRequest, chat_id: str) -> HttpResponseBase:
        if chat_id not in sessions.ids:
            return HttpResponse(status=204)
        return django_web.resume_run(client, AGENT, sessions.ids[chat_id][0])

    tokens = django_web.token_view(token_handler_wsgi(client=client, agent=AGENT))
    return [
        path("api/chat", chat),
        path("api/chat/<str:chat_id>/stream", resume),
        path("api/token", tokens),
    ]
