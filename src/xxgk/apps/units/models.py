"""Models of the units app."""
