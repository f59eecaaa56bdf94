"""Rendering a letter template safely: Django template syntax over a whitelisted, plain-value context.

A unit administrator writes the wording; the legal content comes from
xxgk.core.cases.letters as ready-made text blocks. The engine has no loaders
and no tag libraries, the tags that reach outside the template are refused,
and the context holds only strings, numbers and lists/dicts of them — so a
template can arrange text but cannot call code or read files.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.template import Context, Engine, TemplateSyntaxError

from xxgk.core.cases.letters import REQUIRED_PLACEHOLDERS, LetterKind

__all__ = ["PLACEHOLDERS", "SAMPLE_CONTEXT", "render_body", "validate_template"]

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

SAMPLE_CONTEXT: dict[str, Any] = {
    **{key: f"〈{label}〉" for key, label in PLACEHOLDERS.items()},
    "items": [{"description": "〈申请事项〉", "decision": "〈处理决定〉", "reason": "〈理由〉"}],
    "extension_days": 20,
}

_FORBIDDEN_TAGS = re.compile(r"{%-?\s*(load|include|extends|debug|ssi|url|static|csrf_token|block|templatetag)\b")
_INVALID = "\x00INVALID\x00"
_ENGINE = Engine(dirs=[], app_dirs=False, loaders=[], libraries={}, autoescape=False, string_if_invalid="")
_CHECK_ENGINE = Engine(
    dirs=[], app_dirs=False, loaders=[], libraries={}, autoescape=False, string_if_invalid=_INVALID + "%s" + _INVALID
)
_UNKNOWN = re.compile(re.escape(_INVALID) + r"(.*?)" + re.escape(_INVALID))


def _plain(value: Any) -> Any:
    """Only plain values reach a template; anything else is turned into its text."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)


def render_body(body: str, context: dict[str, Any]) -> str:
    """Render a (validated) template body with a whitelisted context; unknown names render empty."""
    if _FORBIDDEN_TAGS.search(body):
        raise ValidationError("模板中含有不允许使用的标签。")
    safe = {key: _plain(value) for key, value in context.items() if key in PLACEHOLDERS}
    return _ENGINE.from_string(body).render(Context(safe, autoescape=False)).strip()


def validate_template(kind: LetterKind, body: str) -> None:
    """Refuse a template that does not render, uses unknown placeholders or lacks required ones (Chinese)."""
    found = _FORBIDDEN_TAGS.search(body)
    if found:
        raise ValidationError(f"模板中不能使用“{found.group(1)}”标签。", code="forbidden_tag")
    try:
        output = _CHECK_ENGINE.from_string(body).render(Context(SAMPLE_CONTEXT, autoescape=False))
    except TemplateSyntaxError as exc:
        raise ValidationError(f"模板语法错误，无法生成文书：{exc}", code="syntax") from None
    except Exception as exc:  # any failure while rendering means the letter could not be produced
        raise ValidationError(f"模板无法生成文书：{exc}", code="render") from None
    unknown = sorted(set(_UNKNOWN.findall(output)))
    if unknown:
        raise ValidationError(f"模板中有未知的占位符：{'、'.join(unknown)}。", code="unknown_placeholder")
    missing = sorted(name for name in REQUIRED_PLACEHOLDERS[kind] if not re.search(r"{{\s*" + name + r"\b", body))
    if missing:
        labels = "、".join(f"{{{{ {name} }}}}（{PLACEHOLDERS[name]}）" for name in missing)
        raise ValidationError(f"该类文书依法必须包含：{labels}。", code="missing_placeholder")
