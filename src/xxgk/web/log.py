"""Logging handler that always writes to the current ``sys.stderr``."""

from __future__ import annotations

import logging
import sys


class StderrHandler(logging.StreamHandler):
    """A stream handler bound to whatever ``sys.stderr`` is when a record is emitted.

    The default handler keeps the stream it was created with; when the
    application is set up once and its commands run later with stderr
    redirected (as tests and embedding callers do), that stream may be closed.
    """

    def __init__(self, level: int = logging.NOTSET) -> None:
        logging.Handler.__init__(self, level)

    @property
    def stream(self):  # type: ignore[override]
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:  # StreamHandler.setStream assigns it; the property ignores it
        pass
