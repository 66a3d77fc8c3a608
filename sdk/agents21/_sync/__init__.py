# Generated from _async/ by tools/unasync_sdk.py (make generate). Do not edit.
"""The async client, written by hand; `_sync/` is derived from it by `make generate`."""
