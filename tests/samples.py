"""Response bodies shared by the tests that answer from an in-memory transport."""

from __future__ import annotations

from typing import Any

SANDBOX: dict[str, Any] = {
    "id": "sb1",
    "sandboxId": "p1",
    "provider": "local",
    "status": "active",
    "error": None,
    "agent": {"slug": "demo-agent", "name": "Demo"},
    "threads": [],
    "createdAt": "2026-02-26T12:00:00.000Z",
    "updatedAt": "2026-02-26T12:00:00.000Z",
}
