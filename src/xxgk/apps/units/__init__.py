"""The units app."""
