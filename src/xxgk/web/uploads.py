"""Refuse an oversized upload while it streams in, before it is written to disk in full.

The first upload handler: it refuses a request whose declared length is over
``settings.XXGK_MAX_UPLOAD`` before reading it, and otherwise counts the bytes
of every file as they arrive and stops at the limit. Django answers the
resulting ``RequestDataTooBig`` with its 400 page; the server (``xxgk serve``)
has its own, larger limit on the whole body.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler

__all__ = ["LimitedUploadHandler", "max_upload"]


def max_upload() -> int:
    """The largest request with files that is accepted, in bytes."""
    return int(getattr(settings, "XXGK_MAX_UPLOAD", 20 * 1024 * 1024))


class LimitedUploadHandler(FileUploadHandler):
    """Count the upload's bytes and refuse past the limit; passes every chunk on to the next handler."""

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.received = 0

    def handle_raw_input(self, input_data: Any, META: Any, content_length: int, boundary: Any, encoding: Any = None):
        if content_length > max_upload():
            raise RequestDataTooBig(f"upload of {content_length} bytes over {max_upload()}")
        return None

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > max_upload():
            raise RequestDataTooBig(f"upload streamed past {max_upload()} bytes")
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
