"""Rendering a letter template safely: Django template syntax over a whitelisted, plain-value context.

A unit administrator writes the wording; the legal content comes from
xxgk.core.cases.letters as ready-made text blocks. The engine has no loaders
and no tag libraries, the tags that reach outside the template are refused,
and the context holds only strings, numbers and read-only tuples/mappings of
them — so a template can arrange text but cannot call code, read files or
change a shared value (``{{ items.clear }}`` has nothing to clear).

Cost is bounded before anything renders: only the tags and filters a letter
needs are allowed, width-like filter arguments are small literals, loops run
over ``items`` only and do not nest, the body and the output have a size
limit. ``{{ unit_name|ljust:"300000000" }}`` or ``{% lorem 99999999 w %}``
is refused when the template is saved and again when a letter is made.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Any

from django.core.exceptions import ValidationError
from django.template import Context, Engine, TemplateSyntaxError
from django.template.base import Lexer, TokenType

from xxgk.core.cases.letters import REQUIRED_PLACEHOLDERS, LetterKind

__all__ = ["MAX_BODY_CHARS", "MAX_OUTPUT_CHARS", "PLACEHOLDERS", "SAMPLE_CONTEXT", "render_body", "validate_template"]

MAX_BODY_CHARS = 20_000  # a letter template is a page or two of wording
MAX_OUTPUT_CHARS = 200_000  # a letter with many items is still far below this
MAX_WIDTH = 200  # largest argument of a width-like filter (ljust, truncatechars …)

# Tags a letter needs; everything else (lorem, load, include, regroup, filter, now …) is refused.
_ALLOWED_TAGS = frozenset(
    {"if", "elif", "else", "endif", "for", "empty", "endfor", "with", "endwith", "comment", "endcomment", "firstof"}
)
# Filters a letter needs; those taking a size get a small literal only.
_ALLOWED_FILTERS = frozenset(
    {"default", "default_if_none", "join", "length", "first", "last", "linebreaksbr", "cut", "yesno", "add",
     "slice", "upper", "lower", "capfirst", "length_is", "divisibleby"}
)  # fmt: skip
_WIDTH_FILTERS = frozenset({"ljust", "rjust", "center", "truncatechars", "truncatewords", "floatformat"})
_FILTER = re.compile(r"""\|\s*(\w+)(?:\s*:\s*("[^"]*"|'[^']*'|[^\s|]+))?""")
_LOOP_SEQUENCE = re.compile(r"^for\s+\w+(?:\s*,\s*\w+)*\s+in\s+items(?:\s*\|.*)?$")

# placeholder → what it holds (shown on the edit page)
PLACEHOLDERS: dict[str, str] = {
    "unit_name": "出具单位全称",
    "number": "文号",
    "issued_on": "出具日期",
    "case_number": "案件编号",
    "applicant": "申请人姓名或名称（致第三方的文书中不显示）",
    "third_party": "第三方名称",
    "receipt_date": "收到申请的日期",
    "supplement_date": "收到补正材料的日期（无则为空）",
    "receipt_and_supplement": "收到申请及补正的说明句",
    "items": "申请事项列表（每项有 description、decision、reason）",
    "items_text": "申请内容（逐项列出）",
    "due_date": "答复期限",
    "decision_text": "决定（含条例条款项）",
    "decision_article": "决定依据的条款项",
    "withheld_text": "不予公开内容及其理由（逐项）",
    "provision_text": "提供信息的方式和时间",
    "remedy_text": "救济途径（行政复议、行政诉讼）",
    "supplement_what": "需要补正的内容",
    "supplement_by": "补正期限",
    "supplement_consequence": "逾期不补正的后果",
    "extension_reason": "延期理由",
    "extension_days": "延长的工作日数",
    "consultation_reason": "征求意见的理由",
    "consultation_consequence": "逾期不答复的后果",
    "decision_reason": "决定公开的理由",
    "fee_basis": "收费依据",
    "fee_standard": "收费标准",
    "fee_amount": "收费金额",
    "fee_how_to_pay": "缴费方式",
    "fee_consequence": "逾期不缴费的后果",
    "reasons_request": "要求说明理由的内容",
    "reasons_by": "说明理由的期限",
    "office_address": "信息公开工作机构地址",
    "office_phone": "联系电话",
}

SAMPLE_CONTEXT: MappingProxyType[str, Any] = MappingProxyType(
    {
        **{key: f"〈{label}〉" for key, label in PLACEHOLDERS.items()},
        "items": [{"description": "〈申请事项〉", "decision": "〈处理决定〉", "reason": "〈理由〉"}],
        "extension_days": 20,
    }
)

_FORBIDDEN_TAGS = re.compile(r"{%-?\s*(load|include|extends|debug|ssi|url|static|csrf_token|block|templatetag)\b")
_INVALID = "\x00INVALID\x00"
_ENGINE = Engine(dirs=[], app_dirs=False, loaders=[], libraries={}, autoescape=False, string_if_invalid="")
_CHECK_ENGINE = Engine(
    dirs=[], app_dirs=False, loaders=[], libraries={}, autoescape=False, string_if_invalid=_INVALID + "%s" + _INVALID
)
_UNKNOWN = re.compile(re.escape(_INVALID) + r"(.*?)" + re.escape(_INVALID))


def _plain(value: Any) -> Any:
    """Only plain, read-only values reach a template; anything else is turned into its text."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dict | MappingProxyType):
        return MappingProxyType({str(k): _plain(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_plain(v) for v in value)
    return str(value)


def _refusal(body: str) -> ValidationError | None:
    """Why a template body could cost too much or reach outside its text, or None when it is safe to render."""
    if len(body) > MAX_BODY_CHARS:
        return ValidationError(f"模板过长（{len(body)}字，上限{MAX_BODY_CHARS}字）。", code="too_long")
    found = _FORBIDDEN_TAGS.search(body)
    if found:
        return ValidationError(f"模板中不能使用“{found.group(1)}”标签。", code="forbidden_tag")
    depth = 0
    for token in Lexer(body).tokenize():
        content = token.contents.strip()
        if token.token_type == TokenType.BLOCK:
            name = content.split(" ", 1)[0] if content else ""
            if name not in _ALLOWED_TAGS:
                return ValidationError(f"模板中不能使用“{name}”标签。", code="forbidden_tag")
            if name == "for":
                depth += 1
                if depth > 1 or not _LOOP_SEQUENCE.match(content):
                    return ValidationError("模板中的循环只能逐项列出 items，且不能嵌套。", code="loop")
            elif name == "endfor":
                depth = max(depth - 1, 0)
        if token.token_type in (TokenType.BLOCK, TokenType.VAR):
            for name, argument in _FILTER.findall(content):
                if name in _WIDTH_FILTERS:
                    literal = argument.strip("\"'")
                    if not re.fullmatch(r"-?\d{1,3}", literal) or abs(int(literal)) > MAX_WIDTH:
                        return ValidationError(
                            f"过滤器“{name}”的参数必须是不超过{MAX_WIDTH}的数字。", code="filter_argument"
                        )
                elif name not in _ALLOWED_FILTERS:
                    return ValidationError(f"模板中不能使用“{name}”过滤器。", code="forbidden_filter")
    return None


def _checked_output(output: str) -> str:
    if len(output) > MAX_OUTPUT_CHARS:
        raise ValidationError(f"模板生成的文书过长（上限{MAX_OUTPUT_CHARS}字）。", code="output_too_long")
    return output


def render_body(body: str, context: dict[str, Any]) -> str:
    """Render a (validated) template body with a whitelisted context; unknown names render empty."""
    refusal = _refusal(body)
    if refusal is not None:
        raise refusal
    safe = {key: _plain(value) for key, value in context.items() if key in PLACEHOLDERS}
    return _checked_output(_ENGINE.from_string(body).render(Context(safe, autoescape=False)).strip())


def validate_template(kind: LetterKind, body: str) -> None:
    """Refuse a template that does not render, uses unknown placeholders or lacks required ones (Chinese)."""
    refusal = _refusal(body)
    if refusal is not None:
        raise refusal
    try:
        sample = {key: _plain(value) for key, value in SAMPLE_CONTEXT.items()}
        output = _checked_output(_CHECK_ENGINE.from_string(body).render(Context(sample, autoescape=False)))
    except TemplateSyntaxError as exc:
        raise ValidationError(f"模板语法错误，无法生成文书：{exc}", code="syntax") from None
    except ValidationError:
        raise
    except Exception as exc:  # any failure while rendering means the letter could not be produced
        raise ValidationError(f"模板无法生成文书：{exc}", code="render") from None
    unknown = sorted(set(_UNKNOWN.findall(output)))
    if unknown:
        raise ValidationError(f"模板中有未知的占位符：{'、'.join(unknown)}。", code="unknown_placeholder")
    missing = sorted(name for name in REQUIRED_PLACEHOLDERS[kind] if not re.search(r"{{\s*" + name + r"\b", body))
    if missing:
        labels = "、".join(f"{{{{ {name} }}}}（{PLACEHOLDERS[name]}）" for name in missing)
        raise ValidationError(f"该类文书依法必须包含：{labels}。", code="missing_placeholder")
