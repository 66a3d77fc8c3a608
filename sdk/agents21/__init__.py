"""agents21: the Python SDK for the 21st Agents relay API."""

from ._version import __version__

__all__ = ["__version__"]
