"""Relay settings: agents, API keys and paths, from a TOML file or built-in defaults."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from .datadir import write_secret
from .errors import ApiError
from .faults import Faults
from .python_agents import load_handler, replay
from .vaults import COVERAGE_MODES, McpServer
from .vaults.inputs import normalize_server_url

KEY_PREFIX = "21st_sk_"
LEGACY_KEY_PREFIX = "an_sk_"
MAX_BODY_BYTES = 10 * 1024 * 1024
DEFAULT_VAULT_REQUEST_LIMIT = 1000


class ConfigError(ValueError):
    """The configuration file is missing, unreadable or has a wrong value."""


@dataclass(frozen=True)
class Pricing:
    """Prices in USD per million tokens."""

    input_per_mtok: float = 3.0
    output_per_mtok: float = 15.0

    def cost(self, input_tokens: int, output_tokens: int) -> float:
        return (input_tokens * self.input_per_mtok + output_tokens * self.output_per_mtok) / 1e6


@dataclass(frozen=True)
class AgentConfig:
    slug: str
    name: str
    runtime: str = "echo"  # echo | tools | command | python
    command: tuple[str, ...] = ()
    handler: Callable[..., Any] | None = None  # what the python runtime calls
    delay_ms: int = 0
    files: dict[str, str] = field(default_factory=dict)
    envs: dict[str, str] = field(default_factory=dict)
    setup: tuple[str, ...] = ()
    pricing: Pricing = field(default_factory=Pricing)
    timeout_ms: int = 600_000  # wall-clock cap for one run of the command runtime
    # Where the command runtime's program runs: the directory of the config file that
    # names it (None: the relay's working directory).
    workdir: Path | None = None
    # The MCP servers it uses (a run with vaults must cover them) and the vaults it pins.
    mcp_servers: tuple[McpServer, ...] = ()
    vault_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class KeyConfig:
    key: str
    active: bool = True
    expires_at: dt.datetime | None = None
    request_limit: int | None = None  # vault requests it may make (None: the relay's limit)


RUNTIMES = ("echo", "tools", "command", "python")


def builtin_agents() -> dict[str, AgentConfig]:
    agents = [
        AgentConfig(slug="demo-agent", name="Demo Agent", runtime="tools"),
        AgentConfig(slug="echo-agent", name="Echo Agent", runtime="echo"),
        AgentConfig(slug="slow-agent", name="Slow Agent", runtime="echo", delay_ms=100),
    ]
    return {a.slug: a for a in agents}


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "agents21"


RESUME_MODES = ("join", "replay")


def generate_api_key() -> str:
    return KEY_PREFIX + secrets.token_hex(32)


@dataclass
class Settings:
    """Everything `create_app` needs. Build one with `load_settings`."""

    data_dir: Path
    agents: dict[str, AgentConfig] = field(default_factory=builtin_agents)
    keys: list[KeyConfig] = field(default_factory=list)
    # None = use bubblewrap when a working `bwrap` is on PATH; True = require it; False =
    # plain processes; a path = that bubblewrap program.
    use_bwrap: bool | str | None = None
    # Plain commands under Landlock: None = when the kernel has it; True = require; False = no.
    use_landlock: bool | None = None
    # How a resume stream answers: "join" = production's (live chunks only, after a `start` of
    # its own, no event ids); "replay" = the run from its start, with event ids.
    resume: str = "join"
    reap_interval_s: float = 1.0
    max_body_bytes: int = MAX_BODY_BYTES
    team_id: str = "local"
    config_path: Path | None = None  # the TOML file these settings came from
    faults: list[dict[str, Any]] = field(default_factory=list)  # [[faults]]: see faults.py
    # Vault requests a key may make in the relay's life (production counts forever).
    vault_request_limit: int = DEFAULT_VAULT_REQUEST_LIMIT
    # Whether a run's vaults must cover its agent's MCP servers: strict | warn | off.
    vault_coverage: str = "strict"
    openapi_path: Path | None = None

    def key_file(self) -> Path:
        return self.data_dir / "api_key"

    def ensure_api_key(self, explicit: str | None = None) -> str:
        """Return the key clients should use, generating and keeping one on first start."""
        if explicit:
            if not any(k.key == explicit for k in self.keys):
                self.keys.append(KeyConfig(key=explicit))
            return explicit
        stored = self.key_file()
        if stored.is_file():
            key = stored.read_text().strip()
            if key:
                if not any(k.key == key for k in self.keys):
                    self.keys.append(KeyConfig(key=key))
                return key
        if self.keys:
            return self.keys[0].key
        key = generate_api_key()
        write_secret(stored, key + "\n")
        self.keys.append(KeyConfig(key=key))
        return key


def _str_map(value: Any, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ConfigError(f"{where} must be a table of strings")
    return dict(value)


def _str_list(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings")
    return tuple(value)


def _number(value: Any, where: str, default: float) -> float:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ConfigError(f"{where} must be a number >= 0")
    return float(value)


_AGENT_KEYS: Final = frozenset(
    {"slug", "name", "runtime", "command", "handler", "recording", "delay_ms", "timeout_ms"}
    | {"sandbox"}
    | {"pricing"}
    | {"files", "envs", "setup", "input_price_per_mtok", "output_price_per_mtok"}
    | {"mcp_servers", "vault_ids"}
)


def _parse_agent(raw: Any, index: int, base: Path) -> AgentConfig:
    where = f"agents[{index}]"
    if not isinstance(raw, dict):
        raise ConfigError(f"{where} must be a table")
    unknown = sorted(set(raw) - _AGENT_KEYS)
    if unknown:
        # TOML puts a line after an [[agents]] table into that table, top-level keys too
        raise ConfigError(
            f"{where} has an unknown key {unknown[0]!r} (settings of the whole relay go "
            "before the first [[agents]])"
        )
    slug = raw.get("slug")
    if not isinstance(slug, str) or not slug:
        raise ConfigError(f"{where}.slug must be a non-empty string")
    name = raw.get("name", slug)
    if not isinstance(name, str):
        raise ConfigError(f"{where}.name must be a string")
    runtime = raw.get("runtime", "echo")
    if runtime not in RUNTIMES:
        raise ConfigError(f"{where}.runtime must be one of {', '.join(RUNTIMES)}")
    command = _str_list(raw.get("command"), f"{where}.command")
    if runtime == "command" and not command:
        raise ConfigError(f"{where}.command is required for the command runtime")
    if command and "/" in command[0] and not os.path.isabs(command[0]):
        # The operator's program, next to the config that names it.
        command = (str(base / command[0]), *command[1:])
    handler = None
    spec = raw.get("handler")
    recording = raw.get("recording")
    if recording is not None:
        if runtime != "python" or spec is not None:
            raise ConfigError(f'{where}.recording goes with runtime = "python" and no handler')
        if not isinstance(recording, str):
            raise ConfigError(f"{where}.recording must be a path")
        handler = replay(base / recording)
    elif runtime == "python":
        if not isinstance(spec, str):
            raise ConfigError(
                f"{where}.handler ('module:function') or recording (a file of chunks) is"
                " required for the python runtime"
            )
        try:
            handler = load_handler(spec, base)
        except (ImportError, ValueError) as exc:
            raise ConfigError(f"{where}.handler: {exc}") from exc
    elif spec is not None:
        raise ConfigError(f"{where}.handler is only for the python runtime")
    delay = raw.get("delay_ms", 0)
    if isinstance(delay, bool) or not isinstance(delay, int) or delay < 0:
        raise ConfigError(f"{where}.delay_ms must be an integer >= 0")
    timeout = raw.get("timeout_ms", 600_000)
    if isinstance(timeout, bool) or not isinstance(timeout, int) or timeout <= 0:
        raise ConfigError(f"{where}.timeout_ms must be an integer > 0")
    sandbox = raw.get("sandbox", {})
    if not isinstance(sandbox, dict):
        raise ConfigError(f"{where}.sandbox must be a table")
    pricing_raw = raw.get("pricing", {})
    if not isinstance(pricing_raw, dict):
        raise ConfigError(f"{where}.pricing must be a table")

    def pick(key: str) -> Any:
        # Accept both the flat form and a [agents.pricing] / [agents.sandbox] table.
        return raw.get(key, pricing_raw.get(key, sandbox.get(key)))

    pricing = Pricing(
        input_per_mtok=_number(pick("input_price_per_mtok"), f"{where}.input_price_per_mtok", 3.0),
        output_per_mtok=_number(
            pick("output_price_per_mtok"), f"{where}.output_price_per_mtok", 15.0
        ),
    )
    return AgentConfig(
        mcp_servers=_parse_mcp_servers(raw.get("mcp_servers"), f"{where}.mcp_servers"),
        vault_ids=_str_list(raw.get("vault_ids"), f"{where}.vault_ids"),
        slug=slug,
        name=name,
        runtime=runtime,
        command=command,
        handler=handler,
        delay_ms=delay,
        files=_str_map(pick("files"), f"{where}.files"),
        envs=_str_map(pick("envs"), f"{where}.envs"),
        setup=_str_list(pick("setup"), f"{where}.setup"),
        pricing=pricing,
        timeout_ms=timeout,
        workdir=base,
    )


def _parse_mcp_servers(raw: Any, where: str) -> tuple[McpServer, ...]:
    """`[{name, url}, ...]`: distinct names, http(s) URLs."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ConfigError(f"{where} must be an array of {{name, url}} tables")
    servers: list[McpServer] = []
    for i, item in enumerate(raw):
        name = item.get("name") if isinstance(item, dict) else None
        url = item.get("url") if isinstance(item, dict) else None
        if not isinstance(name, str) or not name.strip() or not isinstance(url, str):
            raise ConfigError(f"{where}[{i}] must be a table with a name and a url")
        try:
            normalize_server_url(url.strip())
        except ApiError as exc:
            raise ConfigError(f"{where}[{i}].url: {exc.message}") from None
        if any(s.name == name.strip() for s in servers):
            raise ConfigError(f"{where}[{i}]: duplicate MCP server name {name.strip()!r}")
        servers.append(McpServer(name=name.strip(), url=url.strip()))
    return tuple(servers)


def _parse_faults(data: dict[str, Any]) -> list[dict[str, Any]]:
    raw = data.get("faults", [])
    if not isinstance(raw, list) or not all(isinstance(f, dict) for f in raw):
        raise ConfigError("faults must be an array of tables ([[faults]])")
    for i, spec in enumerate(raw):
        try:
            Faults().add_spec(spec)  # checked now, applied when the relay starts
        except (ValueError, TypeError) as exc:
            raise ConfigError(f"faults[{i}]: {exc}") from None
    return raw


def _count(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"{where} must be an integer >= 0")
    return value


def _parse_time(value: Any, where: str) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        parsed = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError as exc:
            raise ConfigError(f"{where} must be an ISO-8601 date-time") from exc
    else:
        raise ConfigError(f"{where} must be an ISO-8601 date-time")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed


def _parse_keys(data: dict[str, Any]) -> list[KeyConfig]:
    keys: list[KeyConfig] = []
    for key in _str_list(data.get("api_keys"), "api_keys"):
        keys.append(KeyConfig(key=key))
    raw_keys = data.get("keys", [])
    if not isinstance(raw_keys, list):
        raise ConfigError("keys must be an array of tables ([[keys]])")
    for i, raw in enumerate(raw_keys):
        where = f"keys[{i}]"
        if isinstance(raw, str):
            keys.append(KeyConfig(key=raw))
            continue
        if not isinstance(raw, dict) or not isinstance(raw.get("key"), str):
            raise ConfigError(f"{where}.key must be a string")
        active = raw.get("active", True)
        if not isinstance(active, bool):
            raise ConfigError(f"{where}.active must be a boolean")
        keys.append(
            KeyConfig(
                key=raw["key"],
                active=active,
                expires_at=_parse_time(raw.get("expires_at"), f"{where}.expires_at"),
                request_limit=_count(raw.get("request_limit"), f"{where}.request_limit"),
            )
        )
    for k in keys:
        if not k.key.startswith((KEY_PREFIX, LEGACY_KEY_PREFIX)):
            raise ConfigError(f"API keys must start with {KEY_PREFIX} or {LEGACY_KEY_PREFIX}")
    return keys


def load_settings(config: str | os.PathLike[str] | None, data_dir: Path) -> Settings:
    """Read a TOML config (or none) into Settings: the built-in agents and the config's."""
    settings = Settings(data_dir=data_dir)
    if config is None:
        return settings
    path = Path(config)
    settings.config_path = path
    try:
        data = tomllib.loads(path.read_text())
    except OSError as exc:
        raise ConfigError(f"cannot read config {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config {path} is not valid TOML: {exc}") from exc
    raw_agents = data.get("agents", [])
    if not isinstance(raw_agents, list):
        raise ConfigError("agents must be an array of tables ([[agents]])")
    # The config's agents join the built-in ones (replacing one of the same slug), unless it
    # turns those off.
    keep_builtin = data.get("builtin_agents", True)
    if not isinstance(keep_builtin, bool):
        raise ConfigError("builtin_agents must be true or false")
    if not keep_builtin:
        settings.agents = {}
    base = path.resolve().parent
    seen: dict[str, int] = {}
    for i, raw in enumerate(raw_agents):
        agent = _parse_agent(raw, i, base)
        if agent.slug in seen:
            raise ConfigError(
                f"agents[{i}].slug {agent.slug!r} is already agents[{seen[agent.slug]}]'s"
            )
        seen[agent.slug] = i
        settings.agents[agent.slug] = agent
    settings.keys = _parse_keys(data)
    settings.faults = _parse_faults(data)
    resume = data.get("resume", settings.resume)
    if resume not in RESUME_MODES:
        raise ConfigError(f"resume must be one of {', '.join(map(repr, RESUME_MODES))}")
    settings.resume = resume
    limit = _count(data.get("vault_request_limit"), "vault_request_limit")
    if limit is not None:
        settings.vault_request_limit = limit
    coverage = data.get("vault_coverage", settings.vault_coverage)
    if coverage not in COVERAGE_MODES:
        raise ConfigError(f"vault_coverage must be one of {', '.join(map(repr, COVERAGE_MODES))}")
    settings.vault_coverage = coverage
    isolation = data.get("sandbox")
    if isinstance(isolation, dict):
        bwrap, landlock = isolation.get("bubblewrap"), isolation.get("landlock")
        if isinstance(bwrap, bool | str):
            settings.use_bwrap = bwrap
        if isinstance(landlock, bool):
            settings.use_landlock = landlock
    return settings
