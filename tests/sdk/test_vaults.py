"""`client.vaults` of both clients against a real local relay, and runs that use vaults."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from agents21 import (
    BadRequestError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    VaultCoverageMissingError,
)
from agents21.local import AgentConfig, AgentRequest, LocalRelay
from agents21.local.vaults import McpServer
from agents21.types import (
    ArchivedAuthSummary,
    BearerAuthSummary,
    HeaderInject,
    OAuthAuthInput,
    OAuthAuthSummary,
    QueryInject,
    Vault,
    VaultCredential,
    VaultList,
)

from .conftest import MakeClient

GITHUB = "https://api.githubcopilot.com/mcp/"


def vault_report(request: AgentRequest) -> str:
    return json.dumps(request.vault_ids)


@pytest.fixture(scope="module")
def relay() -> Iterator[LocalRelay]:
    github = McpServer(name="github", url=GITHUB)
    agents = [
        AgentConfig(slug="vault-agent", name="Vaults", runtime="python", handler=vault_report),
        AgentConfig(
            slug="mcp-agent",
            name="MCP",
            runtime="python",
            handler=vault_report,
            mcp_servers=(github,),
        ),
    ]
    with LocalRelay(agents=agents) as running:
        yield running


def reported(client: Any, agent: str, **kwargs: Any) -> list[str]:
    with client.threads.run(agent, "which vaults?", **kwargs) as run:
        text = run.final_message().parts[-1].text
    found: list[str] = json.loads(text)
    return found


def test_a_vault_from_creation_to_deletion(client: Any) -> None:
    vault = client.vaults.create("GitHub", description="CI", metadata={"team": "core"})
    assert isinstance(vault, Vault)
    assert vault.name == "GitHub" and vault.description == "CI" and vault.credentials == []
    assert vault.status == "active" and vault.is_default is False
    listed = client.vaults.list()
    assert isinstance(listed, VaultList)
    assert vault.id in [v.id for v in listed.vaults]
    assert "Linear" in [s.name for s in listed.suggestions]
    # What a change leaves out stays, metadata too (the server alone would reset it).
    renamed = client.vaults.update(vault.id, name="GitHub (core)")
    assert renamed.name == "GitHub (core)" and renamed.description == "CI"
    assert renamed.metadata.to_dict() == {"team": "core"}
    cleared = client.vaults.update(vault.id, description=None, metadata={})
    assert cleared.description is None and cleared.metadata.to_dict() == {}
    client.vaults.set_default(vault.id)
    assert client.vaults.list().vaults[0].id == vault.id
    assert client.vaults.get(vault.id).is_default is True
    with pytest.raises(ValueError, match="name must not be empty"):
        client.vaults.update(vault.id, name=" ")
    with pytest.raises(BadRequestError) as caught:
        client.vaults.update(vault.id, name="x" * 201)
    assert caught.value.code == "validation_error"
    assert caught.value.message == "name: Too big: expected string to have <=200 characters"
    client.vaults.delete(vault.id)
    archived = client.vaults.get(vault.id)
    assert archived.status == "archived" and archived.is_default is False
    with pytest.raises(NotFoundError):
        client.vaults.update(vault.id, name="again", metadata={})
    client.vaults.delete(vault.id, force=True)
    with pytest.raises(NotFoundError) as missing:
        client.vaults.get(vault.id)
    assert missing.value.code == "not_found" and missing.value.message == "Vault not found"


def test_credentials_are_redacted_and_replaced(client: Any) -> None:
    vault = client.vaults.create("Credentials")
    bearer = client.vaults.credentials.create(
        vault.id, server_url=GITHUB, auth="ghp_never_shown", name="GitHub", metadata={"a": "b"}
    )
    assert isinstance(bearer, VaultCredential)
    assert isinstance(bearer.auth, BearerAuthSummary) and bearer.auth.has_token is True
    assert bearer.server_url_normalized == "https://api.githubcopilot.com/mcp"
    assert isinstance(bearer.inject, HeaderInject) and bearer.inject.prefix == "Bearer "
    assert "ghp_never_shown" not in repr(client.vaults.get(vault.id))
    oauth = client.vaults.credentials.create(
        vault.id,
        server_url="https://mcp.linear.app/mcp",
        auth=OAuthAuthInput(
            type_="oauth",
            refresh_token="rt",
            client_id="cid",
            token_endpoint="https://linear.app/oauth/token",
        ),
        inject=QueryInject(kind="query", param="token"),
    )
    assert isinstance(oauth.auth, OAuthAuthSummary)
    assert oauth.auth.has_refresh_token and not oauth.auth.has_access_token
    assert oauth.auth.token_endpoint_auth == "none"
    with pytest.raises(ConflictError) as duplicate:
        client.vaults.credentials.create(
            vault.id, server_url="HTTPS://API.GithubCopilot.com:443/mcp", auth="t"
        )
    assert duplicate.value.code == "conflict"
    # A new secret; the name, injection rule and metadata stay unless given.
    replaced = client.vaults.credentials.update(vault.id, bearer.id, auth="ghp_rotated")
    assert replaced.name == "GitHub" and replaced.metadata.to_dict() == {"a": "b"}
    assert replaced.server_url == GITHUB
    renamed = client.vaults.credentials.update(
        vault.id, bearer.id, auth={"type": "bearer", "token": "t3"}, name=None
    )
    assert renamed.name is None
    with pytest.raises(NotFoundError) as unknown:
        client.vaults.credentials.update(vault.id, str(uuid.uuid4()), auth="t")
    assert unknown.value.message == "Credential not found"
    with pytest.raises(ConflictError):
        client.vaults.credentials.delete(vault.id, bearer.id, force=True)
    client.vaults.credentials.delete(vault.id, bearer.id)
    archived = next(c for c in client.vaults.get(vault.id).credentials if c.id == bearer.id)
    assert isinstance(archived.auth, ArchivedAuthSummary) and archived.status == "archived"
    client.vaults.credentials.delete(vault.id, bearer.id, force=True)
    assert [c.id for c in client.vaults.get(vault.id).credentials] == [oauth.id]


def test_bad_credentials_fail_clearly(client: Any) -> None:
    vault = client.vaults.create("Bad")
    with pytest.raises(BadRequestError) as caught:
        client.vaults.credentials.create(vault.id, server_url="ftp://x.com/", auth="t")
    assert caught.value.message == "MCP server URL must use http or https: ftp://x.com/"
    with pytest.raises(ValueError, match="auth must be"):
        client.vaults.credentials.create(vault.id, server_url=GITHUB, auth={"type": "basic"})
    with pytest.raises(TypeError, match="auth must be"):
        client.vaults.credentials.create(vault.id, server_url=GITHUB, auth=42)
    with pytest.raises(TypeError, match="force must be a bool"):
        client.vaults.delete(vault.id, force="yes")


def test_a_token_cannot_manage_vaults(make_client: MakeClient) -> None:
    token = make_client().tokens.create().token
    with pytest.raises(PermissionDeniedError) as caught:
        make_client(api_key=token).vaults.list()
    assert caught.value.code == "api_key_required"


def test_runs_use_the_vaults_they_are_given(client: Any) -> None:
    default = client.vaults.create("Default")
    client.vaults.set_default(default.id)
    chosen = client.vaults.create("Chosen")
    assert reported(client, "vault-agent") == [default.id]
    assert reported(client, "vault-agent", vault_ids=[chosen.id, chosen.id]) == [chosen.id]
    # An empty list is sent: no vaults for this run, not the default.
    assert reported(client, "vault-agent", vault_ids=[]) == []
    with pytest.raises(ValueError, match="vault_ids must hold UUIDs"):
        client.threads.run("vault-agent", "hi", vault_ids=["vlt_1"])
    client.vaults.delete(default.id)


def test_an_uncovered_mcp_server_fails_the_run(client: Any) -> None:
    vault = client.vaults.create("Coverage")
    with pytest.raises(VaultCoverageMissingError) as caught:
        client.threads.run("mcp-agent", "hi", vault_ids=[vault.id])
    assert caught.value.missing == ["github"]
    assert caught.value.code == "vault_coverage_missing"
    client.vaults.credentials.create(vault.id, server_url=GITHUB, auth="ghp_x")
    assert reported(client, "mcp-agent", vault_ids=[vault.id]) == [vault.id]
    with pytest.raises(PermissionDeniedError) as refused:
        client.threads.run("vault-agent", "hi", vault_ids=[str(uuid.uuid4())])
    assert refused.value.code == "vault_resolution_failed"
