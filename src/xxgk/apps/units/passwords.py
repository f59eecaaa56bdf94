"""Password rules with Chinese messages (Django 5.2's zh-hans catalogue lacks the minimum-length one)."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import ngettext

__all__ = ["MinimumLengthValidator"]


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Refuse passwords shorter than ``min_length`` characters, saying so in Chinese."""

    def get_error_message(self) -> str:
        return ngettext(
            "密码长度太短，至少需要 %(min_length)d 个字符。",
            "密码长度太短，至少需要 %(min_length)d 个字符。",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return ngettext(
            "密码至少需要 %(min_length)d 个字符。", "密码至少需要 %(min_length)d 个字符。", self.min_length
        ) % {"min_length": self.min_length}
