"""The catalogue's metadata vocabularies: themes, genres, kinds, validity and the 第二十条/第二十一条 items.

spec catalogue.md §1 and §3. Each vocabulary is a tuple of ``(value, label)``
pairs; the value is stored, the label is shown (here they are the same
Chinese words, so files and forms carry the words people use).
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "GENRES",
    "ITEMS",
    "ITEM_LABELS",
    "THEMES",
    "EntryKind",
    "Validity",
    "choices",
]

# 主题分类: the first-level theme list of the national government portal (中国政府网 政策文件库).
THEMES: tuple[str, ...] = (
    "国务院组织机构",
    "综合政务",
    "国民经济管理、国有资产监管",
    "财政、金融、审计",
    "国土资源、能源",
    "农业、林业、水利",
    "工业、交通",
    "商贸、海关、旅游",
    "市场监管、安全生产监管",
    "城乡建设、环境保护",
    "科技、教育",
    "文化、广电、新闻出版",
    "卫生、体育",
    "人口与计划生育、妇女儿童工作",
    "劳动、人事、监察",
    "公安、安全、司法",
    "民政、扶贫、救灾",
    "民族、宗教",
    "对外事务",
    "港澳台侨工作",
    "国防",
    "其他",
)

# 体裁分类: the 15 kinds of 公文 (党政机关公文处理工作条例第八条) plus 其他.
GENRES: tuple[str, ...] = (
    "决议",
    "决定",
    "命令（令）",
    "公报",
    "公告",
    "通告",
    "意见",
    "通知",
    "通报",
    "报告",
    "请示",
    "批复",
    "议案",
    "函",
    "纪要",
    "其他",
)


class EntryKind(StrEnum):
    """What an entry is for table 二 (spec catalogue.md §3, annual-report.md §2)."""

    REGULATION = "规章"
    NORMATIVE = "行政规范性文件"
    OTHER = "其他"


class Validity(StrEnum):
    """有效性 of an entry (spec catalogue.md §3)."""

    VALID = "有效"
    LAPSED = "失效"
    REPEALED = "废止"


# The 第二十条 items (every unit), the 第二十一条 items (townships; counties), and "other".
# Key → label; the key is stored.
ITEMS: tuple[tuple[str, str], ...] = (
    ("20.1", "第二十条第（一）项 行政法规、规章和规范性文件"),
    ("20.2", "第二十条第（二）项 机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"),
    ("20.3", "第二十条第（三）项 国民经济和社会发展规划、专项规划、区域规划及相关政策"),
    ("20.4", "第二十条第（四）项 国民经济和社会发展统计信息"),
    ("20.5", "第二十条第（五）项 行政许可和其他对外管理服务事项"),
    ("20.6", "第二十条第（六）项 行政处罚、行政强制"),
    ("20.7", "第二十条第（七）项 财政预算、决算信息"),
    ("20.8", "第二十条第（八）项 行政事业性收费项目及其依据、标准"),
    ("20.9", "第二十条第（九）项 政府集中采购项目"),
    ("20.10", "第二十条第（十）项 重大建设项目"),
    ("20.11", "第二十条第（十一）项 扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"),
    ("20.12", "第二十条第（十二）项 突发公共事件的应急预案、预警信息及应对情况"),
    ("20.13", "第二十条第（十三）项 环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"),
    ("20.14", "第二十条第（十四）项 公务员招考的职位、名额、报考条件等事项以及录用结果"),
    ("20.15", "第二十条第（十五）项 法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"),
    (
        "21.town",
        "第二十一条 乡（镇）人民政府：农村工作政策、农田水利、土地承包经营权流转、宅基地审核、征收、筹资筹劳、社会救助",
    ),
    (
        "21.county",
        "第二十一条 设区的市级、县级人民政府：市政建设、公共服务、公益事业、土地征收、房屋征收、治安管理、社会救助等",
    ),
    ("other", "其他"),
)
ITEM_LABELS: dict[str, str] = dict(ITEMS)


def choices(values: tuple[str, ...] | type[StrEnum]) -> list[tuple[str, str]]:
    """Django-style choices from a vocabulary whose values are their own labels."""
    return [(str(v), str(v)) for v in values]
