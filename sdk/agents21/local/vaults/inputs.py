"""Vault and credential request bodies, checked as production checks them.

Production validates with a schema first (every failure of the body reported at once, joined
by ", ", in the schema's field order), then normalizes what passed. The local relay says which
field each reason is about, and answers the normalization failures that production lets reach
a 500 with the same message as a 400. All are `400 validation_error`, flat code shape.
"""

from __future__ import annotations

import ipaddress
import re
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from ..errors import ApiError

MAX_METADATA_PAIRS = 16
MAX_METADATA_KEY = 64
MAX_METADATA_VALUE = 512
TOKEN_ENDPOINT_AUTH = ("none", "client_secret_basic", "client_secret_post")
DEFAULT_INJECT: dict[str, str] = {"kind": "header", "header": "Authorization", "prefix": "Bearer "}
# The parts of an OAuth credential that are secret: stored encrypted, shown only as has*.
OAUTH_SECRETS = ("accessToken", "refreshToken", "clientId", "clientSecret", "tokenEndpoint")
OAUTH_PUBLIC = ("tokenEndpointAuth", "tokenType", "expiresAt", "scope", "resource")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")


def validation_error(message: str) -> ApiError:
    return ApiError(400, "validation_error", message, shape="code")


def js_length(text: str) -> int:
    """A string's length as JavaScript counts it (UTF-16 code units), as production's limits do."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _kind(value: Any) -> str:
    """A value's type as JavaScript names it, for "expected …, received …"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


_ABSENT: Any = object()


class Issues:
    """The reasons a body fails, collected in field order, then raised as one 400."""

    def __init__(self) -> None:
        self.reasons: list[str] = []

    def add(self, path: str, message: str) -> None:
        self.reasons.append(f"{path}: {message}")

    def expected(self, path: str, expected: str, value: Any) -> None:
        received = "undefined" if value is _ABSENT else _kind(value)
        self.add(path, f"Invalid input: expected {expected}, received {received}")

    def string(
        self,
        body: dict[str, Any],
        key: str,
        *,
        path: str | None = None,
        required: bool = False,
        nullable: bool = False,
        min_length: int = 0,
        max_length: int | None = None,
    ) -> Any:
        """The string at `key` (or `_ABSENT`/None when allowed), each failure noted."""
        where = path or key
        value = body.get(key, _ABSENT)
        if value is _ABSENT and not required:
            return _ABSENT
        if value is None and nullable:
            return None
        if not isinstance(value, str):
            self.expected(where, "string", value)
            return _ABSENT
        if js_length(value) < min_length:
            self.add(where, f"Too small: expected string to have >={min_length} characters")
        if max_length is not None and js_length(value) > max_length:
            self.add(where, f"Too big: expected string to have <={max_length} characters")
        return value

    def raise_any(self) -> None:
        if self.reasons:
            raise validation_error(", ".join(self.reasons))


def _object(value: Any, path: str, issues: Issues) -> dict[str, Any] | None:
    if isinstance(value, dict):
        return value
    issues.expected(path, "object", value)
    return None


def _metadata(body: dict[str, Any], issues: Issues) -> dict[str, str]:
    """String pairs (16 at most, short keys and values); absent is `{}`, as production's
    schema defaults it, so a change that leaves it out resets it."""
    value = body.get("metadata", _ABSENT)
    if value is _ABSENT:
        return {}
    if not isinstance(value, dict):
        issues.expected("metadata", "record", value)
        return {}
    for key, item in value.items():
        if not isinstance(item, str):
            issues.expected(f"metadata.{key}", "string", item)
    if len(value) > MAX_METADATA_PAIRS:
        issues.add("metadata", f"metadata can contain at most {MAX_METADATA_PAIRS} key-value pairs")
    for key, item in value.items():
        if js_length(key) > MAX_METADATA_KEY:
            issues.add(
                "metadata", f'metadata key "{key}" must be {MAX_METADATA_KEY} characters or fewer'
            )
        if isinstance(item, str) and js_length(item) > MAX_METADATA_VALUE:
            issues.add(
                "metadata",
                f'metadata value for "{key}" must be {MAX_METADATA_VALUE} characters or fewer',
            )
    return {k: v for k, v in value.items() if isinstance(v, str)}


def _name(value: str) -> str:
    name = value.strip()
    if not name:
        raise validation_error("name is required")
    return name


def _description(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


@dataclass(frozen=True)
class VaultInput:
    """A vault body: for a change, `None` name and `description_given=False` leave those."""

    name: str | None
    description: str | None
    description_given: bool
    metadata: dict[str, str]


def vault_input(body: Any, *, create: bool) -> VaultInput:
    issues = Issues()
    fields = _object(body, "body", issues)
    if fields is None:
        issues.raise_any()
        raise AssertionError
    name = issues.string(fields, "name", required=create, max_length=200)
    description = issues.string(fields, "description", nullable=True, max_length=500)
    metadata = _metadata(fields, issues)
    issues.raise_any()
    return VaultInput(
        name=_name(name) if isinstance(name, str) else None,
        description=_description(description),
        description_given=description is not _ABSENT,
        metadata=metadata,
    )


# credentials


def _url_ok(value: str) -> bool:
    """What a URL parser takes: a scheme, and for http(s) a host."""
    try:
        parts = urllib.parse.urlsplit(value.strip())
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return False
    if not _SCHEME.fullmatch(parts.scheme):
        return False
    if parts.scheme.lower() in ("http", "https"):
        return bool(parts.hostname) and not any(c.isspace() for c in parts.netloc)
    return True


def _without_userinfo(parts: urllib.parse.SplitResult) -> str:
    """The URL with any user and password masked: an error message must not repeat them."""
    if "@" not in parts.netloc:
        return parts.geturl()
    return parts._replace(netloc="***@" + parts.netloc.rpartition("@")[2]).geturl()


def _host(parts: urllib.parse.SplitResult) -> str:
    """The host as a URL parser reads it: percent-decoded, lower-cased, international names
    in their ASCII (punycode) form, IPv6 addresses checked."""
    host = urllib.parse.unquote(parts.hostname or "")
    if "[" in parts.netloc:
        try:
            if "%" in host:  # a zone id names an interface of this machine, not a server
                raise ValueError(host)
            return str(ipaddress.IPv6Address(host))
        except ValueError:
            raise validation_error("serverUrl: Invalid URL") from None
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise validation_error("serverUrl: Invalid URL") from None


def normalize_server_url(raw: str) -> tuple[str, str]:
    """(normalized URL, host pattern): scheme and host lower-cased, default port, fragment and
    trailing slashes dropped, query parameters sorted by name. The URL must be http(s) and
    carry no user or password."""
    parts = urllib.parse.urlsplit(raw)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = _without_userinfo(parts)
        raise validation_error(f"MCP server URL must use http or https: {shown}")
    if parts.username is not None or parts.password is not None:
        shown = _without_userinfo(parts)
        raise validation_error(f"MCP server URL must not include credentials: {shown}")
    host = _host(parts)
    port = parts.port
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != {"http": 80, "https": 443}[scheme]:
        netloc += f":{port}"
    path = parts.path.rstrip("/") or "/"
    pairs = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    query = urllib.parse.urlencode(sorted(pairs, key=lambda pair: pair[0]))
    normalized = f"{scheme}://{netloc}{path}" + (f"?{query}" if query else "")
    return normalized, host


@dataclass(frozen=True)
class CredentialInput:
    """A checked credential: its `secret` (stored encrypted) and what answers show of it."""

    name: str | None
    server_url: str
    server_url_normalized: str
    host_pattern: str
    auth_type: str
    secret: dict[str, str] = field(repr=False)
    auth_summary: dict[str, Any]
    inject: dict[str, str]
    metadata: dict[str, str] = field(default_factory=dict)


def _auth_shape(value: Any, issues: Issues) -> dict[str, Any] | None:
    auth = _object(value, "auth", issues)
    if auth is None:
        return None
    kind = auth.get("type")
    if kind == "bearer":
        issues.string(auth, "token", path="auth.token", required=True, min_length=1)
    elif kind == "oauth":
        for key in (*OAUTH_SECRETS, *OAUTH_PUBLIC):
            value = issues.string(auth, key, path=f"auth.{key}")
            if key == "tokenEndpoint" and isinstance(value, str) and not _url_ok(value):
                issues.add("auth.tokenEndpoint", "Invalid URL")
            if key == "tokenEndpointAuth" and isinstance(value, str):
                _check_option(value, issues)
    else:
        issues.add("auth.type", 'Invalid input: expected "bearer" or "oauth"')
        return None
    return auth


def _check_option(value: str, issues: Issues) -> None:
    if value not in TOKEN_ENDPOINT_AUTH:
        options = "|".join(f'"{o}"' for o in TOKEN_ENDPOINT_AUTH)
        issues.add("auth.tokenEndpointAuth", f"Invalid option: expected one of {options}")


def _inject_shape(value: Any, issues: Issues) -> dict[str, Any] | None:
    inject = _object(value, "inject", issues)
    if inject is None:
        return None
    kind = inject.get("kind")
    if kind == "header":
        issues.string(
            inject, "header", path="inject.header", required=True, min_length=1, max_length=200
        )
        issues.string(inject, "prefix", path="inject.prefix", max_length=200)
    elif kind == "query":
        issues.string(
            inject, "param", path="inject.param", required=True, min_length=1, max_length=200
        )
    elif kind == "basic":
        issues.string(inject, "username", path="inject.username", max_length=200)
    else:
        issues.add("inject.kind", 'Invalid input: expected "header", "query" or "basic"')
        return None
    return inject


@dataclass(frozen=True)
class CredentialBody:
    """A credential body that passed the schema; `credential()` normalizes it."""

    name: str | None
    server_url: str
    auth: dict[str, Any] = field(repr=False)
    inject: dict[str, Any] | None
    metadata: dict[str, str]

    def credential(self) -> CredentialInput:
        """Normalized, in production's order: the URL, the secret, the injection rule."""
        server_url = self.server_url.strip()
        normalized, host = normalize_server_url(server_url)
        auth_type, secret, public = _normalize_auth(self.auth)
        return CredentialInput(
            name=(self.name or "").strip() or None,
            server_url=server_url,
            server_url_normalized=normalized,
            host_pattern=host,
            auth_type=auth_type,
            secret=secret,
            auth_summary=auth_summary(auth_type, public, set(secret)),
            inject=_normalize_inject(self.inject),
            metadata=self.metadata,
        )


def credential_body(body: Any) -> CredentialBody:
    issues = Issues()
    fields = _object(body, "body", issues)
    if fields is None:
        issues.raise_any()
        raise AssertionError
    name = issues.string(fields, "name", nullable=True, max_length=200)
    server_url = issues.string(fields, "serverUrl", required=True)
    if isinstance(server_url, str) and not _url_ok(server_url):
        issues.add("serverUrl", "Invalid URL")
    auth = _auth_shape(fields.get("auth", _ABSENT), issues)
    inject = fields.get("inject", _ABSENT)
    inject_rule = None if inject is _ABSENT else _inject_shape(inject, issues)
    metadata = _metadata(fields, issues)
    issues.raise_any()
    assert isinstance(server_url, str) and auth is not None
    return CredentialBody(
        name=name if isinstance(name, str) else None,
        server_url=server_url,
        auth=auth,
        inject=inject_rule,
        metadata=metadata,
    )


def _normalize_auth(auth: dict[str, Any]) -> tuple[str, dict[str, str], dict[str, Any]]:
    """(auth type, secret fields, public summary fields) of a credential's auth."""
    if auth["type"] == "bearer":
        token = auth["token"].strip()
        if not token:
            raise validation_error("Bearer token is required")
        return "bearer", {"token": token}, {}
    given = {
        key: auth[key].strip()
        for key in (*OAUTH_SECRETS, *OAUTH_PUBLIC)
        if isinstance(auth.get(key), str) and auth[key].strip()
    }
    refreshing = any(k in given for k in ("refreshToken", "tokenEndpoint", "tokenEndpointAuth"))
    if refreshing:
        if not all(k in given for k in ("refreshToken", "tokenEndpoint", "clientId")):
            raise validation_error(
                "OAuth refresh requires refreshToken, tokenEndpoint, and clientId"
            )
        given.setdefault("tokenEndpointAuth", "none")
        if given["tokenEndpointAuth"] != "none" and "clientSecret" not in given:
            raise validation_error("OAuth refresh auth mode requires clientSecret")
    if not any(k in given for k in ("accessToken", "refreshToken", "clientId", "clientSecret")):
        raise validation_error("OAuth credential needs at least one value")
    secret = {k: given[k] for k in OAUTH_SECRETS if k in given}
    public = {k: given.get(k) for k in OAUTH_PUBLIC}
    return "oauth", secret, public


def _normalize_inject(inject: dict[str, Any] | None) -> dict[str, str]:
    if inject is None:
        return dict(DEFAULT_INJECT)
    kind = inject["kind"]
    if kind == "header":
        header = inject["header"].strip()
        if not header:
            raise validation_error("Header injection requires a header name")
        rule = {"kind": "header", "header": header}
        if isinstance(inject.get("prefix"), str):
            rule["prefix"] = inject["prefix"]  # kept as given: a prefix ends in a space
        return rule
    if kind == "query":
        param = inject["param"].strip()
        if not param:
            raise validation_error("Query injection requires a parameter name")
        return {"kind": "query", "param": param}
    username = inject.get("username")
    if isinstance(username, str) and username.strip():
        return {"kind": "basic", "username": username.strip()}
    return {"kind": "basic"}


def archived_auth(auth_type: str) -> dict[str, Any]:
    """What an answer says of a credential whose secret was purged."""
    return {"type": auth_type, "archived": True}


def auth_summary(auth_type: str, public: dict[str, Any], secret_keys: set[str]) -> dict[str, Any]:
    """What an answer says of a credential's secret: which parts are set, never their values."""
    if auth_type == "bearer":
        return {"type": "bearer", "hasToken": "token" in secret_keys}
    summary: dict[str, Any] = {"type": "oauth"}
    for key in OAUTH_SECRETS:
        summary["has" + key[0].upper() + key[1:]] = key in secret_keys
    for key in OAUTH_PUBLIC:
        summary[key] = public.get(key)
    return summary
