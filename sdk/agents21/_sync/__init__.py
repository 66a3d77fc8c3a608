# Generated from _async/ by tools/unasync_sdk.py (make generate). Do not edit.
"""The clients' resources, runs and request loop, written once (async) and derived (sync)."""
