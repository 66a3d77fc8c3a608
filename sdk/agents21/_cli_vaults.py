"""The `agents21 vaults` commands: vaults of MCP credentials and the credentials in them."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from .cli import CLIError, _client, _pairs, _print_json

Command = Callable[[Any, str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def _vault_line(vault: Any) -> str:
    default = "default " if vault.is_default else ""
    count = len(vault.credentials)
    return f"{vault.id}  {vault.status:<8} {default}{vault.name}  ({count} credentials)"


def _credential_line(credential: Any) -> str:
    name = f"  {credential.name}" if isinstance(credential.name, str) else ""
    return (
        f"  credential {credential.id}  {credential.status:<8} {credential.auth_type:<6}"
        f" {credential.server_url_normalized}{name}"
    )


def _list(args: argparse.Namespace) -> int:
    with _client(args) as client:
        listed = client.vaults.list()
    if args.json:
        _print_json(listed)
        return 0
    if not listed.vaults:
        print("no vaults yet: agents21 vaults create NAME", file=sys.stderr)
    for vault in listed.vaults:
        print(_vault_line(vault))
    return 0


def _create(args: argparse.Namespace) -> int:
    with _client(args) as client:
        vault = client.vaults.create(
            args.name, description=args.description, metadata=_pairs(args.metadata, "--metadata")
        )
        if args.default:
            client.vaults.set_default(vault.id)
            vault = client.vaults.get(vault.id)
    if args.json:
        _print_json(vault)
    else:
        print(_vault_line(vault))
    return 0


def _get(args: argparse.Namespace) -> int:
    with _client(args) as client:
        vault = client.vaults.get(args.vault_id)
    if args.json:
        _print_json(vault)
        return 0
    print(_vault_line(vault))
    if isinstance(vault.description, str):
        print(f"  {vault.description}")
    for credential in vault.credentials:
        print(_credential_line(credential))
    return 0


def _delete(args: argparse.Namespace) -> int:
    with _client(args) as client:
        client.vaults.delete(args.vault_id, force=args.force)
    print(f"{'deleted' if args.force else 'archived'} vault {args.vault_id}")
    return 0


def _inject(args: argparse.Namespace) -> dict[str, str] | None:
    if args.header and args.query_param:
        raise CLIError("--header and --query-param go one at a time")
    if args.query_param:
        return {"kind": "query", "param": args.query_param}
    if args.header:
        rule = {"kind": "header", "header": args.header}
        if args.prefix is not None:
            rule["prefix"] = args.prefix
        return rule
    if args.prefix is not None:
        raise CLIError("--prefix goes with --header")
    return None


def _credentials_add(args: argparse.Namespace) -> int:
    # Read from stdin by default, so the secret stays out of shell history and `ps`.
    token = args.token if args.token is not None else sys.stdin.read().strip()
    if not token:
        raise CLIError("no token: pipe it in, or pass --token")
    with _client(args) as client:
        credential = client.vaults.credentials.create(
            args.vault_id,
            server_url=args.server_url,
            auth=token,
            name=args.name,
            inject=_inject(args),
            metadata=_pairs(args.metadata, "--metadata"),
        )
    if args.json:
        _print_json(credential)
    else:
        print(_credential_line(credential).strip())
    return 0


def _credentials_rm(args: argparse.Namespace) -> int:
    with _client(args) as client:
        client.vaults.credentials.delete(args.vault_id, args.credential_id, force=args.force)
    print(f"{'deleted' if args.force else 'archived'} credential {args.credential_id}")
    return 0


def add_vault_commands(commands: Any, command: Command) -> None:
    vaults = commands.add_parser("vaults", help="MCP credential vaults (secret key only)")
    group = vaults.add_subparsers(dest="action", metavar="ACTION", required=True)
    command(group, "list", _list, "list the vaults, the default first")
    sub = command(group, "create", _create, "create a vault")
    sub.add_argument("name")
    sub.add_argument("--description")
    sub.add_argument(
        "--metadata",
        action="append",
        metavar="KEY=VALUE",
        help="e.g. external_user_id=USER: the vault goes to that end user's runs",
    )
    sub.add_argument("--default", action="store_true", help="make it the team's default")
    sub = command(group, "get", _get, "show a vault and its credentials (redacted)")
    sub.add_argument("vault_id")
    sub = command(group, "delete", _delete, "archive a vault (--force: delete it for good)")
    sub.add_argument("vault_id")
    sub.add_argument("--force", action="store_true")

    credentials = group.add_parser("credentials", help="add and remove a vault's credentials")
    actions = credentials.add_subparsers(dest="credential_action", metavar="ACTION", required=True)
    sub = command(actions, "add", _credentials_add, "add a bearer token for an MCP server")
    sub.add_argument("vault_id")
    sub.add_argument("server_url")
    sub.add_argument("--token", help="the secret (default: read from stdin)")
    sub.add_argument("--name")
    sub.add_argument("--header", help="send it in this header (default: Authorization)")
    sub.add_argument("--prefix", help='before the token in the header (default: "Bearer ")')
    sub.add_argument("--query-param", help="send it as this query parameter instead")
    sub.add_argument("--metadata", action="append", metavar="KEY=VALUE")
    sub = command(actions, "rm", _credentials_rm, "archive a credential (--force: delete it)")
    sub.add_argument("vault_id")
    sub.add_argument("credential_id")
    sub.add_argument("--force", action="store_true")
