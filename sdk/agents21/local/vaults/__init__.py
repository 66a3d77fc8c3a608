"""MCP credential vaults: request bodies, encrypted storage, and how a run picks its vaults."""

from .resolution import COVERAGE_MODES, McpServer, check_coverage, resolve_vaults
from .secretbox import SecretBox
from .store import VaultStore

__all__ = [
    "COVERAGE_MODES",
    "McpServer",
    "SecretBox",
    "VaultStore",
    "check_coverage",
    "resolve_vaults",
]
