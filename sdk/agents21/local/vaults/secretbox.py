"""Credential secrets at rest: AES-256-GCM under a key kept in the relay's data directory.

The key file sits beside the token secret (0600, in the 0700 data directory that sandboxes
cannot see). Each secret is bound to its credential's id, so a ciphertext moved to another row
does not open.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_NONCE_BYTES = 12


def _read_key(path: Path) -> bytes:
    raw = path.read_text().strip()
    try:
        key = bytes.fromhex(raw)
    except ValueError:
        key = b""
    if len(key) != 32:
        raise RuntimeError(
            f"{path} does not hold a 256-bit key in hex: restore it from a backup (the vault"
            " secrets sealed with it cannot be read without it), or pass another --data-dir"
        )
    return key


class SecretBox:
    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    @classmethod
    def in_dir(cls, data_dir: Path) -> SecretBox:
        """The data directory's key, made on first use. A key file that is there but unreadable
        stops the relay: a new key would lose every stored secret."""
        path = data_dir / "vault_key"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        except FileExistsError:
            return cls(_read_key(path))
        key = AESGCM.generate_key(bit_length=256)
        with os.fdopen(fd, "w") as out:
            out.write(key.hex() + "\n")
        return cls(key)

    def seal(self, secret: dict[str, str], owner: str) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        plain = json.dumps(secret, separators=(",", ":")).encode()
        return nonce + self._aead.encrypt(nonce, plain, owner.encode())

    def open(self, sealed: bytes, owner: str) -> dict[str, str]:
        """The secret; `cryptography.exceptions.InvalidTag` if it was not sealed for `owner`
        with this key."""
        nonce, body = sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:]
        value: dict[str, str] = json.loads(self._aead.decrypt(nonce, body, owner.encode()))
        return value
