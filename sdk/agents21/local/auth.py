"""Secret keys and `an_t_` tokens (HS256 JWTs), with production's failure bodies."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt

from .config import LEGACY_KEY_PREFIX, KeyConfig
from .datadir import write_secret
from .errors import ApiError

TOKEN_PREFIX = "an_t_"
MAX_TOKEN_SECONDS = 24 * 3600
DEFAULT_TOKEN_SECONDS = 3600
_DURATION = re.compile(r"([0-9]+)(s|m|h|d)")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Principal:
    """Who is calling: a secret key (all rights) or a token (maybe scoped to agents)."""

    kind: str  # "key" | "token"
    agents: tuple[str, ...] | None = None
    claims: dict[str, Any] | None = None
    legacy_key: bool = False  # an `an_sk_` key: the only credential that may cap sandbox spend
    key_id: str | None = None  # which secret key (a digest of it), for its request counter
    request_limit: int | None = None  # that key's own limit of vault requests

    @property
    def end_user_id(self) -> str | None:
        """The end user a token was minted for (its `end_user_id` claim), trimmed."""
        value = (self.claims or {}).get("end_user_id")
        return value.strip() or None if isinstance(value, str) else None

    def may_use_agent(self, slug: str) -> bool:
        return self.kind == "key" or self.agents is None or slug in self.agents


def _unauthorized(message: str, status: int = 401) -> ApiError:
    return ApiError(status, "unauthorized", message, shape="message")


def load_jwt_secret(data_dir: Path) -> bytes:
    """The signing secret lives in the data dir so tokens survive a restart."""
    path = data_dir / "jwt_secret"
    if path.is_file():
        raw = path.read_text().strip()
        if raw:
            return bytes.fromhex(raw)
    secret = secrets.token_bytes(32)
    write_secret(path, secret.hex() + "\n")
    return secret


def parse_expires_in(value: Any) -> int:
    """`^\\d+(s|m|h|d)$` (the whole string: "2h\\n" does not match), default and fallback 1h,
    capped at 24h. A number too long to convert is past the cap whatever its unit."""
    if not isinstance(value, str):
        return DEFAULT_TOKEN_SECONDS
    m = _DURATION.fullmatch(value)
    if not m:
        return DEFAULT_TOKEN_SECONDS
    digits = m.group(1).lstrip("0") or "0"
    if len(digits) > 15:
        return MAX_TOKEN_SECONDS
    seconds = int(digits) * _UNIT_SECONDS[m.group(2)]
    return min(seconds, MAX_TOKEN_SECONDS)


class Authenticator:
    def __init__(self, keys: list[KeyConfig], secret: bytes, team_id: str) -> None:
        self._keys = {k.key: k for k in keys}
        self._secret = secret
        self._team_id = team_id

    def authenticate(self, header: str | None) -> Principal:
        if not header or not header.startswith("Bearer "):
            raise _unauthorized("Missing or invalid Authorization header")
        credential = header[len("Bearer ") :].strip()
        if credential.startswith(TOKEN_PREFIX):
            return self._check_token(credential[len(TOKEN_PREFIX) :])
        key = self._find_key(credential)
        if key is None:
            raise _unauthorized("Invalid API key")
        if not key.active:
            raise _unauthorized("API key is inactive", 403)
        if key.expires_at is not None and key.expires_at <= dt.datetime.now(dt.UTC):
            raise _unauthorized("API key has expired", 403)
        return Principal(
            kind="key",
            legacy_key=credential.startswith(LEGACY_KEY_PREFIX),
            key_id=hashlib.sha256(credential.encode()).hexdigest()[:16],
            request_limit=key.request_limit,
        )

    def _find_key(self, credential: str) -> KeyConfig | None:
        found = None
        for candidate, cfg in self._keys.items():
            # Constant-time compare over every key, so timing says nothing about which matched.
            if hmac.compare_digest(candidate.encode(), credential.encode()):
                found = cfg
        return found

    def _check_token(self, raw: str) -> Principal:
        try:
            claims = jwt.decode(
                raw, self._secret, algorithms=["HS256"], options={"require": ["exp"]}
            )
        except jwt.PyJWTError:
            raise _unauthorized("Invalid or expired token") from None
        if not isinstance(claims, dict) or claims.get("team_id") != self._team_id:
            raise _unauthorized("Invalid or expired token")
        agents = claims.get("agents")
        scope = tuple(a for a in agents if isinstance(a, str)) if isinstance(agents, list) else None
        return Principal(kind="token", agents=scope, claims=claims)

    def mint(self, body: dict[str, Any]) -> tuple[str, str]:
        """Return (token, expiresAt) for a validated POST /v1/tokens body."""
        now = int(time.time())
        exp = now + parse_expires_in(body.get("expiresIn"))
        claims: dict[str, Any] = {"team_id": self._team_id}
        optional = {
            "agents": "agents",
            "userId": "user_id",
            "endUserId": "end_user_id",
            "maxMessages": "max_messages",
            "metadata": "metadata",
        }
        for src, dst in optional.items():
            if body.get(src) is not None:
                claims[dst] = body[src]
        claims["iat"] = now
        claims["exp"] = exp
        token = jwt.encode(claims, self._secret, algorithm="HS256", headers={"typ": None})
        expires = dt.datetime.fromtimestamp(exp, dt.UTC)
        return TOKEN_PREFIX + token, expires.strftime("%Y-%m-%dT%H:%M:%S.000Z")
