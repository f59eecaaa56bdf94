"""Demo texts of the public column: every demo unit's rules (政府信息公开制度) and a note in its guide."""

from __future__ import annotations

from xxgk.apps.public.models import DisclosurePages
from xxgk.apps.units.models import Unit

__all__ = ["load_demo_pages"]

RULES = """第一条　为规范{name}政府信息公开工作，根据《中华人民共和国政府信息公开条例》，制定本制度。
第二条　本机关政府信息公开工作由办公室（政府信息公开工作机构）负责组织实施，各股室按职责做好本领域政府信息的公开工作。
第三条　拟主动公开的政府信息，由承办股室起草并提出公开属性意见，经政府信息公开工作机构审核后发布。
第四条　发布前应当进行保密审查，不得公开国家秘密，\
不得公开公民身份证号码、手机号码、银行账号等个人信息以及第三方商业秘密。
第五条　属于主动公开范围的政府信息，自形成或者变更之日起二十个工作日内公开。
第六条　已公开的政府信息需要更正的，以新版本发布并保留原版本；需要撤回的，应当说明理由并记录在案。
第七条　依申请公开工作按照《条例》第二十七条至第四十五条的规定办理，在法定期限内答复。
第八条　本机关每年一月三十一日前公布上一年度政府信息公开工作年度报告。
第九条　本制度自发布之日起施行。"""

NOTE = (
    "本机关不单独设立门户网站，主动公开的政府信息统一在县人民政府门户网站“政府信息公开”专栏发布（国办发〔2017〕47号）。"
)


def load_demo_pages() -> int:
    """Give every unit without its own texts the demo rules and guide note; returns how many were added."""
    added = 0
    for unit in Unit.objects.exclude(disclosure_pages__isnull=False):
        DisclosurePages.objects.create(unit=unit, rules=RULES.format(name=unit.name), guide_notes=NOTE)
        added += 1
    return added
