"""Signals of the catalogue app: an entry became (or stays) public with new content, or left the public side.

``entry_published`` is sent with ``sender=Entry, entry=<Entry>`` after the
transaction commits whenever an entry becomes publicly visible (its first
published version) or gets a new published version (a correction).
``entry.current`` is then the version the public sees.

``entry_withdrawn`` is sent with ``sender=Entry, entry=<Entry>`` after the
transaction commits whenever a published entry is withdrawn; it is no longer
in :func:`xxgk.apps.catalogue.selectors.public_entries`.

Receivers (for example the public search index) connect in their
``AppConfig.ready``; the catalogue never imports them.
"""

from __future__ import annotations

from django.dispatch import Signal

__all__ = ["entry_published", "entry_withdrawn"]

entry_published = Signal()
entry_withdrawn = Signal()
