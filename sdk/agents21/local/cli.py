"""`agents21 serve` / `python -m agents21.local`: run the local relay in the foreground."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import uvicorn

from .app import create_app
from .config import ConfigError, default_data_dir, load_settings
from .handlers import url_for
from .server import bind_socket


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agents21 serve",
        description="Serve the 21st Agents relay API on this machine (sandboxes, threads, runs).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on")
    parser.add_argument("--port", type=int, default=8021, help="port (0 picks a free one)")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help=f"where state lives (default: {default_data_dir()})",
    )
    parser.add_argument("--config", type=Path, default=None, help="TOML file with agents and keys")
    parser.add_argument(
        "--log-level", default="info", choices=["debug", "info", "warning", "error"]
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    data_dir: Path = (args.data_dir or default_data_dir()).expanduser()
    try:
        settings = load_settings(args.config, data_dir)
        key = settings.ensure_api_key()
        sock = bind_socket(args.host, args.port)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    url = url_for(args.host, sock.getsockname()[1])
    agents = ", ".join(f"{a.slug} ({a.runtime})" for a in settings.agents.values())
    print(f"agents21 local relay on {url}", flush=True)
    print(f"  data dir: {data_dir}", flush=True)
    print(f"  agents:   {agents}", flush=True)
    print(f"  API key:  {key}", flush=True)
    print(f"\n  export API_KEY_21ST={key} BASE_URL_21ST={url}\n", flush=True)
    config = uvicorn.Config(
        create_app(settings),
        log_config=None,
        log_level=args.log_level,
        access_log=False,
        timeout_graceful_shutdown=3,
        ws="none",
    )
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    return 0
