"""The Vercel AI SDK (npm `ai@5.0.35`), installed from its lock file and run in Node.

Outside CI a machine without Node.js or npm skips these tests; in CI (`CI` set) that is a
failure, since the comparison is the point.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The test modules import the helpers beside them; make that work under any pytest import mode.
sys.path.insert(0, str(Path(__file__).parent))

from ai_sdk_runner import AiSdk, install


@pytest.fixture(scope="session")
def ai_sdk() -> AiSdk:
    return install()
