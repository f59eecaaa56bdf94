"""Errors raised when a document cannot be read.

Every error carries a Chinese message for people and an English reason for logs.
"""

from __future__ import annotations

__all__ = [
    "BinaryJunk",
    "EmptyDocument",
    "GarbledText",
    "NoTextLayer",
    "NotAReport",
    "ReadError",
    "UnsupportedDocument",
]


class ReadError(Exception):
    """A document could not be read as an annual report."""

    message_zh = "无法读取该文件。"

    def __init__(self, reason: str, message_zh: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        if message_zh is not None:
            self.message_zh = message_zh


class EmptyDocument(ReadError):
    """The file is empty or holds only white space."""

    message_zh = "文件为空，没有可读取的内容。"


class BinaryJunk(ReadError):
    """The file is binary data of no supported document type."""

    message_zh = "文件不是可识别的文档（既不是文本、HTML、Markdown，也不是 DOCX 或 PDF）。"


class NoTextLayer(ReadError):
    """A PDF (or image) without a text layer: a scan that would need OCR."""

    message_zh = "该 PDF 没有文字层（可能是扫描件或图片），无法读取其中的数字；请提供带文字层的 PDF 或原始文档。"


class NotAReport(ReadError):
    """The document was read but holds no part of a 政府信息公开工作年度报告."""

    message_zh = "该文档不是政府信息公开工作年度报告：未找到年度报告的章节标题或统计表格。"


class UnsupportedDocument(ReadError):
    """A document type that is recognised but not supported (e.g. legacy .doc)."""

    message_zh = "不支持该文档格式。"


class GarbledText(ReadError):
    """A PDF whose text layer cannot be decoded (fonts without a ToUnicode map): text would be junk."""

    message_zh = (
        "该 PDF 的文字层无法正确识别（所用字体缺少字符映射，提取出的是乱码），无法可靠读取其中的文字和数字；"
        "请提供原始文档（DOCX、HTML）或重新导出、嵌入标准字体的 PDF。"
    )
