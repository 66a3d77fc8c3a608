"""The async client, written by hand; `_sync/` is derived from it by `make generate`."""
