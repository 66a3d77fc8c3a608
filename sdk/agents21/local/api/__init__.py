"""The relay's HTTP layer: one module per resource, each path an `Endpoint` of its methods."""
