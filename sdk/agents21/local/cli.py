"""`agents21 serve` / `python -m agents21.local`: run the local relay in the foreground."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import uvicorn

from .api.app import create_app
from .config import RESUME_MODES, ConfigError, Settings, default_data_dir, load_settings
from .process import find_bwrap, landlock_usable
from .serving import bind_socket, check_exposure, tune_collector, url_for, uvicorn_config


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
    parser.add_argument(
        "--quiet",
        action="store_true",
        help="do not print the API key (the banner names the file that holds it)",
    )
    parser.add_argument(
        "--allow-remote-without-isolation",
        action="store_true",
        help="listen on a non-loopback interface even when bubblewrap is not available",
    )
    parser.add_argument(
        "--resume",
        choices=RESUME_MODES,
        default=None,
        help="how a resume stream answers: join the live run as production does (the default),"
        " or replay it from its start with event ids (overrides the config's `resume`)",
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
        if args.resume is not None:
            settings.resume = args.resume
        settings.use_bwrap = find_bwrap(settings.use_bwrap) or False
        settings.use_landlock = not settings.use_bwrap and landlock_usable(settings.use_landlock)
        check_exposure(args.host, bool(settings.use_bwrap), args.allow_remote_without_isolation)
        key = settings.ensure_api_key()
        sock = bind_socket(args.host, args.port)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    url = url_for(args.host, sock.getsockname()[1])
    print(banner(settings, url, key, quiet=args.quiet), flush=True)
    config = uvicorn_config(create_app(settings), log_level=args.log_level)
    tune_collector()
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    return 0


RESUME_ANSWERS = {
    "join": "join: a resume stream carries the live run only, as production's",
    "replay": "replay: a resume stream replays the run from its start, with event ids",
}


def banner(settings: Settings, url: str, key: str, *, quiet: bool) -> str:
    """What the operator needs: where it listens, what runs, how to connect, and what a
    sandbox can reach. The key appears once, or not at all with --quiet."""
    agents = ", ".join(f"{a.slug} ({a.runtime})" for a in settings.agents.values())
    if settings.use_bwrap:
        isolation = "bubblewrap: each command sees only its sandbox, without network access"
    elif settings.use_landlock:
        isolation = (
            "Landlock only (bubblewrap is not available): commands run as your user on this"
            " machine and can read your files and use the network, but cannot read the data"
            " dir or other sandboxes, write outside their sandbox, or signal the relay"
        )
    else:
        isolation = (
            "NONE (bubblewrap is not available): commands run as your user on this machine"
            " and can read and write what you can, use the network and reach other sandboxes"
        )
    if quiet and key in (k.key for k in settings.keys) and settings.key_file().is_file():
        secret = f"$(cat {settings.key_file()})"
    elif quiet:
        secret = "<your API key>"
    else:
        secret = key
    return "\n".join(
        [
            f"agents21 local relay on {url}",
            f"  data dir:  {settings.data_dir}",
            f"  agents:    {agents}",
            f"  isolation: {isolation}",
            f"  resume:    {RESUME_ANSWERS[settings.resume]}",
            "",
            f"  export API_KEY_21ST={secret} BASE_URL_21ST={url}",
            "",
        ]
    )
