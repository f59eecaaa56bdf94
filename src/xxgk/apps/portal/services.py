"""The one write of the portal: an online application becomes a case, in one transaction.

条例第三十一条: an application made online is received on the day both sides
confirm receipt (applications.md §2). The case is registered as received on
the day of submission with that note as its receipt evidence; the submission
time is kept in OnlineApplication.submitted_at and ``receipt_confirmed`` stays
false until staff confirm on the case page
(xxgk.apps.cases.intake.case_confirm_receipt), which sets the confirmed day as
the receipt date and recomputes the deadline.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from xxgk.apps.cases.models import Case
from xxgk.apps.cases.services import case_register
from xxgk.apps.portal.captcha import captcha_consume
from xxgk.apps.portal.models import OnlineApplication
from xxgk.apps.portal.ratelimit import rate_check, rate_lock, rate_record
from xxgk.apps.units.audit import audit
from xxgk.apps.units.models import Unit

__all__ = ["application_submit", "item_text", "receipt_mail_text"]

log = logging.getLogger("xxgk.portal")

_CASE_FIELDS = ("address", "phone", "email", "requested_form", "requested_channel")


def item_text(item: dict[str, str]) -> str:
    """How a requested item is written on the case: its description, then its 文号 if given."""
    number = item.get("document_number", "").strip()
    return f"{item['description'].strip()}（文号：{number}）" if number else item["description"].strip()


def _applicant_fields(data: dict[str, Any]) -> dict[str, str]:
    """The case's applicant fields: an organisation is named by its name and 统一社会信用代码."""
    fields = {f: str(data.get(f) or "").strip() for f in _CASE_FIELDS}
    if data["applicant_type"] == "natural_person":
        fields.update(
            applicant_name=data["name"].strip(),
            identity_type=data["identity_type"],
            identity_number=data["identity_number"].strip(),
        )
    else:
        fields.update(
            applicant_name=data["organisation_name"].strip(),
            identity_type="统一社会信用代码",
            identity_number=data["credit_code"].strip(),
        )
    return fields


def application_submit(
    *,
    unit: Unit,
    data: dict[str, Any],
    items: list[dict[str, str]],
    identity_file: Any,
    identity_file_type: str,
    ip: str | None,
    tracking_url: Any = None,
    now: dt.datetime | None = None,
    captcha_nonce: str | None = None,
) -> Case:
    """Register an online application (条例第二十九条、第三十一条) as a case of ``unit`` and log it.

    ``data`` is ApplicationForm.cleaned_data, ``items`` the filled item rows.
    ``tracking_url(case)`` gives the link mailed to the applicant, if an
    e-mail address was given; the mail goes out after the commit.

    In the same transaction, under a lock on the address, the per-address
    limit is checked (RateLimited) and the solved CAPTCHA's nonce is used up
    (CaptchaError if another request already used it), so neither can be
    outrun by concurrent submissions.
    """
    now = now or timezone.now()
    for attempt in range(3):  # two applications at the same moment may draw the same case number
        try:
            return _submit(unit, data, items, identity_file, identity_file_type, ip, tracking_url, now, captcha_nonce)
        except IntegrityError:
            if attempt == 2:
                raise
            log.warning("portal: case number collision for unit %s, retrying", unit.pk)
    raise AssertionError("unreachable")


@transaction.atomic
def _submit(
    unit: Unit,
    data: dict[str, Any],
    items: list[dict[str, str]],
    identity_file: Any,
    identity_file_type: str,
    ip: str | None,
    tracking_url: Any,
    now: dt.datetime,
    captcha_nonce: str | None,
) -> Case:
    rate_lock(ip)
    rate_check(ip, now=now)
    if captcha_nonce is not None:
        captcha_consume(captcha_nonce)
    local = timezone.localtime(now)
    case = case_register(
        actor=None,
        unit=unit,
        channel="online",
        receipt_date=local.date(),
        receipt_evidence=f"网上申请，提交于{local:%Y-%m-%d %H:%M}；收到日期待与申请人确认（条例第三十一条）",
        applicant_type=data["applicant_type"],
        items=[item_text(i) for i in items],
        ip=ip,
        **_applicant_fields(data),
    )
    is_org = data["applicant_type"] != "natural_person"
    application = OnlineApplication(
        case=case,
        submitted_at=now,
        organisation_name=data.get("organisation_name", "").strip() if is_org else "",
        credit_code=data.get("credit_code", "").strip() if is_org else "",
        legal_representative=data.get("legal_representative", "").strip() if is_org else "",
        contact_person=data.get("contact_person", "").strip() if is_org else "",
        items=items,
        identity_file_type=identity_file_type,
        declaration=bool(data.get("declaration")),
    )
    application.identity_file.save("identity", identity_file, save=False)
    application.save()
    rate_record(ip)
    audit(actor=None, action="portal.apply", obj=case, details={"unit": unit.pk, "items": len(items)}, ip=ip)
    email = case.email
    if email and tracking_url is not None:
        link = tracking_url(case)
        transaction.on_commit(lambda: _mail_receipt(case, email, link))
    return case


def receipt_mail_text(case: Case, link: str) -> str:
    """The text of the receipt e-mail: the receipt number, the tracking link, and advice to keep it private."""
    return (
        f"您好：\n\n您向{case.unit.name}提交的政府信息公开申请已收到。\n"
        f"申请编号（回执号）：{case.number}\n"
        f"提交日期：{case.receipt_date:%Y年%m月%d日}\n\n"
        f"您可以通过以下专属链接查询办理进度：\n{link}\n\n"
        "该链接相当于查询密码，请妥善保存，不要转发给他人。\n"
        "网上申请以双方确认收到之日为收到申请之日（《中华人民共和国政府信息公开条例》第三十一条），"
        "工作人员将与您确认。\n\n"
        f"{case.unit.name}\n（本邮件由系统自动发送，请勿直接回复）\n"
    )


def _mail_receipt(case: Case, email: str, link: str) -> None:
    try:
        send_mail(
            subject=f"政府信息公开申请回执（{case.number}）",
            message=receipt_mail_text(case, link),
            from_email=getattr(settings, "DEFAULT_FROM_EMAIL", None),
            recipient_list=[email],
        )
    except Exception:  # a mail server problem must not lose the application; the receipt page already showed the link
        log.exception("portal: receipt mail for case %s could not be sent", case.pk)
