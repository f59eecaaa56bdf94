"""HTML renderings of the official-layout report: a bare fragment and a saved government web page."""

from __future__ import annotations

from html import escape

from tests.documents.fixtures_report import BODY, Spec, rows_of, table2, table3, table4

PAGE_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta charset="utf-8">
<title>示例县人民政府办公室2023年政府信息公开工作年度报告_年度报告_示例县人民政府</title>
<link rel="stylesheet" href="/css/main.css">
<style>body { font-family: "SimSun"; } .nav li { float: left; }</style>
<script type="text/javascript">var _hmt = _hmt || []; document.write("<table><tr><td>广告</td></tr></table>");</script>
</head>
<body>
<!-- 头部开始 -->
<div class="header"><img src="/images/logo.png" alt="示例县人民政府"><span>示例县人民政府</span></div>
<nav class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/hdjl/">互动交流</a></li></ul></nav>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 年度报告</div>
<table width="1000" border="0" cellspacing="0" cellpadding="0" class="layout">
  <tr>
    <td width="220" valign="top" class="left">
      <div class="lanmu">栏目导航</div>
      <ul><li><a href="/ndbg/">政府信息公开年报</a></li><li><a href="/zn/">政府信息公开指南</a></li></ul>
    </td>
    <td width="780" valign="top" class="main">
      <div class="info">发布时间：2024-01-20 来源：县政府办
        <script>showCount();</script>浏览次数：<span id="n"></span></div>
      <div class="content">
"""
PAGE_FOOT = """      </div>
      <noscript>请开启浏览器的脚本功能</noscript>
    </td>
  </tr>
</table>
<template><p>模板内容</p></template>
<div class="footer"><p>版权所有：示例县人民政府办公室 &nbsp; 网站标识码：0000000001</p>
<p>备案号：某ICP备00000000号</p></div>
<script src="/js/jquery.min.js"></script>
</body>
</html>
"""

TABLES = {"t2": table2, "t3": table3, "t4": table4}


def render_table(specs: list[Spec], *, nbsp: bool = False, indent: str = "        ") -> str:
    """One <table> as a word processor exports it: pretty-printed, spans as attributes."""
    out = [f'{indent}<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">']
    out.append(f"{indent}<tbody>")
    for row in rows_of(specs):
        out.append(f"{indent}  <tr>")
        for s in row:
            attrs = (f' rowspan="{s.rowspan}"' if s.rowspan > 1 else "") + (
                f' colspan="{s.colspan}"' if s.colspan > 1 else ""
            )
            text = escape(s.text).replace("&lt;br&gt;", "<br>")
            if nbsp:
                text = f"&nbsp;{text}&nbsp;" if text.isdigit() else text.replace("<br>", "&nbsp;<br>&nbsp;")
            out.append(f'{indent}    <td{attrs} valign="center">\n{indent}      <p align="center">{text}</p>\n')
            out.append(f"{indent}    </td>")
        out.append(f"{indent}  </tr>")
    out.append(f"{indent}</tbody>")
    out.append(f"{indent}</table>")
    return "\n".join(out) + "\n"


def render_body(*, nbsp: bool = False, split: bool = False) -> str:
    """The report's paragraphs and tables; ``split`` prints table 三 as two tables."""
    out = []
    for kind, value in BODY:
        if kind == "p":
            tag = "h1" if value == BODY[0][1] else "p"
            out.append(f'        <{tag} style="text-indent:2em">{escape(str(value))}</{tag}>\n')
            continue
        specs = table3("<br>") if value == "t3" else TABLES[str(value)]()
        if split and value == "t3":
            out.append(render_table([s for s in specs if s.row <= 5], nbsp=nbsp))
            out.append("        <p>&nbsp;</p>\n")
            rest = [Spec(s.row - 5, s.col, s.text, s.rowspan, s.colspan) for s in specs if s.row > 5]
            out.append(render_table(rest, nbsp=nbsp))
        else:
            out.append(render_table(specs, nbsp=nbsp))
    return "".join(out)


def report_page(*, nbsp: bool = False, split: bool = False) -> str:
    """The report wrapped in a saved government web page with navigation and a layout table."""
    return PAGE_HEAD + render_body(nbsp=nbsp, split=split) + PAGE_FOOT


def report_fragment() -> str:
    """The report alone, as an HTML fragment without <html> or <body>."""
    return render_body()
