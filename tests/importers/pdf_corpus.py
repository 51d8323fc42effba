"""Test support: published PDFs made the ways agencies make them, with the page break put where a test wants it.

Two producers: LibreOffice saving the official Word template filled in (as
``fill_template`` types it), and Chromium printing the saved web page of a
report (``tests.report_html``).  A page break can be asked for before any row
of table 三 ("push 四、结转下年度继续办理 onto the next page", "break inside the
merged （三）不予公开"): a first print measures where the row lies, a second
moves table 三 down by a filler of the height that makes the page end in the
middle of that row.  Variants: underlined labels, heading rows repeated on
every page, other type faces and sizes, labels set in the middle of their
merged cells, a browser's running heads and feet; and the table markup CMSs write (``TABLE_MARKUPS``): every
cell boxed apart (``<table border="1">``, HTML's default cell spacing), wide spacing round small type, thick
borders, Word's cell styles pasted without collapsed borders.  LibreOffice also prints the saved page itself.
"""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from importers.doubled import single_borders
from importers.pdf_content import read_pages
from models.form import CellRef
from models.form_2021 import FORM_2021, REQUEST_ROWS
from models.report import Report
from tests.export_support import soffice_convert
from tests.importers.test_docx import add_paragraphs_after, fill_template
from tests.report_html import page

TABLE_THREE_TITLE = FORM_2021.section("requests").title
A4_LONG_SIDE, A4_SHORT_SIDE = 841.9, 595.3   # points
PAPER_HEIGHT = {"A4": A4_LONG_SIDE, "A4 landscape": A4_SHORT_SIDE, "A5": 595.3}
LO_TEXT_BOTTOM = A4_LONG_SIDE - 72.0  # the template's A4 page less its bottom margin, in points
CHROMIUM_MARGIN_PT = 56.7             # @page margin: 20mm
PX = 0.75                             # points per CSS pixel
FILLER_LINE = 20.0                    # points: the filler above table 三 is made of empty lines this high
PLACING_ROUNDS = 4                    # prints to place a page break where asked (a row moves other rows)


@dataclass
class Made:
    """A PDF of the corpus and what it must read as."""

    path: Path
    source: Report
    producer: str
    variant: str
    break_before: str = ""                       # the label of the row the page break was put before
    expected: dict[CellRef, object] = field(default_factory=dict)


def printed_numbers(report: Report) -> dict[CellRef, object]:
    """Every number the print shows: the inputs, and the totals as printed (the report's own where it states
    them, else the sums)."""
    totals = report.totals()
    numbers: dict[CellRef, object] = {d.ref: report.values[d.ref] for d in FORM_2021.inputs if d.ref in report.values}
    for d in FORM_2021.computed:
        value = report.stated.get(d.ref, totals.get(d.ref))
        if value is not None:
            numbers[d.ref] = value
    return numbers


def row_label(key: str) -> str:
    """The most specific label the form prints for a row of table 三 ("四、结转下年度继续办理")."""
    row = next(r for r in REQUEST_ROWS if r.key == key)
    return row.c or row.b or row.a


# ---------------------------------------------------------------- where a row lies on the page

def _row_span(pdf: Path, label: str) -> tuple[int, float, float]:
    """(page, top, bottom) of the row of table 三 whose label starts with ``label``'s first characters,
    bounded by the ruled lines across the last column (a border printed twice, round two boxed cells, as one)."""
    probe = label[:6]
    for printed in read_pages(pdf):
        text = "".join(g.text for g in printed.glyphs)   # one character a glyph
        start = text.find(probe)
        if start < 0:
            continue
        y = printed.glyphs[start].y
        rules = single_borders(printed.rules, printed.glyphs)
        right = max((r.end for r in rules if r.horizontal), default=0)
        across = sorted(r.at for r in rules if r.horizontal and r.start <= right - 5 <= r.end + 1)
        # a row that begins a page may have no rule above it: the table's side says where the page's part begins
        sides = [r for r in rules if not r.horizontal and r.start <= y <= r.end]
        above = [at for at in across if at <= y] or [min(r.start for r in sides)] if sides else []
        below = [at for at in across if at > y] or [max(r.end for r in sides)] if sides else []
        if above and below:
            return printed.number, above[-1], below[0]
    raise AssertionError(f"打印件中找不到“{label}”一行")


def _next_filler(pdf: Path, key: str, text_bottom: float, filler: float) -> float | None:
    """The filler that moves table 三 so that the page ends in the middle of the row ``key``; ``None`` when
    the row already begins a page (the row before it is on the page before)."""
    page, top, bottom = _row_span(pdf, row_label(key))
    keys = [r.key for r in REQUEST_ROWS]
    before = keys[keys.index(key) - 1]
    if _row_span(pdf, row_label(before))[0] < page:
        return None
    return filler + text_bottom - (top + bottom) / 2


# ---------------------------------------------------------------- LibreOffice from the official template

def template_docx(report: Report, path: Path, *, filler: float = 1.0, underline: bool = False,
                  repeat: bool = False, font: str | None = None, size: float | None = None) -> Path:
    """The template filled in, with table 三 on a fresh page below a filler ``filler`` points high."""
    fill_template(report, path, printed=report.stated)
    document = docx.Document(str(path))
    heading = next(p for p in document.paragraphs if p.text.startswith(TABLE_THREE_TITLE))
    heights = [FILLER_LINE] * int(filler // FILLER_LINE) + [filler % FILLER_LINE or 0.5]
    for k, height in enumerate(heights):   # empty lines of exact heights (LibreOffice caps a single one)
        spacer = heading.insert_paragraph_before("")
        spacer.paragraph_format.page_break_before = k == 0
        spacer.paragraph_format.space_before = spacer.paragraph_format.space_after = Pt(0)
        spacer.paragraph_format.line_spacing = Pt(height)
        spacer.paragraph_format.line_spacing_rule = docx.enum.text.WD_LINE_SPACING.EXACTLY
        snap = OxmlElement("w:snapToGrid")   # the template's document grid would round each line up
        snap.set(qn("w:val"), "0")
        spacer._p.get_or_add_pPr().append(snap)
    for t, table in enumerate(document.tables):
        for r, row in enumerate(table.rows):
            if repeat and t == 1 and r < FORM_2021.table("requests").header_rows:
                row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        if underline and not run.text.strip().replace(".", "").isdigit():
                            run.underline = True
                        if font:
                            run.font.name = font
                            run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
                        if size:
                            run.font.size = Pt(size)
    document.save(str(path))
    return path


def libreoffice_pdfs(folder: Path, profile: Path, cases: list[dict]) -> list[Made]:
    """One PDF per case (``source``, ``name``, ``break_before`` a row key or "", and ``template_docx``'s
    options), saved by LibreOffice, all cases of a round in one conversion: printed, measured, the filler
    above table 三 adjusted until the page breaks before the row asked for."""
    fillers = {case["name"]: 1.0 for case in cases}
    pending = list(cases)
    for round_ in range(PLACING_ROUNDS):
        out = folder / f"round{round_}"
        out.mkdir(parents=True, exist_ok=True)
        documents = [template_docx(case["source"], out / f"{case['name']}.docx", filler=fillers[case["name"]],
                                   **_options(case)) for case in pending]
        still = []
        for case, pdf in zip(pending, _convert_all(documents, out, profile)):
            shutil.copy(pdf, folder / pdf.name)
            if case["break_before"]:
                filler = _next_filler(pdf, case["break_before"], LO_TEXT_BOTTOM, fillers[case["name"]])
                if filler is not None:
                    fillers[case["name"]] = filler
                    still.append(case)
        pending = still
        if not pending:
            break
    return [Made(folder / f"{case['name']}.pdf", case["source"], "LibreOffice", case["name"],
                 row_label(case["break_before"]) if case["break_before"] else "", printed_numbers(case["source"]))
            for case in cases]


def _options(case: dict) -> dict:
    return {k: v for k, v in case.items() if k not in ("source", "name", "break_before")}


def _convert_all(documents: list[Path], outdir: Path, profile: Path) -> list[Path]:
    soffice_convert_many(documents, outdir, profile)
    return [outdir / f"{d.stem}.pdf" for d in documents]


def soffice_convert_many(documents: list[Path], outdir: Path, profile: Path, target: str = "pdf") -> None:
    """Convert several documents to PDF in one LibreOffice start (a start costs seconds)."""
    if len(documents) == 1:
        soffice_convert(documents[0], outdir, target, profile)
        return
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice is not None
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", target, "--outdir", str(outdir), *map(str, documents)],
                   capture_output=True, text=True, timeout=600)
    missing = [d.name for d in documents if not (outdir / f"{d.stem}.pdf").exists()]
    assert not missing, f"LibreOffice 未能转换 {missing}"


# ---------------------------------------------------------------- Chromium from the saved page

def require_chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("未安装 Chromium（chromium），跳过由浏览器打印的 PDF 的测试；CI 会安装 Debian 的 chromium 包")


CHROMIUM_STYLES = {
    "plain": "",
    "underline": "td p { text-decoration: underline; }",
    "middle": "td { vertical-align: middle; padding: 3px } body { font-family: 'Noto Serif CJK SC' }",
    "big": "td { font-size: 20px; padding: 6px } body { font-size: 20px }",
    "small": "td { font-size: 10px }",
}


def word_cell(cell) -> str:
    """A cell pasted from Word: its sides ruled but the top and the left, which the cell above and the cell
    before it draw (Word's borders, meant to be collapsed)."""
    sides = ["border:solid windowtext 1.0pt", *(["border-top:none"] if cell.row else []),
             *(["border-left:none"] if cell.col else [])]
    return ";".join([*sides, "padding:0cm 5.4pt 0cm 5.4pt"])


def _unstyled(cell) -> str:
    return ""


# the tables' markup (``tests.report_html.table_html``'s attributes and cell styles) as sites write it
TABLE_MARKUPS: dict[str, dict] = {
    "collapsed": {},                                                            # our own page: borders collapsed
    "boxed": {"attributes": 'border="1" cellspacing="1" cellpadding="0" style="border-collapse:separate;width:100%"'},
    # HTML's default: every cell a grey box of its own, 2 px apart, each border printed twice
    "separated": {"attributes": 'border="1" width="100%"', "cell_style": _unstyled},
    "spaced": {"attributes": 'border="1" cellspacing="10" width="100%"', "cell_style": lambda cell: "font-size:9px"},
    "spacing-1-2": {"attributes": 'style="border-collapse:separate;border-spacing:1px 2px;width:100%;'
                                  'border:1px solid #000"', "cell_style": lambda cell: "border:1px solid #000"},
    "frame5": {"attributes": 'border="5" width="100%"', "cell_style": _unstyled},
    # pasted from Word, its cells' own borders, the table's border-collapse lost
    "word": {"attributes": 'class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style="border:none"',
             "cell_style": word_cell},
}


def chromium_html(report: Report, *, filler_px: float = 1.0, style: str = "plain", thead: bool = False,
                  markup: str = "collapsed", paper: str = "A4") -> str:
    """The saved page, table 三 on a fresh page below a filler, printed on ``paper`` (a key of
    ``PAPER_HEIGHT``) with 20 mm margins; its tables written in one of ``TABLE_MARKUPS``."""
    html = page(report, report.stated, **TABLE_MARKUPS[markup])
    css = (f"<style>@page {{ size: {paper}; margin: {CHROMIUM_MARGIN_PT / PX:.0f}px }} "
           f".filler {{ break-before: page; height: {filler_px:.1f}px }} {CHROMIUM_STYLES[style]}</style>")
    html = html.replace("</head>", css + "</head>")
    at = html.index(f"<strong>{TABLE_THREE_TITLE}")
    at = html.rindex("<p", 0, at)
    html = html[:at] + '<div class="filler"></div>' + html[at:]
    if thead:
        html = _with_thead(html)
    return html


def _with_thead(html: str) -> str:
    """Table 三's heading rows in ``<thead>``: Chromium prints them again on every page."""
    corner = html.index("（本列数据的勾稽关系")
    body = html.rfind("<tbody>", 0, corner)
    cut = body
    for _ in range(FORM_2021.table("requests").header_rows):
        cut = html.index("</tr>", cut) + len("</tr>")
    return html[:body] + "<thead>" + html[body + len("<tbody>"):cut] + "</thead><tbody>" + html[cut:]


def _print(chromium: str, html: str, path: Path, furniture: bool) -> Path:
    source = path.with_suffix(".html")
    source.write_text(html, encoding="utf-8")
    flags = [] if furniture else ["--no-pdf-header-footer"]
    result = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", *flags,
                             f"--print-to-pdf={path}", source.as_uri()], capture_output=True, text=True, timeout=120)
    assert path.exists(), f"Chromium 未能打印 {source.name}：{result.stderr[-500:]}"
    return path


def chromium_pdfs(folder: Path, cases: list[dict]) -> list[Made]:
    """One PDF per case (``source``, ``name``, ``break_before``, ``style``, ``thead``, ``furniture``): the
    saved page printed by Chromium, the page break before the row asked for."""
    chromium = require_chromium()
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for case in cases:
        options = {key: case[key] for key in ("style", "thead", "markup", "paper") if key in case}
        bottom = PAPER_HEIGHT[case.get("paper", "A4")] - CHROMIUM_MARGIN_PT
        path, filler = folder / f"{case['name']}.pdf", 1.0
        for _ in range(PLACING_ROUNDS):
            _print(chromium, chromium_html(case["source"], filler_px=filler / PX, **options), path,
                   case.get("furniture", False))
            moved = _next_filler(path, case["break_before"], bottom, filler) \
                if case["break_before"] else None
            if moved is None:
                break
            filler = moved
        made.append(Made(path, case["source"], "Chromium", case["name"],
                         row_label(case["break_before"]) if case["break_before"] else "",
                         printed_numbers(case["source"])))
    return made


def libreoffice_html_pdfs(folder: Path, profile: Path, cases: list[dict]) -> list[Made]:
    """One PDF per case (``source``, ``name``, ``markup``): the saved page printed by LibreOffice (Writer/Web),
    all in one conversion; the page breaks where LibreOffice puts them."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = []
    for case in cases:
        source = folder / f"{case['name']}.html"
        source.write_text(page(case["source"], case["source"].stated, **TABLE_MARKUPS[case["markup"]]),
                          encoding="utf-8")
        pages.append(source)
    soffice_convert_many(pages, folder, profile, "pdf:writer_web_pdf_Export")
    return [Made(folder / f"{case['name']}.pdf", case["source"], "LibreOffice", case["name"], "",
                 printed_numbers(case["source"])) for case in cases]


def page_of(pdf: Path, label: str) -> int:
    """The page on which a row of table 三 is printed."""
    return _row_span(pdf, label)[0]


__all__ = ["Made", "add_paragraphs_after", "chromium_pdfs", "libreoffice_html_pdfs", "libreoffice_pdfs", "page_of",
           "printed_numbers"]
