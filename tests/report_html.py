"""Test fixtures: a report rendered as the saved web page (文字版) of a government site.

The page is built the way such sites publish: site navigation and a footer
around a content ``div``, the title in an ``h1`` outside it, paragraphs in
``<p>`` with a full-width indent, and the three tables from FORM_2021's grid
cells with ``rowspan``/``colspan`` and inline styles.  Totals are printed as
the report computes them unless ``printed`` overrides a cell.
"""
from __future__ import annotations

from html import escape

from models.numbers import format_value
from models.report import Report, numbered_heading


COLLAPSED = 'border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%"'


def ruled_cell(cell) -> str:
    """A cell's ``style``: every side ruled, the text centred."""
    return "border:1px solid #000;text-align:center"


def table_html(report: Report, table, printed: dict | None = None, *, cell_extra: str = "",
               attributes: str = COLLAPSED, cell_style=ruled_cell) -> str:
    """A table as the site's editor writes it: ``attributes`` of the ``<table>``, ``cell_style(cell)`` of
    each ``<td>`` (a form cell, its row and column known; "" for none)."""
    printed = printed or {}
    totals = report.totals()
    rows = []
    for r in range(table.n_rows):
        cells = []
        for cell in sorted((c for c in table.cells if c.row == r), key=lambda c: c.col):   # HTML's order
            if cell.ref is None:
                text = escape(cell.text)
            elif cell.ref in printed:
                text = escape(str(printed[cell.ref]))
            elif cell.ref in totals:
                text = format_value(totals[cell.ref])
            else:
                text = format_value(report.values.get(cell.ref))
            spans = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + \
                    (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "")
            style = cell_style(cell)
            cells.append(f'<td{spans}{f" style={chr(34)}{style}{chr(34)}" if style else ""}>'
                         f'<p style="margin:0">{text}{cell_extra}</p></td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table {attributes}><tbody>" + "\n".join(rows) + "</tbody></table>"


def page(report: Report, printed: dict | None = None, **markup) -> str:
    """The whole saved page, navigation and footer included; ``markup``: ``table_html``'s ``attributes`` and
    ``cell_style`` for the tables."""
    body = []
    for line in report.preamble.splitlines():
        body.append(f'<p style="text-indent:2em">{escape(line)}</p>')
    tables = {t.section: t for t in report.form.tables}
    for section in report.form.sections:
        body.append(f'<p style="text-indent:2em"><strong>{escape(section.title)}</strong></p>')
        if section.id in tables:
            body.append(table_html(report, tables[section.id], printed, **markup))
            continue
        for index, sub in enumerate(report.sections.get(section.id, [])):
            if sub.heading:
                body.append(f'<p style="text-indent:2em"><span style="font-family:楷体">'
                            f'{escape(numbered_heading(index, sub.heading))}</span></p>')
            for line in sub.text.splitlines():
                body.append(f'<p style="text-indent:2em">&emsp;&emsp;{escape(line)}</p>')
    body += [f'<p style="text-align:right">{escape(line)}</p>' for line in signature(report)]
    title = f"{report.agency}{report.year}年政府信息公开工作年度报告"
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}_政府信息公开</title>
<style>td {{ font-size: 14px; }}</style><script>var nav = "<p>一、总体情况</p>";</script></head>
<body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/xxgk">政府信息公开</a> &gt; 政府信息公开年报</div>
<div class="article">
<h1 class="title">{escape(report.agency)}<br>{report.year}年政府信息公开工作年度报告</h1>
<div class="info">发布时间：{report.year + 1}-01-20 来源：{escape(report.agency)} 浏览次数：1024</div>
<div class="content" id="zoom">
{chr(10).join(body)}
</div>
<div class="tools">【打印本页】【关闭窗口】</div>
</div>
<div class="footer">主办单位：{escape(report.agency)}办公室 技术支持：某某网络公司 网站标识码：3208000001</div>
</body></html>
"""


def signature(report: Report) -> list[str]:
    """The 落款 as the page prints it: the agency, then the date ("2026年1月20日"); none without a date."""
    if not report.date:
        return []
    year, month, day = (int(part) for part in report.date.split("-"))
    return [report.agency, f"{year}年{month}月{day}日"]


def copied_text(report: Report, printed: dict | None = None) -> str:
    """The page as a browser copies it to the clipboard: a line per paragraph, a table row per line with the
    cells that begin in that row joined by tabs (merged cells lose their place)."""
    printed = printed or {}
    totals = report.totals()
    lines = [report.agency, f"{report.year}年政府信息公开工作年度报告", *report.preamble.splitlines()]
    tables = {t.section: t for t in report.form.tables}
    for section in report.form.sections:
        lines.append(section.title)
        if section.id not in tables:
            lines += report.section_text(section.id).splitlines()
            continue
        table = tables[section.id]
        for r in range(table.n_rows):
            cells = []
            for cell in sorted((c for c in table.cells if c.row == r), key=lambda c: c.col):
                if cell.ref is None:
                    cells.append(cell.text)
                elif cell.ref in printed:
                    cells.append(str(printed[cell.ref]))
                else:
                    cells.append(format_value(totals[cell.ref] if cell.ref in totals else report.values.get(cell.ref)))
            lines.append("\t".join(cells))
    return "\n".join(lines + signature(report)) + "\n"
