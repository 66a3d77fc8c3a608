"""The clients' resources, runs and request loop, written once (async) and derived (sync)."""
