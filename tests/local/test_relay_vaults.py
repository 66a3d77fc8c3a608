"""Vault routes over HTTP, as production answers them (PROTOCOL.md section 9), and the way a
chat run picks its vaults. The assertions of the vendor's vaults.test.ts and
vault-resolution.test.ts that describe HTTP behaviour are restated here as requests."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.exceptions import InvalidTag
from relay_helpers import KEY, user

from agents21.local import AgentConfig, AgentRequest, LocalRelay
from agents21.local.vaults import McpServer, SecretBox

V = "/v1/mcp/vaults"
LIMITED_KEY = "21st_sk_" + "d4" * 32
TOKEN = "ghp_secret_token_never_shown"
OAUTH_SECRET = "client-secret-never-shown"
GITHUB = "https://api.githubcopilot.com/mcp/"
CONFIG = f"""
[[keys]]
key = "{KEY}"

[[keys]]
key = "{LIMITED_KEY}"
request_limit = 3
"""


def vault_report(request: AgentRequest) -> str:
    """An agent that says which vaults its run got."""
    return json.dumps(request.vault_ids)


def agents(pinned: tuple[str, ...] = ()) -> list[AgentConfig]:
    servers = (McpServer(name="github", url="https://API.githubcopilot.com:443/mcp"),)
    return [
        AgentConfig(slug="vault-agent", name="Vaults", runtime="python", handler=vault_report),
        AgentConfig(
            slug="pinned-agent",
            name="Pinned",
            runtime="python",
            handler=vault_report,
            vault_ids=pinned,
        ),
        AgentConfig(
            slug="mcp-agent",
            name="MCP",
            runtime="python",
            handler=vault_report,
            mcp_servers=servers,
        ),
    ]


@pytest.fixture(scope="module")
def relay_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("vaults")
    (directory / "relay.toml").write_text(CONFIG)
    return directory


@pytest.fixture(scope="module")
def relay(relay_dir: Path) -> Iterator[LocalRelay]:
    with LocalRelay(
        config=relay_dir / "relay.toml", data_dir=relay_dir / "data", agents=agents()
    ) as r:
        yield r


@pytest.fixture(scope="module")
def http(relay: LocalRelay) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {KEY}"}
    with httpx.Client(base_url=relay.url, headers=headers, timeout=30) as c:
        yield c


def new_vault(http: httpx.Client, name: str = "GitHub", **fields: Any) -> dict[str, Any]:
    resp = http.post(V, json={"name": name, **fields})
    assert resp.status_code == 201, resp.text
    vault: dict[str, Any] = resp.json()["vault"]
    return vault


def add_credential(http: httpx.Client, vault_id: str, **fields: Any) -> httpx.Response:
    body = {"serverUrl": GITHUB, "auth": {"type": "bearer", "token": TOKEN}, **fields}
    return http.post(f"{V}/{vault_id}/credentials", json=body)


def flat(resp: httpx.Response, status: int, code: str) -> str:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert body["error"] == code and body["status"] == status, body
    message: str = body["message"]
    return message


# vaults.test.ts, over HTTP


def test_a_vault_lists_with_its_credentials_redacted(http: httpx.Client) -> None:
    vault = new_vault(http, "Listed")
    assert add_credential(http, vault["id"], name=" GitHub ").status_code == 201
    resp = http.get(V)
    assert resp.status_code == 200
    assert TOKEN not in resp.text
    listed = next(v for v in resp.json()["vaults"] if v["id"] == vault["id"])
    assert listed["teamId"] == "local"
    (credential,) = listed["credentials"]
    assert credential["auth"] == {"type": "bearer", "hasToken": True}
    assert credential["name"] == "GitHub"
    assert credential["serverUrl"] == GITHUB
    assert credential["serverUrlNormalized"] == "https://api.githubcopilot.com/mcp"
    assert credential["hostPattern"] == "api.githubcopilot.com"
    assert credential["inject"] == {
        "kind": "header",
        "header": "Authorization",
        "prefix": "Bearer ",
    }
    assert set(credential) == {
        "id", "name", "serverUrl", "serverUrlNormalized", "hostPattern", "inject", "authType",
        "auth", "metadata", "status", "lastError", "lastResolvedAt", "createdAt", "updatedAt",
        "archivedAt",
    }  # fmt: skip
    names = [s["name"] for s in resp.json()["suggestions"]]
    assert names[:3] == ["Canva", "Figma", "Notion"] and len(names) == 9


def test_a_vault_is_created_trimmed_and_updated(http: httpx.Client) -> None:
    vault = new_vault(http, "  Created vault  ", description="  ", metadata={"team": "a"})
    assert vault["name"] == "Created vault"
    assert vault["description"] is None
    assert vault["credentials"] == [] and vault["status"] == "active"
    assert vault["isDefault"] is False and vault["archivedAt"] is None
    resp = http.patch(f"{V}/{vault['id']}", json={"name": "Updated vault"})
    assert resp.status_code == 200
    changed = resp.json()["vault"]
    assert changed["name"] == "Updated vault"
    # As production: a change without metadata resets it.
    assert changed["metadata"] == {}
    resp = http.patch(f"{V}/{vault['id']}", json={"description": "Team", "metadata": {"k": "v"}})
    assert resp.json()["vault"]["name"] == "Updated vault"
    assert resp.json()["vault"]["description"] == "Team"
    assert resp.json()["vault"]["metadata"] == {"k": "v"}
    got = http.get(f"{V}/{vault['id']}")
    assert got.status_code == 200
    assert got.json()["agents"] == [] and len(got.json()["suggestions"]) == 9
    assert got.json()["vault"]["metadata"] == {"k": "v"}


def test_an_unknown_vault_is_not_found(http: httpx.Client) -> None:
    missing = str(uuid.uuid4())
    for resp in (
        http.patch(f"{V}/{missing}", json={"name": "Nope"}),
        http.get(f"{V}/{missing}"),
        http.delete(f"{V}/{missing}"),
        http.post(f"{V}/{missing}/set-default"),
    ):
        assert flat(resp, 404, "not_found") == "Vault not found"
    assert "not a UUID" in flat(http.get(f"{V}/vault-a"), 400, "validation_error")


def test_archive_then_force_delete(http: httpx.Client) -> None:
    vault = new_vault(http, "Archived")
    assert add_credential(http, vault["id"]).status_code == 201
    assert http.post(f"{V}/{vault['id']}/set-default").json() == {"success": True}
    conflict = flat(http.delete(f"{V}/{vault['id']}", params={"force": "true"}), 409, "conflict")
    assert conflict == "Vault must be archived or have zero active credentials before hard delete"
    resp = http.delete(f"{V}/{vault['id']}")
    assert resp.status_code == 200 and resp.json() == {"success": True}
    archived = http.get(f"{V}/{vault['id']}").json()["vault"]
    assert archived["status"] == "archived" and archived["archivedAt"] is not None
    assert archived["isDefault"] is False
    (credential,) = archived["credentials"]
    assert credential["status"] == "archived"
    assert credential["auth"] == {"type": "bearer", "archived": True}
    # Archived: no longer changed, archived again, or made the default.
    assert flat(http.delete(f"{V}/{vault['id']}"), 404, "not_found") == "Vault not found"
    assert flat(http.patch(f"{V}/{vault['id']}", json={"name": "x"}), 404, "not_found")
    assert flat(http.post(f"{V}/{vault['id']}/set-default"), 404, "not_found")
    assert flat(add_credential(http, vault["id"]), 404, "not_found") == "Vault not found"
    # Only the exact value `true` deletes for good.
    assert flat(http.delete(f"{V}/{vault['id']}", params={"force": "TRUE"}), 404, "not_found")
    resp = http.delete(f"{V}/{vault['id']}", params={"force": "true"})
    assert resp.json() == {"success": True}
    assert flat(http.get(f"{V}/{vault['id']}"), 404, "not_found") == "Vault not found"


def test_an_empty_vault_deletes_for_good_without_archiving(http: httpx.Client) -> None:
    vault = new_vault(http, "Empty")
    assert http.delete(f"{V}/{vault['id']}", params={"force": "true"}).json() == {"success": True}
    assert http.get(f"{V}/{vault['id']}").status_code == 404


def test_one_default_listed_first(http: httpx.Client) -> None:
    first, second = new_vault(http, "First"), new_vault(http, "Second")
    http.post(f"{V}/{first['id']}/set-default")
    assert http.get(V).json()["vaults"][0]["id"] == first["id"]
    http.post(f"{V}/{second['id']}/set-default")
    listed = http.get(V).json()["vaults"]
    assert listed[0]["id"] == second["id"] and listed[0]["isDefault"] is True
    assert [v["id"] for v in listed if v["isDefault"]] == [second["id"]]
    # The rest: most recently changed first.
    http.patch(f"{V}/{first['id']}", json={"name": "First again"})
    assert http.get(V).json()["vaults"][1]["id"] == first["id"]
    http.delete(f"{V}/{second['id']}")  # archived: no longer the default


# bodies


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "name: Invalid input: expected string, received undefined"),
        ({"name": 5}, "name: Invalid input: expected string, received number"),
        ({"name": "   "}, "name is required"),
        ({"name": "x" * 201}, "name: Too big: expected string to have <=200 characters"),
        (
            {"name": "v", "description": "d" * 501},
            "description: Too big: expected string to have <=500 characters",
        ),
        (
            {"name": "v", "metadata": {str(i): "v" for i in range(17)}},
            "metadata: metadata can contain at most 16 key-value pairs",
        ),
        (
            {"name": "v", "metadata": {"k" * 65: "v"}},
            f'metadata: metadata key "{"k" * 65}" must be 64 characters or fewer',
        ),
        ({"name": "v", "metadata": {"k": 1}}, "metadata.k: Invalid input: expected string"),
        ([], "body: Invalid input: expected object, received array"),
    ],
)
def test_a_bad_vault_body_names_the_problem(http: httpx.Client, body: Any, message: str) -> None:
    assert flat(http.post(V, json=body), 400, "validation_error").startswith(message)


def test_a_body_not_declared_json_is_refused(http: httpx.Client) -> None:
    resp = http.post(V, content=b'{"name": "x"}')
    assert flat(resp, 415, "unsupported_media_type") == "Content-Type must be application/json"
    resp = http.post(V, content=b"{", headers={"content-type": "application/json"})
    assert flat(resp, 400, "invalid_json") == "Request body must be valid JSON"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"serverUrl": None}, "serverUrl: Invalid input: expected string, received null"),
        ({"serverUrl": "not a url"}, "serverUrl: Invalid URL"),
        ({"serverUrl": "ftp://x.com/"}, "MCP server URL must use http or https: ftp://x.com/"),
        # The URL is named without its user and password.
        (
            {"serverUrl": "https://me:pw@x.com/"},
            "MCP server URL must not include credentials: https://***@x.com/",
        ),
        (
            {"serverUrl": "ftp://me:pw@x.com/"},
            "MCP server URL must use http or https: ftp://***@x.com/",
        ),
        ({"serverUrl": "https://[v1.fe]/"}, "serverUrl: Invalid URL"),
        ({"serverUrl": "https://[fe80::1%25eth0]/"}, "serverUrl: Invalid URL"),
        ({"auth": {"type": "bearer", "token": ""}}, "auth.token: Too small"),
        ({"auth": {"type": "bearer", "token": "  "}}, "Bearer token is required"),
        ({"auth": {"type": "basic"}}, "auth.type: Invalid input"),
        ({"auth": {"type": "oauth"}}, "OAuth credential needs at least one value"),
        (
            {"auth": {"type": "oauth", "refreshToken": "r"}},
            "OAuth refresh requires refreshToken, tokenEndpoint, and clientId",
        ),
        (
            {
                "auth": {
                    "type": "oauth",
                    "refreshToken": "r",
                    "clientId": "c",
                    "tokenEndpoint": "https://x.com/token",
                    "tokenEndpointAuth": "client_secret_post",
                }
            },
            "OAuth refresh auth mode requires clientSecret",
        ),
        (
            {"auth": {"type": "oauth", "clientId": "c", "tokenEndpointAuth": "magic"}},
            "auth.tokenEndpointAuth: Invalid option",
        ),
        ({"inject": {"kind": "header", "header": " "}}, "Header injection requires a header"),
        ({"inject": {"kind": "cookie"}}, "inject.kind: Invalid input"),
        ({"auth": None}, "auth: Invalid input: expected object, received null"),
    ],
)
def test_a_bad_credential_names_the_problem(
    http: httpx.Client, fields: dict[str, Any], message: str
) -> None:
    vault = new_vault(http, "Bad credentials")
    resp = add_credential(http, vault["id"], **fields)
    assert flat(resp, 400, "validation_error").startswith(message)


def test_every_schema_failure_is_reported_at_once(http: httpx.Client) -> None:
    vault = new_vault(http, "Many")
    resp = http.post(
        f"{V}/{vault['id']}/credentials",
        json={"name": 5, "serverUrl": "bad", "auth": {"type": "bearer", "token": ""}},
    )
    assert flat(resp, 400, "validation_error") == (
        "name: Invalid input: expected string, received number, serverUrl: Invalid URL,"
        " auth.token: Too small: expected string to have >=1 characters"
    )


# credentials


def test_credentials_one_per_server_and_twenty_at_most(http: httpx.Client) -> None:
    vault = new_vault(http, "Capped")
    assert add_credential(http, vault["id"]).status_code == 201
    same = add_credential(http, vault["id"], serverUrl="HTTPS://api.githubcopilot.com/mcp#x")
    assert flat(same, 409, "conflict") == (
        "A credential for this MCP server already exists in the vault"
    )
    for i in range(19):
        assert (
            add_credential(http, vault["id"], serverUrl=f"https://s{i}.x.com/").status_code == 201
        )
    over = add_credential(http, vault["id"], serverUrl="https://over.x.com/")
    assert flat(over, 422, "credential_cap_exceeded") == "Vault already has 20 active credentials"


def test_the_server_url_is_normalized(http: httpx.Client) -> None:
    vault = new_vault(http, "Normalized")
    cases = {
        "HTTPS://MCP.Linear.APP:443/mcp/#frag": "https://mcp.linear.app/mcp",
        "https://x.com": "https://x.com/",
        "https://x.com:8443/a/?b=2&a=1&a=0": "https://x.com:8443/a?a=1&a=0&b=2",
        "https://y.com/a?": "https://y.com/a",
        "https://z.com/MCP/": "https://z.com/MCP",
        "http://w.com:80/": "http://w.com/",
        "https://MÜNCHEN.example/Mcp": "https://xn--mnchen-3ya.example/Mcp",
        "https://ex%41.com/": "https://exa.com/",
        "https://[::FFFF:1]:8080/": "https://[::ffff:1]:8080/",
    }
    for raw, normalized in cases.items():
        resp = add_credential(http, vault["id"], serverUrl=raw)
        assert resp.status_code == 201, resp.text
        assert resp.json()["credential"]["serverUrlNormalized"] == normalized
        assert resp.json()["credential"]["serverUrl"] == raw


def test_one_server_however_its_host_is_written(http: httpx.Client) -> None:
    vault = new_vault(http, "Hosts")
    assert (
        add_credential(http, vault["id"], serverUrl="https://münchen.example/mcp").status_code
        == 201
    )
    same = add_credential(http, vault["id"], serverUrl="https://xn--mnchen-3ya.example/mcp")
    assert flat(same, 409, "conflict")


def test_lengths_count_as_javascript_counts_them(http: httpx.Client) -> None:
    # 150 emoji are 300 UTF-16 code units: over the 200 limit, as production counts.
    assert flat(http.post(V, json={"name": "😀" * 150}), 400, "validation_error").startswith(
        "name: Too big"
    )
    assert http.post(V, json={"name": "😀" * 100}).status_code == 201


def test_paths_match_as_production_routes_them(relay: LocalRelay, http: httpx.Client) -> None:
    vault = new_vault(http, "Slashes")
    # One trailing slash is the same route, answered in place (no redirect).
    assert http.get(V + "/").status_code == 200
    assert http.get(f"{V}/{vault['id']}/").json()["vault"]["id"] == vault["id"]
    assert http.get(V + "/", headers={"Authorization": ""}).status_code == 401
    # Ids compare as UUIDs: in any case.
    assert http.get(f"{V}/{vault['id'].upper()}").json()["vault"]["id"] == vault["id"]
    assert picked(
        run_vaults(relay, "vault-agent", vaultIds=[vault["id"].upper(), vault["id"]])
    ) == [vault["id"]]
    # A path that only starts like the vault routes is not one of them.
    token = httpx.post(
        relay.url + "/v1/tokens", json={}, headers={"Authorization": f"Bearer {KEY}"}
    ).json()["token"]
    other = http.get("/v1/mcp/vaultsX", headers={"Authorization": f"Bearer {token}"})
    assert other.status_code == 404


def test_an_oauth_credential_says_what_it_holds(http: httpx.Client) -> None:
    vault = new_vault(http, "OAuth")
    auth = {
        "type": "oauth",
        "accessToken": "at",
        "refreshToken": "rt",
        "clientId": "cid",
        "clientSecret": OAUTH_SECRET,
        "tokenEndpoint": "https://auth.x.com/token",
        "tokenEndpointAuth": "client_secret_basic",
        "scope": "read",
    }
    resp = add_credential(http, vault["id"], auth=auth, inject={"kind": "query", "param": "key"})
    assert resp.status_code == 201, resp.text
    assert OAUTH_SECRET not in resp.text and "auth.x.com" not in resp.text
    credential = resp.json()["credential"]
    assert credential["authType"] == "oauth"
    assert credential["auth"] == {
        "type": "oauth",
        "hasAccessToken": True,
        "hasRefreshToken": True,
        "hasClientId": True,
        "hasClientSecret": True,
        "hasTokenEndpoint": True,
        "tokenEndpointAuth": "client_secret_basic",
        "tokenType": None,
        "expiresAt": None,
        "scope": "read",
        "resource": None,
    }
    assert credential["inject"] == {"kind": "query", "param": "key"}


def test_a_credential_is_replaced_whole_but_keeps_its_server(http: httpx.Client) -> None:
    vault = new_vault(http, "Replaced")
    created = add_credential(http, vault["id"], name="GitHub", metadata={"a": "b"}).json()
    credential_id = created["credential"]["id"]
    path = f"{V}/{vault['id']}/credentials/{credential_id}"
    moved = {"serverUrl": "https://other.x.com/", "auth": {"type": "bearer", "token": "t2"}}
    assert flat(http.patch(path, json=moved), 400, "validation_error") == (
        "MCP server URL is immutable; archive this credential and create a new one"
    )
    same = {
        "serverUrl": "https://api.githubcopilot.com/mcp",
        "auth": {"type": "bearer", "token": "t"},
    }
    resp = http.patch(path, json=same)
    assert resp.status_code == 200, resp.text
    replaced = resp.json()["credential"]
    # As production: what the change leaves out is reset.
    assert replaced["name"] is None and replaced["metadata"] == {}
    assert replaced["serverUrl"] == "https://api.githubcopilot.com/mcp"
    other = add_credential(http, vault["id"], serverUrl="https://second.x.com/").json()
    clash = http.patch(f"{V}/{vault['id']}/credentials/{other['credential']['id']}", json=same)
    assert flat(clash, 409, "conflict")
    missing = f"{V}/{vault['id']}/credentials/{uuid.uuid4()}"
    assert flat(http.patch(missing, json=same), 404, "not_found") == "Credential not found"


def test_a_credential_archives_then_deletes(http: httpx.Client) -> None:
    vault = new_vault(http, "Removed")
    created = add_credential(http, vault["id"]).json()["credential"]
    path = f"{V}/{vault['id']}/credentials/{created['id']}"
    assert flat(http.delete(path, params={"force": "true"}), 409, "conflict") == (
        "Credential must be archived before hard delete"
    )
    assert http.delete(path).json() == {"success": True}
    assert flat(http.delete(path), 404, "not_found") == "Credential not found"
    body = {"serverUrl": GITHUB, "auth": {"type": "bearer", "token": "t"}}
    assert flat(http.patch(path, json=body), 404, "not_found") == "Credential not found"
    (listed,) = http.get(f"{V}/{vault['id']}").json()["vault"]["credentials"]
    assert listed["status"] == "archived" and listed["auth"] == {"type": "bearer", "archived": True}
    # An archived credential frees its server URL.
    assert add_credential(http, vault["id"]).status_code == 201
    assert http.delete(path, params={"force": "true"}).json() == {"success": True}
    assert len(http.get(f"{V}/{vault['id']}").json()["vault"]["credentials"]) == 1


# who may call, and how often


def test_a_token_cannot_manage_vaults(relay: LocalRelay, http: httpx.Client) -> None:
    token = httpx.post(
        relay.url + "/v1/tokens", json={}, headers={"Authorization": f"Bearer {KEY}"}
    ).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    for method, path in (
        ("GET", V),
        ("POST", V),
        ("GET", f"{V}/{uuid.uuid4()}"),
        ("GET", f"{V}/x/y/z"),
    ):
        resp = http.request(method, path, headers=headers, json={"name": "x"})
        assert flat(resp, 403, "api_key_required") == "Vault management requires a server API key"
    anonymous = http.get(V, headers={"Authorization": ""})
    assert anonymous.status_code == 401
    assert anonymous.json() == {"error": "Missing or invalid Authorization header"}


def test_a_key_meets_its_request_limit(relay: LocalRelay) -> None:
    headers = {"Authorization": f"Bearer {LIMITED_KEY}"}
    with httpx.Client(base_url=relay.url, headers=headers, timeout=30) as limited:
        # Other routes do not count; every vault request does, valid or not, known or not.
        assert limited.get("/v1/sandboxes/none").status_code == 404
        assert limited.post("/v1/mcp/vaults", json={}).status_code == 400
        assert limited.get("/v1/mcp/vaults/no/such/route").status_code == 404
        assert limited.put("/v1/mcp/vaults").status_code == 404
        resp = limited.get("/v1/mcp/vaults")
        assert flat(resp, 429, "rate_limit_exceeded") == "API key request limit exceeded"
        assert resp.headers["x-ratelimit-limit"] == "3"
        assert resp.headers["x-ratelimit-remaining"] == "0"
        assert "retry-after" not in resp.headers
    # Other keys have their own count; successes carry no rate-limit headers.
    ok = httpx.get(relay.url + "/v1/mcp/vaults", headers={"Authorization": f"Bearer {KEY}"})
    assert ok.status_code == 200 and "x-ratelimit-limit" not in ok.headers


# secrets


def test_secrets_are_sealed_at_rest_and_never_logged(
    relay: LocalRelay, http: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secret = "sealed-" + uuid.uuid4().hex
    vault = new_vault(http, "Sealed")
    created = add_credential(
        http,
        vault["id"],
        serverUrl="https://sealed.x.com/",
        auth={"type": "bearer", "token": secret},
    )
    assert created.status_code == 201 and secret not in created.text
    credential_id = created.json()["credential"]["id"]
    for resp in (http.get(V), http.get(f"{V}/{vault['id']}")):
        assert secret not in resp.text
    database = b"".join(p.read_bytes() for p in relay.data_dir.glob("relay.db*"))
    assert secret.encode() not in database
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert secret not in logged
    key_file = relay.data_dir / "vault_key"
    assert key_file.stat().st_mode & 0o077 == 0
    # The relay's own key opens it, and only for this credential.
    sealed = relay_vaults(relay).sealed_secret(credential_id)
    assert sealed is not None
    box = SecretBox.in_dir(relay.data_dir)
    assert box.open(sealed, credential_id) == {"token": secret}
    with pytest.raises(InvalidTag):
        box.open(sealed, str(uuid.uuid4()))
    http.delete(f"{V}/{vault['id']}/credentials/{credential_id}")
    assert relay_vaults(relay).sealed_secret(credential_id) is None  # purged on archive


def relay_vaults(relay: LocalRelay) -> Any:
    assert relay._relay is not None
    return relay._relay.vaults


# how a run picks its vaults


def run_vaults(relay: LocalRelay, agent: str, key: str = KEY, **body: Any) -> httpx.Response:
    payload = {"sandboxId": "s-" + uuid.uuid4().hex[:8], "messages": user("hi"), **body}
    return httpx.post(
        f"{relay.url}/v1/chat/{agent}",
        json=payload,
        headers={"Authorization": f"Bearer {key}"},
        timeout=30,
    )


def picked(resp: httpx.Response) -> list[str]:
    assert resp.status_code == 200, resp.text
    text = "".join(
        json.loads(line[6:]).get("delta", "")
        for line in resp.text.splitlines()
        if line.startswith("data: {")
    )
    found: list[str] = json.loads(text)
    return found


def envelope(resp: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    error: dict[str, Any] = resp.json()["error"]
    assert error["code"] == code, error
    return error


def test_each_run_resolves_its_vaults_in_production_order(relay_dir: Path) -> None:
    data = relay_dir / "order"
    with LocalRelay(data_dir=data, api_key=KEY, agents=agents()) as first:
        http = httpx.Client(
            base_url=first.url,
            headers={"Authorization": f"Bearer {KEY}"},
            timeout=30,
        )
        pinned = new_vault(http, "Pinned")["id"]
    # The agent's deployment pins a vault: the relay's config names it.
    with LocalRelay(data_dir=data, api_key=KEY, agents=agents((pinned,))) as relay:
        http = httpx.Client(
            base_url=relay.url,
            headers={"Authorization": f"Bearer {KEY}"},
            timeout=30,
        )
        session = new_vault(http, "Session")["id"]
        older = new_vault(http, "User's", metadata={"external_user_id": "user-42"})["id"]
        newer = new_vault(http, "User's too", metadata={"external_user_id": "user-42"})["id"]
        default = new_vault(http, "Default")["id"]
        http.post(f"{V}/{default}/set-default")
        agent = "pinned-agent"
        # 1. vaultIds in the body, deduplicated in order; [] is a choice too.
        ids = [session, default, session]
        assert picked(run_vaults(relay, agent, vaultIds=ids, externalUserId="user-42")) == [
            session,
            default,
        ]
        assert picked(run_vaults(relay, agent, vaultIds=[], externalUserId="user-42")) == []
        # 2. the end user's tagged vaults, oldest first (from a token's end user too).
        assert picked(run_vaults(relay, agent, externalUserId=" user-42 ")) == [older, newer]
        token = httpx.post(
            relay.url + "/v1/tokens",
            json={"endUserId": "user-42"},
            headers={"Authorization": f"Bearer {KEY}"},
        ).json()["token"]
        assert picked(run_vaults(relay, agent, key=token)) == [older, newer]
        # 3. the agent's pinned vaults.
        assert picked(run_vaults(relay, agent, externalUserId="nobody")) == [pinned]
        # 4. the team's default.
        assert picked(run_vaults(relay, "vault-agent")) == [default]
        # A pinned vault archived since is refused.
        http.delete(f"{V}/{pinned}")
        error = envelope(run_vaults(relay, agent), 403, "vault_resolution_failed")
        assert error["message"] == f'Vault "{pinned}" is not available in this workspace'
        http.close()


def test_a_run_refuses_vaults_it_cannot_use(relay: LocalRelay, http: httpx.Client) -> None:
    # The docs' example id is not a v4 UUID.
    docs_id = "a1b2c3d4-5678-90ab-cdef-1234567890ab"
    error = envelope(run_vaults(relay, "vault-agent", vaultIds=[docs_id]), 400,
                     "vault_resolution_failed")  # fmt: skip
    assert error["message"] == f'Vault "{docs_id}" is not a valid vault id'
    unknown = str(uuid.uuid4())
    error = envelope(run_vaults(relay, "vault-agent", vaultIds=[unknown]), 403,
                     "vault_resolution_failed")  # fmt: skip
    assert error["message"] == f'Vault "{unknown}" is not available in this workspace'
    # All or nothing: one bad id refuses the run, whatever comes first.
    good = new_vault(http, "Good")["id"]
    envelope(run_vaults(relay, "vault-agent", vaultIds=[good, unknown]), 403,
             "vault_resolution_failed")  # fmt: skip
    # Vault errors come after the agent is found, and before the sandbox is made.
    sandbox = "s-" + uuid.uuid4().hex[:8]
    envelope(run_vaults(relay, "nobody", vaultIds=[unknown]), 404, "agent_not_found")
    envelope(run_vaults(relay, "vault-agent", vaultIds=[unknown], sandboxId=sandbox), 403,
             "vault_resolution_failed")  # fmt: skip
    gone = httpx.get(
        f"{relay.url}/v1/sandboxes/{sandbox}", headers={"Authorization": f"Bearer {KEY}"}
    )
    assert gone.status_code == 404


def test_a_run_needs_its_agents_mcp_servers_covered(relay: LocalRelay, http: httpx.Client) -> None:
    vault = new_vault(http, "Coverage")["id"]
    error = envelope(
        run_vaults(relay, "mcp-agent", vaultIds=[vault]), 422, "vault_coverage_missing"
    )
    assert error["message"] == "Vault coverage missing for: github"
    assert error["missing"] == ["github"]
    # Without vaults there is nothing to cover.
    assert picked(run_vaults(relay, "mcp-agent", vaultIds=[])) == []
    credential = add_credential(http, vault, serverUrl="https://api.githubcopilot.com/mcp/")
    assert picked(run_vaults(relay, "mcp-agent", vaultIds=[vault])) == [vault]
    # An archived credential covers nothing.
    http.delete(f"{V}/{vault}/credentials/{credential.json()['credential']['id']}")
    envelope(run_vaults(relay, "mcp-agent", vaultIds=[vault]), 422, "vault_coverage_missing")


def test_a_damaged_key_file_stops_the_relay_instead_of_replacing_the_key(tmp_path: Path) -> None:
    first = SecretBox.in_dir(tmp_path)
    sealed = first.seal({"token": "t"}, "owner")
    assert SecretBox.in_dir(tmp_path).open(sealed, "owner") == {"token": "t"}  # kept
    (tmp_path / "vault_key").write_text("")
    with pytest.raises(RuntimeError, match="vault_key does not hold a 256-bit key"):
        SecretBox.in_dir(tmp_path)
