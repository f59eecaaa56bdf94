"""``xxgk catalogue import/scan``, ``xxgk stats import`` and table 二 of ``report build``, run in-process."""

from __future__ import annotations

import csv
import io

import pytest

from tests.apps.catalogue.conftest import docx_bytes, pdf_bytes
from tests.factories import UnitFactory
from xxgk.apps.catalogue.models import Entry, ScanFinding
from xxgk.cli import main
from xxgk.core.catalogue.rows import HEADERS

UNIT = "勍香镇人民政府"
ID = "11010519491231002X"


def _row(**values: str) -> list[str]:
    return [values.get(h, "") for h in HEADERS]


# Hand-counted table 二 for 2024: 规章 issued 1 (B), repealed 0, in force 2 (A, B);
# 行政规范性文件 issued 2 (D, E), repealed 2 (C, E), in force 1 (D; F takes effect in 2025).
ROWS = [
    _row(名称="A 规章", 生成日期="2022-04-01", 发布日期="2022-04-10", 类型="规章", 生效日期="2022-05-01"),
    _row(名称="B 规章", 生成日期="2024-03-01", 发布日期="2024-03-10", 类型="规章", 生效日期="2024-04-01"),
    _row(
        名称="C 规范性文件",
        生成日期="2022-12-01",
        发布日期="2022-12-10",
        类型="行政规范性文件",
        生效日期="2023-01-01",
        废止日期="2024-06-30",
        有效性="废止",
    ),
    _row(
        名称="D 规范性文件", 生成日期="2024-01-10", 发布日期="2024-01-20", 类型="行政规范性文件", 生效日期="2024-02-01"
    ),
    _row(
        名称="E 规范性文件",
        生成日期="2024-02-10",
        发布日期="2024-02-20",
        类型="行政规范性文件",
        生效日期="2024-03-01",
        废止日期="2024-11-01",
    ),
    _row(
        名称="F 规范性文件", 生成日期="2024-12-20", 发布日期="2024-12-25", 类型="行政规范性文件", 生效日期="2025-01-01"
    ),
    _row(
        名称="G 预算公开",
        生成日期="2024-01-05",
        发布日期="2024-01-08",
        第二十条项="（七）",
        主题分类="财政、金融、审计",
        正文=f"经办人身份证号{ID}",
    ),
]


@pytest.fixture
def unit(db):
    return UnitFactory(name=UNIT)


def _csv(tmp_path, rows, name="目录.csv", headers=HEADERS, encoding="utf-8"):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def _cells(capsys) -> dict[str, str]:
    out = capsys.readouterr().out
    return dict(line.split(",", 1) for line in out.splitlines()[1:])


@pytest.mark.django_db
def test_a_file_with_one_bad_row_imports_nothing_and_names_the_line(tmp_path, unit, capsys):
    rows = [*ROWS[:3], _row(名称="坏行", 生成日期="2024-02-30", 发布日期="2024-03-01", 类型="规范性文件X"), *ROWS[3:]]
    assert main(["catalogue", "import", str(_csv(tmp_path, rows)), "--unit", UNIT, "--publish"]) == 2
    err = capsys.readouterr().err
    assert "未导入任何条目" in err
    assert "第5行：生成日期“2024-02-30”不是YYYY-MM-DD格式的日期；类型“规范性文件X”应为规章、行政规范性文件或其他" in err
    assert not Entry.objects.exists()


@pytest.mark.django_db
def test_imported_and_published_catalogue_gives_the_hand_counted_table_2(tmp_path, unit, capsys):
    assert main(["catalogue", "import", str(_csv(tmp_path, ROWS, encoding="gbk")), "--unit", UNIT, "--publish"]) == 0
    out = capsys.readouterr().out
    assert "已导入并发布 7 条目录" in out
    assert "第8行 正文第1行：身份证号码 110***********002X" in out
    numbers = dict(Entry.objects.values_list("current__title", "index_number"))
    assert numbers["A 规章"] == f"{unit.org_code}/2022-00001"
    assert numbers["C 规范性文件"] == f"{unit.org_code}/2022-00002"
    # 2024 in 发布日期 order: G (01-08), D (01-20), E (02-20), B (03-10), F (12-25)
    assert [numbers[t][-5:] for t in ("G 预算公开", "D 规范性文件", "E 规范性文件", "B 规章", "F 规范性文件")] == [
        "00001",
        "00002",
        "00003",
        "00004",
        "00005",
    ]
    assert ScanFinding.objects.get().acknowledgement_note == "导入已发布的目录时确认"
    assert main(["report", "build", "--unit", UNIT, "--year", "2024", "--to", "cells"]) == 0
    cells = _cells(capsys)
    assert {k: v for k, v in cells.items() if k.startswith("t2.")} == {
        "t2.regulations.issued": "1",
        "t2.regulations.repealed": "0",
        "t2.regulations.in_force": "2",
        "t2.normative_documents.issued": "2",
        "t2.normative_documents.repealed": "2",
        "t2.normative_documents.in_force": "1",
        "t2.licensing.decisions": "0",
        "t2.punishment.decisions": "0",
        "t2.coercion.decisions": "0",
        "t2.fees.amount": "0",
    }


@pytest.mark.django_db
def test_import_without_publish_leaves_drafts_and_a_missing_date_is_refused_only_when_publishing(
    tmp_path, unit, capsys
):
    rows = [_row(名称="草稿", 生成日期="2024-01-05")]
    assert main(["catalogue", "import", str(_csv(tmp_path, rows)), "--unit", UNIT, "--publish"]) == 2
    assert "第2行：发布时须填写发布日期" in capsys.readouterr().err
    assert main(["catalogue", "import", str(_csv(tmp_path, rows)), "--unit", UNIT]) == 0
    entry = Entry.objects.get()
    assert entry.status == "unpublished" and entry.index_number is None


@pytest.mark.django_db
def test_import_refuses_unknown_headers_unknown_units_and_missing_files(tmp_path, unit, capsys):
    path = _csv(tmp_path, [["x", "2024-01-01"]], headers=["名称", "成文时间"])
    assert main(["catalogue", "import", str(path), "--unit", UNIT]) == 2
    assert "第1行（表头）：缺少列：生成日期" in capsys.readouterr().err
    assert main(["catalogue", "import", str(_csv(tmp_path, ROWS)), "--unit", "没有这个镇"]) == 2
    assert "找不到单位" in capsys.readouterr().err
    assert main(["catalogue", "import", str(tmp_path / "nope.csv"), "--unit", UNIT]) == 2
    assert "找不到文件" in capsys.readouterr().err


@pytest.mark.django_db
def test_stats_import_fills_the_figures_of_table_2(tmp_path, unit, capsys):
    good = _csv(
        tmp_path,
        [[UNIT, "2024", "12", "3", "1", "12.35"]],
        name="统计.csv",
        headers=["单位", "年度", "行政许可", "行政处罚", "行政强制", "行政事业性收费"],
    )
    assert main(["stats", "import", str(good)]) == 0
    assert main(["report", "build", "--unit", UNIT, "--year", "2024", "--to", "cells"]) == 0
    cells = _cells(capsys)
    assert [cells[f"t2.{k}"] for k in ("licensing.decisions", "punishment.decisions", "coercion.decisions")] == [
        "12",
        "3",
        "1",
    ]
    assert cells["t2.fees.amount"] == "12.35"


@pytest.mark.django_db
def test_stats_import_with_a_bad_row_changes_nothing(tmp_path, unit, capsys):
    bad = _csv(
        tmp_path,
        [
            [UNIT, "2024", "12", "3", "1", "12.35"],
            [UNIT, "2024", "-1", "", "", "abc"],
            ["别处", "2024", "1", "1", "1", "1"],
        ],
        name="统计.csv",
        headers=["单位", "年度", "行政许可", "行政处罚", "行政强制", "行政事业性收费"],
    )
    assert main(["stats", "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "第3行：行政许可“-1”应为不小于0的整数；行政事业性收费“abc”应为金额（万元），如12.35；与第2行重复" in err
    assert "第4行：找不到单位“别处”" in err
    from xxgk.apps.catalogue.models import UnitYearFigures

    assert not UnitYearFigures.objects.exists()


def test_scan_finds_an_id_number_a_mobile_and_a_secrecy_marking_in_docx_and_pdf(tmp_path, capsys):
    lines = ("关于某事项的通知", f"申请人身份证号：{ID}", "联系电话：13812345678")
    docx = tmp_path / "通知.docx"
    docx.write_bytes(docx_bytes(*lines, header="机密★1年"))
    pdf = tmp_path / "通知.pdf"
    pdf.write_bytes(pdf_bytes("机密★\n" + "\n".join(lines)))
    assert main(["catalogue", "scan", str(docx), str(pdf)]) == 1
    out = capsys.readouterr().out
    for name in ("通知.docx", "通知.pdf"):
        block = out.split(name + "：", 1)[1]
        assert "身份证号码 110***********002X" in block
        assert "手机号码 138****5678" in block
        assert "密级或内部标志 机密★" in block
    assert "第1页第" in out.split("通知.pdf：", 1)[1]


def test_scan_of_an_ordinary_document_finds_nothing(tmp_path, capsys):
    path = tmp_path / "普通.docx"
    lines = ("关于做好春季森林防火工作的通知", "各村（社区）：请做好防火工作。", "咨询电话：0371-6312345")
    path.write_bytes(docx_bytes(*lines))
    html = tmp_path / "普通.html"
    html.write_text("<html><body><p>政府信息公开指南</p><p>办公时间：工作日</p></body></html>", encoding="utf-8")
    assert main(["catalogue", "scan", str(path), str(html)]) == 0
    assert "未发现需要注意的内容" in capsys.readouterr().out


def test_scan_exits_2_on_an_unreadable_file(tmp_path, capsys):
    broken = tmp_path / "坏.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    text = tmp_path / "ok.txt"
    text.write_text(f"身份证{ID}", encoding="gbk")
    assert main(["catalogue", "scan", str(broken), str(text), str(tmp_path / "missing.txt")]) == 2
    captured = capsys.readouterr()
    assert "坏.pdf：无法读取" in captured.err and "missing.txt：无法读取" in captured.err
    assert "身份证号码" in captured.out


@pytest.mark.django_db
def test_an_xlsx_catalogue_with_date_cells_is_imported(tmp_path, unit, capsys):
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(list(HEADERS))
    values = dict(zip(HEADERS, ROWS[1], strict=True))
    values.update(生成日期=dt.datetime(2024, 3, 1), 发布日期=dt.datetime(2024, 3, 10), 生效日期=dt.datetime(2024, 4, 1))
    sheet.append([values[h] for h in HEADERS])
    path = tmp_path / "目录.xlsx"
    book.save(path)
    assert main(["catalogue", "import", str(path), "--unit", UNIT, "--publish"]) == 0
    entry = Entry.objects.get()
    assert entry.published_on == dt.date(2024, 3, 10) and entry.current.effective_on == dt.date(2024, 4, 1)
    assert entry.index_number == f"{unit.org_code}/2024-00001"


def test_scan_reads_xlsx_sheets_and_names_the_sheet(tmp_path, capsys):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "名单"
    book.active.append(["姓名", "身份证号"])
    book.active.append(["王五", ID])
    path = tmp_path / "名单.xlsx"
    book.save(path)
    assert main(["catalogue", "scan", str(path)]) == 1
    assert "工作表“名单”第2行：身份证号码" in capsys.readouterr().out


def _picture(lines: tuple[str, ...]) -> bytes:
    """A photographed page: black text on white, in the Noto CJK font the project installs."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 36)
    image = Image.new("RGB", (1400, 90 * len(lines) + 60), "white")
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((40, 40 + 90 * number), line, fill="black", font=font)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(150, 150))
    return out.getvalue()


def test_scan_reads_a_picture_by_ocr_and_finds_the_id_number_and_the_marking(tmp_path, capsys):
    path = tmp_path / "身份证复印件.png"
    path.write_bytes(_picture(("机密★", f"公民身份号码 {ID}", "联系电话 13812345678")))
    assert main(["catalogue", "scan", str(path)]) == 1
    out = capsys.readouterr().out
    assert "身份证号码 110***********002X" in out
    assert "手机号码 138****5678" in out
    assert "密级或内部标志 机密★" in out


def test_a_picture_without_findings_scans_clean(tmp_path, capsys):
    path = tmp_path / "通知.png"
    path.write_bytes(_picture(("关于做好春季森林防火工作的通知", "请各村做好防火工作")))
    assert main(["catalogue", "scan", str(path)]) == 0
