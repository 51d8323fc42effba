"""The report as the web page agencies post (文字版): one self-contained, accessible, printable HTML file.

The page is what the reviewer, the reader with a screen reader and our own
importer read later, so its structure carries the meaning: the title is the
``h1``, section titles ``h2``, sub-heads ``h3``; each table has a ``caption``,
its merges come from the form's grid cells (``rowspan``/``colspan``), its
labels are ``th`` and every number names its headers (``headers``), outermost
first, so a screen reader says "行政复议 · 结果纠正 · 1".  Which label heads
which number is read from the grid: the labels above a number (up to the
numbers of the block above) and the labels to its left.

One small style sheet, no fonts: the site's own typeface applies.  Text
reflows down to 320 px; a table wider than the screen scrolls inside its own
box; printing gives A4 with the margins of the other exports.

``fragment_html`` is the same markup without the page around it, its little
style inlined (the site's editor keeps no style sheet), for pasting into the
site's content editor; ``plain_text`` is its plain-text alternative.

An export that is not the final one says so as the other files do
(``exporters.common.Marks``): a notice above the title, in words (a note for
screen readers, framed, printed), and ``gkbg-mark`` / ``gkbg-check-errors`` in
the page's metadata.  The fragment and its plain text carry the notice too: a
draft pasted into a site's editor for a reviewer to see is marked there as well,
and whoever publishes it sees the notice to remove.  The 落款 is
``signature_block``'s: the agency (on one line, the page wraps it), the date or
``UNDATED``; an empty agency keeps its line free as in the other files, drawn
as a rule to write on.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path

from models.form import FormDef, GridCell, TableDef
from models.report import Report

from . import common
from .common import Block, Heading, Marks, Paragraph, Signature, Table, Title, document_blocks, signature_warnings
from .writing import ExportResult, write_atomically
from .geometry import GROUP_ROW_FILL, LABEL_MIN_CHARS, is_group_row

FORM_ATTRIBUTE = "data-gkbg-form"   # names the form on the report's element, so an importer knows our page
MARK_META, ERRORS_META = "gkbg-mark", "gkbg-check-errors"   # the page's metadata, as the other files' properties
MARKS_LABEL = "文稿性质"              # what a screen reader calls the notice of a forced or draft export


# ---------------------------------------------------------------- presentation: classes, or inline style

# Each class and the few declarations it stands for when there is no style sheet (the pasted fragment).
INLINE = {
    "report": "",
    "title": "text-align:center",
    "text": "text-indent:2em",
    # width 0 growing to the whole width: a site's layout table around the fragment is not widened by the
    # table inside (a box of no width adds nothing to its cell's minimum), which scrolls in its box instead
    "table-box": "overflow-x:auto;width:0;min-width:100%",
    "form-table": "border-collapse:collapse",
    "label": "border:1px solid #000;padding:2px 4px;text-align:center;vertical-align:middle;font-weight:normal",
    # the box may scroll: the caption's start stays in sight
    "caption": "font-weight:bold;text-align:left",
    "left": "text-align:left",
    "top": "vertical-align:top",
    "group": f"text-align:left;background:#{GROUP_ROW_FILL}",
    "num": "border:1px solid #000;padding:2px 4px;text-align:right;vertical-align:middle;white-space:nowrap",
    "signature": f"text-align:right;margin-right:{common.SIGNATURE_RIGHT_CHARS}em",
    "signature-box": "display:inline-block;text-align:center",
    "write-in": "width:8em;height:1.8em;margin:0 auto;border-bottom:1px solid #000",
    # no font size: the site's editor keeps its own; the frame and the words tell, the colour only adds
    "marks": "border:2px solid #000;padding:.2em .8em;margin:0 0 1em;font-weight:bold",
    "mark": "margin:0",
    "failed": f"color:#{common.MARK_COLOUR}",
}

STYLE = f"""
html {{ -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }}
body {{ margin: 0; background: #fff; color: #000; line-height: 1.8; }}
.report {{ max-width: 50em; margin: 0 auto; padding: 1em; }}
h1 {{ font-size: 1.5em; line-height: 1.5; text-align: center; margin: 1em 0; }}
h2 {{ font-size: 1.15em; margin: 1.5em 0 .5em; }}
h3 {{ font-size: 1em; margin: 1em 0 .25em; text-indent: 2em; }}
p {{ margin: .4em 0; }}
h1, h2, h3, p, th, td {{ overflow-wrap: anywhere; }}
.text {{ text-indent: 2em; }}
.table-box {{ overflow-x: auto; margin: .5em 0 1.5em; }}
.table-box:focus-visible {{ outline: 3px solid #000; outline-offset: 2px; }}
table {{ border-collapse: collapse; width: 100%; font-size: .9em; line-height: 1.5; }}
caption {{ font-weight: bold; padding: .3em; }}
@media (max-width: 40em) {{ caption {{ text-align: left; }} }}   /* the box scrolls: the caption's start shows */
th, td {{ border: 1px solid #000; padding: .25em .4em; font-weight: normal; text-align: center;
  vertical-align: middle; }}
.left, .group {{ text-align: left; }}
.top {{ vertical-align: top; }}
.group {{ background: #{GROUP_ROW_FILL}; }}
.num {{ text-align: right; white-space: nowrap; overflow-wrap: normal; font-variant-numeric: tabular-nums; }}
.signature {{ text-align: right; margin: 2em {common.SIGNATURE_RIGHT_CHARS}em 0 0; }}
.signature-box {{ display: inline-block; text-align: center; }}
.signature p {{ margin: 0; }}
.signature .write-in {{ width: 8em; height: 1.8em; margin: 0 auto; border-bottom: 1px solid #000; }}
.marks {{ border: 2px solid #000; padding: .2em .8em; margin: 0 0 1em; font-weight: bold; font-size: 1.2em; }}
.mark {{ margin: 0; }}
.failed {{ color: #{common.MARK_COLOUR}; }}
@media print {{
  @page {{ size: A4; margin: {common.MARGIN_TOP_MM}mm {common.MARGIN_RIGHT_MM}mm {common.MARGIN_BOTTOM_MM}mm
    {common.MARGIN_LEFT_MM}mm; }}
  .report {{ max-width: none; padding: 0; }}
  .table-box {{ overflow: visible; }}
  table {{ min-width: 0 !important; }}
  h1, .signature, .marks {{ break-inside: avoid; }}
  .marks {{ break-after: avoid; }}
  h2, h3, caption {{ break-after: avoid; }}
  /* the header rows repeat on each page and never stand alone at a page's foot; a row is not kept whole, as
     a row under a label merged over 22 rows would then push the whole group onto the next page */
  thead {{ display: table-header-group; break-inside: avoid; break-after: avoid; }}
  tbody tr:first-child {{ break-before: avoid; }}
}}
"""

# A table narrower than this (in its own characters) would wrap its labels a character a line: below it, the
# table keeps this width and scrolls inside its box.  Half the form's widths, and two characters a column.
LABEL_SHARE = 0.5
CELL_PADDING_CHARS = 1.0   # .4em of padding each side, and the rule


def min_width_em(table: TableDef) -> float:
    return round(max(LABEL_SHARE * sum(table.column_widths),
                     table.n_cols * (LABEL_MIN_CHARS + CELL_PADDING_CHARS)), 1)


def column_percentages(table: TableDef) -> tuple[float, ...]:
    """The form's proportions of the columns (``TableDef.column_widths``)."""
    total = sum(table.column_widths)
    return tuple(round(100 * w / total, 2) for w in table.column_widths)


def table_id(table: TableDef) -> str:
    return f"gkbg-{table.id}"


def style_sheet(form: FormDef) -> str:
    """The page's one style sheet: the rules above and each table's width and columns, from the form."""
    rules = [STYLE.strip()]
    for table in form.tables:
        rules.append(f"#{table_id(table)} {{ min-width: {min_width_em(table):g}em; }}")
        rules += [f"#{table_id(table)} col:nth-child({i + 1}) {{ width: {w:g}%; }}"
                  for i, w in enumerate(column_percentages(table))]
    return "\n".join(rules) + "\n"


class _Markup:
    """Writes elements with their presentation either as classes (the page) or inlined (the fragment)."""

    def __init__(self, inline: bool) -> None:
        self.inline = inline

    def look(self, *classes: str) -> str:
        classes = tuple(c for c in classes if c)
        if not classes:
            return ""
        if self.inline:
            style = ";".join(INLINE[c] for c in classes if INLINE[c])
            return f' style="{style}"' if style else ""
        return f' class="{" ".join(classes)}"'


def _attributes(**attributes: str | int | None) -> str:
    return "".join(f' {name}="{escape(str(value))}"' for name, value in attributes.items() if value is not None)


# ---------------------------------------------------------------- tables: which labels head which number

@dataclass(frozen=True)
class _Headed:
    """A table's cells as the page marks them up: the labels that are headers (``th``), and each number's
    headers, outermost first (column headers top down, then row headers left to right)."""

    headers: dict[GridCell, tuple[GridCell, ...]]
    scopes: dict[GridCell, str]


def headed_cells(table: TableDef) -> _Headed:
    headers: dict[GridCell, tuple[GridCell, ...]] = {}
    scopes: dict[GridCell, str] = {}
    for cell in table.cells:
        if not cell.is_number:
            continue
        above = _labels_above(table, cell)
        left = _labels_left(table, cell)
        headers[cell] = tuple(above) + tuple(left)
        for label in above:
            scopes[label] = "col" if scopes.get(label, "col") == "col" else ""
        for label in left:
            scopes[label] = "row" if scopes.get(label, "row") == "row" else ""
    return _Headed(headers, scopes)


def _labels_above(table: TableDef, cell: GridCell) -> list[GridCell]:
    """The run of labels over the number's column that begins nearest above it (numbers of the same block,
    as 行政处罚 above 行政强制, are passed over); top first."""
    found: list[GridCell] = []
    for row in range(cell.row - 1, -1, -1):
        above = table.cell_at(row, cell.col)
        if above.is_number:
            if found:
                break
            continue
        if above not in found:
            found.append(above)
    return found[::-1]


def _labels_left(table: TableDef, cell: GridCell) -> list[GridCell]:
    found: list[GridCell] = []
    for col in range(cell.col - 1, -1, -1):
        left = table.cell_at(cell.row, col)
        if not left.is_number and left not in found:
            found.append(left)
    return found[::-1]


def cell_id(table: TableDef, cell: GridCell) -> str:
    return f"gkbg-{table.id}-r{cell.row + 1}c{cell.col + 1}"


def caption_text(report: Report, table: TableDef) -> str:
    """"表三　收到和处理政府信息公开申请情况": the table's caption and its section's title without the numeral."""
    title = report.form.section(table.section).title
    return f"{table.caption}\u3000{title.split('、', 1)[-1]}"


def _table(block: Table, report: Report, markup: _Markup) -> Iterator[str]:
    table = block.table
    headed = headed_cells(table)
    caption = escape(caption_text(report, table))
    # a box that scrolls must be reachable by keyboard, so it is a named region (its name need not be an id
    # that a site's editor might rename)
    yield f'<div{markup.look("table-box")} role="region" tabindex="0" aria-label="{caption}">'
    if markup.inline:
        yield f'<table style="{INLINE["form-table"]};width:100%;min-width:{min_width_em(table):g}em">'
        columns = "".join(f'<col style="width:{w:g}%">' for w in column_percentages(table))
    else:
        yield f'<table{markup.look("form-table")} id="{table_id(table)}">'
        columns = "<col>" * table.n_cols
    caption_look = f' style="{INLINE["caption"]}"' if markup.inline else ""   # the sheet styles <caption>
    yield f"<caption{caption_look}>{caption}</caption><colgroup>{columns}</colgroup>"
    # the header rows in <thead>, repeated on each printed page, unless a cell runs from them into the body
    split = 0 < table.header_rows and all(
        c.row >= table.header_rows or c.row + c.rowspan <= table.header_rows for c in table.cells)
    for r in range(table.n_rows):
        if r == 0:
            yield "<thead>" if split else "<tbody>"
        elif split and r == table.header_rows:
            yield "</thead><tbody>"
        yield "<tr>" + "".join(_cell(block, cell, headed, markup)
                               for cell in sorted((c for c in table.cells if c.row == r), key=lambda c: c.col)) + "</tr>"
    yield "</tbody></table></div>"


def _cell(block: Table, cell: GridCell, headed: _Headed, markup: _Markup) -> str:
    table = block.table
    spans = _attributes(rowspan=cell.rowspan if cell.rowspan > 1 else None,
                        colspan=cell.colspan if cell.colspan > 1 else None)
    text = escape(block.text_of(cell))
    if cell.is_number:
        ids = " ".join(cell_id(table, h) for h in headed.headers[cell])
        return f'<td{spans}{markup.look("num")}{_attributes(headers=ids or None)}>{text}</td>'
    alignment = table.alignment(cell)
    look = markup.look("label", "group" if is_group_row(table, cell) else
                       "left" if alignment == "left" else "top" if alignment == "top" else "")
    if cell in headed.scopes:
        scope = headed.scopes[cell] or None
        return f'<th{spans}{look}{_attributes(id=cell_id(table, cell), scope=scope)}>{text}</th>'
    return f"<td{spans}{look}>{text}</td>"   # a label heading no number (a note such as table 三's corner)


# ---------------------------------------------------------------- the report

def _marks(block: Marks, markup: _Markup) -> str:
    """The notice of a forced or draft export, above the title: the same lines as the other files' first page."""
    lines = "".join(f'<p{markup.look("mark", "failed" if i == 0 and block.errors else "")}>{escape(line)}</p>'
                    for i, line in enumerate(block.lines))
    return f'<div{markup.look("marks")} role="note" aria-label="{MARKS_LABEL}">{lines}</div>'


def _signature(block: Signature, markup: _Markup) -> str:
    """The 落款: the agency on one line (the page wraps it) over the date; a missing agency leaves its line
    free, with a rule to write on."""
    agency = (f"<p>{escape(''.join(block.agency))}</p>" if block.agency
              else f'<p{markup.look("write-in")}></p>')
    return (f'<div{markup.look("signature")}><div{markup.look("signature-box")}>'
            f"{agency}<p>{escape(block.date)}</p></div></div>")


def _title_lines(block: Title) -> list[str]:
    """The agency on one line (a page wraps it at its own width), then the year's line."""
    return ["".join(block.lines[:-1]), block.lines[-1]]


def _body(report: Report, blocks: list[Block], markup: _Markup) -> Iterator[str]:
    # the page's one main landmark; pasted into a site's page, which has its own, a plain division
    element = "div" if markup.inline else "main"
    yield f'<{element}{markup.look("report")} {FORM_ATTRIBUTE}="{escape(report.form.id)}">'
    open_section = False
    for block in blocks:
        if isinstance(block, Marks):
            yield _marks(block, markup)
        elif isinstance(block, Title):
            lines = "<br>".join(escape(line) for line in _title_lines(block) if line)
            yield f'<h1{markup.look("title")}>{lines}</h1>'
        elif isinstance(block, Heading) and block.level == 1:
            if open_section:
                yield "</section>"
            yield f"<section><h2>{escape(block.text)}</h2>"
            open_section = True
        elif isinstance(block, Heading):
            yield f"<h3>{escape(block.text)}</h3>"
        elif isinstance(block, Paragraph):
            yield f'<p{markup.look("text")}>{escape(block.text)}</p>'
        elif isinstance(block, Table):
            yield from _table(block, report, markup)
        elif isinstance(block, Signature):
            if open_section:
                yield "</section>"
                open_section = False
            yield _signature(block, markup)
    if open_section:
        yield "</section>"
    yield f"</{element}>"


def page_title(report: Report) -> str:
    return "".join(common.xml_safe(line).strip() for line in report.title_lines)


def page_html(report: Report, mark: str | None = None) -> str:
    """The whole page: UTF-8, ``lang="zh-CN"``, the style sheet in its head; ``mark``: the clerk's 草稿 /
    征求意见稿 (``exporters.common.DRAFT_MARKS``), the checks' errors marked whatever is chosen."""
    blocks = list(document_blocks(report, mark))
    marks = next((b for b in blocks if isinstance(b, Marks)), Marks(0, None))
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="gkbg {report.form.id}">',
        # as the other files' properties: the errors always (0 on a clean export), the marks when there are any
        f'<meta name="{ERRORS_META}" content="{marks.errors}">',
        *([f'<meta name="{MARK_META}" content="{escape(marks.text)}">'] if marks.lines else []),
        f"<title>{escape(page_title(report))}</title>",
        f"<style>\n{style_sheet(report.form)}</style>",
        "</head>",
        "<body>",
        *_body(report, blocks, _Markup(inline=False)),
        "</body>",
        "</html>",
        "",
    ])


def fragment_html(report: Report, mark: str | None = None) -> str:
    """The report's markup for a site's content editor: body only, the little style it needs inlined; the
    notice of a forced or draft export (``mark`` as in ``page_html``) above the title."""
    return "\n".join(_body(report, list(document_blocks(report, mark)), _Markup(inline=True))) + "\n"


def plain_text(report: Report, mark: str | None = None) -> str:
    """The report as text, for editors that take no HTML: a line a paragraph, a table row a line with its
    cells separated by tabs (as browsers copy tables); the marks first, as on the page."""
    lines: list[str] = []
    for block in document_blocks(report, mark):
        if isinstance(block, Marks):
            lines += block.lines
        elif isinstance(block, Title):
            lines += [line for line in _title_lines(block) if line]
        elif isinstance(block, (Heading, Paragraph)):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines += _table_lines(block)
        elif isinstance(block, Signature):
            lines += ["".join(block.agency), block.date]   # an empty agency: its line left free
    return "\n".join(lines) + "\n"


def _table_lines(block: Table) -> Iterable[str]:
    table = block.table
    for r in range(table.n_rows):
        cells = sorted((c for c in table.cells if c.row == r), key=lambda c: c.col)
        yield "\t".join(block.text_of(c) for c in cells)


def write_html(report: Report, path: str | os.PathLike, *, mark: str | None = None) -> ExportResult:
    """Write the report to ``path`` as a web page (UTF-8), ``mark`` as in ``page_html``; ``ExportError``
    (Chinese) when it cannot be written."""
    data = page_html(report, mark).encode("utf-8")

    def write(temporary: Path) -> None:
        temporary.write_bytes(data)

    write_atomically(path, write)
    return ExportResult(Path(path), "网页", signature_warnings(report))
