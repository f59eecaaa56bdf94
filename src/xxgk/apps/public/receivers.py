"""Reactions to catalogue events: keep the search index in step (connected in ``PublicConfig.ready``)."""

from __future__ import annotations

from typing import Any

from xxgk.apps.catalogue.signals import entry_published, entry_withdrawn
from xxgk.apps.public.index import entry_index, entry_unindex

__all__ = ["connect"]


def _on_published(sender: Any, entry: Any, **kwargs: Any) -> None:
    entry_index(entry)


def _on_withdrawn(sender: Any, entry: Any, **kwargs: Any) -> None:
    entry_unindex(entry)


def connect() -> None:
    """Connect the receivers (idempotent: each has a dispatch uid)."""
    entry_published.connect(_on_published, dispatch_uid="xxgk.public.index_published")
    entry_withdrawn.connect(_on_withdrawn, dispatch_uid="xxgk.public.index_withdrawn")
