"""The applicant's identity document upload: recognised by its content, limited in size, stored privately.

Files go under ``MEDIA_ROOT/portal/identity/<year>/`` with a random name and an
extension taken from the detected type, never from the uploaded name. They are
not served by any URL of the site: staff open them through the case.
"""

from __future__ import annotations

import io
import re
import secrets
import warnings
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from xxgk.documents.limits import MAX_IMAGE_PIXELS

__all__ = [
    "ALLOWED_TYPES",
    "detect_type",
    "identity_upload_to",
    "max_upload_bytes",
    "pdf_active_content",
    "validate_identity_file",
]

# detected type → (extension, label)
ALLOWED_TYPES: dict[str, tuple[str, str]] = {
    "image/jpeg": ("jpg", "JPEG图片"),
    "image/png": ("png", "PNG图片"),
    "application/pdf": ("pdf", "PDF文件"),
}


def max_upload_bytes() -> int:
    """The size limit of an upload (settings.XXGK_PORTAL_MAX_UPLOAD, default 5 MB)."""
    return int(getattr(settings, "XXGK_PORTAL_MAX_UPLOAD", 5 * 1024 * 1024))


def detect_type(head: bytes) -> str | None:
    """The media type the first bytes of a file show (JPEG, PNG or PDF), or None for anything else."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def _image_is_whole(data: bytes) -> bool:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    return True


def _image_pixels(data: bytes) -> int:
    """Width × height from the image header (nothing is decoded), or 0 if it cannot be read."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the caller refuses it with a message
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return 0
    return width * height


# PDF names that run something or carry other files: scripts, launch/submit/import actions, automatic
# actions, embedded files, rich media and XFA forms (compared after #xx escapes in names are decoded).
_ACTIVE_PDF_NAMES = (
    b"/JavaScript",
    b"/JS",
    b"/Launch",
    b"/OpenAction",
    b"/AA",
    b"/EmbeddedFile",
    b"/EmbeddedFiles",
    b"/RichMedia",
    b"/XFA",
    b"/SubmitForm",
    b"/ImportData",
    b"/GoToE",
)
_PDF_NAME = re.compile(rb"/[^\s/<>\[\]()%{}]+")
_PDF_STREAM = re.compile(rb"stream\r?\n")


def _pdf_names(data: bytes) -> set[bytes]:
    return {re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), n) for n in _PDF_NAME.findall(data)}


def pdf_active_content(data: bytes) -> list[str]:
    """The active-content names a PDF holds, looked for in the file and in its inflated streams (object streams)."""
    import zlib

    found = _pdf_names(data)
    budget = 64 * 1024 * 1024
    for match in _PDF_STREAM.finditer(data):
        inflater = zlib.decompressobj()
        try:
            inflated = inflater.decompress(data[match.end() :], budget)
        except zlib.error:
            continue
        budget -= len(inflated)
        found |= _pdf_names(inflated)
        if budget <= 0:
            return ["(压缩内容过大)"]
    return sorted(name.decode("latin-1") for name in found & set(_ACTIVE_PDF_NAMES))


def validate_identity_file(upload: Any) -> str:
    """Check an uploaded identity document and return its detected media type; raise ValidationError (Chinese)."""
    limit = max_upload_bytes()
    if upload.size > limit:
        raise ValidationError(f"上传的证件材料不能超过{limit // (1024 * 1024)}MB，请压缩后重新上传。", code="too_large")
    if upload.size == 0:
        raise ValidationError("上传的证件材料是空文件。", code="empty")
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    kind = detect_type(data[:16])
    if kind is None:
        raise ValidationError("证件材料只能是JPEG、PNG图片或PDF文件（按文件内容识别，而非文件名）。", code="type")
    if kind.startswith("image/") and _image_pixels(data) > MAX_IMAGE_PIXELS:
        raise ValidationError(
            f"上传的图片超过{MAX_IMAGE_PIXELS // 1_000_000}百万像素，请缩小后重新上传。", code="too_many_pixels"
        )
    if kind.startswith("image/") and not _image_is_whole(data):
        raise ValidationError("上传的图片已损坏或无法识别，请重新上传。", code="broken")
    if kind == "application/pdf" and pdf_active_content(data):
        raise ValidationError(
            "上传的PDF文件含有脚本、自动执行的操作或嵌入的文件，不能作为证件材料；"
            "请打印为普通PDF或上传证件的照片（JPEG、PNG）。",
            code="active_content",
        )
    if kind == "application/pdf" and b"%%EOF" not in data[-2048:]:
        raise ValidationError("上传的PDF文件不完整，请重新上传。", code="broken")
    return kind


def identity_upload_to(instance: Any, filename: str) -> str:
    """A random private path for an identity document; the extension comes from the detected content type."""
    extension = ALLOWED_TYPES.get(getattr(instance, "identity_file_type", ""), ("bin", ""))[0]
    return f"portal/identity/{timezone.localdate().year}/{secrets.token_hex(16)}.{extension}"
