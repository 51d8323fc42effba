"""The report as a Word document (DOCX) in the layout of GB/T 9704—2012.

The package is built in code, part by part, rather than from python-docx's
default template (US Letter, ja-JP East-Asian language, theme fonts that send
Word and LibreOffice to Japanese glyphs).  Every run names its fonts in the
East-Asian slot and says zh-CN, as do the document defaults and every style.

Tables are generated from the form's grid cells: ``w:gridSpan`` for a
horizontal span, ``w:vMerge`` restart/continue for a vertical one.  A table
with a column header (表三, 表四) repeats it on each page (``w:tblHeader``);
no row splits across pages (``w:cantSplit``).  Page numbers "— N —" sit right
on odd pages and left on even ones (``w:evenAndOddHeaders`` and two footers).
"""
from __future__ import annotations

import datetime
import os
import zipfile
from pathlib import Path

from lxml import etree

from models.report import Report

from .common import (BODY_FONT, BODY_LINE_PT, BODY_PT, CELL_PAD_X_MM, CHAR_PITCH_PT, CHAR_SPACING_PT, FORM_PROPERTY,
                     HEADING1_FONT, HEADING2_FONT, INDENT_CHARS, KEEP_TOGETHER_ROWS, LATIN_FONT, MARGIN_BOTTOM_MM,
                     MARGIN_LEFT_MM, MARGIN_RIGHT_MM, MARGIN_TOP_MM, MIN_ROW_MM, PAGE_HEIGHT_MM, PAGE_NUMBER_FONT,
                     PAGE_NUMBER_GAP_MM, PAGE_NUMBER_PT, PAGE_WIDTH_MM, TABLE_FONT, TABLE_PT, TITLE_FONT,
                     TITLE_LINE_FACTOR, TITLE_PT, ExportResult, Heading, Paragraph, Signature, Table, Title, document_blocks,
                     write_atomically, xml_safe)
from .geometry import fit_table, overflow_warning, signature_box

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {"w": W_NS, "r": R_NS}

LANGUAGE = {"val": "en-US", "eastAsia": "zh-CN", "bidi": "ar-SA"}


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def half_points(pt: float) -> int:
    return round(pt * 2)


PAGE_WIDTH, PAGE_HEIGHT = twips(PAGE_WIDTH_MM), twips(PAGE_HEIGHT_MM)      # 11906 × 16838
MARGINS = {"top": twips(MARGIN_TOP_MM), "bottom": twips(MARGIN_BOTTOM_MM),
           "left": twips(MARGIN_LEFT_MM), "right": twips(MARGIN_RIGHT_MM)}
TEXT_WIDTH = PAGE_WIDTH - MARGINS["left"] - MARGINS["right"]
# GB/T 9704: the page number's top edge sits 7 mm below the text area
FOOTER_DISTANCE = twips(MARGIN_BOTTOM_MM - PAGE_NUMBER_GAP_MM - PAGE_NUMBER_PT * 25.4 / 72)
BODY_LINE = round(BODY_LINE_PT * 20)
TITLE_LINE = round(TITLE_PT * TITLE_LINE_FACTOR * 20)
TABLE_CELL_MARGIN = twips(CELL_PAD_X_MM)
CHAR_SPACING = round(CHAR_SPACING_PT * 20)    # 28 characters a line
INDENT_TWO_CHARS = round(CHAR_PITCH_PT * INDENT_CHARS * 20)
TABLE_ROW_MIN_HEIGHT = twips(MIN_ROW_MM)


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def el(tag: str, parent: etree._Element | None = None, **attrs) -> etree._Element:
    """A ``w:`` element with ``w:`` attributes (``r_id`` becomes ``r:id``)."""
    qualified = {}
    for name, value in attrs.items():
        if name == "r_id":
            qualified[f"{{{R_NS}}}id"] = str(value)
        else:
            qualified[w(name)] = str(value)
    if parent is None:
        return etree.Element(w(tag), qualified, nsmap=NSMAP)
    return etree.SubElement(parent, w(tag), qualified)


# ---------------------------------------------------------------- styles

class Style:
    """A paragraph style: its font (all four slots), size, and paragraph properties."""

    def __init__(self, style_id: str, name: str, font: str, size_pt: float, *, bold: bool = False,
                 align: str = "both", first_line: int = 0, line: int | None = BODY_LINE,
                 outline: int | None = None, keep_next: bool = False, snap: bool = True,
                 right_indent: int = 0, space_after: int = 0, latin: str | None = None,
                 spacing: int = 0) -> None:
        self.id, self.name, self.font, self.size = style_id, name, font, size_pt
        self.latin = latin or font
        self.bold, self.align, self.first_line, self.line = bold, align, first_line, line
        self.outline, self.keep_next, self.snap = outline, keep_next, snap
        self.right_indent, self.space_after = right_indent, space_after
        self.spacing = spacing

    def fonts(self, parent: etree._Element) -> etree._Element:
        # w:hint makes “ ” … and other shared punctuation take the East-Asian font
        return el("rFonts", parent, ascii=self.latin, hAnsi=self.latin, eastAsia=self.font, cs=self.latin,
                  hint="eastAsia")

    def run_properties(self, parent: etree._Element) -> etree._Element:
        rpr = el("rPr", parent)
        self.fonts(rpr)
        if self.bold:
            el("b", rpr)
            el("bCs", rpr)
        if self.spacing:
            el("spacing", rpr, val=self.spacing)
        el("sz", rpr, val=half_points(self.size))
        el("szCs", rpr, val=half_points(self.size))
        el("lang", rpr, **LANGUAGE)
        return rpr

    def paragraph_properties(self, parent: etree._Element) -> etree._Element:
        ppr = el("pPr", parent)
        if self.keep_next:
            el("keepNext", ppr)
            el("keepLines", ppr)
        if self is BODY:
            # said explicitly, as Word's default: without it LibreOffice drops a "、" that falls at a line's
            # end (measured: 29 of them in a 20,000-character section); the other styles inherit it
            el("overflowPunct", ppr, val=1)
        if not self.snap:
            el("snapToGrid", ppr, val=0)
        if self.line is None:
            el("spacing", ppr, before=0, after=self.space_after, line=240, lineRule="auto")
        else:
            el("spacing", ppr, before=0, after=self.space_after, line=self.line, lineRule="exact")
        indent = {"left": 0, "right": self.right_indent}
        if self.first_line:
            indent.update(firstLine=self.first_line)
        else:
            indent.update(firstLine=0)
        el("ind", ppr, **indent)
        el("jc", ppr, val=self.align)
        if self.outline is not None:
            el("outlineLvl", ppr, val=self.outline)
        return ppr


# digits and Latin letters of running text in Times New Roman, as the PDF export does
BODY = Style("a0", "Normal", BODY_FONT, BODY_PT, first_line=INDENT_TWO_CHARS, latin=LATIN_FONT,
             spacing=CHAR_SPACING)
TITLE = Style("Title", "Title", TITLE_FONT, TITLE_PT, align="center", line=TITLE_LINE, keep_next=True, snap=False)
HEADING1 = Style("Heading1", "heading 1", HEADING1_FONT, BODY_PT, first_line=INDENT_TWO_CHARS, outline=0,
                 keep_next=True, spacing=CHAR_SPACING)
HEADING2 = Style("Heading2", "heading 2", HEADING2_FONT, BODY_PT, first_line=INDENT_TWO_CHARS, outline=1,
                 keep_next=True, spacing=CHAR_SPACING)
TABLE_TEXT = Style("TableText", "表格文字", TABLE_FONT, TABLE_PT, align="center", line=None, snap=False)
TABLE_LABEL = Style("TableLabel", "表格行标题", TABLE_FONT, TABLE_PT, align="left", line=None, snap=False)
SIGNATURE = Style("Signature", "落款", BODY_FONT, BODY_PT, align="right", latin=LATIN_FONT, spacing=CHAR_SPACING)
FOOTER = Style("Footer", "footer", PAGE_NUMBER_FONT, PAGE_NUMBER_PT, line=None, snap=False)
STYLES = (BODY, TITLE, HEADING1, HEADING2, TABLE_TEXT, TABLE_LABEL, SIGNATURE, FOOTER)


def styles_xml() -> etree._Element:
    root = el("styles")
    defaults = el("docDefaults", root)
    rpr = el("rPr", el("rPrDefault", defaults))
    BODY.fonts(rpr)
    el("kern", rpr, val=2)
    el("sz", rpr, val=half_points(BODY_PT))
    el("szCs", rpr, val=half_points(BODY_PT))
    el("lang", rpr, **LANGUAGE)
    ppr = el("pPr", el("pPrDefault", defaults))
    el("widowControl", ppr, val=0)
    el("jc", ppr, val="both")
    for style in STYLES:
        node = el("style", root, type="paragraph", styleId=style.id)
        if style is BODY:
            node.set(w("default"), "1")
        el("name", node, val=style.name)
        if style is not BODY:
            el("basedOn", node, val=BODY.id)
            el("next", node, val=BODY.id)
        el("qFormat", node)
        style.paragraph_properties(node)
        style.run_properties(node)
    table = el("style", root, type="table", default=1, styleId="a1")
    el("name", table, val="Normal Table")
    el("semiHidden", table)
    tblpr = el("tblPr", table)
    el("tblInd", tblpr, w=0, type="dxa")
    margins = el("tblCellMar", tblpr)
    for side in ("top", "left", "bottom", "right"):
        el(side, margins, w=0 if side in ("top", "bottom") else 108, type="dxa")
    return root


# ---------------------------------------------------------------- paragraphs

def paragraph(body: etree._Element, style: Style, text: str, size_pt: float | None = None) -> etree._Element:
    p = el("p", body)
    ppr = el("pPr", p)
    el("pStyle", ppr, val=style.id)
    add_runs(p, style, text, size_pt)
    return p


def set_paragraph_properties(p: etree._Element, *, keep_next: bool = False, keep_lines: bool = False,
                             widow_control: bool = False, indent: dict[str, int] | None = None) -> None:
    """Direct paragraph properties after the style, in the schema's order."""
    ppr = p.find(w("pPr"))
    order = 1
    for wanted, tag in ((keep_next, "keepNext"), (keep_lines, "keepLines"), (widow_control, "widowControl")):
        if wanted:
            ppr.insert(order, el(tag))
            order += 1
    if indent is not None:
        el("ind", ppr, **indent)


def add_runs(p: etree._Element, style: Style, text: str, size_pt: float | None = None) -> None:
    """The text as runs carrying the style's fonts and zh-CN; a tab becomes ``w:tab``."""
    if not text:
        return
    r = el("r", p)
    rpr = style.run_properties(r)
    if size_pt is not None and size_pt != style.size:
        for tag in ("sz", "szCs"):
            rpr.find(w(tag)).set(w("val"), str(half_points(size_pt)))
    for i, piece in enumerate(text.split("\t")):
        if i:
            el("tab", r)
        if piece:
            t = el("t", r)
            t.set(f"{{{XML_NS}}}space", "preserve")
            t.text = piece


# ---------------------------------------------------------------- tables

def table_widths(widths_pt: tuple[float, ...]) -> list[int]:
    """Column widths in twips filling the text width exactly."""
    widths = [int(x * 20) for x in widths_pt]
    widths[-1] += TEXT_WIDTH - sum(widths)
    return widths


def add_table(body: etree._Element, block: Table, warnings: list[str]) -> None:
    table = block.table
    fit = fit_table(block, TEXT_WIDTH / 20)
    warning = overflow_warning(block, fit)
    if warning:
        warnings.append(warning)
    widths = table_widths(fit.widths)
    tbl = el("tbl", body)
    tblpr = el("tblPr", tbl)
    el("tblW", tblpr, w=TEXT_WIDTH, type="dxa")
    el("jc", tblpr, val="center")
    borders = el("tblBorders", tblpr)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el(side, borders, val="single", sz=4, space=0, color="000000")
    el("tblLayout", tblpr, type="fixed")
    margins = el("tblCellMar", tblpr)
    for side in ("top", "left", "bottom", "right"):
        el(side, margins, w=0 if side in ("top", "bottom") else TABLE_CELL_MARGIN, type="dxa")
    el("tblLook", tblpr, val="0000", firstRow=0, lastRow=0, firstColumn=0, lastColumn=0, noHBand=1, noVBand=1)
    grid = el("tblGrid", tbl)
    for width in widths:
        el("gridCol", grid, w=width)

    keep_together = table.n_rows <= KEEP_TOGETHER_ROWS
    for row in range(table.n_rows):
        tr = el("tr", tbl)
        trpr = el("trPr", tr)
        el("cantSplit", trpr)
        el("trHeight", trpr, val=TABLE_ROW_MIN_HEIGHT, hRule="atLeast")
        if row < table.header_rows:
            el("tblHeader", trpr)
        keep_next = row < table.header_rows or (keep_together and row < table.n_rows - 1)
        col = 0
        while col < table.n_cols:
            cell = table.cell_at(row, col)
            tc = el("tc", tr)
            tcpr = el("tcPr", tc)
            el("tcW", tcpr, w=sum(widths[col:col + cell.colspan]), type="dxa")
            if cell.colspan > 1:
                el("gridSpan", tcpr, val=cell.colspan)
            if cell.rowspan > 1:
                if cell.row == row:
                    el("vMerge", tcpr, val="restart")
                else:
                    el("vMerge", tcpr)
            el("vAlign", tcpr, val="center")
            text = block.text_of(cell) if cell.row == row else ""
            # row labels of a table's body read better flush left; headers, numbers and merged labels centre
            label_left = (not cell.is_number and not cell.header and table.header_rows > 0
                          and cell.rowspan == 1)
            p = paragraph(tc, TABLE_LABEL if label_left else TABLE_TEXT, text, fit.font_pt)
            if keep_next:
                set_paragraph_properties(p, keep_next=True)
            col += cell.colspan


# ---------------------------------------------------------------- document

def document_xml(report: Report, warnings: list[str] | None = None) -> etree._Element:
    warnings = [] if warnings is None else warnings
    root = el("document")
    body = el("body", root)
    last_text = None
    for block in document_blocks(report):
        if isinstance(block, Title):
            for line in block.lines:
                if line:
                    paragraph(body, TITLE, line)
            paragraph(body, TITLE, "")  # GB/T 9704: one blank line below the title
        elif isinstance(block, Heading):
            paragraph(body, HEADING1 if block.level == 1 else HEADING2, block.text)
        elif isinstance(block, Paragraph):
            last_text = paragraph(body, BODY, block.text)
            continue
        elif isinstance(block, Table):
            add_table(body, block, warnings)
            paragraph(body, BODY, "")  # Word needs a paragraph between two tables; it also gives air
        elif isinstance(block, Signature):
            add_signature(body, block, last_text)
        last_text = None

    sect = el("sectPr", body)
    el("footerReference", sect, type="default", r_id="rIdFooterOdd")
    el("footerReference", sect, type="even", r_id="rIdFooterEven")
    el("pgSz", sect, w=PAGE_WIDTH, h=PAGE_HEIGHT)
    el("pgMar", sect, **MARGINS, header=twips(15), footer=FOOTER_DISTANCE, gutter=0)
    el("pgNumType", sect, fmt="decimal")
    el("cols", sect, space=425)
    el("docGrid", sect, type="lines", linePitch=BODY_LINE)
    return root


def add_signature(body: etree._Element, block: Signature, last_text: etree._Element | None) -> None:
    """The 落款 (GB/T 9704 §7.3.5.1): the date 右空四字, the agency centred over it, both kept on the page
    that holds the last lines of the text before them."""
    agency, date = block.lines
    box = signature_box(date)
    if last_text is not None:
        # the paragraph's end goes with the 落款, at least two of its lines
        set_paragraph_properties(last_text, keep_next=True, widow_control=True)
    for _ in range(2):
        set_paragraph_properties(paragraph(body, BODY, ""), keep_next=True)
    if agency:
        p = paragraph(body, SIGNATURE, agency)
        set_paragraph_properties(p, keep_next=True, keep_lines=True,
                                 indent={"left": round(box.agency_left * 20), "right": 0, "firstLine": 0})
        p.find(w("pPr")).append(el("jc", val="center"))
    p = paragraph(body, SIGNATURE, date)
    set_paragraph_properties(p, keep_lines=True, indent={"left": 0, "right": round(box.date_right * 20),
                                                         "firstLine": 0})


def footer_xml(align: str) -> etree._Element:
    """A footer with "— PAGE —", one character in from the ``align`` edge (GB/T 9704 7.5)."""
    root = el("ftr")
    p = el("p", root)
    ppr = el("pPr", p)
    el("pStyle", ppr, val=FOOTER.id)
    one_char = round(PAGE_NUMBER_PT * 20)
    el("ind", ppr, left=one_char if align == "left" else 0, right=one_char if align == "right" else 0,
       firstLine=0)
    el("jc", ppr, val=align)
    add_runs(p, FOOTER, "— ")
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        r = el("r", p)
        FOOTER.run_properties(r)
        if kind == "instr":
            t = el("instrText", r)
            t.set(f"{{{XML_NS}}}space", "preserve")
            t.text = text
        elif kind == "text":
            el("t", r).text = text
        else:
            el("fldChar", r, fldCharType=kind)
    add_runs(p, FOOTER, " —")
    return root


def settings_xml() -> etree._Element:
    root = el("settings")
    el("zoom", root, percent=100)
    el("defaultTabStop", root, val=round(BODY_PT * 20))
    el("evenAndOddHeaders", root)
    el("characterSpacingControl", root, val="doNotCompress")
    compat = el("compat", root)
    el("compatSetting", compat, name="compatibilityMode", uri="http://schemas.microsoft.com/office/word", val=15)
    el("themeFontLang", root, val="en-US", eastAsia="zh-CN")
    el("decimalSymbol", root, val=".")
    el("listSeparator", root, val=",")
    return root


# the official faces with the face Windows ships as an alternative and their family (serif "roman" or
# sans "swiss"): a viewer that has neither substitutes a face of that family, in GB2312's character set (86)
FONT_TABLE = (
    (TITLE_FONT, "宋体", "roman"),
    (HEADING1_FONT, "SimHei", "swiss"),
    (HEADING2_FONT, "楷体", "roman"),
    (BODY_FONT, "仿宋", "roman"),
    (TABLE_FONT, "SimSun", "roman"),
)


def font_table_xml() -> etree._Element:
    root = el("fonts")
    for name, alternative, family in FONT_TABLE:
        font = el("font", root, name=name)
        el("altName", font, val=alternative)
        el("charset", font, val="86")
        el("family", font, val=family)
        el("pitch", font, val="variable")
    latin = el("font", root, name=LATIN_FONT)
    el("charset", latin, val="00")
    el("family", latin, val="roman")
    el("pitch", latin, val="variable")
    return root


# ---------------------------------------------------------------- package

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>
</Types>"""

PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>
</Relationships>"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
<Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>
<Relationship Id="rIdFooterOdd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
<Relationship Id="rIdFooterEven" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>
</Relationships>"""

APP_PROPERTIES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">
<Application>政府信息公开工作年度报告 填报工具</Application>
</Properties>"""


def _escape(text: str) -> str:
    return (xml_safe(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def core_properties(report: Report) -> str:
    title = "".join(report.title_lines)
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>{_escape(title)}</dc:title>
<dc:creator>{_escape(report.agency)}</dc:creator>
<dc:language>zh-CN</dc:language>
<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>
<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>
</cp:coreProperties>"""


def custom_properties(report: Report) -> str:
    """Custom properties that let an importer recognise the export: the form and the report year."""
    fmtid = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">
<property fmtid="{fmtid}" pid="2" name="{FORM_PROPERTY}"><vt:lpwstr>{_escape(report.form.id)}</vt:lpwstr></property>
<property fmtid="{fmtid}" pid="3" name="gkbg-year"><vt:i4>{int(report.year)}</vt:i4></property>
</Properties>"""


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def docx_parts(report: Report, warnings: list[str] | None = None) -> dict[str, bytes]:
    """Every part of the package by its name in the zip; what the clerk should know goes to ``warnings``."""
    return {
        "[Content_Types].xml": CONTENT_TYPES.encode(),
        "_rels/.rels": PACKAGE_RELS.encode(),
        "docProps/core.xml": core_properties(report).encode(),
        "docProps/app.xml": APP_PROPERTIES.encode(),
        "docProps/custom.xml": custom_properties(report).encode(),
        "word/_rels/document.xml.rels": DOCUMENT_RELS.encode(),
        "word/document.xml": _xml(document_xml(report, warnings)),
        "word/styles.xml": _xml(styles_xml()),
        "word/settings.xml": _xml(settings_xml()),
        "word/fontTable.xml": _xml(font_table_xml()),
        "word/footer1.xml": _xml(footer_xml("right")),   # odd pages (the default footer)
        "word/footer2.xml": _xml(footer_xml("left")),    # even pages
    }


def write_docx(report: Report, path: str | os.PathLike) -> ExportResult:
    """Write the report to ``path`` as DOCX; ``ExportError`` (Chinese) when it cannot be written."""
    warnings: list[str] = []
    parts = docx_parts(report, warnings)

    def write(tmp: Path) -> None:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts.items():
                z.writestr(name, data)

    write_atomically(path, write)
    return ExportResult(Path(path), "Word", warnings)
