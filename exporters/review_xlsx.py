"""The review as a workbook: what a 政务公开办 keeps and filters.

Sheets: 汇总 (one row a report: counts, key figures, flags, or why it could
not be read), 问题 (one row a finding or flag: report, severity, rule, place
and message, worded as everywhere else), 数据 (every number of every report, one row a
cell, for pivot tables), 同级比较 (P25/P50/P75 of each level and year) and 分布
(counts behind bar charts of 公开率, 新收申请 and the findings per rule).
Written in openpyxl's streaming mode, so a folder of thousands stays quick.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from models.form_2021 import FORM_2021
from models.numbers import Value
from models.checks.presentation import HEADINGS, rule_description, rule_name, severity_label, shown
from models.review import KEY_FIGURES, ReviewEntry, ReviewResult
from models.review.figures import NUMBER_REFS

from .writing import write_atomically
from .sheet_text import openpyxl_cell, openpyxl_value

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
ERROR_FILL = PatternFill("solid", fgColor="F8D7D5")
WARNING_FILL = PatternFill("solid", fgColor="FCEFC7")
WRAP = Alignment(wrap_text=True, vertical="top")
PERCENT = "0.0%"

RATE_BINS = tuple((i / 10, (i + 1) / 10, f"{i * 10}%–{(i + 1) * 10}%") for i in range(10))
COUNT_BINS = ((0, 0, "0"), (1, 9, "1–9"), (10, 49, "10–49"), (50, 99, "50–99"), (100, 499, "100–499"),
              (500, 999, "500–999"), (1000, None, "1000 及以上"))


def write_review_xlsx(result: ReviewResult, path: str | os.PathLike) -> None:
    """Write the review workbook to ``path``; raises ``ExportError`` (Chinese message)."""
    write_atomically(path, lambda tmp: review_workbook(result).save(tmp))


def review_workbook(result: ReviewResult) -> Workbook:
    """The workbook, built in streaming mode: it must be saved once, right after (its sheets stream to disk)."""
    wb = Workbook(write_only=True)
    _summary(wb, result)
    _findings(wb, result)
    _numbers(wb, result)
    _peers(wb, result)
    _distribution(wb, result)
    return wb


def _header(ws, titles: list[str], widths: Sequence[float]) -> None:
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    cells = []
    for title in titles:
        cell = openpyxl_cell(ws, title)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAP
        cells.append(cell)
    ws.append(cells)


def _append(ws, values: list) -> None:
    """One row; every value that is not a cell yet goes through ``openpyxl_cell``: text from the reports read
    (agency names, file names, messages) is written as text, never as a formula."""
    ws.append([v if isinstance(v, Cell) else openpyxl_value(ws, v) for v in values])


def _cell(ws, value, *, fmt: str | None = None, fill: PatternFill | None = None, wrap: bool = False):
    cell = openpyxl_cell(ws, value)
    if fmt:
        cell.number_format = fmt
    if fill:
        cell.fill = fill
    if wrap:
        cell.alignment = WRAP
    return cell


def _filter(ws, columns: int, rows: int) -> None:
    ws.auto_filter.ref = f"A1:{get_column_letter(columns)}{max(rows, 1) + 1}"


def _name(entry: ReviewEntry) -> str:
    return Path(entry.file).name


def _summary(wb: Workbook, result: ReviewResult) -> None:
    ws = wb.create_sheet("汇总")
    titles = ["序号", "文件", "机关", "年度", "级别", "读取格式", "错误", "警告", "异常"]
    titles += [f.name for f in KEY_FIGURES] + ["跨年核对的上年报告", "配对依据", "无法读取的原因", "异常说明", "路径"]
    _header(ws, titles, [6, 28, 28, 7, 11, 10, 6, 6, 6] + [9] * len(KEY_FIGURES) + [26, 30, 40, 60, 40])
    from importers import FORMAT_NAMES
    for n, e in enumerate(result.entries, 1):
        fill = ERROR_FILL if (e.error or e.errors) else WARNING_FILL if (e.warnings or e.flags) else None
        row = [_cell(ws, n), _cell(ws, _name(e), fill=fill), _cell(ws, e.agency or None), _cell(ws, e.year),
               _cell(ws, e.level or None), _cell(ws, FORMAT_NAMES.get(e.source_format, e.source_format) or None)]
        if e.error:
            row += [_cell(ws, None)] * (3 + len(KEY_FIGURES) + 2) + [_cell(ws, e.error, wrap=True)]
        else:
            row += [_cell(ws, e.errors), _cell(ws, e.warnings), _cell(ws, len(e.flags))]
            row += [_cell(ws, e.figures.get(f.key), fmt=PERCENT if f.rate else None) for f in KEY_FIGURES]
            row += [_cell(ws, Path(e.prior_file).name if e.prior_file else None),
                    _cell(ws, e.prior_ground or None, wrap=True), _cell(ws, None)]
        row += [_cell(ws, "\n".join(f.message for f in e.flags) or None, wrap=True), _cell(ws, e.file)]
        _append(ws, row)
    _filter(ws, len(titles), len(result.entries))


def _findings(wb: Workbook, result: ReviewResult) -> None:
    ws = wb.create_sheet("问题")
    titles = ["文件", "机关", "年度", *HEADINGS]
    _header(ws, titles, [28, 28, 7, 7, 14, 36, 80])
    rows = 0
    fills = {"error": ERROR_FILL, "warning": WARNING_FILL}
    for e in result.entries:
        head = [_name(e), e.agency or None, e.year]
        if e.error:
            _append(ws, [*head, severity_label("error"), "无法读取", None, e.error])
            rows += 1
            continue
        for f in e.findings:
            words = shown(f)
            _append(ws, [*head, _cell(ws, words.severity, fill=fills.get(f.severity)), words.rule,
                       words.place or None, _cell(ws, words.message, wrap=True)])
            rows += 1
        for flag in e.flags:
            _append(ws, [*head, _cell(ws, "异常", fill=WARNING_FILL), "异常值（跨年跳变、偏离同级、重复报告）",
                       None, _cell(ws, flag.message, wrap=True)])
            rows += 1
    _filter(ws, len(titles), rows)


def _number(value: Value):
    """A number the spreadsheet can sum: counts as integers, fees (decimal text) as numbers when they parse."""
    if isinstance(value, str):
        try:
            return float(Decimal(value))
        except InvalidOperation:
            return value
    return value


def _numbers(wb: Workbook, result: ReviewResult) -> None:
    ws = wb.create_sheet("数据")
    titles = ["文件", "机关", "年度", "级别", "表", "单元格", "键", "数值", "类别", "表中印为"]
    _header(ws, titles, [28, 28, 7, 11, 6, 40, 34, 10, 7, 9])
    captions = {t.id: t.caption for t in FORM_2021.tables}
    names = [FORM_2021.definition(ref).name for ref in NUMBER_REFS]
    kinds = ["填报" if FORM_2021.is_input(ref) else "合计" for ref in NUMBER_REFS]
    rows = 0
    for e in result.entries:
        if e.error:
            continue
        head = [_name(e), e.agency or None, e.year, e.level or None]
        for ref, name, kind, value in zip(NUMBER_REFS, names, kinds, e.numbers):
            stated = e.stated.get(str(ref))
            _append(ws, [*head, captions[ref.table], name, str(ref), _number(value), kind,
                       _number(stated) if stated is not None else None])
            rows += 1
    _filter(ws, len(titles), rows)


def _peers(wb: Workbook, result: ReviewResult) -> None:
    ws = wb.create_sheet("同级比较")
    titles = ["级别", "年度", "指标", "份数", "P25", "P50（中位数）", "P75"]
    _header(ws, titles, [12, 7, 10, 7, 10, 12, 10])
    rows = 0
    for (level, year), figures in result.quartiles.items():
        for f in KEY_FIGURES:
            q = figures.get(f.key)
            if q is None:
                continue
            fmt = PERCENT if f.rate else "0.##"
            _append(ws, [level, year, f.name, q.count, _cell(ws, q.p25, fmt=fmt), _cell(ws, q.p50, fmt=fmt),
                       _cell(ws, q.p75, fmt=fmt)])
            rows += 1
    _filter(ws, len(titles), rows)


def _in_bin(value, low, high, last: bool) -> bool:
    if value < low:
        return False
    if high is None:
        return True
    return value <= high if last else value < high


def _distribution(wb: Workbook, result: ReviewResult) -> None:
    """Three small tables, each under its bar chart's anchor on the right."""
    ws = wb.create_sheet("分布")
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 10
    ws.column_dimensions["C"].width = 30
    readable = result.readable
    rates = [e.figures["disclosure_rate"] for e in readable if e.figures.get("disclosure_rate") is not None]
    news = [e.figures["new"] for e in readable if e.figures.get("new") is not None]
    by_rule = Counter((f.rule, f.severity) for e in readable for f in e.findings if f.severity != "info")
    blocks: list[tuple[str, str, list[tuple]]] = [
        ("公开率分布（份数）", "公开率", [(label, sum(_in_bin(v, lo, hi, i == len(RATE_BINS) - 1) for v in rates))
                                   for i, (lo, hi, label) in enumerate(RATE_BINS)]),
        ("新收申请件数分布（份数）", "新收申请", [(label, sum(_in_bin(v, lo, hi, True) for v in news))
                                      for lo, hi, label in COUNT_BINS]),
        ("各规则发现的问题（错误、警告）", "问题数",
         [(f"{rule_name(rule)}（{severity_label(sev)}）", n, rule_description(rule))
          for (rule, sev), n in sorted(by_rule.items(), key=lambda item: (-item[1], item[0]))]),
    ]
    row = 1
    for title, series, data in blocks:
        _append(ws, [_cell(ws, title, fmt=None)])
        header_row = row + 1
        _append(ws, [_cell(ws, "区间" if series != "问题数" else "规则"), _cell(ws, series),
                   _cell(ws, "规则说明" if series == "问题数" else None)])
        for label, count, *name in data:
            _append(ws, [label, count, *name])
        last = header_row + len(data)
        if data:
            chart = BarChart()
            chart.type = "col" if series != "问题数" else "bar"
            chart.title = title
            chart.legend = None
            chart.height, chart.width = 7.5, 16
            chart.add_data(Reference(ws, min_col=2, min_row=header_row, max_row=last), titles_from_data=True)
            chart.set_categories(Reference(ws, min_col=1, min_row=header_row + 1, max_row=last))
            ws.add_chart(chart, f"E{row}")
        gap = max(len(data) + 2, 16)  # the chart is about 15 rows tall
        for _ in range(gap - len(data) - 2):
            _append(ws, [])
        row += gap
