"""The contract: openapi.yaml is valid, complete, and its generated models round-trip real bodies."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

from agents21_api import models

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi.yaml"


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC_PATH.read_text())


def test_spec_is_valid_openapi_3_1(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.1")
    validate(spec)


ROUTES = {
    ("/health", "get"),
    ("/v1/tokens", "post"),
    ("/v1/sandboxes", "post"),
    ("/v1/sandboxes/{sandboxId}", "get"),
    ("/v1/sandboxes/{sandboxId}", "delete"),
    ("/v1/sandboxes/{sandboxId}/exec", "post"),
    ("/v1/sandboxes/{sandboxId}/files", "post"),
    ("/v1/sandboxes/{sandboxId}/files", "get"),
    ("/v1/sandboxes/{sandboxId}/files", "delete"),
    ("/v1/sandboxes/{sandboxId}/files/list", "get"),
    ("/v1/sandboxes/{sandboxId}/files/info", "get"),
    ("/v1/sandboxes/{sandboxId}/files/exists", "get"),
    ("/v1/sandboxes/{sandboxId}/files/mkdir", "post"),
    ("/v1/sandboxes/{sandboxId}/files/rename", "post"),
    ("/v1/sandboxes/{sandboxId}/git/clone", "post"),
    ("/v1/sandboxes/{sandboxId}/threads", "get"),
    ("/v1/sandboxes/{sandboxId}/threads", "post"),
    ("/v1/sandboxes/{sandboxId}/threads/{threadId}", "get"),
    ("/v1/sandboxes/{sandboxId}/threads/{threadId}", "delete"),
    ("/v1/chat/{agent}", "post"),
    ("/v1/chat/{agent}/{sandboxId}/stream", "get"),
    ("/v1/chat/{agent}/{sandboxId}/stream", "delete"),
    ("/v1/mcp/vaults", "get"),
    ("/v1/mcp/vaults", "post"),
    ("/v1/mcp/vaults/{vaultId}", "get"),
    ("/v1/mcp/vaults/{vaultId}", "patch"),
    ("/v1/mcp/vaults/{vaultId}", "delete"),
    ("/v1/mcp/vaults/{vaultId}/set-default", "post"),
    ("/v1/mcp/vaults/{vaultId}/credentials", "post"),
    ("/v1/mcp/vaults/{vaultId}/credentials/{credentialId}", "patch"),
    ("/v1/mcp/vaults/{vaultId}/credentials/{credentialId}", "delete"),
}
METHODS = {"get", "post", "put", "patch", "delete"}


def _operations(spec: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (path, method): op
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in METHODS
    }


def test_every_route_is_described_and_nothing_else(spec: dict[str, Any]) -> None:
    assert set(_operations(spec)) == ROUTES


def test_each_operation_has_one_unique_id_and_one_known_tag(spec: dict[str, Any]) -> None:
    ops = _operations(spec)
    ids = [op["operationId"] for op in ops.values()]
    assert len(ids) == len(set(ids))
    tags = {t["name"] for t in spec["tags"]}
    assert tags == {"health", "tokens", "sandboxes", "files", "threads", "chat", "vaults"}
    for key, op in ops.items():
        assert len(op["tags"]) == 1 and op["tags"][0] in tags, key


def test_success_statuses_match_production(spec: dict[str, Any]) -> None:
    ops = _operations(spec)

    def success(path: str, method: str) -> set[str]:
        return {s for s in ops[(path, method)]["responses"] if s.startswith("2")}

    assert success("/v1/tokens", "post") == {"201"}
    assert success("/v1/sandboxes", "post") == {"201"}
    assert success("/v1/sandboxes/{sandboxId}/threads", "post") == {"201"}
    assert success("/v1/sandboxes/{sandboxId}", "delete") == {"204"}
    assert success("/v1/sandboxes/{sandboxId}/files", "delete") == {"204"}
    assert success("/v1/chat/{agent}", "post") == {"200", "202"}
    assert success("/v1/chat/{agent}/{sandboxId}/stream", "get") == {"200", "204"}
    assert success("/v1/mcp/vaults", "post") == {"201"}
    assert success("/v1/mcp/vaults/{vaultId}/credentials", "post") == {"201"}
    assert success("/v1/mcp/vaults/{vaultId}", "delete") == {"200"}
    chat_200 = ops[("/v1/chat/{agent}", "post")]["responses"]["200"]["content"]
    assert list(chat_200) == ["text/event-stream"]
    for path in ("/v1/sandboxes/{sandboxId}/files/exists", "/v1/sandboxes/{sandboxId}/files/mkdir"):
        method = "get" if path.endswith("exists") else "post"
        body = ops[(path, method)]["responses"]["200"]["content"]["application/json"]
        assert body["schema"] == {"type": "boolean"}
    assert ops[("/v1/sandboxes/{sandboxId}/git/clone", "post")]["deprecated"] is True


def test_every_v1_route_requires_bearer_auth_and_health_does_not(spec: dict[str, Any]) -> None:
    assert spec["security"] == [{"bearerAuth": []}]
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    for (path, _), op in _operations(spec).items():
        if path == "/health":
            assert op["security"] == []
        else:
            assert "security" not in op
            assert "401" in op["responses"]


def test_every_chunk_variant_is_tagged_by_a_const_type(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    variants = [ref["$ref"].rsplit("/", 1)[1] for ref in schemas["UIMessageChunk"]["oneOf"]]
    consts = {schemas[name]["properties"]["type"].get("const") for name in variants}
    expected = {
        "start", "text-start", "text-delta", "text-end", "tool-input-start", "tool-input-delta",
        "tool-input-available", "tool-output-available", "message-metadata", "finish", "error",
        "start-step", "finish-step", "reasoning-start", "reasoning-delta", "reasoning-end",
        "tool-input-error", "tool-output-error", "source-url", "source-document", "file", "abort",
    }  # fmt: skip
    assert consts - {None} == expected
    # Only the open-ended `data-<name>` variant has no const, and it is tried last.
    assert variants[-1] == "DataChunk"
    assert schemas["DataChunk"]["properties"]["type"]["pattern"] == "^data-"


def test_every_schema_has_an_example(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    unions = {"WriteFilesRequest", "UIMessagePart", "UIMessageChunk"}
    missing = [n for n, s in schemas.items() if n not in unions and not s.get("examples")]
    assert missing == []


def _iso(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


TIMESTAMP_KEYS = {"timestamp", "createdAt", "updatedAt", "completedAt", "expiresAt", "modifiedTime"}


def _normalized(value: Any) -> Any:
    """The payload with timestamps as datetimes: `.000Z` and `+00:00` spell the same instant."""
    if isinstance(value, dict):
        return {
            k: _iso(v) if k in TIMESTAMP_KEYS and isinstance(v, str) else _normalized(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_normalized(v) for v in value]
    return value


TS = "2026-02-26T12:00:00.000Z"
SANDBOX = {
    "id": "6f1c1e52-6f6b-4b8e-9a51-0d0c7c0f6a11",
    "sandboxId": "local-6f1c1e52",
    "provider": "local",
    "status": "hibernating",  # a status the client has never heard of must still parse
    "error": None,
    "agent": {"slug": "demo-agent", "name": "Demo agent"},
    "threads": [{"id": "t1", "name": None, "status": "streaming", "createdAt": TS}],
    "createdAt": TS,
    "updatedAt": TS,
    "region": "local-1",  # an unknown extra key
}
THREAD = {
    "id": "t1",
    "name": "First run",
    "status": "completed",
    "messages": [
        {"id": "u1", "role": "user", "parts": [{"type": "text", "text": "Run `ls`"}]},
        {
            "id": "m1",
            "role": "assistant",
            "parts": [
                {"type": "step-start"},
                {"type": "reasoning", "text": "hmm", "state": "done"},
                {
                    "type": "tool-Bash",
                    "toolCallId": "c1",
                    "state": "output-available",
                    "input": {"command": "ls"},
                    "output": {"stdout": "a.txt\n", "stderr": "", "exitCode": 0},
                },
                {"type": "text", "text": "Done.", "state": "done"},
                {"type": "data-weather", "id": "d1", "data": {"city": "Paris"}},
                {"type": "dynamic-tool", "toolName": "x", "toolCallId": "c2", "state": "future"},
                {"type": "source-url", "sourceId": "s1", "url": "https://example.com"},
                {"type": "file", "mediaType": "image/png", "url": "data:,"},
            ],
            "metadata": {"totalTokens": 52, "sessionId": "s"},
        },
    ],
    "usage": {
        "inputTokens": 12,
        "outputTokens": 40,
        "totalTokens": 52,
        "totalCostUsd": None,
        "durationMs": 1830,
    },
    "error": None,
    "createdAt": TS,
    "updatedAt": TS,
    "completedAt": TS,
}

# (model, payload): one sample of every JSON response body in PROTOCOL.md.
SAMPLES: list[tuple[type[Any], dict[str, Any]]] = [
    (models.HealthResponse, {"status": "ok", "timestamp": TS}),
    (models.TokenResponse, {"token": "an_t_x.y.z", "expiresAt": TS}),
    (
        models.SandboxCreated,
        {"id": "s1", "sandboxId": "p1", "status": "active", "createdAt": TS},
    ),
    (models.Sandbox, SANDBOX),
    (models.Sandbox, {**SANDBOX, "status": "error", "error": "setup_failed: exit 1"}),
    (models.ExecResult, {"stdout": "hi\n", "stderr": "", "exitCode": 127}),
    (models.GitCloneResult, {"path": "/home/user/repo", "branch": "default"}),
    (models.WriteFilesResult, {"files": [{"path": "/home/user/a.txt", "size": 2}]}),
    (models.WrittenFile, {"path": "/home/user/a.txt", "size": 2}),
    (models.ReadFileResult, {"path": "/home/user/a.txt", "content": "hi\u2028there"}),
    (models.FileEntryInfo, {"name": "a.txt", "path": "/home/user/a.txt"}),
    (
        models.FileEntryInfo,
        {
            "name": "link",
            "path": "/home/user/link",
            "type": "symlink-ish",
            "size": 4,
            "mode": 511,
            "permissions": "lrwxrwxrwx",
            "owner": "user",
            "group": "user",
            "modifiedTime": TS,
            "symlinkTarget": "/home/user/a.txt",
        },
    ),
    (
        models.ThreadListItem,
        {"id": "t1", "name": None, "status": "idle", "createdAt": TS, "updatedAt": TS},
    ),
    (models.ThreadCreated, {"id": "t1", "name": None, "status": "idle", "createdAt": TS}),
    (models.Thread, THREAD),
    (
        models.Thread,
        {
            **THREAD,
            "status": "cancelled",
            "messages": None,
            "error": "cancelled: cancelled by user",
            "completedAt": None,
            "usage": dict.fromkeys(THREAD["usage"]),
        },
    ),
    (models.BackgroundRunStarted, {"threadId": "t1", "sandboxId": "s1", "status": "running"}),
    (models.CancelResult, {"ok": True, "status": "cancelled", "streamId": "t1"}),
    (models.CancelResult, {"ok": True, "status": "idle"}),
    (models.ErrorEnvelope, {"error": {"code": "sandbox_not_found", "message": "nope"}}),
    (
        models.ErrorEnvelope,
        {
            "error": {
                "code": "budget_exceeded",
                "message": "over",
                "scope": "sandbox",
                "sandboxId": "s1",
                "spentUsd": 5.5,
                "limitUsd": 5,
            }
        },
    ),
    (
        models.ErrorEnvelope,
        {"error": {"code": "vault_coverage_missing", "message": "m", "missing": ["GH_TOKEN"]}},
    ),
    (models.FlatErrorMessage, {"error": "Invalid API key"}),
    (
        models.FlatErrorCode,
        {"error": "invalid_json", "message": "Request body must be valid JSON", "status": 400},
    ),
]


@pytest.mark.parametrize(("model", "payload"), SAMPLES, ids=lambda v: getattr(v, "__name__", ""))
def test_generated_models_round_trip_response_bodies(
    model: type[Any], payload: dict[str, Any]
) -> None:
    parsed = model.from_dict(payload)
    assert _normalized(parsed.to_dict()) == _normalized(payload)
    assert json.loads(json.dumps(parsed.to_dict())) == parsed.to_dict()
    assert json.loads(parsed.to_json()) == parsed.to_dict()
    assert "Unset" not in repr(parsed)


def test_parsed_models_use_python_types() -> None:
    sandbox = models.Sandbox.from_dict(SANDBOX)
    assert sandbox.created_at == _iso(TS)
    assert sandbox.status == "hibernating"
    assert sandbox.threads[0].name is None
    assert sandbox.additional_properties == {"region": "local-1"}

    thread = models.Thread.from_dict(THREAD)
    assert thread.completed_at == _iso(TS)
    assert thread.messages is not None
    parts = thread.messages[1].parts
    assert [type(p).__name__ for p in parts] == [
        "StepStartUIPart",
        "ReasoningUIPart",
        "ToolUIPart",
        "TextUIPart",
        "GenericUIPart",
        "DynamicToolUIPart",
        "SourceUrlUIPart",
        "FileUIPart",
    ]
    tool = parts[2]
    assert isinstance(tool, models.ToolUIPart)
    assert tool.output == {"stdout": "a.txt\n", "stderr": "", "exitCode": 0}


CHUNKS: list[dict[str, Any]] = [
    {"type": "start", "messageId": "m1"},
    {"type": "text-start", "id": "t1"},
    {"type": "text-delta", "id": "t1", "delta": "Hi\u2028"},
    {"type": "text-end", "id": "t1"},
    {"type": "tool-input-start", "toolCallId": "c1", "toolName": "Bash"},
    {"type": "tool-input-delta", "toolCallId": "c1", "inputTextDelta": '{"command":'},
    {"type": "tool-input-available", "toolCallId": "c1", "toolName": "Bash", "input": {"a": 1}},
    {"type": "tool-output-available", "toolCallId": "c1", "output": "raw"},
    {"type": "message-metadata", "messageMetadata": {"totalTokens": 3, "custom": [1]}},
    {"type": "finish"},
    {"type": "finish", "finishReason": "stop", "messageMetadata": {"x": 1}},
    {"type": "error", "errorText": "boom"},
    {"type": "start-step"},
    {"type": "finish-step"},
    {"type": "reasoning-start", "id": "r1"},
    {"type": "reasoning-delta", "id": "r1", "delta": "."},
    {"type": "reasoning-end", "id": "r1"},
    {
        "type": "tool-input-error",
        "toolCallId": "c",
        "toolName": "B",
        "input": "{",
        "errorText": "e",
    },
    {"type": "tool-output-error", "toolCallId": "c", "errorText": "e"},
    {"type": "source-url", "sourceId": "s", "url": "https://example.com", "title": "t"},
    {"type": "source-document", "sourceId": "s", "mediaType": "text/plain", "title": "t"},
    {"type": "file", "url": "data:,", "mediaType": "text/plain"},
    {"type": "abort", "reason": "user"},
    {"type": "data-weather", "data": {"city": "Paris"}, "transient": True},
]
CHUNK_MODELS = {name[:-5]: getattr(models, name) for name in dir(models) if name.endswith("Chunk")}


def _chunk_model(payload: dict[str, Any]) -> type[Any]:
    if payload["type"].startswith("data-"):
        return models.DataChunk
    camel = "".join(w.capitalize() for w in payload["type"].split("-"))
    return CHUNK_MODELS[camel]


@pytest.mark.parametrize("payload", CHUNKS, ids=lambda p: p["type"])
def test_chunk_models_round_trip_and_keep_extra_keys(payload: dict[str, Any]) -> None:
    model = _chunk_model(payload)
    assert model.from_dict(payload).to_dict() == payload
    extra = {**payload, "providerMetadata": {"k": "v"}}
    assert model.from_dict(extra).to_dict() == extra


def test_chunk_models_refuse_a_foreign_type() -> None:
    with pytest.raises(ValueError):
        models.TextDeltaChunk.from_dict({"type": "text-end", "id": "t", "delta": ""})
